"""A whole item form, a screen at a time: the applicant (read-only), one widget per field, a
numeric keypad for the digits fields.

The fields are dealt onto screens that fit the height the form is given (a repeating group has
a screen of its own, each of its rows screens of their own while it is filled), so nothing the
citizen must read or fill is ever below the fold. ``go_on()`` checks the fields on screen with
kiosk.forms and shows each problem next to its field; it says the form is done only after the
last screen, with every answer checked once more.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms import FieldError, FieldSpec, Kind, Problem, check_form
from ui.widgets.form_fields import (
    KEYPAD_KINDS,
    FieldWidget,
    GroupField,
    GroupRow,
    make_field,
    problem_text,
    read_only_row,
)
from ui.widgets.keypad import NumericKeypad
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

SIDE_BY_SIDE_WIDTH = 1400  # px: wider than a portrait screen
KEYPAD_SIDE_WIDTH = 720  # three keys of 220 px and their spacing
SPACING = 24

Screen = list[QWidget]


class FormView(QWidget):
    moved = Signal()  # another screen is shown, or the screens were dealt anew

    def __init__(self, specs: list[FieldSpec], identity_rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.specs = specs
        self.outer = outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(SPACING)
        # The sheet holds every widget of the form; only the current screen's are shown. Its
        # content never asks for height: the screens are dealt to fit the height it is given.
        self.sheet = QWidget()
        self.sheet.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.body = QVBoxLayout(self.sheet)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(SPACING)
        self.identity = QWidget()
        rows = QVBoxLayout(self.identity)
        rows.setContentsMargins(0, 0, 0, 0)
        for label, value in identity_rows:
            rows.addWidget(read_only_row(label, value))
        self.body.addWidget(self.identity)
        self.has_identity = bool(identity_rows)
        self.fields: dict[str, FieldWidget] = {}
        for spec in specs:
            widget = make_field(spec)
            widget.focused.connect(self._retarget)
            if isinstance(widget, GroupField):
                widget.edit_requested.connect(self._edit_row)
                widget.row_removed.connect(lambda _row: self._end_row())
            self.body.addWidget(widget, 1 if isinstance(widget, GroupField) else 0)
            self.fields[spec.name] = widget
        self.body.addStretch(1)
        outer.addWidget(self.sheet, 1)
        self._blank = QLineEdit()  # the keypad's target until a digits field takes focus
        self.keypad = NumericKeypad(self._blank, allow_x=True)
        outer.addWidget(self.keypad)
        self.screens: list[Screen] = [self._top_level()]
        self.screen_index = 0
        self.row: GroupRow | None = None  # a group's row being filled, on screens of its own
        self.row_screens: list[Screen] = []
        self.row_index = 0
        self._dealt_for = QSize()
        self._show_screen()

    # -- dealing the fields onto screens ---------------------------------------------------

    def _top_level(self) -> Screen:
        return ([self.identity] if self.has_identity else []) + list(self.fields.values())

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a wide (landscape) screen the keypad sits beside the form, not under it.
        wide = event.size().width() > SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.outer.direction() != direction:
            self.outer.setDirection(direction)
            self.keypad.setMaximumWidth(KEYPAD_SIDE_WIDTH if wide else 16777215)
            self.keypad.set_compact(wide)
        if event.size() != self._dealt_for:
            self._dealt_for = event.size()
            self._deal()
        super().resizeEvent(event)

    def _room(self, with_keypad: bool) -> QSize:
        """The sheet's size when the keypad is (or is not) shown beside or under it."""
        size = self.size()
        if not with_keypad:
            return size
        if self.outer.direction() is QBoxLayout.Direction.LeftToRight:
            keypad = min(KEYPAD_SIDE_WIDTH, self.keypad.sizeHint().width())
            return QSize(size.width() - keypad - SPACING, size.height())
        return QSize(size.width(), size.height() - self.keypad.sizeHint().height() - SPACING)

    def _deal_widgets(self, widgets: list[QWidget]) -> list[Screen]:
        """As many widgets to a screen as fit, in order; a group always alone."""
        screens: list[Screen] = []
        current: Screen = []
        measured: dict[tuple[QWidget, int], int] = {}
        for widget in widgets:
            if isinstance(widget, GroupField):
                screens += [current] if current else []
                screens.append([widget])
                current = []
                continue
            candidate = [*current, widget]
            if current and not self._fits(candidate, measured):
                screens.append(current)
                candidate = [widget]
            current = candidate
        return screens + ([current] if current else [])

    def _fits(self, screen: Screen, measured: dict[tuple[QWidget, int], int]) -> bool:
        """Whether ``screen`` fits the sheet beside or under the keypad it needs; each widget
        is measured once per width in ``measured`` (a deal tries many screens)."""
        room = self._room(_wants_keypad(screen))
        for widget in screen:
            if (widget, room.width()) not in measured:
                measured[widget, room.width()] = _height_with_message(widget, room.width())
        height = sum(measured[w, room.width()] for w in screen) + SPACING * (len(screen) - 1)
        return height <= room.height()

    def _deal(self) -> None:
        if self.height() <= 0:
            return
        if (typing := _typing_in(self.shown())) is not None:
            self._show_typing(typing)
            return
        first = self.screens[self.screen_index][0] if self.screens[self.screen_index] else None
        self.screens = self._deal_widgets(self._top_level()) or [[]]
        self.screen_index = next((i for i, s in enumerate(self.screens) if first in s), 0)
        if self.row is not None:
            first = self.row_screens[self.row_index][0] if self.row_screens else None
            self.row_screens = self._deal_widgets(self.row.widgets())
            self.row_index = next((i for i, s in enumerate(self.row_screens) if first in s), 0)
        self._show_screen()

    def _show_typing(self, typing: QWidget) -> None:
        """The hosted keyboard is up and took height: the same screens (and steps), the field
        being typed into kept in view with as many of its screen's neighbours as fit (those
        above it first); the others come back when the keyboard goes."""
        shown = self.shown()
        at = shown.index(typing)
        keep = [typing]
        measured: dict[tuple[QWidget, int], int] = {}
        for widget in [*reversed(shown[:at]), *shown[at + 1 :]]:
            trial = sorted([*keep, widget], key=shown.index)
            if not self._fits(trial, measured):
                break
            keep = trial
        for widget in shown:
            widget.setVisible(widget in keep)
        self.keypad.setVisible(_wants_keypad(keep))

    # -- which screen is shown -------------------------------------------------------------

    @property
    def screen_count(self) -> int:
        return len(self.screens)

    @property
    def position(self) -> tuple[int, int, int]:
        """Which screen is shown: (screen, the group row being filled or -1, its screen)."""
        row = -1 if self.row is None else self._row_place(self.row)[1]
        return self.screen_index, row, self.row_index

    def shown_titles(self) -> list[str]:
        """The titles of the fields on the screen shown, as the citizen reads them."""
        return [w.title.text() for w in self.shown() if isinstance(w, FieldWidget)]

    def shown(self) -> Screen:
        if self.row is not None:
            return self.row_screens[self.row_index]
        return self.screens[self.screen_index]

    def _show_screen(self) -> None:
        shown = self.shown()
        everything = [self.identity, *self.fields.values()]
        for group in self._groups():
            for row in group.rows:
                everything += row.widgets()
        for widget in everything:
            if widget not in shown:
                widget.hide()
        for widget in shown:
            widget.show()
        self.keypad.target = self._blank
        self.keypad.set_allow_x(False)  # until an ID number field takes focus
        self.keypad.setVisible(_wants_keypad(shown))
        self.moved.emit()

    def _groups(self) -> list[GroupField]:
        return [w for w in self.fields.values() if isinstance(w, GroupField)]

    def _edit_row(self, row: object, at: QWidget | None = None) -> None:
        """Fill one of a group's rows on screens of its own (from the one showing ``at``),
        then back to the group."""
        assert isinstance(row, GroupRow)
        for widget in row.widgets():
            if widget.parent() is not self.sheet:
                self.body.insertWidget(self.body.count() - 1, widget)
        self.row = row
        self.row_screens = self._deal_widgets(row.widgets())
        self.row_index = next((i for i, s in enumerate(self.row_screens) if at in s), 0)
        self._show_screen()

    def _end_row(self) -> None:
        self.row = None
        self.row_screens = []
        for group in self._groups():
            group.refresh()
        self._show_screen()

    # -- going on and back -----------------------------------------------------------------

    def go_on(self) -> bool:
        """Check the answers on screen and show the next screen: True when the form is done
        (past its last screen, every answer right)."""
        errors = check_form(self.specs, self.values())
        if self.row is not None:
            group, number = self._row_place(self.row)
            mine = [e for e in errors if e.field == group.spec.name and e.row == number]
            if self._say(mine, self.shown()):
                return False
            if self.row_index + 1 < len(self.row_screens):
                self.row_index += 1
                self._show_screen()
            else:
                self._end_row()
            return False
        if self._say(errors, self.shown()):
            return False
        if self.screen_index + 1 < len(self.screens):
            self.screen_index += 1
            self._show_screen()
            return False
        # Past the last screen: every answer once more (an earlier one may have changed).
        for index, screen in enumerate(self.screens):
            if self._say(errors, screen, check_only=True):
                self.screen_index = index
                self._show_screen()
                self._say(errors, screen)
                return False
        return True

    def go_back(self) -> bool:
        """The screen before: True when there is none (the journey's step before)."""
        if self.row is not None:
            if self.row_index > 0:
                self.row_index -= 1
                self._show_screen()
            elif self.row.is_blank():
                self._row_place(self.row)[0].remove_row(self.row)
            else:
                self._end_row()
            return False
        if self.screen_index > 0:
            self.screen_index -= 1
            self._show_screen()
            return False
        return True

    def _row_place(self, row: GroupRow) -> tuple[GroupField, int]:
        group = next(g for g in self._groups() if row in g.rows)
        return group, group.rows.index(row)

    def _say(self, errors: list[FieldError], screen: Screen, *, check_only: bool = False) -> bool:
        """Show the problems of the fields on ``screen`` next to them; True if there are any.
        A group's row with a problem is opened, so the citizen sees what to fix."""
        found = False
        for widget in screen:
            if not isinstance(widget, FieldWidget) or (place := self._place(widget)) is None:
                continue
            name, number = place
            mine = [
                e
                for e in errors
                if e.field == name
                and (number is None or (e.row == number and e.member == widget.spec.name))
            ]
            found |= bool(mine)
            if check_only:
                continue
            widget.show_errors(mine)
            if isinstance(widget, GroupField) and (faulty := _first_fault(widget, mine)):
                self._edit_row(*faulty)
        return found

    def _place(self, widget: FieldWidget) -> tuple[str, int | None] | None:
        """The form field a widget answers, and the group row it is in (None: top level)."""
        if self.fields.get(widget.spec.name) is widget:
            return widget.spec.name, None
        for group in self._groups():
            for number, row in enumerate(group.rows):
                if widget in row.members.values():
                    return group.spec.name, number
        return None

    # -- answers ---------------------------------------------------------------------------

    def _retarget(self, edit: object) -> None:
        assert isinstance(edit, QLineEdit)
        self.keypad.target = edit
        field = edit.parentWidget()
        self.keypad.set_allow_x(
            isinstance(field, FieldWidget) and field.spec.kind is Kind.ID_NUMBER
        )

    def values(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self.fields.items()}

    def set_values(self, answers: dict[str, Any]) -> None:
        for name, widget in self.fields.items():
            if name in answers:
                widget.set_value(answers[name])

    def sizeHint(self) -> QSize:
        # The screens are dealt to the height given: ask only for what the keypad needs.
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        # Nor a height from the wrapped labels on screen (they fit: that is how they were
        # dealt); otherwise the page would grow past the screen to hold the keypad's ideal.
        return False


