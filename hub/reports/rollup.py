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

from sqlalchemy import (
    Float,
    Select,
    String,
    and_,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from contract import models as m
from hub.db import (
    REPORT_BIN_EDGES,
    REPORT_BINS,
    REPORT_COUNTS,
    REPORT_IDLE,
    REPORT_MEASURES,
    REPORT_SUMS,
    EvaluationRow,
    StaffRow,
    Terminal,
    Ticket,
    report_days,
    report_rolled_days,
)
from hub.reports import idle
from hub.reports.sql import Dialect, Period, counted, everything

S = m.TicketState
D = m.Dimension
FIGURES = (*REPORT_COUNTS, *REPORT_SUMS, REPORT_IDLE, *REPORT_BINS)
# What is kept per day; a day's and a weekday's rows come from ``all``.
STORED = (D.ALL, D.SITE, D.QUEUE, D.WINDOW, D.CLERK, D.ITEM, D.DEPARTMENT, D.HOUR)
Sites = frozenset[str] | None  # the sites a report keeps to (a hall manager's); None: all


def ticket_key(dialect: Dialect, by: m.Dimension) -> Any:
    return {
        D.ALL: everything(),
        D.SITE: func.coalesce(Terminal.site_code, ""),
        D.QUEUE: Ticket.category_code,
        D.WINDOW: Ticket.counter_code,
        D.CLERK: Ticket.staff_no,
        D.ITEM: Ticket.item_code,
        D.DEPARTMENT: func.coalesce(StaffRow.department, ""),  # the serving clerk's
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


def _tickets_of(
    first: date, last: date, by: m.Dimension, key: Any, dialect: Dialect, sites: Sites
) -> Any:
    """The period's tickets (of ``sites``, None: all), one row each: the site and the key, what
    the counts need, and each measure's seconds (NULL where it has none). Materialised, so that
    the durations are computed once per ticket, not once per histogram bin (99 of them)."""
    durations = {
        f"{measure}_s": case((has, seconds))
        for measure, (has, seconds) in _durations(dialect).items()
    }
    query = (
        select(
            func.coalesce(Terminal.site_code, "").label("site"),
            key.label("k"),
            Ticket.state,
            Ticket.service_date,
            Ticket.recall_count,
            Ticket.called_at,
            Ticket.started_at,
            EvaluationRow.id.label("rated"),
            *(expression.label(name) for name, expression in durations.items()),
        )
        .select_from(Ticket)
        .outerjoin(
            EvaluationRow,
            and_(
                EvaluationRow.subject_type == m.SubjectType.TICKET.value,
                EvaluationRow.subject_id == Ticket.ticket_id,
            ),
        )
        .outerjoin(Terminal, Terminal.terminal_id == Ticket.terminal_id)
        .where(Ticket.service_date.between(first, last))
    )
    if by is D.DEPARTMENT:
        query = query.outerjoin(StaffRow, StaffRow.staff_no == Ticket.staff_no)
    if sites is not None:
        query = query.where(Terminal.site_code.in_(sorted(sites)))
    return query.cte("period_tickets").prefix_with("MATERIALIZED")


def figures(t: Any, today: date) -> list[ColumnElement[Any]]:
    """Every figure of ``FIGURES``, in its order, as an aggregate over ``t``'s rows (a group of
    ``_tickets_of``)."""
    started, called = t.c.started_at.is_not(None), t.c.called_at.is_not(None)
    every: dict[str, ColumnElement[Any]] = {
        "issued": func.count(),
        "served": counted(t.c.state == S.DONE.value),
        "no_show": counted(t.c.state == S.NO_SHOW.value),
        # Given up: cancelled, or never called by the end of its day.
        "abandoned": counted(
            or_(
                t.c.state == S.CANCELLED.value,
                and_(t.c.state == S.ISSUED.value, t.c.service_date < today),
            )
        ),
        "transferred": counted(t.c.state == S.TRANSFERRED.value),
        "started": counted(started),
        "first_call": counted(and_(started, t.c.recall_count == 0)),
        "called": counted(called),
        "recalled": counted(and_(called, t.c.recall_count > 0)),
        "rated": counted(and_(t.c.state == S.DONE.value, t.c.rated.is_not(None))),
        REPORT_IDLE: literal(0.0, Float),  # the windows' (hub.reports.idle), not the tickets'
    }
    for measure in REPORT_MEASURES:
        seconds = t.c[f"{measure}_s"]
        every[f"{measure}_n"] = counted(seconds.is_not(None))
        every[f"{measure}_seconds"] = func.coalesce(func.sum(seconds), 0.0)
        for n, low in enumerate(REPORT_BIN_EDGES):
            in_bin = seconds >= low
            if n + 1 < len(REPORT_BIN_EDGES):
                in_bin = and_(in_bin, seconds < REPORT_BIN_EDGES[n + 1])
            every[f"{measure}_bin{n:02d}"] = counted(in_bin)
    # In FIGURES' order: the kept days' sums are added to these by position (UNION ALL).
    return [every[name].label(name) for name in FIGURES]


def from_tickets(
    dialect: Dialect,
    by: m.Dimension,
    first: date,
    last: date,
    today: date,
    *,
    sites: Sites = None,
    text_keys: bool = False,
    per_site: bool = False,
) -> Select[Any]:
    """The figures of the days ``first`` to ``last`` per key (and per site: ``per_site``), from
    the tickets themselves; ``text_keys``: keys as ``report_days`` keeps them, to add the two
    up."""
    key = ticket_key(dialect, by)
    if text_keys and by in STORED:
        key = func.coalesce(cast(key, String), "")
    t = _tickets_of(first, last, by, key, dialect, sites)
    groups = (t.c.site, t.c.k) if per_site else (t.c.k,)
    return select(*groups, *figures(t, today)).group_by(*groups)


def from_days(
    dialect: Dialect, by: m.Dimension, first: date, last: date, sites: Sites = None
) -> Select[Any]:
    """The same figures added up from the finished days kept in ``report_days``."""
    kept = report_days.c
    if by is D.DAY:
        key, stored = dialect.day_text(kept.day), D.ALL
    elif by is D.WEEKDAY:
        key, stored = dialect.weekday(kept.day), D.ALL
    else:
        key, stored = kept.key, by
    key = key.label("k")
    query = (
        select(key, *(func.sum(kept[name]).label(name) for name in FIGURES))
        .where(kept.dimension == stored.value, kept.day.between(first, last))
        .group_by(key)
    )
    return query if sites is None else query.where(kept.site.in_(sorted(sites)))


def is_kept(session: Session, day: date) -> bool:
    marker = select(report_rolled_days.c.day).where(report_rolled_days.c.day == day)
    return session.execute(marker).first() is not None


def missing_days(session: Session, first: date, last: date) -> list[date]:
    rolled = set(
        session.execute(
            select(report_rolled_days.c.day).where(report_rolled_days.c.day.between(first, last))
        ).scalars()
    )
    days = (date.fromordinal(first.toordinal() + n) for n in range((last - first).days + 1))
    return [day for day in days if day not in rolled]


def day_figures(
    session: Session, dialect: Dialect, day: date, today: date, tz: Any
) -> list[dict[str, Any]]:
    """A finished day's rows for ``report_days`` (read only: no lock held while computing):
    the tickets' figures, and the windows' idle time (a window idle at a site no ticket came
    from gets a row of its own)."""
    one_day = Period(day, day, tz)
    idle_seconds = idle.day_seconds(session, dialect, one_day, one_day.end)
    kept = []
    for by in STORED:
        query = from_tickets(dialect, by, day, day, today, per_site=True)
        for row in session.execute(query).mappings():
            where = {"day": day, "dimension": by.value, "site": row["site"]}
            figures_of = {name: row[name] for name in FIGURES}
            k = _stored_key(row["k"])
            figures_of[REPORT_IDLE] = idle_seconds.pop((by.value, row["site"], k), 0.0)
            kept.append({**where, "key": k, **figures_of})
    for (dimension, site, k), seconds in idle_seconds.items():
        nothing = dict.fromkeys(FIGURES, 0)
        where = {"day": day, "dimension": dimension, "site": site, "key": k}
        kept.append({**where, **nothing, REPORT_IDLE: seconds})
    return kept


def keep_day(session: Session, day: date, rows: list[dict[str, Any]], now: Any) -> None:
    """Store a day's rows (replacing any), and mark the day kept."""
    forget_day(session, day)
    if rows:
        session.execute(insert(report_days), rows)
    session.execute(insert(report_rolled_days), {"day": day, "rolled_at": now})


def _stored_key(value: Any) -> str:
    return "" if value is None else str(value)


def forget_day(session: Session, day: date) -> None:
    """Clear a day's kept figures (something about its tickets changed after it ended)."""
    session.execute(delete(report_days).where(report_days.c.day == day))
    session.execute(delete(report_rolled_days).where(report_rolled_days.c.day == day))
