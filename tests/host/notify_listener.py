"""A stand-in for systemd's end of the notify protocol: a real AF_UNIX datagram socket, with
every message it receives and when it came."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path


class NotifyListener:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.messages: list[tuple[float, str]] = []
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._sock.bind(str(path))
        self._sock.settimeout(0.05)
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._receive, name="notify-listener", daemon=True)
        self._thread.start()

    def environ(self, watchdog_seconds: float | None = None) -> dict[str, str]:
        env = {"NOTIFY_SOCKET": str(self.path)}
        if watchdog_seconds is not None:
            env["WATCHDOG_USEC"] = str(round(watchdog_seconds * 1_000_000))
        return env

    def _receive(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._sock.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._changed:
                self.messages.append((time.monotonic(), data.decode()))
                self._changed.notify_all()

    def wait_for(self, line: str, timeout: float, *, after: float = 0.0) -> float:
        """When a message holding ``line`` arrived (after ``after``); fails after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for at, text in self.messages:
                    if at > after and line in text.splitlines():
                        return at
                left = deadline - time.monotonic()
                assert left > 0, f"no {line} within {timeout} s: {self.messages}"
                self._changed.wait(left)

    def pings(self, start: float = 0.0, end: float = float("inf")) -> list[float]:
        with self._changed:
            return [at for at, text in self.messages if "WATCHDOG=1" in text and start < at < end]

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self._sock.close()
