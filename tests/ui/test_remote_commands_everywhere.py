"""The hub's reload and restart carried out by the window terminal, the rating pad and the
calling display as the kiosk does (ui.remote_obey): asked through each terminal's own embedded
hub and heard with a real heartbeat, never while a clerk serves a citizen, a citizen rates or
the wall is announcing a call, and at once when idle; the obeyed request is remembered."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from contract import models as m
from hub import fleet
from kiosk.api.client import HubClient
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.heartbeat import HeartbeatSender, LastError
from kiosk.remote import RESTART_EXIT_CODE, RemoteCommands
from ui import remote_obey
from ui.counter.rating_pad import PadPoller, RatingPad
from ui.counter.window import ACTIONS, CounterWindow
from ui.remote_obey import IDLE_SECONDS, RemoteObeyer, obey_counter, obey_display, obey_pad

PIN = "246810"  # the sample clerks'
WAIT = 10000


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The exit codes the program asked for (a real exit would end the test run)."""
    codes: list[int] = []
    monkeypatch.setattr(remote_obey.QApplication, "exit", lambda code=0: codes.append(code))
    return codes


def built(tmp_path: Path, mode: str) -> Iterator[Terminal]:
    settings = demo_settings(mode, data_dir=tmp_path / f"{mode}-data", voice="mock")
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Terminal]:
    yield from built(tmp_path, "counter")


@pytest.fixture
def pad_terminal(tmp_path: Path) -> Iterator[Terminal]:
    yield from built(tmp_path, "rating-pad")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[Terminal]:
    yield from built(tmp_path, "display")


def ask(terminal: Terminal, command: m.TerminalCommand) -> m.CommandRequest:
    """The district engineer asks (as `kiosk hub ask` does), and the terminal's next heartbeat
    brings the request home."""
    hub = terminal.local_hub
    assert hub is not None and terminal.remote is not None
    asked = fleet.ask(hub.context, terminal.settings.terminal.id, command)  # type: ignore[attr-defined]
    assert asked is not None
    sender = HeartbeatSender(
        terminal.client, terminal.devices.board, None, LastError(), terminal.remote
    )
    assert sender.send_once()
    assert terminal.remote.pending() == asked
    return asked


def manual(obeyer: RemoteObeyer | None, idle_seconds: float = 0.0) -> RemoteObeyer:
    """The obeyer checked by the test, not by its timer."""
    assert obeyer is not None
    obeyer.timer.stop()
    obeyer.idle_seconds = idle_seconds
    return obeyer


def obeyed(terminal: Terminal, asked: m.CommandRequest) -> bool:
    """Done, and remembered across the restart (the next heartbeat tells the hub)."""
    assert terminal.remote is not None
    return (
        terminal.remote.pending() is None
        and RemoteCommands(terminal.data_dir).obeyed_id == asked.command_id
    )


def hub_client(terminal: Terminal, terminal_id: str, mode: m.TerminalMode) -> HubClient:
    hub = terminal.local_hub
    assert hub is not None
    return HubClient(hub.base_url, token=hub.register_terminal(terminal_id, mode=mode))


def key(qtbot: QtBot, window: CounterWindow, name: str) -> None:
    f_key = next(k for k, _label, n in ACTIONS if n == name)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{f_key}"))
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)


# -- the window terminal, with its rating pad on the second screen


@pytest.fixture
def desk(qtbot: QtBot, themed: Any, counter: Terminal) -> Iterator[tuple[CounterWindow, RatingPad]]:
    assert counter.counter is not None
    hall = counter.settings.terminal.hall_name
    window = CounterWindow(counter.counter, hall)
    pad = RatingPad(counter.counter, hall)
    window.attach_pad(pad)
    for widget in (window, pad):
        qtbot.addWidget(widget)
        widget.show()
    window.resize(1366, 768)
    window.start()
    yield window, pad
    window.refresh_timer.stop()


def sign_in(qtbot: QtBot, window: CounterWindow) -> None:
    window.sign_in_page.staff_no.setText("S001")
    window.sign_in_page.pin.setText(PIN)
    qtbot.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=WAIT)


