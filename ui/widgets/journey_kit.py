"""Pieces shared by the journey screens: a titled page, and the card and QR inputs.

:class:`DeviceInputs` listens to the ID card monitor and/or the camera only while a page asks
for them, and drops every subscription when it stops (Vorta's habit): a finished journey leaves
no listener behind, and an event queued before the stop is ignored.
"""

from __future__ import annotations

import contextlib
import enum
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QScrollArea,
    QScroller,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.card_guard import LeftCardSeen
from kiosk.devices import Devices
from kiosk.session import Forgettable, Session
from ui.after_paint import after_first_paint
from ui.bridge import EventRelay
from ui.fit_check import mark_list
from ui.widgets import make_button, make_label
from ui.widgets.countdown import ReturnHomeCountdown
from ui.widgets.placement import Placement, PlacementAnimation

logger = logging.getLogger(__name__)


class SideBySideWhenWide(QObject):
    """Box layouts of a page that stand side by side on a wide (landscape) page and one above
    the other on a tall one, following the page as it is resized."""

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self._page = page
        self._layouts: list[QBoxLayout] = []
        page.installEventFilter(self)

    def add(self, layout: QBoxLayout) -> QBoxLayout:
        self._layouts.append(layout)
        self._arrange(layout)
        return layout

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() == QEvent.Type.Resize:
            for layout in self._layouts:
                self._arrange(layout)
        return False

    def _arrange(self, layout: QBoxLayout) -> None:
        wide = self._page.width() >= WIDE_PAGE
        layout.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )


class Page(QWidget):
    """A journey page: a large title, then whatever the journey adds to ``body``, and the ways
    on and back pinned at its foot (:meth:`pin`), on screen however long the page is.

    The body scrolls (kinetically, under a finger) rather than grow the window: the window
    must keep the screen's size whatever page is shown. A page is laid out so that it need not
    scroll (``ui.fit_check`` checks every screen of the tour); only a list scrolls.
    """

    def __init__(self, title: str, *, kinetic_after_paint: bool = False) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # No keyboard focus for a scroll area under a finger: a tap on the page would take it
        # from the field being typed into, and the keyboard would go (ui.widgets.keyboard_room).
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if kinetic_after_paint:
            # Home's: the first viewport() makes PySide6 build the Python types (and enums) of
            # every widget class, which the kiosk's first paint need not wait for.
            after_first_paint(self, self._scroll_under_finger)
        else:
            self._scroll_under_finger()
        self.inner = QWidget()
        self.inner.setObjectName("PageInner")
        self.scroll_area.setWidget(self.inner)
        self.body = QVBoxLayout(self.inner)
        self.body.setContentsMargins(60, 24, 60, 16)
        self.body.setSpacing(24)
        self.title = make_label(title, "Title")
        self.title.setWordWrap(True)
        self.body.addWidget(self.title)
        outer.addWidget(self.scroll_area, 1)
        self.footer = QWidget()
        self.footer.setObjectName("PageFooter")
        self.footer_layout = QVBoxLayout(self.footer)
        self.footer_layout.setContentsMargins(60, 8, 60, 20)
        self.footer_layout.setSpacing(20)
        self.footer.hide()
        outer.addWidget(self.footer)
        self._wide = SideBySideWhenWide(self)

    def pin(self, *parts: QWidget | QLayout) -> None:
        """Put ``parts`` (buttons, rows of buttons, a note) at the page's foot, in this order.
        Several buttons pinned together stand side by side on a wide (landscape) page."""
        buttons = [p for p in parts if isinstance(p, QAbstractButton)]
        row: QBoxLayout | None = None
        if len(buttons) > 1:
            row = self._wide.add(QBoxLayout(QBoxLayout.Direction.TopToBottom))
            row.setSpacing(20)
        for part in parts:
            if isinstance(part, QLayout):
                self.footer_layout.addLayout(part)
            elif row is not None and part in buttons:
                if row.count() == 0:
                    self.footer_layout.addLayout(row)
                row.addWidget(part, 1)
            else:
                self.footer_layout.addWidget(part)
        self.footer.show()

    def _scroll_under_finger(self) -> None:
        QScroller.grabGesture(
            self.scroll_area.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )


def list_area(content: QLayout) -> QScrollArea:
    """A list that scrolls on its own inside a page (search results, categories): the one part
    of a page allowed to hold more than fits, marked so for ``ui.fit_check``."""
    holder = QWidget()
    holder.setObjectName("PageInner")
    holder.setLayout(content)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(holder)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a result tapped leaves the keyboard up
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    mark_list(area)
    return area


WIDE_PAGE = 1400  # px: a landscape screen's page (portrait pages are about 1080 wide)


class _PinnedPage(Protocol):
    body: QVBoxLayout

    def pin(self, *parts: QWidget | QLayout) -> None: ...


