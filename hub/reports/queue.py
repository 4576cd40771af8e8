"""The queue report: tickets issued, served, missed and given up, and how long people waited,
walked to the window and were served (REFERENCE §6: wait = first call − issued, walk = start −
the call answered, service = finished − started), and how long windows stood idle while their
queues had people waiting (``hub.reports.idle``; no queue's or item's), per dimension; what
each figure counts is in ``hub.reports.rollup``, which keeps them per finished day.

Means are exact; the median and the 90th percentile are estimated from each measure's
histogram (``REPORT_BIN_EDGES``), within the bin that holds them."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, Select, and_, cast, func, or_, select, union_all
from sqlalchemy.orm import Session

from contract import models as m
from hub.db import REPORT_BIN_EDGES, REPORT_IDLE, AppointmentRow
from hub.reports import idle, rollup
from hub.reports.sql import Dialect, Period, counted, everything, key_text, minutes, ratio
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind

COLUMNS = [
    column("issued", "取号数", "Tickets issued", K.COUNT),
    column("served", "办结数", "Served", K.COUNT),
    column("no_show", "过号数", "No-shows", K.COUNT),
    column("abandoned", "放弃数", "Given up", K.COUNT),
    column("transferred", "转移数", "Transferred", K.COUNT),
    column("wait_mean", "平均等候（分）", "Mean wait (min)", K.MINUTES),
    column("wait_p50", "等候中位数（分）", "Median wait (min)", K.MINUTES),
    column("wait_p90", "等候P90（分）", "Wait p90 (min)", K.MINUTES),
    column("walk_mean", "平均到窗（分）", "Mean walk (min)", K.MINUTES),
    column("walk_p50", "到窗中位数（分）", "Median walk (min)", K.MINUTES),
    column("walk_p90", "到窗P90（分）", "Walk p90 (min)", K.MINUTES),
    column("service_mean", "平均办理（分）", "Mean service (min)", K.MINUTES),
    column("service_p50", "办理中位数（分）", "Median service (min)", K.MINUTES),
    column("service_p90", "办理P90（分）", "Service p90 (min)", K.MINUTES),
    column("first_call_rate", "一次叫应率", "Answered at first call", K.RATE),
    column("recall_rate", "重呼率", "Recalled", K.RATE),
    column("rated", "评价数", "Services rated", K.COUNT),
    column("rating_rate", "评价率", "Rating rate", K.RATE),
    column("appointments_due", "预约数", "Appointments due", K.COUNT),
    column("appointment_show_rate", "预约到场率", "Appointment show rate", K.RATE),
    column(
        "idle_minutes",
        "有人等候时窗口空闲（分）",
        "Window idle while people waited (min)",
        K.MINUTES,
    ),
]


def _appointment_key(dialect: Dialect, by: m.Dimension) -> Any | None:
    """Appointments have no site, window or clerk: those rows show no appointment figures."""
    return {
        D.ALL: everything(),
        D.QUEUE: AppointmentRow.category_code,
        D.ITEM: AppointmentRow.item_code,
        D.DAY: dialect.day_text(AppointmentRow.slot_date),
        D.HOUR: cast(func.substr(AppointmentRow.slot_start, 1, 2), Integer),
        D.WEEKDAY: dialect.weekday(AppointmentRow.slot_date),
    }.get(by)


def report(
    session: Session,
    dialect: Dialect,
    period: Period,
    by: m.Dimension,
    now: datetime,
    sites: rollup.Sites = None,
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    """The figures of the finished days from their kept sums (rollup), today's from its
    tickets and its windows so far; all are added up per key in one statement."""
    today = now.astimezone(period.tz).date()
    finished = min(period.last, today - timedelta(days=1))
    parts: list[Select[Any]] = []
    if period.first <= finished:
        parts.append(rollup.from_days(dialect, by, period.first, finished, sites))
    if period.first <= today <= period.last:
        parts.append(
            rollup.from_tickets(dialect, by, today, today, today, sites=sites, text_keys=True)
        )
        one_day = Period(today, today, period.tz)
        windows = idle.live(dialect, by, one_day, now, rollup.FIGURES, sites=sites, text_keys=True)
        if windows is not None:
            parts.append(windows)
    totals: dict[Any, dict[str, Any]] = {}
    if parts:
        both = union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()
        query = select(both.c.k, *(func.sum(both.c[name]).label(name) for name in rollup.FIGURES))
        for row in session.execute(query.group_by(both.c.k)).mappings():
            totals[_key(row["k"], by)] = dict(row)
    # Appointments have no site: a report kept to some sites shows none.
    shows = _appointments(session, dialect, period, by, today) if sites is None else {}
    keys = set(totals) | set(shows)
    if by is D.DAY:
        keys |= {day.isoformat() for day in period.days()}
    # None where appointments have nothing to do with the rows (windows, clerks, sites).
    no_appointments = (0, 0) if _appointment_key(dialect, by) is not None else (None, 0)
    rows = []
    for k in keys:
        f = totals.get(k) or dict.fromkeys(rollup.FIGURES, 0)
        due, came = shows.get(k, no_appointments)
        rows.append([
            key_text(k), f["issued"], f["served"], f["no_show"], f["abandoned"],
            f["transferred"], *_spread(f, "wait"), *_spread(f, "walk"), *_spread(f, "service"),
            ratio(f["first_call"], f["started"]), ratio(f["recalled"], f["called"]),
            f["rated"], ratio(f["rated"], f["served"]),
            due, None if due is None else ratio(came, due),
            minutes(float(f[REPORT_IDLE] or 0)) if by in idle.KEYED else None,
        ])  # fmt: skip
    return COLUMNS, rows


def _key(value: Any, by: m.Dimension) -> Any:
    """Keys as the rows show them: hours and weekdays as numbers, the rest as text."""
    if by in (D.HOUR, D.WEEKDAY) and value not in (None, ""):
        return int(value)
    return "" if value is None else value


def _spread(figures: dict[str, Any], measure: str) -> list[float | None]:
    """Mean (exact), median and 90th percentile (estimated within their bin), in minutes."""
    n = int(figures[f"{measure}_n"] or 0)
    if not n:
        return [None, None, None]
    bins = [int(figures[f"{measure}_bin{b:02d}"] or 0) for b in range(len(REPORT_BIN_EDGES))]
    mean = float(figures[f"{measure}_seconds"]) / n
    return [minutes(mean), minutes(percentile(bins, 0.5)), minutes(percentile(bins, 0.9))]


def percentile(bins: list[int], p: float) -> float | None:
    """The nearest-rank percentile (the value at rank ⌈p·n⌉) estimated from a histogram over
    ``REPORT_BIN_EDGES``: within the bin that holds that rank, as far in as its rank among the
    bin's values (the open last bin: its lower edge)."""
    rank = math.ceil(p * sum(bins))
    below = 0
    for n, count in enumerate(bins):
        if count and below + count >= rank:
            low = REPORT_BIN_EDGES[n]
            if n + 1 == len(REPORT_BIN_EDGES):
                return float(low)
            return low + (REPORT_BIN_EDGES[n + 1] - low) * (rank - below - 0.5) / count
        below += count
    return None


def _appointments(
    session: Session, dialect: Dialect, period: Period, by: m.Dimension, today: date
) -> dict[Any, tuple[int, int]]:
    """Appointments that were due (the slot's day has passed, or the citizen came) and how many
    of them came, per key."""
    raw_key = _appointment_key(dialect, by)
    if raw_key is None:
        return {}
    key = raw_key.label("k")
    A = m.AppointmentState
    due = or_(
        AppointmentRow.state.in_((A.CHECKED_IN.value, A.MISSED.value)),
        and_(AppointmentRow.state == A.BOOKED.value, AppointmentRow.slot_date < today),
    )
    rows = session.execute(
        select(key, func.count(), counted(AppointmentRow.state == A.CHECKED_IN.value))
        .where(AppointmentRow.slot_date.between(period.first, period.last), due)
        .group_by(key)
    ).all()
    return {k: (n, came) for k, n, came in rows}
