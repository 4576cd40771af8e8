"""``kiosk demo --mode display --tour OUTDIR``: the calling display through a simulated morning,
headless, with a screenshot of each state (calls, history, a paused window, 4K, the stream lost).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from contract import models as m
from kiosk.app import Terminal
from kiosk.counter.simulated_hall import SimulatedHall, SimulatedWindows
from ui.display.window import DisplayWindow
from ui.display.window_screen import WindowScreen


def run_display_tour(
    terminal: Terminal, hall: SimulatedHall, windows: SimulatedWindows, out: Path
) -> list[Path]:
    feed = terminal.display
    assert feed is not None
    settings = terminal.settings
    wall = DisplayWindow(feed, settings.terminal.hall_name, settings.display.notice)
    wall.resize(1920, 1080)
    wall.show()
    feed.start()
    written: list[Path] = []

    def shot(stem: str) -> None:
        pump(0.4)
        path = out / f"{stem}.png"
        wall.grab().save(str(path))
        written.append(path)

    def until(done: Callable[[], bool], what: str) -> None:
        end = time.monotonic() + 20
        while not done():
            if time.monotonic() > end:
                raise RuntimeError(f"display tour: {what} did not happen")
            pump(0.05)

    until(lambda: wall.view.live, "the stream")
    hall.morning(14)
    windows.step()
    until(lambda: len(wall.view.calls) >= 2, "the first calls")
    shot("display-01-calling")
    for _ in range(8):
        windows.step()
    until(lambda: len(wall.view.calls) == 8, "eight calls")
    shot("display-02-history")
    code, client = next(iter(windows.clients.items()))
    serving = client.counter_session(code).serving
    if serving is not None:
        if serving.state is m.TicketState.CALLED:
            client.ticket_action(code, serving.ticket_id, m.TicketAction.START)
        client.finish_ticket(
            code, serving.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
        )
    pause = m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
    client.set_window_state(code, pause)
    until(lambda: bool(wall.view.paused), "the pause")
    shot("display-03-paused-window")
    for code in windows.clients:  # each window's own screen: one paused, one serving
        screen = WindowScreen(feed, code)
        screen.resize(1280, 720)
        screen.show()
        screen.show_view(wall.view)
        pump(1.0)  # the clerk's photo arrives
        path = out / f"window-screen-{code}.png"
        screen.grab().save(str(path))
        written.append(path)
        screen.close()
    wall.resize(3840, 2160)
    shot("display-04-4k")
    wall.resize(1920, 1080)
    hub = terminal.local_hub
    if hub is not None and hasattr(hub, "stop"):
        hub.stop()  # the hub goes away: the wall must say so
        until(lambda: not wall.view.live, "the banner")
        shot("display-05-stream-lost")
    wall.close()
    return written


def pump(seconds: float) -> None:
    app = QApplication.instance()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if app is not None:
            app.processEvents()
        time.sleep(0.01)
