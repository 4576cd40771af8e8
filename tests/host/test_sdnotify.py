"""systemd's notify protocol (host.sdnotify) against a real datagram socket standing in for
systemd: what is sent, when nothing is, and that a hung asyncio loop stops the watchdog's pings."""

from __future__ import annotations

import asyncio
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from host.sdnotify import Notifier, keep_alive
from tests.host.notify_listener import NotifyListener


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[NotifyListener]:
    listener = NotifyListener(tmp_path / "notify")
    yield listener
    listener.close()


def test_ready_and_status_go_in_one_datagram(systemd: NotifyListener) -> None:
    notifier = Notifier(systemd.environ())
    assert notifier.ready("serving")
    systemd.wait_for("READY=1", 5)
    assert systemd.messages[0][1] == "READY=1\nSTATUS=serving"
    notifier.close()


def test_abstract_socket_names_start_with_at() -> None:
    name = f"yimen-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        notifier = Notifier({"NOTIFY_SOCKET": "@" + name})
        assert notifier.ping()
        assert sock.recv(100) == b"WATCHDOG=1"
        notifier.close()


def test_without_systemd_nothing_is_sent_and_nothing_fails() -> None:
    notifier = Notifier({})
    assert not notifier.enabled
    assert not notifier.ready()
    assert notifier.ping_interval() is None


def test_a_socket_gone_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert not notifier.ping()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"WATCHDOG_USEC": "30000000"}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}, 15.0),
        ({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}, None),  # another process's watchdog
        ({"WATCHDOG_USEC": "0"}, None),
        ({"WATCHDOG_USEC": "soon"}, None),
        ({}, None),
    ],
)
def test_the_ping_interval_is_half_the_units_watchdog(
    environ: dict[str, str], expected: float | None
) -> None:
    notifier = Notifier({"NOTIFY_SOCKET": "/run/systemd/notify", **environ})
    assert notifier.ping_interval() == expected


def test_a_hung_asyncio_loop_stops_the_pings(systemd: NotifyListener) -> None:
    """The pings come from the loop itself: while a handler blocks it, systemd hears nothing for
    longer than WatchdogSec and would restart the service; once the loop runs again, so do they."""
    watchdog = 0.2
    notifier = Notifier(systemd.environ(watchdog))
    interval = notifier.ping_interval()
    assert interval == pytest.approx(0.1)
    hang: list[float] = []

    async def serve() -> None:
        pings = asyncio.create_task(keep_alive(notifier, interval))
        await asyncio.sleep(0.5)
        hang.append(time.monotonic())
        time.sleep(1.0)  # a blocking call on the loop: the hang under test
        hang.append(time.monotonic())
        await asyncio.sleep(0.5)
        pings.cancel()

    asyncio.run(serve())
    notifier.close()
    start, end = hang
    assert len(systemd.pings(end=start)) >= 3
    assert systemd.pings(start + 0.05, end) == []  # silent for five times WatchdogSec
    assert len(systemd.pings(start=end)) >= 3
