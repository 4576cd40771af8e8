"""Queue tickets: gap-free numbering per category and day, priorities, limits, waiting estimate.

Theory of operation: a ticket number is ``prefix + seq`` where ``seq`` comes from one row per
(category, service date) in ``ticket_sequences``, incremented with ``UPDATE ... RETURNING`` in the
same transaction that inserts the ticket. If anything refuses the ticket afterwards, the whole
transaction rolls back and the number is not used: no gaps. A new service date starts a new row:
the daily reset.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, bindparam, case, func, insert, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub import events
from hub.catalog import item_in
from hub.context import HubContext, request_hash
from hub.db import (
    Terminal,
    Ticket,
    TicketCategoryRow,
    TicketEvent,
    TicketSequence,
)
from hub.estimate import RATES, Queue, WaitRates, wait_rate
from hub.problems import HubProblem
from hub.sequences import next_value

OPEN_STATES = (
    m.TicketState.ISSUED.value,
    m.TicketState.CALLED.value,
    m.TicketState.SERVING.value,
    m.TicketState.HELD.value,
)
# The call order: 老弱病残孕 first, then appointments, then everyone else; each by arrival.
PRIORITY_RANK = {m.Priority.PRIORITY.value: 0, m.Priority.APPOINTMENT.value: 1}


CALL_ORDER = case(PRIORITY_RANK, value=Ticket.priority, else_=2)  # in SQL, as rank() says


def rank(priority: str) -> int:
    return PRIORITY_RANK.get(priority, 2)


@dataclass(frozen=True, slots=True)
class Category:
    """A ticket category's row, as read for one request (cheaper to build than the ORM row:
    it is read on every ticket)."""

    code: str
    name: str
    name_en: str
    prefix: str
    range_start: int
    range_end: int
    step: int
    daily_cap: int | None
    real_name_limit: bool
    default_service_minutes: int
    active: bool
    sort_order: int


def category_model(row: Category | TicketCategoryRow) -> m.TicketCategory:
    return m.TicketCategory(
        code=row.code,
        name=row.name,
        name_en=row.name_en,
        prefix=row.prefix,
        range_start=row.range_start,
        range_end=row.range_end,
        step=row.step,
        daily_cap=row.daily_cap,
        real_name_limit=row.real_name_limit,
        default_service_minutes=row.default_service_minutes,
        active=row.active,
    )


def list_categories(ctx: HubContext) -> list[m.TicketCategory]:
    with ctx.sessions() as session:
        rows = session.execute(
            select(TicketCategoryRow).order_by(TicketCategoryRow.sort_order, TicketCategoryRow.code)
        ).scalars()
        return [category_model(r) for r in rows]


_CATEGORY = select(*TicketCategoryRow.__table__.columns).where(
    TicketCategoryRow.code == bindparam("code")
)


def get_category(session: Session, code: str) -> Category:
    """A copy of the category's row, to read: kept in memory with the wait rates when the
    session carries them (``hub.estimate``), as every ticket reads it."""
    rates: WaitRates | None = session.info.get(RATES)
    category = (
        read_category(session, code)
        if rates is None
        else rates.category(session, code, read_category)
    )
    if category is None:
        raise HubProblem(
            404, m.ProblemCode.UNKNOWN_CATEGORY, "Unknown ticket category", "没有这项排队业务。"
        )
    return category


def read_category(session: Session, code: str) -> Category | None:
    """The category's row from the database (a plain select: cheaper than the identity map)."""
    row = session.connection().execute(_CATEGORY, {"code": code}).first()
    return None if row is None else Category(**row._mapping)


def _next_seq(session: Session, category: Category, day: date) -> tuple[int, int]:
    """(n, number value): the n-th ticket of the day gets range_start + (n - 1) * step."""
    keys = {"category_code": category.code, "service_date": day}
    issued_today = next_value(session, TicketSequence, keys, start=1)
    value = category.range_start + (issued_today - 1) * category.step
    if value > category.range_end or (category.daily_cap and issued_today > category.daily_cap):
        raise HubProblem(
            409,
            m.ProblemCode.DAILY_CAP_REACHED,
            "Daily ticket range exhausted",
            f"今日「{category.name}」号源已发完，请明日再来或预约办理。",
        )
    return issued_today, value


