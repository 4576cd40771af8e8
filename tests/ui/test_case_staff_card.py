"""代办 sign-in by card + PIN at a community point: an enrolled staff card (a bare contactless
card, by its UID) or the worker's own ID card, through the simulated reader and the terminal's
card monitor; wrong PIN, unknown card, lockout; the case records applicant and agent."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import case_driver as d
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from screen_checks import assert_in_view, kiosk_window

from drivers.idcard.samples import (
    SAMPLE_STAFF_CARD_UID,
    sample_resident,
    sample_social_security,
    sample_staff_card,
)
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from kiosk.staff import MAX_FAILURES

WORKER_ID = "990101198503050032"  # 李社工, S0001 in config/community.toml (PIN 246810)
ELDERLY = "GG00618002-990101-MZ"


@pytest.fixture
def point(tmp_path: Path) -> Iterator[Terminal]:
    """The sample community point, with S0001's staff card enrolled."""
    raw = demo_settings("community", data_dir=tmp_path / "data", voice="mock").model_dump(
        mode="json"
    )
    raw["community"]["staff"][0]["card_uid"] = SAMPLE_STAFF_CARD_UID.lower()
    settings = settings_from_dict(raw, source="community test", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


def _to_sign_in(citizen: Any) -> Any:
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    return journey.staff_page


def _pin(citizen: Any, page: Any, pin: str) -> None:
    for key in pin:
        citizen.tap(page.keypad.keys[key])
    citizen.tap(page.ok)


def test_staff_card_and_pin_then_a_case_with_applicant_and_agent(
    qtbot: QtBot, themed: object, point: Terminal
) -> None:
    reader = point.devices.sim_reader
    assert reader is not None
    citizen = d.open(qtbot, point)
    journey = citizen.journey
    page = _to_sign_in(citizen)
    assert "工作人员卡" in page.hint.text() and page.number_edit.isVisible()

    # An unknown card: read, PIN asked, refused in the same words as a wrong PIN.
    reader.place_card(replace(sample_staff_card(), card_uid="0102030405060708"))
    qtbot.waitUntil(lambda: "已读取工作人员卡" in page.card_label.text(), timeout=d.WAIT)
    assert not page.number_edit.isVisible() and page.use_number.isVisible()
    _pin(citizen, page, "246810")
    qtbot.waitUntil(lambda: "卡片未登记或密码不正确" in page.error.text(), timeout=d.WAIT)
    assert "S0001" not in page.error.text() and "李" not in page.error.text()
    assert journey.desk.shift is None and citizen.log[-1] == "staff"
    d.take_card_away(qtbot, point)

    # The enrolled card: a wrong PIN is refused and cleared, the right one signs in.
    reader.place_card(sample_staff_card())
    qtbot.waitUntil(lambda: page.error.text() == "", timeout=d.WAIT)
    _pin(citizen, page, "000000")
    qtbot.waitUntil(lambda: "不正确" in page.error.text(), timeout=d.WAIT)
    assert page.pin_edit.text() == "" and journey.desk.shift is None
    _pin(citizen, page, "246810")
    # Signed in, but the card must leave the reader before a citizen's identity step.
    qtbot.waitUntil(lambda: "请取走卡片" in page.card_label.text(), timeout=d.WAIT)
    assert citizen.log[-1] == "staff" and not page.ok.isVisible()
    assert not page.pin_edit.isVisible() and not page.use_number.isVisible()
    d.take_card_away(qtbot, point)
    citizen.at("finding")
    shift = journey.desk.shift
    assert shift is not None and shift.worker.number == "S0001"
    assert "S0001" in journey.worker_label.text()

    # The citizen proves identity with a social security card; the worker submits.
    citizen.tap(journey.find_page.event_buttons["养老"])
    citizen.tap(journey.find_page.result_buttons[ELDERLY])
    citizen.tap(journey.guide_page.apply)
    citizen.at("identifying")
    reader.place_card(sample_social_security())
    citizen.at("form")
    citizen.type_digits(citizen.go_to("phone").edit, "13600003333")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "photo")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[d.pickup()])
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    summary = journey.review_page.shown_text()
    assert "代办人：李*工" in summary and "身份核验：社会保障卡" in summary
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    stored = d.stored(point, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["agent"] == {"name": "李社工", "id_number": WORKER_ID, "phone": None}
    assert stored["channel"] == "community"
    text = d.receipt_text(citizen)
    assert "代办人" in text and "李*工" in text


def test_own_id_card_signs_in_and_five_wrong_pins_lock_both_ways_in(
    qtbot: QtBot, themed: object, point: Terminal
) -> None:
    reader = point.devices.sim_reader
    assert reader is not None
    citizen = d.open(qtbot, point)
    journey = citizen.journey
    page = _to_sign_in(citizen)

    # A citizen's ID card (not a worker): the PIN decides, and says nothing more.
    reader.place_card(sample_resident())
    qtbot.waitUntil(lambda: "已读取身份证" in page.card_label.text(), timeout=d.WAIT)
    _pin(citizen, page, "246810")
    qtbot.waitUntil(lambda: "卡片未登记或密码不正确" in page.error.text(), timeout=d.WAIT)
    d.take_card_away(qtbot, point)

    # The worker's own resident ID card.
    own = replace(sample_resident(), name="李社工", id_number=WORKER_ID)
    reader.place_card(own)
    qtbot.waitUntil(lambda: page.error.text() == "", timeout=d.WAIT)
    assert "已读取身份证" in page.card_label.text()
    assert "李" not in page.card_label.text() and WORKER_ID not in page.card_label.text()
    for _ in range(MAX_FAILURES):
        _pin(citizen, page, "111111")
        qtbot.waitUntil(lambda: "不正确" in page.error.text(), timeout=d.WAIT)
        page.error.clear()
    _pin(citizen, page, "246810")  # even the right PIN, while locked
    qtbot.waitUntil(lambda: "五分钟" in page.error.text(), timeout=d.WAIT)
    # Switching to the staff number does not buy more guesses.
    citizen.tap(page.use_number)
    assert page.number_edit.isVisible() and not page.card_label.isVisible()
    page.number_edit.setText("S0001")
    _pin(citizen, page, "246810")
    qtbot.waitUntil(lambda: "五分钟" in page.error.text(), timeout=d.WAIT)
    assert journey.desk.shift is None
    d.take_card_away(qtbot, point)

    # After the lock (the registry's clock moved on), the own card + PIN signs in.
    registry = journey.desk.staff
    later = registry._clock() + 301
    registry._clock = lambda: later
    citizen.tap(page.back)
    citizen.at("finding")
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    reader.place_card(own)
    qtbot.waitUntil(lambda: "已读取身份证" in page.card_label.text(), timeout=d.WAIT)
    _pin(citizen, page, "246810")
    qtbot.waitUntil(lambda: "请取走卡片" in page.card_label.text(), timeout=d.WAIT)
    d.take_card_away(qtbot, point)
    citizen.at("finding")
    assert journey.desk.shift is not None and journey.desk.shift.worker.number == "S0001"


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_sign_in_button_needs_no_scrolling(
    qtbot: QtBot, themed: object, point: Terminal, orientation: str
) -> None:
    """A community point's screen is landscape: the keypad stands beside the PIN there, so
    that "登录" is on screen with the keypad."""

    window = kiosk_window(qtbot, point, orientation)
    journey = window.case
    window.open_journey("case")
    qtbot.mouseClick(journey.sign_in_button, Qt.MouseButton.LeftButton)
    page = journey.staff_page
    qtbot.waitUntil(lambda: journey.current_page() is page, timeout=5000)
    assert_in_view([page.keypad], journey._holders[page].viewport())
    assert_in_view([page.ok], window)  # pinned at the page's foot
    window.end_session("finish")
