"""Counter operations on tickets: the queue state machine.

Theory of operation: a ticket moves issued → called → serving → done, with no-show (from called),
held (parked at a counter, from called or serving, called again later), cancelled (from issued or
held) and transferred (closes the ticket and issues a new one in another category that keeps the
original arrival time, so the citizen does not queue again from the back). Every transition is
one row in ``ticket_events``; the ticket keeps the first call, start and end times.
Call-next picks, among today's issued tickets of the counter's categories, appointment before
priority before normal, then by arrival; in PostgreSQL the row is locked with SKIP LOCKED so two
counters never call the same ticket (SQLite serialises the transactions instead).
"""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from contract import models as m
from hub import tickets as t
from hub.context import HubContext
from hub.db import CounterRow, Ticket
from hub.problems import HubProblem

S = m.TicketState
A = m.TicketAction

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[m.TicketAction, tuple[frozenset[S], S]] = {
    A.RECALL: (frozenset({S.CALLED}), S.CALLED),
    A.START: (frozenset({S.CALLED}), S.SERVING),
    A.FINISH: (frozenset({S.SERVING}), S.DONE),
    A.NO_SHOW: (frozenset({S.CALLED}), S.NO_SHOW),
    A.HOLD: (frozenset({S.CALLED, S.SERVING}), S.HELD),
    A.CANCEL: (frozenset({S.ISSUED, S.HELD}), S.CANCELLED),
}
CALLABLE = frozenset({S.ISSUED, S.HELD})
ACTIVE_AT_COUNTER = (S.CALLED.value, S.SERVING.value)

_PRIORITY_ORDER = case(
    (Ticket.priority == m.Priority.APPOINTMENT.value, 0),
    (Ticket.priority == m.Priority.PRIORITY.value, 1),
    else_=2,
)


def get_counter(session: Session, code: str) -> CounterRow:
    counter = session.get(CounterRow, code)
    if counter is None:
        raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown counter", "没有这个窗口。")
    return counter


def _busy_check(session: Session, counter: CounterRow, ctx: HubContext) -> None:
    active = session.execute(
        select(Ticket.number).where(
            Ticket.counter_code == counter.code,
            Ticket.service_date == ctx.today(),
            Ticket.state.in_(ACTIVE_AT_COUNTER),
        )
    ).scalar()
    if active is not None:
        raise HubProblem(
            409,
            m.ProblemCode.INVALID_TRANSITION,
            f"Counter {counter.code} still has ticket {active} open",
            f"请先办结或处理当前号码 {active}。",
        )


def _call(session: Session, ctx: HubContext, ticket: Ticket, counter: CounterRow) -> m.TicketView:
    now = ctx.now()
    ticket.counter_code = counter.code
    ticket.called_at = ticket.called_at or now
    t.record(session, ticket, S.CALLED, now)
    return t.view(session, ticket, t.get_category(session, ticket.category_code))


def call_next(ctx: HubContext, counter_code: str) -> m.TicketView:
    with ctx.transaction() as session:
        counter = get_counter(session, counter_code)
        _busy_check(session, counter, ctx)
        ticket = session.execute(
            select(Ticket)
            .where(
                Ticket.category_code.in_(counter.category_codes),
                Ticket.service_date == ctx.today(),
                Ticket.state == S.ISSUED.value,
            )
            .order_by(_PRIORITY_ORDER, Ticket.issued_at, Ticket.seq)
            .limit(1)
            .with_for_update(skip_locked=True)
        ).scalar()
        if ticket is None:
            raise HubProblem(
                404, m.ProblemCode.NO_TICKET_WAITING, "Nobody is waiting", "当前没有等候的号码。"
            )
        return _call(session, ctx, ticket, counter)


