"""Reports for the district office and hall managers, computed by the database (aggregates over
indexed columns, and over the queue figures kept per finished day: never a Python loop over a
day's rows). Each answers with the one table shape of ``contract.models.ReportTable``: a key
column for the dimension asked for, then the report's figures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub.context import HubContext
from hub.db import CounterEvent, JourneyRunRow, Ticket
from hub.problems import HubProblem
from hub.reports import cases, funnel, funnel_days, performance, queue, ratings, rollup
from hub.reports.sql import Dialect, Period, sorted_keys
from hub.reports.table import KEY_TITLES, column, key_column

logger = logging.getLogger(__name__)

D = m.Dimension
# What each report's rows can be (the performance rating says so itself).
_TICKETS = tuple(d for d in D if d not in (D.TERMINAL, D.APPLICANT_TYPE))
DIMENSIONS: dict[m.ReportName, tuple[m.Dimension, ...]] = {
    m.ReportName.QUEUE: _TICKETS,
    m.ReportName.RATINGS: _TICKETS,
    m.ReportName.CASES: (
        *(D.ALL, D.SITE, D.CLERK, D.ITEM, D.DEPARTMENT, D.DAY, D.HOUR, D.WEEKDAY),
        D.APPLICANT_TYPE,
    ),
    m.ReportName.FUNNEL: funnel.DIMENSIONS,
    m.ReportName.PERFORMANCE: (D.SITE, D.DEPARTMENT),
}
REPORT_TITLES = {
    m.ReportName.QUEUE: "排队",
    m.ReportName.RATINGS: "好差评",
    m.ReportName.CASES: "办件",
    m.ReportName.FUNNEL: "自助终端办事",
    m.ReportName.PERFORMANCE: "绩效考评",
}


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
    with ctx.reading() as session:
        since = _first_queue_day(session, ctx)
    if since is None:
        return 0  # nothing happened yet: no day has figures to keep
    return _keep(
        ctx,
        max(first, since),
        last,
        rollup,
        lambda session, dialect, day: rollup.day_figures(session, dialect, day, today, ctx.tz),
    )


def keep_funnel_days(ctx: HubContext, first: date, last: date) -> int:
    """The same for the funnel's figures (``hub.reports.funnel_days``)."""
    with ctx.reading() as session:
        since = _first_run_day(session, ctx)
    if since is None:
        return 0
    return _keep(
        ctx,
        max(first, since),
        last,
        funnel_days,
        lambda session, dialect, day: funnel_days.day_figures(session, dialect, day, ctx.tz),
    )


def _keep(
    ctx: HubContext,
    first: date,
    last: date,
    kept: Any,
    compute: Callable[[Session, Dialect, date], list[dict[str, Any]]],
) -> int:
    """Keep the finished days from ``first`` to ``last`` that ``kept`` (a module with
    missing_days, keep_day and is_kept) has not, each computed by ``compute``."""
    today = ctx.today()
    last = min(last, today - timedelta(days=1))
    if first > last:
        return 0
    dialect = Dialect(ctx.engine.dialect.name, Period(first, last, ctx.tz))
    with ctx.reading() as session:
        missing = kept.missing_days(session, first, last)
    for day in missing:
        with ctx.reading() as session:
            rows = compute(session, dialect, day)
        try:
            with ctx.transaction() as session:
                kept.keep_day(session, day, rows, ctx.now())
        except IntegrityError:
            with ctx.reading() as session:
                if not kept.is_kept(session, day):
                    raise  # not a race with another hub process: a fault to see
            logger.info("report figures of %s were kept by another hub process", day)
    return len(missing)


def keep_history(ctx: HubContext) -> int:
    """Keep every finished day a report may ask about (from the first ticket, window event or
    run, at most ``MAX_REPORT_DAYS`` back): what the hub does in the background, so reports
    never wait."""
    today = ctx.today()
    earliest = today - timedelta(days=m.MAX_REPORT_DAYS)
    yesterday = today - timedelta(days=1)
    return keep_finished_days(ctx, earliest, yesterday) + keep_funnel_days(ctx, earliest, yesterday)


def _first_queue_day(session: Session, ctx: HubContext) -> date | None:
    """The first day with a ticket or a window's event (its idle time): none before it has
    queue figures to keep."""
    first_ticket = session.execute(select(func.min(Ticket.service_date))).scalar()
    first_event = session.execute(select(func.min(CounterEvent.at))).scalar()
    days = [first_ticket, first_event.astimezone(ctx.tz).date() if first_event else None]
    return min((d for d in days if d is not None), default=None)


def _first_run_day(session: Session, ctx: HubContext) -> date | None:
    first_run = session.execute(select(func.min(JourneyRunRow.started_at))).scalar()
    return first_run.astimezone(ctx.tz).date() if first_run is not None else None


