"""Counter operations over real HTTP: priority order, the ticket state machine, transfers."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from contract.models import (
    AppointmentBook,
    CheckIn,
    FinishRequest,
    Priority,
    ServiceOutcome,
    TicketAction,
    TicketIssueRequest,
    TicketState,
    TransferRequest,
)
from hub.db import TicketEvent
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

DONE = FinishRequest(outcome=ServiceOutcome.DONE)

A = TicketAction


def issue(client: HubClient, category: str = "general", **kw: Any) -> str:
    return client.issue_ticket(TicketIssueRequest(category_code=category, **kw)).number


def serve(counter: HubClient, code: str = "W01") -> str:
    """Call the next ticket at ``code``, serve and finish it; return its number."""
    called = counter.call_next(code)
    counter.ticket_action(code, called.ticket_id, A.START)
    counter.finish_ticket(code, called.ticket_id, DONE)
    return called.number


def test_call_next_serves_priority_then_appointments_then_arrival(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    issue(client)  # A001 normal
    clock.advance(seconds=1)
    issue(client, priority=Priority.PRIORITY)  # A002 elderly
    clock.advance(seconds=1)
    issue(client)  # A003
    booked = client.book_appointment(
        AppointmentBook(
            category_code="general",
            id_number="11010519491231002X",
            slot_date=clock().date(),
            slot_start="09:30",
        )
    )
    clock.advance(seconds=1)
    appointment = client.check_in(CheckIn(code=booked.code))  # A004, appointment
    assert appointment.priority is Priority.APPOINTMENT and appointment.number == "A004"
    issue(client, "social_security")  # B001, also served at W01
    order = [serve(counter) for _ in range(5)]
    assert order == ["A002", "A004", "A001", "A003", "B001"]  # 老弱病残孕 first
    with pytest.raises(HubRejected) as info:
        counter.call_next("W01")
    assert info.value.code == "no_ticket_waiting"


def test_a_counter_only_calls_its_own_categories(client: HubClient, counter: HubClient) -> None:
    issue(client, "business")
    with pytest.raises(HubRejected):
        counter.call_next("W01")
    assert counter.call_next("W03").number == "C001"


def test_full_life_cycle_keeps_every_timestamp(
    client: HubClient, counter: HubClient, clock: Any, hub: EmbeddedHub
) -> None:
    issued = client.issue_ticket(TicketIssueRequest(category_code="general"))
    clock.advance(minutes=5)
    called = counter.call_next("W01")
    assert called.state is TicketState.CALLED and called.counter_code == "W01"
    clock.advance(minutes=1)
    counter.ticket_action("W01", called.ticket_id, A.RECALL)
    started = counter.ticket_action("W01", called.ticket_id, A.START)
    clock.advance(minutes=7)
    done = counter.finish_ticket("W01", called.ticket_id, DONE)
    assert done.state is TicketState.DONE
    assert done.issued_at == issued.issued_at
    assert (done.called_at - done.issued_at).total_seconds() == 300
    assert (done.ended_at - started.started_at).total_seconds() == 420  # type: ignore[operator]
    with hub.context.sessions() as session:
        states = (
            session.execute(
                select(TicketEvent.state)
                .where(TicketEvent.ticket_id == issued.ticket_id)
                .order_by(TicketEvent.id)
            )
            .scalars()
            .all()
        )
    assert states == ["issued", "called", "called", "serving", "done"]
    # Recent service times now drive the estimate: 7 minutes over W01 and W02.
    issue(client)
    second = client.issue_ticket(TicketIssueRequest(category_code="general"))
    assert second.waiting_ahead == 1 and second.estimated_wait_minutes == 4


def test_invalid_transitions_are_refused(client: HubClient, counter: HubClient, clock: Any) -> None:
    issue(client)
    called = counter.call_next("W01")
    with pytest.raises(HubRejected) as info:
        counter.finish_ticket("W01", called.ticket_id, DONE)  # not started
    assert info.value.code == "invalid_transition" and info.value.status == 409
    with pytest.raises(HubRejected):
        counter.call_next("W01")  # the counter still has A001 open
    clock.advance(seconds=20)
    counter.ticket_action("W01", called.ticket_id, A.RECALL)  # 过号 only after two calls
    assert counter.ticket_action("W01", called.ticket_id, A.NO_SHOW).state is TicketState.NO_SHOW
    with pytest.raises(HubRejected):
        counter.ticket_action("W01", called.ticket_id, A.START)


def test_hold_and_call_specific(client: HubClient, counter: HubClient) -> None:
    issue(client)
    issue(client)
    third = client.issue_ticket(TicketIssueRequest(category_code="general"))
    first = counter.call_next("W01")
    held = counter.ticket_action("W01", first.ticket_id, A.HOLD)
    assert held.state is TicketState.HELD and held.counter_code == "W01"  # parked here
    second = counter.call_next("W01")  # call-next skips held tickets
    assert second.number == "A002"
    counter.ticket_action("W01", second.ticket_id, A.START)
    counter.finish_ticket("W01", second.ticket_id, DONE)
    with pytest.raises(HubRejected) as info:
        counter.call_number("W02", "A001")  # parked at another window: out of turn here
    assert info.value.code == "reason_required"
    again = counter.call_number("W02", "A001", reason="材料已送到2号窗口")
    assert again.state is TicketState.CALLED and again.counter_code == "W02"
    assert again.called_at == first.called_at  # the first call time is kept
    with pytest.raises(HubRejected) as info:
        counter.call_number("W01", "A002")  # finished: cannot be called again
    assert info.value.code == "invalid_transition"
    with pytest.raises(HubRejected) as info:
        counter.call_number("W01", "A999")
    assert info.value.status == 404
    cancelled = counter.ticket_action("W01", third.ticket_id, A.CANCEL)
    assert cancelled.state is TicketState.CANCELLED and cancelled.ended_at is not None


def test_transfer_reissues_in_another_category_keeping_arrival(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    original = client.issue_ticket(TicketIssueRequest(category_code="general"))
    clock.advance(minutes=2)
    issue(client, "residence", id_number="360426199101010071")  # E001 arrived later
    called = counter.call_next("W01")
    moved = counter.transfer_ticket(
        "W01", called.ticket_id, TransferRequest(category_code="residence")
    )
    assert moved.number == "E002" and moved.issued_at == original.issued_at
    assert client.get_ticket(called.ticket_id).state is TicketState.TRANSFERRED
    # Kept its original arrival: served before E001 at the residence counter.
    assert counter.call_next("W05").number == "E002"


def test_hall_kiosks_cannot_call_numbers(client: HubClient) -> None:
    issue(client)
    with pytest.raises(HubRejected) as info:
        client.call_next("W01")
    assert info.value.status == 403
