"""The queue report: tickets issued, served, missed and given up, and how long people waited,
walked to the window and were served (REFERENCE §6: wait = first call − issued, walk = start −
the call answered, service = finished − started), per dimension.

A transferred citizen's second ticket keeps the first one's arrival; its wait would count the
first service again, so waits are of first tickets only. A ticket never called by the end of its
day, or cancelled, was given up (abandoned)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, and_, cast, func, or_, select
from sqlalchemy.orm import Session

from contract import models as m
from hub.db import AppointmentRow, EvaluationRow, Terminal, Ticket
from hub.reports.sql import (
    EMPTY,
    Dialect,
    Period,
    counted,
    everything,
    key_text,
    minutes,
    ratio,
    spreads,
)
from hub.reports.table import column

S = m.TicketState
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
]


def _ticket_key(dialect: Dialect, by: m.Dimension) -> Any:
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


def _tickets(select_: Select[Any], period: Period, by: m.Dimension) -> Select[Any]:
    days = Ticket.service_date.between(period.first, period.last)
    query = select_.select_from(Ticket).where(days)
    if by is D.SITE:
        query = query.outerjoin(Terminal, Terminal.terminal_id == Ticket.terminal_id)
    return query


def report(
    session: Session, dialect: Dialect, period: Period, by: m.Dimension, today: date
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    key = _ticket_key(dialect, by).label("k")
    rated = EvaluationRow.id.is_not(None)
    counts_query = (
        _tickets(
            select(
                key,
                func.count(),
                counted(Ticket.state == S.DONE.value),
                counted(Ticket.state == S.NO_SHOW.value),
                counted(
                    or_(
                        Ticket.state == S.CANCELLED.value,
                        and_(Ticket.state == S.ISSUED.value, Ticket.service_date < today),
                    )
                ),
                counted(Ticket.state == S.TRANSFERRED.value),
                counted(Ticket.started_at.is_not(None)),
                counted(and_(Ticket.started_at.is_not(None), Ticket.recall_count == 0)),
                counted(Ticket.called_at.is_not(None)),
                counted(and_(Ticket.called_at.is_not(None), Ticket.recall_count > 0)),
                counted(and_(Ticket.state == S.DONE.value, rated)),
            ),
            period,
            by,
        )
        .outerjoin(
            EvaluationRow,
            and_(
                EvaluationRow.subject_type == m.SubjectType.TICKET.value,
                EvaluationRow.subject_id == Ticket.ticket_id,
            ),
        )
        .group_by(key)
    )
    counts = {row[0]: row[1:] for row in session.execute(counts_query).all()}

    def spread_of(start: Any, end: Any, *where: Any) -> dict[Any, Any]:
        value = dialect.seconds(start, end).label("v")
        return spreads(session, _tickets(select(key, value), period, by).where(*where))

    waits = spread_of(
        Ticket.issued_at,
        Ticket.called_at,
        Ticket.called_at.is_not(None),
        Ticket.transferred_from.is_(None),
    )
    walks = spread_of(
        Ticket.last_called_at,
        Ticket.started_at,
        Ticket.started_at.is_not(None),
        Ticket.last_called_at.is_not(None),
    )
    services = spread_of(
        Ticket.started_at,
        Ticket.ended_at,
        Ticket.state == S.DONE.value,
        Ticket.started_at.is_not(None),
        Ticket.ended_at.is_not(None),
    )
    shows = _appointments(session, dialect, period, by, today)

    keys = set(counts) | set(shows)
    if by is D.DAY:
        keys |= {day.isoformat() for day in period.days()}
    # None where appointments have nothing to do with the rows (windows, clerks, sites).
    no_appointments = (0, 0) if _appointment_key(dialect, by) is not None else (None, 0)
    rows = []
    for k in keys:
        issued, served, no_show, abandoned, transferred, *more = counts.get(k, (0,) * 10)
        started, first, called, recalled, rated_n = more
        wait, walk, service = (s.get(k, EMPTY) for s in (waits, walks, services))
        due, came = shows.get(k, no_appointments)
        rows.append([
            key_text(k), issued, served, no_show, abandoned, transferred,
            minutes(wait.mean), minutes(wait.p50), minutes(wait.p90),
            minutes(walk.mean), minutes(walk.p50), minutes(walk.p90),
            minutes(service.mean), minutes(service.p50), minutes(service.p90),
            ratio(first, started), ratio(recalled, called),
            rated_n, ratio(rated_n, served),
            due, None if due is None else ratio(came, due),
        ])  # fmt: skip
    return COLUMNS, rows


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
