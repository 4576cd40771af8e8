"""A whole item form: the applicant (read-only), one widget per field, and a numeric keypad.

The keypad serves whichever digits field has focus. ``check()`` runs kiosk.forms on every
answer and shows each problem next to its field; the journey goes on only when it passes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.forms import FieldSpec, check_form
from ui.widgets.form_fields import FieldWidget, make_field, read_only_row
from ui.widgets.keypad import NumericKeypad

SIDE_BY_SIDE_WIDTH = 1400  # px: wider than a portrait screen
KEYPAD_SIDE_WIDTH = 720  # three keys of 220 px and their spacing


class FormView(QWidget):
    def __init__(self, specs: list[FieldSpec], identity_rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.specs = specs
        self.outer = outer = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(24)
        self.scroller = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setObjectName("FormScroll")
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setSpacing(24)
        for label, value in identity_rows:
            self.body.addWidget(read_only_row(label, value))
        self.fields: dict[str, FieldWidget] = {}
        for spec in specs:
            widget = make_field(spec)
            widget.focused.connect(self._retarget)
            self.body.addWidget(widget)
            self.fields[spec.name] = widget
        self.body.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self._blank = QLineEdit()  # the keypad's target until a digits field takes focus
        self.keypad = NumericKeypad(self._blank, allow_x=True)
        outer.addWidget(self.keypad)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # On a wide (landscape) screen the keypad sits beside the form, not under it.
        wide = event.size().width() > SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.outer.direction() != direction:
            self.outer.setDirection(direction)
            self.keypad.setMaximumWidth(KEYPAD_SIDE_WIDTH if wide else 16777215)
            self.keypad.set_compact(wide)
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        # The form scrolls on its own: asking for no more height than the keypad needs lets
        # the page fit the screen (keypad and "下一步" in view), the form taking what is left.
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def _retarget(self, edit: object) -> None:
        assert isinstance(edit, QLineEdit)
        self.keypad.target = edit

    def values(self) -> dict[str, Any]:
        return {name: widget.value() for name, widget in self.fields.items()}

    def set_values(self, answers: dict[str, Any]) -> None:
        for name, widget in self.fields.items():
            if name in answers:
                widget.set_value(answers[name])

    def check(self) -> bool:
        errors = check_form(self.specs, self.values())
        first: FieldWidget | None = None
        for name, widget in self.fields.items():
            mine = [e for e in errors if e.field == name]
            widget.show_errors(mine)
            if mine and first is None:
                first = widget
        if first is not None:  # the citizen must see what to fix without hunting for it
            # After the layout has made room for the messages just shown.
            target = first
            QTimer.singleShot(0, lambda: self.scroller.ensureWidgetVisible(target.error))
        return not errors
