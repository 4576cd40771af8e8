"""A card left on the reader belongs to the citizen who walked away.

When a session ends (finish, idle or a journey's end) with a card still on the reader, the next
citizen must not be identified by it: a real-name ticket, a check-in or a case would otherwise
be made in the last citizen's name. :class:`LeftCardGuard` remembers such a card until it is
taken away. Screens take the reader's events through :meth:`LeftCardGuard.subscribe`, which
turns a read of that card into :class:`LeftCardSeen`; the home screen asks for it to be taken.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drivers.events import Broadcaster

if TYPE_CHECKING:
    from drivers.idcard import CardMonitor


@dataclass(frozen=True, slots=True)
class LeftCardSeen:
    """The reader read the card the last citizen left: not to be used for this one."""


class LeftCardGuard:
    def __init__(self, monitor: CardMonitor | None) -> None:
        self._monitor = monitor
        self._lock = threading.Lock()
        self._blocked = False
        # Something changed: subscribers read ``blocked`` (the event order may cross).
        self.changes: Broadcaster[bool] = Broadcaster()

    def watch(self) -> Callable[[], None]:
        """Follow the reader (call once); returns the unsubscribe function."""
        if self._monitor is None:
            return lambda: None
        return self._monitor.subscribe(self._event)

    def subscribe(self, callback: Callable[[object], None]) -> Callable[[], None]:
        """The reader's events, as CardMonitor.subscribe gives them, except that a read of a
        card left behind arrives as :class:`LeftCardSeen`; returns the unsubscribe function."""
        if self._monitor is None:
            return lambda: None
        from drivers.idcard import CardRead

        def filtered(event: object) -> None:
            callback(LeftCardSeen() if isinstance(event, CardRead) and self.blocked else event)

        return self._monitor.subscribe(filtered)

    @property
    def blocked(self) -> bool:
        with self._lock:
            return self._blocked

    def session_ended(self) -> bool:
        """Note a card still on the reader as the session ends; return whether there is one."""
        if self._monitor is None:
            return False
        with self._lock:
            self._blocked = True
        # Looked at after blocking: a removal between the two would otherwise be missed.
        if not _card_present(self._monitor.card_events.state):
            with self._lock:
                self._blocked = False
            return False
        self.changes.publish(True)
        return True

    def _event(self, event: object) -> None:
        from drivers.idcard import CardRemoved

        if not isinstance(event, CardRemoved):
            return
        with self._lock:
            was_blocked, self._blocked = self._blocked, False
        if was_blocked:
            self.changes.publish(False)


def _card_present(state: object) -> bool:
    from drivers.idcard import CardPlaced, CardRead, CardReadFailed

    return isinstance(state, CardPlaced | CardRead | CardReadFailed)
