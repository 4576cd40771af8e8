"""求助 at the kiosk over a real hub on loopback: from home and mid-journey the header's button
tells the site's windows (the terminal and the screen, never the citizen) and says staff are
coming; the journey and the session stay as they were; with the hub down the citizen is told
to ask in person; the button fits every look."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui import fit_check
from ui.help_call import HelpState
from ui.main_window import KioskWindow

TERMINAL = "kiosk-hall-01"  # the hall fixture's kiosk (tests/ui/conftest.py)


def ask_for_help(qtbot: QtBot, window: KioskWindow, outcome: HelpState) -> None:
    helper = window.help
    assert helper is not None
    qtbot.mouseClick(helper.button, Qt.MouseButton.LeftButton)
    assert helper.overlay.isVisible()
    qtbot.waitUntil(lambda: helper.overlay.state is outcome, timeout=30000)


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
