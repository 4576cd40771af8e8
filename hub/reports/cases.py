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

from sqlalchemy import Select, and_, case, exists, func, literal_column, select
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
        D.APPLICANT_TYPE: CaseRow.applicant_type,  # person or company
    }
    query = select(
        keys[by].label("k"),
        CaseRow.data["channel"].as_string().label("channel"),
        CaseRow.due_date,
    ).where(CaseRow.submitted_at >= period.start, CaseRow.submitted_at < period.end)
    joined = [CaseRow.case_id]  # the primary keys of the tables the key and channel come from
    if by is D.DEPARTMENT:
        query = query.join(CatalogItemRow, CatalogItemRow.code == CaseRow.item_code)
        joined.append(CatalogItemRow.code)
    if by is D.SITE or sites is not None:
        query = query.outerjoin(Terminal, Terminal.terminal_id == CaseRow.terminal_id)
        joined.append(Terminal.terminal_id)
    if sites is not None:
        query = query.where(Terminal.site_code.in_(sorted(sites)))
    per = _per_case(query, joined, dialect)
    channel, done = per.c.channel, per.c.done_at.is_not(None)
    days_after = dialect.days_after(per.c.done_at, per.c.due_date)  # None: not both known
    query = select(
        per.c.k,
        func.count(),
        counted(channel == CH.KIOSK.value),
        counted(channel == CH.COMMUNITY.value),
        counted(channel == CH.HALL.value),
        counted(channel.in_(REMOTE)),
        counted(per.c.accepted == 1),
        counted(per.c.supplement == 1),
        counted(per.c.rejected == 1),
        counted(done),
        counted(days_after <= 0),  # finished by the promised date
        func.avg(days_after),
        counted(per.c.late == 1),
    ).group_by(per.c.k)
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


def _per_case(cases: Select[Any], joined: list[Any], dialect: Dialect) -> Any:
    """Each of the period's cases once (``cases``: its key, channel and promised date, of the
    period and the sites asked for; ``joined``: the primary keys of its tables), with what its
    events and notices tell: ever accepted, sent back for 补正, rejected (1 or 0); when it was
    first finished; whether a 补正 notice named lines an earlier one had missed (1 or 0).

    The cost follows the period's cases, in the form each database runs fastest. SQLite looks
    each case up in the events' index, which holds all it needs (case, state, time); the rows
    are materialized so each lookup runs once rather than once per sum using it. PostgreSQL
    joins the period's cases to their events and groups them by case (it hashes the join; the
    same lookups one case at a time cost it several times more)."""
    named_late = and_(
        CaseNotice.kind == m.NoticeKind.SUPPLEMENT.value,
        CaseNotice.late_lines > literal_column("0"),  # the partial index's own words
    )
    if dialect.postgres:

        def ever(state: m.CaseState) -> Any:
            return func.max(case((CaseEvent.state == state.value, 1), else_=0))

        # Joined rather than asked per case, which it would plan as costly enough to compile
        # (JIT): that alone took it longer than the report.
        late = select(CaseNotice.case_id).where(named_late).distinct().subquery("late")
        return (
            cases.add_columns(
                ever(C.ACCEPTED).label("accepted"),
                ever(C.SUPPLEMENT_REQUESTED).label("supplement"),
                ever(C.REJECTED).label("rejected"),
                func.min(case((CaseEvent.state == C.DONE.value, CaseEvent.at))).label("done_at"),
                func.max(case((late.c.case_id.is_not(None), 1), else_=0)).label("late"),
            )
            .outerjoin(CaseEvent, CaseEvent.case_id == CaseRow.case_id)
            .outerjoin(late, late.c.case_id == CaseRow.case_id)
            .group_by(*joined)
            .subquery("per_case")
        )

    def events(state: m.CaseState) -> Select[Any]:
        return select(CaseEvent.at).where(
            CaseEvent.case_id == CaseRow.case_id, CaseEvent.state == state.value
        )

    def looked_up(state: m.CaseState) -> Any:
        return case((events(state).exists(), 1), else_=0)

    first_done = events(C.DONE).with_only_columns(func.min(CaseEvent.at)).scalar_subquery()
    return (
        cases.add_columns(
            looked_up(C.ACCEPTED).label("accepted"),
            looked_up(C.SUPPLEMENT_REQUESTED).label("supplement"),
            looked_up(C.REJECTED).label("rejected"),
            first_done.label("done_at"),
            case(
                (exists().where(CaseNotice.case_id == CaseRow.case_id, named_late), 1), else_=0
            ).label("late"),
        )
        .cte("per_case")
        .prefix_with("MATERIALIZED")
    )
