"""``kiosk hub serve`` under systemd's notify protocol, as yimen-hub.service runs it
(``Type=notify``, ``WatchdogSec=``): READY=1 once it listens, WATCHDOG=1 from its loop, silence
while it hangs (SIGSTOP), STOPPING=1 on SIGTERM. A datagram socket stands in for systemd."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.host.notify_listener import NotifyListener

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[NotifyListener]:
    listener = NotifyListener(tmp_path / "notify")
    yield listener
    listener.close()


def check_notifications(systemd: NotifyListener, *args: str) -> None:
    env = {
        **os.environ,
        **systemd.environ(watchdog_seconds=0.4),
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "kiosk", "hub", "serve", "--port", "0", *args]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env) as process:
        try:
            ready = systemd.wait_for("READY=1", 60)
            systemd.wait_for("WATCHDOG=1", 5, after=ready)
            process.send_signal(signal.SIGSTOP)  # hung: its loop does not run
            start = time.monotonic()
            time.sleep(1.5)
            end = time.monotonic()
            process.send_signal(signal.SIGCONT)
            assert systemd.pings(start + 0.1, end) == []
            systemd.wait_for("WATCHDOG=1", 5, after=end)
            process.terminate()
            systemd.wait_for("STOPPING=1", 10)
            assert process.wait(30) in (0, -signal.SIGTERM)  # uvicorn re-raises the signal
        finally:
            if process.poll() is None:
                process.kill()


def test_one_hub_process_pings_from_its_asyncio_loop(
    systemd: NotifyListener, tmp_path: Path
) -> None:
    check_notifications(systemd, "--data-dir", str(tmp_path / "hub"))


def test_the_workers_supervisor_pings_from_its_loop(
    systemd: NotifyListener, tmp_path: Path, pg_url: str
) -> None:
    check_notifications(
        systemd, "--data-dir", str(tmp_path / "hub"), "--db", pg_url, "--workers", "2"
    )


pytestmark = pytest.mark.slow
