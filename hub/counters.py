"""A window at work: its session and state, calling, and the ticket state machine.

Theory of operation. A ticket moves issued → called → serving → done, with no-show (from called,
after the hall's number of calls), held (parked at the window while the citizen fetches a
document, called back from there), cancelled (from issued or held) and transferred (closes the
ticket and issues a new one — in another queue, or for one window or one clerk — that keeps the
original arrival and priority, so the citizen does not queue again from the back). Every
transition is one row in ``ticket_events`` (with the clerk, and the reason of a call out of
turn); the ticket keeps its first call, last call, start and end times and the outcome.

Only a signed-in window calls (``hub.clerks``), from the queues it serves: the window's, those
of its clerk ([] = all), narrowed by the clerk for the day. Call-next takes priority (老弱病残孕)
before appointments before the rest, each by arrival; a ticket transferred to this window or
clerk is theirs alone. In PostgreSQL the row is locked with SKIP LOCKED so two windows never call
the same ticket (SQLite serialises the transactions instead). Every calling click carries an
Idempotency-Key: the answer is stored with it, and a repeat gets that answer, not a second call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub import events
from hub import tickets as t
from hub.catalog import item_in
from hub.clerks import clerk_model, log
from hub.context import HubContext, request_hash
from hub.db import (
    CounterRequest,
    CounterRow,
    CounterSessionRow,
    EvaluationRow,
    KeyValue,
    StaffRow,
    Terminal,
    Ticket,
)
from hub.problems import HubProblem

S = m.TicketState
A = m.TicketAction
P = m.ProblemCode

# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[m.TicketAction, tuple[frozenset[S], S]] = {
    A.RECALL: (frozenset({S.CALLED}), S.CALLED),
    A.START: (frozenset({S.CALLED}), S.SERVING),
    A.NO_SHOW: (frozenset({S.CALLED}), S.NO_SHOW),
    A.HOLD: (frozenset({S.CALLED, S.SERVING}), S.HELD),
    A.CANCEL: (frozenset({S.ISSUED, S.HELD}), S.CANCELLED),
}
ACTIVE_AT_COUNTER = (S.CALLED.value, S.SERVING.value)
ANNOUNCED = {
    A.RECALL: "ticket.recalled",
    A.START: "ticket.started",
    A.NO_SHOW: "ticket.no_show",
    A.HOLD: "ticket.parked",
    A.CANCEL: "ticket.cancelled",
}
POLICY_KEY = "calling_policy"
Answer = TypeVar("Answer", bound=BaseModel)


def window_event(
    session: Session,
    counter: CounterRow,
    state: m.WindowState,
    at: datetime,
    reason: str | None = None,
) -> None:
    kind = {"open": "window.opened", "paused": "window.paused", "closed": "window.closed"}
    extra = {"reason": reason} if reason else {}
    events.emit(
        session,
        kind[state.value],
        at,
        counter_code=counter.code,
        counter_name=counter.name,
        **extra,
    )


def get_counter(session: Session, code: str) -> CounterRow:
    counter = session.get(CounterRow, code)
    if counter is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown counter", "没有这个窗口。")
    return counter


def policy(session: Session) -> m.CallingPolicy:
    row = session.get(KeyValue, POLICY_KEY)
    return m.CallingPolicy.model_validate_json(row.value) if row else m.CallingPolicy()


def save_policy(session: Session, value: m.CallingPolicy) -> None:
    row = session.get(KeyValue, POLICY_KEY) or KeyValue(key=POLICY_KEY)
    row.value = value.model_dump_json()
    session.add(row)


@dataclass(slots=True)
class Window:
    """A signed-in window, as one request sees it."""

    counter: CounterRow
    row: CounterSessionRow
    clerk: StaffRow
    policy: m.CallingPolicy

    @property
    def categories(self) -> list[str]:
        """The queues it calls from: the window's, the clerk's ([] = all), today's choice."""
        codes = [c for c in self.counter.category_codes if _allowed(self.clerk, c)]
        chosen = self.row.chosen_categories
        return [c for c in codes if c in chosen] if chosen else codes


def _allowed(clerk: StaffRow, category: str) -> bool:
    return not clerk.category_codes or category in clerk.category_codes


