"""The window's desk over a real hub on loopback: a click whose answer is lost stays uncertain,
is sent again with its key, and calls one citizen, not two."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from contract import models as m
from hub.db import TicketEvent
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.counter.desk import ClickPending, CounterDesk, Uncertain

PIN = "246810"  # the sample clerks' (config/catalog/staff.toml)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as running:
        yield running


@pytest.fixture
def desk(hub: EmbeddedHub) -> Iterator[CounterDesk]:
    token = hub.register_terminal("WIN-01", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token, retries=0) as client:
        window = CounterDesk(client, "W01")
        window.sign_in(m.ClerkSignIn(staff_no="S001", pin=PIN))
        yield window


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-01")) as client:
        yield client


def lose_answers(client: HubClient, count: int) -> list[str]:
    """The next ``count`` calls reach the hub but their answers are lost; the keys sent."""
    sent: list[str] = []
    real = client.call_next

    def call_next(code: str, *, key: str | None = None) -> Any:
        assert key is not None
        sent.append(key)
        answer = real(code, key=key)
        if len(sent) <= count:
            raise HubUnreachable("connection reset after the request was sent")
        return answer

    client.call_next = call_next  # type: ignore[method-assign]
    return sent


def test_a_lost_answer_is_retried_with_its_key_and_calls_one_citizen(
    desk: CounterDesk, kiosk: HubClient, hub: EmbeddedHub
) -> None:
    first = kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    keys = lose_answers(desk.client, 1)
    with pytest.raises(Uncertain):
        desk.call_next()
    assert desk.pending is not None and desk.pending.label == "叫号"
    with pytest.raises(ClickPending):
        desk.act(first.ticket_id, m.TicketAction.START)  # nothing new while uncertain
    called = desk.retry_pending()
    assert called.ticket_id == first.ticket_id and desk.pending is None
    assert len(keys) == 2 and keys[0] == keys[1]
    with hub.context.sessions() as session:
        calls = session.execute(select(TicketEvent).where(TicketEvent.state == "called")).all()
    assert len(calls) == 1  # A002 still waits: nobody was skipped


def test_a_refusal_is_an_answer_and_leaves_nothing_pending(desk: CounterDesk) -> None:
    with pytest.raises(HubRejected) as info:
        desk.call_next()
    assert info.value.code == "no_ticket_waiting"
    assert desk.pending is None


def test_a_clerk_morning_on_the_desk(desk: CounterDesk, kiosk: HubClient) -> None:
    kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    called = desk.call_next()
    desk.act(called.ticket_id, m.TicketAction.START)
    done = desk.finish(called.ticket_id, m.ServiceOutcome.CONSULTATION)
    assert done.outcome is m.ServiceOutcome.CONSULTATION
    paused = desk.set_state(
        m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.REST)
    )
    assert paused.state is m.WindowState.PAUSED
    assert desk.sign_out().clerk is None
