"""A small thread-safe broadcaster with state replay (the pyscard CardMonitor behaviour).

Workers publish frozen-dataclass events; a new subscriber first receives the latest state
event, so it never has to ask "what is the situation now?".
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

E = TypeVar("E")


class Broadcaster(Generic[E]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Callable[[E], None]] = []
        self._state: E | None = None

    def subscribe(self, callback: Callable[[E], None]) -> Callable[[], None]:
        """Add ``callback``; replay the current state to it; return a function that unsubscribes."""
        with self._lock:
            self._subscribers.append(callback)
            state = self._state
        if state is not None:
            self._deliver(callback, state)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: E, *, is_state: bool = True) -> None:
        """Send ``event`` to every subscriber; state events are also kept for replay."""
        with self._lock:
            if is_state:
                self._state = event
            subscribers = list(self._subscribers)
        for callback in subscribers:
            self._deliver(callback, event)

    @property
    def state(self) -> E | None:
        with self._lock:
            return self._state

    @staticmethod
    def _deliver(callback: Callable[[E], None], event: E) -> None:
        try:
            callback(event)
        except Exception:  # a broken subscriber must not stop the device worker
            logger.exception("event subscriber failed on %s", type(event).__name__)
