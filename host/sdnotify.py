"""systemd's notify protocol (sd_notify(3)), in the few lines it takes: one datagram to the
AF_UNIX socket named in ``$NOTIFY_SOCKET``.

A unit with ``Type=notify`` waits for ``READY=1``; with ``WatchdogSec=`` it kills and restarts the
service when ``WATCHDOG=1`` stops coming. The pings must come from the loop that does the work (the
GUI thread's Qt timer, the hub's asyncio loop), never from a thread of their own: a hung loop then
stops the pings, and systemd restarts a hung program, not only a dead one.

Outside systemd (no ``$NOTIFY_SOCKET``) every call does nothing.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

logger = logging.getLogger(__name__)


class Notifier:
    """Sends states to the service manager; ``enabled`` is False when there is none."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        # "@name" is Linux's abstract namespace: the name starts with a NUL byte.
        self._address = "\0" + address[1:] if address.startswith("@") else address
        self._watchdog = _watchdog_seconds(env)
        self._socket: socket.socket | None = None

    @property
    def enabled(self) -> bool:
        return bool(self._address)

    @property
    def watchdog_seconds(self) -> float | None:
        """``WatchdogSec=`` of the unit, when it is meant for this process; else None."""
        return self._watchdog if self.enabled else None

    def ping_interval(self) -> float | None:
        """How often to send ``WATCHDOG=1``: half the timeout, as sd_watchdog_enabled(3) says."""
        return None if self.watchdog_seconds is None else self.watchdog_seconds / 2

    def notify(self, *states: str) -> bool:
        """Send ``states`` (``READY=1``, ``WATCHDOG=1``, ``STATUS=…``) in one datagram; False
        when there is no service manager or it could not be reached (never raises: a kiosk keeps
        serving citizens whatever systemd thinks of it)."""
        if not self._address or not states:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(
                    socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                )
            self._socket.sendto("\n".join(states).encode(), self._address)
        except OSError as exc:
            logger.warning("service manager notification failed: %s", exc)
            return False
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", *([f"STATUS={status}"] if status else []))

    def ping(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _watchdog_seconds(env: Mapping[str, str]) -> float | None:
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    # WATCHDOG_PID names the process the watchdog is for: a child that merely inherited the
    # environment must not ping in its parent's name (sd_watchdog_enabled does the same).
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    return usec / 1_000_000


async def keep_alive(notifier: Notifier, interval: float) -> None:
    """Ping every ``interval`` seconds from the running asyncio loop, until cancelled. A loop
    that stalls (a blocking call, a busy handler) stops the pings with it."""
    import asyncio  # here: the terminal, which has no asyncio loop, starts without it

    while True:
        notifier.ping()
        await asyncio.sleep(interval)
