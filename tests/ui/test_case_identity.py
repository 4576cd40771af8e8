"""Proving identity: a dynamic identity QR seen by the camera and resolved at the hub, and the
typed fallback only where the item allows it."""

from __future__ import annotations

import case_driver as d
from pytestqt.qtbot import QtBot
from test_case_form_screens import fits

from contract.models import IdentitySource
from kiosk.app import Terminal


def test_identity_qr_from_the_camera_is_resolved_at_the_hub(
    qtbot: QtBot, themed: object, terminal_with_identity_qr: Terminal
) -> None:
    citizen = d.open(qtbot, terminal_with_identity_qr)
    journey = citizen.journey
    d.begin(citizen, "居住", d.RESIDENCE)
    page = journey.identify_page
    assert page.qr_button.isVisible() and not page.manual_button.isVisible()
    citizen.tap(page.qr_button)
    citizen.at("form")
    assert journey.draft.applicant.source is IdentitySource.QR
    assert journey.draft.applicant.name == "王示例"
    rows = [w.text() for w in journey.form_view.findChildren(type(page.status), "ReadOnlyValue")]
    assert rows == ["王示例", "1101**********002X"]  # shown, not editable


def test_typed_identity_only_where_allowed_and_checked(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "生育", d.BIRTH)  # 生育登记 allows it
    page = journey.identify_page
    citizen.tap(page.manual_button)
    # Two screens, each fitting above its keyboard: the name with the on-screen keyboard...
    assert page.name_edit.isVisible() and not page.id_edit.isVisible()
    assert not page.pictures.isVisible() and not page.manual_button.isVisible()
    citizen.qtbot.waitUntil(lambda: citizen.window.keyboard is not None)
    citizen.qtbot.waitUntil(citizen.window.keyboard.isVisible)
    citizen.tap(page.name_next)
    assert page.status.text() == "请填写姓名。" and page.name_edit.isVisible()
    page.name_edit.setText("李示例")
    citizen.tap(page.name_next)
    # ...then the ID number with its keypad (the keyboard gone: it would cover the keypad).
    assert page.id_edit.isVisible() and not page.name_edit.isVisible()
    citizen.qtbot.waitUntil(lambda: not citizen.window.keyboard.isVisible())
    fits(citizen.qtbot, citizen.window, "the ID number's screen")
    page.id_edit.setText("110105194912310021")  # wrong check character
    citizen.tap(page.manual_ok)
    assert "18 位身份证号码" in page.status.text()
    assert citizen.log[-1] == "identifying"
    page.id_edit.setText(d.ID_NUMBER)
    citizen.tap(page.manual_ok)
    citizen.at("form")
    assert journey.draft.applicant.source is IdentitySource.MANUAL
    citizen.tap(journey.form_back)
    citizen.at("identifying")
    citizen.tap(page.manual_button)
    citizen.tap(page.back)  # 上一步 goes back through the typed screens, then the journey's
    assert page.pictures.isVisible() and not page.name_edit.isVisible()
    citizen.tap(page.back)
    citizen.at("guide")
    citizen.tap(journey.guide_page.back)
    citizen.at("finding")
    citizen.tap(journey.find_page.event_buttons["居住"])
    citizen.tap(journey.find_page.result_buttons[d.RESIDENCE])
    citizen.tap(journey.guide_page.apply)
    citizen.at("identifying")
    assert not page.manual_button.isVisible()  # 居住证: a card or identity QR only