def signed_in(session: Session, ctx: HubContext, terminal: Terminal, code: str) -> Window:
    """The window ``code`` as signed in at ``terminal`` today, or a problem saying why not."""
    counter = get_counter(session, code)
    row = session.get(CounterSessionRow, code)
    if row is None or row.service_date != ctx.today():
        raise HubProblem(409, P.NOT_SIGNED_IN, "Nobody is signed in", "请先登录窗口。")
    if row.terminal_id != terminal.terminal_id:
        raise HubProblem(
            409, P.NOT_SIGNED_IN, "Signed in at another terminal", "该窗口已在其他终端登录。"
        )
    clerk = session.get(StaffRow, row.staff_no)
    assert clerk is not None  # a foreign key
    return Window(counter, row, clerk, policy(session))


def idempotent(
    ctx: HubContext,
    terminal: Terminal,
    key: str | None,
    request: dict[str, Any],
    answer: type[Answer],
    run: Callable[[Session], Answer],
) -> Answer:
    """Run a calling click once per Idempotency-Key; a repeat gets the stored answer."""
    if not key:
        raise HubProblem(
            428, P.IDEMPOTENCY_KEY_REQUIRED, "Idempotency-Key header required", "操作失败，请重试。"
        )
    digest = request_hash(request)

    def stored(session: Session) -> Answer | None:
        row = session.get(CounterRequest, (terminal.terminal_id, key))
        if row is None:
            return None
        if row.request_hash != digest:
            raise HubProblem(
                409,
                P.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key reused with a different request",
                "重复提交的内容不一致，请重新操作。",
            )
        return answer.model_validate(row.response)

    try:
        with ctx.transaction() as session:
            if (earlier := stored(session)) is not None:
                return earlier
            result = run(session)
            session.add(
                CounterRequest(
                    terminal_id=terminal.terminal_id,
                    idempotency_key=key,
                    request_hash=digest,
                    response=result.model_dump(mode="json"),
                    at=ctx.now(),
                )
            )
            return result
    except IntegrityError:  # the same click committed concurrently (PostgreSQL)
        with ctx.sessions() as session:
            if (earlier := stored(session)) is None:
                raise
            return earlier


def _busy_check(session: Session, ctx: HubContext, window: Window) -> None:
    active = session.execute(
        select(Ticket.number).where(
            Ticket.counter_code == window.counter.code,
            Ticket.service_date == ctx.today(),
            Ticket.state.in_(ACTIVE_AT_COUNTER),
        )
    ).scalar()
    if active is not None:
        raise HubProblem(
            409,
            P.INVALID_TRANSITION,
            f"Counter {window.counter.code} still has ticket {active} open",
            f"请先办结或处理当前号码 {active}。",
        )
    if window.row.state != m.WindowState.OPEN.value:
        raise HubProblem(409, P.WINDOW_PAUSED, "Window not open", "窗口暂停服务中，请先恢复服务。")


def _call(
    session: Session,
    ctx: HubContext,
    ticket: Ticket,
    window: Window,
    detail: dict[str, Any] | None = None,
) -> m.CounterTicket:
    now = ctx.now()
    ticket.counter_code = window.counter.code
    ticket.called_at = ticket.called_at or now
    ticket.last_called_at = now
    ticket.recall_count = 0
    ticket.staff_no = window.clerk.staff_no
    _record(session, ticket, S.CALLED, now, window, detail)
    _announce(session, "ticket.called", ticket, window, now)
    t.queue_changed(session, ticket.category_code, ticket.service_date, now)
    return counter_ticket(session, ticket)


def _announce(
    session: Session, kind: str, ticket: Ticket, window: Window, at: datetime, **more: Any
) -> None:
    events.emit(
        session,
        kind,
        at,
        number=ticket.number,
        category_code=ticket.category_code,
        counter_code=window.counter.code,
        counter_name=window.counter.name,
        calls=1 + ticket.recall_count,
        **more,
    )


def _record(
    session: Session,
    ticket: Ticket,
    state: S,
    at: datetime,
    window: Window,
    detail: dict[str, Any] | None = None,
) -> None:
    t.record(session, ticket, state, at, staff_no=window.clerk.staff_no, detail=detail)


def call_next(session: Session, ctx: HubContext, window: Window) -> m.CounterTicket:
    _busy_check(session, ctx, window)
    ticket = session.execute(
        select(Ticket)
        .where(
            Ticket.service_date == ctx.today(),
            Ticket.state == S.ISSUED.value,
            _callable_by(window),
        )
        .order_by(t.CALL_ORDER, Ticket.issued_at, Ticket.seq)
        .limit(1)
        .with_for_update(skip_locked=True)
    ).scalar()
    if ticket is None:
        raise HubProblem(404, P.NO_TICKET_WAITING, "Nobody is waiting", "当前没有等候的号码。")
    return _call(session, ctx, ticket, window)


