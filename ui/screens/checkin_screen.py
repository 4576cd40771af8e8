"""预约签到 screens: show the appointment QR or place the ID card, then take the priority ticket.

Renders :class:`~kiosk.journeys.checkin.flow.CheckInFlow`; the hub and printer work runs on a
background thread. The card read or the identity resolved is kept in the
:class:`~kiosk.session.Session` and shown masked only (张*例, 1101**********002X).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.devices import Devices
from kiosk.identity import Identity, holder_of
from kiosk.journeys.checkin.desk import CheckInDesk
from kiosk.journeys.checkin.flow import (
    CheckInFlow,
    CheckInState,
    Refusal,
    RefusalKind,
    refusal_of,
)
from kiosk.journeys.ticket.desk import TicketOutcome
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.widgets import make_button
from ui.widgets.countdown import ReturnHomeCountdown
from ui.widgets.journey_kit import (
    DeviceInputs,
    JourneyScreen,
    Page,
    RefusalPage,
    option_card,
    wrapped_label,
)
from ui.widgets.placement import Placement
from ui.widgets.printed_slip import PrintedSlip
from ui.widgets.qr_label import QrLabel

logger = logging.getLogger(__name__)


def offers_ticket(refusal: Refusal) -> bool:
    """Whether a ticket taken now is the citizen's way on (the advice says 现场取号)."""
    kind = refusal.kind
    if kind is RefusalKind.EXPIRED:
        return refusal.appointment_date is not None  # not an expired identity code
    if kind is RefusalKind.ALREADY_CHECKED_IN:
        return bool(refusal.ticket_number) and refusal.ticket_closed  # served: a new visit
    return kind in (RefusalKind.NO_APPOINTMENT, RefusalKind.NOT_YET, RefusalKind.CANCELLED)