def call_specific(ctx: HubContext, counter_code: str, number: str) -> m.TicketView:
    with ctx.transaction() as session:
        counter = get_counter(session, counter_code)
        _busy_check(session, counter, ctx)
        ticket = session.execute(
            select(Ticket)
            .where(Ticket.number == number, Ticket.service_date == ctx.today())
            .order_by(Ticket.issued_at.desc())
            .limit(1)
            .with_for_update()
        ).scalar()
        if ticket is None:
            raise HubProblem(
                404, m.ProblemCode.NOT_FOUND, "Unknown number", f"今天没有 {number} 号。"
            )
        if S(ticket.state) not in CALLABLE:
            raise _invalid(ticket, "call")
        return _call(session, ctx, ticket, counter)


def _invalid(ticket: Ticket, action: str) -> HubProblem:
    return HubProblem(
        409,
        m.ProblemCode.INVALID_TRANSITION,
        f"Ticket {ticket.number} is {ticket.state}; cannot {action}",
        f"{ticket.number} 号当前状态不能进行此操作。",
    )


def _ticket_at_counter(session: Session, counter: CounterRow, ticket_id: str) -> Ticket:
    ticket = session.get(Ticket, ticket_id, with_for_update=True)
    if ticket is None:
        raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown ticket", "未找到该排队号。")
    if ticket.state != S.ISSUED.value and ticket.counter_code not in (None, counter.code):
        raise HubProblem(
            409,
            m.ProblemCode.INVALID_TRANSITION,
            f"Ticket {ticket.number} belongs to counter {ticket.counter_code}",
            f"{ticket.number} 号正在其他窗口办理。",
        )
    return ticket


def act(ctx: HubContext, counter_code: str, ticket_id: str, action: m.TicketAction) -> m.TicketView:
    sources, target = TRANSITIONS[action]
    with ctx.transaction() as session:
        counter = get_counter(session, counter_code)
        ticket = _ticket_at_counter(session, counter, ticket_id)
        if S(ticket.state) not in sources:
            raise _invalid(ticket, action.value)
        now = ctx.now()
        if action is A.RECALL:
            ticket.recall_count += 1
        elif action is A.START:
            ticket.started_at = now
        elif action is A.HOLD:
            ticket.held_at = now
        elif target in (S.DONE, S.NO_SHOW, S.CANCELLED):
            ticket.ended_at = now
        t.record(session, ticket, target, now)
        if target is S.HELD:
            ticket.counter_code = None  # parked: any counter may call it again
        return t.view(session, ticket, t.get_category(session, ticket.category_code))


def transfer(
    ctx: HubContext, counter_code: str, ticket_id: str, request: m.TransferRequest, base_url: str
) -> m.TicketIssued:
    with ctx.transaction() as session:
        counter = get_counter(session, counter_code)
        ticket = _ticket_at_counter(session, counter, ticket_id)
        if ticket.state not in (S.CALLED.value, S.SERVING.value, S.HELD.value):
            raise _invalid(ticket, "transfer")
        target = t.get_category(session, request.category_code)
        priority = m.Priority(ticket.priority) if request.keep_priority else m.Priority.NORMAL
        new = t.create_ticket(
            session,
            ctx,
            target,
            priority=priority,
            terminal_id=ticket.terminal_id,
            id_digest=ticket.id_digest,
            check_limit=False,  # the real-name limit was checked when the citizen queued
            appointment_code=ticket.appointment_code,
            transferred_from=ticket.ticket_id,
            issued_at=ticket.issued_at,  # keeps its place by original arrival
        )
        now = ctx.now()
        ticket.ended_at = now
        ticket.transferred_to = new.ticket_id
        t.record(session, ticket, S.TRANSFERRED, now)
        session.flush()
        return t.issued_model(session, new, target, base_url)


def list_counters(ctx: HubContext) -> list[m.CounterInfo]:
    with ctx.sessions() as session:
        rows = session.execute(select(CounterRow).order_by(CounterRow.code)).scalars()
        return [
            m.CounterInfo(code=r.code, name=r.name, category_codes=r.category_codes) for r in rows
        ]
