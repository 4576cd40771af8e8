"""Collect monitor events from the worker thread and wait for them without sleeping."""

from __future__ import annotations

import threading
from collections.abc import Callable

from drivers.idcard.monitor import MonitorEvent


class EventLog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self.events: list[MonitorEvent] = []

    def __call__(self, event: MonitorEvent) -> None:
        with self._cond:
            self.events.append(event)
            self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[MonitorEvent], bool], timeout: float = 20.0, start: int = 0
    ) -> MonitorEvent:
        """The first event from index ``start`` on that matches; AssertionError on timeout."""
        with self._cond:
            found: list[MonitorEvent] = []

            def ready() -> bool:
                found[:] = [e for e in self.events[start:] if predicate(e)]
                return bool(found)

            if not self._cond.wait_for(ready, timeout):
                raise AssertionError(f"no matching event within {timeout} s: {self.events}")
            return found[0]

    def types(self) -> list[str]:
        with self._cond:
            return [type(e).__name__ for e in self.events]

    def __len__(self) -> int:
        with self._cond:
            return len(self.events)
