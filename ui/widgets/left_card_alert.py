"""The full-screen alert when the last citizen's card is still on the reader.

A citizen who walks off without their ID card is usually still within earshot: the alert
covers the whole window and is spoken (again twice, a little apart). It goes by itself when
the card is taken; "我知道了" puts it aside for the next citizen, and home's notice stays until
the card is taken (kiosk.card_guard).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF
from PySide6.QtWidgets import QWidget

from ui.widgets import make_button, make_label
from ui.widgets.overlay import CenteredOverlay

REPEAT_MS = 15_000
REPEATS = 2


class LeftCardAlert(CenteredOverlay):
    say = Signal(str)  # the words to speak, now and at each repeat

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.sign = make_label("", "AlertSign")
        self.title = make_label("", "Title")
        self.text = make_label("", "Subtitle")
        self.text.setWordWrap(True)
        for label in (self.sign, self.title, self.text):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.box.addWidget(label)
        self.dismiss_button = make_button(name="Primary")
        self.dismiss_button.clicked.connect(self.clear)
        self.box.addWidget(self.dismiss_button)
        self._repeats_left = 0
        self.repeat_timer = QTimer(self, interval=REPEAT_MS)
        self.repeat_timer.timeout.connect(self._again)

    def raise_alert(self) -> None:
        # Worded now: the look (language) is the one the window has when the card is left.
        self.sign.setPixmap(card_sign(220))
        self.title.setText(self.tr("请取走您的卡片"))
        self.text.setText(self.tr("读卡区还有一张身份证或社保卡，请取走并妥善保管。"))
        self.dismiss_button.setText(self.tr("我知道了"))
        self.cover_parent()
        self._repeats_left = REPEATS
        self.repeat_timer.start()

    def clear(self) -> None:
        self.repeat_timer.stop()
        self.sign.clear()  # no picture kept on a hidden screen (the idle wipe checks them all)
        self.hide()

    def _again(self) -> None:
        if self._repeats_left <= 0:
            self.repeat_timer.stop()
            return
        self._repeats_left -= 1
        self.say.emit(self.tr("请取走您的卡片。"))


def card_sign(size: int) -> QPixmap:
    """A card on the reader and an arrow up, lifting it off: the picture says it without
    words (red on white, as the alert's title)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("white"))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    red = QColor("#c2161d")
    painter.setPen(QPen(red, size / 40))
    card = QRectF(size * 0.12, size * 0.50, size * 0.76, size * 0.42)
    painter.drawRoundedRect(card, size * 0.05, size * 0.05)
    painter.fillRect(QRectF(size * 0.20, size * 0.60, size * 0.14, size * 0.11), red)  # chip
    for row in (0.64, 0.74, 0.84):  # the printed lines
        painter.drawLine(QPointF(size * 0.42, size * row), QPointF(size * 0.78, size * row))
    painter.setBrush(red)
    arrow = QPolygonF(
        [QPointF(size * 0.5, size * 0.04), QPointF(size * 0.68, size * 0.24),
         QPointF(size * 0.57, size * 0.24), QPointF(size * 0.57, size * 0.42),
         QPointF(size * 0.43, size * 0.42), QPointF(size * 0.43, size * 0.24),
         QPointF(size * 0.32, size * 0.24)]
    )  # fmt: skip
    painter.drawPolygon(arrow)
    painter.end()
    return pixmap
