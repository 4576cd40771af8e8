"""The card monitor: one worker thread per reader, events to subscribers.

Theory of operation: the worker opens the reader (retrying every ``reconnect_interval`` while it
is absent), then polls ``card_present()`` every ``poll_interval``. An absent->present edge
publishes :class:`CardPlaced`, reads the card and publishes :class:`CardRead` or
:class:`CardReadFailed`; a present->absent edge publishes :class:`CardRemoved`. A failed read is
not retried while the card stays: the citizen is asked to place it again. Some SAM readers
answer "no card" to find-card once a card has been read, until it is lifted: with those,
:class:`CardRemoved` follows :class:`CardRead` at once. Read CardRemoved as "the reader is free
for the next card", never as "the citizen has left". When the transport says
the reader is gone (USB pulled, pcscd restarted) the worker closes it, reports
:class:`ReaderHealth` DOWN and reopens it when it is back (pcscd's reader list and the serial
port are looked up afresh on every open). Every wait is ``stop.wait()``, so ``stop()`` is prompt.

Card events and health events go through two :class:`~drivers.events.Broadcaster` s, so a new
subscriber is replayed both the reader's health and the card's current state. Privacy: the last
:class:`CardRead` (with its document) is kept for replay only while the card stays on the
reader; the :class:`CardRemoved` that follows replaces it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from drivers.events import Broadcaster
from drivers.health import DeviceHealth, HealthState
from drivers.idcard.document import IdDocument
from drivers.idcard.errors import IdCardError, ReaderStatusError, ReaderUnavailableError
from drivers.idcard.reader import IdCardReader

logger = logging.getLogger(__name__)

DEVICE = "idcard"


@dataclass(frozen=True, slots=True)
class CardPlaced:
    reader: str
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class CardRemoved:
    reader: str
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class CardRead:
    reader: str
    document: IdDocument  # its repr is masked, so logging the event is safe
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class CardReadFailed:
    reader: str
    reason: str  # one technician-facing sentence, no personal data
    at: float = field(default_factory=time.monotonic)


@dataclass(frozen=True, slots=True)
class ReaderHealth:
    health: DeviceHealth
    at: float = field(default_factory=time.monotonic)


CardEvent = CardPlaced | CardRemoved | CardRead | CardReadFailed
MonitorEvent = CardEvent | ReaderHealth


class CardMonitor:
    def __init__(
        self,
        reader: IdCardReader,
        *,
        poll_interval: float | None = None,
        reconnect_interval: float = 1.0,
    ) -> None:
        self.reader = reader
        self._poll_interval = poll_interval
        self.reconnect_interval = reconnect_interval
        self.card_events: Broadcaster[CardEvent] = Broadcaster()
        self.health_events: Broadcaster[ReaderHealth] = Broadcaster()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._present = False
        self._opened = False

    # --- public -------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[MonitorEvent], None]) -> Callable[[], None]:
        """Receive every event (current health and card state first); returns unsubscribe."""
        off_health = self.health_events.subscribe(callback)
        off_card = self.card_events.subscribe(callback)

        def unsubscribe() -> None:
            off_health()
            off_card()

        return unsubscribe

    def start(self) -> CardMonitor:
        if self._thread is not None:
            return self
        self._stop.clear()
        self._publish_health(HealthState.UNKNOWN, "starting")
        self._thread = threading.Thread(target=self._run, name="idcard-monitor", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        if self._opened:
            self.reader.close()
            self._opened = False

    def __enter__(self) -> CardMonitor:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def poll_interval(self) -> float:
        """The given interval, else the reader's own (serial at 115200 polls faster), else 0.1."""
        if self._poll_interval is not None:
            return self._poll_interval
        return float(getattr(self.reader, "poll_interval", 0.1))

    # --- the worker ---------------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop.is_set():
            if not self._opened and not self._open():
                self._stop.wait(self.reconnect_interval)
                continue
            try:
                self._poll_once()
            except ReaderUnavailableError as exc:
                self._lost(exc)
                self._stop.wait(self.reconnect_interval)
                continue
            except ReaderStatusError as exc:
                # The reader answers but its SAM reports a fault: usable later, maybe.
                self._publish_health(HealthState.DEGRADED, "sam_error", exc.message)
            except IdCardError as exc:
                self._publish_health(HealthState.DEGRADED, "read_error", exc.message)
            except Exception:  # the worker must outlive any bug in a transport
                logger.exception("idcard monitor poll failed on %s", self.reader.description)
            self._stop.wait(self.poll_interval)

    def _open(self) -> bool:
        try:
            self.reader.open()
        except IdCardError as exc:
            self._publish_health(HealthState.DOWN, "unplugged", exc.message)
            return False
        self._opened = True
        self._publish_health(HealthState.OK)
        return True

    def _lost(self, exc: ReaderUnavailableError) -> None:
        logger.warning("reader %s lost: %s", self.reader.description, exc.message)
        self.reader.close()
        self._opened = False
        self._publish_health(HealthState.DOWN, "unplugged", exc.message)
        if self._present:
            self._present = False
            self.card_events.publish(CardRemoved(self.reader.description))

    def _poll_once(self) -> None:
        present = self.reader.card_present()
        name = self.reader.description
        if present and not self._present:
            self._present = True
            self.card_events.publish(CardPlaced(name))
            try:
                document = self.reader.read_card()
            except ReaderUnavailableError:
                raise
            except IdCardError as exc:
                logger.info("card read failed on %s: %s", name, exc.message)
                self.card_events.publish(CardReadFailed(name, exc.message))
            else:
                logger.info("card read on %s: %r", name, document)
                self.card_events.publish(CardRead(name, document))
        elif not present and self._present:
            self._present = False
            self.card_events.publish(CardRemoved(name))
        self._publish_health(HealthState.OK)

    def _publish_health(self, state: HealthState, reason: str = "", detail: str = "") -> None:
        current = self.health_events.state
        health = DeviceHealth(DEVICE, state, reason, detail)
        if current is not None and current.health == health:
            return  # publish changes only: the poll loop reports OK ten times a second
        self.health_events.publish(ReaderHealth(health))
