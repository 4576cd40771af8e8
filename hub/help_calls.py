"""Calls for help (求助): a kiosk calls, the windows of its site see it and one answers.

Theory of operation. A hall or community terminal posts a call; the hub records it with the
terminal's id, site and registered place (never anything of the citizen) and emits
``help.called``. While that terminal has an open call, another post answers the same call: a
partial unique index (one open call per terminal) makes this hold even for two racing requests,
the loser reads the winner's call. Counter terminals list the open calls of their own site; a
window signed in at the terminal answers one (``help.answered``). Answering is first come: the
second window is told who went, and the call keeps its first answer. The calling kiosk reads its
own call (to tell the citizen which window is coming) and nobody else's.

A call ends once, in one of two ways; an ended call stays as it is:

    open --a window answers----------------------> answered   help.answered
    open --the kiosk closes it (session ended)---> closed     help.closed  reason "withdrawn"
    open --nobody answered in help_call_minutes--> closed     help.closed  reason "expired"

The hub closes an unanswered call lazily, without a timer: from its deadline on it is read as
closed at that deadline (never listed to the windows, answered with 409), and its row is
written when the terminal next calls or closes — in the new call's transaction, before the new
row, so the one-open-call index holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from contract import models as m
from hub import counters, events
from hub.context import HubContext
from hub.db import CounterRow, HelpCallRow, Terminal
from hub.problems import HubProblem

P = m.ProblemCode
OPEN, ANSWERED, CLOSED = m.HelpCallState.OPEN, m.HelpCallState.ANSWERED, m.HelpCallState.CLOSED
CALLERS = frozenset({m.TerminalMode.HALL.value, m.TerminalMode.COMMUNITY.value})


def _deadline(ctx: HubContext, row: HelpCallRow) -> datetime:
    return row.created_at + timedelta(minutes=ctx.settings.help_call_minutes)


def _expired(ctx: HubContext, row: HelpCallRow, now: datetime) -> bool:
    return row.state == OPEN.value and _deadline(ctx, row) <= now


def _views(ctx: HubContext, session: Session, rows: Sequence[HelpCallRow]) -> list[m.HelpCall]:
    """The calls as terminals see them: the answering window by its name (read now, from the
    counters), and an open call past its deadline as closed then."""
    codes = {row.answered_by for row in rows if row.answered_by}
    names: dict[str, str] = {}
    if codes:
        query = select(CounterRow.code, CounterRow.name).where(CounterRow.code.in_(codes))
        names = {code: name for code, name in session.execute(query)}
    now = ctx.now()
    views = []
    for row in rows:
        state, closed_at = m.HelpCallState(row.state), row.closed_at
        if _expired(ctx, row, now):
            state, closed_at = CLOSED, _deadline(ctx, row)
        views.append(
            m.HelpCall(
                id=row.id,
                terminal_id=row.terminal_id,
                site_code=row.site_code,
                place=row.place,
                screen=row.screen,
                state=state,
                created_at=row.created_at,
                answered_by=row.answered_by,
                answered_by_name=names.get(row.answered_by or ""),
                answered_at=row.answered_at,
                closed_at=closed_at,
            )
        )
    return views


def _view(ctx: HubContext, session: Session, row: HelpCallRow) -> m.HelpCall:
    [view] = _views(ctx, session, [row])
    return view


def _caller(terminal: Terminal) -> None:
    if terminal.mode not in CALLERS:
        raise HubProblem(403, P.FORBIDDEN, "Kiosk terminal required")


def _open_call(session: Session, terminal_id: str) -> HelpCallRow | None:
    query = select(HelpCallRow).where(
        HelpCallRow.terminal_id == terminal_id, HelpCallRow.state == OPEN.value
    )
    return session.execute(query).scalars().first()


def _close(ctx: HubContext, session: Session, row: HelpCallRow, now: datetime) -> None:
    """End an open call: expired (closed at its deadline) or withdrawn by its kiosk (now)."""
    expired = _expired(ctx, row, now)
    row.state = CLOSED.value
    row.closed_at = _deadline(ctx, row) if expired else now
    events.emit(
        session,
        "help.closed",
        now,
        help_call_id=row.id,
        terminal_id=row.terminal_id,
        site_code=row.site_code,
        reason="expired" if expired else "withdrawn",
    )


def call(ctx: HubContext, terminal: Terminal, body: m.HelpCallCreate) -> tuple[m.HelpCall, bool]:
    """(the terminal's open call, whether it was made now)."""
    _caller(terminal)
    try:
        with ctx.transaction() as session:
            now = ctx.now()
            if (earlier := _open_call(session, terminal.terminal_id)) is not None:
                if not _expired(ctx, earlier, now):
                    return _view(ctx, session, earlier), False
                _close(ctx, session, earlier, now)
                session.flush()  # closed before the new row: one open call per terminal
            row = HelpCallRow(
                terminal_id=terminal.terminal_id,
                site_code=terminal.site_code,
                place=terminal.description or "",
                screen=body.screen,
                state=OPEN.value,
                created_at=now,
            )
            session.add(row)
            session.flush()
            events.emit(
                session,
                "help.called",
                now,
                help_call_id=row.id,
                terminal_id=row.terminal_id,
                site_code=row.site_code,
                screen=row.screen,
            )
            return _view(ctx, session, row), True
    except IntegrityError:  # the same terminal's other request committed first (PostgreSQL)
        with ctx.sessions() as session:
            if (earlier := _open_call(session, terminal.terminal_id)) is None:
                raise
            return _view(ctx, session, earlier), False


def _own_call(session: Session, terminal: Terminal, call_id: int, *, lock: bool) -> HelpCallRow:
    row = session.get(HelpCallRow, call_id, with_for_update=lock)
    if row is None or row.terminal_id != terminal.terminal_id:
        # Another kiosk's call is as unknown as none: a kiosk learns nothing of its neighbours.
        raise HubProblem(404, P.NOT_FOUND, "Unknown help call", "没有这条求助。")
    return row


def own_call(ctx: HubContext, terminal: Terminal, call_id: int) -> m.HelpCall:
    """The kiosk's own call as it stands (answered: by which window)."""
    _caller(terminal)
    with ctx.reading() as session:
        return _view(ctx, session, _own_call(session, terminal, call_id, lock=False))


def close(ctx: HubContext, terminal: Terminal, call_id: int) -> m.HelpCall:
    """The kiosk needs no more help (its citizen's session ended): an open call is closed; an
    answered or closed one stays as it is (a repeat changes nothing)."""
    _caller(terminal)
    with ctx.transaction() as session:
        row = _own_call(session, terminal, call_id, lock=True)
        if row.state == OPEN.value:
            _close(ctx, session, row, ctx.now())
        return _view(ctx, session, row)


def _in_state(state: m.HelpCallState, cutoff: datetime) -> ColumnElement[bool]:
    """Rows in ``state`` as read now: an open row created at or before ``cutoff`` is closed."""
    is_open = HelpCallRow.state == OPEN.value
    if state is OPEN:
        return and_(is_open, HelpCallRow.created_at > cutoff)
    if state is CLOSED:
        return or_(
            HelpCallRow.state == CLOSED.value, and_(is_open, HelpCallRow.created_at <= cutoff)
        )
    return HelpCallRow.state == state.value


def site_calls(
    ctx: HubContext, terminal: Terminal, state: m.HelpCallState, limit: int
) -> list[m.HelpCall]:
    """The calls of the counter terminal's site in ``state``: open ones oldest first (the
    longest wait on top), answered and closed ones newest first."""
    cutoff = ctx.now() - timedelta(minutes=ctx.settings.help_call_minutes)
    order = HelpCallRow.id if state is OPEN else HelpCallRow.id.desc()
    query = (
        select(HelpCallRow)
        .where(HelpCallRow.site_code == terminal.site_code, _in_state(state, cutoff))
        .order_by(order)
        .limit(limit)
    )
    with ctx.reading() as session:
        return _views(ctx, session, list(session.execute(query).scalars()))


def answer(ctx: HubContext, terminal: Terminal, call_id: int, body: m.HelpCallAnswer) -> m.HelpCall:
    with ctx.transaction() as session:
        row = session.get(HelpCallRow, call_id, with_for_update=True)
        if row is None or row.site_code != terminal.site_code:
            raise HubProblem(404, P.NOT_FOUND, "Unknown help call", "没有这条求助。")
        window = counters.signed_in(session, ctx, terminal, body.counter_code)
        now = ctx.now()
        if row.state == ANSWERED.value:
            went = session.get(CounterRow, row.answered_by or "")
            raise HubProblem(
                409,
                P.HELP_CALL_ANSWERED,
                "Help call already answered",
                f"{went.name if went else row.answered_by}已前往协助。",
                answered_by=row.answered_by,
            )
        if row.state != OPEN.value or _expired(ctx, row, now):
            raise HubProblem(
                409,
                P.HELP_CALL_CLOSED,
                "Help call closed",
                "这条求助已结束（群众已离开或等候超时），无需前往。",
            )
        row.state = ANSWERED.value
        row.answered_by = window.counter.code
        row.answered_at = now
        events.emit(
            session,
            "help.answered",
            now,
            help_call_id=row.id,
            terminal_id=row.terminal_id,
            site_code=row.site_code,
            counter_code=window.counter.code,
            counter_name=window.counter.name,
        )
        return _view(ctx, session, row)
