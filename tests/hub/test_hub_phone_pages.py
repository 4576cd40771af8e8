"""The citizen's phone pages over real HTTP (uvicorn on loopback): the ticket's live stream, its
languages, and the receipt link that shows a case only with its code. (The same pages in a real
browser: tests/e2e/phone_pages/test_phone_browser.py.)"""

from __future__ import annotations

import json
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests

from contract import models as m
from contract.payloads import case_tracking_url, classify, new_receipt_code
from hub import estimate, phone, tickets
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

PIN = "246810"


class LivePage:
    """A phone's stream of one ticket, read on a thread: ``next()`` waits for the next update."""

    def __init__(self, url: str, **headers: str) -> None:
        self.updates: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.response = requests.get(url, stream=True, timeout=(5, 60), headers=headers)
        assert self.response.headers["content-type"].startswith("text/event-stream")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        kind = ""
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: ") and kind == "ticket":
                    self.updates.put(json.loads(line[6:]))
        except requests.RequestException:
            pass
        self.updates.put(None)  # the stream ended

    def next(self, timeout: float = 10.0) -> dict[str, Any] | None:
        return self.updates.get(timeout=timeout)

    def quiet(self, seconds: float = 1.0) -> bool:
        try:
            self.updates.get(timeout=seconds)
        except queue.Empty:
            return True
        return False


@pytest.fixture
def window(hub: EmbeddedHub) -> Iterator[HubClient]:
    token = hub.register_terminal("WIN-PHONE", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as client:
        client.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        yield client


def issue(client: HubClient, category: str = "general") -> m.TicketIssued:
    return client.issue_ticket(m.TicketIssueRequest(category_code=category))


def test_the_live_page_counts_down_and_rings_when_called(
    client: HubClient, window: HubClient, clock: Any
) -> None:
    first, mine = issue(client), issue(client)
    page = LivePage(mine.follow_url + "/live")
    now = page.next()
    assert now is not None and now["state"] == "issued" and "前面还有 1 人" in now["html"]
    assert now["live"] and now["title"].startswith(mine.number)
    called = window.call_next("W01")
    assert called.ticket_id == first.ticket_id
    now = page.next()
    assert now is not None and "下一位就是您" in now["html"] and "前面还有" not in now["html"]
    window.ticket_action("W01", first.ticket_id, m.TicketAction.START)
    window.finish_ticket("W01", first.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE))
    issue(client, "business")  # another queue: the page has nothing new to say
    assert page.quiet(1.0)
    window.call_next("W01")
    now = page.next()
    assert now is not None and now["state"] == "called" and now["calls"] == 1
    assert "请到 1号窗口（综合受理） 办理" in now["html"]
    clock.advance(minutes=1)  # a recall waits a little after the call
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.RECALL)
    now = page.next()
    assert now is not None and now["calls"] == 2 and "第 2 次呼叫" in now["html"]
    clock.advance(minutes=1)
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.RECALL)
    page.next()
    window.ticket_action("W01", mine.ticket_id, m.TicketAction.NO_SHOW)
    now = page.next()
    assert now is not None and now["state"] == "no_show" and not now["live"]
    assert "已过号" in now["html"] and "咨询台" in now["html"]
    assert page.next() is None  # a ticket that can change no more ends its stream


def test_a_paused_window_lengthens_the_wait_on_the_page(
    hub: EmbeddedHub, client: HubClient, window: HubClient
) -> None:
    token = hub.register_terminal("WIN-PHONE-2", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as second:
        second.sign_in_clerk("W02", m.ClerkSignIn(staff_no="S002", pin=PIN))
        for _ in range(4):
            issue(client)
        mine = issue(client)
        page = LivePage(mine.follow_url + "/live")
        before = page.next()
        assert before is not None and "预计等候约 16 分钟" in before["html"]  # 4 × 8 min ÷ 2
        second.set_window_state(
            "W02", m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.REST)
        )
        after = page.next()
        assert after is not None and "预计等候约 32 分钟" in after["html"]


def test_the_page_speaks_english_when_asked(client: HubClient, window: HubClient) -> None:
    mine = issue(client)
    english = requests.get(mine.follow_url, headers={"Accept-Language": "en-GB,en"}, timeout=10)
    assert "Your number" in english.text and "You are next" in english.text
    assert 'lang="en"' in english.text and 'href="?lang=zh"' in english.text
    chinese = requests.get(
        mine.follow_url + "?lang=zh", headers={"Accept-Language": "en"}, timeout=10
    )
    assert "您的号码" in chinese.text
    page = LivePage(mine.follow_url + "/live?lang=en")
    page.next()
    window.call_next("W01")
    now = page.next()
    assert now is not None and "Please go to window 1" in now["html"]


