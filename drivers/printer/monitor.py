"""Printer health poller: asks ``DLE EOT`` every few seconds and publishes ``DeviceHealth``.

It publishes on change only (a Broadcaster replays the latest state to late subscribers, so the
UI never has to ask). A failed poll is health too: unreachable -> DOWN with the error's reason.
The loop sleeps on ``stop.wait(period)`` so :meth:`PrinterMonitor.stop` returns at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from drivers.events import Broadcaster
from drivers.health import DeviceHealth, HealthState
from drivers.printer.errors import PrinterError
from drivers.printer.printer import Printer

logger = logging.getLogger(__name__)


class PrinterMonitor:
    def __init__(
        self,
        connect: Callable[[], Printer],
        *,
        period: float = 5.0,
        device: str = "printer",
        broadcaster: Broadcaster[DeviceHealth] | None = None,
    ) -> None:
        """``connect`` opens the printer (``lambda: open_printer(uri, profile)``); the monitor
        keeps the connection and reopens it after a failure."""
        self._connect = connect
        self.period = period
        self.device = device
        self.health: Broadcaster[DeviceHealth] = broadcaster or Broadcaster()
        self._printer: Printer | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def poll_once(self) -> DeviceHealth:
        """One probe, published if it differs from the last one."""
        try:
            if self._printer is None:
                self._printer = self._connect()
            health = self._printer.status().health(self.device)
        except PrinterError as exc:
            self._drop_connection()
            health = DeviceHealth(self.device, HealthState.DOWN, exc.reason, exc.message)
        if health != self.health.state:
            if health.state is not HealthState.OK:
                logger.warning("%s: %s %s", self.device, health.state.value, health.reason)
            self.health.publish(health)
        return health

    def start(self) -> PrinterMonitor:
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, name=f"{self.device}-monitor", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._drop_connection()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(self.period)

    def _drop_connection(self) -> None:
        if self._printer is not None:
            self._printer.close()
            self._printer = None
