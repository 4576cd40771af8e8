"""The kiosk funnel: for each journey, how many runs reached each step, and how the runs that
ended there ended (gave up, timed out, failed, finished), with the share of the journey's
starts that reached the step. A run (``hub.journey_runs``) belongs to the hour it started, its
terminal and that terminal's site when it was received.

Rows: every journey with a run in the period (after ``sites``), every step of it in journey
order (contract.models.JOURNEY_STEPS; a step nobody reached reads 0), for every key of the
dimension with a run — and every day of the period, by day. The finished days' figures are kept
(``hub.reports.funnel_days``); one statement adds them to the later days' counted from the runs,
and only the totals come to Python."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select, union_all
from sqlalchemy.orm import Session

from contract import models as m
from hub.reports import funnel_days
from hub.reports.funnel_days import FIGURES, STARTS
from hub.reports.sql import Dialect, Period, key_text, ratio, sorted_keys
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind

DIMENSIONS = (D.ALL, D.SITE, D.TERMINAL, D.DAY, D.HOUR, D.WEEKDAY)

COLUMNS = [
    column("journey", "办事类型", "Journey", K.KEY),
    column("step", "步骤", "Step", K.KEY),
    column("reached", "到达人次", "Reached", K.COUNT),
    column("reached_rate", "到达率", "Of the starts", K.RATE),
    column("gave_up", "在此放弃", "Gave up here", K.COUNT),
    column("timed_out", "在此超时", "Timed out here", K.COUNT),
    column("failed", "在此失败", "Failed here", K.COUNT),
    column("finished", "在此完成", "Finished here", K.COUNT),
]


def report(
    session: Session,
    dialect: Dialect,
    period: Period,
    by: m.Dimension,
    today: date,
    sites: frozenset[str] | None = None,
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    """The finished days' figures from those kept, today's and later from the runs."""
    finished = min(period.last, today - timedelta(days=1))
    parts: list[Any] = []
    if period.first <= finished:
        parts.append(funnel_days.from_days(dialect, by, period.first, finished, sites))
    live = Period(max(period.first, finished + timedelta(days=1)), period.last, period.tz)
    if live.first <= live.last:
        parts.extend(funnel_days.from_runs(dialect, by, live, sites, text_keys=True))
    both = union_all(*parts).subquery()
    groups = (both.c.k, both.c.journey, both.c.step)
    totals: dict[tuple[Any, str, str], tuple[int, ...]] = {
        (_key(k, by), journey, step): tuple(figures)
        for k, journey, step, *figures in session.execute(
            select(*groups, *(func.sum(both.c[name]) for name in FIGURES)).group_by(*groups)
        )
    }

    journeys = [j for j in m.JourneyName if any(key[1] == j.value for key in totals)]
    found = {k for k, _, step in totals if step == STARTS}
    if by is D.DAY:
        found |= {day.isoformat() for day in period.days()}
    nothing = (0,) * len(FIGURES)
    rows: list[list[m.Cell]] = []
    for k in sorted_keys(list(found)):
        for journey in journeys:
            started = totals.get((k, journey.value, STARTS), nothing)[0]
            for s in m.JOURNEY_STEPS[journey].steps:
                n, *ends = totals.get((k, journey.value, s), nothing)
                rows.append([k, journey.value, s, n, ratio(n, started), *ends])
    return COLUMNS, rows


def _key(value: Any, by: m.Dimension) -> Any:
    """Keys as the rows show them: hours and weekdays as numbers (kept as text), the rest as
    text."""
    if by in (D.HOUR, D.WEEKDAY) and value not in (None, ""):
        return int(value)
    return key_text(value)
