"""求助 at the kiosk over a real hub on loopback: from home and mid-journey the header's button
tells the site's windows (the terminal and the screen, never the citizen) and says staff are
coming; once a window answers, the overlay and the voice name it; the journey and the session
stay as they were; the end of the session withdraws the call (not an idle timeout); a call
nobody answered expires and the next tap makes a new one; with the hub down the citizen is told
to ask in person, and a network lost while waiting changes nothing on screen; the button fits
every look."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.db import CounterRow
from ui import fit_check
from ui.help_call import HelpCaller, HelpState
from ui.main_window import KioskWindow

TERMINAL = "kiosk-hall-01"  # the hall fixture's kiosk (tests/ui/conftest.py)
CLOSED = m.HelpCallState.CLOSED
OPEN = m.HelpCallState.OPEN


def ask_for_help(qtbot: QtBot, window: KioskWindow, outcome: HelpState) -> None:
    helper = window.help
    assert helper is not None
    qtbot.mouseClick(helper.button, Qt.MouseButton.LeftButton)
    assert helper.overlay.isVisible()
    qtbot.waitUntil(lambda: helper.overlay.state is outcome, timeout=30000)


def quick(window: KioskWindow) -> HelpCaller:
    """The window's caller, reading its call every 0.2 s (the test does not wait 3 s a read)."""
    helper = window.help
    assert helper is not None
    helper.timer.setInterval(200)
    return helper


def window_name(hall: Any, code: str) -> str:
    with hall.hub.context.sessions() as session:
        row = session.get(CounterRow, code)
        assert row is not None
        return str(row.name)


def hub_state(hall: Any, call_id: int) -> m.HelpCallState:
    """The call's state as the windows see it (an expired open call is listed closed)."""
    for state in m.HelpCallState:
        if call_id in [c.id for c in hall.counter.help_calls(state)]:
            return state
    raise AssertionError(f"help call {call_id} not listed")


