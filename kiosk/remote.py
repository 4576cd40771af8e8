"""What the district engineer asks of this terminal through the hub (reload its catalog, restart
the program), carried by the heartbeat's answer and carried out by the window when it is idle on
its home screen — never in a citizen's or a clerk's way.

The id of the last command carried out is kept in the data directory, so that one asked before a
restart is not carried out again after it (the restart itself is such a command): the next
heartbeat reports it, and the hub stops asking.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from contract import models as m

logger = logging.getLogger(__name__)

OBEYED_FILE = "obeyed-command"
RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: ended to be started again (its service restarts it)


class RemoteCommands:
    def __init__(self, folder: Path) -> None:
        self._file = folder / OBEYED_FILE
        self._lock = threading.Lock()
        self._pending: m.CommandRequest | None = None
        try:
            self.obeyed_id: int | None = int(self._file.read_text().strip())
        except (OSError, ValueError):
            self.obeyed_id = None

    def asked(self, request: m.CommandRequest | None) -> None:
        """The hub's answer to a heartbeat (any thread): what is asked and not yet done."""
        with self._lock:
            if request is None or request.command_id == self.obeyed_id:
                self._pending = None
            elif self._pending != request:
                logger.info("the hub asks this terminal to %s", request.command.value)
                self._pending = request

    def pending(self) -> m.CommandRequest | None:
        with self._lock:
            return self._pending

    def done(self, request: m.CommandRequest) -> None:
        """Carried out (or about to be, for a restart): remembered across restarts."""
        with self._lock:
            self.obeyed_id = request.command_id
            if self._pending == request:
                self._pending = None
            try:
                self._file.write_text(f"{request.command_id}\n")
            except OSError as exc:
                logger.warning("could not keep the obeyed command's id (%s)", exc.strerror)
