"""The 好差评 report: ratings by level, 好评率 and 差评率 (of ratings given), the reasons citizens
chose for a 差评, and how many 差评 were followed up, per dimension. A rating belongs to the
day it was given and to its subject's window, clerk, item and site (a ticket's or a case's).
The 评价率 (services rated ÷ served) is in the queue report, beside the services."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from contract import models as m
from hub.db import CaseRow, EvaluationRow, Terminal, Ticket
from hub.reports.sql import Dialect, Period, counted, everything, key_text, ratio
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind
R = m.Rating

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
    column("followed_up", "差评已整改", "Bad followed up", K.COUNT),
    column("followed_up_rate", "差评整改率", "Bad followed up (share)", K.RATE),
    *(column(f"reason_{reason.value}", *REASON_TITLES[reason], K.COUNT) for reason in m.BadReason),
]


def report(
    session: Session, dialect: Dialect, period: Period, by: m.Dimension
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
        D.DAY: dialect.local_day(E.created_at),
        D.HOUR: dialect.local_hour(E.created_at),
        D.WEEKDAY: dialect.weekday(dialect.local_day(E.created_at)),
    }
    key = keys[by].label("k")
    bad = E.level.in_([int(r) for r in BAD])
    query = (
        select(
            key,
            func.count(),
            *(counted(E.level == int(r)) for r in LEVELS),
            counted(E.level.in_([int(r) for r in GOOD])),
            counted(bad),
            counted(and_(bad, E.followed_up_at.is_not(None))),
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
    if by is D.SITE:
        query = query.outerjoin(ticket_site, ticket_site.terminal_id == Ticket.terminal_id)
        query = query.outerjoin(case_site, case_site.terminal_id == CaseRow.terminal_id)
    rows: list[list[m.Cell]] = []
    for k, rated, *rest in session.execute(query).all():
        levels, (good, bad_n, followed), reasons = rest[:5], rest[5:8], rest[8:]
        rows.append([
            key_text(k), rated, *levels, ratio(good, rated), bad_n, ratio(bad_n, rated),
            followed, ratio(followed, bad_n), *reasons,
        ])  # fmt: skip
    if by is D.DAY:
        have = {row[0] for row in rows}
        rows += [_nothing(day.isoformat()) for day in period.days() if day.isoformat() not in have]
    return COLUMNS, rows


def _nothing(key: Any) -> list[m.Cell]:
    return [key, 0, *(0 for _ in LEVELS), None, 0, None, 0, None, *(0 for _ in m.BadReason)]
