"""An on-screen numeric keypad for phone numbers, ID numbers and codes.

Big keys (at least 80 px) in the telephone layout; ``X`` only where an ID number needs it. It
types into the line edit it serves, so a physical keyboard keeps working alongside it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

KEY_SIZE = 110  # px high where there is room
MIN_KEY_SIZE = 80  # where there is not (a form beside the keypad, elder mode's larger text)


class Key(QPushButton):
    """A keypad key: KEY_SIZE high where the page has room, down to MIN_KEY_SIZE where it
    has not, so that the whole keypad and the way on stay on screen."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setObjectName("Key")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(KEY_SIZE * 2, MIN_KEY_SIZE)

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(QSize(KEY_SIZE * 2, KEY_SIZE))

    def minimumSizeHint(self) -> QSize:
        return QSize(KEY_SIZE * 2, MIN_KEY_SIZE)


class NumericKeypad(QWidget):
    changed = Signal(str)

    def __init__(self, target: QLineEdit, *, allow_x: bool = False) -> None:
        super().__init__()
        self.target = target
        self.keys: dict[str, QPushButton] = {}
        self._grid = grid = QGridLayout(self)
        grid.setSpacing(16)
        rows = ["123", "456", "789", "C0⌫"]
        for r, row in enumerate(rows):
            for c, key in enumerate(row):
                button = Key(key)
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep the caret in the field
                button.clicked.connect(lambda _=False, k=key: self.press(k))
                grid.addWidget(button, r, c)
                self.keys[key] = button
        self.allow_x = allow_x
        self.set_allow_x(allow_x)

    def set_allow_x(self, allow_x: bool) -> None:
        """The corner key types X (an ID number's check digit) or clears the field (any other
        number: a phone number has no X)."""
        self.allow_x = allow_x
        corner = self.keys["C"]
        corner.setText("X" if allow_x else self.tr("清空"))
        self.keys.pop("X", None)
        if allow_x:
            self.keys["X"] = corner

    def set_compact(self, compact: bool) -> None:
        """Closer keys where height is scarce (beside a form on a landscape screen); the keys
        themselves shrink to MIN_KEY_SIZE as the page needs."""
        self._grid.setSpacing(12 if compact else 16)

    def press(self, key: str) -> None:
        if key == "⌫":
            self.target.backspace()
        elif key == "C" and not self.allow_x:
            self.target.clear()
        elif key == "C":
            self.target.insert("X")
        else:
            self.target.insert(key)
        self.changed.emit(self.target.text())