def _callable_by(window: Window) -> Any:
    """Tickets of the window's queues not meant for someone else, and those meant for it."""
    return or_(
        and_(
            Ticket.category_code.in_(window.categories),
            Ticket.for_counter.is_(None),
            Ticket.for_staff.is_(None),
        ),
        Ticket.for_counter == window.counter.code,
        Ticket.for_staff == window.clerk.staff_no,
    )


def call_number(
    session: Session, ctx: HubContext, window: Window, request: m.CallSpecific
) -> m.CounterTicket:
    """A chosen number: one parked here is called back; any other waiting one is called out of
    turn, with a reason that is kept."""
    _busy_check(session, ctx, window)
    ticket = session.execute(
        select(Ticket)
        .where(Ticket.number == request.number, Ticket.service_date == ctx.today())
        .order_by(Ticket.issued_at.desc())
        .limit(1)
        .with_for_update()
    ).scalar()
    if ticket is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown number", f"今天没有 {request.number} 号。")
    parked_here = ticket.state == S.HELD.value and ticket.counter_code == window.counter.code
    if ticket.state not in (S.ISSUED.value, S.HELD.value):
        raise _invalid(ticket, "call")
    if parked_here:
        return _call(session, ctx, ticket, window, {"called_back": True})
    reason = request.reason.strip()
    if not reason:
        raise HubProblem(
            422, P.REASON_REQUIRED, "Calling out of turn needs a reason", "跳号呼叫须填写原因。"
        )
    log(session, window.counter.code, window.clerk.staff_no, "called_out_of_turn", ctx.now(), {
        "number": ticket.number, "reason": reason,
    })  # fmt: skip
    return _call(session, ctx, ticket, window, {"out_of_turn": reason})


def _invalid(ticket: Ticket, action: str) -> HubProblem:
    return HubProblem(
        409,
        P.INVALID_TRANSITION,
        f"Ticket {ticket.number} is {ticket.state}; cannot {action}",
        f"{ticket.number} 号当前状态不能进行此操作。",
    )


def _ticket_here(session: Session, window: Window, ticket_id: str) -> Ticket:
    ticket = session.get(Ticket, ticket_id, with_for_update=True)
    if ticket is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown ticket", "未找到该排队号。")
    if ticket.state != S.ISSUED.value and ticket.counter_code != window.counter.code:
        raise HubProblem(
            409,
            P.INVALID_TRANSITION,
            f"Ticket {ticket.number} belongs to counter {ticket.counter_code}",
            f"{ticket.number} 号正在其他窗口办理。",
        )
    return ticket


def act(
    session: Session, ctx: HubContext, window: Window, ticket_id: str, action: m.TicketAction
) -> m.CounterTicket:
    sources, target = TRANSITIONS[action]
    ticket = _ticket_here(session, window, ticket_id)
    if S(ticket.state) not in sources:
        raise _invalid(ticket, action.value)
    now = ctx.now()
    rules = window.policy
    if action is A.RECALL:
        if ticket.recall_count >= rules.recall_limit:
            raise HubProblem(
                409,
                P.RECALL_LIMIT_REACHED,
                "No more recalls",
                f"已重呼 {ticket.recall_count} 次，请开始办理或标记过号。",
            )
        since = (now - (ticket.last_called_at or now)).total_seconds()
        if since < rules.recall_gap_seconds:
            wait = int(rules.recall_gap_seconds - since) + 1
            raise HubProblem(409, P.RECALL_TOO_SOON, "Recall too soon", f"请 {wait} 秒后再重呼。")
        ticket.recall_count += 1
        ticket.last_called_at = now
    elif action is A.NO_SHOW and 1 + ticket.recall_count < rules.no_show_after_calls:
        raise HubProblem(
            409,
            P.NO_SHOW_TOO_EARLY,
            "Call again before no-show",
            f"至少呼叫 {rules.no_show_after_calls} 次后才能标记过号。",
        )
    elif action is A.START:
        ticket.started_at = now
        ticket.staff_no = window.clerk.staff_no
    elif action is A.HOLD:
        ticket.held_at = now  # stays at this window: its parked list, called back from there
    was_waiting = ticket.state == S.ISSUED.value
    if target in (S.NO_SHOW, S.CANCELLED):
        ticket.ended_at = now
    _record(session, ticket, target, now, window)
    _announce(session, ANNOUNCED[action], ticket, window, now)
    if was_waiting:
        t.queue_changed(session, ticket.category_code, ticket.service_date, now)
    return counter_ticket(session, ticket)


