"""One widget per form field kind, each with its label and the message shown right under it.

``FieldWidget.value()`` returns what kiosk.forms checks (text, a choice, a list of choices, or a
group's rows); ``show_errors`` words kiosk.forms problems in plain language next to the field.
Digits-only kinds (number, phone, date, ID number) are typed on the form's numeric keypad;
free text and addresses on the hosted pinyin keyboard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms import BIRTH_DATE, FieldError, FieldSpec, Kind, Problem, birth_date_typed
from ui.widgets import make_button, make_label
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

KEYPAD_KINDS = frozenset({Kind.NUMBER, Kind.PHONE, Kind.DATE, Kind.ID_NUMBER})
CHOICE_COLUMNS = 3


def problem_text(error: FieldError, label: str) -> str:
    """Plain words for one problem (the field's label is in them where it helps)."""
    p = error.problem
    if p is Problem.REQUIRED:
        return QCoreApplication.translate("FormMessages", "请填写%1。").replace("%1", label)
    if p is Problem.NOT_CHOSEN:
        return QCoreApplication.translate("FormMessages", "请选择%1。").replace("%1", label)
    if p is Problem.TOO_LONG:
        return QCoreApplication.translate("FormMessages", "内容太长了，最多 %1 个字。").replace(
            "%1", str(error.limit)
        )
    if p is Problem.NOT_A_NUMBER:
        return QCoreApplication.translate("FormMessages", "这里只能填数字，例如 3000。")
    if p is Problem.BAD_DATE:
        return QCoreApplication.translate(
            "FormMessages", "日期不对，请按“年月日”填 8 位数字，例如 20250301。"
        )
    if p is Problem.BAD_PHONE:
        return QCoreApplication.translate(
            "FormMessages", "电话号码不对，手机号是 1 开头的 11 位数字。"
        )
    if p is Problem.SHORT_ADDRESS:
        return QCoreApplication.translate(
            "FormMessages", "地址太短，请写到门牌号，例如“幸福路8号3栋201”。"
        )
    if p is Problem.BAD_ID_LENGTH:
        return QCoreApplication.translate(
            "FormMessages", "身份证号码应为 18 位，最后一位可以是 X。"
        )
    if p is Problem.BAD_ID_CHECK:
        return QCoreApplication.translate("FormMessages", "身份证号码有误，请逐位核对。")
    if p is Problem.BAD_ID_BIRTH:
        return QCoreApplication.translate("FormMessages", "身份证号码中的出生日期不对，请核对。")
    if p is Problem.NOT_AN_OPTION:
        return QCoreApplication.translate("FormMessages", "请从给出的选项中选择。")
    if p is Problem.TOO_FEW_CHOICES:
        return QCoreApplication.translate("FormMessages", "请至少选择 %1 项。").replace(
            "%1", str(error.limit)
        )
    if p is Problem.TOO_MANY_CHOICES:
        return QCoreApplication.translate("FormMessages", "最多只能选择 %1 项。").replace(
            "%1", str(error.limit)
        )
    if p is Problem.TOO_FEW_ROWS:
        return QCoreApplication.translate("FormMessages", "请至少添加 %1 位。").replace(
            "%1", str(error.limit)
        )
    if p is Problem.TOO_MANY_ROWS:
        return QCoreApplication.translate("FormMessages", "最多填写 %1 位。").replace(
            "%1", str(error.limit)
        )
    # Shapes the widgets cannot produce (a repeated choice, an unknown column): say so plainly.
    return QCoreApplication.translate("FormMessages", "这一项填写有误，请重新填写。")


class FieldWidget(QWidget):
    """Label, input and the error line of one field."""

    focused = Signal(object)  # the QLineEdit that wants the numeric keypad

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__()
        self.spec = spec
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(8)
        title = spec.label if spec.required else spec.label + self.tr("（选填）")
        self.title = make_label(title, "FieldLabel")
        self.title.setWordWrap(True)
        self.layout_.addWidget(self.title)
        self.error = make_label("", "FieldError")
        self.error.setWordWrap(True)
        self.error.hide()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.error)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_errors(self, errors: list[FieldError]) -> None:
        if errors:
            self.error.setText(problem_text(errors[0], self.spec.label))
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()


