"""A dimmed layer over the whole window with a white box in the middle (questions, PIN pad)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget


class CenteredOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        box = QWidget(self)
        box.setObjectName("OverlayBox")
        box.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
        outer.addStretch(1)
        self.box = QVBoxLayout(box)  # subclasses fill the box
        self.box.setContentsMargins(60, 50, 60, 50)
        self.box.setSpacing(30)
        self.hide()

    def cover_parent(self) -> None:
        """Show over the whole parent window, above every screen."""
        parent = self.parentWidget()
        assert parent is not None
        self.setGeometry(parent.rect())
        self.raise_()
        self.show()
