"""The 好差评 report: ratings by level, 好评率 and 差评率 (of ratings given), the reasons citizens
chose for a 差评, and how their follow-up went (hub.follow_ups): answered, answered by the
deadline, overdue; per dimension. A rating belongs to the day it was given and to its subject's
window, clerk, item and site (a ticket's or a case's), and to the department answering for it
(a bad rating's, kept with its follow-up; another's: the rated clerk's, else the item's). A
rating voided on appeal (申诉成立) is counted as such and nowhere else. The 评价率 (services
rated ÷ served) is in the queue report, beside the services."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from contract import models as m
from hub.db import CaseRow, CatalogItemRow, EvaluationRow, StaffRow, Terminal, Ticket
from hub.follow_ups import UNDER_WAY
from hub.reports.sql import Dialect, Period, counted, everything, key_text, ratio
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind
R = m.Rating
F = m.FollowUpState

REASON_TITLES = {
    m.BadReason.ATTITUDE: ("服务态度不好", "Attitude"),
    m.BadReason.EFFICIENCY: ("办事效率低", "Slow handling"),
    m.BadReason.REPEATED_VISITS: ("多次跑动", "Repeated visits"),
    m.BadReason.REPEATED_MATERIALS: ("材料重复提交", "Materials asked twice"),
    m.BadReason.UNCLEAR_POLICY: ("政策解释不清", "Policy unclear"),
    m.BadReason.LONG_WAIT: ("等候时间长", "Long wait"),
    m.BadReason.SYSTEM: ("系统或设备故障", "System fault"),
    m.BadReason.OTHER: ("其他", "Other"),
}
LEVEL_TITLES = {
    R.VERY_SATISFIED: ("非常满意", "Very satisfied"),
    R.SATISFIED: ("满意", "Satisfied"),
    R.BASIC: ("基本满意", "Fairly satisfied"),
    R.UNSATISFIED: ("不满意", "Unsatisfied"),
    R.VERY_UNSATISFIED: ("非常不满意", "Very unsatisfied"),
}
LEVELS = sorted(R, reverse=True)
GOOD = (R.VERY_SATISFIED, R.SATISFIED)
BAD = (R.UNSATISFIED, R.VERY_UNSATISFIED)

COLUMNS = [
    column("rated", "评价数", "Ratings", K.COUNT),
    *(column(f"level_{int(r)}", *LEVEL_TITLES[r], K.COUNT) for r in LEVELS),
    column("good_rate", "好评率", "Good", K.RATE),
    column("bad", "差评数", "Bad ratings", K.COUNT),
    column("bad_rate", "差评率", "Bad", K.RATE),
    column("answered", "差评已答复", "Bad answered", K.COUNT),
    column("on_time_rate", "按时整改率", "Answered by the deadline", K.RATE),
    column("overdue", "整改逾期", "Overdue", K.COUNT),
    column("voided", "申诉成立", "Voided on appeal", K.COUNT),
    *(column(f"reason_{reason.value}", *REASON_TITLES[reason], K.COUNT) for reason in m.BadReason),
]


def report(
    session: Session,
    dialect: Dialect,
    period: Period,
    by: m.Dimension,
    today: date,
    sites: frozenset[str] | None = None,
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    ticket_site = aliased(Terminal)
    case_site = aliased(Terminal)
    E = EvaluationRow
    keys: dict[m.Dimension, Any] = {
        D.ALL: everything(),
        D.SITE: func.coalesce(ticket_site.site_code, case_site.site_code, ""),
        D.QUEUE: Ticket.category_code,
        D.WINDOW: E.counter_code,
        D.CLERK: E.staff_no,
        D.ITEM: func.coalesce(Ticket.item_code, CaseRow.item_code),
        # A bad rating's is kept with its follow-up; others: the clerk rated's, else the item's.
        D.DEPARTMENT: case(
            (E.department != "", E.department),
            else_=func.coalesce(
                func.nullif(StaffRow.department, ""), CatalogItemRow.department, ""
            ),
        ),
        D.DAY: dialect.local_day(E.created_at),
        D.HOUR: dialect.local_hour(E.created_at),
        D.WEEKDAY: dialect.weekday(dialect.local_day(E.created_at)),
    }
    key = keys[by].label("k")
    voided = E.follow_up_state == F.VOIDED.value
    counts = or_(E.follow_up_state.is_(None), E.follow_up_state != F.VOIDED.value)
    bad = and_(counts, E.level.in_([int(r) for r in BAD]))
    answered = and_(bad, E.follow_up_state == F.ANSWERED.value)
    on_time = dialect.local_day(E.followed_up_at) <= dialect.day_text(E.follow_up_due)
    under_way = E.follow_up_state.in_([s.value for s in UNDER_WAY])
    query = (
        select(
            key,
            counted(counts),
            *(counted(and_(counts, E.level == int(r))) for r in LEVELS),
            counted(and_(counts, E.level.in_([int(r) for r in GOOD]))),
            counted(bad),
            counted(answered),
            counted(and_(answered, on_time)),
            counted(and_(bad, under_way, E.follow_up_due < today)),
            counted(voided),
            *(counted(and_(bad, dialect.contains_word(E.reasons, r.value))) for r in m.BadReason),
        )
        .select_from(E)
        .where(E.created_at >= period.start, E.created_at < period.end)
        .outerjoin(
            Ticket,
            and_(E.subject_type == m.SubjectType.TICKET.value, E.subject_id == Ticket.ticket_id),
        )
        .outerjoin(
            CaseRow,
            and_(E.subject_type == m.SubjectType.CASE.value, E.subject_id == CaseRow.case_id),
        )
        .group_by(key)
    )
    if by is D.DEPARTMENT:
        query = query.outerjoin(StaffRow, StaffRow.staff_no == E.staff_no)
        item = func.coalesce(Ticket.item_code, CaseRow.item_code)
        query = query.outerjoin(CatalogItemRow, CatalogItemRow.code == item)
    if by is D.SITE or sites is not None:
        query = query.outerjoin(ticket_site, ticket_site.terminal_id == Ticket.terminal_id)
        query = query.outerjoin(case_site, case_site.terminal_id == CaseRow.terminal_id)
    if sites is not None:
        subject_site = func.coalesce(ticket_site.site_code, case_site.site_code, "")
        query = query.where(subject_site.in_(sorted(sites)))
    rows: list[list[m.Cell]] = []
    for k, rated, *rest in session.execute(query).all():
        levels, (good, bad_n, answered_n, on_time_n, overdue, voided_n) = rest[:5], rest[5:11]
        rows.append([
            key_text(k), rated, *levels, ratio(good, rated), bad_n, ratio(bad_n, rated),
            answered_n, ratio(on_time_n, bad_n), overdue, voided_n, *rest[11:],
        ])  # fmt: skip
    if by is D.DAY:
        have = {row[0] for row in rows}
        rows += [_nothing(day.isoformat()) for day in period.days() if day.isoformat() not in have]
    return COLUMNS, rows


def _nothing(key: Any) -> list[m.Cell]:
    return [key, 0, *(0 for _ in LEVELS), None, 0, None, 0, None, 0, 0, *(0 for _ in m.BadReason)]
