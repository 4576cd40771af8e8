"""Minutes a window was idle while its queues had people waiting (REFERENCE §6: QSystem's "idle
while a queue exists", asked for in novosga#314).

A window is idle while it is signed in and open (not paused: ``counter_events``), has no ticket
called or being served (from its first call to its end; a parked ticket frees it), and at least
one ticket it could call waits: a ticket of its site (the kiosk's site, the site of the desk the
clerk signed in at), of the window's queues the clerk handles (or meant for that window or clerk
alone), from its issue (a transferred ticket: from the transfer) to its first call, its
cancellation or the day's end. The queues a clerk narrows for the day are not logged: all of the
window's count.

Theory of operation. For one day and each window with the clerk signed in there, every moment
something changes is a row of changes to three counts: open (+1 at a sign-in or the end of a
pause, −1 at a pause or a sign-out), busy (tickets at the window), waiting (its tickets
waiting); each hour's start is a moment too. Running sums over the moments in order (window
functions) give the counts from each moment to the next; the time to the next moment counts
when the window is open, not busy and someone waits. Everything is clipped to the day, and
today to now."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    not_,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from contract import models as m
from hub.db import TZ, CounterEvent, CounterRow, StaffRow, Terminal, Ticket
from hub.reports.sql import Dialect, Period, everything

D = m.Dimension
OPENING = ("signed_in", "window_open")  # what opens a window
STATE_KINDS = (*OPENING, "window_paused", "window_closed", "signed_out")
# Dimensions idle time has a key in (a queue or an item is no window's: none there).
KEYED = (D.ALL, D.SITE, D.WINDOW, D.CLERK, D.DEPARTMENT, D.HOUR, D.DAY, D.WEEKDAY)
STORED = (D.ALL, D.SITE, D.WINDOW, D.CLERK, D.DEPARTMENT, D.HOUR)


def _at(value: datetime) -> ColumnElement[datetime]:
    return literal(value, TZ())


def segments(dialect: Dialect, day: Period, cut: datetime) -> Any:
    """The day's idle stretches (of ``day``, one day, up to ``cut``): window, clerk, site,
    department, start and seconds; a materialised CTE, read once by every grouping."""
    start, cut = day.start, min(cut, day.end)

    def clip(at: Any) -> ColumnElement[datetime]:
        return case((at < _at(start), _at(start)), (at > _at(cut), _at(cut)), else_=at)

    E = CounterEvent
    events = (
        select(
            E.counter_code.label("counter"),
            E.staff_no.label("staff"),
            E.at.label("s"),
            E.kind.in_(OPENING).label("opens"),
            func.lead(E.at).over(partition_by=E.counter_code, order_by=(E.at, E.id)).label("e"),
        )
        .where(E.at >= _at(start), E.at < _at(cut), E.kind.in_(STATE_KINDS))
        .subquery()
    )
    presence = (
        select(
            events.c.counter,
            events.c.staff,
            events.c.s,
            func.coalesce(events.c.e, _at(cut)).label("e"),
        )
        .where(events.c.opens, events.c.staff.is_not(None))
        .cte("presence")
    )
    desk = aliased(Terminal)
    sites = (
        select(E.counter_code.label("counter"), func.max(desk.site_code).label("site"))
        .join(desk, desk.terminal_id == E.detail["terminal"].as_string())
        .where(E.kind == "signed_in", E.at >= _at(start), E.at < _at(cut))
        .group_by(E.counter_code)
        .subquery()
    )
    pair = select(presence.c.counter, presence.c.staff).distinct().subquery()
    pairs = (
        select(
            pair.c.counter,
            pair.c.staff,
            func.coalesce(sites.c.site, "").label("site"),
            func.coalesce(StaffRow.department, "").label("department"),
            cast(CounterRow.category_codes, String).label("window_queues"),
            func.coalesce(cast(StaffRow.category_codes, String), "[]").label("clerk_queues"),
        )
        .outerjoin(sites, sites.c.counter == pair.c.counter)
        .outerjoin(CounterRow, CounterRow.code == pair.c.counter)
        .outerjoin(StaffRow, StaffRow.staff_no == pair.c.staff)
        .cte("pairs")
    )

    T, before, kiosk = Ticket, aliased(Ticket), aliased(Terminal)
    quoted = literal('%"') + T.category_code + literal('"%')
    its_queue = and_(
        T.for_counter.is_(None),
        T.for_staff.is_(None),
        pairs.c.window_queues.like(quoted),
        or_(not_(pairs.c.clerk_queues.like('%"%')), pairs.c.clerk_queues.like(quoted)),
    )
    mine = or_(its_queue, T.for_counter == pairs.c.counter, T.for_staff == pairs.c.staff)
    waits_from = clip(func.coalesce(before.ended_at, T.issued_at))
    waits_to = clip(func.coalesce(T.called_at, T.ended_at, _at(day.end)))
    waiting = (
        select(pairs.c.counter, pairs.c.staff, waits_from.label("s"), waits_to.label("e"))
        .select_from(pairs)
        .join(kiosk, kiosk.site_code == pairs.c.site)
        .join(T, and_(T.terminal_id == kiosk.terminal_id, T.service_date == day.first, mine))
        .outerjoin(before, before.ticket_id == T.transferred_from)
        .where(waits_from < waits_to)
        .subquery()
    )
    busy_from = clip(T.called_at)
    busy_to = clip(func.coalesce(T.ended_at, T.held_at, _at(cut)))
    busy = (
        select(pairs.c.counter, pairs.c.staff, busy_from.label("s"), busy_to.label("e"))
        .select_from(pairs)
        .join(T, and_(T.counter_code == pairs.c.counter, T.service_date == day.first))
        .where(T.called_at.is_not(None), busy_from < busy_to)
        .subquery()
    )
    hour_starts = [at for n in range(25) if start < (at := start + timedelta(hours=n)) < cut]

    def moments(source: Any, open_: int, busy_: int, waiting_: int, at: Any) -> Any:
        return select(
            source.c.counter,
            source.c.staff,
            at.label("at"),
            literal(open_, Integer).label("d_open"),
            literal(busy_, Integer).label("d_busy"),
            literal(waiting_, Integer).label("d_wait"),
        )

    changes = [
        moments(presence, 1, 0, 0, presence.c.s),
        moments(presence, -1, 0, 0, presence.c.e),
        moments(busy, 0, 1, 0, busy.c.s),
        moments(busy, 0, -1, 0, busy.c.e),
        moments(waiting, 0, 0, 1, waiting.c.s),
        moments(waiting, 0, 0, -1, waiting.c.e),
    ]
    if hour_starts:
        hours = union_all(*(select(_at(at).label("at")) for at in hour_starts)).subquery("hours")
        changes.append(moments(pairs, 0, 0, 0, hours.c.at).select_from(pairs.join(hours, true())))
    every = union_all(*changes).subquery()
    at_moment = (
        select(
            every.c.counter,
            every.c.staff,
            every.c.at,
            func.sum(every.c.d_open).label("d_open"),
            func.sum(every.c.d_busy).label("d_busy"),
            func.sum(every.c.d_wait).label("d_wait"),
        )
        .group_by(every.c.counter, every.c.staff, every.c.at)
        .subquery()
    )
    order: dict[str, Any] = {
        "partition_by": (at_moment.c.counter, at_moment.c.staff),
        "order_by": at_moment.c.at,
    }
    running = select(
        at_moment.c.counter,
        at_moment.c.staff,
        at_moment.c.at,
        func.sum(at_moment.c.d_open).over(**order).label("open_n"),
        func.sum(at_moment.c.d_busy).over(**order).label("busy_n"),
        func.sum(at_moment.c.d_wait).over(**order).label("wait_n"),
        func.lead(at_moment.c.at).over(**order).label("next_at"),
    ).subquery()
    return (
        select(
            running.c.counter,
            running.c.staff,
            pairs.c.site,
            pairs.c.department,
            running.c.at,
            cast(dialect.seconds(running.c.at, running.c.next_at), Float).label("seconds"),
        )
        .join(pairs, and_(pairs.c.counter == running.c.counter, pairs.c.staff == running.c.staff))
        .where(
            running.c.open_n > 0,
            running.c.busy_n == 0,
            running.c.wait_n > 0,
            running.c.next_at.is_not(None),
        )
        .cte("idle_stretches")
        .prefix_with("MATERIALIZED")
    )


def key(dialect: Dialect, by: m.Dimension, idle: Any, day: Period) -> Any:
    """What an idle stretch is counted under (None: a dimension idle time has no key in)."""
    return {
        D.ALL: everything(),
        D.SITE: idle.c.site,
        D.WINDOW: idle.c.counter,
        D.CLERK: idle.c.staff,
        D.DEPARTMENT: idle.c.department,
        D.HOUR: dialect.local_hour(idle.c.at),
        D.DAY: dialect.day_text(literal(day.first)),
        D.WEEKDAY: dialect.weekday(literal(day.first)),
    }.get(by)


def day_seconds(
    session: Session, dialect: Dialect, day: Period, cut: datetime
) -> dict[tuple[str, str, str], float]:
    """A day's idle seconds per (stored dimension, site, key as text), in one statement."""
    idle = segments(dialect, day, cut)
    parts = []
    for by in STORED:
        k = func.coalesce(cast(key(dialect, by, idle, day), String), "")
        parts.append(
            select(
                literal(by.value, String).label("dimension"),
                idle.c.site,
                k.label("k"),
                func.sum(idle.c.seconds).label("seconds"),
            ).group_by(idle.c.site, k)
        )
    rows = session.execute(union_all(*parts)).all()
    return {(dimension, site, k): float(seconds) for dimension, site, k, seconds in rows}


def live(
    dialect: Dialect,
    by: m.Dimension,
    day: Period,
    now: datetime,
    figures: tuple[str, ...],
    *,
    sites: frozenset[str] | None = None,
    text_keys: bool = False,
) -> Any | None:
    """Today's idle seconds so far per key, as a row of ``figures`` (the rest 0), to add to
    the tickets' figures; None for a dimension without idle time."""
    idle = segments(dialect, day, now)
    raw = key(dialect, by, idle, day)
    if raw is None:
        return None
    k = func.coalesce(cast(raw, String), "") if text_keys and by in STORED else raw
    zero = literal(0, Integer)
    cells = [
        func.sum(idle.c.seconds).label(name) if name == "idle_seconds" else zero.label(name)
        for name in figures
    ]
    query = select(k.label("k"), *cells).group_by(k)
    return query if sites is None else query.where(idle.c.site.in_(sorted(sites)))
