"""Children the terminal starts cannot outlive it: they die with it and end at their alarm."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.children import ALARM_PRELUDE, run_bounded


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_a_child_dies_with_the_terminal_that_started_it(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    child = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    terminal = textwrap.dedent(f"""
        import sys
        from kiosk.children import run_bounded
        run_bounded([sys.executable, "-c", {child!r}], 120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", terminal])
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()):
            assert time.monotonic() < deadline, "the child never started"
            time.sleep(0.05)
        pid = int(pid_file.read_text())
        assert _alive(pid)
        parent.kill()  # kill -9: the terminal crashed or its watchdog restarted it
        parent.wait(10)
        deadline = time.monotonic() + 10
        while _alive(pid):
            assert time.monotonic() < deadline, f"child {pid} outlived the terminal"
            time.sleep(0.05)
    finally:
        parent.kill()
        parent.wait(10)


def test_a_probe_ends_itself_at_its_alarm() -> None:
    started = time.monotonic()
    probe = subprocess.Popen(
        [sys.executable, "-c", ALARM_PRELUDE + "import time; time.sleep(60)", "1"]
    )
    try:
        assert probe.wait(15) == -signal.SIGALRM
    finally:
        probe.kill()
    assert time.monotonic() - started < 15


def test_the_wait_is_bounded() -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        run_bounded([sys.executable, "-c", "import time; time.sleep(60)"], 0.5)
    assert run_bounded([sys.executable, "-c", "print('ok')"], 30, capture=True).stdout == b"ok\n"
