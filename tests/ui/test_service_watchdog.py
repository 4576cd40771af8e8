"""The terminal's watchdog pings come from the GUI thread: a GUI that hangs goes silent, and
systemd (here a datagram socket standing in for it) would restart the terminal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from host.sdnotify import Notifier
from tests.host.notify_listener import NotifyListener
from ui.service_watchdog import ServiceWatchdog


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[NotifyListener]:
    listener = NotifyListener(tmp_path / "notify")
    yield listener
    listener.close()


def test_ready_once_the_loop_runs_then_pings_until_the_gui_hangs(
    qtbot: QtBot, systemd: NotifyListener
) -> None:
    watchdog = ServiceWatchdog(Notifier(systemd.environ(watchdog_seconds=0.2)))
    watchdog.start()
    assert systemd.messages == []  # READY=1 waits for the event loop
    qtbot.waitUntil(lambda: len(systemd.pings()) >= 3, timeout=5000)
    systemd.wait_for("READY=1", 1)

    start = time.monotonic()
    time.sleep(1.0)  # the GUI thread blocked: the hang under test
    end = time.monotonic()
    assert systemd.pings(start + 0.05, end) == []

    qtbot.waitUntil(lambda: len(systemd.pings(start=end)) >= 3, timeout=5000)
    watchdog.stop()


def test_outside_systemd_the_watchdog_does_nothing(qtbot: QtBot) -> None:
    watchdog = ServiceWatchdog(Notifier({}))
    watchdog.start()
    qtbot.wait(50)
    assert not watchdog.notifier.enabled
    watchdog.stop()
