"""Carrying out what the district engineer asks through the hub (kiosk.remote): reload, restart.

One shape for every kind of terminal. A timer looks at the terminal's :class:`RemoteCommands`
every few seconds; a pending request waits until the window says it is idle (``is_idle``, the
window's own rule: a kiosk on its home screen, a clerk with no citizen, a pad not asking for a
rating, a display not speaking) and has stayed so for ``idle_seconds``. Anything the window
does in between (``touched``) starts the wait again. Then the request is marked done and:

- restart: the window is shut down and the application exits with RESTART_EXIT_CODE, so its
  service (Restart=always) starts it again, reading its configuration afresh;
- reload: the window's ``reload`` fetches again what it keeps from the hub (the catalog...).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from contract import models as m
from kiosk.remote import RESTART_EXIT_CODE, RemoteCommands

logger = logging.getLogger(__name__)

IDLE_SECONDS = 30.0  # how long the window must have stood idle before a request is carried out
CHECK_MS = 5000


class RemoteObeyer(QObject):
    """``shut_down`` closes the window for good (a restart); ``reload`` must not block."""

    def __init__(
        self,
        remote: RemoteCommands,
        parent: QObject,
        *,
        is_idle: Callable[[], bool],
        shut_down: Callable[[], object],
        reload: Callable[[], None],
        idle_seconds: float = IDLE_SECONDS,
    ) -> None:
        super().__init__(parent)
        self.remote = remote
        self.is_idle = is_idle
        self.shut_down = shut_down
        self.reload = reload
        self.idle_seconds = idle_seconds
        self._idle_since: float | None = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)

    def touched(self, *_args: object) -> None:
        """Something happened on the window: the idle wait starts again from now."""
        self._idle_since = time.monotonic()

    def check(self) -> None:
        """Carry out the pending request if the window has stood idle long enough."""
        if not self.is_idle():
            self._idle_since = None
            return
        now = time.monotonic()
        if self._idle_since is None:
            self._idle_since = now
        request = self.remote.pending()
        if request is None or now - self._idle_since < self.idle_seconds:
            return
        self.remote.done(request)
        if request.command is m.TerminalCommand.RESTART:
            logger.info("restarting, as the hub asked")
            self.timer.stop()
            self.shut_down()
            QApplication.exit(RESTART_EXIT_CODE)  # its service starts it again
            return
        logger.info("reloading, as the hub asked")
        self.reload()