def format_number(category: Category, seq: int) -> str:
    width = max(3, len(str(category.range_end)))
    return f"{category.prefix}{seq:0{width}d}"


# The statements run for every ticket issued and every follow page are built once, with bound
# parameters: building one costs several times what SQLite takes to run it.
_QUEUE = (
    Ticket.category_code == bindparam("category_code"),
    Ticket.service_date == bindparam("service_date"),
    Ticket.state == m.TicketState.ISSUED.value,
)
# Two counts on the queue's covering index (category, date, state, priority, issued_at, seq):
# tickets of a higher priority, and tickets of the same rank issued earlier.
_AHEAD = select(
    select(func.count())
    .where(*_QUEUE, Ticket.priority.in_(bindparam("higher", expanding=True)))
    .scalar_subquery()
    + select(func.count())
    .where(
        *_QUEUE,
        Ticket.priority.in_(bindparam("same", expanding=True)),
        or_(
            Ticket.issued_at < bindparam("issued_at"),
            and_(Ticket.issued_at == bindparam("issued_at"), Ticket.seq < bindparam("seq")),
        ),
    )
    .scalar_subquery()
)
# A new ticket's place, in one pass over the same index: the queue's waiting count (for the
# displays) and the people ahead of it (:func:`waiting_ahead`'s count, by rank in SQL).
_AHEAD_OF = or_(
    bindparam("rank") > CALL_ORDER,
    and_(
        bindparam("rank") == CALL_ORDER,
        or_(
            Ticket.issued_at < bindparam("issued_at"),
            and_(Ticket.issued_at == bindparam("issued_at"), Ticket.seq < bindparam("seq")),
        ),
    ),
)
_PLACE = select(func.count(), func.coalesce(func.sum(case((_AHEAD_OF, 1), else_=0)), 0)).where(
    *_QUEUE
)
_INSERT_TICKET = insert(Ticket)
_INSERT_EVENT = insert(TicketEvent)


# The person's open ticket of the queue today, if any (real-name and walk-in-with-ID tickets).
_OPEN_FOR_PERSON = (
    select(Ticket.number)
    .where(
        Ticket.category_code == bindparam("category_code"),
        Ticket.service_date == bindparam("service_date"),
        Ticket.id_digest == bindparam("id_digest"),
        Ticket.state.in_(OPEN_STATES),
    )
    .limit(1)
)


@dataclass(frozen=True, slots=True)
class IssuedRow:
    """What the answer to an issue reads of a ticket just inserted (the session does not
    track it: it was written with a plain insert)."""

    ticket_id: str
    category_code: str
    service_date: date
    seq: int
    number: str
    priority: str
    issued_at: datetime
    item_code: str | None


@dataclass(frozen=True, slots=True)
class NewTicket:
    """A ticket just inserted and its people ahead, as the database counted them in the same
    transaction."""

    ticket: IssuedRow
    ahead: int


def waiting_ahead(session: Session, ticket: Ticket | IssuedRow) -> int:
    """Issued tickets of the same queue that call-next would serve before this one: counted by
    the database on the queue's index, so the cost stays flat however long the day grows."""
    mine = rank(ticket.priority)
    ranks = {p.value: rank(p.value) for p in m.Priority}  # three entries
    count = (
        session.connection()
        .execute(
            _AHEAD,
            {
                "category_code": ticket.category_code,
                "service_date": ticket.service_date,
                "higher": [p for p, r in ranks.items() if r < mine],
                "same": [p for p, r in ranks.items() if r == mine],
                "issued_at": ticket.issued_at,
                "seq": ticket.seq,
            },
        )
        .scalar_one()
    )
    return int(count)


_LINE = select(Ticket.ticket_id).where(*_QUEUE).order_by(CALL_ORDER, Ticket.issued_at, Ticket.seq)


