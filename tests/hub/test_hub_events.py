"""The hall's event stream over real HTTP (uvicorn on loopback): order, resume after a dropped
connection with Last-Event-ID, keep-alive comments, and no personal data in any event."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from contract import models as m
from hub.context import HubSettings
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient

PIN = "246810"
HOLDER = "11010519491231002X"
DONE = m.FinishRequest(outcome=m.ServiceOutcome.DONE)


class Follower:
    """A display following the stream on a thread; ``take(n)`` waits for the next n events."""

    def __init__(self, client: HubClient, last_event_id: int | None = None) -> None:
        self.client = client
        self.events: queue.Queue[m.HubEvent] = queue.Queue()
        self.error: Exception | None = None
        self._thread = threading.Thread(target=self._run, args=(last_event_id,), daemon=True)
        self._thread.start()

    def _run(self, last_event_id: int | None) -> None:
        try:
            for event in self.client.events(last_event_id):
                self.events.put(event)
        except Exception as exc:  # the connection closed under it: the test says when
            self.error = exc

    def take(self, count: int, timeout: float = 10.0) -> list[m.HubEvent]:
        return [self.events.get(timeout=timeout) for _ in range(count)]


@pytest.fixture
def window(hub: EmbeddedHub) -> Iterator[HubClient]:
    token = hub.register_terminal("WIN-EV", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as client:
        client.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        yield client


def stream_client(hub: EmbeddedHub, name: str) -> HubClient:
    return HubClient(hub.base_url, token=hub.register_terminal(name), read_timeout=30)


def test_a_display_sees_the_hall_in_order(
    hub: EmbeddedHub, client: HubClient, window: HubClient
) -> None:
    display = Follower(stream_client(hub, "DISPLAY-1"))
    threading.Event().wait(0.3)  # the stream is open: it follows from now on
    ticket = client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    called = window.call_next("W01")
    window.ticket_action("W01", called.ticket_id, m.TicketAction.START)
    window.finish_ticket("W01", called.ticket_id, DONE)
    seen = display.take(6)
    assert [e.type for e in seen] == [
        "ticket.issued",
        "queue.changed",
        "ticket.called",
        "queue.changed",
        "ticket.started",
        "ticket.finished",
    ]
    assert [e.id for e in seen] == sorted(e.id for e in seen)
    issued, waiting, call = seen[0].data, seen[1].data, seen[2].data
    assert issued["number"] == ticket.number == "A001" and waiting == {
        "category_code": "general",
        "waiting": 1,
        "at": waiting["at"],
    }
    assert call["counter_code"] == "W01" and call["counter_name"] == "1号窗口（综合受理）"
    assert call["calls"] == 1 and seen[3].data["waiting"] == 0
    assert seen[5].data["outcome"] == "done"


def test_a_dropped_stream_resumes_from_its_last_event_id(
    hub: EmbeddedHub, client: HubClient, window: HubClient
) -> None:
    display = stream_client(hub, "DISPLAY-2")
    follower = Follower(display)
    threading.Event().wait(0.3)
    client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    first = follower.take(2)
    display.close()  # the display's network drops; the hall goes on
    follower._thread.join(10)
    client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    window.call_next("W01")
    with stream_client(hub, "DISPLAY-2") as again:
        resumed = Follower(again, last_event_id=first[-1].id)
        missed = resumed.take(4)
    assert [e.type for e in missed] == [
        "ticket.issued",
        "queue.changed",
        "ticket.called",
        "queue.changed",
    ]
    assert missed[0].id == first[-1].id + 1 and missed[2].data["number"] == "A001"


def test_no_event_carries_personal_data(
    hub: EmbeddedHub, client: HubClient, window: HubClient
) -> None:
    display = Follower(stream_client(hub, "DISPLAY-3"))
    threading.Event().wait(0.3)
    real_name = client.issue_ticket(m.TicketIssueRequest(category_code="general", id_number=HOLDER))
    booked = client.book_appointment(
        m.AppointmentBook(
            category_code="general",
            id_number="110105195001011111",
            slot_date=hub.context.today(),
            slot_start="09:30",
        )
    )
    client.check_in(m.CheckIn(code=booked.code))
    called = window.call_next("W01")
    window.ticket_action("W01", called.ticket_id, m.TicketAction.HOLD)
    events = display.take(7)
    text = json.dumps([e.data for e in events], ensure_ascii=False)
    digest = hub.context.id_digest(HOLDER)
    for secret in (HOLDER, "110105195001011111", digest, real_name.ticket_id, "张", "李示例"):
        assert secret not in text, secret
    keys = {key for event in events for key in event.data}
    assert keys <= {
        "number", "category_code", "priority", "waiting", "counter_code", "counter_name",
        "calls", "at",
    }  # fmt: skip


def test_an_idle_stream_says_it_is_alive_and_a_bad_id_is_refused(tmp_path: Path) -> None:
    settings = HubSettings(event_keepalive_seconds=0.2)
    with EmbeddedHub(tmp_path / "hub", settings=settings) as hub:
        token = hub.register_terminal("DISPLAY-4")
        url = f"{hub.base_url}{m.API_PREFIX}/events"
        auth = {"Authorization": f"Bearer {token}"}
        with requests.get(url, headers=auth, stream=True, timeout=10) as answer:
            assert answer.headers["Content-Type"].startswith("text/event-stream")
            lines: list[Any] = []
            for line in answer.iter_lines(decode_unicode=True):
                lines.append(line)
                if line == ": keep-alive":
                    break
        assert lines[0] == "retry: 3000"
        bad = requests.get(url, headers={**auth, "Last-Event-ID": "soon"}, timeout=10)
        assert bad.status_code == 422 and bad.json()["code"] == "validation_failed"
        assert requests.get(url, timeout=10).status_code == 401