def finish(
    session: Session, ctx: HubContext, window: Window, ticket_id: str, request: m.FinishRequest
) -> m.CounterTicket:
    ticket = _ticket_here(session, window, ticket_id)
    if ticket.state != S.SERVING.value:
        raise _invalid(ticket, "finish")
    now = ctx.now()
    ticket.ended_at = now
    ticket.outcome = request.outcome.value
    window.row.rating_ticket_id, window.row.rating_since = ticket.ticket_id, now  # the pad asks
    detail = {"outcome": request.outcome.value, "note": request.note} if request.note else None
    _record(session, ticket, S.DONE, now, window, detail or {"outcome": request.outcome.value})
    _announce(session, "ticket.finished", ticket, window, now, outcome=request.outcome.value)
    return counter_ticket(session, ticket)


def transfer(
    session: Session,
    ctx: HubContext,
    window: Window,
    ticket_id: str,
    request: m.TransferRequest,
    base_url: str,
) -> m.TicketIssued:
    ticket = _ticket_here(session, window, ticket_id)
    if ticket.state not in (S.CALLED.value, S.SERVING.value, S.HELD.value):
        raise _invalid(ticket, "transfer")
    target = t.get_category(session, request.category_code or ticket.category_code)
    if request.counter_code is not None:
        get_counter(session, request.counter_code)
    if request.staff_no is not None and session.get(StaffRow, request.staff_no) is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown clerk", "没有这位工作人员。")
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
        item_code=ticket.item_code if request.category_code is None else None,
        for_counter=request.counter_code,
        for_staff=request.staff_no,
        note=request.note,
    )
    now = ctx.now()
    ticket.ended_at = now
    ticket.transferred_to = new.ticket.ticket_id
    detail = {"to": new.ticket.number, "note": request.note}
    _record(session, ticket, S.TRANSFERRED, now, window, detail)
    _announce(session, "ticket.transferred", ticket, window, now, to=new.ticket.number)
    session.flush()
    return t.issued_model(session, new.ticket, target, base_url, ahead=new.ahead)


def counter_ticket(session: Session, ticket: Ticket) -> m.CounterTicket:
    category = t.get_category(session, ticket.category_code)
    item = item_in(session, ticket.item_code) if ticket.item_code else None
    return m.CounterTicket(
        ticket_id=ticket.ticket_id,
        number=ticket.number,
        category_code=ticket.category_code,
        category_name=category.name,
        state=S(ticket.state),
        priority=m.Priority(ticket.priority),
        counter_code=ticket.counter_code,
        issued_at=ticket.issued_at,
        called_at=ticket.called_at,
        last_called_at=ticket.last_called_at,
        started_at=ticket.started_at,
        ended_at=ticket.ended_at,
        calls=(1 + ticket.recall_count) if ticket.called_at else 0,
        outcome=m.ServiceOutcome(ticket.outcome) if ticket.outcome else None,
        item_code=ticket.item_code,
        item_name=item.name if item else "",
        appointment_code=ticket.appointment_code,
        real_name=ticket.id_digest is not None,
        note=ticket.note or "",
        standard_minutes=category.default_service_minutes,
    )


def not_rated(ctx: HubContext, terminal: Terminal, code: str, ticket_id: str) -> None:
    """The citizen let the rating pad time out: kept as a fact, never turned into a rating.
    Sent by the window itself (a pad on its second screen) or by its paired pad terminal."""
    with ctx.transaction() as session:
        row = _window_for_pad(session, ctx, terminal, code)
        ticket = session.get(Ticket, ticket_id)
        if ticket is None or ticket.counter_code != code:
            raise HubProblem(404, P.NOT_FOUND, "Not this window's ticket", "未找到该排队号。")
        if ticket.state != S.DONE.value:
            raise _invalid(ticket, "record not rated")
        if row.rating_ticket_id == ticket_id:
            row.rating_ticket_id = row.rating_since = None
        log(session, code, ticket.staff_no, "not_rated", ctx.now(), {"ticket": ticket.ticket_id})