class CheckInJourney(JourneyScreen):
    key = "checkin"
    # 现场取号 on a refusal: the window ends this journey and opens 取号 for the same citizen.
    ticket_requested = Signal()

    def __init__(
        self,
        desk: CheckInDesk,
        devices: Devices,
        runner: BackgroundRunner,
        session: Callable[[], Session],
        return_home_after: int = 8,
        *,
        english: bool = False,
        columns: int = 1,
    ) -> None:
        super().__init__(session)
        self._english = english
        self._desk = desk
        self._runner = runner
        self._return_home_after = return_home_after
        self.inputs = DeviceInputs(devices, self)
        self.inputs.qr_scanned.connect(self._scanned)
        self.inputs.card_read.connect(self._card_read)
        self.inputs.card_failed.connect(self._card_failed)

        self.wait_page = Page(self.tr("预约签到"))
        self.wait_page.body.addWidget(
            wrapped_label(self.tr("请出示预约二维码，或将身份证放在读卡区"), "Subtitle")
        )
        # Landscape: the two ways side by side, so that both are on screen.
        options = QHBoxLayout() if columns > 1 else QVBoxLayout()
        options.setSpacing(24)
        options.addWidget(
            option_card(
                Placement.QR,
                self.tr("扫描预约二维码"),
                self.tr("打开预约短信或预约页面，将二维码对准扫码窗口"),
            )
        )
        options.addWidget(
            option_card(
                Placement.CARD,
                self.tr("刷身份证"),
                self.tr("将身份证平放在读卡区，读取后即可拿开"),
            )
        )
        self.wait_page.body.addLayout(options)
        self.wait_page.body.addWidget(
            wrapped_label(self.tr("正在等待扫码或刷证…"), "Notice", center=True)
        )
        self.wait_page.body.addStretch(1)

        self.busy_page = Page(self.tr("正在查询您的预约，请稍候…"))
        self.holder_label = wrapped_label(name="Subtitle")
        self.busy_page.body.addWidget(self.holder_label)
        self.busy_page.body.addStretch(1)

        self.ticket_page = Page(self.tr("签到成功"))
        card = QWidget()
        card.setObjectName("TicketCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(40, 24, 40, 24)
        self.greeting_label = wrapped_label(name="TicketCategory", center=True)
        self.holder_id_label = wrapped_label(name="TicketWaiting", center=True)
        self.number_label = wrapped_label(name="TicketNumber", center=True)
        self.number_label.setProperty("short", columns > 1)  # a landscape screen
        self.category_label = wrapped_label(name="TicketCategory", center=True)
        self.priority_label = wrapped_label(
            self.tr("预约优先：请留意叫号，将优先为您办理"), "TicketWaiting", center=True
        )
        self.qr = QrLabel(200)
        card_layout.addWidget(self.greeting_label)
        card_layout.addWidget(self.holder_id_label)
        # Portrait: the number above its QR; landscape (a short screen): side by side.
        number_row = QHBoxLayout() if columns > 1 else QVBoxLayout()
        number = QVBoxLayout()
        number.addWidget(self.number_label)
        number.addWidget(self.category_label)
        number_row.addLayout(number, 1)
        number_row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignCenter)
        card_layout.addLayout(number_row)
        card_layout.addWidget(self.priority_label)
        self.slip = PrintedSlip(max_height=300)
        self.print_label, self.paper_preview = self.slip.print_label, self.slip.paper_preview
        # Portrait: the ticket above what the printer printed; landscape: side by side.
        row = QHBoxLayout() if columns > 1 else QVBoxLayout()
        row.setSpacing(28)
        row.addWidget(card, 1)
        row.addWidget(self.slip, 1)
        self.ticket_page.body.addLayout(row, 1)
        # 好差评 is offered, never pushed: a ticket can be rated once it has been served.
        self.rating_hint = wrapped_label(
            self.tr("办完业务后，欢迎在首页「好差评」扫描凭条二维码，评价本次服务"),
            "Notice",
            center=True,
        )
        self.done_button = make_button(name="Primary")
        self.done_button.clicked.connect(self._dismiss)
        self.ticket_page.pin(self.rating_hint, self.done_button)

        self.refused_page = RefusalPage(self.tr("未能签到"), self.tr("重新扫码或刷证"))
        self.refusal_title = self.refused_page.problem
        self.refusal_label = self.refused_page.advice
        # Already checked in: the number that check-in issued, as large as on the ticket.
        self.refused_number = wrapped_label(name="TicketNumber", center=True)
        body = self.refused_page.body
        body.insertWidget(body.indexOf(self.refusal_label) + 1, self.refused_number)
        # Where the way on is a ticket, the button for it, not words pointing at home's tile.
        self.ticket_button = make_button(self.tr("现场取号"), "Primary")
        self.ticket_button.clicked.connect(self.ticket_requested)
        body.insertWidget(body.indexOf(self.refused_number) + 1, self.ticket_button)
        self.retry_button = self.refused_page.retry_button
        self.retry_button.clicked.connect(self._retry)

        for page in (self.wait_page, self.busy_page, self.ticket_page, self.refused_page):
            self.addWidget(page)
        self._countdown = ReturnHomeCountdown(self.done_button, self)
        self._countdown.expired.connect(self._dismiss)
        self._runner_identity: Identity | None = None
        self.pages = {
            CheckInState.WAITING: self.wait_page,
            CheckInState.CHECKING: self._show_checking,
            CheckInState.SHOWING: self._show_outcome,
            CheckInState.REFUSED: self._show_flow_refusal,
        }
        self.listening = {CheckInState.WAITING: (True, True)}
        self._rendered_with(self.inputs, self._countdown)
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        self.wipe()
        self._render(self.flow.state)

    def _clear(self) -> None:
        """A fresh flow, every label and picture cleared, no device listened to."""
        self.flow = self._adopt(CheckInFlow())
        self._runner_identity = None
        for label in (
            self.holder_label,
            self.greeting_label,
            self.holder_id_label,
            self.number_label,
            self.category_label,
            self.print_label,
            self.refusal_title,
            self.refusal_label,
            self.refused_number,
            self.paper_preview,
        ):
            label.clear()
        self.refused_number.hide()
        self.qr.set_payload("")

    # -- rendering -----------------------------------------------------------------------

    def _show_checking(self) -> None:
        self._show_holder()
        self._show(self.busy_page, CheckInState.CHECKING.value)

    def _show_outcome(self) -> None:
        assert self.flow.outcome is not None
        self._show_ticket(self.flow.outcome)

    def _show_flow_refusal(self) -> None:
        assert self.flow.refusal is not None
        self._show_refusal(self.flow.refusal)

    def _show_holder(self) -> None:
        holder = self.flow.holder
        if holder is None:
            self.holder_label.clear()
            return
        text = self.tr("%1，您好（%2）").replace("%1", holder.masked_name or self.tr("您"))
        self.holder_label.setText(text.replace("%2", holder.masked_id))

    def prompt(self, page: str) -> str:
        if page == "waiting":
            return self.tr("请出示预约二维码，或将身份证放在读卡区")
        if page == "showing" and (outcome := self.flow.outcome) is not None:
            text = self.tr("签到成功，您的号码是 %1，请留意叫号。")
            return text.replace("%1", outcome.ticket.number)
        if page == "refused":
            said = self.refusal_title.text()
            if number := self.refused_number.text():  # already checked in
                said += self.tr("，您的号码是 %1。").replace("%1", number)
            return said
        return ""

    def _show_ticket(self, outcome: TicketOutcome) -> None:
        ticket = outcome.ticket
        holder = self.flow.holder
        if holder is not None and holder.masked_name:
            self.greeting_label.setText(
                self.tr("%1，您的预约已签到").replace("%1", holder.masked_name)
            )
        else:
            self.greeting_label.setText(self.tr("您的预约已签到"))
        if holder is not None:
            self.holder_id_label.setText(self.tr("证件号码：%1").replace("%1", holder.masked_id))
        self.number_label.setText(ticket.number)
        english = self._desk.category_name_en(ticket.category_code) if self._english else ""
        self.category_label.setText(english or ticket.category_name)
        self.qr.set_payload(ticket.follow_url)
        self.slip.show_outcome(outcome.printed, outcome.paper_png)
        self._countdown.start(self._return_home_after)
        self._show(self.ticket_page, CheckInState.SHOWING.value)

    def _show_refusal(self, refusal: Refusal) -> None:
        title, advice = self._refusal_text(refusal)
        self.refusal_title.setText(title)
        self.refusal_label.setText(advice)
        number = refusal.ticket_number if refusal.kind is RefusalKind.ALREADY_CHECKED_IN else ""
        self.refused_number.setText(number)
        self.refused_number.setVisible(bool(number))
        self.ticket_button.setVisible(offers_ticket(refusal))
        self._show(self.refused_page, CheckInState.REFUSED.value)

    def _refusal_text(self, refusal: Refusal) -> tuple[str, str]:
        day = refusal.appointment_date.isoformat() if refusal.appointment_date else ""
        kind = refusal.kind
        if kind is RefusalKind.NO_APPOINTMENT:
            return self.tr("没有查到您今天的预约"), self.tr(
                "请确认预约的日期和证件，或现场取号办理。"
            )
        if kind is RefusalKind.NOT_YET:
            return self.tr("您的预约不是今天"), self.tr(
                "预约日期：%1。请在预约当天前来签到，或现场取号办理。"
            ).replace("%1", day)
        if kind is RefusalKind.EXPIRED:
            if day:
                return self.tr("预约已过期"), self.tr(
                    "预约日期：%1，已错过。请重新预约，或现场取号办理。"
                ).replace("%1", day)
            return self.tr("二维码已过期"), self.tr("请在手机上刷新二维码后重新扫描。")
        if kind is RefusalKind.ALREADY_CHECKED_IN:
            if refusal.ticket_number and refusal.ticket_closed:
                return self.tr("该预约已签到"), self.tr(
                    "您今天已签到并已办理，号码如下。如需再次办理，请现场取号。"
                )
            if refusal.ticket_number:
                return self.tr("该预约已签到"), self.tr(
                    "您今天已签到，排队号如下。无需重复签到，请留意叫号；凭条遗失请到服务台咨询。"
                )
            return self.tr("该预约已签到"), self.tr(
                "请勿重复签到，请留意叫号；凭条遗失请到服务台咨询。"
            )
        if kind is RefusalKind.CANCELLED:
            return self.tr("该预约已取消"), self.tr("如需办理，请重新预约或现场取号。")
        if kind is RefusalKind.INVALID_CODE:
            return self.tr("无法识别该二维码"), self.tr(
                "请出示预约短信或预约页面上的二维码，也可以刷身份证签到。"
            )
        if kind is RefusalKind.UNREADABLE_CARD:
            return self.tr("身份证读取失败"), self.tr("请将身份证平放在读卡区，稍等片刻再拿开。")
        if kind is RefusalKind.HUB_UNREACHABLE:
            return self.tr("网络暂时不通"), self.tr("请稍后重试，或到服务台人工签到。")
        return self.tr("系统暂时出现故障"), (refusal.hub_message or self.tr("请到服务台人工签到。"))

    # -- what the citizen does -----------------------------------------------------------

    def _scanned(self, text: str) -> None:
        if self.flow.state is not CheckInState.WAITING:
            return
        self.flow.presented()

        def identified(holder: Identity) -> None:
            self._runner_identity = holder  # read on the GUI thread once the job reports

        self._runner_identity = None
        english = self._english
        self._runner.run(
            lambda: self._desk.by_scan(text, on_identity=identified, english=english),
            self._checked_in,
            self._refused,
        )

    def _card_read(self, document: Any) -> None:
        if self.flow.state is not CheckInState.WAITING or not document.id_number:
            return
        self._session().identity = document
        holder = holder_of(document)
        self._runner_identity = None
        self.flow.presented(holder)
        english = self._english
        self._runner.run(
            lambda: self._desk.by_id_number(holder.id_number, english=english),
            self._checked_in,
            self._refused,
        )

    def _card_failed(self) -> None:
        if self.flow.state is CheckInState.WAITING:
            self.flow.refused(Refusal(RefusalKind.UNREADABLE_CARD))

    def _checked_in(self, outcome: TicketOutcome) -> None:
        if self.flow.state is not CheckInState.CHECKING:
            return  # the session ended while the hub answered
        self._adopt_identity()
        self.flow.checked_in(outcome)

    def _refused(self, exc: Exception) -> None:
        if self.flow.state is not CheckInState.CHECKING:
            return
        self._adopt_identity()
        self.flow.refused(refusal_of(exc))

    def _adopt_identity(self) -> None:
        holder, self._runner_identity = self._runner_identity, None
        if holder is not None:
            self._session().identity = holder
            self.flow.identified(holder)
            self.person_identified.emit(holder.id_number)

    def _retry(self) -> None:
        self._session().identity = None
        self.flow.retry()

    def _dismiss(self) -> None:
        if self.flow.state in (CheckInState.SHOWING, CheckInState.REFUSED):
            self.flow.dismiss()
