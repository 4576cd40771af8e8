"""The terminal under systemd (``Type=notify``, ``WatchdogSec=``): ``READY=1`` once the Qt event
loop runs, then ``WATCHDOG=1`` from a timer on the GUI thread. A GUI that hangs (a blocking call
on the GUI thread, a busy loop) stops the timer with it, and systemd restarts the terminal: a
frozen screen in front of a citizen is a failure like a crash.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from host.sdnotify import Notifier


class ServiceWatchdog(QObject):
    def __init__(self, notifier: Notifier | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier or Notifier()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.notifier.ping)

    def start(self) -> None:
        """Call before ``app.exec()``: the first turn of the event loop sends ``READY=1``."""
        if not self.notifier.enabled:
            return
        QTimer.singleShot(0, self, self._ready)
        interval = self.notifier.ping_interval()
        if interval is not None:
            self._timer.start(max(1, round(interval * 1000)))

    def stop(self) -> None:
        self._timer.stop()
        self.notifier.close()

    def _ready(self) -> None:
        self.notifier.ready()
