"""What the hall's calling display shows, kept from the hub's event stream (no Qt).

Theory of operation. At start (and after every reconnection) the feed reads the hall's state —
the queues with their waiting counts and estimates, every window's state — then follows
``GET /events`` from the last event id it saw, so nothing is missed across a dropped connection.
Calls go to the front of the recent-calls list; queue and window events update their rows (a
queue's estimate is read again, at most once every few seconds). When the stream is down the
feed says so, with the time of its last update, and reconnects with a growing pause: a frozen
wall that looks live is the failure to avoid. Subscribers get a fresh :class:`HallView` on every
change, on the feed's thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from contract import models as m
from drivers.events import Broadcaster
from kiosk.api.client import HubClient
from kiosk.api.errors import HubError

logger = logging.getLogger(__name__)

RECENT = 8
CALLS = frozenset({"ticket.called", "ticket.recalled"})
WINDOW_STATES = {
    "window.opened": m.WindowState.OPEN,
    "window.paused": m.WindowState.PAUSED,
    "window.closed": m.WindowState.CLOSED,
}


@dataclass(frozen=True, slots=True)
class Call:
    number: str
    counter_code: str
    counter_name: str
    recall: bool
    at: datetime  # when the display heard of it
    event_id: int
    made_at: datetime | None = None  # when the hub made it (a caught-up call is old)


@dataclass(frozen=True, slots=True)
class QueueLine:
    category_code: str
    name: str
    waiting: int
    estimated_wait_minutes: int | None


@dataclass(frozen=True, slots=True)
class HallView:
    calls: tuple[Call, ...] = ()  # newest first, at most RECENT
    queues: tuple[QueueLine, ...] = ()
    windows: tuple[m.WindowStatus, ...] = ()
    live: bool = False  # following the stream now
    updated_at: datetime | None = None  # the last time the hub was heard from

    @property
    def paused(self) -> tuple[m.WindowStatus, ...]:
        return tuple(w for w in self.windows if w.state is m.WindowState.PAUSED)


@dataclass
class HallFeed:
    """``client`` reads the hall's state; ``stream`` (its read timeout longer than the hub's
    keep-alive interval) follows the events; the same client when that holds."""

    client: HubClient
    stream: HubClient | None = None
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    estimate_every: float = 3.0  # seconds between reads of the queues' estimates
    views: Broadcaster[HallView] = field(default_factory=Broadcaster)
    _view: HallView = field(default_factory=HallView)
    _last_id: int | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _estimates_read: float = 0.0
    _changing: threading.Lock = field(default_factory=threading.Lock)  # one view change at a time

    @property
    def view(self) -> HallView:
        return self._view

    def photo(self, staff_no: str) -> bytes:
        """A clerk's photo, for a window's screen (blocking)."""
        return self.client.clerk_photo(staff_no)

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="hall-feed", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        (self.stream or self.client).close()  # ends a stream read in progress
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def reload(self) -> None:
        """Read the hall's state again — the queues with their names, every window — as after
        a reconnection (blocking: the hub asked for a reload)."""
        with self._changing:
            self._read_state()

    def _run(self) -> None:
        pause = 1.0
        while not self._stop.is_set():
            try:
                with self._changing:
                    self._read_state()
                pause = 1.0
                for event in (self.stream or self.client).events(self._last_id):
                    with self._changing:
                        self._apply(event)
                    if self._stop.is_set():
                        return
            except HubError as exc:
                logger.info("hall feed: the hub is not answering (%s)", exc)
            if self._stop.is_set():
                return
            self._set(replace(self._view, live=False))
            self._stop.wait(pause)
            pause = min(pause * 2, 15.0)

    def _read_state(self) -> None:
        names = {c.code: c.name for c in self.client.list_ticket_categories()}
        queues = tuple(
            QueueLine(q.category_code, names.get(q.category_code, q.category_code), q.waiting,
                      q.estimated_wait_minutes)
            for q in self.client.queues()
        )  # fmt: skip
        windows = tuple(self.client.windows())
        self._estimates_read = time.monotonic()
        self._set(
            replace(self._view, queues=queues, windows=windows, live=True, updated_at=self.clock())
        )

    def _apply(self, event: m.HubEvent) -> None:
        self._last_id = event.id
        data, view = event.data, self._view
        if event.type in CALLS:
            call = Call(
                number=str(data["number"]),
                counter_code=str(data["counter_code"]),
                counter_name=str(data["counter_name"]),
                recall=event.type == "ticket.recalled",
                at=self.clock(),
                event_id=event.id,
                made_at=_when(data.get("at")),
            )
            view = replace(view, calls=(call, *view.calls)[:RECENT])
        elif event.type == "queue.changed":
            view = replace(view, queues=self._queue_count(data))
        elif event.type in WINDOW_STATES:
            try:  # who signed in, and why paused: the windows as the hub has them now
                view = replace(view, windows=tuple(self.client.windows()))
            except HubError:
                view = replace(view, windows=self._window_state(event.type, data))
        if event.type in CALLS or event.type.startswith("ticket."):
            view = replace(view, windows=self._serving(event.type, data, view.windows))
        self._set(replace(view, live=True, updated_at=self.clock()))

    def _queue_count(self, data: dict[str, object]) -> tuple[QueueLine, ...]:
        code, waiting = data.get("category_code"), data.get("waiting")
        lines = tuple(
            replace(q, waiting=int(waiting)) if q.category_code == code and isinstance(waiting, int)
            else q
            for q in self._view.queues
        )  # fmt: skip
        if time.monotonic() - self._estimates_read >= self.estimate_every:
            self._estimates_read = time.monotonic()
            try:  # the estimate is the hub's (recent service times, windows open)
                estimates = {
                    q.category_code: q.estimated_wait_minutes for q in self.client.queues()
                }
            except HubError:
                return lines
            lines = tuple(replace(q, estimated_wait_minutes=estimates.get(q.category_code))
                          for q in lines)  # fmt: skip
        return lines

    def _window_state(self, kind: str, data: dict[str, object]) -> tuple[m.WindowStatus, ...]:
        state = WINDOW_STATES[kind]
        reason = data.get("reason")
        return tuple(
            w.model_copy(
                update={
                    "state": state,
                    "pause_reason": m.PauseReason(reason) if isinstance(reason, str) else None,
                    "state_since": self.clock(),
                }
            )
            if w.counter_code == data.get("counter_code")
            else w
            for w in self._view.windows
        )

    @staticmethod
    def _serving(
        kind: str, data: dict[str, object], windows: tuple[m.WindowStatus, ...]
    ) -> tuple[m.WindowStatus, ...]:
        at = data.get("counter_code")
        if at is None:
            return windows
        serving = str(data["number"]) if kind in (*CALLS, "ticket.started") else None
        return tuple(
            w.model_copy(update={"serving_number": serving}) if w.counter_code == at else w
            for w in windows
        )

    def _set(self, view: HallView) -> None:
        self._view = view
        self.views.publish(view)


def _when(text: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
