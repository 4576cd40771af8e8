"""The wait rate kept in memory between tickets (``hub.estimate.WaitRates``): a ticket is a few
statements, none of them the rate's, and the estimate still changes at once with every change
of this process that moves it (a service finished, a window paused, narrowed or closed), after
``seconds`` with one made behind the hub's back, and never goes back to a rate that a commit or
a rollback made stale."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, update

from contract import models as m
from hub import estimate, tickets
from hub.db import Base, CounterRow, Ticket, TicketCategoryRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

COUNTER = m.TerminalMode.COUNTER
GENERAL = m.TicketIssueRequest(category_code="general")  # 8 minutes standard; W01 and W02 serve it


@contextmanager
def statements(hub: EmbeddedHub) -> Iterator[list[str]]:
    """The SQL statements the hub runs meanwhile."""
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(hub.context.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(hub.context.engine, "before_cursor_execute", note)


def per_person(client: HubClient) -> float:
    """The minutes each person ahead adds for a newcomer (two newcomers: the estimate is
    rounded up), as issued and as followed."""
    rates = set()
    for _ in range(2):
        issued = client.issue_ticket(GENERAL)
        followed = client.get_ticket(issued.ticket_id)
        assert followed.estimated_wait_minutes == issued.estimated_wait_minutes
        assert issued.waiting_ahead and issued.estimated_wait_minutes is not None
        rates.add(issued.estimated_wait_minutes / issued.waiting_ahead)
    return min(rates)


def test_a_ticket_is_a_few_statements_and_none_reads_the_windows(
    hub: EmbeddedHub, client: HubClient
) -> None:
    client.issue_ticket(GENERAL)  # the queue's rate is read once
    built: list[object] = []

    def note(target: object, *_args: Any) -> None:
        built.append(target)

    sessions = hub.context._factory
    event.listen(Base, "init", note, propagate=True)
    event.listen(sessions, "do_orm_execute", note)
    try:
        with statements(hub) as seen:
            issued = client.issue_ticket(GENERAL)  # with an Idempotency-Key, as kiosks send
    finally:
        event.remove(Base, "init", note)
        event.remove(sessions, "do_orm_execute", note)
    assert issued.waiting_ahead == 1 and issued.estimated_wait_minutes == 4  # 8 min, 2 windows
    assert not [s for s in seen if "counter_sessions" in s]  # the rate came from memory
    assert not [s for s in seen if "ticket_categories" in s]  # and so did the category
    # The key's check, the number, the ticket, its log row, its place (one count), the events
    # (one insert); BEGIN on SQLite, the log's lock and NOTIFY on PostgreSQL.
    assert len(seen) == (7 if hub.context.engine.dialect.name == "sqlite" else 8), seen
    assert not built  # plain statements and rows only: the ORM's cost more than SQLite's


def test_a_walk_in_ticket_with_an_id_checks_the_person_with_one_plain_statement(
    hub: EmbeddedHub, client: HubClient
) -> None:
    with_id = m.TicketIssueRequest(category_code="general", id_number="11010519491231002X")
    orm: list[object] = []

    def note(state: object) -> None:
        orm.append(state)

    event.listen(hub.context._factory, "do_orm_execute", note)
    try:
        with statements(hub) as seen:
            client.issue_ticket(with_id)
    finally:
        event.remove(hub.context._factory, "do_orm_execute", note)
    assert not orm
    assert len([s for s in seen if "id_digest = " in s]) == 1


def test_finishing_pausing_narrowing_and_closing_move_the_estimate_at_once(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    # The counter fixture signed clerks in at W01-W05: W01 and W02 serve the general queue.
    client.issue_ticket(GENERAL)
    assert per_person(client) == 4  # the standard 8 minutes over two windows
    called = counter.call_next("W01")
    counter.ticket_action("W01", called.ticket_id, m.TicketAction.START)
    clock.advance(minutes=2)
    counter.finish_ticket("W01", called.ticket_id, m.FinishRequest(outcome=m.ServiceOutcome.DONE))
    assert per_person(client) == 1  # a 2-minute service over two windows
    pause = m.WindowStateChange(state=m.WindowState.PAUSED, reason=m.PauseReason.MEETING)
    counter.set_window_state("W02", pause)
    assert per_person(client) == 2  # W01 alone
    counter.set_window_state("W02", m.WindowStateChange(state=m.WindowState.OPEN))
    counter.choose_queues("W01", m.QueueChoice(category_codes=["social_security"]))
    assert per_person(client) == 2  # W02 alone: W01 calls another queue today
    counter.choose_queues("W01", m.QueueChoice(category_codes=[]))
    counter.sign_out_clerk("W02")
    assert per_person(client) == 2  # W01 alone again


def test_a_change_behind_the_hubs_back_shows_after_the_rates_time(
    hub: EmbeddedHub, client: HubClient
) -> None:
    rates = hub.context.wait_rates
    now = [0.0]
    rates.clock = lambda: now[0]
    client.issue_ticket(GENERAL)
    assert per_person(client) == 4
    with hub.context.engine.begin() as connection:  # as another program would (no session)
        connection.execute(
            update(CounterRow).where(CounterRow.code == "W02").values(category_codes=["business"])
        )
    now[0] += rates.seconds / 2
    assert per_person(client) == 4  # kept for a while
    now[0] += rates.seconds
    assert per_person(client) == 8  # W01 alone now


def test_a_category_changed_behind_the_hubs_back_shows_after_the_rates_time(
    hub: EmbeddedHub, client: HubClient
) -> None:
    rates = hub.context.wait_rates
    now = [0.0]
    rates.clock = lambda: now[0]
    client.issue_ticket(GENERAL)
    with hub.context.engine.begin() as connection:  # as another program would (no session)
        connection.execute(
            update(TicketCategoryRow)
            .where(TicketCategoryRow.code == "general")
            .values(active=False)
        )
    now[0] += rates.seconds / 2
    client.issue_ticket(GENERAL)  # kept for a while
    now[0] += rates.seconds
    with pytest.raises(HubRejected) as info:
        client.issue_ticket(GENERAL)
    assert info.value.code == "category_closed"


def test_a_rate_read_before_a_commit_is_not_kept(hub: EmbeddedHub, client: HubClient) -> None:
    """A reader whose snapshot predates a window's pause reads the old rate: it may show it,
    not keep it for the next tickets."""
    ctx = hub.context
    client.issue_ticket(GENERAL)
    ctx.wait_rates.forget()
    with ctx.reading() as session:
        category = tickets.get_category(session, "general")  # its snapshot starts here
        closed = threading.Thread(target=close_w02, args=(ctx,))
        closed.start()
        closed.join(10)
        read = estimate.wait_rate(session, category, ctx.today()).windows
        # SQLite reads as of its snapshot; PostgreSQL's statements see the last commit.
        assert read == (2 if ctx.engine.dialect.name == "sqlite" else 1)
    with ctx.reading() as session:
        assert estimate.wait_rate(session, category, ctx.today()).windows == 1


def close_w02(ctx: Any) -> None:
    with ctx.transaction() as session:
        row = session.get(CounterRow, "W02")
        row.category_codes = ["business"]


def test_a_rate_read_with_changes_that_roll_back_is_not_kept(
    hub: EmbeddedHub, client: HubClient, clock: Any
) -> None:
    ctx = hub.context
    first = client.issue_ticket(GENERAL)
    ctx.wait_rates.forget()
    with ctx.sessions() as session:
        ticket = session.get(Ticket, first.ticket_id)
        assert ticket is not None
        ticket.state = m.TicketState.DONE.value  # a one-minute service, never committed
        ticket.started_at, ticket.ended_at = ctx.now(), ctx.now() + timedelta(minutes=1)
        session.flush()
        category = tickets.get_category(session, "general")
        assert estimate.wait_rate(session, category, ctx.today()).service_minutes == 1
        session.rollback()
    with ctx.reading() as session:
        assert estimate.wait_rate(session, category, ctx.today()).service_minutes == 8


def test_a_new_day_has_its_own_rate(
    hub: EmbeddedHub, client: HubClient, clock: Any, clerks: Any
) -> None:
    with HubClient(hub.base_url, token=hub.register_terminal("desk-01", mode=COUNTER)) as desk:
        clerks.sign_in(desk, "W01")
    client.issue_ticket(GENERAL)
    assert per_person(client) == 8  # W01 alone today
    clock.advance(days=7)  # a week later, nobody signed in yet
    client.issue_ticket(GENERAL)
    assert per_person(client) == 4  # every window that serves the queue: W01 and W02


def test_services_written_many_at_once_move_the_estimate_at_once(
    hub: EmbeddedHub, client: HubClient
) -> None:
    ctx = hub.context
    for _ in range(3):
        client.issue_ticket(GENERAL)
    assert per_person(client) == 4
    now = ctx.now()
    with ctx.transaction() as session:  # one UPDATE for many rows, as a bulk correction would
        session.execute(
            update(Ticket)
            .where(Ticket.state == m.TicketState.ISSUED.value)
            .values(state="done", started_at=now - timedelta(minutes=6), ended_at=now)
        )
    client.issue_ticket(GENERAL)
    assert per_person(client) == 3  # 6 minutes over two windows
