"""What became of a ticket on paper: "take it below" with the printer's picture of it, or a
warning to keep the number because nothing printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.widgets import make_label


class PaperPicture(QLabel):
    """The printer's picture of a slip, as large as the room the page leaves it (up to
    ``max_height``): the number and the ways on come first, the picture takes what is left."""

    def __init__(self, max_height: int) -> None:
        super().__init__()
        self.setObjectName("PaperPreview")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self._max_height = max_height
        self._picture = QPixmap()

    def show_picture(self, picture: QPixmap) -> None:
        self._picture = picture
        self._fit()

    def clear(self) -> None:
        self._picture = QPixmap()
        super().clear()

    def sizeHint(self) -> QSize:
        return QSize(300, self._max_height)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 180)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._picture.isNull():
            return
        height = min(self._picture.height(), self._max_height, self.height() - 4)
        width = self.width() - 4
        fitted = self._picture.scaled(
            max(1, width),
            max(1, height),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.setPixmap(fitted)


class PrintedSlip(QWidget):
    def __init__(self, max_height: int) -> None:
        super().__init__()
        self.print_label = make_label(name="Notice")
        self.print_label.setWordWrap(True)
        self.print_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paper_preview = PaperPicture(max_height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.print_label)
        layout.addWidget(self.paper_preview, 1)

    def show_outcome(self, printed: bool, paper_png: Path | None) -> None:
        if printed:
            self.print_label.setText(self.tr("请取走下方打印的排队凭条"))
            self.print_label.setObjectName("Notice")
        else:
            self.print_label.setText(self.tr("凭条未能打印，请记住您的号码或用手机拍下此屏幕"))
            self.print_label.setObjectName("Warning")
        self.print_label.style().polish(self.print_label)
        if paper_png is not None:  # the virtual printer's picture of what it printed
            self.paper_preview.show_picture(QPixmap(str(paper_png)))

    def clear(self) -> None:
        self.print_label.clear()
        self.paper_preview.clear()
