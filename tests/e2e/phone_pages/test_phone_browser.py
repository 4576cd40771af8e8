"""The citizen's phone pages in Chromium at a phone's size: the position counts down as tickets
are called, the called state appears without a reload and rings the phone, and a receipt link
shows the case only with its code."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from contract import models as m
from contract.payloads import case_tracking_url, new_receipt_code
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

DONE = m.FinishRequest(outcome=m.ServiceOutcome.DONE)


def text_of(phone: Any, element_id: str) -> str:
    """An element's text, read in one step (a live update may replace it at any moment)."""
    script = "var e = document.getElementById(arguments[0]); return e ? e.textContent : '';"
    return str(phone.execute_script(script, element_id))


def wait_for(phone: Any, what: Callable[[Any], bool], seconds: float = 5.0) -> None:
    WebDriverWait(phone, seconds, poll_frequency=0.05).until(what)


def serve(window: HubClient) -> None:
    called = window.call_next("W01")
    window.ticket_action("W01", called.ticket_id, m.TicketAction.START)
    window.finish_ticket("W01", called.ticket_id, DONE)


def test_the_ticket_page_follows_the_queue_and_rings_when_called(
    kiosk: HubClient, window: HubClient, phone: Any, tmp_path: Path
) -> None:
    for _ in range(2):
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    mine = kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    phone.get(mine.follow_url)
    assert text_of(phone, "number") == mine.number and "前面还有 2 人" in text_of(phone, "ahead")
    wait_for(phone, lambda p: text_of(p, "status") == "实时更新中")  # the stream is open
    phone.execute_script("window.sameDocument = true")  # gone if the page reloads
    phone.find_element(By.ID, "alerts").click()  # the citizen allows sound
    serve(window)
    wait_for(phone, lambda p: "前面还有 1 人" in text_of(p, "ahead"))
    serve(window)
    wait_for(phone, lambda p: "下一位就是您" in text_of(p, "ahead"))
    assert phone.execute_script("return document.body.dataset.rang") is None
    window.call_next("W01")
    wait_for(phone, lambda p: "请到 1号窗口（综合受理） 办理" in text_of(p, "state"))
    assert phone.execute_script("return window.sameDocument") is True
    assert phone.execute_script("return document.body.dataset.rang") == "1"
    assert phone.execute_script("return window.vibrations.length") >= 2  # the tap, the call
    assert phone.title.startswith(mine.number)
    phone.save_screenshot(str(tmp_path / "ticket-called.png"))


def test_a_missed_ticket_says_what_to_do_and_stops_following(
    kiosk: HubClient, window: HubClient, phone: Any, clock: Any, tmp_path: Path
) -> None:
    mine = kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    phone.get(mine.follow_url + "?lang=en")
    wait_for(phone, lambda p: text_of(p, "status") == "Live")
    window.call_next("W01")
    wait_for(phone, lambda p: "Please go to window 1" in text_of(p, "state"))
    clock.advance(minutes=1)  # recalls wait a little between calls
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.RECALL)
    wait_for(phone, lambda p: text_of(p, "calls") == "Call 2")
    assert phone.execute_script("return document.body.dataset.rang") == "2"
    clock.advance(minutes=1)
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.RECALL)
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.NO_SHOW)
    wait_for(phone, lambda p: text_of(p, "state") == "Missed")
    assert "information desk" in phone.find_element(By.TAG_NAME, "main").text
    wait_for(phone, lambda p: text_of(p, "status") == "")  # no "live" on a finished ticket
    phone.save_screenshot(str(tmp_path / "ticket-missed-en.png"))


def test_the_receipt_link_shows_the_case_only_with_its_code(
    hub: EmbeddedHub,
    kiosk: HubClient,
    phone: Any,
    case_request: Callable[..., m.CaseCreate],
    tmp_path: Path,
) -> None:
    code = new_receipt_code()
    receipt = kiosk.create_case(case_request(code), idempotency_key=uuid.uuid4().hex)
    phone.get(case_tracking_url(hub.base_url, receipt.case_number, code))
    main = phone.find_element(By.TAG_NAME, "main").text
    assert receipt.case_number in main and receipt.item_name in main
    assert text_of(phone, "state") == "已申请" and "李*" in main
    phone.save_screenshot(str(tmp_path / "case.png"))
    phone.get(case_tracking_url(hub.base_url, receipt.case_number, new_receipt_code()))
    main = phone.find_element(By.TAG_NAME, "main").text
    assert "没有找到" in main and receipt.item_name not in main
