"""好差评 end to end: a ticket served at a counter of the real hub, rated from home with its
printed QR; a case rated after its journey; duplicates and unserved tickets refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from contract.payloads import ticket_code
from kiosk.api.errors import HubRejected
from kiosk.journeys.rating.flow import Subject
from ui.main_window import KioskWindow

DONE = m.FinishRequest(outcome=m.ServiceOutcome.DONE)

if TYPE_CHECKING:
    from conftest import Hall


def served_ticket(hall: Hall) -> m.TicketIssued:
    """A citizen took a number, was called, served and finished at a window."""
    ticket = hall.terminal.client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    counter = next(c for c in hall.counter.list_counters() if "general" in c.category_codes)
    called = hall.counter.call_next(counter.code)
    assert called.ticket_id == ticket.ticket_id
    hall.counter.ticket_action(counter.code, ticket.ticket_id, m.TicketAction.START)
    hall.counter.finish_ticket(counter.code, ticket.ticket_id, DONE)
    return ticket


def open_rating(qtbot: QtBot, window: KioskWindow, page: str) -> None:
    qtbot.mouseClick(window.home.tiles["rating"], Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, page)


def wait_page(qtbot: QtBot, window: KioskWindow, name: str) -> None:
    journey = window.rating
    target = getattr(journey, name)
    qtbot.waitUntil(lambda: journey.currentWidget() is target, timeout=20000)


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_rate_a_served_ticket_from_its_printed_qr(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    ticket = served_ticket(hall)
    hall.show_qr(ticket.follow_url)  # the QR printed on the ticket
    open_rating(qtbot, window, "rate_page")
    journey = window.rating
    assert ticket.number in journey.subject_label.text()

    # Nothing is chosen for the citizen, and nothing can be sent before they choose.
    assert journey.picker.checked_levels == []
    assert journey.flow.rating is None and journey.comment_field.text() == ""
    assert not journey.submit_button.isEnabled()
    assert not journey.picker.reasons_box.isVisible()

    click(qtbot, journey.picker.level_buttons[m.Rating.UNSATISFIED])
    assert journey.picker.reasons_box.isVisible()
    assert not journey.submit_button.isEnabled()  # a bad rating needs a reason
    click(qtbot, journey.picker.reason_buttons[m.BadReason.LONG_WAIT])
    assert journey.submit_button.isEnabled()
    qtbot.keyClicks(journey.comment_field, "waited 40 minutes")
    click(qtbot, journey.submit_button)
    wait_page(qtbot, window, "thanks_page")

    # The hub stored it for staff to follow up, with the counter but no rater data.
    bad = hall.counter.bad_ratings()
    assert len(bad) == 1
    stored = bad[0]
    assert stored.rating is m.Rating.UNSATISFIED
    assert stored.reasons == [m.BadReason.LONG_WAIT]
    assert stored.comment == "waited 40 minutes"
    assert stored.counter_code is not None

    click(qtbot, journey.thanks_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.flow.rating is None and journey.picker.checked_levels == []


def test_a_second_rating_of_the_same_service_is_refused(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    ticket = served_ticket(hall)
    hall.terminal.client.evaluate(
        m.EvaluationCreate(
            subject_type=m.SubjectType.TICKET, subject_id=ticket.ticket_id, rating=m.Rating.BASIC
        )
    )
    hall.show_qr(ticket_code(ticket.ticket_id.upper()))  # the YM1:T form of the same ticket
    open_rating(qtbot, hall_window, "rate_page")
    journey = hall_window.rating
    click(qtbot, journey.picker.level_buttons[m.Rating.VERY_SATISFIED])
    click(qtbot, journey.submit_button)
    wait_page(qtbot, hall_window, "refused_page")
    assert "已评价过" in journey.refusal_title.text()


def test_an_unserved_ticket_cannot_be_rated_yet(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    ticket = hall.terminal.client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    hall.show_qr(ticket.follow_url)
    open_rating(qtbot, hall_window, "refused_page")
    assert "服务尚未结束" in hall_window.rating.refusal_title.text()


def test_a_case_is_rated_after_its_journey(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from test_progress import submit_case

    receipt = submit_case(hall)
    window = hall_window
    window.open_rating(Subject(m.SubjectType.CASE, receipt.case_id, receipt.case_number))
    wait_page(qtbot, window, "rate_page")
    journey = window.rating
    assert receipt.case_number in journey.subject_label.text()
    assert journey.picker.checked_levels == [] and not journey.submit_button.isEnabled()
    click(qtbot, journey.picker.level_buttons[m.Rating.VERY_SATISFIED])
    assert not journey.picker.reasons_box.isVisible()
    click(qtbot, journey.submit_button)
    wait_page(qtbot, window, "thanks_page")
    # Stored: the hub now refuses a second rating of this case.
    with pytest.raises(HubRejected) as refused:
        hall.terminal.client.evaluate(
            m.EvaluationCreate(
                subject_type=m.SubjectType.CASE, subject_id=receipt.case_id, rating=m.Rating.BASIC
            )
        )
    assert refused.value.code == m.ProblemCode.ALREADY_EVALUATED


def test_a_qr_that_names_no_service(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    hall.show_qr("YM1:C:YM20260302000001:0")
    open_rating(qtbot, hall_window, "refused_page")
    assert "无法识别" in hall_window.rating.refusal_title.text()


def test_rating_in_english_and_stretched(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from PySide6.QtCore import QCoreApplication
    from test_checkin import unclipped, untranslated

    from ui.stretch import StretchTranslator

    window = hall_window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    hall.show_qr(served_ticket(hall).follow_url)
    open_rating(qtbot, window, "rate_page")
    journey = window.rating
    click(qtbot, journey.picker.level_buttons[m.Rating.VERY_UNSATISFIED])
    assert not untranslated(window)
    click(qtbot, journey.picker.reason_buttons[m.BadReason.OTHER])
    click(qtbot, journey.submit_button)
    wait_page(qtbot, window, "thanks_page")
    assert not untranslated(window)
    window.end_session("finish")

    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window._build_screens()
        hall.show_qr(served_ticket(hall).follow_url)
        open_rating(qtbot, window, "rate_page")
        click(qtbot, window.rating.picker.level_buttons[m.Rating.UNSATISFIED])
        unclipped(window, "rating with reasons")
    finally:
        app.removeTranslator(stretch)
