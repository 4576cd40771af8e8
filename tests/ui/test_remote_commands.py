"""What the district engineer asks of a kiosk through the hub (kiosk hub ask / the console's
终端 page): carried by the heartbeat's answer from the real hub, carried out only once the home
screen has stood idle, and never again after a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from contract import models as m
from hub import fleet
from kiosk.app import Terminal
from kiosk.heartbeat import HeartbeatSender, LastError
from kiosk.remote import RESTART_EXIT_CODE, RemoteCommands
from ui import remote_obey
from ui.main_window import KioskWindow
from ui.remote_obey import RemoteObeyer


@pytest.fixture
def window(qtbot: QtBot, themed: Any, terminal: Terminal) -> KioskWindow:
    win = KioskWindow(terminal)
    qtbot.addWidget(win)
    win.resize(win.design_size)
    win.show()
    return win


def hear_the_hub(terminal: Terminal) -> HeartbeatSender:
    """One heartbeat from the terminal to its (embedded) hub, as its thread sends them."""
    sender = HeartbeatSender(
        terminal.client, terminal.devices.board, None, LastError(), terminal.remote
    )
    assert sender.send_once()
    return sender


def ask(terminal: Terminal, command: m.TerminalCommand) -> m.CommandRequest:
    assert terminal.local_hub is not None and terminal.remote is not None
    terminal_id = terminal.settings.terminal.id
    asked = fleet.ask(terminal.local_hub.context, terminal_id, command)  # type: ignore[attr-defined]
    assert asked is not None
    return asked


def obey(window: KioskWindow) -> RemoteObeyer:
    assert window.obeyer is not None
    return window.obeyer


def test_a_restart_waits_for_the_home_screen_to_stand_idle(
    window: KioskWindow, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(remote_obey.QApplication, "exit", lambda code=0: exits.append(code))
    asked = ask(terminal, m.TerminalCommand.RESTART)
    hear_the_hub(terminal)
    assert terminal.remote is not None and terminal.remote.pending() == asked

    window.open_journey("ticket")  # a citizen is here: nothing happens
    obey(window).idle_seconds = 0.0
    obey(window).check()
    assert exits == [] and terminal.remote.pending() == asked

    window.end_session("finish")  # home again, and idle long enough (idle_seconds = 0)
    obey(window).check()
    assert exits == [RESTART_EXIT_CODE]
    assert terminal.remote.pending() is None and terminal.remote.obeyed_id == asked.command_id

    # The restarted program knows it obeyed; its next heartbeat tells the hub, which stops asking.
    again = RemoteCommands(terminal.data_dir)
    assert again.obeyed_id == asked.command_id
    terminal.remote = again
    hear_the_hub(terminal)
    assert again.pending() is None
    status = next(
        v.status
        for v in fleet.fleet(terminal.local_hub.context)  # type: ignore[union-attr]
        if v.status.terminal_id == terminal.settings.terminal.id
    )
    assert status.command is None


def test_not_before_home_has_stood_idle_a_while(
    window: KioskWindow, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    exits: list[int] = []
    monkeypatch.setattr(remote_obey.QApplication, "exit", lambda code=0: exits.append(code))
    ask(terminal, m.TerminalCommand.RESTART)
    hear_the_hub(terminal)
    window.end_session("finish")  # home just now: a citizen may be about to tap
    obey(window).check()
    assert exits == []


def test_a_reload_fetches_the_catalog_again(
    window: KioskWindow, terminal: Terminal, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    assert terminal.cases is not None
    fetched: list[bool] = []
    refresh = terminal.cases.catalog.refresh
    monkeypatch.setattr(
        terminal.cases.catalog, "refresh", lambda: fetched.append(True) or refresh()
    )
    obey(window).idle_seconds = 0.0
    ask(terminal, m.TerminalCommand.RELOAD)
    hear_the_hub(terminal)
    obey(window).check()
    qtbot.waitUntil(lambda: fetched == [True], timeout=5000)
    assert window.isVisible()  # still running


def test_the_obeyed_id_survives_an_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "obeyed-command").write_text("not a number")
    remote = RemoteCommands(tmp_path)
    assert remote.obeyed_id is None
    request = m.CommandRequest(command_id=7, command=m.TerminalCommand.RELOAD)
    remote.asked(request)
    remote.done(request)
    assert RemoteCommands(tmp_path).obeyed_id == 7
    remote.asked(request)  # the hub has not heard yet: asked again, not done again
    assert remote.pending() is None
