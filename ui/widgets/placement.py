"""Where to put it: a short looping picture of a card, a phone's code, a slip or a sheet of paper
going onto the device that reads it, drawn with QPainter (no image files).

Theory of operation: one cycle is ``CYCLE_FRAMES`` frames, counted from the widget's showing.
The object starts whole, away from the device, travels onto it (eased), rests there while the
device "reads" it (waves, a scan line, the camera's light), fades out, and fades in at the start
again; a dashed outline and an arrow say where it goes at every moment of the cycle, so that
any single frame (a screenshot) tells the citizen too.

The scene is drawn in a fixed 240 x 160 box scaled to the widget's size; the size hint follows
the font, so the elder look (larger type) gets a larger picture. Colours come from the theme
(``qproperty-ink`` and friends on ``#Placement`` in ``ui/theme/*.qss``). The timer runs only
while the widget is shown: a hidden page costs nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import Property, QEasingCurve, QPointF, QRectF, QSize, QSizeF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFontInfo,
    QHideEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

FRAME_MS = 40  # 25 frames a second: smooth enough, and little work
CYCLE_FRAMES = 70  # 2.8 s from fading in to fading out
SCENE_W, SCENE_H = 240.0, 160.0
HINT_LINES = 6.0  # the picture's height in lines of the widget's type

# The cycle, in fractions of it: held at the start until HOLD, travelling until LANDED, read
# on the device until LEAVE, fading out there until GONE, then fading in at the start again.
HOLD, LANDED, LEAVE, GONE = 0.06, 0.42, 0.76, 0.86

# A QR code's look (7 x 7 finder patterns in the corners and a fixed scatter): a picture, not
# a code anyone should be able to scan.
_QR_SCATTER = (
    "000000001010100000000",
    "000000000101000000000",
    "000000001110100000000",
    "000000000011000000000",
    "000000001001100000000",
    "000000000110000000000",
    "000000001010100000000",
    "000000000100000000000",
    "101101110011011011010",
    "010011001100100100111",
    "110100111010110011001",
    "001011010111001101010",
    "100110101001110010110",
    "000000001101011010011",
    "000000000110101101100",
    "000000001011010110101",
    "000000000100111001010",
    "000000001101100110101",
    "000000000011010101100",
    "000000001100101011010",
    "000000000111010110011",
)


class Placement(enum.Enum):
    CARD = "card"  # an ID or social security card onto the reader pad
    QR = "qr"  # a phone showing a code, held up to the scanner window
    SLIP = "slip"  # a printed slip (ticket, receipt) with its code, to the scanner window
    PAPER = "paper"  # a sheet laid face up in the document camera's capture area


def _ease(t: float) -> float:
    return QEasingCurve(QEasingCurve.Type.InOutCubic).valueForProgress(min(max(t, 0.0), 1.0))


def _mix(a: QPointF, b: QPointF, t: float) -> QPointF:
    return QPointF(a.x() + (b.x() - a.x()) * t, a.y() + (b.y() - a.y()) * t)


def _round_pen(color: QColor, width: float) -> QPen:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    return pen


def _faded(color: QColor, alpha: float) -> QColor:
    faded = QColor(color)
    faded.setAlphaF(max(0.0, min(1.0, alpha)) * color.alphaF())
    return faded


class PlacementAnimation(QWidget):
    """The looping picture for one ``Placement``; its accessible name and tooltip say in words
    what it shows."""

    def __init__(self, kind: Placement, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("Placement")
        self._frame = 0
        self._timer = QTimer(self, interval=FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.timeout.connect(self._advance)
        # The theme sets these (ui/theme/*.qss); the defaults are the portrait look's.
        self._ink = QColor("#12509b")
        self._device = QColor("#c9d3e3")
        self._paper = QColor("#ffffff")
        self._signal = QColor("#e0a100")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        words = self.words()
        self.setAccessibleName(words)
        self.setToolTip(words)

    def words(self) -> str:
        return {
            Placement.CARD: self.tr("将身份证或社保卡平放在读卡区"),
            Placement.QR: self.tr("将手机上的二维码对准扫码窗口"),
            Placement.SLIP: self.tr("将凭条或回执上的二维码对准扫码窗口"),
            Placement.PAPER: self.tr("将材料正面朝上平放在拍摄区内"),
        }[self.kind]

    # -- the theme's colours (qproperty-ink, -device, -paper, -signal)

    def _get_ink(self) -> QColor:
        return self._ink

    def _set_ink(self, color: QColor) -> None:
        self._ink = QColor(color)
        self.update()

    def _get_device(self) -> QColor:
        return self._device

    def _set_device(self, color: QColor) -> None:
        self._device = QColor(color)
        self.update()

    def _get_paper(self) -> QColor:
        return self._paper

    def _set_paper(self, color: QColor) -> None:
        self._paper = QColor(color)
        self.update()

    def _get_signal(self) -> QColor:
        return self._signal

    def _set_signal(self, color: QColor) -> None:
        self._signal = QColor(color)
        self.update()

    ink = Property(QColor, _get_ink, _set_ink)
    device = Property(QColor, _get_device, _set_device)
    paper = Property(QColor, _get_paper, _set_paper)
    signal = Property(QColor, _get_signal, _set_signal)

    # -- running only while shown

    @property
    def frame(self) -> int:
        """Frames drawn since the widget was last shown."""
        return self._frame

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._frame = 0  # each showing starts with the object on its way
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._timer.stop()
        super().hideEvent(event)

    def _advance(self) -> None:
        self._frame += 1
        self.update()

    # -- size

    def _line(self) -> int:
        return max(QFontInfo(self.font()).pixelSize(), 12)

    def sizeHint(self) -> QSize:
        height = round(self._line() * HINT_LINES)
        return QSize(round(height * SCENE_W / SCENE_H), height)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(hint.width() // 2, hint.height() // 2)

    # -- drawing

    def paintEvent(self, event: QPaintEvent) -> None:
        phase = (self._frame % CYCLE_FRAMES) / CYCLE_FRAMES
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scale = min(self.width() / SCENE_W, self.height() / SCENE_H)
        painter.translate(
            (self.width() - SCENE_W * scale) / 2, (self.height() - SCENE_H * scale) / 2
        )
        painter.scale(scale, scale)
        scene = _Scene(painter, self._ink, self._device, self._paper, self._signal, phase)
        try:
            {
                Placement.CARD: scene.card,
                Placement.QR: scene.phone,
                Placement.SLIP: scene.slip,
                Placement.PAPER: scene.paper_sheet,
            }[self.kind]()
        finally:  # a painter left active on a widget brings the process down
            painter.end()


class _Scene:
    """One frame of one placement, in scene units (240 x 160)."""

    def __init__(
        self,
        painter: QPainter,
        ink: QColor,
        device: QColor,
        paper: QColor,
        signal: QColor,
        phase: float,
    ) -> None:
        self.p = painter
        self.ink, self.device, self.paper, self.signal = ink, device, paper, signal
        # The first frame shows the object whole at its start: a page is understood at once
        # (and a screenshot of it too).
        self.travel = 0.0 if phase >= GONE else _ease((phase - HOLD) / (LANDED - HOLD))
        if LEAVE < phase < GONE:
            self.seen = 1.0 - (phase - LEAVE) / (GONE - LEAVE)
        elif phase >= GONE:
            self.seen = (phase - GONE) / (1.0 - GONE)
        else:
            self.seen = 1.0
        # How far the device has got with reading it (None: not on the device).
        self.reading = (phase - LANDED) / (LEAVE - LANDED) if LANDED <= phase <= LEAVE else None

    # -- the four scenes

    def card(self) -> None:
        rest = QRectF(72, 84, 96, 60)  # an ID card's proportions (85.6 x 54 mm)
        pad = QRectF(50, 72, 140, 84)
        self._box(pad, 14, self.device, None)
        self._target(rest, 7)
        self._contactless(rest.center())
        start = QPointF(120, 42)
        self._arrow(QPointF(214, 18), QPointF(214, 104))
        centre = _mix(start, rest.center(), self.travel)
        lift = 1.0 - self.travel
        self._shadow(rest.size(), centre, lift)
        self.p.save()
        self.p.translate(centre)
        self.p.scale(1.0 + 0.14 * lift, 1.0 + 0.14 * lift)
        self.p.setOpacity(self.seen)
        self._id_card(QRectF(-48, -30, 96, 60))
        self.p.restore()
        if self.reading is not None:
            self._waves(QPointF(rest.right() - 8, rest.top() + 8), self.reading)

    def phone(self) -> None:
        self._scanner_window()
        self._hand_over(QSizeF(54, 100), self._phone_body)

    def slip(self) -> None:
        self._scanner_window()
        self._hand_over(QSizeF(58, 104), self._printed_slip)

    def paper_sheet(self) -> None:
        area = QRectF(64, 34, 112, 122)
        self._box(area, 6, self.device, None)
        rest = QRectF(85, 50, 70, 99)  # A4's proportions
        self._target(rest, 2)
        self._corners(area.adjusted(6, 6, -6, -6), 14, self.ink, 3)
        self._camera_head(QPointF(120, 18))
        self._arrow(QPointF(10, 24), QPointF(56, 24))
        start = QPointF(48, 92)
        centre = _mix(start, rest.center(), self.travel)
        lift = 1.0 - self.travel
        self._shadow(rest.size(), centre, lift)
        self.p.save()
        self.p.translate(centre)
        self.p.rotate(-10 * lift)
        self.p.scale(1.0 + 0.04 * lift, 1.0 + 0.04 * lift)
        self.p.setOpacity(self.seen)
        self._sheet(QRectF(-35, -49.5, 70, 99))
        self.p.restore()
        if self.reading is not None:  # the camera's light on the page
            glow = 1.0 - abs(self.reading * 2 - 1)
            light = QPolygonF(
                [QPointF(112, 26), QPointF(128, 26), QPointF(rest.right() + 6, rest.bottom()),
                 QPointF(rest.left() - 6, rest.bottom())]
            )  # fmt: skip
            self.p.setPen(Qt.PenStyle.NoPen)
            self.p.setBrush(_faded(self.signal, 0.28 * glow * self.seen))
            self.p.drawPolygon(light)
            self._corners(area.adjusted(6, 6, -6, -6), 14, _faded(self.signal, glow), 4)

    # -- devices

    def _scanner_window(self) -> None:
        frame = QRectF(112, 20, 112, 128)
        self._box(frame, 16, self.device, None)
        glass = frame.adjusted(12, 12, -12, -12)
        self._box(glass, 8, self.ink.darker(170), None)
        self._corners(glass.adjusted(6, 6, -6, -6), 14, self.signal, 3.5)

    def _camera_head(self, centre: QPointF) -> None:
        self.p.setPen(_round_pen(self.ink, 6))
        self.p.drawLine(QPointF(centre.x(), 0), centre)  # the arm, from behind
        body = QRectF(centre.x() - 22, centre.y() - 11, 44, 22)
        self._box(body, 8, self.ink, None)
        self.p.setPen(QPen(self.paper, 2.5))
        self.p.setBrush(self.device)
        self.p.drawEllipse(centre, 6.5, 6.5)

    # -- objects (drawn around 0, 0)

    def _id_card(self, rect: QRectF) -> None:
        self._box(rect, 7, self.paper, QPen(self.ink, 2.4))
        photo = QRectF(rect.right() - 30, rect.top() + 12, 22, 28)
        self._box(photo, 3, self.device, None)
        self.p.setPen(_round_pen(_faded(self.ink, 0.55), 3.2))
        for n, length in enumerate((40, 52, 34, 52)):
            y = rect.top() + 14 + n * 9
            self.p.drawLine(QPointF(rect.left() + 10, y), QPointF(rect.left() + 10 + length, y))
        self.p.drawLine(
            QPointF(rect.left() + 10, rect.bottom() - 10),
            QPointF(rect.right() - 10, rect.bottom() - 10),
        )

    def _phone_body(self, rect: QRectF) -> None:
        self._box(rect, 10, self.ink, None)
        screen = rect.adjusted(4, 10, -4, -10)
        self._box(screen, 3, self.paper, None)
        side = screen.width() - 8
        code = QRectF(-side / 2, screen.center().y() - side / 2, side, side)
        self._qr(code)

    def _printed_slip(self, rect: QRectF) -> None:
        self._box(rect, 2, self.paper, QPen(_faded(self.ink, 0.7), 1.8))
        self.p.setPen(_round_pen(self.ink, 7))
        self.p.drawLine(QPointF(-12, rect.top() + 14), QPointF(12, rect.top() + 14))
        self.p.setPen(_round_pen(_faded(self.ink, 0.5), 2.4))
        for n in range(2):
            y = rect.top() + 28 + n * 8
            self.p.drawLine(QPointF(rect.left() + 9, y), QPointF(rect.right() - 9, y))
        side = rect.width() - 22
        self._qr(QRectF(-side / 2, rect.bottom() - side - 9, side, side))

    def _sheet(self, rect: QRectF) -> None:
        self._box(rect, 2, self.paper, QPen(_faded(self.ink, 0.7), 1.8))
        self.p.setPen(_round_pen(self.ink, 4))
        self.p.drawLine(QPointF(-16, rect.top() + 12), QPointF(16, rect.top() + 12))
        self.p.setPen(_round_pen(_faded(self.ink, 0.45), 2.4))
        for n in range(8):
            y = rect.top() + 26 + n * 8.5
            right = rect.right() - (20 if n % 3 == 2 else 9)
            self.p.drawLine(QPointF(rect.left() + 9, y), QPointF(right, y))

    def _qr(self, rect: QRectF) -> None:
        n = len(_QR_SCATTER)
        cell = rect.width() / n
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(self.ink)
        for row, line in enumerate(_QR_SCATTER):
            for col, dark in enumerate(line):
                if dark == "1":
                    self.p.drawRect(
                        QRectF(rect.left() + col * cell, rect.top() + row * cell, cell, cell)
                    )
        for corner in (rect.topLeft(), QPointF(rect.right() - 7 * cell, rect.top()),
                       QPointF(rect.left(), rect.bottom() - 7 * cell)):  # fmt: skip
            self.p.setBrush(self.ink)
            self.p.drawRect(QRectF(corner, QSizeF(7 * cell, 7 * cell)))
            self.p.setBrush(self.paper)
            self.p.drawRect(QRectF(corner + QPointF(cell, cell), QSizeF(5 * cell, 5 * cell)))
            self.p.setBrush(self.ink)
            self.p.drawRect(
                QRectF(corner + QPointF(2 * cell, 2 * cell), QSizeF(3 * cell, 3 * cell))
            )

    # -- moving a held object over the scanner window, with its scan line

    def _hand_over(self, size: QSizeF, draw: Callable[[QRectF], None]) -> None:
        rest = QPointF(168, 84)
        start = QPointF(52, 80)
        self._arrow(QPointF(78, 150), QPointF(136, 150))
        centre = _mix(start, rest, self.travel)
        lift = 1.0 - self.travel
        self.p.save()
        self.p.translate(centre)
        self.p.rotate(-10 * lift)
        self.p.setOpacity(self.seen)
        rect = QRectF(-size.width() / 2, -size.height() / 2, size.width(), size.height())
        draw(rect)
        self.p.restore()
        if self.reading is not None:
            top, bottom = rest.y() - size.height() / 2 + 6, rest.y() + size.height() / 2 - 6
            y = top + (bottom - top) * self.reading
            self.p.setPen(_round_pen(_faded(self.signal, self.seen), 3.5))
            self.p.drawLine(QPointF(rest.x() - 36, y), QPointF(rest.x() + 36, y))

    # -- marks

    def _box(self, rect: QRectF, radius: float, fill: QColor, pen: QPen | None) -> None:
        self.p.setPen(pen if pen is not None else Qt.PenStyle.NoPen)
        self.p.setBrush(fill)
        self.p.drawRoundedRect(rect, radius, radius)

    def _target(self, rect: QRectF, radius: float) -> None:
        """Where the object goes: a dashed outline, strongest while the spot is empty."""
        pen = QPen(_faded(self.signal, 1.0 if self.reading is None else 0.5), 3)
        pen.setDashPattern([3, 2])
        self.p.setPen(pen)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRoundedRect(rect, radius, radius)

    def _shadow(self, size: QSizeF, centre: QPointF, lift: float) -> None:
        """The object's shadow on the device: it joins the object as the object comes down."""
        offset = QPointF(6 + 10 * lift, 6 + 16 * lift)
        rect = QRectF(centre + offset - QPointF(size.width() / 2, size.height() / 2), size)
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.setBrush(_faded(QColor(0, 0, 0), (0.16 - 0.08 * lift) * self.seen))
        self.p.drawRoundedRect(rect, 6, 6)

    def _arrow(self, tail: QPointF, head: QPointF) -> None:
        """Which way the object goes; it fades once the object is there."""
        alpha = 0.8 * (1.0 - self.travel) + 0.2
        self.p.setPen(_round_pen(_faded(self.ink, alpha), 5))
        self.p.drawLine(tail, head)
        along = head - tail
        length = max((along.x() ** 2 + along.y() ** 2) ** 0.5, 1.0)
        ux, uy = along.x() / length, along.y() / length
        back = QPointF(head.x() - ux * 12, head.y() - uy * 12)
        side = QPointF(-uy * 9, ux * 9)
        self.p.setBrush(_faded(self.ink, alpha))
        self.p.setPen(Qt.PenStyle.NoPen)
        self.p.drawPolygon(QPolygonF([head + QPointF(ux * 4, uy * 4), back + side, back - side]))

    def _corners(self, rect: QRectF, length: float, color: QColor, width: float) -> None:
        self.p.setPen(_round_pen(color, width))
        path = QPainterPath()
        for corner, dx, dy in (
            (rect.topLeft(), 1, 1),
            (rect.topRight(), -1, 1),
            (rect.bottomLeft(), 1, -1),
            (rect.bottomRight(), -1, -1),
        ):
            path.moveTo(corner + QPointF(dx * length, 0))
            path.lineTo(corner)
            path.lineTo(corner + QPointF(0, dy * length))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawPath(path)

    def _contactless(self, centre: QPointF) -> None:
        """The reader's mark where the card goes (seen while the spot is empty)."""
        self.p.setPen(_round_pen(_faded(self.ink, 0.35), 3.5))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        for r in (6, 13, 20):
            self.p.drawArc(
                QRectF(centre.x() - 14 - r, centre.y() - r, 2 * r, 2 * r), -40 * 16, 80 * 16
            )

    def _waves(self, origin: QPointF, progress: float) -> None:
        """The reader answering: arcs going out from the card, one after another."""
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        for n in range(3):
            grown = progress * 1.6 - n * 0.3
            if not 0.0 < grown < 1.0:
                continue
            r = 10 + 34 * grown
            self.p.setPen(_round_pen(_faded(self.signal, (1.0 - grown) * self.seen), 5))
            self.p.drawArc(QRectF(origin.x() - r, origin.y() - r, 2 * r, 2 * r), 0, 90 * 16)
