"""Carrying out what the district engineer asks through the hub (kiosk.remote): reload, restart.

One shape for every kind of terminal. A timer looks at the terminal's :class:`RemoteCommands`
every few seconds; a pending request waits until the window says it is idle (``is_idle``, the
window's own rule: a kiosk on its home screen, a clerk with no citizen, a pad not asking for a
rating, a display not speaking) and has stayed so for ``idle_seconds``. Anything the window
does in between (``touched``) starts the wait again. Then the request is marked done and:

- restart: the window is shut down and the application exits with RESTART_EXIT_CODE, so its
  service (Restart=always) starts it again, reading its configuration afresh;
- reload: the window's ``reload`` fetches again what it keeps from the hub (the catalog...).

Each kind of terminal, with its idea of idle and what a reload reads again:

- kiosk (hall, community): on its home screen (ui.main_window); the catalog.
- window terminal (:func:`obey_counter`): no clerk's work in progress (CounterWindow.is_idle),
  and its rating pad, if it has one on its second screen, not asking for a rating; the catalog
  (窗口收件 takes cases) and the queues' names.
- rating pad (:func:`obey_pad`): on its waiting screen (RatingPad.is_idle); the clerks'
  photos and the pairing with its window.
- calling display and window screen (:func:`obey_display`): not in the middle of an
  announcement; no citizen's session, so a short wait (DISPLAY_IDLE_SECONDS); the hall's state
  (queue names, windows) and the clerks' photos.

Their configuration is read at start only: a restart reads it again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from contract import models as m
from kiosk.remote import RESTART_EXIT_CODE, RemoteCommands
from ui.bridge import BackgroundRunner

if TYPE_CHECKING:
    from kiosk.app import Terminal
    from ui.counter.rating_pad import PadPoller, RatingPad
    from ui.counter.window import CounterWindow
    from ui.display.window import DisplayWindow
    from ui.display.window_screen import WindowScreen

logger = logging.getLogger(__name__)

IDLE_SECONDS = 30.0  # how long the window must have stood idle before a request is carried out
DISPLAY_IDLE_SECONDS = 3.0  # a display has no citizen to wait for: a breath after its last call
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
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.remote = remote
        self.is_idle = is_idle
        self.shut_down = shut_down
        self.reload = reload
        self.idle_seconds = idle_seconds
        self.clock = clock
        self._idle_since: float | None = clock()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)

    def touched(self, *_args: object) -> None:
        """Something happened on the window: the idle wait starts again from now."""
        self._idle_since = self.clock()

    def check(self) -> None:
        """Carry out the pending request if the window has stood idle long enough."""
        if not self.is_idle():
            self._idle_since = None
            return
        now = self.clock()
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


def obey_counter(
    terminal: Terminal, window: CounterWindow, pad: RatingPad | None = None
) -> RemoteObeyer | None:
    """The window terminal (with the rating pad on its second screen, if it has one)."""
    if terminal.remote is None:
        return None

    def is_idle() -> bool:
        return window.is_idle() and (pad is None or pad.is_idle())

    def shut_down() -> None:
        if pad is not None:
            pad.close()
        window.close()

    def reload() -> None:
        window.reload()
        if pad is not None:
            pad.forget_photos()
        cases = terminal.cases
        if cases is not None:
            window.runner.run(cases.catalog.refresh, lambda _: None, _not_reloaded)

    obeyer = RemoteObeyer(
        terminal.remote, window, is_idle=is_idle, shut_down=shut_down, reload=reload
    )
    window.pages.currentChanged.connect(obeyer.touched)
    window.side.currentChanged.connect(obeyer.touched)
    if pad is not None:
        pad.pages.currentChanged.connect(obeyer.touched)
    return obeyer


def obey_pad(terminal: Terminal, pad: RatingPad, poller: PadPoller) -> RemoteObeyer | None:
    """A rating pad of its own."""
    if terminal.remote is None:
        return None
    obeyer = RemoteObeyer(
        terminal.remote, pad, is_idle=pad.is_idle, shut_down=pad.close, reload=poller.reload
    )
    pad.pages.currentChanged.connect(obeyer.touched)
    return obeyer


def obey_display(terminal: Terminal, wall: DisplayWindow | WindowScreen) -> RemoteObeyer | None:
    """The hall's calling display, or a window's screen."""
    from ui.display.window import DisplayWindow
    from ui.display.window_screen import WindowScreen

    feed = terminal.display
    if terminal.remote is None or feed is None:
        return None
    runner = BackgroundRunner(wall)

    def reload() -> None:
        if isinstance(wall, WindowScreen):
            wall.forget_photos()
        runner.run(feed.reload, lambda _: None, _not_reloaded)

    obeyer = RemoteObeyer(
        terminal.remote,
        wall,
        is_idle=wall.is_idle,
        shut_down=wall.close,
        reload=reload,
        idle_seconds=DISPLAY_IDLE_SECONDS,
    )
    if isinstance(wall, DisplayWindow) and wall.announcer is not None:
        wall.announcer.said.connect(obeyer.touched)
    return obeyer


def _not_reloaded(exc: Exception) -> None:
    logger.warning("reload asked by the hub failed: %s", exc)
