"""代办 at a community point: worker sign-in, both identities on case and receipt, shift list."""

from __future__ import annotations

from datetime import timedelta

import case_driver as d
from pytestqt.qtbot import QtBot

from contract import models as m
from kiosk.api.client import HubClient
from kiosk.app import Terminal


def test_community_worker_submits_on_behalf_with_both_identities(
    qtbot: QtBot, themed: object, community_terminal: Terminal
) -> None:
    terminal = community_terminal
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    assert journey.worker_bar.isVisible()
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    staff = journey.staff_page
    staff.number_edit.setText("S0001")
    staff.pin_edit.setText("000000")
    citizen.tap(staff.ok)
    qtbot.waitUntil(lambda: "不正确" in staff.error.text(), timeout=d.WAIT)
    assert staff.pin_edit.text() == ""  # a wrong PIN is not kept on screen
    staff.number_edit.setText("S0001")
    staff.pin_edit.setText("246810")
    citizen.tap(staff.ok)
    citizen.at("finding")
    assert "S0001" in journey.worker_label.text()

    citizen.tap(journey.find_page.event_buttons["养老"])
    citizen.tap(journey.find_page.result_buttons["GG00618002-990101-MZ"])  # 老年人优待证
    citizen.at("guide")
    citizen.tap(journey.guide_page.apply)
    citizen.at("identifying")
    d.card(terminal)
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
    assert "代办人：李*工" in journey.review_page.shown_text()
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    stored = d.stored(terminal, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["agent"]["name"] == "李社工"
    assert stored["agent"]["id_number"] == "990101198503050032"
    assert stored["channel"] == "community"
    text = d.receipt_text(citizen)
    assert "代办人" in text and "李*工" in text and "社区工作人员代办" in text

    # The shift survives the citizen's session; its list shows the upload state.
    citizen.tap(journey.receipt_page.done)
    qtbot.waitUntil(lambda: citizen.window.stack.currentWidget() is citizen.window.home)
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.shift_button)
    citizen.at("shift")
    listing = journey.shift_page.listing.text()
    assert receipt.number in listing and "已上传" in listing
    qtbot.waitUntil(lambda: "没有退回的办件" in journey.shift_page.listing.text(), timeout=d.WAIT)

    # A window's 预审 sends the case back: the worker's list says what the citizen must bring.
    send_back(terminal, receipt.number)
    citizen.tap(journey.shift_page.back)
    citizen.at("finding")
    citizen.tap(journey.shift_button)
    citizen.at("shift")
    qtbot.waitUntil(lambda: "需补正 户口簿" in journey.shift_page.listing.text(), timeout=d.WAIT)
    assert "张*例" in journey.shift_page.listing.text()
    citizen.tap(journey.shift_page.sign_out_button)
    citizen.at("finding")
    assert journey.desk.shift is None and journey.sign_in_button.isVisible()
    # Only a slow hash of the PIN exists anywhere in the terminal's configuration.
    dumped = terminal.settings.model_dump_json()
    assert "246810" not in dumped and "scrypt$" in dumped


def send_back(terminal: Terminal, case_number: str) -> None:
    """What a clerk's 预审 does at a window of the same hub: 补正, one material."""
    hub = terminal.local_hub
    assert hub is not None
    token = hub.register_terminal("WIN-PREREVIEW", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as window:
        window.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
        case = window.open_case("W01", case_number)
        decision = m.CaseDecision(
            decision=m.Decision.SUPPLEMENT,
            lines=[m.NoticeLine(name="户口簿", reason="未提供")],
            deadline=hub.context.today() + timedelta(days=5),
        )
        window.decide_case("W01", case.case_id, decision)
