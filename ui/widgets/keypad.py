"""An on-screen numeric keypad for phone numbers, ID numbers and codes.

Big keys (at least 80 px) in the telephone layout; ``X`` only where an ID number needs it. It
types into the line edit it serves, so a physical keyboard keeps working alongside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QWidget

from ui.widgets import make_button

KEY_SIZE = 110


class NumericKeypad(QWidget):
    changed = Signal(str)

    def __init__(self, target: QLineEdit, *, allow_x: bool = False) -> None:
        super().__init__()
        self.target = target
        self.keys: dict[str, QPushButton] = {}
        self._grid = grid = QGridLayout(self)
        grid.setSpacing(16)
        rows = ["123", "456", "789", ("X" if allow_x else "C") + "0⌫"]
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                text = self.tr("清空") if key == "C" else key
                button = make_button(text, "Key")
                button.setMinimumSize(KEY_SIZE * 2, KEY_SIZE)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the caret in the field
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c)
                self.keys[key] = button

    def set_compact(self, compact: bool) -> None:
        """Shorter keys (still over 80 px) where height is scarce: beside a form on a
        landscape screen, so that every key and the way on fit without scrolling."""
        self._grid.setSpacing(12 if compact else 16)
        for button in self.keys.values():
            button.setProperty("compact", compact)
            button.style().unpolish(button)
            button.style().polish(button)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.target.backspace()
        elif key == "C":
            self.target.clear()
        else:
            self.target.insert(key)
        self.changed.emit(self.target.text())
