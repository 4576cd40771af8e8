"""求助 at the window terminal, over a real hub on loopback: a kiosk's call appears over the
desk (and the workbench) by the strip's own poll, 前往协助 answers it for this window, a window
that comes second is told who went, and nothing is followed once the clerk signs out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.auth import register_terminal
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.counter.desk import CounterDesk
from ui import fit_check
from ui.counter.window import CounterWindow

PIN = "246810"  # the sample clerks' (config/catalog/staff.toml)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as hub:
        yield hub


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    registration = m.TerminalRegistration(terminal_id="K07", description="东门自助区")
    with HubClient(hub.base_url, token=register_terminal(hub.context, registration).token) as c:
        yield c


@pytest.fixture
def window(qtbot: QtBot, hub: EmbeddedHub) -> Iterator[CounterWindow]:
    token = hub.register_terminal("WIN-02", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token, retries=0) as client:
        desk = CounterWindow(CounterDesk(client, "W02"), "示例区政务服务中心")
        qtbot.addWidget(desk)
        desk.resize(1366, 768)
        desk.show()
        desk.start()
        desk.help_calls.timer.setInterval(200)  # the strip's poll, quick for the test
        page = desk.sign_in_page
        page.staff_no.setText("S002")
        page.pin.setText(PIN)
        qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: desk.pages.currentWidget() is desk.desk_page, timeout=10000)
        yield desk
        desk.refresh_timer.stop()
        desk.help_calls.stop()
        desk.runner.wait()


def test_a_call_appears_by_poll_and_go_to_help_answers_it(
    qtbot: QtBot, window: CounterWindow, kiosk: HubClient
) -> None:
    bar = window.help_calls
    assert not bar.isVisible()  # nobody needs help: the strip takes no room
    call = kiosk.call_for_help(m.HelpCallCreate(screen="case"))
    qtbot.waitUntil(lambda: call.id in bar.answer_buttons, timeout=10000)  # no refresh asked
    assert bar.isVisible()
    texts = [label.text() for label in bar.findChildren(type(bar.title)) if label.isVisible()]
    row = next(text for text in texts if "K07" in text)
    assert "东门自助区" in row and "自助办事" in row
    assert bar.title.text() == "群众求助（1）"
    assert fit_check.faults(window) == []
    window.open_workbench()  # the strip stays over the workbench too
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.workbench)
    assert bar.isVisible()
    qtbot.mouseClick(bar.answer_buttons[call.id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not bar.calls, timeout=10000)
    assert "本窗口前往协助" in bar.message.text()
    assert kiosk.call_for_help(m.HelpCallCreate()).id != call.id  # answered: a new call next


def test_a_window_second_to_answer_is_told_who_went(
    qtbot: QtBot, window: CounterWindow, kiosk: HubClient, hub: EmbeddedHub
) -> None:
    bar = window.help_calls
    call = kiosk.call_for_help(m.HelpCallCreate())
    qtbot.waitUntil(lambda: call.id in bar.answer_buttons, timeout=10000)
    bar.timer.stop()  # the other window answers between two polls
    token = hub.register_terminal("WIN-01", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as other:
        other.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        other.answer_help_call(call.id, "W01")
    qtbot.mouseClick(bar.answer_buttons[call.id], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已前往协助" in bar.message.text(), timeout=10000)
    assert "1号窗口" in bar.message.text()
    qtbot.waitUntil(lambda: not bar.calls, timeout=10000)
    assert not bar.answer_buttons


def test_signing_out_stops_following_the_calls(
    qtbot: QtBot, window: CounterWindow, kiosk: HubClient
) -> None:
    bar = window.help_calls
    call = kiosk.call_for_help(m.HelpCallCreate())
    qtbot.waitUntil(lambda: call.id in bar.answer_buttons, timeout=10000)
    qtbot.mouseClick(window.sign_out_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sign_in_page, timeout=10000)
    assert not bar.isVisible() and not bar.timer.isActive()


def test_a_long_registered_place_wraps_and_keeps_the_window_its_size(
    qtbot: QtBot, window: CounterWindow, hub: EmbeddedHub
) -> None:
    place = "东门自助区靠近咨询台的第三台自助终端，" * 10  # 200 characters, the contract's most
    registration = m.TerminalRegistration(terminal_id="K08", description=place[:200])
    token = register_terminal(hub.context, registration).token
    with HubClient(hub.base_url, token=token) as far_kiosk:
        call = far_kiosk.call_for_help(m.HelpCallCreate())
    bar = window.help_calls
    qtbot.waitUntil(lambda: call.id in bar.answer_buttons, timeout=10000)
    assert window.minimumSizeHint().width() <= 1366
    assert window.width() == 1366
    assert bar.answer_buttons[call.id].isVisible()
