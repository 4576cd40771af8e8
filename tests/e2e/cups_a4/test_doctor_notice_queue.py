"""``kiosk doctor`` on a window terminal: its A4 notice queue in a real cupsd."""

from __future__ import annotations

from pathlib import Path

from cupsd import PrivateCups, Queue

from kiosk.config import settings_from_dict
from kiosk.doctor import Limits, Status, devices


def examine(tmp_path: Path, cups: PrivateCups, queue: str) -> tuple[Status, str]:
    settings = settings_from_dict(
        {
            "terminal": {"id": "W01-PC", "hall_name": "大厅", "mode": "counter"},
            "counter": {"window": "W01", "notice_printer": queue, "cups_server": cups.server},
        },
        source=str(tmp_path / "kiosk.toml"),
        environ={},
    )
    (found,) = devices.check_notice_printer(settings, Limits()).run()
    assert found.check == "notice_printer"
    return found.status, found.message


def test_a_ready_queue_passes(tmp_path: Path, cups: PrivateCups, queue: Queue) -> None:
    status, message = examine(tmp_path, cups, queue.name)
    assert status is Status.OK, message
    assert message == f"The A4 queue {queue.name!r} exists in CUPS and accepts jobs."


def test_a_paused_queue_says_how_to_resume_it(
    tmp_path: Path, cups: PrivateCups, queue: Queue
) -> None:
    cups.disable(queue.name, "out of toner")
    status, message = examine(tmp_path, cups, queue.name)
    assert status is Status.FAIL
    assert f"CUPS queue {queue.name!r} on {cups.server} is paused" in message
    assert "out of toner" in message and "(cupsenable resumes it)" in message


def test_a_missing_queue_says_to_add_it(tmp_path: Path, cups: PrivateCups, queue: Queue) -> None:
    status, message = examine(tmp_path, cups, "A4-missing")
    assert status is Status.FAIL
    assert "no such queue (lpstat -p lists the queues)" in message
    assert "add the A4 printer (lpadmin) or fix counter.notice_printer" in message
