"""Reports for the district office and hall managers, computed by the database (aggregates and
window functions over indexed columns: never a Python loop over a day's rows). Each answers
with the one table shape of ``contract.models.ReportTable``: a key column for the dimension
asked for, then the report's figures."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from contract import models as m
from hub.context import HubContext
from hub.db import Ticket
from hub.problems import HubProblem
from hub.reports import cases, queue, ratings, rollup
from hub.reports.sql import Dialect, Period, sorted_keys
from hub.reports.table import key_column

logger = logging.getLogger(__name__)


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


def keep_finished_days(ctx: HubContext, first: date, last: date) -> int:
    """Compute and keep the queue figures of the finished days from ``first`` to ``last`` not
    kept yet; how many were. Each day is computed outside any write lock, then stored in a
    short transaction (tickets are issued meanwhile); a day another hub process kept first is
    left as it kept it."""
    today = ctx.today()
    last = min(last, today - timedelta(days=1))
    if first > last:
        return 0
    dialect = Dialect(ctx.engine.dialect.name, Period(first, last, ctx.tz))
    with ctx.reading() as session:
        missing = rollup.missing_days(session, first, last)
    for day in missing:
        with ctx.reading() as session:
            rows = rollup.day_figures(session, dialect, day, today)
        try:
            with ctx.transaction() as session:
                rollup.keep_day(session, day, rows, ctx.now())
        except IntegrityError:
            logger.info("report figures of %s were kept by another hub process", day)
    return len(missing)


def keep_history(ctx: HubContext) -> int:
    """Keep every finished day a report may ask about (from the first ticket, at most
    ``MAX_REPORT_DAYS`` back): what the hub does in the background, so reports never wait."""
    with ctx.reading() as session:
        first = session.execute(select(func.min(Ticket.service_date))).scalar()
    if first is None:
        return 0
    today = ctx.today()
    first = max(first, today - timedelta(days=m.MAX_REPORT_DAYS))
    return keep_finished_days(ctx, first, today - timedelta(days=1))


def run(
    ctx: HubContext, name: m.ReportName, first: date, last: date, by: m.Dimension
) -> m.ReportTable:
    period = period_of(ctx, first, last)
    dialect = Dialect(ctx.engine.dialect.name, period)
    if name is m.ReportName.QUEUE:
        keep_finished_days(ctx, period.first, period.last)
    with ctx.reading() as session:
        if name is m.ReportName.QUEUE:
            columns, rows = queue.report(session, dialect, period, by, ctx.today())
        elif name is m.ReportName.RATINGS:
            columns, rows = ratings.report(session, dialect, period, by, ctx.today())
        else:
            columns, rows = cases.report(session, dialect, period, by)
    order = {key: n for n, key in enumerate(sorted_keys([row[0] for row in rows]))}
    return m.ReportTable(
        name=name,
        date_from=first,
        date_to=last,
        by=by,
        columns=[key_column(by), *columns],
        rows=sorted(rows, key=lambda row: order[row[0]]),
    )
