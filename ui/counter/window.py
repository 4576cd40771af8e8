"""The clerk's calling desk (窗口叫号): sign in, then call, serve and finish, with F-keys.

Left: the citizen in front of the clerk (number, queue, item, calls so far, a service timer that
turns amber past the standard time) and the action buttons, each with its F-key. Right: the
live waiting list of the window's queues (call order, wait so far) and the tickets parked here;
the side forms (finish, chosen number, transfer, pause, queues) take the right side while open.
Hub work runs off the GUI thread; a click whose answer is lost is shown as uncertain and sent
again with its key (kiosk.counter.desk) until the hub answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from contract import models as m
from drivers.health import DeviceHealth, HealthState
from drivers.idcard.document import IdDocument
from kiosk.api.errors import HubError, HubRejected
from kiosk.counter.desk import CounterDesk, Uncertain
from kiosk.counter.notice_printing import NoticeNotPrinted, NoticePrinted, NoticePrinting
from kiosk.staff import CardKind, StaffCard, staff_card_of
from ui.bridge import BackgroundRunner, EventRelay
from ui.counter.forms import (
    CallNumberForm,
    FinishForm,
    PauseForm,
    QueuesForm,
    TransferForm,
    pause_name,
)
from ui.counter.help_calls import HelpCallsBar
from ui.counter.workbench import Workbench
from ui.device_notices import device_problem
from ui.widgets import make_button

if TYPE_CHECKING:  # the kiosk's case journey loads with the walk-in page, where it is built
    from ui.counter.walk_in import WalkInPage

logger = logging.getLogger(__name__)

S = m.TicketState
A = m.TicketAction
REFRESH_MS = 5000
RETRY_MS = 3000
# The tables hold the Chinese source texts (QT_TRANSLATE_NOOP marks them for lupdate); the
# desk translates them where it shows them, with desk_text().
# (key, label, name): the desk's actions, in the order of their F-keys
ACTIONS = (
    ("F1", QT_TRANSLATE_NOOP("CounterWindow", "叫号"), "call_next"),
    ("F2", QT_TRANSLATE_NOOP("CounterWindow", "重呼"), "recall"),
    ("F3", QT_TRANSLATE_NOOP("CounterWindow", "开始办理"), "start"),
    ("F4", QT_TRANSLATE_NOOP("CounterWindow", "办结"), "finish"),
    ("F5", QT_TRANSLATE_NOOP("CounterWindow", "过号"), "no_show"),
    ("F6", QT_TRANSLATE_NOOP("CounterWindow", "挂起"), "park"),
    ("F7", QT_TRANSLATE_NOOP("CounterWindow", "转移"), "transfer"),
    ("F8", QT_TRANSLATE_NOOP("CounterWindow", "选号呼叫"), "call_number"),
    ("F9", QT_TRANSLATE_NOOP("CounterWindow", "暂停服务"), "pause"),
    ("F10", QT_TRANSLATE_NOOP("CounterWindow", "办理业务"), "queues"),
)
PRIORITY_LABELS = {
    m.Priority.PRIORITY: QT_TRANSLATE_NOOP("CounterWindow", "优先"),
    m.Priority.APPOINTMENT: QT_TRANSLATE_NOOP("CounterWindow", "预约"),
}
CASE_STATES = {
    m.CaseState.SUBMITTED: QT_TRANSLATE_NOOP("CounterWindow", "已提交"),
    m.CaseState.ACCEPTED: QT_TRANSLATE_NOOP("CounterWindow", "已受理"),
    m.CaseState.REJECTED: QT_TRANSLATE_NOOP("CounterWindow", "不予受理"),
    m.CaseState.SUPPLEMENT_REQUESTED: QT_TRANSLATE_NOOP("CounterWindow", "待补正"),
    m.CaseState.PROCESSING: QT_TRANSLATE_NOOP("CounterWindow", "办理中"),
    m.CaseState.SUSPENDED: QT_TRANSLATE_NOOP("CounterWindow", "特别程序"),
    m.CaseState.DONE: QT_TRANSLATE_NOOP("CounterWindow", "已办结"),
    m.CaseState.DELIVERED: QT_TRANSLATE_NOOP("CounterWindow", "已送达"),
}


def desk_text(source: object) -> str:
    """A text of the desk's tables (ACTIONS, PRIORITY_LABELS, CASE_STATES) in the UI language.

    ``source`` is an ``object`` because PySide6's stubs type QT_TRANSLATE_NOOP's result so."""
    return QCoreApplication.translate("CounterWindow", str(source))


def repolish(widget: QWidget) -> None:
    """Apply the style sheet again after an object name or a property changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def minutes_since(moment: datetime | None, now: datetime) -> int:
    return max(0, int((now - moment).total_seconds() // 60)) if moment else 0


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class SignInPage(QWidget):
    """Staff number and PIN, or a card on the window's reader (a staff card or the clerk's own
    ID card) and the PIN: a card alone never signs in."""

    submitted = Signal(object)  # m.ClerkSignIn

    def __init__(self, hall_name: str, counter_code: str) -> None:
        super().__init__()
        hall = QLabel(hall_name)
        hall.setObjectName("PanelTitle")
        self.title = QLabel("")
        self.title.setObjectName("WindowName")
        self.show_window(counter_code)
        self.staff_no = QLineEdit()
        self.staff_no.setPlaceholderText(self.tr("工号（或在读卡器上刷工作人员卡）"))
        self.staff_no.setMaxLength(64)
        self.pin = QLineEdit()
        self.pin.setPlaceholderText(self.tr("密码"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.button = make_button(self.tr("登录"), "Primary")
        self.message = QLabel("")
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.card: StaffCard | None = None
        form = QVBoxLayout()
        for widget in (hall, self.title, self.staff_no, self.pin, self.button, self.message):
            form.addWidget(widget)
        box = QWidget()
        box.setLayout(form)
        box.setFixedWidth(520)
        layout = QHBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addStretch(1)
        self.button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.staff_no.returnPressed.connect(self.pin.setFocus)
        self.staff_no.textEdited.connect(lambda _text: self._forget_card())

    def show_window(self, window: str) -> None:
        """The title names the window (its code until the hub tells its name)."""
        self.title.setText(self.tr("{window} · 工作人员登录").format(window=window))

    def use_card(self, card: StaffCard) -> None:
        """A card was read: it stands for the staff number; the PIN is still asked."""
        self.card = card
        self.staff_no.clear()
        self.staff_no.setPlaceholderText(self.tr("已读取卡片，请输入密码"))
        self.say(self.tr("已读取卡片，请输入密码。"))
        self.pin.setFocus()

    def _forget_card(self) -> None:
        if self.card is not None:
            self.card = None
            self.staff_no.setPlaceholderText(self.tr("工号（或在读卡器上刷工作人员卡）"))

    def _submit(self) -> None:
        staff_no, pin = self.staff_no.text().strip(), self.pin.text().strip()
        if not (pin.isdigit() and 4 <= len(pin) <= 12) or not (staff_no or self.card):
            self.say(self.tr("请输入工号（或刷卡）和 4–12 位数字密码。"))
            return
        try:
            if self.card is not None and self.card.kind is CardKind.STAFF_CARD:
                request = m.ClerkSignIn(card_uid=self.card.value, pin=pin)
            elif self.card is not None:
                request = m.ClerkSignIn(id_number=self.card.value, pin=pin)
            else:
                request = m.ClerkSignIn(staff_no=staff_no, pin=pin)
        except ValueError:  # a staff number with characters no clerk has
            self.say(self.tr("工号或密码不正确。"))
            return
        self.submitted.emit(request)

    def say(self, text: str) -> None:
        self.message.setText(text)

    def clear(self) -> None:
        self.pin.clear()
        self.message.clear()
        self._forget_card()


class CounterWindow(QWidget):
    """The window terminal's top-level window."""

    signed_in = Signal()
    signed_out = Signal()
    window_changed = Signal(object, object)  # CounterSession | None, CounterTicket | None
    service_finished = Signal(object)  # the CounterTicket just finished (the pad asks)

    def __init__(self, desk: CounterDesk, hall_name: str = "") -> None:
        super().__init__()
        self.setObjectName("CounterWindow")
        self.setWindowTitle(self.tr("一门通 窗口叫号 {window}").format(window=desk.counter_code))
        from importlib import resources

        sheet = resources.files("ui.theme").joinpath("counter.qss").read_text("utf-8")
        self.setStyleSheet(sheet)
        self.desk = desk
        self.hall_name = hall_name
        self.runner = BackgroundRunner(self)
        self.session: m.CounterSession | None = None
        self.lists = m.CounterQueues(waiting=[], parked=[])
        self.current: m.CounterTicket | None = None
        self.citizen: m.CitizenAtWindow | None = None  # who the current ticket is for
        self.reader_down = False
        self.notice_printer: Callable[[m.Notice], None] | None = None
        self.busy = False  # a click is on its way
        self._clicks = 0  # clicks answered: a refresh sent before one must not undo it

        self.pages = QStackedWidget()
        self.sign_in_page = SignInPage(hall_name, desk.counter_code)
        self.category_names: dict[str, str] = {}
        self.sign_in_page.submitted.connect(self._sign_in)
        self.desk_page = self._build_desk()
        self.workbench = Workbench(desk, self.runner)
        self.workbench.back.connect(self.show_desk)
        self.workbench.notice_made.connect(self.print_notice)
        self.pages.addWidget(self.sign_in_page)
        self.pages.addWidget(self.desk_page)
        self.pages.addWidget(self.workbench)
        self.last_card: m.CardAtWindow | None = None  # the current citizen's card, read here
        self.walk_in: WalkInPage | None = None  # 窗口收件, where the terminal can take cases
        self.help_calls = HelpCallsBar(desk, self.runner)  # 求助 from the site's kiosks
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.help_calls)
        layout.addWidget(self.pages)

        self.shortcuts: dict[str, QShortcut] = {}
        for key, _label, name in ACTIONS:
            shortcut = QShortcut(QKeySequence(key), self)
            # The keyboard is the clerk's wherever the focus went (a tap on the rating pad).
            shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
            shortcut.activated.connect(lambda n=name: self.trigger(n))
            self.shortcuts[name] = shortcut
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self).activated.connect(self._escape)
        workbench_key = QShortcut(QKeySequence("F11"), self)
        workbench_key.setContext(Qt.ShortcutContext.ApplicationShortcut)
        workbench_key.activated.connect(lambda: self.open_workbench())

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._show_times)
        self.tick.start()

    # -- building

    def _build_desk(self) -> QWidget:
        page = QWidget()
        bar = QWidget()
        bar.setObjectName("Bar")
        self.window_name = QLabel(self.desk.counter_code)
        self.window_name.setObjectName("WindowName")
        self.clerk_label = QLabel("")
        self.state_label = QLabel("")
        self.device_label = QLabel("")  # a device the desk needs that does not work, and why
        self.device_label.setObjectName("StatePaused")
        self.sign_out_button = make_button(self.tr("退出登录"))
        self.sign_out_button.clicked.connect(self._sign_out)
        self.workbench_button = make_button(self.tr("受理台  F11"))
        self.workbench_button.clicked.connect(lambda: self.open_workbench())
        top = QHBoxLayout(bar)
        top.addWidget(self.window_name)
        top.addSpacing(24)
        top.addWidget(self.clerk_label)
        top.addStretch(1)
        top.addWidget(self.device_label)
        top.addSpacing(24)
        top.addWidget(self.state_label)
        top.addSpacing(24)
        top.addWidget(self.workbench_button)
        top.addSpacing(12)
        top.addWidget(self.sign_out_button)

        current = QWidget()
        current.setObjectName("Current")
        self.number = QLabel("—")
        self.number.setObjectName("Number")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.timer_label = QLabel("")
        self.timer_label.setObjectName("Timer")
        self.person = QLabel("")
        self.person.setObjectName("Person")
        self.person.setWordWrap(True)
        self.citizen_cases = QListWidget()  # the citizen's cases: a click opens the workbench
        self.citizen_cases.setObjectName("CitizenCases")
        self.citizen_cases.itemActivated.connect(self._case_chosen)
        self.citizen_cases.itemClicked.connect(self._case_chosen)
        self.citizen_cases.hide()
        box = QVBoxLayout(current)
        box.addWidget(self.number)
        box.addWidget(self.details)
        box.addWidget(self.person)
        box.addWidget(self.citizen_cases)
        box.addWidget(self.timer_label)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for index, (key, label, name) in enumerate(ACTIONS):
            button = make_button(f"{desk_text(label)}  {key}", "Action")
            button.clicked.connect(lambda _=False, n=name: self.trigger(n))
            self.buttons[name] = button
            grid.addWidget(button, index // 2, index % 2)
        left = QVBoxLayout()
        left.addWidget(current, 2)
        left.addLayout(grid, 3)

        self.waiting = QTableWidget(0, 4)
        self.waiting.setHorizontalHeaderLabels(
            [self.tr("号码"), self.tr("业务"), self.tr("类别"), self.tr("已等候")]
        )
        self.waiting.verticalHeader().setVisible(False)
        self.waiting.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.waiting.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.waiting.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.waiting.cellDoubleClicked.connect(self._waiting_double_clicked)
        self.parked = QListWidget()
        self.parked.itemDoubleClicked.connect(self._parked_double_clicked)
        self.waiting_title = QLabel(self.tr("等候"))
        self.waiting_title.setObjectName("PanelTitle")
        parked_title = QLabel(self.tr("挂起（双击叫回）"))
        parked_title.setObjectName("PanelTitle")
        lists = QWidget()
        right = QVBoxLayout(lists)
        right.addWidget(self.waiting_title)
        right.addWidget(self.waiting, 3)
        right.addWidget(parked_title)
        right.addWidget(self.parked, 1)

        self.finish_form = FinishForm()
        self.finish_form.submitted.connect(self._finish)
        self.call_form = CallNumberForm()
        self.call_form.submitted.connect(self._call_number)
        self.transfer_form = TransferForm()
        self.transfer_form.submitted.connect(self._transfer)
        self.pause_form = PauseForm()
        self.pause_form.submitted.connect(self._pause)
        self.queues_form = QueuesForm()
        self.queues_form.submitted.connect(self._choose_queues)
        self.side = QStackedWidget()
        self.side.addWidget(lists)
        for form in (
            self.finish_form,
            self.call_form,
            self.transfer_form,
            self.pause_form,
            self.queues_form,
        ):
            form.cancelled.connect(self.show_lists)
            self.side.addWidget(form)

        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.side, 4)
        self.message = QLabel("")
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.retry_button = make_button(self.tr("重试"))
        self.retry_button.clicked.connect(self._retry)
        self.retry_button.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.retry_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 8)
        layout.addWidget(bar)
        inner = QVBoxLayout()
        inner.setContentsMargins(16, 8, 16, 0)
        inner.addLayout(body, 1)
        inner.addLayout(bottom)
        layout.addLayout(inner, 1)
        return page

    # -- start, sign in and out

    def start(self) -> None:
        """Show the sign-in page: after a restart the clerk signs in again (their citizen is
        restored from the hub)."""
        self.pages.setCurrentWidget(self.sign_in_page)
        self.sign_in_page.staff_no.setFocus()

        def found(session: m.CounterSession) -> None:
            self.sign_in_page.show_window(session.counter_name)

        def unreachable(exc: Exception) -> None:
            self.sign_in_page.say(self._words(exc))

        self.runner.run(self.desk.session, found, unreachable)

    def _sign_in(self, request: m.ClerkSignIn) -> None:
        self.sign_in_page.say(self.tr("正在登录…"))

        def sign_in() -> tuple[m.CounterSession, list[m.TicketCategory]]:
            return self.desk.sign_in(request), self.desk.categories()

        self.runner.run(sign_in, self._signed_in, self._sign_in_failed)

    def _signed_in(self, answer: tuple[m.CounterSession, list[m.TicketCategory]]) -> None:
        session, categories = answer
        self.category_names = {c.code: c.name for c in categories}
        self.sign_in_page.clear()
        self.pages.setCurrentWidget(self.desk_page)
        self.workbench.staff_no = session.clerk.staff_no if session.clerk else ""
        self._show_session(session)
        self.current = session.serving
        self._show_current()
        self.say("")
        self.refresh()
        self.refresh_timer.start()
        self.help_calls.start()
        self.signed_in.emit()

    def _sign_in_failed(self, exc: Exception) -> None:
        self.sign_in_page.pin.clear()
        self.sign_in_page.say(self._words(exc))

    def _sign_out(self) -> None:
        if self.current is not None:
            self.say(self.tr("请先办结或处理当前号码，再退出登录。"), "error")
            return
        self.runner.run(self.desk.sign_out, lambda _s: self._signed_out(), self._failed)

    def _signed_out(self) -> None:
        self.refresh_timer.stop()
        self.help_calls.stop()
        self.workbench.close_case()
        self.workbench.staff_no = ""
        self.session = None
        self.window_changed.emit(None, None)
        self.start()
        self.signed_out.emit()

    # -- the hub's reload and restart (ui.remote_obey)

    def is_idle(self) -> bool:
        """Nothing of a clerk's work would be lost if the program restarted now: on the sign-in
        page with no PIN typed and no card read; or signed in with no citizen (no called or
        served ticket, no click on its way to the hub), no side form open, and on the
        workbench no case open and no number typed. 窗口收件 (a citizen's case) is never idle.
        After a restart a clerk who was signed in signs in again."""
        page = self.pages.currentWidget()
        if page is self.sign_in_page:
            return not self.sign_in_page.pin.text() and self.sign_in_page.card is None
        if self.current is not None or self.busy or self.desk.pending is not None:
            return False
        if page is self.desk_page:
            return self.side.currentIndex() == 0
        if page is self.workbench:
            return self.workbench.case is None and not self.workbench.number.text().strip()
        return False

    def reload(self) -> None:
        """What the desk keeps from the hub, read again: the queues' names (while signed in)."""
        if self.session is None:
            return

        def loaded(categories: list[m.TicketCategory]) -> None:
            self.category_names = {c.code: c.name for c in categories}
            self._show_lists()

        def failed(exc: Exception) -> None:
            logger.warning("the queues' names not read again: %s", exc)

        self.runner.run(self.desk.categories, loaded, failed)

    # -- actions

    def trigger(self, name: str) -> None:
        """An action by button or F-key; does nothing while it is not available."""
        if self.pages.currentWidget() is not self.desk_page or not self.buttons[name].isEnabled():
            return
        getattr(self, f"_do_{name}")()

    def _do_call_next(self) -> None:
        self._click(self.desk.call_next)

    def _do_recall(self) -> None:
        ticket = self._ticket()
        self._click(lambda: self.desk.act(ticket, A.RECALL))

    def _do_start(self) -> None:
        ticket = self._ticket()
        self._click(lambda: self.desk.act(ticket, A.START))

    def _do_no_show(self) -> None:
        ticket = self._ticket()
        self._click(lambda: self.desk.act(ticket, A.NO_SHOW))

    def _do_park(self) -> None:
        ticket = self._ticket()
        self._click(lambda: self.desk.act(ticket, A.HOLD))

    def _do_finish(self) -> None:
        self.finish_form.reset()
        self.side.setCurrentWidget(self.finish_form)

    def _finish(self, outcome: m.ServiceOutcome, note: str) -> None:
        self.show_lists()
        if self.current is None:  # finished or moved meanwhile (another window, a refresh)
            self.say(self.tr("当前没有办理中的号码。"), "error")
            return
        ticket = self._ticket()
        self._click(lambda: self.desk.finish(ticket, outcome, note))

    def _do_call_number(self, chosen: str = "") -> None:
        numbers = [t.number for t in self.lists.parked] + [t.number for t in self.lists.waiting]
        self.call_form.reset(numbers, chosen)
        self.side.setCurrentWidget(self.call_form)
        self.call_form.reason.setFocus()

    def _call_number(self, number: str, reason: str) -> None:
        self.show_lists()
        self._click(lambda: self.desk.call_number(number, reason))

    def _do_transfer(self) -> None:
        def loaded(both: tuple[list[m.TicketCategory], list[m.CounterInfo]]) -> None:
            categories, counters = both
            others = [c for c in counters if c.code != self.desk.counter_code]
            self.transfer_form.reset(categories, others)
            self.side.setCurrentWidget(self.transfer_form)

        self.runner.run(
            lambda: (self.desk.categories(), self.desk.counters()), loaded, self._failed
        )

    def _transfer(self, request: m.TransferRequest) -> None:
        self.show_lists()
        if self.current is None:
            self.say(self.tr("当前没有办理中的号码。"), "error")
            return
        ticket = self._ticket()
        self._click(lambda: self.desk.transfer(ticket, request), transferred=True)

    def _do_pause(self) -> None:
        if self.session is not None and self.session.state is m.WindowState.PAUSED:
            resume = m.WindowStateChange(state=m.WindowState.OPEN)
            self.runner.run(lambda: self.desk.set_state(resume), self._state_set, self._failed)
            return
        self.pause_form.reset()
        self.side.setCurrentWidget(self.pause_form)

    def _pause(self, change: m.WindowStateChange) -> None:
        self.show_lists()
        self.runner.run(lambda: self.desk.set_state(change), self._state_set, self._failed)

    def _state_set(self, session: m.CounterSession) -> None:
        self._show_session(session)
        self.refresh()

    def _do_queues(self) -> None:
        def loaded(categories: list[m.TicketCategory]) -> None:
            if self.session is None:
                return
            served = set(self.session.category_codes)
            names = {c.code: c.name for c in categories if c.code in served}
            self.queues_form.reset(names, self.session.category_codes)
            self.side.setCurrentWidget(self.queues_form)

        self.runner.run(self.desk.categories, loaded, self._failed)

    def _choose_queues(self, codes: list[str]) -> None:
        self.show_lists()
        self.runner.run(lambda: self.desk.choose_queues(codes), self._state_set, self._failed)

    def show_lists(self) -> None:
        self.side.setCurrentIndex(0)

    def _escape(self) -> None:
        if self.pages.currentWidget() is self.workbench:
            self.show_desk()
        else:
            self.show_lists()

    # -- the acceptance workbench (受理台)

    def open_workbench(self, reference: str = "") -> None:
        """The workbench, with a case opened (the citizen's card passed on when read here)."""
        if self.pages.currentWidget() is self.sign_in_page:
            return
        self.pages.setCurrentWidget(self.workbench)
        if reference:
            self.workbench.open(reference, self.last_card)
        self.workbench.number.setFocus()

    def show_desk(self) -> None:
        self.pages.setCurrentWidget(self.desk_page)

    def attach_walk_in(self, page: WalkInPage) -> None:
        """窗口收件 (F12, or the workbench's button): the kiosk's case journey at the window;
        the new case opens at the workbench to be accepted at once."""
        self.walk_in = page
        self.pages.addWidget(page)
        self.workbench.walk_in_button.show()
        self.workbench.walk_in_requested.connect(self.start_walk_in)
        key = QShortcut(QKeySequence("F12"), self)
        key.setContext(Qt.ShortcutContext.ApplicationShortcut)
        key.activated.connect(self.start_walk_in)
        page.done.connect(self._walk_in_done)

    def start_walk_in(self) -> None:
        if self.walk_in is None or self.pages.currentWidget() is self.sign_in_page:
            return
        self.pages.setCurrentWidget(self.walk_in)
        self.walk_in.start()

    def _walk_in_done(self, case_number: str) -> None:
        self.pages.setCurrentWidget(self.workbench)
        if case_number:
            self.workbench.open(case_number)
        else:
            self.workbench.say(
                self.tr("窗口收件未完成（或暂未取得办件编号），可稍后在受理台打开。")
            )

    def _case_chosen(self, item: QListWidgetItem) -> None:
        self.open_workbench(str(item.data(Qt.ItemDataRole.UserRole)))

    def print_notice(self, notice: m.Notice) -> None:
        """A decision's notice, to the window's notice printer (set by the terminal)."""
        if self.notice_printer is None:
            self.workbench.say(self.tr("未配置告知书打印机：告知书未打印。"), "error")
            return
        self.notice_printer(notice)

    def attach_notice_printing(self, printing: NoticePrinting) -> None:
        """Print each decision's notice there (off the GUI thread); a fault keeps it and shows
        重打告知书 with how many wait."""
        relay = EventRelay(self)
        relay.received.connect(lambda state: self.workbench.show_pending(len(state.kept)))
        printing.changes.subscribe(relay.publish)
        self.workbench.reprint_button.clicked.connect(
            lambda: self.runner.run(printing.reprint, self._notices_reprinted, self._notice_failed)
        )

        def print_it(notice: m.Notice) -> None:
            case = self.workbench.case
            applied = case.submitted_at if case and case.case_number == notice.case_number else None
            self.runner.run(
                lambda: printing.print_notice(notice, applied_at=applied),
                self._notice_printed,
                self._notice_failed,
            )

        self.notice_printer = print_it

    def _notice_printed(self, printed: NoticePrinted) -> None:
        self.workbench.notice_status(
            self.tr("告知书已打印（%1）。").replace("%1", printed.notice_number)
        )

    def _notices_reprinted(self, printed: list[NoticePrinted]) -> None:
        self.workbench.notice_status(
            self.tr("已重打 %1 份告知书。").replace("%1", str(len(printed)))
        )

    def _notice_failed(self, exc: Exception) -> None:
        if isinstance(exc, NoticeNotPrinted):
            text = self.tr("%1 已保留，排除故障后点“重打告知书”。").replace("%1", str(exc))
        else:
            text = self._words(exc)
        self.workbench.notice_status(text, "error")

    def _ticket(self) -> str:
        assert self.current is not None  # the buttons that need one are enabled only then
        return self.current.ticket_id

    def _click(self, send: Callable[[], Any], *, transferred: bool = False) -> None:
        self.busy = True
        self._update_buttons()

        def done(result: Any) -> None:
            self.busy = False
            self.retry_timer.stop()
            self.retry_button.hide()
            self._answered(result, transferred)

        self.runner.run(send, done, self._click_failed)

    def _answered(self, result: Any, transferred: bool) -> None:
        self._clicks += 1
        if transferred and isinstance(result, m.TicketIssued):
            self.say(self.tr("已转移，新号码 {number}。").format(number=result.number))
            self.current = None
        elif isinstance(result, m.CounterTicket):
            ended = result.state in (S.DONE, S.NO_SHOW, S.HELD, S.CANCELLED, S.TRANSFERRED)
            self.current = None if ended else result
            self.say(self._result_words(result))
        self._show_current()
        if isinstance(result, m.CounterTicket) and result.state is S.DONE:
            self.service_finished.emit(result)
        self.refresh()

    def _click_failed(self, exc: Exception) -> None:
        if isinstance(exc, Uncertain):
            self.say(str(exc), "uncertain")
            self.retry_button.show()
            self.retry_timer.start()  # busy stays: nothing new until the hub answers
            self._update_buttons()
            return
        self.busy = False
        self._failed(exc)

    def _retry(self) -> None:
        if self.desk.pending is None:
            return

        def done(result: Any) -> None:
            self.busy = False
            self.retry_timer.stop()
            self.retry_button.hide()
            self._answered(result, isinstance(result, m.TicketIssued))

        def failed(exc: Exception) -> None:
            if isinstance(exc, Uncertain):
                return  # still nothing: the timer tries again
            self.retry_timer.stop()
            self.retry_button.hide()
            self.busy = False
            self._failed(exc)

        self.runner.run(self.desk.retry_pending, done, failed)

    def _failed(self, exc: Exception) -> None:
        self.say(self._words(exc), "error")
        self._update_buttons()

    def _words(self, exc: Exception) -> str:
        if isinstance(exc, HubRejected):
            return exc.citizen_message
        if isinstance(exc, HubError):
            return self.tr("无法连接服务器，请稍后重试。")
        logger.error("window action failed", exc_info=exc)
        return self.tr("操作失败，请重试。")

    def _result_words(self, ticket: m.CounterTicket) -> str:
        number = ticket.number
        if ticket.state is S.CALLED:
            return self.tr("已呼叫 {number}（第 {calls} 次）。").format(
                number=number, calls=ticket.calls
            )
        if ticket.state is S.SERVING:
            return self.tr("{number} 开始办理。").format(number=number)
        if ticket.state is S.DONE:
            return self.tr("{number} 已办结。").format(number=number)
        if ticket.state is S.NO_SHOW:
            return self.tr("{number} 已过号。").format(number=number)
        if ticket.state is S.HELD:
            return self.tr("{number} 已挂起，可在挂起列表中叫回。").format(number=number)
        return ""

    # -- refresh and show

    def refresh(self) -> None:
        """The window's session and lists from the hub (every few seconds and after a click)."""
        if self.pages.currentWidget() is not self.desk_page:
            return
        clicks = self._clicks
        self.runner.run(
            lambda: (self.desk.session(), self.desk.lists()),
            lambda both: self._refreshed(both, clicks),
            self._refresh_failed,
        )

    def _refreshed(self, both: tuple[m.CounterSession, m.CounterQueues], clicks: int) -> None:
        if clicks != self._clicks:
            return  # read before a click was answered: the refresh after that click follows
        session, lists = both
        if session.clerk is None:  # signed out elsewhere (the clerk signed in at another window)
            self._signed_out()
            self.sign_in_page.say(self.tr("本窗口的登录已结束（可能已在其他窗口登录）。"))
            return
        self._show_session(session)
        if not self.busy and self.desk.pending is None:
            self.current = session.serving
            self._show_current()
        self.lists = lists
        self._show_lists()

    def _refresh_failed(self, exc: Exception) -> None:
        logger.info("window refresh failed: %s", exc)
        if not self.busy:
            self.say(self.tr("与服务器的连接中断，正在重试…"), "error")

    def _show_session(self, session: m.CounterSession) -> None:
        self.session = session
        self.window_name.setText(session.counter_name)
        clerk = session.clerk
        self.clerk_label.setText(
            self.tr("{name}（{staff_no}）").format(name=clerk.name, staff_no=clerk.staff_no)
            if clerk
            else ""
        )
        paused = session.state is m.WindowState.PAUSED
        pause = self.tr("恢复服务") if paused else self.tr("暂停服务")
        self.buttons["pause"].setText(f"{pause}  F9")
        self.state_label.setObjectName("StatePaused" if paused else "StateOpen")
        repolish(self.state_label)
        self._show_times()
        self._update_buttons()
        self.window_changed.emit(session, self.current)

    def _show_current(self) -> None:
        ticket = self.current
        if ticket is None or (self.citizen and self.citizen.ticket_id != ticket.ticket_id):
            self.citizen = None
        if ticket is not None and self.citizen is None:
            self._look_up_citizen(ticket.ticket_id)
        self._show_citizen()
        if ticket is None:
            self.number.setText("—")
            self.number.setObjectName("Idle")
            self.details.setText(self.tr("当前没有办理中的号码。按 F1 叫号。"))
        else:
            self.number.setObjectName("Number")
            self.number.setText(ticket.number)
            label = PRIORITY_LABELS.get(ticket.priority)
            kind = desk_text(label) if label else self.tr("普通")
            parts = [f"{ticket.category_name} · {kind}"]
            if ticket.item_name:
                parts.append(self.tr("事项：{item}").format(item=ticket.item_name))
            if ticket.real_name:
                parts.append(self.tr("实名取号：可刷身份证核对"))
            if ticket.note:
                parts.append(self.tr("转来说明：{note}").format(note=ticket.note))
            self.details.setText("\n".join(parts))
        repolish(self.number)
        self._show_times()
        self._update_buttons()
        self.window_changed.emit(self.session, self.current)

    def _show_times(self) -> None:
        now = datetime.now(UTC)
        session, ticket = self.session, self.current
        if session is not None:
            if session.state is m.WindowState.PAUSED and session.pause_reason is not None:
                reason = pause_name(session.pause_reason)
                if session.pause_note:
                    reason = self.tr("{reason}：{note}").format(
                        reason=reason, note=session.pause_note
                    )
                since = (now - session.state_since).total_seconds()
                self.state_label.setText(
                    self.tr("暂停服务 · {reason} · {time}").format(
                        reason=reason, time=clock_text(since)
                    )
                )
            else:
                self.state_label.setText(self.tr("服务中"))
        late = False
        if ticket is None:
            self.timer_label.setText("")
        elif ticket.state is S.SERVING and ticket.started_at is not None:
            elapsed = (now - ticket.started_at).total_seconds()
            late = elapsed > ticket.standard_minutes * 60
            self.timer_label.setText(
                self.tr("办理 {time}（标准 {minutes} 分钟）").format(
                    time=clock_text(elapsed), minutes=ticket.standard_minutes
                )
            )
        elif ticket.last_called_at is not None:
            waited = (now - ticket.last_called_at).total_seconds()
            self.timer_label.setText(
                self.tr("已呼叫 {calls} 次 · {time}").format(
                    calls=ticket.calls, time=clock_text(waited)
                )
            )
        if self.timer_label.property("late") != late:
            self.timer_label.setProperty("late", late)
            repolish(self.timer_label)

    def _show_lists(self) -> None:
        now = datetime.now(UTC)
        waiting = self.lists.waiting
        self.waiting_title.setText(self.tr("等候（{count} 人）").format(count=len(waiting)))
        self.waiting.setRowCount(len(waiting))
        for row, ticket in enumerate(waiting):
            label = PRIORITY_LABELS.get(ticket.priority)
            kinds = [desk_text(label)] if label else []
            if ticket.for_this_window:
                kinds.append(self.tr("转入"))
            if ticket.real_name:
                kinds.append(self.tr("实名"))
            cells = (
                ticket.number,
                self.category_names.get(ticket.category_code, ticket.category_code),
                self.tr("、", "between the kinds of a waiting ticket").join(kinds)
                or self.tr("普通"),
                self.tr("{minutes} 分钟").format(minutes=minutes_since(ticket.issued_at, now)),
            )
            for column, text in enumerate(cells):
                self.waiting.setItem(row, column, QTableWidgetItem(text))
        self.parked.clear()
        for ticket in self.lists.parked:
            name = self.category_names.get(ticket.category_code, ticket.category_code)
            item = QListWidgetItem(f"{ticket.number}  {name}")
            item.setData(Qt.ItemDataRole.UserRole, ticket.number)
            self.parked.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        state = self.current.state if self.current else None
        signed = self.session is not None and self.session.clerk is not None
        open_ = signed and self.session is not None and self.session.state is m.WindowState.OPEN
        free = not self.busy and self.desk.pending is None
        enabled = {
            "call_next": free and open_ and state is None,
            "recall": free and state is S.CALLED,
            "start": free and state is S.CALLED,
            "finish": free and state is S.SERVING,
            "no_show": free and state is S.CALLED,
            "park": free and state in (S.CALLED, S.SERVING),
            "transfer": free and state in (S.CALLED, S.SERVING),
            "call_number": free and open_ and state is None,
            "pause": free and signed and state is None,
            "queues": free and signed,
        }
        for name, button in self.buttons.items():
            button.setEnabled(enabled[name])

    # -- devices

    def show_devices(self, health: Mapping[str, DeviceHealth]) -> None:
        """The window's reader (card sign-in, the citizen's card): when it does not work, say so
        on the bar and the sign-in page, and what to do instead."""
        reader = health.get("idcard")
        down = reader is not None and not reader.usable and reader.state is HealthState.DOWN
        self.reader_down = down
        text = device_problem("idcard", reader.reason) if down and reader is not None else ""
        self.device_label.setText(
            self.tr("{problem}：请手工核对身份证件").format(problem=text) if text else ""
        )
        if down:
            self.sign_in_page.say(self.tr("{problem}，请输入工号和密码登录。").format(problem=text))
        self._show_citizen()

    # -- the citizen in front of the clerk

    def card_seen(self, document: IdDocument) -> None:
        """A card on the window's reader: the clerk's own (at sign-in) or the citizen's."""
        if self.pages.currentWidget() is self.sign_in_page:
            card = staff_card_of(document)
            if card is None:
                self.sign_in_page.say(self.tr("无法识别这张卡片，请输入工号。"))
            else:
                self.sign_in_page.use_card(card)
            return
        if self.walk_in is not None and self.pages.currentWidget() is self.walk_in:
            return  # the walk-in's own identity page reads the card
        if document.id_number and self.pages.currentWidget() is self.workbench:
            read = m.CardAtWindow(id_number=document.id_number, name=document.name or "")
            self.workbench.card_read(read)
        elif document.id_number:
            self.card_read(document.id_number, document.name or "")

    def card_read(self, id_number: str, name: str) -> None:
        """The citizen's card on the window's reader: show them in full, or flag a card that
        is not the ticket holder's."""
        ticket = self.current
        if ticket is None or self.pages.currentWidget() is not self.desk_page:
            self.say(self.tr("请先叫号，再读取群众的身份证。"))
            return
        card = m.CardAtWindow(id_number=id_number, name=name)
        self.last_card = card
        self.runner.run(
            lambda: self.desk.citizen(ticket.ticket_id, card), self._citizen_seen, self._failed
        )

    def _look_up_citizen(self, ticket_id: str) -> None:
        self.runner.run(lambda: self.desk.citizen(ticket_id), self._citizen_seen, self._failed)

    def _citizen_seen(self, citizen: m.CitizenAtWindow) -> None:
        if self.current is None or self.current.ticket_id != citizen.ticket_id:
            return  # answered after the clerk moved on
        if self.citizen is not None and self.citizen.verified and not citizen.verified:
            return  # a late masked answer must not hide what the card showed
        self.citizen = citizen
        if citizen.card_mismatch:
            self.last_card = None
            self.say(self.tr("所刷证件不是取号人本人的，请核对。"), "error")
        self._show_citizen()

    def _show_citizen(self) -> None:
        citizen, ticket = self.citizen, self.current
        self.citizen_cases.clear()
        self.citizen_cases.setVisible(bool(ticket and citizen and citizen.cases))
        if ticket is None:
            self.person.setText("")
            self.last_card = None
            return
        lines = []
        if citizen is not None and citizen.holder_name:
            lines.append(
                (
                    self.tr("办事人：{name}（已核验）")
                    if citizen.verified
                    else self.tr("办事人：{name}")
                ).format(name=citizen.holder_name)
            )
        if citizen is not None and citizen.card_mismatch:
            lines.append(self.tr("⚠ 所刷证件不是取号人本人"))
        elif self.reader_down:
            lines.append(self.tr("读卡器暂不可用：请手工核对群众的身份证件"))
        elif citizen is None or not citizen.verified:
            lines.append(self.tr("请在读卡器上读取群众的身份证以核验并显示完整信息"))
        if citizen is not None and citizen.appointment is not None:
            booked = citizen.appointment
            what = booked.item_name or self.category_names.get(booked.category_code, "")
            lines.append(
                self.tr("预约：{what} {date} {start}").format(
                    what=what, date=f"{booked.slot_date:%m-%d}", start=booked.slot_start
                )
            )
        for case in citizen.cases if citizen else []:
            extra = self.tr("（代办）") if case.by_agent else ""
            if case.materials_pending:
                extra += self.tr(" 待补材料 {count} 项").format(count=len(case.materials_pending))
            if case.supplement:
                extra += self.tr(" 补正：{supplement}").format(supplement=case.supplement)
            entry = QListWidgetItem(
                self.tr("办件 {number} {item} · {state}{extra}").format(
                    number=case.case_number,
                    item=case.item_name,
                    state=desk_text(CASE_STATES[case.state]),
                    extra=extra,
                )
            )
            entry.setData(Qt.ItemDataRole.UserRole, case.case_id or case.case_number)
            entry.setToolTip(self.tr("点击在受理台打开"))
            self.citizen_cases.addItem(entry)
        self.person.setText("\n".join(lines))

    def _waiting_double_clicked(self, row: int, _column: int) -> None:
        item = self.waiting.item(row, 0)
        if item is not None and self.buttons["call_number"].isEnabled():
            self._do_call_number(item.text())

    def _parked_double_clicked(self, item: QListWidgetItem) -> None:
        if self.buttons["call_number"].isEnabled():
            number = item.data(Qt.ItemDataRole.UserRole)
            self._click(lambda: self.desk.call_number(number))

    def attach_pad(self, pad: Any) -> None:
        """Show ``pad`` (a RatingPad) who serves, and have it ask for each finished service."""
        self.window_changed.connect(pad.show_window)

        def ask(ticket: m.CounterTicket) -> None:
            timeout = self.session.policy.rating_timeout_seconds if self.session else 30
            pad.ask(ticket, timeout)

        self.service_finished.connect(ask)

    def say(self, text: str, kind: str = "") -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        repolish(self.message)
