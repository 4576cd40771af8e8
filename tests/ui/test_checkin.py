"""预约签到 end to end: appointments booked at the real hub, the QR shown to the (simulated)
camera or the card placed on the (simulated) reader, the ticket printed as ESC/POS bytes."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from contract.payloads import appointment_code
from drivers.idcard.samples import sample_resident
from drivers.printer.render import render_escpos
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

CARD = sample_resident()  # 张示例, 11010519491231002X (fictional)


def today(hall: Hall) -> date:
    return hall.clock().astimezone(ZoneInfo("Asia/Shanghai")).date()


def book(hall: Hall, day: date, id_number: str = CARD.id_number or "") -> m.Appointment:
    request = m.AppointmentBook(
        category_code="general", id_number=id_number, slot_date=day, slot_start="10:00"
    )
    return hall.terminal.client.book_appointment(request)


def open_checkin(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.tiles["checkin"], Qt.MouseButton.LeftButton)
    journey = window.checkin
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.wait_page, timeout=5000)


def wait_for(qtbot: QtBot, window: KioskWindow, page: str) -> None:
    journey = window.checkin
    target = getattr(journey, page)
    qtbot.waitUntil(lambda: journey.currentWidget() is target, timeout=20000)


def test_scan_the_appointment_qr_and_get_a_priority_ticket(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    booked = book(hall, today(hall))
    hall.show_qr(appointment_code(booked.code))
    open_checkin(qtbot, window)
    wait_for(qtbot, window, "ticket_page")

    journey = window.checkin
    outcome = journey.flow.outcome
    assert outcome is not None and outcome.printed
    ticket = outcome.ticket
    assert journey.number_label.text() == ticket.number
    assert any(ticket.number in said for said in window.voice.spoken)  # spoken too
    # The hub checked the appointment in and issued an appointment-priority ticket for it.
    stored = hall.terminal.client.get_appointment(booked.code)
    assert stored.state is m.AppointmentState.CHECKED_IN
    assert stored.ticket_id == ticket.ticket_id
    view = hall.terminal.client.get_ticket(ticket.ticket_id)
    assert view.priority is m.Priority.APPOINTMENT and view.state is m.TicketState.ISSUED
    # What printed says the same number, decoded back from the ESC/POS bytes.
    assert outcome.paper_png is not None
    job = render_escpos(
        outcome.paper_png.with_suffix(".bin").read_bytes(), hall.terminal.printer.profile.paper
    )
    assert ticket.number in job.transcript
    assert job.qr_payloads == [ticket.follow_url]
    # Rating is offered as a hint, with nothing chosen; done returns home and wipes.
    assert "好差评" in journey.rating_hint.text()
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.number_label.text() == "" and journey.flow.outcome is None


def test_the_id_card_checks_in_and_is_shown_masked(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    booked = book(hall, today(hall))
    open_checkin(qtbot, window)
    hall.place_card(CARD)
    wait_for(qtbot, window, "ticket_page")
    journey = window.checkin
    assert journey.greeting_label.text().startswith("张*例")
    assert "张示例" not in journey.greeting_label.text()
    assert window.session.identity is not None  # the card is the session's, until it ends
    stored = hall.terminal.client.get_appointment(booked.code)
    assert stored.state is m.AppointmentState.CHECKED_IN
    hall.remove_card()
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert window.session.identity is None
    assert journey.greeting_label.text() == ""


def refusal_after_scan(qtbot: QtBot, hall: Hall, window: KioskWindow, text: str) -> str:
    hall.show_qr(text)
    open_checkin(qtbot, window)
    wait_for(qtbot, window, "refused_page")
    return window.checkin.refusal_title.text() + " " + window.checkin.refusal_label.text()


def test_no_appointment_for_the_card(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    window = hall_window
    window.home.elder_button.click()
    open_checkin(qtbot, window)
    hall.place_card(CARD)
    wait_for(qtbot, window, "refused_page")
    assert "没有查到您今天的预约" in window.checkin.refusal_title.text()
    hall.remove_card()
    # The way on is offered as a button, not described: 取号 opens for the same citizen.
    assert window.checkin.ticket_button.isVisible()
    qtbot.mouseClick(window.checkin.ticket_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.ticket, timeout=10000)
    assert window.session.elder_mode  # the look they chose stays
    assert window.checkin.flow.refusal is None  # check-in's session ended: nothing kept
    window.end_session("finish")


def test_an_appointment_for_another_day(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    later = today(hall) + timedelta(days=1)  # the fixed clock is a Monday: Tuesday works
    booked = book(hall, later)
    text = refusal_after_scan(qtbot, hall, hall_window, appointment_code(booked.code))
    assert "不是今天" in text and later.isoformat() in text
    stored = hall.terminal.client.get_appointment(booked.code)
    assert stored.state is m.AppointmentState.BOOKED  # nothing changed at the hub


def test_a_missed_appointment_has_expired(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    booked = book(hall, today(hall))
    hall.clock.advance(days=1)
    text = refusal_after_scan(qtbot, hall, hall_window, appointment_code(booked.code))
    assert "预约已过期" in text and booked.slot_date.isoformat() in text


def test_checking_in_twice_is_refused(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    booked = book(hall, today(hall))
    first = hall.terminal.client.check_in(m.CheckIn(code=booked.code))
    text = refusal_after_scan(qtbot, hall, hall_window, appointment_code(booked.code))
    assert "该预约已签到" in text
    assert hall_window.checkin.refused_number.text() == first.number  # as by card
    assert hall.terminal.client.get_appointment(booked.code).ticket_id == first.ticket_id


def test_the_card_twice_shows_already_checked_in_with_the_number(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    journey = window.checkin
    booked = book(hall, today(hall))
    open_checkin(qtbot, window)
    hall.place_card(CARD)
    wait_for(qtbot, window, "ticket_page")
    assert journey.flow.outcome is not None
    first = journey.flow.outcome.ticket
    hall.remove_card()
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

    # The same citizen swipes again: told they are checked in, with the number they got.
    open_checkin(qtbot, window)
    assert not journey.refused_number.isVisible()
    hall.place_card(CARD)
    wait_for(qtbot, window, "refused_page")
    assert journey.refusal_title.text() == "该预约已签到"
    assert "没有查到" not in journey.refusal_label.text()
    assert journey.refused_number.isVisible() and journey.refused_number.text() == first.number
    assert not journey.ticket_button.isVisible()  # waiting for their number: no new ticket
    assert any(first.number in said for said in window.voice.spoken)
    # No second ticket: the appointment still points at the first one.
    assert hall.terminal.client.get_appointment(booked.code).ticket_id == first.ticket_id
    hall.remove_card()
    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert journey.refused_number.text() == "" and journey.flow.refusal is None


def test_the_card_after_being_served_says_so(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    book(hall, today(hall))
    first = hall.terminal.client.check_in(m.CheckIn(id_number=CARD.id_number))
    counter = next(c for c in hall.counter.list_counters() if "general" in c.category_codes)
    assert hall.counter.call_next(counter.code).ticket_id == first.ticket_id
    hall.counter.ticket_action(counter.code, first.ticket_id, m.TicketAction.START)
    done = m.FinishRequest(outcome=m.ServiceOutcome.DONE)
    hall.counter.finish_ticket(counter.code, first.ticket_id, done)
    open_checkin(qtbot, hall_window)
    hall.place_card(CARD)
    wait_for(qtbot, hall_window, "refused_page")
    journey = hall_window.checkin
    assert journey.refused_number.text() == first.number
    assert (
        "已办理" in journey.refusal_label.text() and "留意叫号" not in journey.refusal_label.text()
    )
    assert journey.ticket_button.isVisible()  # served already: a new visit takes a ticket
    hall.remove_card()


def test_an_expired_identity_code(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    code = hall.hub.issue_identity_code("张示例", CARD.id_number or "", ttl_seconds=30)
    hall.clock.advance(minutes=5)
    text = refusal_after_scan(qtbot, hall, hall_window, code)
    assert "二维码已过期" in text


def test_an_identity_code_checks_in_by_its_holder(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    booked = book(hall, today(hall))
    hall.show_qr(hall.hub.issue_identity_code("张示例", CARD.id_number or ""))
    open_checkin(qtbot, hall_window)
    wait_for(qtbot, hall_window, "ticket_page")
    assert hall_window.checkin.greeting_label.text().startswith("张*例")
    stored = hall.terminal.client.get_appointment(booked.code)
    assert stored.state is m.AppointmentState.CHECKED_IN


@pytest.mark.parametrize(
    "text", ["hello", appointment_code("ABCDEFGH")[:-1] + "0", "YM1:C:YM20260302000001:0"]
)
def test_codes_that_are_not_appointments(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow, text: str
) -> None:
    answer = refusal_after_scan(qtbot, hall, hall_window, text)
    assert "无法识别该二维码" in answer
    qtbot.mouseClick(hall_window.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hall_window.stack.currentWidget() is hall_window.home, timeout=5000)


def untranslated(window: KioskWindow, data: tuple[str, ...] = ()) -> list[str]:
    """Visible texts with Chinese left once the citizen's own data (a name) is taken out."""
    from test_shell import CJK, visible_texts

    found = []
    for widget, text in visible_texts(window):
        if widget.objectName() == "LanguageToggle":
            continue
        for value in data:
            text = text.replace(value, "")
        if CJK.search(text):
            found.append(text)
    return found


