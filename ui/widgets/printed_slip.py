"""What became of a ticket on paper: "take it below" with the printer's picture of it, or a
warning to keep the number because nothing printed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets import make_label


class PrintedSlip(QWidget):
    def __init__(self, max_height: int) -> None:
        super().__init__()
        self._max_height = max_height
        self.print_label = make_label(name="Notice")
        self.print_label.setWordWrap(True)
        self.print_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paper_preview = make_label(name="PaperPreview")
        self.paper_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
            pixmap = QPixmap(str(paper_png))
            height = min(pixmap.height(), self._max_height)
            self.paper_preview.setPixmap(
                pixmap.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
            )

    def clear(self) -> None:
        self.print_label.clear()
        self.paper_preview.clear()