def waiting_line(session: Session, category_code: str, day: date) -> list[str]:
    """The queue's waiting tickets (ids) in the order call-next serves them: a ticket's index
    is its people ahead, as :func:`waiting_ahead` counts them."""
    params = {"category_code": category_code, "service_date": day}
    return list(session.connection().execute(_LINE, params).scalars())


def estimated_wait(session: Session, category: Queue, ahead: int, day: date) -> int | None:
    """Minutes for a ticket with ``ahead`` people before it (see :func:`wait_rate`)."""
    return wait_rate(session, category, day).minutes(ahead)


def issued_model(
    session: Session,
    ticket: Ticket | IssuedRow,
    category: Category,
    base_url: str,
    *,
    ahead: int | None = None,
    item_name: str | None = None,
) -> m.TicketIssued:
    """The answer to an issue (``ahead`` and ``item_name`` when the caller knows them)."""
    if ahead is None:
        ahead = waiting_ahead(session, ticket)
    if item_name is None:
        item = item_in(session, ticket.item_code) if ticket.item_code else None
        item_name = item.name if item is not None else ""
    return m.TicketIssued(
        ticket_id=ticket.ticket_id,
        number=ticket.number,
        category_code=category.code,
        category_name=category.name,
        waiting_ahead=ahead,
        estimated_wait_minutes=estimated_wait(session, category, ahead, ticket.service_date),
        issued_at=ticket.issued_at,
        follow_url=f"{base_url}/q/{ticket.ticket_id}",
        priority=m.Priority(ticket.priority),
        item_code=ticket.item_code,
        item_name=item_name,
    )


