"""Start-up benchmark: process start to the first painted home screen, and peak RSS.

Runs each case in fresh processes (offscreen Qt) and prints the median of several runs, next to
a bare PySide6 window measured the same way in the same run:

    .venv/bin/python bench/startup.py [--runs 5]

"kiosk home (hall hub)" is a production terminal, as ``kiosk run`` starts one: parse the command
line, load the hall's configuration (config/hall.toml, pointed at a hub that already runs: here
one started by this script on 127.0.0.1, with simulated devices), build the terminal, then open
the window and paint the home screen. "kiosk home (demo)" is what ``kiosk demo`` does before a
citizen can tap: the same with the embedded hub started in the process.

A case is painted when the window's first paint has finished (the whole window, home screen
included, is painted in one pass). Peak RSS is the process's own (VmHWM): getrusage's
ru_maxrss would include the bench's own size, which Linux carries over into the child. The
modules run byte-compiled, as on an installed terminal, whatever PYTHONDONTWRITEBYTECODE says:
one unmeasured run of each case compiles them into a temporary cache first.
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
CHECKOUT = Path(__file__).resolve().parent.parent
sys.path[0] = str(CHECKOUT)

CHILD = r"""
import json, os, sys, time

case, data_dir, hub_url, token_file, config = sys.argv[1:6]


def peak_rss_kib():
    # This process's own peak (VmHWM). Not getrusage's ru_maxrss: Linux carries that over
    # exec from the process that spawned it (here the bench, with its hub), so a small child
    # would report the bench's size.
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def report_first_paint(app, window):
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                obj.removeEventFilter(self)
                # Handled once this paint of the whole window has finished, before anything
                # else the application has queued.
                QCoreApplication.postEvent(
                    self, QEvent(QEvent.Type.User), Qt.EventPriority.HighEventPriority.value
                )
            return False

        def customEvent(self, event):
            result = {"painted_at": time.time(), "peak_rss_kib": peak_rss_kib()}
            print(json.dumps(result), flush=True)
            os._exit(0)

    watcher = FirstPaint(app)
    window.installEventFilter(watcher)
    window.show()
    app.exec()


if case == "bare":
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.resize(1080, 1920)
    report_first_paint(app, window)
else:
    # In the order of `kiosk run` and `kiosk demo`: the terminal (Qt-free) first, then the UI.
    from kiosk.app import build_terminal, demo_settings
    from kiosk.cli import build_parser
    from kiosk.config import load_settings

    if case == "remote":
        build_parser().parse_args(["run", "--config", config])
        overrides = {
            "KIOSK_API__BASE_URL": hub_url,
            "KIOSK_API__TOKEN_FILE": token_file,
            "KIOSK_TERMINAL__DATA_DIR": data_dir,
        }
        settings = load_settings(config, environ=overrides)
    else:
        build_parser().parse_args(["demo"])
        settings = demo_settings("hall", data_dir=data_dir)
    terminal = build_terminal(settings).__enter__()
    from ui.app import application
    from ui.main_window import KioskWindow

    app = application()
    window = KioskWindow(terminal, kiosk_mode=case == "remote")
    window.resize(window.design_size)
    report_first_paint(app, window)
"""


def measure(case: str, hub_url: str, token_file: str, pycache: str) -> tuple[float, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": pycache}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    config = str(CHECKOUT / "config" / "hall.toml")
    with tempfile.TemporaryDirectory() as data_dir:
        started = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, case, data_dir, hub_url, token_file, config],
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

    with (
        tempfile.TemporaryDirectory() as hub_dir,
        tempfile.TemporaryDirectory() as pycache,
        EmbeddedHub(Path(hub_dir)) as hub,
    ):
        token_file = Path(hub_dir) / "token"
        token_file.write_text(hub.register_terminal("HALL-K01"), encoding="utf-8")
        for case, label in cases:
            measure(case, hub.base_url, str(token_file), pycache)  # compiles the modules
            runs = [measure(case, hub.base_url, str(token_file), pycache) for _ in range(args.runs)]
            ms = statistics.median(r[0] for r in runs)
            rss = statistics.median(r[1] for r in runs)
            print(f"{label:<28}{ms:>10.0f}{rss:>15.1f}")


if __name__ == "__main__":
    main()
