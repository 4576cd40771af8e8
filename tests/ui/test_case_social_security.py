"""The social security card (社保卡) as proof of identity, through the simulated reader and the
terminal's own card monitor, to the case the hub stores; a bare card is told apart."""

from __future__ import annotations

import datetime
from dataclasses import replace

import case_driver as d
from pytestqt.qtbot import QtBot

from contract.models import IdentitySource
from drivers.idcard.samples import sample_social_security, sample_staff_card
from kiosk.app import Terminal

ELDERLY = "GG00618002-990101-MZ"  # 老年人优待证: pickup or EMS


def stored_source(terminal: Terminal, number: str) -> str | None:
    from sqlalchemy import text

    with d.hub_engine(terminal).connect() as db:
        return db.execute(
            text("SELECT applicant_identity_source FROM cases WHERE case_number = :n"),
            {"n": number},
        ).scalar_one()


def test_social_security_card_identifies_and_ems_asks_for_an_address(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    reader = terminal.devices.sim_reader
    assert reader is not None
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "养老", ELDERLY)
    page = journey.identify_page
    assert "社会保障卡" in page.hint.text() and "社保卡" in page.hint.text()

    # A bare contactless card (only its UID): a clear message, no identity.
    reader.place_card(sample_staff_card())
    qtbot.waitUntil(lambda: "读不到身份信息" in page.status.text(), timeout=d.WAIT)
    assert citizen.log[-1] == "identifying" and journey.draft.applicant is None
    d.take_card_away(qtbot, terminal)
    # An expired social security card is no proof either.
    reader.place_card(replace(sample_social_security(), valid_to=datetime.date(2024, 1, 1)))
    qtbot.waitUntil(lambda: "已过有效期" in page.status.text(), timeout=d.WAIT)
    assert citizen.log[-1] == "identifying"
    d.take_card_away(qtbot, terminal)

    reader.place_card(sample_social_security())
    citizen.at("form")
    applicant = journey.draft.applicant
    assert applicant.source is IdentitySource.SOCIAL_SECURITY_CARD
    assert (applicant.name, applicant.id_number, applicant.address) == (
        "张示例",
        d.ID_NUMBER,
        "",
    )
    shown = [w.text() for w in journey.form_view.findChildren(type(page.status), "ReadOnlyValue")]
    assert shown == ["张示例", "1101**********002X"]  # shown, not editable
    d.take_card_away(qtbot, terminal)
    citizen.type_digits(citizen.go_to("phone").edit, "13600003333")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "photo")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")

    delivery = journey.delivery_page
    citizen.tap(delivery.method_buttons[d.ems()])
    # The card has no address: no "send to the ID-card address", the address field at once.
    assert not delivery.card_address.isVisible() and not delivery.other_address.isVisible()
    assert delivery.address_edit.isVisible()
    citizen.tap(delivery.next)
    assert "收件地址" in delivery.error.text() and citizen.log[-1] == "delivery"
    citizen.type_text(delivery.address_edit, "北京市朝阳区示例路9号2单元101")
    citizen.tap(delivery.next)  # the way the result comes
    citizen.tap(delivery.next)  # the phone number
    citizen.at("review")
    summary = journey.review_page.shown_text()
    assert "身份核验：社会保障卡" in summary and "张*例" in summary
    assert "北京市朝阳区****" in summary and "示例路9号" not in summary
    d.submit(citizen)

    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    stored = d.stored(terminal, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["delivery"] == "ems"
    assert stored["delivery_address"] == "北京市朝阳区示例路9号2单元101"
    assert stored_source(terminal, receipt.number) == "social_security_card"
    text = d.receipt_text(citizen)
    assert receipt.number in text and "张*例" in text and d.ID_NUMBER not in text


def test_the_id_card_still_offers_its_address_and_is_recorded_as_such(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "养老", ELDERLY)
    d.card(terminal)
    citizen.at("form")
    assert journey.draft.applicant.source is IdentitySource.ID_CARD
    citizen.type_digits(citizen.go_to("phone").edit, "13600003333")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "photo")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    delivery = journey.delivery_page
    citizen.tap(delivery.method_buttons[d.ems()])
    assert delivery.card_address.isVisible() and delivery.card_address.isChecked()
    assert "身份证地址" in delivery.card_address.text()
    citizen.tap(delivery.next)  # the way the result comes
    citizen.tap(delivery.next)  # the phone number
    citizen.at("review")
    assert "身份核验：居民身份证" in journey.review_page.shown_text()
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    assert stored_source(terminal, receipt.number) == "id_card"
    assert d.stored(terminal, receipt.number)["delivery_address"] == "北京市朝阳区示例路1号示例小区"
