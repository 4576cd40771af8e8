"""Nothing left behind: a terminal killed with SIGKILL at points of every journey leaves no
process, no plaintext page or person on disk, and every case it stored arrives exactly once.

Kept short here (each point killed twice); ``bench/soak.py`` runs the long soak with figures.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from kiosk.app import build_terminal, demo_settings, installed_local_hub

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tools" / "soak_terminal.py"
POINTS = ("started", "card_read", "page_captured", "case_stored", "ticket_printed")
NAME, ID_NUMBER = "张示例", "11010519491231002X"
NEEDLES = (
    *(NAME.encode(encoding) for encoding in ("utf-8", "gb18030", "utf-16-le")),
    *(ID_NUMBER.encode(encoding) for encoding in ("utf-8", "utf-16-le")),
    b"%PDF-",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
)


def ours(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (a run's own data folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def kill_at(data_dir: Path, tmp: Path, point: str) -> tuple[str, float]:
    """Start a terminal, drive it to ``point``, kill -9 it; the stored entry id (or "-") and
    the terminal's RSS in MiB just before the kill."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), point],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    timer = threading.Timer(90, child.kill)  # a child that never gets there fails the test
    timer.start()
    try:
        line = child.stdout.readline()
    finally:
        timer.cancel()
    assert line.startswith(f"READY {point}"), f"{point}: {line!r}"
    status = Path(f"/proc/{child.pid}/status").read_text()
    rss_kib = next(int(row.split()[1]) for row in status.splitlines() if row.startswith("VmRSS"))
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    child.stdout.close()
    return line.split()[2], rss_kib / 1024


def plaintext(folders: list[Path]) -> list[tuple[str, bytes]]:
    """Files holding the citizen or a page in the clear. The embedded hub's database stands for
    the central platform (it keeps the case)."""
    hits = []
    for folder in folders:
        for path in folder.rglob("*"):
            relative = path.relative_to(folder).parts
            if not path.is_file() or relative[0] == "hub":
                continue
            data = path.read_bytes()
            hits += [(str(path), needle) for needle in NEEDLES if needle in data]
    return hits


def test_killed_at_every_point_leaves_nothing_behind(tmp_path: Path) -> None:
    data_dir, tmp = tmp_path / "data", tmp_path / "tmp"
    tmp.mkdir()
    points = list(POINTS) * 2
    random.Random(21).shuffle(points)
    stored = []
    for point in points:
        entry, _rss = kill_at(data_dir, tmp, point)
        if entry != "-":
            stored.append(entry)
        assert ours(str(data_dir)) == [], f"a process outlived the kill at {point}"
    assert len(stored) == 2
    assert plaintext([data_dir, tmp]) == []

    # The next start is clean and delivers every stored case, each exactly once.
    settings = demo_settings("hall", data_dir=data_dir, voice="none")
    with build_terminal(settings, local_hub=installed_local_hub("demo")) as terminal:
        assert terminal.cases is not None
        report = terminal.cases.service.sender.drain()
        assert report.failed == 0
        status = terminal.cases.service.outbox.status()
        assert status.pending == 0 and status.delivered >= len(stored)
    with sqlite3.connect(data_dir / "hub" / "hub.sqlite3") as db:
        counts = dict(db.execute("SELECT idempotency_key, count(*) FROM cases GROUP BY 1"))
    assert all(counts.get(entry) == 1 for entry in stored), counts


def test_starts_and_stops_leak_no_files_or_threads(tmp_path: Path) -> None:
    settings = demo_settings("hall", data_dir=tmp_path, voice="none")
    hub = installed_local_hub("demo")

    def cycle() -> tuple[int, int]:
        with build_terminal(settings, local_hub=hub):
            pass
        return len(os.listdir("/proc/self/fd")), threading.active_count()

    first = cycle()
    for _ in range(10):
        last = cycle()
    assert last[0] <= first[0] + 2 and last[1] <= first[1], (first, last)
