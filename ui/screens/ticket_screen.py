"""取号 screens: choose a category, wait for the number, see (and take) the ticket.

Renders :class:`kiosk.flows.ticket.TicketFlow`; the hub and printer work runs on a background
thread through :class:`ui.bridge.BackgroundRunner`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.flows.ticket import IssueFailure, TicketFlow, TicketState
from kiosk.tickets import TicketDesk, TicketOutcome
from ui.bridge import BackgroundRunner
from ui.widgets import make_button, make_label
from ui.widgets.journey_kit import JourneyStack, Page
from ui.widgets.printed_slip import PrintedSlip
from ui.widgets.qr_label import QrLabel

logger = logging.getLogger(__name__)


def _failure_of(exc: Exception) -> IssueFailure:
    if isinstance(exc, HubUnreachable):
        return IssueFailure("hub_unreachable")
    if isinstance(exc, HubRejected):
        return IssueFailure("hub_rejected", exc.citizen_message)
    logger.error("ticket issue failed: %s", type(exc).__name__)
    return IssueFailure("hub_failure")


class TicketJourney(JourneyStack):
    """The whole 取号 journey; emits ``finished`` when the citizen is done with it."""

    def __init__(
        self,
        desk: TicketDesk,
        runner: BackgroundRunner,
        return_home_after: int = 8,
        *,
        english: bool = False,
        columns: int = 1,
    ) -> None:
        super().__init__()
        self._english = english
        self._columns = columns
        self._desk = desk
        self._runner = runner
        self._return_home_after = return_home_after
        self._categories_loaded = False
        self.category_buttons: dict[str, QPushButton] = {}
        self._category_names: dict[str, str] = {}

        self.choose_page = Page(self.tr("请选择要办理的业务类别"))
        self.category_scroll = self.choose_page  # a long list scrolls with the page
        self.category_grid = QGridLayout()
        self.category_grid.setSpacing(28)
        self.choose_page.body.addLayout(self.category_grid)
        self.choose_page.body.addStretch(1)
        self.back_button = QPushButton(self.tr("返回首页"))
        self.back_button.clicked.connect(self._back_home)
        self.choose_page.body.addWidget(self.back_button)

        self.busy_page = Page(self.tr("正在为您取号，请稍候…"))
        self.busy_page.body.addStretch(1)

        self.ticket_page = Page(self.tr("取号成功"))
        card = QWidget()
        card.setObjectName("TicketCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(40, 30, 40, 30)
        self.number_label = make_label(name="TicketNumber")
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.category_label = make_label(name="TicketCategory")
        self.category_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting_label = make_label(name="TicketWaiting")
        self.waiting_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr = QrLabel(300)
        qr_row = QHBoxLayout()
        qr_row.addStretch(1)
        qr_row.addWidget(self.qr)
        qr_row.addStretch(1)
        self.qr_hint = make_label(self.tr("手机扫码，随时查看叫号进度"), "Notice")
        self.qr_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.number_label, self.category_label, self.waiting_label):
            card_layout.addWidget(widget)
        card_layout.addLayout(qr_row)
        card_layout.addWidget(self.qr_hint)
        self.slip = PrintedSlip(max_height=420)
        self.print_label, self.paper_preview = self.slip.print_label, self.slip.paper_preview
        # Portrait: the ticket above what the printer printed; landscape: side by side.
        row = QHBoxLayout() if columns > 1 else QVBoxLayout()
        row.setSpacing(28)
        row.addWidget(card, 1)
        row.addWidget(self.slip, 1)
        self.ticket_page.body.addLayout(row)
        self.done_button = make_button(name="Primary")
        self.done_button.clicked.connect(self._dismiss)
        self.ticket_page.body.addWidget(self.done_button)

        self.failed_page = Page(self.tr("暂时无法取号"))
        self.error_label = make_label(name="ErrorText")
        self.error_label.setWordWrap(True)
        self.failed_page.body.addWidget(self.error_label)
        self.failed_page.body.addStretch(1)
        self.retry_button = make_button(self.tr("重试"), "Primary")
        self.retry_button.clicked.connect(self._retry)
        self.failed_home_button = QPushButton(self.tr("返回首页"))
        self.failed_home_button.clicked.connect(self._dismiss)
        self.failed_page.body.addWidget(self.retry_button)
        self.failed_page.body.addWidget(self.failed_home_button)

        for page in (self.choose_page, self.busy_page, self.ticket_page, self.failed_page):
            self.addWidget(page)

        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._seconds_left = 0
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        """Begin a fresh journey (a new flow; nothing of the last citizen's remains)."""
        self.wipe()
        if self._categories_loaded:
            self._render(self.flow.state)
            return
        self._show(self.busy_page, "loading")
        self._runner.run(self._desk.categories, self._categories_ready, self._load_failed)

    def wipe(self) -> None:
        """Forget the citizen's ticket: a fresh flow, and nothing of it left on any widget."""
        self.flow = TicketFlow()
        self.flow.machine.on_change(self._render)
        self._countdown.stop()
        for label in (self.number_label, self.category_label, self.waiting_label, self.print_label):
            label.clear()
        self.error_label.clear()
        self.paper_preview.clear()
        self.qr.set_payload("")

    # -- rendering ------------------------------------------------------------------------

    def _categories_ready(self, categories: list) -> None:
        while (item := self.category_grid.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.category_buttons.clear()
        self._category_names.clear()
        for index, category in enumerate(categories):
            name = category.name_en if self._english and category.name_en else category.name
            self._category_names[category.code] = name
            button = make_button(f"{category.prefix}  {name}", "Category")
            button.clicked.connect(lambda _=False, code=category.code: self._choose(code))
            self.category_grid.addWidget(button, index // self._columns, index % self._columns)
            self.category_buttons[category.code] = button
        self._categories_loaded = True
        self._render(self.flow.state)

    def _load_failed(self, exc: Exception) -> None:
        # The flow stays in CHOOSING: "retry" loads again, "home" leaves the journey.
        self._show_failure(_failure_of(exc))

    def _render(self, state: TicketState) -> None:
        if state is TicketState.CHOOSING:
            self._show(self.choose_page, state.value)
        elif state is TicketState.ISSUING:
            self._show(self.busy_page, state.value)
        elif state is TicketState.SHOWING:
            assert self.flow.outcome is not None
            self._show_ticket(self.flow.outcome)
        elif state is TicketState.FAILED:
            assert self.flow.failure is not None
            self._show_failure(self.flow.failure)
        elif state is TicketState.DONE:
            self._countdown.stop()
            self.finished.emit()

    def _show_ticket(self, outcome: TicketOutcome) -> None:
        ticket = outcome.ticket
        self.number_label.setText(ticket.number)
        name = self._category_names.get(ticket.category_code, ticket.category_name)
        self.category_label.setText(name)
        if ticket.waiting_ahead:
            waiting = self.tr("前面还有 %n 人等候", "", ticket.waiting_ahead)
        else:
            waiting = self.tr("前面没有人等候，请留意叫号")
        if ticket.estimated_wait_minutes:
            waiting += self.tr("，预计等候约 %n 分钟", "", ticket.estimated_wait_minutes)
        self.waiting_label.setText(waiting)
        self.qr.set_payload(ticket.follow_url)
        self.slip.show_outcome(outcome.printed, outcome.paper_png)
        self._seconds_left = self._return_home_after
        self._update_done_text()
        self._countdown.start()
        self._show(self.ticket_page, TicketState.SHOWING.value)

    def _show_failure(self, failure: IssueFailure) -> None:
        if failure.key == "hub_unreachable":
            text = self.tr("网络暂时不通，请稍后重试，或到服务台人工取号。")
        elif failure.key == "hub_rejected" and failure.hub_message:
            text = failure.hub_message
        else:
            text = self.tr("系统暂时出现故障，请到服务台人工取号。")
        self.error_label.setText(text)
        self._show(self.failed_page, TicketState.FAILED.value)

    def _update_done_text(self) -> None:
        self.done_button.setText(self.tr("完成（%n 秒后返回首页）", "", self._seconds_left))

    # -- the citizen's taps ---------------------------------------------------------------

    def _choose(self, code: str) -> None:
        if self.flow.state is not TicketState.CHOOSING:
            return  # a second tap while the first is being served
        self.flow.choose(code)
        self._issue()

    def _issue(self) -> None:
        code = self.flow.category_code or ""
        self._runner.run(lambda: self._desk.take_ticket(code), self._issued, self._failed)

    def _issued(self, outcome: TicketOutcome) -> None:
        if self.flow.state is TicketState.ISSUING:
            self.flow.issued(outcome)

    def _failed(self, exc: Exception) -> None:
        if self.flow.state is TicketState.ISSUING:
            self.flow.failed(_failure_of(exc))

    def _retry(self) -> None:
        if not self._categories_loaded:
            self.start()
            return
        self.flow.retry()
        self._issue()

    def _back_home(self) -> None:
        self.flow.back()

    def _dismiss(self) -> None:
        if self.flow.state in (TicketState.SHOWING, TicketState.FAILED):
            self.flow.dismiss()
        elif self.flow.state is TicketState.CHOOSING:  # left after the categories failed to load
            self.flow.back()

    def _tick(self) -> None:
        self._seconds_left -= 1
        if self._seconds_left <= 0:
            self._dismiss()
        else:
            self._update_done_text()
