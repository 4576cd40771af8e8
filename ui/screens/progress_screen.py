"""进度查询 screens: case number (receipt QR or keypad) plus proof (ID card or last six), then
the case's timeline; or the ID card alone, then the citizen's own cases to choose from.

Renders :class:`~kiosk.journeys.progress.flow.ProgressFlow`. The hub only answers with the proof,
and the proof is dropped from the flow and the fields as soon as the answer is in.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from contract import models as m
from kiosk import catalog_words as words
from kiosk.devices import Devices
from kiosk.journeys.progress.desk import ProgressDesk
from kiosk.journeys.progress.flow import (
    COMPLAINT_PREFIX,
    DEFAULT_CASE_PREFIX,
    ProgressFlow,
    ProgressRefusal,
    ProgressState,
    timeline,
)
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label
from ui.widgets.button_text import ItemButton, two_lines
from ui.widgets.journey_kit import (
    DeviceInputs,
    JourneyScreen,
    KeypadColumns,
    Page,
    RefusalPage,
    wrapped_label,
)
from ui.widgets.keypad import NumericKeypad
from ui.widgets.placement import Placement, PlacementAnimation
from ui.widgets.timeline import Row, Timeline


class _Field(QLineEdit):
    """A line edit that tells the shared keypad it has become the target."""

    def __init__(self, on_focus: Callable[[QLineEdit], None]) -> None:
        super().__init__()
        self._on_focus = on_focus

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._on_focus(self)
        super().focusInEvent(event)


class ProgressJourney(JourneyScreen):
    key = "progress"

    def __init__(
        self,
        desk: ProgressDesk,
        devices: Devices,
        runner: BackgroundRunner,
        session: Callable[[], Session],
    ) -> None:
        super().__init__(session)
        self._desk = desk
        self._runner = runner
        # The window builds its screens again when the citizen changes the language.
        self._english = session().locale == "en"
        self.inputs = DeviceInputs(devices, self)
        self.inputs.qr_scanned.connect(self._scanned)
        self.inputs.card_read.connect(self._card_read)

        self.collect_page = Page(self.tr("办件进度查询"))
        how = wrapped_label(
            self.tr(
                "扫描受理回执上的二维码即可查询；或输入办件编号，再刷身份证或输入身份证号后六位"
            ),
            "Subtitle",
        )
        by_card = wrapped_label(self.tr("只刷身份证，可查看本人近期的全部办件。"), "Notice")
        # Which number is typed: a case's (YM, with a proof) or a complaint slip's (TS, alone).
        kinds = QHBoxLayout()
        kinds.setSpacing(16)
        self.kind_buttons: dict[str, QPushButton] = {}
        for key, text in (("case", self.tr("查办件")), ("complaint", self.tr("查投诉建议"))):
            button = make_button(text, "Choice")
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.clicked.connect(lambda _=False, k=key: self._number_kind(k == "complaint"))
            kinds.addWidget(button)
            self.kind_buttons[key] = button
        form = QGridLayout()
        form.setHorizontalSpacing(20)
        self.case_field = _Field(self.type_into)
        # Every hub number is YM + digits: the letters are shown, the citizen types the digits
        # (kiosk.journeys.progress.flow adds YM to digits typed alone; a scan brings it all).
        self.case_field.setPlaceholderText(self.tr("回执上 YM 后面的数字"))
        self.case_field.setMaxLength(32)
        self.last6_field = _Field(self.type_into)
        self.last6_field.setPlaceholderText(self.tr("身份证号后六位"))
        self.last6_field.setMaxLength(6)
        self.proof_label = wrapped_label(name="Notice")
        self.number_caption = make_label(self.tr("办件编号"), "FieldLabel")
        form.addWidget(self.number_caption, 0, 0)
        number_row = QHBoxLayout()
        self.case_prefix = make_label(DEFAULT_CASE_PREFIX, "FieldLabel")
        number_row.addWidget(self.case_prefix)
        number_row.addWidget(self.case_field, 1)
        form.addLayout(number_row, 0, 1)
        self.last6_caption = make_label(self.tr("身份证后六位"), "FieldLabel")
        form.addWidget(self.last6_caption, 1, 0)
        form.addWidget(self.last6_field, 1, 1)
        form.setColumnStretch(1, 1)
        self.keypad = NumericKeypad(self.case_field)  # X: only for the ID number's last six
        self.search_button = make_button(self.tr("查询"), "Primary")
        self.search_button.clicked.connect(self._search)
        actions = QVBoxLayout()
        actions.setSpacing(24)
        actions.addWidget(self.search_button)
        # The receipt's code held up to the scanner window, beside the words that offer it.
        self.slip_picture = PlacementAnimation(Placement.SLIP)
        told = QHBoxLayout()
        told.setSpacing(24)
        told.addWidget(self.slip_picture, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(how)
        words.addWidget(by_card)
        words.addStretch(1)
        told.addLayout(words, 1)
        # Beside the title (the keypad needs the page's height for itself).
        page = self.collect_page
        page.body.removeWidget(page.title)
        heading = QHBoxLayout()
        heading.addWidget(page.title, 1)
        heading.addLayout(kinds)
        page.body.insertLayout(0, heading)
        self.columns = KeypadColumns(
            self.collect_page,
            [told, form, self.proof_label],
            self.keypad,
            actions,
        )
        for field in (self.case_field, self.last6_field):
            field.textChanged.connect(self._typed)

        self.busy_page = Page(self.tr("正在查询，请稍候…"))
        self.busy_page.body.addStretch(1)

        self.list_page = Page(self.tr("您近期的办件"))
        self.list_page.body.addWidget(wrapped_label(self.tr("请点选要查看的办件。"), "Subtitle"))
        self.case_list = QVBoxLayout()
        self.case_list.setSpacing(20)
        self.list_page.body.addLayout(self.case_list)
        self.case_buttons: list[QPushButton] = []
        self.list_page.body.addStretch(1)
        self.list_again_button = make_button(self.tr("查询其他办件"))
        self.list_again_button.clicked.connect(self._retry)
        self.list_done_button = make_button(self.tr("完成"), "Primary")
        self.list_done_button.clicked.connect(self._dismiss)
        self.list_page.pin(self.list_again_button, self.list_done_button)

        self.status_page = Page(self.tr("办件进度"))
        self.summary_label = wrapped_label(name="Subtitle")
        self.status_page.body.addWidget(self.summary_label)
        self.timeline = Timeline()
        self.status_page.body.addWidget(self.timeline, 1)
        self.to_list_button = make_button(self.tr("返回办件列表"))
        self.to_list_button.clicked.connect(self._back_to_list)
        self.again_button = make_button(self.tr("查询其他办件"))
        self.again_button.clicked.connect(self._retry)
        self.done_button = make_button(self.tr("完成"), "Primary")
        self.done_button.clicked.connect(self._dismiss)
        self.status_page.pin(self.to_list_button, self.again_button, self.done_button)

        self.refused_page = RefusalPage(self.tr("未能查到办件"), self.tr("重新查询"))
        self.refusal_title = self.refused_page.problem
        self.refusal_label = self.refused_page.advice
        self.retry_button = self.refused_page.retry_button
        self.retry_button.clicked.connect(self._retry)

        pages = (
            self.collect_page,
            self.busy_page,
            self.list_page,
            self.status_page,
            self.refused_page,
        )
        for page in pages:
            self.addWidget(page)
        self.pages = {
            ProgressState.COLLECTING: self.collect_page,
            ProgressState.LOOKING: self.busy_page,
            ProgressState.LISTING: lambda: self._show_list(self.flow.cases),
            ProgressState.SHOWING: self._show_flow_status,
            ProgressState.REFUSED: self._show_flow_refusal,
        }
        self.listening = {ProgressState.COLLECTING: (True, True)}
        self._rendered_with(self.inputs)
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        self.wipe()
        self._render(self.flow.state)

    def _clear(self) -> None:
        self.flow = self._adopt(ProgressFlow())
        self._clear_fields()
        for label in (self.summary_label, self.refusal_title, self.refusal_label):
            label.clear()
        self.timeline.clear()
        self._clear_list()

    def prompt(self, page: str) -> str:
        prompts = {
            "collecting": self.tr("请扫描受理回执上的二维码，或输入办件编号"),
            "refused": self.refusal_title.text(),
            "listing": self.tr("请选择要查看的办件"),
        }
        if page == "showing" and (current := self.timeline.current_title):
            return self.tr("办理进度：%1").replace("%1", current)
        return prompts.get(page, "")

    def _clear_list(self) -> None:
        for button in self.case_buttons:
            self.case_list.removeWidget(button)
            button.hide()  # a child until deleted: never a window of its own
            button.deleteLater()
        self.case_buttons = []

    def _clear_fields(self) -> None:
        for field in (self.case_field, self.last6_field):
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        self._show_number_kind(complaint=self.flow.prefix == COMPLAINT_PREFIX)
        self.proof_label.clear()
        self._proof_shown()
        self.type_into(self.case_field)
        self.search_button.setEnabled(False)

    # -- rendering -----------------------------------------------------------------------

    def _entering(self, state: enum.Enum) -> None:
        self._clear_fields()  # the proof never stays in a field

    def _show_flow_status(self) -> None:
        if self.flow.complaint is not None:
            self._show_complaint(self.flow.complaint)
            return
        assert self.flow.status is not None
        self._show_status(self.flow.status)

    def _show_complaint(self, status: m.ComplaintStatus) -> None:
        """A complaint's progress (投诉建议): its reference, its kind, each step and when."""
        self.to_list_button.setVisible(False)
        kind = self.tr("投诉") if status.kind is m.ComplaintKind.COMPLAINT else self.tr("建议")
        self.summary_label.setText(
            self.tr("投诉建议编号：%1\n类型：%2")
            .replace("%1", status.reference)
            .replace("%2", kind)
        )
        steps = [
            (self.tr("已收到，等待转交12345"), status.submitted_at),
            (self.tr("已转交12345政务服务便民热线"), status.forwarded_at),
            (self.tr("12345已答复"), status.replied_at),
            (self.tr("已办结"), status.closed_at),
        ]
        shown = [(title, at) for title, at in steps if at is not None]
        self.timeline.set_rows(
            [
                Row(
                    title,
                    at.astimezone().strftime("%Y-%m-%d %H:%M"),
                    (),
                    current=i == len(shown) - 1,
                )
                for i, (title, at) in enumerate(shown)
            ]
        )
        self._show(self.status_page, ProgressState.SHOWING.value)

    def _show_flow_refusal(self) -> None:
        assert self.flow.refusal is not None
        self._show_refusal(self.flow.refusal)

    def _show_list(self, cases: list[m.CaseStatus]) -> None:
        self._clear_list()
        for index, status in enumerate(cases):
            text = "\n".join(
                (
                    self._item_line(status),
                    f"{status.case_number} · {self._state_name(status.state)}"
                    f" · {status.submitted_at.astimezone():%Y-%m-%d}",
                )
            )
            button = ItemButton(text, 120)
            button.clicked.connect(lambda _=False, i=index: self.flow.choose(i))
            self.case_list.addWidget(button)
            self.case_buttons.append(button)
        self._show(self.list_page, ProgressState.LISTING.value)

    def _item_line(self, status: m.CaseStatus) -> str:
        """The item on a button: an English name (about twice as long) on two lines."""
        name = words.case_item_name(status, self._english)
        return two_lines(name) if self._english else name

    def _show_status(self, status: m.CaseStatus) -> None:
        self.to_list_button.setVisible(self.flow.from_list)
        summary = self.tr("办件编号：%1\n事项：%2\n申请人：%3").replace("%1", status.case_number)
        summary = summary.replace("%2", words.case_item_name(status, self._english)).replace(
            "%3", status.applicant_name_masked
        )
        if status.due_date:
            summary += "\n" + self.tr("承诺办结日期：%1").replace("%1", status.due_date.isoformat())
        self.summary_label.setText(summary)
        steps = timeline(status)
        rows = [
            Row(
                self.tr("已补正材料，重新提交")
                if step.resubmitted
                else self._state_name(step.state),
                step.at.astimezone().strftime("%Y-%m-%d %H:%M"),
                tuple(self._fact(key, value) for key, value in step.facts),
                current=index == len(steps) - 1,
            )
            for index, step in enumerate(steps)
        ]
        self.timeline.set_rows(rows)
        self._show(self.status_page, ProgressState.SHOWING.value)

    def _state_name(self, state: m.CaseState) -> str:
        names = {
            m.CaseState.SUBMITTED: self.tr("已提交申请"),
            m.CaseState.ACCEPTED: self.tr("已受理"),
            m.CaseState.REJECTED: self.tr("不予受理"),
            m.CaseState.SUPPLEMENT_REQUESTED: self.tr("需要补正材料"),
            m.CaseState.PROCESSING: self.tr("办理中"),
            m.CaseState.SUSPENDED: self.tr("特别程序（暂停计时）"),
            m.CaseState.DONE: self.tr("已办结"),
            m.CaseState.DELIVERED: self.tr("已送达"),
        }
        return names[state]

    def _fact(self, key: str, given: str | tuple[str, ...]) -> str:
        value = given if isinstance(given, str) else self.tr("、").join(given)
        if key == "reason":
            return self.tr("原因：%1").replace("%1", value)
        if key == "materials":
            return self.tr("需补正材料：%1").replace("%1", value)
        if key == "deadline":
            return self.tr("补正期限：%1").replace("%1", value)
        if key == "due_date":
            return self.tr("承诺办结日期：%1").replace("%1", value)
        if key == "result_code":  # the window's codes in plain words; another system's as sent
            results = {"approved": self.tr("准予"), "refused": self.tr("不予批准")}
            return self.tr("办理结果：%1").replace("%1", results.get(value, value))
        if key == "certificate_number":
            return self.tr("证照编号：%1").replace("%1", value)
        if key == "delivery":
            methods = {
                "ems": self.tr("邮寄送达"),
                "pickup": self.tr("窗口领取"),
                "electronic": self.tr("电子送达"),
            }
            return self.tr("送达方式：%1").replace("%1", methods.get(value, value))
        if key == "waybill":
            return self.tr("EMS 运单号：%1").replace("%1", value)
        return value

    def _show_refusal(self, refusal: ProgressRefusal) -> None:
        if refusal is ProgressRefusal.NOT_MATCHED and self.flow.is_complaint:
            title = self.tr("未找到该投诉建议")
            advice = self.tr("请核对回执上的投诉建议编号。")
        elif refusal is ProgressRefusal.NOT_MATCHED:
            title = self.tr("办件编号或身份证号码不正确")
            advice = self.tr("请核对受理回执上的办件编号和本人身份证号后再查。")
        elif refusal is ProgressRefusal.NO_CASES:
            title = self.tr("没有查到您的办件")
            advice = self.tr(
                "网络中断时提交的办件，上传后才能查到；也可输入回执上的办件编号，或到窗口咨询。"
            )
        elif refusal is ProgressRefusal.TOO_MANY_ATTEMPTS:
            title = self.tr("查询次数过多")
            advice = self.tr("为保护办件信息，请稍后再试，或到窗口咨询。")
        elif refusal is ProgressRefusal.NOT_A_RECEIPT:
            title = self.tr("这不是受理回执的二维码")
            advice = self.tr("请扫描受理回执上的二维码，或直接输入办件编号。")
        elif refusal is ProgressRefusal.LICENCE_WITHOUT_CODE:
            title = self.tr("营业执照二维码中没有统一社会信用代码")
            advice = self.tr("请刷经办人身份证，或输入经办人身份证号后六位查询。")
        elif refusal is ProgressRefusal.HUB_UNREACHABLE:
            title = self.tr("网络暂时不通")
            advice = self.tr("请稍后重试，或到窗口咨询。")
        else:
            title = self.tr("系统暂时出现故障")
            advice = self.tr("请稍后重试，或到窗口咨询。")
        self.refusal_title.setText(title)
        self.refusal_label.setText(advice)
        self._show(self.refused_page, ProgressState.REFUSED.value)

    # -- what the citizen does -----------------------------------------------------------

    def type_into(self, field: QLineEdit) -> None:
        """The keypad types into ``field`` (the one the citizen tapped)."""
        self.keypad.target = field
        self.keypad.set_allow_x(field is self.last6_field)

    def _proof_shown(self) -> None:
        """The proof line takes room only when it says something (the keypad needs it)."""
        self.proof_label.setVisible(bool(self.proof_label.text()))

    def _number_kind(self, complaint: bool) -> None:
        """The number the citizen types: a complaint's reference needs no proof."""
        if self.flow.state is not ProgressState.COLLECTING:
            return
        self.flow.typing_complaint(complaint)
        self._show_number_kind(complaint)
        self.type_into(self.case_field)
        self._typed()

    def _show_number_kind(self, complaint: bool) -> None:
        self.kind_buttons["complaint" if complaint else "case"].setChecked(True)
        self.case_prefix.setText(COMPLAINT_PREFIX if complaint else DEFAULT_CASE_PREFIX)
        self.number_caption.setText(self.tr("投诉建议编号") if complaint else self.tr("办件编号"))
        self.case_field.setPlaceholderText(
            self.tr("回执上 TS 后面的数字") if complaint else self.tr("回执上 YM 后面的数字")
        )
        proof = not complaint and (self.flow.id_number is None)
        self.last6_field.setVisible(proof)
        self.last6_caption.setVisible(proof)

    def _typed(self) -> None:
        if self.flow.state is not ProgressState.COLLECTING:
            return
        self.flow.typed(self.case_field.text(), self.last6_field.text())
        self.search_button.setEnabled(self.flow.ready)

    def _scanned(self, text: str) -> None:
        if self.flow.state is not ProgressState.COLLECTING:
            return
        if self.flow.scanned(text):
            self.case_field.blockSignals(True)
            self.case_field.setText(self.flow.case_number)
            self.case_field.blockSignals(False)
            if self.flow.uscc:  # a business licence: the company's code is the proof
                self.last6_field.hide()
                self.last6_caption.hide()
                self.last6_field.clear()
                shown = self.tr("已读取营业执照：%1").replace("%1", self.flow.masked_proof)
                self.proof_label.setText(shown)
            self._proceed_if_ready()

    def _card_read(self, document: Any) -> None:
        if self.flow.state is not ProgressState.COLLECTING or not document.id_number:
            return
        self._session().identity = document
        self.flow.card_read(document.id_number)
        self.last6_field.hide()
        self.last6_caption.hide()
        self.last6_field.clear()
        self.proof_label.setText(self.tr("已读取身份证：%1").replace("%1", self.flow.masked_proof))
        self._proof_shown()
        self._proceed_if_ready()

    def _proceed_if_ready(self) -> None:
        """A scanned receipt (its code is the proof), a card or a complaint's reference need
        no more taps; typed entries wait for "查询"."""
        self.search_button.setEnabled(self.flow.ready)
        proven = self.flow.id_number is not None or self.flow.receipt_code or self.flow.uscc
        if self.flow.ready and (proven or self.flow.is_complaint):
            self._search()

    def _search(self) -> None:
        if self.flow.state is not ProgressState.COLLECTING or not self.flow.ready:
            return
        request = self.flow.look_up()
        self._runner.run(lambda: self._desk.look_up(request), self._answered, self._failed)

    def _answered(self, answer: m.CaseStatus | list[m.CaseStatus]) -> None:
        if self.flow.state is not ProgressState.LOOKING:
            return
        self._session().identity = None  # the proof has served its purpose
        if isinstance(answer, list):
            self.flow.listed(answer)
        else:
            self.flow.found(answer)

    def _back_to_list(self) -> None:
        self.flow.back_to_list()

    def _failed(self, exc: Exception) -> None:
        if self.flow.state is ProgressState.LOOKING:
            self._session().identity = None
            self.flow.failed(exc)

    def _retry(self) -> None:
        self.flow.retry()

    def _dismiss(self) -> None:
        if self.flow.state in (ProgressState.SHOWING, ProgressState.LISTING, ProgressState.REFUSED):
            self.flow.dismiss()