def pair_pad(ctx: HubContext, terminal: Terminal, code: str) -> m.PadView:
    """A rating-pad terminal pairs itself with window ``code`` (replacing an earlier pad)."""
    if terminal.mode != m.TerminalMode.RATING_PAD.value:
        raise HubProblem(403, P.FORBIDDEN, "Rating pads only", "只有评价器可以与窗口配对。")
    with ctx.transaction() as session:
        counter = get_counter(session, code)
        counter.pad_terminal_id = terminal.terminal_id
        log(session, code, None, "pad_paired", ctx.now(), {"terminal": terminal.terminal_id})
    return pad_view(ctx, terminal, code)


def pad_view(ctx: HubContext, terminal: Terminal, code: str) -> m.PadView:
    with ctx.sessions() as session:
        row = _window_for_pad(session, ctx, terminal, code, required=False)
        rating = None
        if row is not None and row.rating_ticket_id and row.rating_since:
            age = (ctx.now() - row.rating_since).total_seconds()
            ticket = session.get(Ticket, row.rating_ticket_id)
            rated = session.execute(
                select(EvaluationRow.id).where(
                    EvaluationRow.subject_type == m.SubjectType.TICKET.value,
                    EvaluationRow.subject_id == row.rating_ticket_id,
                )
            ).first()
            if (
                ticket is not None
                and rated is None
                and age < policy(session).rating_timeout_seconds
            ):
                rating = counter_ticket(session, ticket)
    return m.PadView(window=window_session(ctx, code), rating=rating)


def _window_for_pad(
    session: Session, ctx: HubContext, terminal: Terminal, code: str, *, required: bool = True
) -> Any:
    """The window's session row, for the window itself or for its paired pad."""
    counter = get_counter(session, code)
    row = session.get(CounterSessionRow, code)
    if terminal.mode == m.TerminalMode.RATING_PAD.value:
        if counter.pad_terminal_id != terminal.terminal_id:
            raise HubProblem(403, P.FORBIDDEN, "Not this window's pad", "评价器未与该窗口配对。")
    elif row is None or row.terminal_id != terminal.terminal_id:
        raise HubProblem(409, P.NOT_SIGNED_IN, "Nobody is signed in", "请先登录窗口。")
    if row is None or row.service_date != ctx.today():
        if required:
            raise HubProblem(409, P.NOT_SIGNED_IN, "Nobody is signed in", "该窗口未登录。")
        return None
    return row


# -- the window's session and lists (not clicks: no idempotency needed)


def window_session(ctx: HubContext, code: str) -> m.CounterSession:
    with ctx.sessions() as session:
        counter = get_counter(session, code)
        row = session.get(CounterSessionRow, code)
        rules = policy(session)
        if row is None or row.service_date != ctx.today():
            return m.CounterSession(
                counter_code=counter.code,
                counter_name=counter.name,
                clerk=None,
                state=m.WindowState.CLOSED,
                pause_reason=None,
                pause_note="",
                state_since=row.state_since if row else ctx.now(),
                category_codes=list(counter.category_codes),
                serving=None,
                policy=rules,
            )
        clerk = session.get(StaffRow, row.staff_no)
        assert clerk is not None
        window = Window(counter, row, clerk, rules)
        active = session.execute(
            select(Ticket).where(
                Ticket.counter_code == code,
                Ticket.service_date == ctx.today(),
                Ticket.state.in_(ACTIVE_AT_COUNTER),
            )
        ).scalar()
        return m.CounterSession(
            counter_code=counter.code,
            counter_name=counter.name,
            clerk=clerk_model(clerk),
            state=m.WindowState(row.state),
            pause_reason=m.PauseReason(row.pause_reason) if row.pause_reason else None,
            pause_note=row.pause_note,
            state_since=row.state_since,
            category_codes=window.categories,
            serving=counter_ticket(session, active) if active is not None else None,
            policy=rules,
        )


def change_state(
    ctx: HubContext, terminal: Terminal, code: str, change: m.WindowStateChange
) -> m.CounterSession:
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, code)
        now = ctx.now()
        window.row.state = change.state.value
        window.row.pause_reason = change.reason.value if change.reason else None
        window.row.pause_note = change.note.strip()
        window.row.state_since = now
        log(session, code, window.clerk.staff_no, f"window_{change.state.value}", now, {
            "reason": window.row.pause_reason, "note": window.row.pause_note,
        })  # fmt: skip
        window_event(session, window.counter, change.state, now, window.row.pause_reason)
    return window_session(ctx, code)


