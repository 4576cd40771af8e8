"""The desk's side forms: finish with an outcome, call a chosen number, transfer, pause, queues.

Each is a panel that replaces the waiting lists beside the current citizen (not a modal
dialog: the clerk keeps seeing who is in front of them), with OK and cancel. ``submitted``
carries what the clerk chose.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from contract import models as m
from ui.widgets import make_button

# Chinese source texts, marked for lupdate and translated where shown (outcome_name, pause_name).
OUTCOMES = {
    m.ServiceOutcome.DONE: QT_TRANSLATE_NOOP("FinishForm", "办结"),
    m.ServiceOutcome.ACCEPTED: QT_TRANSLATE_NOOP("FinishForm", "受理"),
    m.ServiceOutcome.SUPPLEMENT: QT_TRANSLATE_NOOP("FinishForm", "补正"),
    m.ServiceOutcome.CONSULTATION: QT_TRANSLATE_NOOP("FinishForm", "咨询"),
    m.ServiceOutcome.REJECTED: QT_TRANSLATE_NOOP("FinishForm", "不予受理"),
}
PAUSES = {
    m.PauseReason.REST: QT_TRANSLATE_NOOP("PauseForm", "休息"),
    m.PauseReason.MEETING: QT_TRANSLATE_NOOP("PauseForm", "会议"),
    m.PauseReason.BACK_OFFICE: QT_TRANSLATE_NOOP("PauseForm", "后台办件"),
    m.PauseReason.OTHER: QT_TRANSLATE_NOOP("PauseForm", "其他"),
}


def outcome_name(outcome: m.ServiceOutcome) -> str:
    return QCoreApplication.translate("FinishForm", str(OUTCOMES[outcome]))


def pause_name(reason: m.PauseReason) -> str:
    return QCoreApplication.translate("PauseForm", str(PAUSES[reason]))


class SideForm(QWidget):
    """A titled form with 确定 / 取消; ``cancelled`` returns to the lists."""

    cancelled = Signal()

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = QLabel(title)
        self.title.setObjectName("PanelTitle")
        self.body = QVBoxLayout()
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.ok = make_button(self.tr("确定"), "Primary")
        self.cancel = make_button(self.tr("取消 (Esc)"))
        self.cancel.clicked.connect(self.cancelled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.body)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def choice_buttons(self, labels: list[str]) -> tuple[QButtonGroup, list[QPushButton]]:
        group = QButtonGroup(self)
        group.setExclusive(True)
        grid = QGridLayout()
        buttons = []
        for index, label in enumerate(labels):
            button = make_button(label)
            button.setCheckable(True)  # never pre-selected: the clerk picks
            group.addButton(button, index)
            grid.addWidget(button, index // 3, index % 3)
            buttons.append(button)
        self.body.addLayout(grid)
        return group, buttons


class FinishForm(SideForm):
    submitted = Signal(object, str)  # ServiceOutcome, note

    def __init__(self) -> None:
        super().__init__(self.tr("办结：选择办理结果"))
        self.group, self.buttons = self.choice_buttons([outcome_name(o) for o in OUTCOMES])
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("备注（可选）"))
        self.note.setMaxLength(200)
        self.body.addWidget(self.note)
        self.ok.clicked.connect(self._submit)

    def reset(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self.hint.clear()

    def _submit(self) -> None:
        index = self.group.checkedId()
        if index < 0:
            self.hint.setText(self.tr("请选择办理结果。"))
            return
        self.submitted.emit(list(OUTCOMES)[index], self.note.text().strip())


class CallNumberForm(SideForm):
    submitted = Signal(str, str)  # number, reason

    def __init__(self) -> None:
        super().__init__(self.tr("选号呼叫"))
        self.number = QComboBox()
        self.number.setEditable(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("跳号原因（必填，将被记录）"))
        self.reason.setMaxLength(200)
        self.body.addWidget(QLabel(self.tr("号码")))
        self.body.addWidget(self.number)
        self.body.addWidget(QLabel(self.tr("原因")))
        self.body.addWidget(self.reason)
        self.ok.clicked.connect(self._submit)

    def reset(self, waiting: list[str], chosen: str = "") -> None:
        self.number.clear()
        self.number.addItems(waiting)
        if chosen:
            self.number.setCurrentText(chosen)
        self.reason.clear()
        self.hint.setText(self.tr("叫回本窗口挂起的号码无需原因。"))

    def _submit(self) -> None:
        number = self.number.currentText().strip().upper()
        if not number:
            self.hint.setText(self.tr("请选择或输入号码。"))
            return
        self.submitted.emit(number, self.reason.text().strip())


class TransferForm(SideForm):
    submitted = Signal(object)  # TransferRequest

    def __init__(self) -> None:
        super().__init__(self.tr("转移：业务、窗口或工作人员"))
        self.category = QComboBox()
        self.counter = QComboBox()
        self.staff = QLineEdit()
        self.staff.setPlaceholderText(self.tr("工号（可选）"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("给下一位工作人员的说明"))
        self.note.setMaxLength(200)
        self.keep_priority = QCheckBox(self.tr("保留优先级"))
        self.keep_priority.setChecked(True)
        for label, field in (
            (self.tr("转到业务"), self.category),
            (self.tr("转到窗口"), self.counter),
            (self.tr("转给工作人员"), self.staff),
            (self.tr("说明"), self.note),
        ):
            self.body.addWidget(QLabel(label))
            self.body.addWidget(field)
        self.body.addWidget(self.keep_priority)
        self.ok.clicked.connect(self._submit)

    def reset(self, categories: list[m.TicketCategory], counters: list[m.CounterInfo]) -> None:
        self.category.clear()
        self.category.addItem(self.tr("（同一业务）"), None)
        for category in categories:
            self.category.addItem(category.name, category.code)
        self.counter.clear()
        self.counter.addItem(self.tr("（任一窗口）"), None)
        for counter in counters:
            self.counter.addItem(counter.name, counter.code)
        self.staff.clear()
        self.note.clear()
        self.keep_priority.setChecked(True)
        self.hint.clear()

    def _submit(self) -> None:
        staff = self.staff.text().strip() or None
        category, counter = self.category.currentData(), self.counter.currentData()
        if not (category or counter or staff):
            self.hint.setText(self.tr("请选择转到的业务、窗口或工作人员。"))
            return
        self.submitted.emit(
            m.TransferRequest(
                category_code=category,
                counter_code=counter,
                staff_no=staff,
                note=self.note.text().strip(),
                keep_priority=self.keep_priority.isChecked(),
            )
        )


class PauseForm(SideForm):
    submitted = Signal(object)  # WindowStateChange

    def __init__(self) -> None:
        super().__init__(self.tr("暂停服务：选择原因"))
        self.group, self.buttons = self.choice_buttons([pause_name(r) for r in PAUSES])
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("说明（选择“其他”时必填）"))
        self.note.setMaxLength(100)
        self.body.addWidget(self.note)
        self.ok.clicked.connect(self._submit)

    def reset(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self.note.clear()
        self.hint.clear()

    def _submit(self) -> None:
        index = self.group.checkedId()
        if index < 0:
            self.hint.setText(self.tr("请选择暂停原因。"))
            return
        reason = list(PAUSES)[index]
        if reason is m.PauseReason.OTHER and not self.note.text().strip():
            self.hint.setText(self.tr("选择“其他”时请填写说明。"))
            return
        self.submitted.emit(
            m.WindowStateChange(
                state=m.WindowState.PAUSED, reason=reason, note=self.note.text().strip()
            )
        )


class QueuesForm(SideForm):
    submitted = Signal(list)  # category codes; [] = all

    def __init__(self) -> None:
        super().__init__(self.tr("今日办理的排队业务"))
        self.boxes: dict[str, QCheckBox] = {}
        self._holder = QVBoxLayout()
        self.body.addLayout(self._holder)
        self.ok.clicked.connect(self._submit)

    def reset(self, names: dict[str, str], chosen: list[str]) -> None:
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        for code, name in names.items():
            box = QCheckBox(name)
            box.setChecked(code in chosen)
            self._holder.addWidget(box)
            self.boxes[code] = box
        self.hint.setText(self.tr("都不勾选或全部勾选：办理本窗口的全部业务。"))

    def _submit(self) -> None:
        codes = [code for code, box in self.boxes.items() if box.isChecked()]
        self.submitted.emit([] if len(codes) == len(self.boxes) else codes)
