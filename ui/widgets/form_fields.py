"""One widget per form field kind, each with its label and the message shown right under it.

``FieldWidget.value()`` returns what kiosk.forms checks (text, a choice, a list of choices, or a
group's rows); ``show_errors`` words kiosk.forms problems in plain language next to the field.
Digits-only kinds (number, phone, date, ID number) are typed on the form's numeric keypad;
free text and addresses on the hosted pinyin keyboard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
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

from contract.privacy import mask_id
from kiosk.forms import BIRTH_DATE, FieldError, FieldSpec, Kind, Problem, birth_date_typed
from ui.widgets import make_button, make_label
from ui.widgets.button_text import shown_as_is
from ui.widgets.journey_kit import list_area
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD

KEYPAD_KINDS = frozenset({Kind.NUMBER, Kind.PHONE, Kind.DATE, Kind.ID_NUMBER})
CHOICE_COLUMNS = 3
# A push button does not wrap: options side by side only as many as fit the narrowest look
# (elder mode, portrait), measured in ems of its font; a Latin letter is about half an em.
ROW_EMS, BUTTON_PADDING_EMS = 20.0, 1.5


def choice_columns(labels: list[str]) -> int:
    """How many option buttons stand side by side: three, or fewer for long options."""
    longest = max((sum(0.55 if ch.isascii() else 1.0 for ch in t) for t in labels), default=0)
    for columns in range(CHOICE_COLUMNS, 1, -1):
        if columns * (longest + BUTTON_PADDING_EMS) <= ROW_EMS:
            return columns
    return 1


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
            "FormMessages", "日期不对，请把年、月、日填完整，例如 2025年03月01日。"
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
        if spec.kind is Kind.DATE:
            # Slots for year, month and day (____年__月__日): eight digits on the keypad, no
            # format to learn; for a birth date decades back, quicker than paging a calendar.
            self.edit.setInputMask(self.tr("0000年00月00日;_"))
            self.edit.installEventFilter(self)
        elif spec.kind in KEYPAD_KINDS:
            # Digits come from the form's keypad, not the pinyin keyboard.
            self.edit.setMaxLength(18 if spec.kind is Kind.ID_NUMBER else 13)
            self.edit.installEventFilter(self)
        else:
            self.edit.setProperty(WANTS_KEYBOARD, True)
            self.edit.setMaxLength(spec.max_length)
        self.layout_.addWidget(self.edit)
        self.finish_layout()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        from PySide6.QtCore import QEvent

        if watched is not self.edit:
            return False
        if event.type() == QEvent.Type.FocusIn:
            self.focused.emit(self.edit)
        if self.spec.kind is Kind.DATE and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonRelease,
        ):
            # Wherever the finger lands, the next digit goes into the first empty slot.
            blank = self.edit.displayText().find("_")
            self.edit.setCursorPosition(blank if blank >= 0 else len(self.edit.displayText()))
        return False

    def value(self) -> str:
        if self.spec.kind is Kind.DATE:  # the slots' 年/月/日 are the mask's, not the answer's
            return "".join(c for c in self.edit.text() if c.isdigit())
        return self.edit.text()

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.spec.kind is Kind.DATE:
            text = "".join(c for c in text if c.isdigit())
        self.edit.setText(text)


class ChoiceField(FieldWidget):
    """Single (CHOICE) or multiple (MULTI) choice as big toggle buttons."""

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.group = QButtonGroup(self)
        self.group.setExclusive(spec.kind is not Kind.MULTI)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        columns = choice_columns([spec.option_label(option) for option in spec.options])
        for index, option in enumerate(spec.options):
            button = make_button(shown_as_is(spec.option_label(option)), "Choice")
            button.setCheckable(True)
            button.setMinimumHeight(80)
            self.group.addButton(button)
            grid.addWidget(button, index // columns, index % columns)
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


class GroupRow(QObject):
    """One member of a group (a family member): a heading with 删除这一位, then one widget per
    member field. The form shows a row on screens of its own while it is being filled."""

    def __init__(self, spec: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.heading = QWidget(parent)
        self.heading.setObjectName("GroupRowHeading")
        line = QHBoxLayout(self.heading)
        line.setContentsMargins(0, 0, 0, 0)
        self.title = make_label("", "Subtitle")
        self.title.setWordWrap(True)
        self.remove = make_button(self.tr("删除这一位"), "Secondary")
        line.addWidget(self.title, 1)
        line.addWidget(self.remove)
        self.members: dict[str, FieldWidget] = {}
        for member in spec.members:
            self.members[member.name] = make_field(member)
            self.members[member.name].setParent(parent)
        for widget in self.widgets():
            widget.hide()  # until the form shows the row's screens

    def widgets(self) -> list[QWidget]:
        return [self.heading, *self.members.values()]

    def summary(self) -> str:
        """The row in one line for the group's list: what the citizen typed, ID masked."""
        parts = []
        for widget in self.members.values():
            value = widget.value()
            if not value:
                continue
            if widget.spec.kind is Kind.ID_NUMBER:
                parts.append(mask_id(value))
            elif widget.spec.kind is Kind.CHOICE:
                parts.append(widget.spec.option_label(str(value)))
            else:
                parts.append(str(value))
        return "  ".join(parts) or self.tr("（未填写）")

    def is_blank(self) -> bool:
        return not any(widget.value() for widget in self.members.values())