def record(
    session: Session,
    ticket: Ticket,
    state: m.TicketState,
    at: datetime,
    *,
    staff_no: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    ticket.state = state.value
    session.add(
        TicketEvent(
            ticket_id=ticket.ticket_id,
            state=state.value,
            counter_code=ticket.counter_code,
            at=at,
            staff_no=staff_no,
            detail=detail,
        )
    )


def create_ticket(
    session: Session,
    ctx: HubContext,
    category: Category,
    *,
    priority: m.Priority,
    terminal_id: str,
    id_digest: str | None,
    appointment_code: str | None = None,
    idempotency_key: str | None = None,
    body_hash: str = "",
    transferred_from: str | None = None,
    check_limit: bool = True,
    per_person: bool = False,
    item_code: str | None = None,
    issued_at: datetime | None = None,
    for_counter: str | None = None,
    for_staff: str | None = None,
    note: str = "",
) -> NewTicket:
    """Insert a ticket with the next number (``issued_at`` keeps a transferred ticket's place
    by its original arrival). One open ticket per person and category is the
    rule where the category is real-name (``real_name_limit``), or whenever ``per_person`` asks
    (a walk-in ticket taken with an ID number: that is what real-name 取号 is for)."""
    if not category.active:
        raise HubProblem(
            409, m.ProblemCode.CATEGORY_CLOSED, "Category closed", f"「{category.name}」暂停取号。"
        )
    day = ctx.today()
    if check_limit and (category.real_name_limit or per_person) and id_digest is not None:
        session.flush()  # (a ticket the caller just closed through the session is not open)
        params = {"category_code": category.code, "service_date": day, "id_digest": id_digest}
        open_number = session.connection().execute(_OPEN_FOR_PERSON, params).scalar()
        if open_number is not None:
            raise HubProblem(
                409,
                m.ProblemCode.OPEN_TICKET_EXISTS,
                "Open ticket exists for this person",
                f"您已有一个未办结的号码 {open_number}，请留意叫号，无需重复取号。",
            )
    seq, value = _next_seq(session, category, day)
    now = ctx.now()
    row = IssuedRow(
        ticket_id=uuid.uuid4().hex,
        category_code=category.code,
        service_date=day,
        seq=seq,
        number=format_number(category, value),
        priority=priority.value,
        issued_at=issued_at or now,
        item_code=item_code,
    )
    values = {
        "ticket_id": row.ticket_id,
        "category_code": row.category_code,
        "service_date": day,
        "seq": seq,
        "number": row.number,
        "priority": row.priority,
        "state": m.TicketState.ISSUED.value,
        "id_digest": id_digest,
        "appointment_code": appointment_code,
        "item_code": item_code,
        "terminal_id": terminal_id,
        "idempotency_key": idempotency_key,
        "request_hash": body_hash,
        "transferred_from": transferred_from,
        "recall_count": 0,
        "issued_at": row.issued_at,
        "for_counter": for_counter,
        "for_staff": for_staff,
        "note": note,
    }
    # Written with two plain inserts, not through the session's unit of work: this runs inside
    # the write lock for every ticket of the day, and the unit of work costs more than SQLite.
    connection = session.connection()
    connection.execute(_INSERT_TICKET, values)
    event = {
        "ticket_id": row.ticket_id,
        "state": m.TicketState.ISSUED.value,
        "counter_code": None,
        "staff_no": None,
        "detail": None,
        "at": now,
    }
    connection.execute(_INSERT_EVENT, event)
    events.emit(
        session,
        "ticket.issued",
        now,
        number=row.number,
        category_code=category.code,
        priority=priority.value,
    )
    place = {
        "category_code": category.code,
        "service_date": day,
        "rank": rank(priority.value),
        "issued_at": row.issued_at,
        "seq": seq,
    }
    session.flush()  # (the caller's own changes to the queue, if any, count)
    waiting, ahead = connection.execute(_PLACE, place).one()
    queue_changed(session, category.code, day, now, waiting=int(waiting))
    return NewTicket(row, int(ahead))


_WAITING = select(func.count()).where(*_QUEUE)


def queue_changed(
    session: Session, category_code: str, day: date, at: datetime, *, waiting: int | None = None
) -> None:
    """The queue's waiting count, for displays (after an issue, a call, a cancel): counted
    here unless the caller has just counted it."""
    if waiting is None:
        session.flush()  # a ticket just called or cancelled through the session counts no more
        params = {"category_code": category_code, "service_date": day}
        waiting = int(session.connection().execute(_WAITING, params).scalar_one())
    events.emit(session, "queue.changed", at, category_code=category_code, waiting=waiting)


def issue(
    ctx: HubContext,
    terminal: Terminal,
    request: m.TicketIssueRequest,
    idempotency_key: str | None,
    base_url: str,
) -> m.TicketIssued:
    """The new ticket's answer, read in the transaction that inserts it (its place was counted
    there; the wait rate is kept in memory, ``hub.estimate``); or the answer for the ticket an
    earlier try of the same key created."""
    body = request.model_dump(mode="json")
    if request.id_number:  # a plain hash of a body with an ID number in it could be reversed
        body["id_number"] = ctx.id_digest(request.id_number)
    body_hash = request_hash(body)
    try:
        with ctx.transaction() as session:
            if idempotency_key:
                existing = _by_key(session, terminal.terminal_id, idempotency_key, body_hash)
                if existing is not None:
                    return _answer(session, existing, base_url)
            return _issue(session, ctx, terminal, request, idempotency_key, body_hash, base_url)
    except IntegrityError:
        # A concurrent repeat of the same key won the race (PostgreSQL): answer with its ticket.
        if not idempotency_key:
            raise
        with ctx.sessions() as session:
            existing = _by_key(session, terminal.terminal_id, idempotency_key, body_hash)
            if existing is None:
                raise
            return _answer(session, existing, base_url)


def _answer(session: Session, ticket: Ticket, base_url: str) -> m.TicketIssued:
    return issued_model(session, ticket, get_category(session, ticket.category_code), base_url)


def _issue(
    session: Session,
    ctx: HubContext,
    terminal: Terminal,
    request: m.TicketIssueRequest,
    idempotency_key: str | None,
    body_hash: str,
    base_url: str,
) -> m.TicketIssued:
    category = get_category(session, request.category_code)
    if request.priority is m.Priority.APPOINTMENT and not request.appointment_code:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Appointment priority needs an appointment",
            "预约优先需要先完成预约签到。",
        )
    if category.real_name_limit and not request.id_number:
        raise HubProblem(
            422,
            m.ProblemCode.REAL_NAME_REQUIRED,
            "Real-name ticket needs an ID number",
            f"「{category.name}」需实名取号，请先刷身份证。",
        )
    item_name = ""
    if request.item_code is not None:
        item_name = _check_item(session, request.item_code, category)
    digest = ctx.id_digest(request.id_number) if request.id_number else None
    new = create_ticket(
        session,
        ctx,
        category,
        priority=request.priority,
        terminal_id=terminal.terminal_id,
        id_digest=digest,
        appointment_code=request.appointment_code,
        idempotency_key=idempotency_key,
        body_hash=body_hash,
        per_person=True,
        item_code=request.item_code,
    )
    return issued_model(
        session, new.ticket, category, base_url, ahead=new.ahead, item_name=item_name
    )