def test_the_window_restarts_only_when_no_clerk_work_and_no_rating_is_in_progress(
    qtbot: QtBot, desk: tuple[CounterWindow, RatingPad], counter: Terminal, exits: list[int]
) -> None:
    window, pad = desk
    obeyer = manual(obey_counter(counter, window, pad))
    asked = ask(counter, m.TerminalCommand.RESTART)

    window.sign_in_page.pin.setText("2468")  # a clerk is signing in
    obeyer.check()
    assert exits == []
    sign_in(qtbot, window)
    with hub_client(counter, "KIOSK-1", m.TerminalMode.HALL) as kiosk:
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    qtbot.waitUntil(lambda: window.buttons["call_next"].isEnabled(), timeout=WAIT)
    key(qtbot, window, "call_next")
    assert window.current is not None  # a citizen called to the window
    obeyer.check()
    key(qtbot, window, "start")
    obeyer.check()  # being served
    key(qtbot, window, "finish")
    obeyer.check()  # the finish form open
    assert exits == []
    qtbot.mouseClick(window.finish_form.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is None and not window.busy, timeout=WAIT)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.rate_page, timeout=WAIT)
    obeyer.check()  # the citizen is asked for a rating on the pad
    assert exits == [] and not obeyed(counter, asked)

    qtbot.mouseClick(pad.picker.level_buttons[m.Rating.SATISFIED], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.thanks_page, timeout=WAIT)
    pad.back.setInterval(10)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.serving_page, timeout=WAIT)
    key(qtbot, window, "pause")  # no citizen now, but the clerk is filling in 暂停服务
    assert window.side.currentWidget() is window.pause_form
    obeyer.check()
    assert exits == []
    now = [1000.0]
    obeyer.clock = lambda: now[0]
    obeyer.idle_seconds = IDLE_SECONDS
    qtbot.mouseClick(window.pause_form.cancel, Qt.MouseButton.LeftButton)
    obeyer.check()  # idle just now: the clerk may be about to call the next citizen
    now[0] += IDLE_SECONDS - 1
    key(qtbot, window, "pause")  # opened and closed between two checks: the wait starts again
    qtbot.mouseClick(window.pause_form.cancel, Qt.MouseButton.LeftButton)
    now[0] += 2
    obeyer.check()
    assert exits == []
    now[0] += IDLE_SECONDS  # ... and idle long enough
    obeyer.check()
    assert exits == [RESTART_EXIT_CODE]
    assert obeyed(counter, asked)
    assert not window.isVisible() and not pad.isVisible()


def test_a_reload_at_the_window_reads_the_catalog_and_the_queues_again(
    qtbot: QtBot,
    desk: tuple[CounterWindow, RatingPad],
    counter: Terminal,
    exits: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, pad = desk
    assert counter.cases is not None and counter.counter is not None
    obeyer = manual(obey_counter(counter, window, pad))
    sign_in(qtbot, window)
    read: list[str] = []
    refresh, categories = counter.cases.catalog.refresh, counter.counter.categories
    monkeypatch.setattr(
        counter.cases.catalog, "refresh", lambda: read.append("catalog") or refresh()
    )
    monkeypatch.setattr(
        counter.counter, "categories", lambda: read.append("queues") or categories()
    )
    pad.photos["S001"] = QPixmap(4, 4)
    window.category_names = {}
    asked = ask(counter, m.TerminalCommand.RELOAD)
    obeyer.check()
    qtbot.waitUntil(lambda: sorted(read) == ["catalog", "queues"], timeout=WAIT)
    qtbot.waitUntil(lambda: "general" in window.category_names, timeout=WAIT)
    # The clerk's photo on the pad is read from the hub again (at the desk's next refresh).
    qtbot.waitUntil(lambda: pad.photos.get("S001", QPixmap(4, 4)).width() != 4, timeout=WAIT)
    assert exits == [] and window.isVisible() and obeyed(counter, asked)


# -- a rating pad of its own


def test_a_pad_restarts_only_on_its_waiting_screen(
    qtbot: QtBot, themed: Any, pad_terminal: Terminal, exits: list[int]
) -> None:
    assert pad_terminal.pad is not None
    pad = RatingPad(pad_terminal.pad, pad_terminal.settings.terminal.hall_name)
    qtbot.addWidget(pad)
    poller = PadPoller(pad, pad_terminal.pad)
    poller.timer.setInterval(100)
    obeyer = manual(obey_pad(pad_terminal, pad, poller))
    pad.show()
    poller.start()
    asked = ask(pad_terminal, m.TerminalCommand.RESTART)
    code = pad_terminal.settings.counter.window
    try:
        with (
            hub_client(pad_terminal, "WIN-1", m.TerminalMode.COUNTER) as window,
            hub_client(pad_terminal, "KIOSK-1", m.TerminalMode.HALL) as kiosk,
        ):
            window.sign_in_clerk(code, m.ClerkSignIn(staff_no="S001", pin=PIN))
            kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
            ticket = window.call_next(code)
            window.ticket_action(code, ticket.ticket_id, m.TicketAction.START)
            window.finish_ticket(
                code, ticket.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE)
            )
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.rate_page, timeout=WAIT)
        obeyer.check()  # the citizen is rating
        level = pad.picker.level_buttons[m.Rating.SATISFIED]
        qtbot.mouseClick(level, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.thanks_page, timeout=WAIT)
        obeyer.check()  # thanked
        assert exits == [] and not obeyed(pad_terminal, asked)
        pad.back.setInterval(10)
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.serving_page, timeout=WAIT)
        obeyer.check()
        assert exits == [RESTART_EXIT_CODE]
        assert obeyed(pad_terminal, asked) and not pad.isVisible()
    finally:
        poller.timer.stop()


