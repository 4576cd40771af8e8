"""``kiosk demo --mode display --tour OUTDIR``: the calling display through a simulated morning,
headless, with a screenshot of each state (calls, history, a paused window, 4K, the stream lost).
"""

from __future__ import annotations

from pathlib import Path

from contract import models as m
from kiosk.app import Terminal
from kiosk.counter.simulated_hall import SimulatedHall, SimulatedWindows
from ui.display.window import DisplayWindow
from ui.display.window_screen import WindowScreen
from ui.tour import pause, snapshot, wait_until


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
        pause(0.4)
        written.append(snapshot(wall, out / f"{stem}.png"))

    wait_until(lambda: wall.view.live, 20, "the stream")
    hall.morning(14)
    windows.step()
    wait_until(lambda: len(wall.view.calls) >= 2, 20, "the first calls")
    shot("display-01-calling")
    for _ in range(8):
        windows.step()
    wait_until(lambda: len(wall.view.calls) == 8, 20, "eight calls")
    shot("display-02-history")
    code, client = next(iter(windows.clients.items()))
    serving = client.counter_session(code).serving
    if serving is not None:
        if serving.state is m.TicketState.CALLED:
            client.ticket_action(code, serving.ticket_id, m.TicketAction.START)
        client.finish_ticket(
            code, serving.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
        )
    meeting = m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
    client.set_window_state(code, meeting)
    wait_until(lambda: bool(wall.view.paused), 20, "the pause")
    shot("display-03-paused-window")
    for code in windows.clients:  # each window's own screen: one paused, one serving
        screen = WindowScreen(feed, code)
        screen.resize(1280, 720)
        screen.show()
        screen.show_view(wall.view)
        pause(1.0)  # the clerk's photo arrives
        written.append(snapshot(screen, out / f"window-screen-{code}.png"))
        screen.close()
    wall.resize(3840, 2160)
    shot("display-04-4k")
    wall.resize(1920, 1080)
    hub = terminal.local_hub
    if hub is not None and hasattr(hub, "stop"):
        hub.stop()  # the hub goes away: the wall must say so
        wait_until(lambda: not wall.view.live, 20, "the banner")
        shot("display-05-stream-lost")
    wall.close()
    return written
