"""A card left on the reader when a citizen walks away: home asks for it to be taken, and the
next citizen's journey does not use it (it would check in, or take a real-name ticket, in the
last citizen's name)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import case_driver as d
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_checkin import book, open_checkin, today, wait_for

from drivers.idcard import CardRead
from drivers.idcard.samples import sample_resident
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

FIRST = sample_resident()
SECOND = dataclasses.replace(FIRST, name="李示例", id_number="360426199101010071")


def test_the_last_citizens_card_is_not_the_next_ones(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    journey = window.checkin
    book(hall, today(hall), FIRST.id_number or "")
    second_booking = book(hall, today(hall), SECOND.id_number or "")
    open_checkin(qtbot, window)
    hall.place_card(FIRST)
    wait_for(qtbot, window, "ticket_page")
    first_number = journey.number_label.text()
    # The first citizen walks off with the ticket and leaves the card on the reader.
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    qtbot.waitUntil(window.home.card_notice.isVisible, timeout=5000)
    assert "请取走您的卡片。" in window.voice.spoken
    alert = window.left_card_alert  # the whole window, for whoever is still near
    assert alert.isVisible() and alert.title.text() == "请取走您的卡片"
    assert alert.geometry() == window.rect()
    qtbot.mouseClick(alert.dismiss_button, Qt.MouseButton.LeftButton)  # the next citizen
    assert not alert.isVisible() and window.home.card_notice.isVisible()

    # The next citizen opens 预约签到: the card there is ignored, not checked in again.
    with qtbot.waitSignal(journey.inputs.left_card_ignored, timeout=20000):
        open_checkin(qtbot, window)
    assert journey.currentWidget() is journey.wait_page
    assert journey.flow.outcome is None and window.session.identity is None

    hall.remove_card()
    qtbot.waitUntil(lambda: not window.terminal.devices.card_guard.blocked, timeout=5000)
    hall.place_card(SECOND)
    wait_for(qtbot, window, "ticket_page")
    assert journey.number_label.text() != first_number
    checked_in = hall.terminal.client.get_appointment(second_booking.code)
    assert checked_in.ticket_id is not None
    hall.remove_card()
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert not window.home.card_notice.isVisible()


def test_a_card_taken_before_the_end_leaves_nothing_behind(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    book(hall, today(hall), FIRST.id_number or "")
    open_checkin(qtbot, window)
    with qtbot.waitSignal(window.checkin.inputs.card_read, timeout=20000):
        hall.place_card(FIRST)
    wait_for(qtbot, window, "ticket_page")
    hall.remove_card()
    window.end_session("finish")
    assert not window.terminal.devices.card_guard.blocked
    assert not window.home.card_notice.isVisible()
    assert not isinstance(window.terminal.devices.id_monitor.card_events.state, CardRead)


def test_the_case_journey_does_not_take_a_card_left_behind(qtbot: QtBot, terminal: Any) -> None:
    citizen = d.open(qtbot, terminal)
    window, journey = citizen.window, citizen.journey
    d.card(terminal)
    monitor = terminal.devices.id_monitor
    qtbot.waitUntil(lambda: isinstance(monitor.card_events.state, CardRead), timeout=20000)
    window.end_session("idle")  # the citizen walked off; the card stayed
    assert window.home.card_notice.isVisible()
    qtbot.waitUntil(window.left_card_alert.isVisible, timeout=5000)
    qtbot.mouseClick(window.left_card_alert.dismiss_button, Qt.MouseButton.LeftButton)

    d.begin(citizen, "居住", d.RESIDENCE)
    page = journey.identify_page
    qtbot.waitUntil(lambda: "上一位" in page.status.text(), timeout=20000)
    assert journey.draft is None or journey.draft.applicant is None
    d.take_card_away(qtbot, terminal)
    qtbot.waitUntil(lambda: not window.home.card_notice.isVisible(), timeout=5000)
    d.card(terminal)
    citizen.at("form")


def test_the_alert_goes_when_the_card_is_taken_and_repeats_twice_meanwhile(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    book(hall, today(hall), FIRST.id_number or "")
    open_checkin(qtbot, window)
    hall.place_card(FIRST)
    wait_for(qtbot, window, "ticket_page")
    alert = window.left_card_alert
    alert.repeat_timer.setInterval(50)  # 15 s in the hall
    window.end_session("finish")
    qtbot.waitUntil(alert.isVisible, timeout=5000)
    said = len(window.voice.spoken)
    qtbot.wait(400)  # many intervals: two repeats, then quiet
    assert window.voice.spoken[said:] == ["请取走您的卡片。"] * 2
    hall.remove_card()
    qtbot.waitUntil(lambda: not alert.isVisible(), timeout=5000)  # by itself
    assert not window.home.card_notice.isVisible()
