"""Hand work to a background thread and its result back to the GUI thread.

Device and network calls block; widgets may only be touched on the GUI thread. A job's callbacks
are delivered through a queued signal, so they always run on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the slots run on the GUI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, finish: Callable[[_Relay, Callable[[Any], None], Any], None]) -> None:
        super().__init__()
        self._finish = finish
        self.on_done: Callable[[Any], None] = lambda _: None
        self.on_failed: Callable[[Any], None] = lambda _: None
        self.done.connect(self._done)
        self.failed.connect(self._failed)

    @Slot(object)
    def _done(self, value: Any) -> None:
        self._finish(self, self.on_done, value)

    @Slot(object)
    def _failed(self, exc: Any) -> None:
        self._finish(self, self.on_failed, exc)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure reaches the GUI as a value, never a crash
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)


class BackgroundRunner(QObject):
    """Runs callables on a thread pool; keeps each relay alive until its job reports."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pending: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> None:
        relay = _Relay(self._finish)
        relay.on_done = on_done
        relay.on_failed = on_failed
        self._pending.add(relay)
        self._pool.start(_Job(fn, relay))

    def _finish(self, relay: _Relay, callback: Callable[[Any], None], value: Any) -> None:
        self._pending.discard(relay)
        relay.deleteLater()
        callback(value)

    def wait(self, timeout_ms: int = 30000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    @property
    def busy(self) -> bool:
        return bool(self._pending)
