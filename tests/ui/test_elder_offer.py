"""Elder mode offered by age: the card of a citizen of 65 or more brings a 大字模式 button and a
spoken word; a tap makes the screens large where the citizen is, nothing they typed is lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import case_driver as d
import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from contract.idnumber import check_character
from drivers.idcard.samples import sample_foreign_pr_2023
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui import fit_check


def smallest_text(journey: QWidget) -> int:
    """The smallest type of any text on the journey's screen, in pixels."""
    return min(
        widget.fontInfo().pixelSize()
        for widget in journey.findChildren(QWidget)
        if widget.isVisibleTo(journey)
        and isinstance(widget, QLabel | QAbstractButton)
        and widget.text()
    )


def test_an_elderly_citizen_is_offered_large_type_and_keeps_their_answers(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.waitUntil(lambda: window.voice.available, timeout=d.WAIT)
    offer = window.elder_offer.button
    d.begin(citizen, "生育", d.BIRTH)
    assert not offer.isVisible()  # nobody identified yet
    d.card(terminal)  # the sample card's holder was born in 1949
    citizen.at("form")
    qtbot.waitUntil(offer.isVisible, timeout=d.WAIT)
    assert any("大字模式" in said for said in window.voice.spoken)
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    assert smallest_text(citizen.journey) < 42  # standard type so far

    citizen.tap(offer)
    assert window.session.elder_mode
    assert not offer.isVisible()
    assert citizen.log[-1] == "form"  # still where they were, with what they typed
    assert citizen.field("expected_date").edit.text() == "2027年03月15日"
    assert smallest_text(citizen.journey) >= 42  # elder type, on the screen already shown
    qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()  # the form goes on, in large type

    window.end_session("finish")
    assert not window.session.elder_mode  # the next citizen starts in the standard look
    assert not offer.isVisible()
    assert window.home.tiles["ticket"].title.fontInfo().pixelSize() < 80


def test_no_offer_below_the_age_or_when_switched_off(
    qtbot: QtBot, themed: object, tmp_path: Path
) -> None:
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["terminal"]["elder_offer_age"] = 0
    settings = settings_from_dict(raw, source="test (no elder offer)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as never:
        citizen = d.open(qtbot, never)
        d.begin(citizen, "生育", d.BIRTH)
        d.card(never)
        citizen.at("form")
        qtbot.wait(200)
        assert not citizen.window.elder_offer.button.isVisible()
        citizen.window.end_session("finish")


@pytest.mark.parametrize("age", [64, 65])
def test_the_offer_starts_at_the_configured_age(
    qtbot: QtBot, themed: object, terminal: Terminal, age: int
) -> None:
    window = d.open(qtbot, terminal).window
    today = date.today()
    born = date(today.year - age, today.month, min(today.day, 28))
    number = sample_foreign_pr_2023().id_number
    assert number is not None
    # The same number with this birth date (and its check character).
    head = number[:6] + born.strftime("%Y%m%d") + number[14:17]
    window.elder_offer.consider(head + check_character(head), elder_now=False)
    assert (not window.elder_offer.button.isHidden()) is (age >= 65)
    window.end_session("finish")