def test_check_in_in_english(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    window = hall_window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    assert not untranslated(window)
    book(hall, today(hall))
    open_checkin(qtbot, window)
    assert not untranslated(window)
    hall.place_card(CARD)
    wait_for(qtbot, window, "ticket_page")
    assert window.checkin.category_label.text() == "General services"
    assert not untranslated(window, ("张*例",))
    hall.remove_card()
    window.end_session("finish")
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    hall.show_qr("hello")
    open_checkin(qtbot, window)
    wait_for(qtbot, window, "refused_page")
    assert not untranslated(window)
    window.end_session("finish")


def test_already_checked_in_in_english_and_stretched(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.stretch import StretchTranslator

    window = hall_window
    book(hall, today(hall))
    first = hall.terminal.client.check_in(m.CheckIn(id_number=CARD.id_number))
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    open_checkin(qtbot, window)
    hall.place_card(CARD)
    wait_for(qtbot, window, "refused_page")
    assert window.checkin.refused_number.text() == first.number
    assert "number is below" in window.checkin.refusal_label.text()
    assert not untranslated(window)
    hall.remove_card()
    window.end_session("finish")
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)

    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window._build_screens()
        open_checkin(qtbot, window)
        hall.place_card(CARD)
        wait_for(qtbot, window, "refused_page")
        unclipped(window, "already checked in")
        hall.remove_card()
    finally:
        app.removeTranslator(stretch)


def unclipped(window: KioskWindow, screen: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel
    from test_shell import visible_texts

    QCoreApplication.processEvents()
    for widget, text in visible_texts(window):
        if isinstance(widget, QLabel) and widget.wordWrap():
            needed = widget.heightForWidth(widget.width())
            assert widget.height() >= needed, f"{screen}: {text!r} clipped"
        else:
            assert widget.width() >= widget.sizeHint().width(), f"{screen}: {text!r} clipped"
        # Inside a scrolling page, nothing may stick out of the window's right edge either.
        right = widget.mapTo(window, widget.rect().topRight()).x()
        assert right <= window.width(), f"{screen}: {text!r} runs off the screen"


def test_check_in_stretched(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.stretch import StretchTranslator

    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window = hall_window
        window._build_screens()
        book(hall, today(hall))
        open_checkin(qtbot, window)
        unclipped(window, "check-in waiting")
        hall.place_card(CARD)
        wait_for(qtbot, window, "ticket_page")
        unclipped(window, "check-in ticket")
        hall.remove_card()
        window.end_session("finish")
        hall.show_qr("hello")
        open_checkin(qtbot, window)
        wait_for(qtbot, window, "refused_page")
        unclipped(window, "check-in refused")
    finally:
        app.removeTranslator(stretch)


def test_tiles_follow_the_camera_and_the_reader(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from drivers.health import DeviceHealth, HealthState

    board = hall.terminal.devices.board
    tiles = hall_window.home.tiles

    def shows(key: str, enabled: bool, notice: str) -> bool:
        tile = tiles[key]
        if not notice:
            return tile.isEnabled() == enabled and not tile.notice.isVisible()
        return tile.isEnabled() == enabled and notice in tile.notice.text()

    board.report(DeviceHealth("camera", HealthState.DOWN, "open_failed"))
    qtbot.waitUntil(lambda: shows("rating", False, "扫码摄像头暂不可用"), timeout=5000)
    assert shows("checkin", True, "请刷身份证签到")  # the card still works
    assert shows("progress", True, "请手动输入查询")  # typing still works

    board.report(DeviceHealth("idcard", HealthState.DOWN, "unplugged"))
    qtbot.waitUntil(lambda: shows("checkin", False, "请到服务台办理"), timeout=5000)

    board.report(DeviceHealth("camera", HealthState.OK))
    qtbot.waitUntil(lambda: shows("rating", True, ""), timeout=5000)
    assert shows("checkin", True, "请扫描预约二维码签到")

    board.report(DeviceHealth("idcard", HealthState.OK))
    qtbot.waitUntil(lambda: shows("checkin", True, ""), timeout=5000)
    assert shows("progress", True, "")


def test_retry_waits_for_something_new(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    """The refused code still in view is not answered again: retry waits for a new code or
    the card, which then checks in."""
    window = hall_window
    book(hall, today(hall))
    refusal_after_scan(qtbot, hall, window, "hello")
    qtbot.mouseClick(window.checkin.retry_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, window, "wait_page")
    hall.place_card(CARD)
    wait_for(qtbot, window, "ticket_page")
    hall.remove_card()