class KeypadColumns(QObject):
    """Fields typed on a keypad in a page's ``body``, and the buttons that go on pinned at the
    page's foot: on a portrait page the keypad sits under the fields; on a wide (landscape)
    page it stands beside them, and the buttons stand side by side. Rearranged whenever the
    page is resized."""

    def __init__(
        self,
        page: _PinnedPage,
        fields: list[QWidget | QLayout],
        keypad: QWidget,
        actions: QBoxLayout,
    ) -> None:
        assert isinstance(page, QWidget)
        super().__init__(page)
        self._keypad = keypad
        self._actions = actions
        self._actions_direction = actions.direction()
        self.fields = QVBoxLayout()
        for part in fields:
            if isinstance(part, QLayout):
                self.fields.addLayout(part)
            else:
                self.fields.addWidget(part)
        self.fields.addStretch(1)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(48)
        self.grid.addLayout(self.fields, 0, 0)
        page.body.addLayout(self.grid)
        page.body.addStretch(1)
        page.pin(actions)
        self.wide: bool | None = None
        self.arrange(width=0)
        page.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.arrange(watched.width())
        return False

    def arrange(self, width: int) -> None:
        wide = width >= WIDE_PAGE
        if wide is self.wide:
            return
        self.wide = wide
        self.grid.removeWidget(self._keypad)
        self._actions.setDirection(  # side by side when wide
            QBoxLayout.Direction.LeftToRight if wide else self._actions_direction
        )
        if wide:
            self.grid.addWidget(self._keypad, 0, 1, Qt.AlignmentFlag.AlignTop)
            self.grid.setColumnStretch(0, 1)
            self.grid.setColumnStretch(1, 1)
        else:
            self.grid.addWidget(self._keypad, 1, 0)
            self.grid.setColumnStretch(1, 0)


def wrapped_label(text: str = "", name: str = "", *, center: bool = False) -> QLabel:
    label = make_label(text, name)
    label.setWordWrap(True)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def option_card(placement: Placement, title: str, text: str) -> QWidget:
    """A large box for one way of going on (scan a code, place a card): a looping picture of
    where it goes, the title, how."""
    card = QWidget()
    card.setObjectName("OptionCard")
    card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    layout = QVBoxLayout(card)
    layout.setContentsMargins(36, 28, 36, 28)
    layout.setSpacing(12)
    layout.addWidget(PlacementAnimation(placement))
    for label in (
        wrapped_label(title, "OptionTitle", center=True),
        wrapped_label(text, "OptionText", center=True),
    ):
        layout.addWidget(label)
    return card


def left_card_text() -> str:
    """What a page says when the card on the reader is the last citizen's (kiosk.card_guard)."""
    return QCoreApplication.translate(
        "DeviceInputs", "读卡区上还放着上一位的卡片，请取走后再放置您自己的卡片。"
    )


