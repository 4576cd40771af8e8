"""The queue report's figures per day: computed once for each finished day into
``report_days`` (one row per dimension and key), so that a report over a year adds up a few
thousand rows instead of scanning hundreds of thousands of tickets. Today, still changing, is
computed from the tickets themselves, by the same expressions.

A finished day's tickets no longer change (the windows call only today's tickets); a rating
given later for one of them clears that day's figures (``forget_day``), computed again when a
report next needs them."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, String, and_, case, cast, delete, func, insert, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from contract import models as m
from hub.db import (
    REPORT_BIN_EDGES,
    REPORT_BINS,
    REPORT_COUNTS,
    REPORT_SUMS,
    EvaluationRow,
    Terminal,
    Ticket,
    report_days,
    report_rolled_days,
)
from hub.reports.sql import Dialect, counted, everything

S = m.TicketState
D = m.Dimension
FIGURES = (*REPORT_COUNTS, *REPORT_SUMS, *REPORT_BINS)
# What is kept per day; a day's and a weekday's rows come from ``all``.
STORED = (D.ALL, D.SITE, D.QUEUE, D.WINDOW, D.CLERK, D.ITEM, D.HOUR)


def ticket_key(dialect: Dialect, by: m.Dimension) -> Any:
    return {
        D.ALL: everything(),
        D.SITE: func.coalesce(Terminal.site_code, ""),
        D.QUEUE: Ticket.category_code,
        D.WINDOW: Ticket.counter_code,
        D.CLERK: Ticket.staff_no,
        D.ITEM: Ticket.item_code,
        D.DAY: dialect.day_text(Ticket.service_date),
        D.HOUR: dialect.local_hour(Ticket.issued_at),
        D.WEEKDAY: dialect.weekday(Ticket.service_date),
    }[by]


def _durations(dialect: Dialect) -> dict[str, tuple[ColumnElement[bool], ColumnElement[float]]]:
    """Each measure: which tickets have it, and its seconds (REFERENCE §6). A transferred
    citizen's second ticket keeps the first one's arrival: waits are of first tickets only."""
    return {
        "wait": (
            and_(Ticket.called_at.is_not(None), Ticket.transferred_from.is_(None)),
            dialect.seconds(Ticket.issued_at, Ticket.called_at),
        ),
        "walk": (
            and_(Ticket.started_at.is_not(None), Ticket.last_called_at.is_not(None)),
            dialect.seconds(Ticket.last_called_at, Ticket.started_at),
        ),
        "service": (
            and_(
                Ticket.state == S.DONE.value,
                Ticket.started_at.is_not(None),
                Ticket.ended_at.is_not(None),
            ),
            dialect.seconds(Ticket.started_at, Ticket.ended_at),
        ),
    }


def figures(dialect: Dialect, today: date) -> list[ColumnElement[Any]]:
    """Every figure of ``FIGURES``, in its order, as an aggregate over a group of tickets."""
    started, called = Ticket.started_at.is_not(None), Ticket.called_at.is_not(None)
    counts = {
        "issued": func.count(),
        "served": counted(Ticket.state == S.DONE.value),
        "no_show": counted(Ticket.state == S.NO_SHOW.value),
        # Given up: cancelled, or never called by the end of its day.
        "abandoned": counted(
            or_(
                Ticket.state == S.CANCELLED.value,
                and_(Ticket.state == S.ISSUED.value, Ticket.service_date < today),
            )
        ),
        "transferred": counted(Ticket.state == S.TRANSFERRED.value),
        "started": counted(started),
        "first_call": counted(and_(started, Ticket.recall_count == 0)),
        "called": counted(called),
        "recalled": counted(and_(called, Ticket.recall_count > 0)),
        "rated": counted(and_(Ticket.state == S.DONE.value, EvaluationRow.id.is_not(None))),
    }
    every: dict[str, ColumnElement[Any]] = dict(counts)
    for measure, (has, seconds) in _durations(dialect).items():
        every[f"{measure}_n"] = counted(has)
        every[f"{measure}_seconds"] = func.sum(case((has, seconds), else_=0.0))
        for n, low in enumerate(REPORT_BIN_EDGES):
            in_bin = seconds >= low
            if n + 1 < len(REPORT_BIN_EDGES):
                in_bin = and_(in_bin, seconds < REPORT_BIN_EDGES[n + 1])
            every[f"{measure}_bin{n:02d}"] = counted(and_(has, in_bin))
    # In FIGURES' order: the kept days' sums are added to these by position (UNION ALL).
    return [every[name].label(name) for name in FIGURES]


def from_tickets(
    dialect: Dialect,
    by: m.Dimension,
    first: date,
    last: date,
    today: date,
    *,
    text_keys: bool = False,
) -> Select[Any]:
    """The figures of the days ``first`` to ``last`` per key, from the tickets themselves;
    ``text_keys``: keys as ``report_days`` keeps them, to add the two up."""
    key = ticket_key(dialect, by)
    if text_keys and by in STORED:
        key = func.coalesce(cast(key, String), "")
    key = key.label("k")
    query = (
        select(key, *figures(dialect, today))
        .select_from(Ticket)
        .outerjoin(
            EvaluationRow,
            and_(
                EvaluationRow.subject_type == m.SubjectType.TICKET.value,
                EvaluationRow.subject_id == Ticket.ticket_id,
            ),
        )
        .where(Ticket.service_date.between(first, last))
        .group_by(key)
    )
    if by is D.SITE:
        query = query.outerjoin(Terminal, Terminal.terminal_id == Ticket.terminal_id)
    return query


def from_days(dialect: Dialect, by: m.Dimension, first: date, last: date) -> Select[Any]:
    """The same figures added up from the finished days kept in ``report_days``."""
    kept = report_days.c
    if by is D.DAY:
        key, stored = dialect.day_text(kept.day), D.ALL
    elif by is D.WEEKDAY:
        key, stored = dialect.weekday(kept.day), D.ALL
    else:
        key, stored = kept.key, by
    key = key.label("k")
    return (
        select(key, *(func.sum(kept[name]).label(name) for name in FIGURES))
        .where(kept.dimension == stored.value, kept.day.between(first, last))
        .group_by(key)
    )


def missing_days(session: Session, first: date, last: date) -> list[date]:
    rolled = set(
        session.execute(
            select(report_rolled_days.c.day).where(report_rolled_days.c.day.between(first, last))
        ).scalars()
    )
    days = (date.fromordinal(first.toordinal() + n) for n in range((last - first).days + 1))
    return [day for day in days if day not in rolled]


def roll_up(session: Session, dialect: Dialect, day: date, today: date, now: Any) -> None:
    """Keep ``day``'s figures (a finished day) for every stored dimension."""
    forget_day(session, day)
    for by in STORED:
        rows = session.execute(from_tickets(dialect, by, day, day, today)).mappings().all()
        if rows:
            session.execute(
                insert(report_days),
                [
                    {"day": day, "dimension": by.value, "key": _stored_key(row["k"]), **{
                        name: row[name] for name in FIGURES
                    }}
                    for row in rows
                ],
            )  # fmt: skip
    session.execute(insert(report_rolled_days), {"day": day, "rolled_at": now})


def _stored_key(value: Any) -> str:
    return "" if value is None else str(value)


def forget_day(session: Session, day: date) -> None:
    """Clear a day's kept figures (something about its tickets changed after it ended)."""
    session.execute(delete(report_days).where(report_days.c.day == day))
    session.execute(delete(report_rolled_days).where(report_rolled_days.c.day == day))
