"""Calls for help (求助): a kiosk calls, the windows of its site see it and one answers.

Theory of operation. A hall or community terminal posts a call; the hub records it with the
terminal's id, site and registered place (never anything of the citizen) and emits
``help.called``. While that terminal has an open call, another post answers the same call: a
partial unique index (one open call per terminal) makes this hold even for two racing requests,
the loser reads the winner's call. Counter terminals list the open calls of their own site; a
window signed in at the terminal answers one (``help.answered``). Answering is first come: the
second window is told who went, and the call keeps its first answer.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub import counters, events
from hub.context import HubContext
from hub.db import CounterRow, HelpCallRow, Terminal
from hub.problems import HubProblem

P = m.ProblemCode
CALLERS = frozenset({m.TerminalMode.HALL.value, m.TerminalMode.COMMUNITY.value})


def view(row: HelpCallRow) -> m.HelpCall:
    return m.HelpCall(
        id=row.id,
        terminal_id=row.terminal_id,
        site_code=row.site_code,
        place=row.place,
        screen=row.screen,
        state=m.HelpCallState(row.state),
        created_at=row.created_at,
        answered_by=row.answered_by,
        answered_at=row.answered_at,
    )


def _open_call(session: Session, terminal_id: str) -> HelpCallRow | None:
    query = select(HelpCallRow).where(
        HelpCallRow.terminal_id == terminal_id, HelpCallRow.state == m.HelpCallState.OPEN.value
    )
    return session.execute(query).scalars().first()


def call(ctx: HubContext, terminal: Terminal, body: m.HelpCallCreate) -> tuple[m.HelpCall, bool]:
    """(the terminal's open call, whether it was made now)."""
    if terminal.mode not in CALLERS:
        raise HubProblem(403, P.FORBIDDEN, "Kiosk terminal required")
    try:
        with ctx.transaction() as session:
            if (earlier := _open_call(session, terminal.terminal_id)) is not None:
                return view(earlier), False
            now = ctx.now()
            row = HelpCallRow(
                terminal_id=terminal.terminal_id,
                site_code=terminal.site_code,
                place=terminal.description or "",
                screen=body.screen,
                state=m.HelpCallState.OPEN.value,
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
            return view(row), True
    except IntegrityError:  # the same terminal's other request committed first (PostgreSQL)
        with ctx.sessions() as session:
            if (earlier := _open_call(session, terminal.terminal_id)) is None:
                raise
            return view(earlier), False


def site_calls(
    ctx: HubContext, terminal: Terminal, state: m.HelpCallState, limit: int
) -> list[m.HelpCall]:
    """The calls of the counter terminal's site in ``state``: open ones oldest first (the
    longest wait on top), answered ones newest first."""
    newest_first = state is m.HelpCallState.ANSWERED
    order = HelpCallRow.id.desc() if newest_first else HelpCallRow.id
    query = (
        select(HelpCallRow)
        .where(HelpCallRow.site_code == terminal.site_code, HelpCallRow.state == state.value)
        .order_by(order)
        .limit(limit)
    )
    with ctx.reading() as session:
        return [view(row) for row in session.execute(query).scalars()]


def answer(ctx: HubContext, terminal: Terminal, call_id: int, body: m.HelpCallAnswer) -> m.HelpCall:
    with ctx.transaction() as session:
        row = session.get(HelpCallRow, call_id, with_for_update=True)
        if row is None or row.site_code != terminal.site_code:
            raise HubProblem(404, P.NOT_FOUND, "Unknown help call", "没有这条求助。")
        window = counters.signed_in(session, ctx, terminal, body.counter_code)
        if row.state != m.HelpCallState.OPEN.value:
            went = session.get(CounterRow, row.answered_by or "")
            raise HubProblem(
                409,
                P.HELP_CALL_ANSWERED,
                "Help call already answered",
                f"{went.name if went else row.answered_by}已前往协助。",
                answered_by=row.answered_by,
            )
        now = ctx.now()
        row.state = m.HelpCallState.ANSWERED.value
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
        return view(row)