class DeviceInputs(QObject):
    """Card reads and QR scans, delivered on the GUI thread while listening."""

    qr_scanned = Signal(str)
    card_read = Signal(object)  # drivers.idcard.IdDocument
    card_failed = Signal()
    left_card_ignored = Signal()  # the last citizen's card, still on the reader

    def __init__(self, devices: Devices, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._devices = devices
        self._stops: list[Callable[[], None]] = []
        self._relay: EventRelay | None = None
        # Each code is answered once per session: a phone still held up after a refusal must
        # not bounce the citizen straight back to the same refusal when they tap "retry".
        self._answered: set[str] = set()

    @property
    def listening(self) -> bool:
        return self._relay is not None

    def listen(self, *, card: bool = False, camera: bool = False) -> None:
        self.stop()
        relay = EventRelay(self)
        relay.received.connect(self._event)
        self._relay = relay
        if card:
            self._stops.append(self._devices.card_guard.subscribe(relay.publish))
        worker = self._devices.camera
        if camera and worker is not None:
            from drivers.camera.scanner import QrScanner

            # The camera runs only while a page scans (a live camera costs a core); one that
            # someone else started (maintenance) is left running for them.
            started = False
            with contextlib.suppress(RuntimeError):  # already running
                worker.start()
                started = True
            scanner = QrScanner(worker)
            # Subscribe first: a code decoded before that would be lost, and the scanner's
            # de-duplication would then never report it again while it stays in view.
            self._stops.append(scanner.events.subscribe(relay.publish))
            scanner.start()
            self._stops.append(lambda: scanner.stop(timeout=3.0))
            if started:
                self._stops.append(lambda: worker.stop(timeout=3.0))

    def stop(self) -> None:
        stops, self._stops = self._stops, []
        for stop in stops:
            stop()
        if self._relay is not None:
            self._relay.received.disconnect(self._event)  # events already queued are dropped
            self._relay.deleteLater()
            self._relay = None

    def forget(self) -> None:
        """Forget the codes seen (the session ended)."""
        self._answered.clear()

    def _event(self, event: object) -> None:
        from drivers.camera.scanner import QrScanned
        from drivers.idcard import CardRead, CardReadFailed

        if self._relay is None or self.sender() is not self._relay:
            return
        if isinstance(event, QrScanned):
            if event.text not in self._answered:
                self._answered.add(event.text)
                self.qr_scanned.emit(event.text)
        elif isinstance(event, LeftCardSeen):
            self.left_card_ignored.emit()
        elif isinstance(event, CardRead):
            self.card_read.emit(event.document)
        elif isinstance(event, CardReadFailed):
            self.card_failed.emit()


class RefusalPage(Page):
    """Why the journey cannot go on, what to do, and the way on (retry); the way out is the
    window's 结束办理, as on every page."""

    def __init__(self, title: str, retry_text: str) -> None:
        super().__init__(title)
        self.problem = wrapped_label(name="ErrorText")
        self.advice = wrapped_label(name="Subtitle")
        self.body.addWidget(self.problem)
        self.body.addWidget(self.advice)
        self.body.addStretch(1)
        self.retry_button = make_button(retry_text, "Primary")
        self.pin(self.retry_button)


class _Flow(Protocol):
    @property
    def machine(self) -> Any: ...

    def forget(self) -> None: ...


FlowT = TypeVar("FlowT", bound=_Flow)


class JourneyScreen(QStackedWidget):
    """A journey: its pages in a stack; ``start()`` begins afresh, ``wipe()`` clears what the
    screens show, ``finished`` tells the window the citizen is done with it. The citizen's data
    lives in the journey's flow (or draft), which the session of the moment holds
    (:meth:`_hold`) and makes forget it when it ends."""

    finished = Signal()
    page_changed = Signal(str)  # the flow state's value, for tests, voice and the tour
    say = Signal(str)  # a prompt for a step inside a page (another screen of a long form)
    # The ID number a card, an identity code or a typed entry gave (the window offers elder
    # mode by age); nothing else of the person leaves the journey this way.
    person_identified = Signal(str)
    key = ""  # the journey's name, as home and the session know it

    def __init__(self, session: Callable[[], Session]) -> None:
        super().__init__()
        self._session = session
        # The journey's rendering as data, filled by each journey: state -> the page to show,
        # or the method that fills a page from the flow and shows it; state -> the devices
        # (card, camera) its page listens to. Every flow ends in DONE: back to the window.
        self.pages: dict[Any, QWidget | Callable[[], None]] = {}
        self.listening: dict[Any, tuple[bool, bool]] = {}
        self._listener: DeviceInputs | None = None
        self._timer: ReturnHomeCountdown | None = None
        self.machine: Any = None  # the current flow's state machine (the funnel follows it)

    def _rendered_with(
        self,
        inputs: DeviceInputs | None = None,
        countdown: ReturnHomeCountdown | None = None,
    ) -> None:
        """The journey's device inputs (started and stopped per ``listening``) and return-home
        countdown (stopped at every change of state; the page that counts starts it)."""
        self._listener, self._timer = inputs, countdown
        if inputs is not None:
            inputs.card_read.connect(self._card_identified)

    def _card_identified(self, document: Any) -> None:
        if document.id_number:
            self.person_identified.emit(document.id_number)

    def _render(self, state: enum.Enum) -> None:
        """Show the page of the flow's new ``state``."""
        if self._timer is not None:
            self._timer.stop()  # a page that counts down starts it again
        if self._listener is not None:
            card, camera = self.listening.get(state, (False, False))
            if card or camera:
                self._listener.listen(card=card, camera=camera)
            else:
                self._listener.stop()
        self._entering(state)
        if state.name == "DONE":
            self.finished.emit()
            return
        entry = self.pages[state]
        if isinstance(entry, QWidget):
            self._show(entry, str(state.value))
        else:
            entry()

    def _entering(self, state: enum.Enum) -> None:
        """What a journey does at every change of state, before its page is shown."""

    def prompt(self, page: str) -> str:
        """What the voice guide says when ``page`` (a ``page_changed`` name) is shown: each
        journey's own state → prompt table, worded from its flow ("" for silence)."""
        return ""

    def _hold(self, state: Forgettable) -> None:
        """The current session owns ``state`` (a new flow or draft) from now on."""
        self._session().hold(self.key, state)

    def _adopt(self, flow: FlowT) -> FlowT:
        """A new flow: the session of the moment holds it, and its states are rendered."""
        self._hold(flow)
        flow.machine.on_change(self._render)
        self.machine = flow.machine
        return flow

    def start(self) -> None:
        raise NotImplementedError

    def wipe(self) -> None:
        """Clear what the screens show: every device subscription is dropped and the countdown
        stopped here (tracked, as the journey made them), then the journey's own clearing."""
        if self._listener is not None:
            self._listener.stop()
            self._listener.forget()
        if self._timer is not None:
            self._timer.stop()
        self._clear()

    def _clear(self) -> None:
        """The journey's own clearing: a fresh flow, and nothing of the citizen on a widget."""
        raise NotImplementedError

    def _show(self, page: QWidget, name: str) -> None:
        self.setCurrentWidget(page)
        self.page_changed.emit(name)
