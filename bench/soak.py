"""Soak figures: start/stop cycles and SIGKILLs at random points of every journey.

    .venv/bin/python bench/soak.py [--cycles 200] [--kills 50]

Prints processes, open files, threads, RSS and files under the data folder after the first
cycle (or kill) and after the last, and what the start-up cleanup costs.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # bench/hub.py must not shadow hub

from kiosk.app import build_terminal, demo_settings, installed_local_hub  # noqa: E402
from kiosk.journeys.case.desk import delete_leftovers  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "e2e"))
from test_soak import POINTS, kill_at, ours, plaintext  # noqa: E402


def files_under(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def cycles(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = demo_settings("hall", data_dir=Path(tmp), voice="none")
        hub = installed_local_hub("demo")
        rows = []
        for n in range(1, count + 1):
            with build_terminal(settings, local_hub=hub):
                pass
            if n in (1, count):
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                rows.append(
                    (n, len(os.listdir("/proc/self/fd")), threading.active_count(), rss,
                     files_under(Path(tmp)))
                )  # fmt: skip
        print(f"{count} start/stop cycles in one process (embedded demo hub):")
        for n, fds, threads, rss, files in rows:
            print(f"  after {n:>4}: open files {fds}, threads {threads}, peak RSS {rss:.1f} MiB,"
                  f" files under the data folder {files}")  # fmt: skip


def kills(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir, scratch = Path(tmp) / "data", Path(tmp) / "tmp"
        scratch.mkdir()
        rng = random.Random(21)
        stored = 0
        for n in range(1, count + 1):
            entry, rss = kill_at(data_dir, scratch, rng.choice(POINTS))
            stored += entry != "-"
            if n in (1, count):
                print(f"  after {n:>3} kills: processes of ours {len(ours(str(data_dir)))},"
                      f" RSS of the killed terminal {rss:.1f} MiB,"
                      f" files under the data folder {files_under(data_dir)},"
                      f" plaintext hits {len(plaintext([data_dir, scratch]))}")  # fmt: skip
        leftovers = data_dir / "captures"
        leftovers.mkdir(parents=True)
        for i in range(200):  # what an older version could leave: 200 page files
            (leftovers / f"{i:03d}.jpg").write_bytes(b"x" * 4096)
        began = time.perf_counter()
        removed = delete_leftovers(leftovers)
        cleanup_ms = (time.perf_counter() - began) * 1000
        settings = demo_settings("hall", data_dir=data_dir, voice="none")
        with build_terminal(settings, local_hub=installed_local_hub("demo")) as terminal:
            assert terminal.cases is not None
            terminal.cases.service.sender.drain()
            status = terminal.cases.service.outbox.status()
        print(f"  stored before a kill {stored}, delivered after the next start {status.delivered},"
              f" pending {status.pending}")  # fmt: skip
        print(f"  start-up cleanup: nothing to clean {cleanup_baseline():.2f} ms;"
              f" {removed} leftover files {cleanup_ms:.1f} ms")  # fmt: skip


def cleanup_baseline() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        delete_leftovers(Path(tmp) / "captures")
        return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--kills", type=int, default=50)
    args = parser.parse_args()
    cycles(args.cycles)
    print(f"{args.kills} terminals killed with SIGKILL at random points of every journey:")
    kills(args.kills)


if __name__ == "__main__":
    main()