def run(
    ctx: HubContext,
    name: m.ReportName,
    first: date,
    last: date,
    by: m.Dimension,
    sites: frozenset[str] | None = None,
) -> m.ReportTable:
    """A report over whole days; ``sites``: only what came from these sites (a hall manager's
    view), None: the whole district."""
    if name is m.ReportName.PERFORMANCE:
        if by is m.Dimension.DEPARTMENT:  # the departments' work at ``sites``, ranked there
            return _performance(ctx, first, last, by, sites)
        table = _performance(ctx, first, last, by)  # ranked among all, shown for ``sites``
        if sites is None:
            return table
        return table.model_copy(update={"rows": [r for r in table.rows if r[0] in sites]})
    if by not in DIMENSIONS[name]:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"The {name.value} report has no {by.value} rows"
            f" (dimensions: {', '.join(d.value for d in DIMENSIONS[name])})",
            f"{REPORT_TITLES[name]}报表不能按{KEY_TITLES[by][0]}统计。",
        )
    period = period_of(ctx, first, last)
    dialect = Dialect(ctx.engine.dialect.name, period)
    if name is m.ReportName.QUEUE:
        keep_finished_days(ctx, period.first, period.last)
    elif name is m.ReportName.FUNNEL:
        keep_funnel_days(ctx, period.first, period.last)
    with ctx.reading() as session:
        if name is m.ReportName.QUEUE:
            columns, rows = queue.report(session, dialect, period, by, ctx.now(), sites)
        elif name is m.ReportName.RATINGS:
            columns, rows = ratings.report(session, dialect, period, by, ctx.today(), sites)
        elif name is m.ReportName.FUNNEL:
            columns, rows = funnel.report(session, dialect, period, by, ctx.today(), sites)
        else:
            columns, rows = cases.report(session, dialect, period, by, sites)
    order = {key: n for n, key in enumerate(sorted_keys([row[0] for row in rows]))}
    return m.ReportTable(
        name=name,
        date_from=first,
        date_to=last,
        by=by,
        columns=[key_column(by), *columns],
        rows=sorted(rows, key=lambda row: order[row[0]]),  # stable: a funnel's steps stay
    )


def _problem(title: str, detail: str) -> HubProblem:
    return HubProblem(422, m.ProblemCode.VALIDATION_FAILED, title, detail)


RATED = (m.Dimension.SITE, m.Dimension.DEPARTMENT)


def _performance(
    ctx: HubContext,
    first: date,
    last: date,
    by: m.Dimension,
    sites: frozenset[str] | None = None,
) -> m.ReportTable:
    """绩效考评 of one month per site or department: the score from the stored weights, its rank,
    last month's score and the change, then each indicator's value."""
    if by not in RATED:
        raise _problem(
            f"The performance rating is per site or per department (by=site, by=department),"
            f" not per {by.value}",
            "绩效考评按站点或部门统计。",
        )
    try:
        month_before = performance.whole_month(first, last)
    except ValueError as exc:
        raise _problem(f"{str(exc).capitalize()}", "绩效考评按自然月统计（1日至月末）。") from exc
    with ctx.reading() as session:
        weights = performance.stored_weights(session)
    if by is m.Dimension.DEPARTMENT:
        weights = tuple(w for w in weights if performance.INDICATORS[w.key].per_department)
        if not weights:
            raise _problem(
                "None of the weighed indicators is a department's (the wait and the first call"
                " are the hall's)",
                "考评指标均为大厅叫号指标，不能按部门考评。",
            )
    this = _indicator_values(ctx, weights, first, last, by, sites)
    before = (  # the first month reports cover has none before it
        _indicator_values(ctx, weights, month_before, first - timedelta(days=1), by, sites)
        if month_before >= m.FIRST_REPORT_DAY
        else {}
    )
    now, then = performance.scores(weights, this), performance.scores(weights, before)
    rank = performance.ranks(now)
    rows: list[list[m.Cell]] = []
    for rated in sorted(this):
        score, previous = now[rated], then.get(rated)
        change = None if score is None or previous is None else round(score - previous, 1)
        values = [this[rated].get(w.key) for w in weights]
        rows.append([rated, score, rank[rated], previous, change, *values])
    indicators = [performance.INDICATORS[w.key] for w in weights]
    columns = [
        column("score", "得分", "Score", m.ColumnKind.SCORE),
        column("rank", "排名", "Rank", m.ColumnKind.COUNT),
        column("last_month", "上月得分", "Last month", m.ColumnKind.SCORE),
        column("change", "变化", "Change", m.ColumnKind.SCORE),
        *(
            column(
                w.key, i.title, i.title_en, m.ColumnKind.MINUTES if i.minutes else m.ColumnKind.RATE
            )
            for w, i in zip(weights, indicators, strict=True)
        ),
    ]
    rows.sort(key=lambda row: (row[2] is None, row[2] or 0, row[0]))
    return m.ReportTable(
        name=m.ReportName.PERFORMANCE,
        date_from=first,
        date_to=last,
        by=by,
        columns=[key_column(by), *columns],
        rows=rows,
    )


def _indicator_values(
    ctx: HubContext,
    weights: tuple[performance.Weight, ...],
    first: date,
    last: date,
    by: m.Dimension,
    sites: frozenset[str] | None,
) -> dict[str, dict[str, Any]]:
    """Per site or department, the weighed indicators' values over the period, from the
    reports by the same dimension."""
    values: dict[str, dict[str, Any]] = {}
    needed = {performance.INDICATORS[w.key].report for w in weights}
    for name in sorted(needed):
        table = run(ctx, name, first, last, by, sites)
        keys = [c.key for c in table.columns]
        for row in table.rows:
            rated = str(row[0])
            if by is m.Dimension.DEPARTMENT and not rated:
                continue  # no department (a ticket nobody served): nobody to rate
            for weight in weights:
                indicator = performance.INDICATORS[weight.key]
                if indicator.report is name:
                    values.setdefault(rated, {})[weight.key] = row[keys.index(indicator.column)]
    return values
