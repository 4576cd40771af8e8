"""取号 end to end: real widgets, real HTTP to the hub on loopback, real ESC/POS bytes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from drivers.printer.render import render_escpos
from kiosk.app import Terminal
from ui.main_window import KioskWindow


def _window(qtbot: QtBot, terminal: Terminal) -> KioskWindow:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    return window


def _take(qtbot: QtBot, window: KioskWindow, category: str) -> None:
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    qtbot.mouseClick(journey.category_buttons[category], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=10000)


def test_take_a_ticket_end_to_end(qtbot: QtBot, themed: object, terminal: Terminal) -> None:
    window = _window(qtbot, terminal)
    journey = window.ticket
    first_code = next(iter(terminal.ticket_desk.categories())).code
    _take(qtbot, window, first_code)

    outcome = journey.flow.outcome
    assert outcome is not None and outcome.printed
    number = outcome.ticket.number
    assert journey.number_label.text() == number
    assert journey.qr.text_value == outcome.ticket.follow_url

    # The hub stored the ticket: asked back over HTTP, it is waiting in the queue.
    stored = terminal.client.get_ticket(outcome.ticket.ticket_id)
    assert stored.number == number
    assert stored.state.value == "issued"
    # The printed bytes, decoded back from GB18030 / ESC/POS, carry the number and the hall.
    assert outcome.paper_png is not None
    raw = outcome.paper_png.with_suffix(".bin").read_bytes()
    job = render_escpos(raw, terminal.printer.profile.paper)
    assert number in job.transcript
    assert terminal.settings.terminal.hall_name in job.transcript
    assert job.qr_payloads == [outcome.ticket.follow_url]
    # Where to wait (the hall's [ticket] settings), on paper and on screen; validity, hotline.
    place = terminal.settings.ticket.wait_at[first_code]
    assert f"请到 {place} 等候叫号" in job.transcript.splitlines()
    assert f"请到 {place} 等候叫号" in journey.waiting_label.text()
    assert "本号当日有效，过号请重新取号" in job.transcript and "咨询电话：12345" in job.transcript

    # The number was spoken too, with the reminder to take the ticket.
    assert any(number in said and "凭条" in said for said in window.voice.spoken)

    # Done returns home and wipes the ticket from the screen.
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.number_label.text() == ""
    assert journey.qr.text_value == ""


def test_numbers_follow_each_other(qtbot: QtBot, themed: object, terminal: Terminal) -> None:
    window = _window(qtbot, terminal)
    code = next(iter(terminal.ticket_desk.categories())).code
    numbers = []
    for _ in range(2):
        _take(qtbot, window, code)
        assert window.ticket.flow.outcome is not None
        numbers.append(window.ticket.flow.outcome.ticket.number)
        qtbot.mouseClick(window.ticket.done_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    first, second = numbers
    assert first[:-3] == second[:-3] and int(second[-3:]) == int(first[-3:]) + 1