class GroupField(FieldWidget):
    """A repeating group (family members): a list of the rows added, each with 修改, and
    "＋ 添加一位". The rows themselves are filled on screens of their own (``edit_requested``),
    so a row's fields never make the page longer than the screen."""

    edit_requested = Signal(object)  # the GroupRow to show
    row_removed = Signal(object)

    def __init__(self, spec: FieldSpec) -> None:
        super().__init__(spec)
        self.rows: list[GroupRow] = []
        self.edit_buttons: list[QPushButton] = []  # 修改, one per row in the list
        self.list_box = QVBoxLayout()
        self.list_box.setSpacing(12)
        self.list_box.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.layout_.addWidget(list_area(self.list_box), 1)
        self.add_button = make_button(self.tr("＋ 添加一位"), "Secondary")
        self.add_button.clicked.connect(lambda: self.edit_requested.emit(self.add_row()))
        self.layout_.addWidget(self.add_button)
        self.finish_layout()

    def add_row(self) -> GroupRow:
        row = GroupRow(self.spec, self)
        for widget in row.members.values():
            widget.focused.connect(self.focused.emit)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self._fill_birth_date_from_id(row.members)
        self.rows.append(row)
        self.refresh()
        return row

    def remove_row(self, row: GroupRow) -> None:
        self.rows = [r for r in self.rows if r is not row]
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        row.deleteLater()
        self.refresh()
        self.row_removed.emit(row)

    def refresh(self) -> None:
        """The list of rows as the citizen filled them, and the limit on adding more."""
        while (entry := self.list_box.takeAt(0)) is not None:
            if (widget := entry.widget()) is not None:
                widget.hide()  # a child until deleted: never a window of its own
                widget.deleteLater()
        self.edit_buttons = []
        for number, row in enumerate(self.rows, start=1):
            row.title.setText(
                self.tr("%1：第%2位").replace("%1", self.spec.label).replace("%2", str(number))
            )
            self.list_box.addWidget(self._summary_line(number, row))
        self.add_button.setEnabled(len(self.rows) < self.spec.max_rows)

    def _summary_line(self, number: int, row: GroupRow) -> QWidget:
        line = QWidget()
        line.setObjectName("GroupRow")
        layout = QHBoxLayout(line)
        text = make_label(f"{number}. {row.summary()}", "ReadOnlyValue")
        text.setWordWrap(True)
        edit = make_button(self.tr("修改"), "Secondary")
        edit.clicked.connect(lambda: self.edit_requested.emit(row))
        self.edit_buttons.append(edit)
        layout.addWidget(text, 1)
        layout.addWidget(edit)
        return line

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
            if typed is not None and birth.value() in ("", filled[0]):
                birth.set_value(typed)
                filled[0] = typed

        id_field.edit.textChanged.connect(fill)

    def value(self) -> list[dict[str, Any]]:
        return [{name: w.value() for name, w in row.members.items()} for row in self.rows]

    def set_value(self, value: Any) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for answers in value or []:
            for name, widget in self.add_row().members.items():
                widget.set_value(answers.get(name))
        self.refresh()

    def show_errors(self, errors: list[FieldError]) -> None:
        own = [e for e in errors if e.row is None]
        super().show_errors(own)
        for index, row in enumerate(self.rows):
            for name, widget in row.members.items():
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
