"""Start-up benchmark: process start to the first painted home screen, and peak RSS.

Runs each case in fresh processes (offscreen Qt) and prints the median of several runs, next to
a bare PySide6 window measured the same way in the same run:

    .venv/bin/python bench/startup.py [--runs 5]

"kiosk (demo)" is what ``kiosk demo`` does before a citizen can tap: load the configuration,
start the embedded hub, build the terminal, create the window and paint the home screen.
"kiosk (hall hub)" is a production terminal: the same, talking to a hub that already runs (here
one started by this script on 127.0.0.1), as ``kiosk run`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and bench/hub.py and bench/ui.py
# would shadow the `hub` and `ui` packages: put the checkout there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

CHILD = r"""
import json, os, resource, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

case, data_dir, hub_url, token_file = sys.argv[1:5]


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(json.dumps({"painted_at": time.time(), "peak_rss_kib": rss_kib}), flush=True)
            os._exit(0)
        return False


if case == "bare":
    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1080, 1920)
else:
    from kiosk.app import build_terminal, demo_settings
    from kiosk.config import settings_from_dict
    from ui.app import application
    from ui.main_window import KioskWindow

    settings = demo_settings("hall", data_dir=data_dir)
    if case == "remote":
        raw = settings.model_dump(mode="json")
        raw["api"].update(base_url=hub_url, token_file=token_file)
        settings = settings_from_dict(raw, source="bench", environ={})
    terminal = build_terminal(settings).__enter__()
    app = application()
    window = KioskWindow(terminal)
    window.resize(window.design_size)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def measure(case: str, hub_url: str, token_file: str) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as data_dir:
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, case, data_dir, hub_url, token_file],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"{case}: no paint reported\n{out.stderr[-2000:]}")
    result = json.loads(lines[-1])
    return (result["painted_at"] - started) * 1000, result["peak_rss_kib"] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"start-up to first paint, offscreen, median of {args.runs} runs")
    print(f"{'case':<28}{'time ms':>10}{'peak RSS MiB':>15}")
    cases = (
        ("bare", "bare PySide6 window"),
        ("remote", "kiosk home (hall hub)"),
        ("demo", "kiosk home (demo)"),
    )
    from hub.embedded import EmbeddedHub

    with tempfile.TemporaryDirectory() as hub_dir, EmbeddedHub(Path(hub_dir)) as hub:
        token_file = Path(hub_dir) / "token"
        token_file.write_text(hub.register_terminal("HALL-K01"), encoding="utf-8")
        for case, label in cases:
            runs = [measure(case, hub.base_url, str(token_file)) for _ in range(args.runs)]
            ms = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            print(f"{label:<28}{ms:>10.0f}{rss:>15.1f}")


if __name__ == "__main__":
    main()
