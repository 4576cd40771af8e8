"""UI responsiveness and memory: tap → next screen painted, and RSS over many sessions.

Drives the real kiosk window (offscreen Qt) over the embedded hub with the virtual printer and
prints:
- over the whole demo tour (every journey, portrait, elder, English, landscape): median and
  p95 time from each tap to the window's next paint;
- taking tickets as a citizen would, N times (default 200) each way: by category (home →
  categories → ticket → done) and by item (→ item list → pinyin search → item → ticket → done):
  median and p95 from a tap until the next screen has painted, per step;
- resident memory after 10 sessions and then every 50: growth should stay within a few MB.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/ui.py [--sessions 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# Run as a script, this file's folder comes first on the path and its name would shadow the
# `ui` package: put the checkout there instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject  # noqa: E402
from PySide6.QtWidgets import QPushButton, QWidget  # noqa: E402

from kiosk.app import Terminal, build_terminal, demo_settings  # noqa: E402
from ui.app import application  # noqa: E402
from ui.main_window import KioskWindow  # noqa: E402
from ui.tour import settle  # noqa: E402


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class PaintWatch(QObject):
    """Notes when a widget (or any child) is painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.add(id(watched))
        return False


def tap_until_painted(button: QPushButton, page: QWidget, watch: PaintWatch) -> float:
    """Click ``button``; return ms until ``page`` is current and has painted."""
    watch.painted.discard(id(page))
    start = time.perf_counter()
    button.click()
    deadline = start + 30
    while not (page.isVisible() and id(page) in watch.painted):
        if time.perf_counter() > deadline:
            raise SystemExit(f"timed out waiting for {type(page).__name__}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return (time.perf_counter() - start) * 1000


class WindowPaintWatch(QObject):
    """Notes which top-level windows had something painted."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: set[int] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            self.painted.add(id(watched.window()))
        return False


def tour_taps(terminal: Terminal, app: QCoreApplication) -> list[float]:
    """Run the demo tour, timing every tap until its window paints again."""
    import ui.tour as tour

    watch = WindowPaintWatch()
    app.installEventFilter(watch)
    times: list[float] = []
    slowest: list[tuple[float, str]] = []

    def timed_tap(button: QPushButton) -> None:
        window = id(button.window())
        watch.painted.discard(window)
        start = time.perf_counter()
        button.click()
        while window not in watch.painted and time.perf_counter() - start < 5:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        times.append((time.perf_counter() - start) * 1000)
        slowest.append((times[-1], button.text().replace("\n", " ")[:30]))

    tour.tap = timed_tap
    with tempfile.TemporaryDirectory() as out:
        tour.run_tour(terminal, Path(out))
    app.removeEventFilter(watch)
    for ms, text in sorted(slowest, reverse=True)[:5]:
        print(f"  slow tap: {ms:7.1f} ms  {text!r}")
    return times


def session(window: KioskWindow, watch: PaintWatch, times: dict[str, list[float]]) -> None:
    journey = window.ticket
    times["home → categories"].append(
        tap_until_painted(window.home.tiles["ticket"], journey.choose_page, watch)
    )
    first = next(iter(journey.category_buttons.values()))
    times["category → ticket"].append(tap_until_painted(first, journey.ticket_page, watch))
    times["done → home"].append(tap_until_painted(journey.done_button, window.home, watch))


EMPLOYMENT = "GG00230005-990101-RS"  # 就业创业证申领: 社保医保, no real name


def session_by_item(window: KioskWindow, watch: PaintWatch, times: dict[str, list[float]]) -> None:
    """取号 by item: the item list, a pinyin search, the item, the ticket."""
    journey, page = window.ticket, window.ticket.choose_page
    times["home → categories"].append(tap_until_painted(window.home.tiles["ticket"], page, watch))
    times["by item → item list"].append(
        tap_until_painted(page.mode_buttons["item"], page.item_panel, watch)
    )
    start = time.perf_counter()
    page.search.setText("jycy")  # what the keyboard commits: the list filters at once
    QCoreApplication.processEvents()
    times["search 'jycy'"].append((time.perf_counter() - start) * 1000)
    times["item → ticket"].append(
        tap_until_painted(page.item_buttons[EMPLOYMENT], journey.ticket_page, watch)
    )
    times["done → home"].append(tap_until_painted(journey.done_button, window.home, watch))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    args = parser.parse_args()
    app = application()
    with tempfile.TemporaryDirectory() as data:
        settings = demo_settings("hall", data_dir=data, voice="none")
        with build_terminal(settings) as terminal:
            taps = tour_taps(terminal, app)
            window = KioskWindow(terminal)
            window.resize(window.design_size)
            watch = PaintWatch()
            app.installEventFilter(watch)
            window.show()
            times: dict[str, list[float]] = defaultdict(list)
            rss: dict[int, float] = {}
            checkpoints = {10, *range(50, args.sessions + 1, 50), args.sessions}
            for n in range(1, args.sessions + 1):
                session(window, watch, times)
                session_by_item(window, watch, times)
                # What a running event loop does between sessions: free the widgets a page
                # replaced (deleteLater). Without it, the item list's old buttons pile up here
                # (14 per session) though never in the kiosk, which runs app.exec().
                settle()
                if n in checkpoints:
                    rss[n] = rss_mib()
            window.shut_down()
    every = [t for values in times.values() for t in values]
    print("demo tour, offscreen, embedded hub, virtual printer: tap -> next paint")
    print(
        f"  {len(taps)} taps: median {statistics.median(taps):.1f} ms, p95 {pct(taps, 0.95):.1f} ms"
    )
    print(f"{args.sessions} ticket sessions each way (by category, by item), offscreen,")
    print("embedded hub, virtual printer")
    print(f"{'step':<22}{'median ms':>10}{'p95 ms':>9}")
    for step, values in times.items():
        print(f"{step:<22}{statistics.median(values):>10.1f}{pct(values, 0.95):>9.1f}")
    print(f"{'all taps':<22}{statistics.median(every):>10.1f}{pct(every, 0.95):>9.1f}")
    for n, mib in sorted(rss.items()):
        print(f"RSS after {n:>4} sessions: {mib:7.1f} MiB  ({mib - rss[10]:+.1f} MiB since 10)")


if __name__ == "__main__":
    main()
