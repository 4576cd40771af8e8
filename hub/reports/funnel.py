"""The kiosk funnel: for each journey, how many runs reached each step, and how the runs that
ended there ended (gave up, timed out, failed, finished), with the share of the journey's
starts that reached the step. A run (``hub.journey_runs``) belongs to the hour it started, its
terminal and that terminal's site when it was received.

Rows: every journey with a run in the period (after ``sites``), every step of it in journey
order (contract.models.JOURNEY_STEPS; a step nobody reached reads 0), for every key of the
dimension with a run — and every day of the period, by day. Three grouped statements count
starts, steps reached and ends; only their totals come to Python."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract import models as m
from hub.db import JourneyRunRow, JourneyRunStepRow
from hub.reports.sql import Dialect, Period, counted, everything, key_text, ratio, sorted_keys
from hub.reports.table import column

D = m.Dimension
K = m.ColumnKind

DIMENSIONS = (D.ALL, D.SITE, D.TERMINAL, D.DAY, D.HOUR, D.WEEKDAY)
ENDINGS = (m.RunOutcome.GAVE_UP, m.RunOutcome.TIMED_OUT, m.RunOutcome.FAILED, m.RunOutcome.FINISHED)

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
    sites: frozenset[str] | None = None,
) -> tuple[list[m.ReportColumn], list[list[m.Cell]]]:
    run = JourneyRunRow
    keys: dict[m.Dimension, Any] = {
        D.ALL: everything(),
        D.SITE: run.site_code,
        D.TERMINAL: run.terminal_id,
        D.DAY: dialect.local_day(run.started_at),
        D.HOUR: dialect.local_hour(run.started_at),
        D.WEEKDAY: dialect.weekday(dialect.local_day(run.started_at)),
    }
    key = keys[by].label("k")
    within = [run.started_at >= period.start, run.started_at < period.end]
    if sites is not None:
        within.append(run.site_code.in_(sorted(sites)))

    starts: dict[tuple[Any, str], int] = {
        (key_text(k), journey): n
        for k, journey, n in session.execute(
            select(key, run.journey, func.count()).where(*within).group_by(key, run.journey)
        )
    }
    step = JourneyRunStepRow.step
    reached: dict[tuple[Any, str, str], int] = {
        (key_text(k), journey, s): n
        for k, journey, s, n in session.execute(
            select(key, run.journey, step, func.count())
            .select_from(JourneyRunStepRow)
            .join(run, run.id == JourneyRunStepRow.run_id)
            .where(*within)
            .group_by(key, run.journey, step)
        )
    }
    ended: dict[tuple[Any, str, str], tuple[int, ...]] = {
        (key_text(k), journey, s): tuple(counts)
        for k, journey, s, *counts in session.execute(
            select(
                key,
                run.journey,
                run.ended_at,
                *(counted(run.outcome == outcome.value) for outcome in ENDINGS),
            )
            .where(*within)
            .group_by(key, run.journey, run.ended_at)
        )
    }

    journeys = [j for j in m.JourneyName if any(journey == j.value for _, journey in starts)]
    found = {k for k, _ in starts}
    if by is D.DAY:
        found |= {day.isoformat() for day in period.days()}
    rows: list[list[m.Cell]] = []
    for k in sorted_keys(list(found)):
        for journey in journeys:
            started = starts.get((k, journey.value), 0)
            for s in m.JOURNEY_STEPS[journey].steps:
                n = reached.get((k, journey.value, s), 0)
                ends = ended.get((k, journey.value, s), (0,) * len(ENDINGS))
                rows.append([k, journey.value, s, n, ratio(n, started), *ends])
    return COLUMNS, rows
