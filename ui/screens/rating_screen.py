"""好差评 screens: scan a ticket's or a case receipt's QR (or come from a journey), choose a
level, send it. A case shows only its item name and number: a rating shows no personal data.

Renders :class:`~kiosk.journeys.rating.flow.RatingFlow`. Nothing is pre-selected and nothing is
filled in: the submit button stays disabled until the citizen has chosen a level (and, for a bad
one, a reason). The comment field takes the hosted pinyin keyboard.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout

from contract import models as m
from kiosk import catalog_words as words
from kiosk.devices import Devices
from kiosk.journeys.rating.desk import RatingDesk
from kiosk.journeys.rating.flow import (
    MAX_COMMENT,
    RatingFlow,
    RatingRefusal,
    RatingState,
    Subject,
)
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.widgets import make_button
from ui.widgets.journey_kit import (
    DeviceInputs,
    JourneyScreen,
    Page,
    RefusalPage,
    option_card,
    wrapped_label,
)
from ui.widgets.keyboard_room import KeyboardRoom
from ui.widgets.placement import Placement
from ui.widgets.rating_picker import RatingPicker
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD


class RatingJourney(JourneyScreen):
    key = "rating"

    def __init__(
        self,
        desk: RatingDesk,
        devices: Devices,
        runner: BackgroundRunner,
        session: Callable[[], Session],
        *,
        landscape: bool = False,
    ) -> None:
        super().__init__(session)
        self._desk = desk
        self._runner = runner
        self.inputs = DeviceInputs(devices, self)
        self.inputs.qr_scanned.connect(self._scanned)

        self.scan_page = Page(self.tr("好差评"))
        self.scan_page.body.addWidget(
            wrapped_label(self.tr("请将排队凭条或受理回执上的二维码对准扫码窗口"), "Subtitle")
        )
        # Landscape: the two slips side by side, so that both are on screen.
        slips = QHBoxLayout() if landscape else QVBoxLayout()
        slips.setSpacing(24)
        slips.addWidget(
            option_card(
                Placement.SLIP,
                self.tr("扫描排队凭条"),
                self.tr("窗口办理结束后即可评价，每次服务评价一次。"),
            )
        )
        slips.addWidget(
            option_card(
                Placement.SLIP,
                self.tr("扫描受理回执"),
                self.tr("自助办事提交后即可评价，每个办件评价一次。"),
            )
        )
        self.scan_page.body.addLayout(slips)
        self.scan_page.body.addWidget(
            wrapped_label(self.tr("评价匿名提交，工作人员看不到评价人信息。"), "Notice")
        )
        self.scan_page.body.addStretch(1)

        self.busy_page = Page(self.tr("请稍候…"))
        self.busy_page.body.addStretch(1)

        self.rate_page = Page(self.tr("请您评价本次服务"))
        self.rate_page.body.setSpacing(16)  # levels, reasons, the comment: one screen
        self.subject_label = wrapped_label(name="Subtitle")
        self.rate_page.body.addWidget(self.subject_label)
        self.item_label = wrapped_label(name="Subtitle")  # a case's item (never who applied)
        self.rate_page.body.addWidget(self.item_label)
        self.picker = RatingPicker(landscape=landscape)
        self.picker.level_tapped.connect(self._level)
        self.picker.reason_tapped.connect(self._reason)
        self.rate_page.body.addWidget(self.picker)
        # While the comment is typed the choice is said in one line, where the picker was:
        # the comment field and 提交评价 stay in view above the keyboard.
        self.choice_label = wrapped_label(name="Subtitle")
        self.rate_page.body.addWidget(self.choice_label)
        self.comment_field = QLineEdit()
        self.comment_field.setProperty(WANTS_KEYBOARD, True)
        self.comment_field.setMaxLength(MAX_COMMENT)
        self.comment_field.setPlaceholderText(self.tr("意见或建议（选填）"))
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_field, 1)
        self.rate_page.body.addLayout(comment_row)
        self.rate_page.body.addStretch(1)
        self.submit_button = make_button(self.tr("提交评价"), "Primary")
        self.submit_button.clicked.connect(self._submit)
        self.rate_page.pin(self.submit_button)  # not rating: 结束办理, as on every page
        self.keyboard_room = KeyboardRoom(
            self.comment_field, aside=[self.picker], instead=[self.choice_label]
        )
        self.keyboard_room.changed.connect(self._typing)
        comment_row.addWidget(self.keyboard_room.make_put_away_button())  # and the picker is back

        self.thanks_page = Page(self.tr("感谢您的评价"))
        self.thanks_label = wrapped_label(name="Subtitle")
        self.thanks_page.body.addWidget(self.thanks_label)
        self.thanks_page.body.addStretch(1)
        self.thanks_button = make_button(self.tr("完成"), "Primary")
        self.thanks_button.clicked.connect(self._dismiss)
        self.thanks_page.pin(self.thanks_button)

        self.refused_page = RefusalPage(self.tr("暂时不能评价"), self.tr("扫描其他凭条"))
        self.refusal_title = self.refused_page.problem
        self.refusal_label = self.refused_page.advice
        self.retry_button = self.refused_page.retry_button
        self.retry_button.clicked.connect(self._retry)

        pages = (self.scan_page, self.busy_page, self.rate_page, self.thanks_page)
        for page in (*pages, self.refused_page):
            self.addWidget(page)
        self.pages = {
            RatingState.SCANNING: self.scan_page,
            RatingState.CHECKING: self._show_checking,
            RatingState.RATING: self._show_rating,
            RatingState.SUBMITTING: self.busy_page,
            RatingState.THANKED: self._show_thanks,
            RatingState.REFUSED: self._show_refusal,
        }
        self.listening = {RatingState.SCANNING: (False, True)}
        self._rendered_with(self.inputs)
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        """From home: the citizen scans the ticket to rate."""
        self.wipe()
        self._render(self.flow.state)

    def start_for(self, subject: Subject) -> None:
        """After a journey: rate ``subject`` (e.g. the case just submitted) — offered, and
        still nothing chosen for the citizen."""
        self.wipe()
        self.flow = self._adopt(RatingFlow(subject))
        self._render(self.flow.state)

    def prompt(self, page: str) -> str:
        prompts = {
            "scanning": self.tr("请将排队凭条或受理回执上的二维码对准扫码窗口"),
            "rating": self.tr("请您评价本次服务"),
            "thanked": self.tr("感谢您的评价"),
            "refused": self.tr("%1。%2")
            .replace("%1", self.refusal_title.text())
            .replace("%2", self.refusal_label.text()),
        }
        return prompts.get(page, "")

    def _clear(self) -> None:
        self.flow = self._adopt(RatingFlow())
        self.picker.reset()
        self.comment_field.clear()
        self.submit_button.setEnabled(False)
        for label in (
            self.subject_label,
            self.item_label,
            self.choice_label,
            self.thanks_label,
            self.refusal_title,
            self.refusal_label,
        ):
            label.clear()

    # -- rendering -----------------------------------------------------------------------

    def _show_checking(self) -> None:
        self._show(self.busy_page, RatingState.CHECKING.value)
        self._check()

    def _show_rating(self) -> None:
        subject = self.flow.subject
        assert subject is not None
        if subject.kind is m.SubjectType.TICKET:
            text = self.tr("排队号：%1").replace("%1", subject.label or "-")
        else:
            text = self.tr("办件编号：%1").replace("%1", subject.label or "-")
        self.subject_label.setText(text)
        item = words.case_item_name(subject, self._session().locale == "en")
        self.item_label.setText(self.tr("办理事项：%1").replace("%1", item) if item else "")
        self.item_label.setVisible(bool(item))
        self._mirror()
        self._show(self.rate_page, RatingState.RATING.value)

    def _show_thanks(self) -> None:
        if self.flow.needs_reasons:
            # No contact is taken here: promise no reply, say where to ask for one.
            text = self.tr("您的意见已提交，我们会逐条核实整改。如需答复，请到服务台留下联系方式。")
        else:
            text = self.tr("您的评价已提交，我们将继续努力。")
        self.thanks_label.setText(text)
        self._show(self.thanks_page, RatingState.THANKED.value)

    def _show_refusal(self) -> None:
        refusal = self.flow.refusal
        subject = self.flow.subject
        is_case = subject is not None and subject.kind is m.SubjectType.CASE
        if refusal is RatingRefusal.ALREADY_RATED and is_case:
            title = self.tr("该办件已评价过")
            advice = self.tr("每个办件只能评价一次，感谢您的反馈。")
        elif refusal is RatingRefusal.ALREADY_RATED:
            title = self.tr("本次服务已评价过")
            advice = self.tr("每次服务只能评价一次，感谢您的反馈。")
        elif refusal is RatingRefusal.NOT_FINISHED:
            title = self.tr("服务尚未结束")
            advice = self.tr("请在窗口办理结束后，再扫描凭条评价。")
        elif refusal is RatingRefusal.NOT_A_SERVICE_CODE:
            title = self.tr("无法识别该二维码")
            advice = self.tr("请扫描排队凭条或受理回执上的二维码。")
        elif refusal is RatingRefusal.NOT_UPLOADED:
            title = self.tr("办件尚未上传，暂不能评价")
            advice = self.tr("这是临时编号的回执。联网后办件会自动上传，届时再扫描此回执即可评价。")
        elif refusal is RatingRefusal.PROVISIONAL:
            title = self.tr("临时编号的回执暂不能在此评价")
            advice = self.tr(
                "办件上传后才有正式编号。请回到当时办理的那台自助机上扫描此回执评价，或到服务台咨询。"
            )
        elif refusal is RatingRefusal.NO_RECEIPT_CODE:
            title = self.tr("这张回执不能扫码评价")
            advice = self.tr("较早的回执没有评价验证码。如需评价，请到服务台。")
        elif refusal is RatingRefusal.UNKNOWN and is_case:
            title = self.tr("未找到该办件")
            advice = self.tr("请核对回执上的办件编号，或到服务台咨询。")
        elif refusal is RatingRefusal.UNKNOWN:
            title = self.tr("未找到这次服务")
            advice = self.tr("请核对凭条，或到服务台咨询。")
        elif refusal is RatingRefusal.HUB_UNREACHABLE:
            title = self.tr("网络暂时不通")
            advice = self.tr("请稍后重试。")
        else:
            title = self.tr("系统暂时出现故障")
            advice = self.tr("请稍后重试，或到服务台咨询。")
        self.refusal_title.setText(title)
        self.refusal_label.setText(advice)
        self._show(self.refused_page, RatingState.REFUSED.value)

    def _typing(self, typing: bool) -> None:
        if typing:
            chosen = self.picker.choice_text()
            self.choice_label.setText(self.tr("您的评价：%1").replace("%1", chosen))

    def _mirror(self) -> None:
        self.picker.show_choice(self.flow.rating, self.flow.reasons, self.flow.needs_reasons)
        self.submit_button.setEnabled(self.flow.complete)

    # -- the hub -------------------------------------------------------------------------

    def _check(self) -> None:
        subject = self.flow.subject
        assert subject is not None
        if subject.kind is m.SubjectType.TICKET:
            ticket_id = subject.subject_id
            self._runner.run(lambda: self._desk.ticket(ticket_id), self._checked, self._failed)
        elif subject.from_receipt:
            number, code = subject.label, subject.receipt_code
            self._runner.run(lambda: self._desk.case(number, code), self._case_found, self._failed)
        else:
            self.flow.checked(None)

    def _checked(self, ticket: m.TicketView) -> None:
        if self.flow.state is RatingState.CHECKING:
            self.flow.checked(ticket)

    def _case_found(self, case: m.CaseToRate) -> None:
        if self.flow.state is RatingState.CHECKING:
            self.flow.case_found(case)

    def _failed(self, exc: Exception) -> None:
        if self.flow.state in (RatingState.CHECKING, RatingState.SUBMITTING):
            self.flow.failed(exc)

    def _recorded(self, recorded: m.EvaluationRecorded) -> None:
        if self.flow.state is RatingState.SUBMITTING:
            self.flow.recorded_as(recorded)

    # -- what the citizen does -----------------------------------------------------------

    def _scanned(self, text: str) -> None:
        if self.flow.state is RatingState.SCANNING:
            self.flow.scanned(text)

    def _level(self, level: m.Rating) -> None:
        needed = self.flow.needs_reasons
        if self.flow.state is RatingState.RATING:
            self.flow.choose(level)
        self._mirror()
        if self.flow.needs_reasons and not needed:
            self.say.emit(self.tr("请选择不满意的原因，可以多选，然后点提交评价"))

    def _reason(self, reason: m.BadReason) -> None:
        if self.flow.state is RatingState.RATING:
            self.flow.toggle_reason(reason)
        self._mirror()

    def _submit(self) -> None:
        if self.flow.state is not RatingState.RATING or not self.flow.complete:
            return
        self.flow.set_comment(self.comment_field.text())
        request = self.flow.submit()
        self._runner.run(lambda: self._desk.send(request), self._recorded, self._failed)

    def _retry(self) -> None:
        self.picker.reset()
        self.comment_field.clear()
        self.flow.retry()

    def _dismiss(self) -> None:
        if self.flow.state in (RatingState.THANKED, RatingState.REFUSED):
            self.flow.dismiss()