class LineField(FieldWidget):
    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.edit = QLineEdit()
        self.edit.setObjectName("FieldInput")
        self.edit.setMinimumHeight(80)
        if spec.kind in KEYPAD_KINDS:
            # Digits come from the form's keypad, not the pinyin keyboard.
            self.edit.setMaxLength(18 if spec.kind is Kind.ID_NUMBER else 13)
            self.edit.installEventFilter(self)
        else:
            self.edit.setProperty(WANTS_KEYBOARD, True)
            self.edit.setMaxLength(spec.max_length)
        if spec.kind is Kind.DATE:
            self.edit.setPlaceholderText(self.tr("例如 20250301"))
        self.layout_.addWidget(self.edit)
        self.finish_layout()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.edit and event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self.edit)
        return False

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class ChoiceField(FieldWidget):
    """Single (CHOICE) or multiple (MULTI) choice as big toggle buttons."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.group = QButtonGroup(self)
        self.group.setExclusive(spec.kind is not Kind.MULTI)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for index, option in enumerate(spec.options):
            button = make_button(option, "Choice")
            button.setCheckable(True)
            button.setMinimumHeight(80)
            self.group.addButton(button)
            grid.addWidget(button, index // CHOICE_COLUMNS, index % CHOICE_COLUMNS)
            self.buttons[option] = button
        self.layout_.addLayout(grid)
        self.finish_layout()

    def value(self) -> Any:
        chosen = [o for o, b in self.buttons.items() if b.isChecked()]
        if self.spec.kind is Kind.MULTI:
            return chosen
        return chosen[0] if chosen else None

    def set_value(self, value: Any) -> None:
        picked = set(value or []) if self.spec.kind is Kind.MULTI else {value}
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)  # an exclusive group cannot be fully cleared
        for option, button in self.buttons.items():
            button.setChecked(option in picked)
        self.group.setExclusive(exclusive)


class GroupField(FieldWidget):
    """A repeating group (e.g. family members): rows of member fields, add and remove."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.rows: list[tuple[QWidget, dict[str, FieldWidget]]] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(16)
        self.layout_.addLayout(self.rows_box)
        self.add_button = make_button(self.tr("＋ 添加一位"), "Secondary")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.layout_.addWidget(self.add_button)
        self.finish_layout()

    def add_row(self) -> dict[str, FieldWidget]:
        frame = QWidget()
        frame.setObjectName("GroupRow")
        box = QVBoxLayout(frame)
        members: dict[str, FieldWidget] = {}
        for member in self.spec.members:
            widget = make_field(member)
            widget.focused.connect(self.focused.emit)
            box.addWidget(widget)
            members[member.name] = widget
        remove = make_button(self.tr("删除这一位"), "Secondary")
        remove.clicked.connect(lambda: self._remove(frame))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(remove)
        box.addLayout(row)
        self._fill_birth_date_from_id(members)
        self.rows_box.addWidget(frame)
        self.rows.append((frame, members))
        self.add_button.setEnabled(len(self.rows) < self.spec.max_rows)
        return members

    @staticmethod
    def _fill_birth_date_from_id(members: dict[str, FieldWidget]) -> None:
        """A valid ID number fills an empty birth date in its row (still editable)."""
        id_field = next((w for w in members.values() if w.spec.kind is Kind.ID_NUMBER), None)
        birth = members.get(BIRTH_DATE)
        if not isinstance(id_field, LineField) or not isinstance(birth, LineField):
            return

        filled = [""]  # what was filled last: a corrected ID number may replace it

        def fill(text: str) -> None:
            typed = birth_date_typed(text)
            if typed is not None and birth.edit.text() in ("", filled[0]):
                birth.edit.setText(typed)
                filled[0] = typed

        id_field.edit.textChanged.connect(fill)

    def _remove(self, frame: QWidget) -> None:
        self.rows = [(f, m) for f, m in self.rows if f is not frame]
        frame.setParent(None)
        frame.deleteLater()
        self.add_button.setEnabled(len(self.rows) < self.spec.max_rows)

    def value(self) -> list[dict[str, Any]]:
        return [{name: w.value() for name, w in members.items()} for _, members in self.rows]

    def set_value(self, value: Any) -> None:
        for frame, _ in list(self.rows):
            self._remove(frame)
        for row in value or []:
            for name, widget in self.add_row().items():
                widget.set_value(row.get(name))

    def show_errors(self, errors: list[FieldError]) -> None:
        own = [e for e in errors if e.row is None]
        super().show_errors(own)
        for index, (_, members) in enumerate(self.rows):
            for name, widget in members.items():
                widget.show_errors([e for e in errors if e.row == index and e.member == name])


def make_field(spec: FieldSpec) -> FieldWidget:
    if spec.kind in (Kind.CHOICE, Kind.MULTI):
        return ChoiceField(spec)
    if spec.kind is Kind.GROUP:
        return GroupField(spec)
    return LineField(spec)


def read_only_row(label: str, value: str) -> QWidget:
    """Identity data from the card: shown, not editable."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    name = make_label(label, "FieldLabel")
    shown: QLabel = make_label(value, "ReadOnlyValue")
    layout.addWidget(name)
    layout.addWidget(shown, 1)
    return row