def _typing_in(screen: Screen) -> QWidget | None:
    """The widget of ``screen`` whose text field has the focus (and so the keyboard)."""
    focused = QApplication.focusWidget()
    if not isinstance(focused, QLineEdit) or not focused.property(WANTS_KEYBOARD):
        return None
    return next((w for w in screen if w.isAncestorOf(focused)), None)


def _wants_keypad(screen: Screen) -> bool:
    return any(isinstance(w, FieldWidget) and w.spec.kind in KEYPAD_KINDS for w in screen)


def _height_with_message(widget: QWidget, width: int) -> int:
    """A widget's height at ``width``, with room under a field for its longest message."""
    if widget.hasHeightForWidth():
        height = widget.heightForWidth(width)
    else:
        height = widget.sizeHint().height()
    message_to_come = isinstance(widget, FieldWidget) and widget.error.isHidden()
    if message_to_come and not isinstance(widget, GroupField):
        assert isinstance(widget, FieldWidget)
        height += _message_room(widget, width)
    return max(height, widget.minimumSizeHint().height())


def _message_room(widget: FieldWidget, width: int) -> int:
    """The height of the longest message the field could show (all of them, worded)."""
    widget.error.ensurePolished()  # the look's font (elder mode's is larger)
    metrics = widget.error.fontMetrics()
    box = QRect(0, 0, max(width, 1), 100_000)
    texts = [
        problem_text(FieldError(widget.spec.name, problem, limit=99), widget.spec.label)
        for problem in Problem
    ]
    wrapped = Qt.TextFlag.TextWordWrap
    return max(metrics.boundingRect(box, wrapped, text).height() for text in texts) + 8


def _first_fault(group: GroupField, errors: list[FieldError]) -> tuple[GroupRow, QWidget] | None:
    """The first of a group's rows with a problem, and its first member with one."""
    faults = sorted((e.row, e.member) for e in errors if e.row is not None and e.member)
    if not faults:
        return None
    row = group.rows[faults[0][0]]
    member = next(w for name, w in row.members.items() if (faults[0][0], name) in faults)
    return row, member
