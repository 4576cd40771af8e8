"""Room above the on-screen keyboard on a page where text is typed.

The window shows its hosted keyboard while a text field that asks for it has the focus
(:mod:`ui.widgets.virtual_keyboard`), and the page above gets that much shorter. A
:class:`KeyboardRoom` puts the parts of the page that are not needed while typing aside for that
time (the ways to browse, the choices already made), so that the field, what it is for and the
action that follows stay in view; they come back as they were when the field loses the focus,
or when the citizen taps 收起键盘 (:meth:`KeyboardRoom.make_put_away_button`), which each such page
shows while typing, as large as its other actions (the keyboard's own hide key does the same:
ui.main_window).

The actions tapped while typing (a search result, 下一步, 提交评价) do not take the focus (no
kiosk button does: :func:`ui.widgets.make_button`). A button that took it would put the keyboard
away as the finger goes down, the page would move under the finger, and the tap would be lost.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QPushButton, QWidget

from ui.widgets import make_button

# The focus leaves for another window or a popup: the keyboard stays up (ui.main_window).
_KEEPS_KEYBOARD = (Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason)


class KeyboardRoom(QObject):
    """While ``edit`` has the focus, ``aside`` widgets are hidden (a list, or a function that
    names them when typing begins) and ``instead`` ones shown."""

    changed = Signal(bool)  # typing (the keyboard is up for the field) or not

    def __init__(
        self,
        edit: QLineEdit | QPlainTextEdit,
        aside: Iterable[QWidget] | Callable[[], Iterable[QWidget]],
        instead: Iterable[QWidget] = (),
    ) -> None:
        super().__init__(edit)
        self.edit = edit
        self.aside = aside if callable(aside) else list(aside)
        self.instead: list[QWidget] = list(instead)
        for widget in self.instead:
            widget.hide()
        self.typing = False
        self.put_away_button: QPushButton | None = None
        self._shown: dict[QWidget, bool] = {}  # what was on the page before typing began
        edit.installEventFilter(self)

    def make_put_away_button(self) -> QPushButton:
        """收起键盘, shown while typing: the keyboard goes, and the page is whole again."""
        button = make_button(self.tr("收起键盘"), "PutAway")
        button.clicked.connect(self.put_away)
        button.hide()
        self.instead.append(button)
        self.put_away_button = button
        return button

    def put_away(self) -> None:
        """The focus goes from the field to its window, which puts the keyboard away."""
        if self.edit.hasFocus():
            self.edit.window().setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and isinstance(event, QFocusEvent):
            if event.type() == QEvent.Type.FocusIn:
                self._set(True)
            elif event.type() == QEvent.Type.FocusOut and event.reason() not in _KEEPS_KEYBOARD:
                self._set(False)
        return False

    def _set(self, typing: bool) -> None:
        if typing is self.typing:
            return
        self.typing = typing
        if typing:
            aside = self.aside() if callable(self.aside) else self.aside
            self._shown = {widget: not widget.isHidden() for widget in aside}
            for widget in aside:
                widget.hide()
        else:
            for widget, shown in self._shown.items():
                widget.setVisible(shown)
            self._shown = {}
        for widget in self.instead:
            widget.setVisible(typing)
        self.changed.emit(typing)