def choose_queues(
    ctx: HubContext, terminal: Terminal, code: str, choice: m.QueueChoice
) -> m.CounterSession:
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, code)
        window.row.chosen_categories = []
        unknown = set(choice.category_codes) - set(window.categories)
        if unknown:
            raise HubProblem(
                422,
                P.VALIDATION_FAILED,
                f"Not this window's queues: {sorted(unknown)}",
                "只能在本窗口的排队业务中选择。",
            )
        window.row.chosen_categories = list(choice.category_codes)
    return window_session(ctx, code)


def sign_out(ctx: HubContext, terminal: Terminal, code: str) -> m.CounterSession:
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, code)
        log(session, code, window.clerk.staff_no, "signed_out", ctx.now(), {"by": "clerk"})
        window_event(session, window.counter, m.WindowState.CLOSED, ctx.now())
        session.delete(window.row)
    return window_session(ctx, code)


def window_queues(ctx: HubContext, terminal: Terminal, code: str) -> m.CounterQueues:
    """Who waits for this window (call order) and who is parked here, for the clerk's lists."""
    with ctx.sessions() as session:
        window = signed_in(session, ctx, terminal, code)
        today = ctx.today()
        waiting = session.execute(
            select(Ticket)
            .where(Ticket.service_date == today, Ticket.state == S.ISSUED.value)
            .where(_callable_by(window))
            .order_by(t.CALL_ORDER, Ticket.issued_at, Ticket.seq)
            .limit(200)
        ).scalars()
        parked = session.execute(
            select(Ticket)
            .where(
                Ticket.service_date == today,
                Ticket.state == S.HELD.value,
                Ticket.counter_code == code,
            )
            .order_by(Ticket.held_at)
        ).scalars()
        return m.CounterQueues(
            waiting=[_waiting(ticket, window) for ticket in waiting],
            parked=[_waiting(ticket, window) for ticket in parked],
        )


def _waiting(ticket: Ticket, window: Window) -> m.WaitingTicket:
    return m.WaitingTicket(
        ticket_id=ticket.ticket_id,
        number=ticket.number,
        category_code=ticket.category_code,
        priority=m.Priority(ticket.priority),
        state=S(ticket.state),
        issued_at=ticket.issued_at,
        appointment=ticket.appointment_code is not None,
        real_name=ticket.id_digest is not None,
        for_this_window=(
            ticket.for_counter == window.counter.code or ticket.for_staff == window.clerk.staff_no
        ),
        note=ticket.note or "",
    )


def list_counters(ctx: HubContext) -> list[m.CounterInfo]:
    with ctx.sessions() as session:
        rows = session.execute(select(CounterRow).order_by(CounterRow.code)).scalars()
        return [
            m.CounterInfo(code=r.code, name=r.name, category_codes=r.category_codes) for r in rows
        ]


def window_statuses(ctx: HubContext) -> list[m.WindowStatus]:
    """Every window as the hall's screens show it."""
    today = ctx.today()
    with ctx.reading() as session:
        counters = session.execute(select(CounterRow).order_by(CounterRow.code)).scalars().all()
        rows = {r.counter_code: r for r in session.execute(select(CounterSessionRow)).scalars()}
        clerks = {c.staff_no: c for c in session.execute(select(StaffRow)).scalars()}
        serving = dict(
            session.execute(
                select(Ticket.counter_code, Ticket.number).where(
                    Ticket.service_date == today, Ticket.state.in_(ACTIVE_AT_COUNTER)
                )
            ).all()
        )
        out = []
        for counter in counters:
            row = rows.get(counter.code)
            open_ = row is not None and row.service_date == today
            out.append(
                m.WindowStatus(
                    counter_code=counter.code,
                    counter_name=counter.name,
                    state=m.WindowState(row.state) if open_ and row else m.WindowState.CLOSED,
                    pause_reason=(
                        m.PauseReason(row.pause_reason)
                        if open_ and row and row.pause_reason
                        else None
                    ),
                    state_since=row.state_since if row else ctx.now(),
                    serving_number=serving.get(counter.code),
                    clerk=clerk_model(clerks[row.staff_no]) if open_ and row else None,
                )
            )
        return out