def test_a_reload_at_the_pad_pairs_again_and_forgets_the_photos(
    qtbot: QtBot, themed: Any, pad_terminal: Terminal, exits: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    assert pad_terminal.pad is not None
    pad = RatingPad(pad_terminal.pad, pad_terminal.settings.terminal.hall_name)
    qtbot.addWidget(pad)
    poller = PadPoller(pad, pad_terminal.pad)
    obeyer = manual(obey_pad(pad_terminal, pad, poller))
    pairs: list[m.PadView] = []
    pair = pad_terminal.pad.pair
    monkeypatch.setattr(pad_terminal.pad, "pair", lambda: pairs.append(pair()) or pairs[-1])
    pad.photos["S001"] = QPixmap(4, 4)
    asked = ask(pad_terminal, m.TerminalCommand.RELOAD)
    obeyer.check()
    qtbot.waitUntil(lambda: len(pairs) == 1, timeout=WAIT)
    assert pad.photos == {} and exits == [] and obeyed(pad_terminal, asked)


# -- the calling display


@pytest.fixture
def wall(qtbot: QtBot, display: Terminal, tmp_path: Path) -> Iterator[Any]:
    from kiosk.display.voice import TEMPLATE
    from ui.display.announcer import Announcer
    from ui.display.window import DisplayWindow

    assert display.display is not None
    # The speech service's test engine: each call keeps the voice busy for its length.
    voice = Announcer("tts", tmp_path / "clips", template=TEMPLATE, speech_engine="mock",
                      repeat=1)  # fmt: skip
    shown = DisplayWindow(display.display, display.settings.terminal.hall_name, "", voice)
    qtbot.addWidget(shown)
    shown.resize(1280, 720)
    shown.show()
    yield shown


def test_the_display_restarts_between_announcements(
    qtbot: QtBot, wall: Any, display: Terminal, exits: list[int]
) -> None:
    assert display.display is not None
    obeyer = manual(obey_display(display, wall))
    asked = ask(display, m.TerminalCommand.RESTART)
    display.display.start()
    qtbot.waitUntil(lambda: wall.view.live, timeout=WAIT)
    with (
        hub_client(display, "WIN-1", m.TerminalMode.COUNTER) as window,
        hub_client(display, "KIOSK-1", m.TerminalMode.HALL) as kiosk,
    ):
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
        ticket = window.call_next("W01")
    qtbot.waitUntil(lambda: wall.number.text() == ticket.number, timeout=WAIT)
    assert wall.announcer.queue.speaking
    obeyer.check()  # announcing the call
    assert exits == [] and not obeyed(display, asked)
    qtbot.waitUntil(lambda: not wall.announcer.queue.speaking, timeout=20000)
    obeyer.check()
    assert exits == [RESTART_EXIT_CODE]
    assert obeyed(display, asked) and not wall.isVisible()


def test_a_reload_at_the_display_reads_the_halls_state_again(
    qtbot: QtBot, wall: Any, display: Terminal, exits: list[int]
) -> None:
    obeyer = manual(obey_display(display, wall))
    assert wall.queues.text() == ""  # the feed not started: nothing read from the hub yet
    asked = ask(display, m.TerminalCommand.RELOAD)
    obeyer.check()
    qtbot.waitUntil(lambda: "等候" in wall.queues.text(), timeout=WAIT)
    assert exits == [] and wall.isVisible() and obeyed(display, asked)


# The display's own program, as `kiosk run` starts it (ui.app.run_display), asked to restart by
# its hub a moment after it starts; it prints its exit code.
RESTARTED_DISPLAY = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from contract import models as m
from hub import fleet
from kiosk.app import build_terminal, demo_settings
from kiosk.config import settings_from_dict
from kiosk.heartbeat import HeartbeatSender, LastError
from ui.app import application, run_display

raw = demo_settings("display", data_dir=Path(sys.argv[1])).model_dump(mode="json")
raw["display"]["voice"] = "none"
settings = settings_from_dict(raw, source="test", environ={})
with build_terminal(settings) as terminal:
    app = application()

    def ask():
        fleet.ask(terminal.local_hub.context, settings.terminal.id, m.TerminalCommand.RESTART)
        beat = HeartbeatSender(terminal.client, terminal.devices.board, None, LastError(),
                               terminal.remote)
        beat.send_once()

    QTimer.singleShot(300, ask)
    QTimer.singleShot(30000, lambda: app.exit(3))  # never obeyed
    code = run_display(app, terminal, fullscreen=False)
print("exit", code)
"""


@pytest.mark.slow
def test_the_display_program_ends_with_the_restart_code_for_its_service(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", RESTARTED_DISPLAY, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        env=env,
        timeout=100,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    # Closing its last window did not turn it into an ordinary quit (0): the journal says why.
    assert done.stdout.strip() == f"exit {RESTART_EXIT_CODE}"
    assert RemoteCommands(tmp_path / "data").obeyed_id is not None