def test_help_from_home_reaches_the_windows_and_says_staff_are_coming(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    ask_for_help(qtbot, window, HelpState.CALLED)
    overlay = window.help.overlay  # type: ignore[union-attr]
    assert overlay.title.text() == "已通知工作人员"
    assert overlay.text.text() == "请在原地稍候，马上有人来帮您。"
    assert "已通知工作人员。请在原地稍候，马上有人来帮您。" in window.voice.spoken
    [call] = hall.counter.help_calls()
    assert (call.terminal_id, call.screen, call.site_code) == (TERMINAL, "home", "district")
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    assert window.stack.currentWidget() is window.home


def test_help_mid_journey_leaves_the_journey_and_the_session_alone(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    ended: list[str] = []
    window.session_ended.connect(ended.append)
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    session = window.session
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    assert call.screen == "ticket"
    qtbot.mouseClick(window.help.overlay.close_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert window.stack.currentWidget() is journey
    assert journey.currentWidget() is journey.choose_page
    assert window.session is session and not ended
    # A second tap while the first call is open: the same call, not a second one.
    ask_for_help(qtbot, window, HelpState.CALLED)
    assert [c.id for c in hall.counter.help_calls()] == [call.id]
    # The journey goes on: a ticket is still issued after asking for help.
    qtbot.mouseClick(window.help.overlay.close_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    qtbot.mouseClick(next(iter(journey.category_buttons.values())), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)


def test_hub_down_tells_the_citizen_to_ask_in_person(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    hall.hub.stop()
    ask_for_help(qtbot, window, HelpState.NOT_SENT)
    overlay = window.help.overlay  # type: ignore[union-attr]
    assert overlay.isVisible()
    assert overlay.title.text() == "暂时无法通知工作人员"
    assert "招手" in overlay.text.text() and "服务台" in overlay.text.text()
    assert "Traceback" not in overlay.text.text()
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is journey
    assert journey.currentWidget() is journey.choose_page


def test_the_button_is_large_in_elder_mode_and_english_in_english(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = window.help
    assert helper is not None
    normal = helper.button.height()
    assert helper.button.text() == "求助" and normal >= 80
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: helper.button.height() >= 100)
    assert helper.button.font().pixelSize() > 40
    assert fit_check.faults(window) == []  # the name, the clock and 求助 share the header
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    assert helper.button.text() == "Help"
    assert fit_check.faults(window) == []
    ask_for_help(qtbot, window, HelpState.CALLED)
    overlay = helper.overlay
    assert overlay.title.text() == "Staff have been told"
    assert fit_check.faults(window) == []


def test_landscape_header_holds_finish_and_help(qtbot: QtBot, themed: object, hall: Any) -> None:
    window = KioskWindow(hall.terminal, orientation="landscape")
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    helper = window.help
    assert helper is not None
    for button in (window.finish_button, helper.button):
        assert button.isVisible() and window.header.isAncestorOf(button)
    assert fit_check.faults(window) == []
    window.runner.wait()
    window.close()


def test_a_community_point_has_the_button_too(
    qtbot: QtBot, themed: object, community_terminal: Any
) -> None:
    window = KioskWindow(community_terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    ask_for_help(qtbot, window, HelpState.CALLED)
    window.runner.wait()
    window.close()


def test_a_window_answers_and_the_kiosk_says_which_window_is_coming(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    ask_for_help(qtbot, window, HelpState.CALLED)
    assert helper.timer.isActive()  # reading while the citizen waits
    [call] = hall.counter.help_calls()
    hall.counter.answer_help_call(call.id, "W01")  # a clerk taps 前往协助 at window 1
    qtbot.waitUntil(lambda: helper.overlay.state is HelpState.ANSWERED, timeout=10000)
    name = window_name(hall, "W01")
    overlay = helper.overlay
    assert overlay.title.text() == "工作人员已接到求助"
    assert overlay.text.text() == f"{name}的工作人员正在赶来，请稍候。"
    assert f"工作人员已接到求助。{name}的工作人员正在赶来，请稍候。" in window.voice.spoken
    assert not helper.timer.isActive()  # answered: nothing more to read
    assert fit_check.faults(window) == []
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.ticket
    # The session ends: the window is on its way, so the call stays answered.
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    window.runner.wait()
    assert hub_state(hall, call.id) is m.HelpCallState.ANSWERED


def test_closing_the_overlay_stops_reading(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    ask_for_help(qtbot, window, HelpState.CALLED)
    qtbot.mouseClick(helper.overlay.close_button, Qt.MouseButton.LeftButton)
    assert not helper.timer.isActive()
    [call] = hall.counter.help_calls()
    hall.counter.answer_help_call(call.id, "W01")
    qtbot.wait(600)  # three reads' time: none is made, nothing is said
    assert helper.call is not None and helper.call.state is OPEN
    assert not any("正在赶来" in said for said in window.voice.spoken)


def test_the_end_of_the_session_withdraws_the_call(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    qtbot.mouseClick(helper.overlay.close_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)  # 结束办理
    qtbot.waitUntil(lambda: hall.counter.help_calls() == [], timeout=10000)
    [closed] = hall.counter.help_calls(CLOSED)
    assert (closed.id, closed.closed_at) == (call.id, hall.clock())
    assert helper.call is None and not helper.timer.isActive()
    # The next citizen's tap is a call of their own.
    ask_for_help(qtbot, window, HelpState.CALLED)
    [again] = hall.counter.help_calls()
    assert again.id != call.id


def test_a_session_ending_while_the_overlay_is_up_puts_it_away(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    window.end_session("journey")
    assert not helper.overlay.isVisible() and not helper.timer.isActive()
    qtbot.waitUntil(lambda: hub_state(hall, call.id) is CLOSED, timeout=10000)


def test_a_session_ending_while_the_call_is_on_its_way_withdraws_it(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    qtbot.mouseClick(helper.button, Qt.MouseButton.LeftButton)
    assert helper.sending  # its answer comes through the event loop, which has not run yet
    window.end_session("journey")
    qtbot.waitUntil(lambda: not helper.sending, timeout=10000)
    window.runner.wait()
    [closed] = hall.counter.help_calls(CLOSED)
    assert hall.counter.help_calls() == []
    assert helper.call is None and not helper.overlay.isVisible()
    assert closed.terminal_id == TERMINAL


def test_an_idle_timeout_leaves_the_call_open(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    """Told to wait for staff, a citizen stands without touching the screen: the idle timeout
    ends the session (and wipes the screen) but staff still come."""
    window = hall_window
    helper = quick(window)
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    window.overlay.expired.emit()  # the "more time?" countdown ran out
    assert window.stack.currentWidget() is window.home
    assert not helper.overlay.isVisible() and not helper.timer.isActive()
    window.runner.wait()
    assert [c.id for c in hall.counter.help_calls()] == [call.id]


def test_a_call_nobody_answered_expires_and_the_next_tap_is_a_new_call(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    helper = quick(window)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    hall.clock.advance(minutes=15)  # the hub's time to answer (HubSettings.help_call_minutes)
    assert hall.counter.help_calls() == []  # no window sees it any more
    qtbot.waitUntil(lambda: helper.overlay.state is HelpState.ENDED, timeout=10000)
    overlay = helper.overlay
    assert overlay.title.text() == "暂时没有工作人员回应"
    assert "招手" in overlay.text.text()
    assert any(said.startswith("暂时没有工作人员回应。") for said in window.voice.spoken)
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [again] = hall.counter.help_calls()
    assert again.id != call.id and again.created_at == hall.clock()
    assert [c.id for c in hall.counter.help_calls(CLOSED)] == [call.id]


def test_a_network_lost_while_waiting_changes_nothing_and_reading_goes_on(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow, caplog: pytest.LogCaptureFixture
) -> None:
    window = hall_window
    helper = quick(window)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    overlay = helper.overlay
    words = (overlay.title.text(), overlay.text.text())
    spoken = len(window.voice.spoken)
    hub = hall.hub
    hub.port = int(hub.base_url.rsplit(":", 1)[1])  # back on the same port
    caplog.set_level(logging.INFO, logger="ui.help_call")
    hub.stop()

    def failed_reads() -> int:
        return sum("help call not read" in r.getMessage() for r in caplog.records)

    qtbot.waitUntil(lambda: failed_reads() >= 3, timeout=30000)
    assert (overlay.title.text(), overlay.text.text()) == words
    assert overlay.state is HelpState.CALLED and helper.timer.isActive()
    assert len(window.voice.spoken) == spoken
    assert "Traceback" not in overlay.text.text()
    hub.start()
    hall.counter.answer_help_call(call.id, "W01")
    qtbot.waitUntil(lambda: overlay.state is HelpState.ANSWERED, timeout=20000)
    assert window_name(hall, "W01") in overlay.text.text()


def test_in_english_the_window_coming_is_named_in_english(
    qtbot: QtBot, hall: Any, hall_window: KioskWindow
) -> None:
    window = hall_window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    helper = quick(window)
    ask_for_help(qtbot, window, HelpState.CALLED)
    [call] = hall.counter.help_calls()
    hall.counter.answer_help_call(call.id, "W01")
    qtbot.waitUntil(lambda: helper.overlay.state is HelpState.ANSWERED, timeout=10000)
    # The hall's windows have Chinese names only: in English, the window by its number.
    assert helper.overlay.text.text() == "Staff from window 1 are on their way. Please wait here."
    qtbot.mouseClick(helper.overlay.close_button, Qt.MouseButton.LeftButton)
    window.end_session("finish")
