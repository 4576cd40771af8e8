"""取号 screens: choose a category or an item, prove identity where the terminal takes tickets
by real name, wait for the number, see (and take) the ticket.

Renders :class:`~kiosk.journeys.ticket.flow.TicketFlow`; the hub and printer work runs on a
background thread through :class:`ui.bridge.BackgroundRunner`. A real-name holder is kept in the
:class:`~kiosk.session.Session` and the flow, and shown masked only (1101**********002X).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from drivers.health import HealthState
from kiosk import catalog_words as words
from kiosk.devices import Devices
from kiosk.identity import Identity, holder_of
from kiosk.journeys.ticket.desk import TicketDesk, TicketMenu, TicketOutcome
from kiosk.journeys.ticket.flow import (
    IssueFailure,
    TicketChoice,
    TicketFlow,
    TicketState,
    failure_of,
)
from kiosk.search import ItemIndex
from kiosk.session import Session
from ui.bridge import BackgroundRunner
from ui.screens.ticket_pages import ChoosePage, FailedPage, IdentifyPage
from ui.widgets import make_button, make_label
from ui.widgets.countdown import ReturnHomeCountdown
from ui.widgets.journey_kit import DeviceInputs, JourneyScreen, Page, wrapped_label
from ui.widgets.printed_slip import PrintedSlip
from ui.widgets.qr_label import QrLabel

logger = logging.getLogger(__name__)


class TicketJourney(JourneyScreen):
    """The whole 取号 journey; emits ``finished`` when the citizen is done with it."""

    key = "ticket"

    def __init__(
        self,
        desk: TicketDesk,
        runner: BackgroundRunner,
        devices: Devices,
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
        self._menu = TicketMenu([])
        self._menu_loaded = False
        self._devices = devices
        self.inputs = DeviceInputs(devices, self)
        self.inputs.qr_scanned.connect(self._scanned)
        self.inputs.card_read.connect(self._card_read)
        self.inputs.card_failed.connect(self._card_failed)

        self.choose_page = ChoosePage(columns, english)
        self.category_scroll = self.choose_page.category_panel  # a long list scrolls
        self.category_buttons = self.choose_page.category_buttons
        self.item_buttons = self.choose_page.item_buttons
        self.choose_page.category_chosen.connect(self._choose)
        self.choose_page.item_chosen.connect(self._choose_item)
        for button in self.choose_page.mode_buttons.values():  # 按类别 / 按事项: its title said
            button.clicked.connect(lambda: self.say.emit(self.choose_page.title.text()))

        self.identify_page = IdentifyPage(columns)
        self.identify_page.back_button.clicked.connect(self._back_to_choice)

        self.busy_page = Page(self.tr("正在为您取号，请稍候…"))
        self.busy_holder_label = wrapped_label(name="Subtitle")
        self.busy_page.body.addWidget(self.busy_holder_label)
        self.busy_page.body.addStretch(1)

        self.ticket_page = Page(self.tr("取号成功"))
        card = QWidget()
        card.setObjectName("TicketCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(40, 20, 40, 20)
        self.number_label = make_label(name="TicketNumber")
        self.number_label.setProperty("short", columns > 1)  # a landscape screen
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.category_label = make_label(name="TicketCategory")
        self.category_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.item_label = wrapped_label(name="TicketWaiting", center=True)
        self.holder_label = wrapped_label(name="TicketWaiting", center=True)
        # Wrapped: how many wait, how long and where make a long line in a longer language.
        self.waiting_label = wrapped_label(name="TicketWaiting", center=True)
        # Room for the item and real-name lines; a landscape screen is short.
        self.qr = QrLabel(240 if columns == 1 else 150)
        qr_row = QHBoxLayout()
        qr_row.addStretch(1)
        qr_row.addWidget(self.qr)
        qr_row.addStretch(1)
        self.qr_hint = wrapped_label(self.tr("手机扫码，随时查看叫号进度"), "Notice", center=True)
        for widget in (
            self.number_label,
            self.category_label,
            self.item_label,
            self.holder_label,
            self.waiting_label,
        ):
            card_layout.addWidget(widget)
        card_layout.addLayout(qr_row)
        card_layout.addWidget(self.qr_hint)
        self.slip = PrintedSlip(max_height=360)
        self.print_label, self.paper_preview = self.slip.print_label, self.slip.paper_preview
        # Portrait: the ticket above what the printer printed; landscape: side by side.
        row = QHBoxLayout() if columns > 1 else QVBoxLayout()
        row.setSpacing(28)
        row.addWidget(card, 1)
        row.addWidget(self.slip, 1)
        self.ticket_page.body.addLayout(row, 1)
        self.done_button = make_button(name="Primary")
        self.done_button.clicked.connect(self._dismiss)
        self.ticket_page.pin(self.done_button)

        self.failed_page = FailedPage()
        self.error_label = self.failed_page.error_label
        self.retry_button = self.failed_page.retry_button
        self.retry_button.clicked.connect(self._retry)

        for page in (
            self.choose_page,
            self.identify_page,
            self.busy_page,
            self.ticket_page,
            self.failed_page,
        ):
            self.addWidget(page)

        self._countdown = ReturnHomeCountdown(self.done_button, self)
        self._countdown.expired.connect(self._dismiss)
        self.pages = {
            TicketState.CHOOSING: self.choose_page,
            TicketState.IDENTIFYING: self._show_identify,
            TicketState.ISSUING: self._show_issuing,
            TicketState.SHOWING: self._show_outcome,
            TicketState.FAILED: self._show_flow_failure,
        }
        self.listening = {TicketState.IDENTIFYING: (True, True)}
        self._rendered_with(self.inputs, self._countdown)
        self.wipe()

    # -- entering and leaving ------------------------------------------------------------

    def start(self) -> None:
        """Begin a fresh journey (a new flow; nothing of the last citizen's remains)."""
        self.wipe()
        if self._menu_loaded:
            self._render(self.flow.state)
            return
        self._show(self.busy_page, "loading")
        self._runner.run(self._prepare, self._menu_ready, self._load_failed)

    def _clear(self) -> None:
        """Forget the citizen's ticket: a fresh flow, and nothing of it left on any widget."""
        self.flow = self._adopt(TicketFlow())
        for label in (
            self.number_label,
            self.category_label,
            self.item_label,
            self.holder_label,
            self.busy_holder_label,
            self.waiting_label,
            self.print_label,
            self.identify_page.what,
        ):
            label.clear()
        self.error_label.clear()
        self.paper_preview.clear()
        self.qr.set_payload("")
        self.choose_page.reset()

    def prompt(self, page: str) -> str:
        prompts = {
            "choosing": self.tr("请选择要办理的业务类别"),
            "identifying": self.tr("请刷身份证，或出示手机上的身份码"),
            "failed": self.error_label.text(),
        }
        if page == "showing" and (outcome := self.flow.outcome) is not None:
            if outcome.printed:
                text = self.tr("您的号码是 %1，请取走凭条。")
            else:
                text = self.tr("您的号码是 %1。凭条未能打印，请记住您的号码。")
            return text.replace("%1", outcome.ticket.number)
        return prompts.get(page, "")

    # -- rendering ------------------------------------------------------------------------

    def _prepare(self) -> tuple[TicketMenu, ItemIndex]:
        """Off the GUI thread: the menu from the hub and the pinyin index of its items."""
        menu = self._desk.menu()
        return menu, ItemIndex(menu.items, self._desk.guide)

    def _menu_ready(self, prepared: tuple[TicketMenu, ItemIndex]) -> None:
        self._menu, index = prepared
        self.choose_page.load(self._menu.categories, index, self._menu.items)
        self._menu_loaded = True
        self._render(self.flow.state)

    def _load_failed(self, exc: Exception) -> None:
        # The flow stays in CHOOSING: "retry" loads again, "home" leaves the journey.
        self._show_failure(failure_of(exc))

    def _show_issuing(self) -> None:
        holder = self.flow.holder
        if holder is not None:
            self.busy_holder_label.setText(self.tr("实名取号：%1").replace("%1", holder.masked_id))
        else:
            self.busy_holder_label.clear()
        self._show(self.busy_page, TicketState.ISSUING.value)

    def _show_outcome(self) -> None:
        assert self.flow.outcome is not None
        self._show_ticket(self.flow.outcome)

    def _show_flow_failure(self) -> None:
        assert self.flow.failure is not None
        self._show_failure(self.flow.failure)

    def _show_identify(self) -> None:
        choice = self.flow.choice
        assert choice is not None
        what = self._item_name(choice.item_code, choice.item_name) or self._category_name(
            choice.category_code
        )
        self.identify_page.what.setText(self.tr("「%1」需要实名取号").replace("%1", what))
        # Offer only the ways that work now (a reader that is down would leave a citizen
        # holding a card to a dead slot); with neither, both show and the tile says why.
        card = self._usable("idcard", self._devices.id_monitor)
        camera = self._usable("camera", self._devices.camera)
        self.identify_page.card_option.setVisible(card or not camera)
        self.identify_page.qr_option.setVisible(camera or not card)
        self._show(self.identify_page, TicketState.IDENTIFYING.value)

    def _usable(self, device: str, handle: object) -> bool:
        return handle is not None and self._devices.board.get(device).state is not HealthState.DOWN

    def _item_name(self, code: str | None, fallback: str) -> str:
        """The item the citizen queues for, in their language (the hub names it in Chinese)."""
        item = next((i for i in self._menu.items if i.code == code), None) if code else None
        return words.item_name(item, self._english) if item is not None else fallback

    def _category_name(self, code: str, fallback: str = "") -> str:
        category = self._menu.category(code)
        if category is None:
            return fallback or code
        return category.name_en if self._english and category.name_en else category.name

    def _show_ticket(self, outcome: TicketOutcome) -> None:
        ticket = outcome.ticket
        self.number_label.setText(ticket.number)
        self.category_label.setText(self._category_name(ticket.category_code, ticket.category_name))
        if item_name := self._item_name(ticket.item_code, ticket.item_name):
            self.item_label.setText(self.tr("办理事项：%1").replace("%1", item_name))
        else:
            self.item_label.clear()
        self.item_label.setVisible(bool(ticket.item_name))
        holder = self.flow.holder
        if holder is not None:
            self.holder_label.setText(self.tr("实名取号：%1").replace("%1", holder.masked_id))
        else:
            self.holder_label.clear()
        self.holder_label.setVisible(holder is not None)
        if ticket.waiting_ahead:
            waiting = self.tr("前面还有 %n 人等候", "", ticket.waiting_ahead)
        else:
            waiting = self.tr("前面没有人等候，请留意叫号")
        if ticket.estimated_wait_minutes:
            waiting += self.tr("，预计等候约 %n 分钟", "", ticket.estimated_wait_minutes)
        if place := self._desk.wait_at(ticket.category_code, english=self._english):
            waiting += "\n" + self.tr("请到 %1 等候叫号").replace("%1", place)
        self.waiting_label.setText(waiting)
        self.qr.set_payload(ticket.follow_url)
        self.slip.show_outcome(outcome.printed, outcome.paper_png)
        self._countdown.start(self._return_home_after)
        self._show(self.ticket_page, TicketState.SHOWING.value)

    def _show_failure(self, failure: IssueFailure) -> None:
        self.failed_page.show_failure(failure, retry_asks_identity=self.flow.retry_asks_identity)
        self._show(self.failed_page, TicketState.FAILED.value)

    # -- the citizen's taps and devices ---------------------------------------------------

    def _choose(self, code: str) -> None:
        self._choose_as(TicketChoice(code))

    def _choose_item(self, code: str) -> None:
        item = next((i for i in self._menu.items if i.code == code), None)
        if item is not None:
            self._choose_as(TicketChoice(item.ticket_category, item.code, item.name))

    def _choose_as(self, choice: TicketChoice) -> None:
        if self.flow.state is not TicketState.CHOOSING:
            return  # a second tap while the first is being served
        real_name = choice.category_code in self._menu.real_name
        self.flow.choose(choice, real_name=real_name)
        if not real_name:
            self._issue()

    def _card_read(self, document: Any) -> None:
        if self.flow.state is not TicketState.IDENTIFYING or not document.id_number:
            return
        holder = holder_of(document)
        self._session().identity = holder
        self.flow.presented(holder=holder)
        self._issue()

    def _card_failed(self) -> None:
        if self.flow.state is TicketState.IDENTIFYING:
            self.flow.failed(IssueFailure("unreadable_card"))

    def _scanned(self, text: str) -> None:
        if self.flow.state is not TicketState.IDENTIFYING:
            return
        self.flow.presented(code=text)
        self._issue()

    def _issue(self) -> None:
        flow = self.flow
        choice = flow.choice
        assert choice is not None
        holder, code = flow.holder, flow.pending_code
        desk, english = self._desk, self._english
        # Who an identity QR stood for, handed to the GUI thread with this job's answer only:
        # a job that answers after the session ended leaves it nowhere.
        resolved: list[Identity] = []

        def job() -> TicketOutcome:
            who = holder
            if code:
                who = desk.resolve_identity(code)
                resolved.append(who)
            return desk.take_ticket(
                choice.category_code, item_code=choice.item_code, holder=who, english=english
            )

        self._runner.run(
            job,
            lambda outcome: self._issued(flow, outcome, resolved),
            lambda exc: self._failed(flow, exc, resolved),
        )

    def _answers(self, flow: TicketFlow) -> bool:
        """Whether a job's answer still belongs on screen: the journey's current flow is the
        one that asked, and it is waiting (an answer to the last citizen's request after the
        session ended, or to a request the citizen walked away from, is dropped)."""
        return flow is self.flow and flow.state is TicketState.ISSUING

    def _adopt_identity(self, resolved: list[Identity]) -> None:
        if resolved:
            self._session().identity = resolved[0]
            self.flow.identified(resolved[0])
            self.person_identified.emit(resolved[0].id_number)
        resolved.clear()

    def _issued(self, flow: TicketFlow, outcome: TicketOutcome, resolved: list[Identity]) -> None:
        if self._answers(flow):
            self._adopt_identity(resolved)
            flow.issued(outcome)
        resolved.clear()

    def _failed(self, flow: TicketFlow, exc: Exception, resolved: list[Identity]) -> None:
        if self._answers(flow):
            self._adopt_identity(resolved)
            flow.failed(failure_of(exc))
        resolved.clear()

    def _retry(self) -> None:
        if not self._menu_loaded:
            self.start()
            return
        if self.flow.retry_asks_identity:
            self._session().identity = None
        self.flow.retry()
        if self.flow.state is TicketState.ISSUING:
            self._issue()

    def _back_to_choice(self) -> None:
        if self.flow.state is TicketState.IDENTIFYING:
            self._session().identity = None
            self.flow.back()

    def _dismiss(self) -> None:
        if self.flow.state in (TicketState.SHOWING, TicketState.FAILED):
            self.flow.dismiss()
        elif self.flow.state is TicketState.CHOOSING:  # left after the categories failed to load
            self.flow.back()
