"""Reports for the district office and hall managers, computed by the database (aggregates and
window functions over indexed columns: never a Python loop over a day's rows). Each answers
with the one table shape of ``contract.models.ReportTable``: a key column for the dimension
asked for, then the report's figures."""

from __future__ import annotations

from datetime import date, timedelta

from contract import models as m
from hub.context import HubContext
from hub.problems import HubProblem
from hub.reports import queue, ratings, rollup
from hub.reports.sql import Dialect, Period, sorted_keys
from hub.reports.table import key_column


def period_of(ctx: HubContext, first: date, last: date) -> Period:
    """The days asked for, or a problem naming what is wrong with them."""
    if last < first:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"The period ends ({last}) before it starts ({first})",
            "结束日期早于开始日期。",
        )
    if first < m.FIRST_REPORT_DAY or last > m.LAST_REPORT_DAY:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"Reports cover {m.FIRST_REPORT_DAY} to {m.LAST_REPORT_DAY}",
            f"统计日期须在 {m.FIRST_REPORT_DAY} 至 {m.LAST_REPORT_DAY} 之间。",
        )
    if (last - first).days + 1 > m.MAX_REPORT_DAYS:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"At most {m.MAX_REPORT_DAYS} days in one report",
            f"一次最多统计 {m.MAX_REPORT_DAYS} 天。",
        )
    return Period(first, last, ctx.tz)


def keep_finished_days(ctx: HubContext, dialect: Dialect, period: Period) -> None:
    """Compute the figures of the period's finished days not kept yet (once per day; a
    year's first report after an upgrade takes a while), each day in a short transaction."""
    today = ctx.today()
    finished = min(period.last, today - timedelta(days=1))
    if period.first > finished:
        return
    with ctx.reading() as session:
        missing = rollup.missing_days(session, period.first, finished)
    for day in missing:
        with ctx.transaction() as session:
            rollup.roll_up(session, dialect, day, today, ctx.now())


def run(
    ctx: HubContext, name: m.ReportName, first: date, last: date, by: m.Dimension
) -> m.ReportTable:
    period = period_of(ctx, first, last)
    dialect = Dialect(ctx.engine.dialect.name, period)
    if name is m.ReportName.QUEUE:
        keep_finished_days(ctx, dialect, period)
    with ctx.reading() as session:
        if name is m.ReportName.QUEUE:
            columns, rows = queue.report(session, dialect, period, by, ctx.today())
        else:
            columns, rows = ratings.report(session, dialect, period, by, ctx.today())
    order = {key: n for n, key in enumerate(sorted_keys([row[0] for row in rows]))}
    return m.ReportTable(
        name=name,
        date_from=first,
        date_to=last,
        by=by,
        columns=[key_column(by), *columns],
        rows=sorted(rows, key=lambda row: order[row[0]]),
    )