def _check_item(session: Session, code: str, category: Category) -> str:
    """The item's name, if the ticket may name it."""
    item = item_in(session, code)
    if item is None:
        raise HubProblem(404, m.ProblemCode.UNKNOWN_ITEM, "Unknown item", "没有找到该办理事项。")
    if item.ticket_category != category.code:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Item belongs to another ticket category",
            f"「{item.name}」不在「{category.name}」办理，请重新选择。",
        )
    return item.name


_BY_KEY = select(Ticket.ticket_id, Ticket.request_hash).where(
    Ticket.terminal_id == bindparam("terminal_id"), Ticket.idempotency_key == bindparam("key")
)


def _by_key(session: Session, terminal_id: str, key: str, body_hash: str) -> Ticket | None:
    """The ticket an earlier try of this key created, if any: looked up with a plain select
    (a kiosk sends a key with every ticket, and almost always finds none)."""
    params = {"terminal_id": terminal_id, "key": key}
    found = session.connection().execute(_BY_KEY, params).first()
    if found is None:
        return None
    if found.request_hash != body_hash:
        raise HubProblem(
            409,
            m.ProblemCode.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key reused with a different request",
            "重复提交的内容不一致，请重新办理。",
        )
    return session.get(Ticket, found.ticket_id)


def view(session: Session, ticket: Ticket, category: Category) -> m.TicketView:
    ahead = waiting_ahead(session, ticket) if ticket.state == m.TicketState.ISSUED.value else 0
    return m.TicketView(
        ticket_id=ticket.ticket_id,
        number=ticket.number,
        category_code=ticket.category_code,
        state=m.TicketState(ticket.state),
        priority=m.Priority(ticket.priority),
        waiting_ahead=ahead,
        estimated_wait_minutes=estimated_wait(session, category, ahead, ticket.service_date)
        if ticket.state == m.TicketState.ISSUED.value
        else None,
        counter_code=ticket.counter_code,
        issued_at=ticket.issued_at,
        called_at=ticket.called_at,
        started_at=ticket.started_at,
        ended_at=ticket.ended_at,
        item_code=ticket.item_code,
    )


def queue_snapshots(ctx: HubContext) -> list[m.QueueSnapshot]:
    """Per category today: people waiting, being served, and the wait a newcomer can expect."""
    day = ctx.today()
    with ctx.sessions() as session:
        counts: dict[tuple[str, str], int] = {
            (code, state): n
            for code, state, n in session.execute(
                select(Ticket.category_code, Ticket.state, func.count())
                .where(Ticket.service_date == day)
                .group_by(Ticket.category_code, Ticket.state)
            ).all()
        }
        snapshots = []
        for category in session.execute(
            select(TicketCategoryRow).order_by(TicketCategoryRow.sort_order, TicketCategoryRow.code)
        ).scalars():
            waiting = counts.get((category.code, m.TicketState.ISSUED.value), 0)
            serving = sum(
                counts.get((category.code, state.value), 0)
                for state in (m.TicketState.CALLED, m.TicketState.SERVING)
            )
            snapshots.append(
                m.QueueSnapshot(
                    category_code=category.code,
                    waiting=waiting,
                    serving=serving,
                    estimated_wait_minutes=estimated_wait(session, category, waiting, day),
                    service_date=day,
                )
            )
        return snapshots
