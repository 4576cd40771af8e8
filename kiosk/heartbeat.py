"""The terminal's heartbeat: every ``period`` seconds, from a background thread, the hub hears
how the terminal is — its devices' health, its outbox (how many cases wait, since when), its
version, how long it has run, the last error it logged. Nothing about any citizen: device
reasons are codes, and log messages never carry personal data (the house rule), cut to 200
characters all the same.

A heartbeat that cannot be sent is simply the next one's job: the hub marks a terminal silent
when it hears nothing for a few minutes, which is the point.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime

from contract import models as m
from kiosk import __version__
from kiosk.api.client import HubClient
from kiosk.api.errors import HubError
from kiosk.background import BackgroundLoop
from kiosk.devices import DeviceBoard
from kiosk.remote import RemoteCommands

logger = logging.getLogger(__name__)


class LastError(logging.Handler):
    """Keeps the last ERROR (or worse) logged anywhere in the terminal, as the heartbeat says it."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.text = ""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed log call must not break the logging
            message = str(record.msg)
        self.text = f"{record.name}: {message}"[:200]


Outbox = Callable[[], tuple[int, datetime | None]]  # (cases waiting, the oldest's time)


class HeartbeatSender(BackgroundLoop):
    """Sends a heartbeat ``first_after`` seconds after it starts, then every ``period``."""

    thread_name = "heartbeat"

    def __init__(
        self,
        client: HubClient,
        board: DeviceBoard,
        outbox: Outbox | None,
        last_error: LastError,
        remote: RemoteCommands | None = None,
        *,
        period: float = 60.0,
        first_after: float = 15.0,
    ) -> None:
        super().__init__()
        self.client, self.board, self.outbox, self.last_error = client, board, outbox, last_error
        self.remote = remote  # hears what the hub asks of the terminal
        self.period, self.first_after = period, first_after  # home is painted first
        self.started = time.monotonic()

    def beat(self) -> m.Heartbeat:
        depth, oldest = self.outbox() if self.outbox is not None else (0, None)
        devices = [
            m.DeviceHealthReport(
                device=health.device[:64], state=health.state.value, reason=health.reason[:200]
            )
            for health in list(self.board.snapshot().values())[:32]
        ]
        return m.Heartbeat(
            devices=devices,
            outbox_depth=depth,
            software_version=__version__,
            uptime_seconds=int(time.monotonic() - self.started),
            oldest_waiting_at=oldest,
            last_error=self.last_error.text,
            obeyed_command_id=self.remote.obeyed_id if self.remote is not None else None,
        )

    def send_once(self) -> bool:
        try:
            answer = self.client.heartbeat(self.beat())
        except HubError as exc:
            logger.info("heartbeat not sent (%s); the next one will be", exc.message)
            return False
        if self.remote is not None:
            self.remote.asked(answer.command)
        return True

    def _run(self) -> None:
        if self._stop.wait(self.first_after):
            return
        while not self._stop.is_set():
            self.send_once()
            self._stop.wait(self.period)
