"""The placement pictures (where the card, the phone's code, the slip, the paper goes): they move
while their page is on screen, cost nothing once it is not, follow the look, and stand where the
citizen has to act."""

from __future__ import annotations

import case_driver as d
import pytest
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui import fit_check
from ui.main_window import KioskWindow
from ui.theme import apply_theme
from ui.widgets.placement import Placement, PlacementAnimation

WAIT = 20000


def shown_on(qtbot: QtBot, page: QWidget) -> tuple[list[Placement], list[Placement]]:
    """The kinds of picture on ``page`` that the citizen sees, and those of them that move."""
    pictures = [p for p in page.findChildren(PlacementAnimation) if p.isVisible()]
    qtbot.waitUntil(lambda: all(p.frame >= 2 for p in pictures), timeout=5000)
    return [p.kind for p in pictures], [p.kind for p in pictures if p.running]


@pytest.mark.parametrize("kind", list(Placement))
def test_it_moves_while_shown_and_stops_when_its_page_goes(
    qtbot: QtBot, themed: QApplication, kind: Placement
) -> None:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    picture = PlacementAnimation(kind)
    other = QWidget()
    stack.addWidget(picture)
    stack.addWidget(other)
    stack.resize(picture.sizeHint())
    assert not picture.running  # built, not yet on screen
    stack.show()
    first = picture.grab().toImage()
    qtbot.waitUntil(lambda: picture.frame >= 8, timeout=5000)
    assert picture.grab().toImage() != first  # the object has moved on
    stack.setCurrentWidget(other)  # another page of the journey
    assert not picture.running  # no frame drawn for a page nobody sees
    stack.setCurrentWidget(picture)
    assert picture.running and picture.frame == 0  # from the start again
    stack.hide()
    assert not picture.running


def test_it_follows_the_look(qtbot: QtBot, themed: QApplication) -> None:
    """Larger and in the elder look's darker blue in 长者模式, from the theme."""
    holder = QWidget()
    qtbot.addWidget(holder)
    picture = PlacementAnimation(Placement.CARD, holder)
    holder.show()
    standard, ink = picture.sizeHint(), picture.ink.name()
    try:
        apply_theme(themed, elder=True)
        QApplication.processEvents()
        assert picture.sizeHint().height() > standard.height() * 1.15
        assert picture.ink.name() != ink
    finally:
        apply_theme(themed)
    assert picture.sizeHint() == standard and picture.ink.name() == ink
    assert picture.accessibleName() and picture.toolTip() == picture.accessibleName()


def test_case_identify_shows_the_card_and_the_phone_until_the_citizen_types(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    d.begin(citizen, "生育", d.BIRTH)  # 生育登记 allows typing
    page = citizen.journey.identify_page
    assert page.qr_button.isVisible()  # the hall's camera reads identity codes
    assert shown_on(qtbot, page) == ([Placement.CARD, Placement.QR],) * 2
    citizen.tap(page.manual_button)
    assert shown_on(qtbot, page) == ([], [])
    assert not page.card_picture.running and not page.qr_picture.running
    citizen.window.end_session("finish")


def test_the_capture_panel_shows_the_paper_while_it_is_open(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    d.begin(citizen, "生育", d.BIRTH)
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    materials = citizen.journey.materials_page
    assert shown_on(qtbot, materials) == ([], [])  # the list of materials: nothing to place yet
    citizen.tap(materials.capture_buttons["id_card"])
    assert shown_on(qtbot, materials) == ([Placement.PAPER],) * 2
    citizen.tap(materials.shoot)
    qtbot.waitUntil(lambda: materials.done.isEnabled(), timeout=WAIT)
    citizen.tap(materials.done)
    qtbot.waitUntil(lambda: not materials.panel.isVisible(), timeout=WAIT)
    assert not materials.paper_picture.running
    citizen.window.end_session("finish")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_ticket_checkin_progress_and_rating_show_what_to_place(
    qtbot: QtBot, themed: object, terminal: Terminal, orientation: str
) -> None:
    """The real-name ticket, check-in and rating pages show a moving picture for each way in
    (their static symbols are gone), progress the receipt's code; each stops once the journey
    leaves its page, and the pages still fit the screen."""
    window = KioskWindow(terminal, orientation=orientation)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    terminal.devices.show_to_camera(None)  # nothing held up: the pages wait for the citizen
    checkin, rating = window.checkin, window.rating
    window.open_journey("checkin")
    qtbot.waitUntil(lambda: checkin.currentWidget() is checkin.wait_page, timeout=WAIT)
    assert shown_on(qtbot, checkin.wait_page) == ([Placement.QR, Placement.CARD],) * 2
    window.end_session("finish")
    assert not any(p.running for p in checkin.findChildren(PlacementAnimation))
    window.open_journey("rating")
    qtbot.waitUntil(lambda: rating.currentWidget() is rating.scan_page, timeout=WAIT)
    assert shown_on(qtbot, rating.scan_page) == ([Placement.SLIP, Placement.SLIP],) * 2
    # Side by side in landscape: both slips and the note under them on screen.
    qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
    window.end_session("finish")
    progress = window.progress
    window.open_journey("progress")
    qtbot.waitUntil(lambda: progress.currentWidget() is progress.collect_page, timeout=WAIT)
    assert shown_on(qtbot, progress.collect_page) == ([Placement.SLIP],) * 2
    qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
    window.end_session("finish")
    ticket_identify = window.ticket.identify_page
    kinds = {p.kind for p in ticket_identify.findChildren(PlacementAnimation)}
    assert kinds == {Placement.CARD, Placement.QR}


def test_its_words_follow_the_language(qtbot: QtBot, themed: object, terminal: Terminal) -> None:
    """What a screen reader says for the picture (and its tooltip) is in English in English."""
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.show()
    window.home.language_button.click()
    pictures = window.checkin.findChildren(PlacementAnimation)
    assert {p.accessibleName() for p in pictures} == {
        "Hold the QR code on your phone up to the scanner window",
        "Lay your ID card or social security card flat on the reader",
    }