def test_without_javascript_a_live_page_refreshes_itself(client: HubClient) -> None:
    mine = issue(client)
    text = requests.get(mine.follow_url, timeout=10).text
    assert '<noscript><meta http-equiv="refresh" content="30"></noscript>' in text
    assert "前面还有" in text or "下一位就是您" in text


def test_a_transferred_ticket_links_to_its_new_number(client: HubClient, window: HubClient) -> None:
    mine = issue(client)
    window.call_next("W01")
    moved = window.transfer_ticket(
        "W01", mine.ticket_id, m.TransferRequest(category_code="residence")
    )
    text = requests.get(mine.follow_url, timeout=10).text
    assert "已转至其他业务" in text and f"/q/{moved.ticket_id}" in text
    assert moved.number in text
    assert "http-equiv" not in text  # nothing left to follow on this page


def test_unknown_tickets_get_a_plain_page(hub: EmbeddedHub) -> None:
    page = requests.get(f"{hub.base_url}/q/{'0' * 32}", timeout=10)
    assert page.status_code == 404 and "未找到该排队号" in page.text
    live = LivePage(f"{hub.base_url}/q/{'0' * 32}/live")
    assert live.next() is None


def test_the_receipt_link_shows_the_case_only_with_its_code(
    hub: EmbeddedHub, client: HubClient, case_request: Callable[..., m.CaseCreate]
) -> None:
    code = new_receipt_code()
    sent = case_request(code)
    receipt = client.create_case(sent, idempotency_key=uuid.uuid4().hex)
    link = case_tracking_url(hub.base_url, receipt.case_number, code)
    scanned = classify(link, now=0.0)  # the kiosk reads the same QR
    assert scanned.ok and (scanned.reference, scanned.receipt_code) == (receipt.case_number, code)
    page = requests.get(link, timeout=10)
    assert page.status_code == 200 and receipt.case_number in page.text
    assert receipt.item_name in page.text and "已申请" in page.text and "李*" in page.text
    id_number, phone = sent.applicant.id_number, sent.form["phone"]
    assert sent.applicant.name not in page.text and id_number[-6:] not in page.text
    assert phone not in page.text
    english = requests.get(link + "?lang=en", timeout=10)
    assert "Case progress" in english.text and "Submitted" in english.text
    wrong = case_tracking_url(hub.base_url, receipt.case_number, new_receipt_code())
    unknown = case_tracking_url(hub.base_url, "SL20990101000001", code)
    garbled = link[:-3] + "%%%"
    answers = [requests.get(u, timeout=10) for u in (wrong, unknown, garbled)]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len({a.text for a in answers[:2]}) == 1  # a wrong code and an unknown case alike
    assert all(receipt.item_name not in a.text for a in answers)


def test_the_shared_waiting_line_agrees_with_each_tickets_own_count(
    hub: EmbeddedHub, client: HubClient, window: HubClient, clock: Any
) -> None:
    """The phone pages read a queue's line once for all its pages: every ticket's place in it
    must be what the ticket's own page and the kiosk say (priorities first, then arrival)."""
    order = [m.Priority.NORMAL, m.Priority.PRIORITY, m.Priority.NORMAL]
    issued = []
    for priority in order * 2:
        issued.append(
            client.issue_ticket(m.TicketIssueRequest(category_code="general", priority=priority))
        )
        clock.advance(seconds=20)
    window.call_next("W01")
    ctx = hub.context
    line = phone.read_line(ctx, "general", ctx.today(), as_of=0)
    with ctx.reading() as session:
        category = tickets.get_category(session, "general")
        rate = estimate.wait_rate(session, category, ctx.today())
    for ticket in issued:
        view = client.get_ticket(ticket.ticket_id)
        if view.state is m.TicketState.ISSUED:
            assert line.ahead[ticket.ticket_id] == view.waiting_ahead
            assert line.wait.minutes(view.waiting_ahead) == view.estimated_wait_minutes
        else:
            assert ticket.ticket_id not in line.ahead
    assert sorted(line.ahead.values()) == list(range(len(issued) - 1)) and line.wait == rate
