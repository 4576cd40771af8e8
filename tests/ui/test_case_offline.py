"""Hub down at 提交: a provisional receipt; when it is back the case arrives, once."""

from __future__ import annotations

import threading
from typing import Any

import case_driver as d
import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from kiosk.journeys.case.service import NumberWait


def test_hub_down_at_submit_gives_a_provisional_receipt_then_the_case_arrives_once(
    qtbot: QtBot, themed: object, hub_outside: Any, terminal_on_outside_hub: Terminal
) -> None:
    terminal = terminal_on_outside_hub
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "生育", d.BIRTH)  # the catalog comes from the hub while it is up
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    hub_outside.stop()
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and receipt.provisional
    # At the sender's first failed attempt, not after the whole wait for a number.
    assert receipt.wait is NumberWait.ATTEMPT_FAILED
    assert receipt.number.startswith("HALL-K01-")
    assert "临时编号" in journey.receipt_page.state.text()
    text = d.receipt_text(citizen)
    assert receipt.number in text and "临时编号" in text
    entry = receipt.entry_id
    assert terminal.cases is not None
    outbox = terminal.cases.service.outbox
    assert outbox.receipt(entry).case_number is None

    hub_outside.start()
    terminal.cases.service.sender.notify()
    qtbot.waitUntil(lambda: outbox.receipt(entry).case_number is not None, timeout=60000)
    number = outbox.receipt(entry).case_number
    assert number is not None
    from contract.models import CaseLookup

    status = terminal.client.lookup_case(CaseLookup(case_number=number, id_number=d.ID_NUMBER))
    assert status.item_name == "生育登记服务"
    terminal.cases.service.sender.drain(force=True)  # a resend finds the same case
    with hub_outside.context.engine.connect() as db:
        from sqlalchemy import text as sql

        count = db.execute(sql("SELECT count(*) FROM cases WHERE item_code = :c"), {"c": d.BIRTH})
        assert count.scalar_one() == 1


def test_session_ending_while_storing_keeps_the_case(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.birth_case_to_review(qtbot, terminal)
    journey = citizen.journey
    citizen.tap(journey.review_page.submit)
    citizen.window.end_session("idle")  # before the outbox has answered
    assert journey.draft is None
    assert terminal.cases is not None
    outbox = terminal.cases.service.outbox
    qtbot.waitUntil(lambda: outbox.status().delivered == 1, timeout=60000)
    citizen.window.runner.wait()
    assert journey.current_page() is not journey.receipt_page
    assert journey.receipt is None


def test_pages_outlive_a_session_that_ends_while_its_case_is_being_stored(
    qtbot: QtBot, themed: object, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ending the session must not drop the pages the outbox is still storing (the case would
    be lost); the draft is forgotten once it is stored, and no page ever touched the disk."""
    assert terminal.cases is not None
    service = terminal.cases.service
    entered, release = threading.Event(), threading.Event()
    store = service.store

    def held_store(*args: Any) -> Any:
        entered.set()
        assert release.wait(60)
        return store(*args)

    monkeypatch.setattr(service, "store", held_store)
    citizen = d.birth_case_to_review(qtbot, terminal)
    journey = citizen.journey
    draft = journey.draft
    assert draft is not None and draft.materials
    citizen.tap(journey.review_page.submit)
    qtbot.waitUntil(entered.is_set, timeout=d.WAIT)
    citizen.window.end_session("idle")
    assert draft.materials  # still being stored: the session handed the draft to the job
    release.set()
    outbox = service.outbox
    qtbot.waitUntil(lambda: outbox.status().delivered == 1, timeout=60000)
    qtbot.waitUntil(lambda: not draft.materials, timeout=d.WAIT)  # forgotten once stored
    d.assert_no_plain_pages(terminal.data_dir)
    citizen.window.runner.wait()
