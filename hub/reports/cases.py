"""The cases report: cases submitted per channel (自助机, 社区代办, 窗口收件, 网上), what was
decided (受理, 补正, 不予受理), 按时办结率 (finished by the promised date, counted in working
days from acceptance), how many days before (−) or after (+) that date they were finished on
average, and the 一次告知 second-visit rate: of the cases sent back for 补正, those whose later
notice named a material the first one had not. A case belongs to the day it was submitted, its
site (the submitting terminal's), item, the item's department (实施部门) and the handling clerk.
Queues and windows are not its
dimensions (``hub.reports.DIMENSIONS``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from contract import models as m
from hub.db import CaseEvent, CaseNotice, CaseRow, CatalogItemRow, Terminal
from hub.reports.sql import Dialect, Period, counted, everything, key_text, ratio
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind
C = m.CaseState
CH = m.Channel
REMOTE = (CH.ONLINE.value, CH.MOBILE.value)

COLUMNS = [
    column("submitted", "提交数", "Cases submitted", K.COUNT),
    column("kiosk", "自助机", "At a kiosk", K.COUNT),
    column("community", "社区代办", "By a community worker", K.COUNT),
    column("counter", "窗口收件", "At a window", K.COUNT),
    column("remote", "网上办理", "Online or mobile", K.COUNT),
    column("accepted", "受理数", "Accepted", K.COUNT),
    column("supplement", "补正数", "Sent back for 补正", K.COUNT),
    column("rejected", "不予受理数", "Rejected", K.COUNT),
    column("done", "办结数", "Finished", K.COUNT),
    column("on_time_rate", "按时办结率", "Finished on time", K.RATE),
    column("days_vs_due", "较承诺时限（天）", "Days after the promised date", K.COUNT),
    column("second_supplement_rate", "二次补正率", "Second 补正 naming more", K.RATE),
]


def report(
    session: Session,
    dialect: Dialect,
    period: Period,
    by: m.Dimension,
    sites: frozenset[str] | None = None,
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    keys: dict[m.Dimension, Any] = {
        D.ALL: everything(),
        D.SITE: func.coalesce(Terminal.site_code, ""),
        D.ITEM: CaseRow.item_code,
        D.DEPARTMENT: CatalogItemRow.department,
        D.CLERK: CaseRow.handler_no,
        D.DAY: dialect.local_day(CaseRow.submitted_at),
        D.HOUR: dialect.local_hour(CaseRow.submitted_at),
        D.WEEKDAY: dialect.weekday(dialect.local_day(CaseRow.submitted_at)),
    }
    key = keys[by].label("k")

    def ever(state: m.CaseState) -> Any:
        return func.max(case((CaseEvent.state == state.value, 1), else_=0))

    events = (
        select(
            CaseEvent.case_id,
            ever(C.ACCEPTED).label("accepted"),
            ever(C.SUPPLEMENT_REQUESTED).label("supplement"),
            ever(C.REJECTED).label("rejected"),
            func.min(case((CaseEvent.state == C.DONE.value, CaseEvent.at))).label("done_at"),
        )
        .group_by(CaseEvent.case_id)
        .subquery()
    )
    late = (
        select(CaseNotice.case_id, func.max(CaseNotice.late_lines).label("late_lines"))
        .where(CaseNotice.kind == m.NoticeKind.SUPPLEMENT.value)
        .group_by(CaseNotice.case_id)
        .subquery()
    )
    channel = CaseRow.data["channel"].as_string()
    done = events.c.done_at.is_not(None)
    on_time = dialect.local_day(events.c.done_at) <= dialect.day_text(CaseRow.due_date)
    days_after = dialect.days_after(events.c.done_at, CaseRow.due_date)
    query = (
        select(
            key,
            func.count(),
            counted(channel == CH.KIOSK.value),
            counted(channel == CH.COMMUNITY.value),
            counted(channel == CH.HALL.value),
            counted(channel.in_(REMOTE)),
            counted(events.c.accepted == 1),
            counted(events.c.supplement == 1),
            counted(events.c.rejected == 1),
            counted(done),
            counted(and_(done, CaseRow.due_date.is_not(None), on_time)),
            func.avg(case((and_(done, CaseRow.due_date.is_not(None)), days_after))),
            counted(func.coalesce(late.c.late_lines, 0) > 0),
        )
        .select_from(CaseRow)
        .outerjoin(events, events.c.case_id == CaseRow.case_id)
        .outerjoin(late, late.c.case_id == CaseRow.case_id)
        .where(CaseRow.submitted_at >= period.start, CaseRow.submitted_at < period.end)
        .group_by(key)
    )
    if by is D.DEPARTMENT:
        query = query.join(CatalogItemRow, CatalogItemRow.code == CaseRow.item_code)
    if by is D.SITE or sites is not None:
        query = query.outerjoin(Terminal, Terminal.terminal_id == CaseRow.terminal_id)
    if sites is not None:
        query = query.where(Terminal.site_code.in_(sorted(sites)))
    rows: list[list[m.Cell]] = []
    for (
        k,
        submitted,
        *channels,
        accepted,
        supplement,
        rejected,
        done_n,
        timely,
        after,
        second,
    ) in session.execute(query).all():
        rows.append([
            key_text(k), submitted, *channels, accepted, supplement, rejected, done_n,
            ratio(timely, done_n), None if after is None else round(float(after), 2),
            ratio(second, supplement),
        ])  # fmt: skip
    if by is D.DAY:
        have = {row[0] for row in rows}
        empty = [0] * 9 + [None, None, None]
        rows += [[day.isoformat(), *empty] for day in period.days() if day.isoformat() not in have]
    return COLUMNS, rows
