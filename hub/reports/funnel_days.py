"""The funnel's figures per finished day: computed once for each day into ``funnel_days`` (per
dimension, site, key, journey and step: reached and how many ended there, per outcome; the
journey's starts as its step ""), so that a funnel over a year adds up kept rows instead of
joining hundreds of thousands of runs to their steps. Days after the last finished one are
counted from the runs themselves, by the same keys, in the same statement.

Kiosks send their runs in batches, hours late after an outage: a batch with a run of a finished
day clears that day's figures (``forget_days``), computed again when a report next needs them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, String, cast, delete, func, insert, literal, select, union_all
from sqlalchemy.orm import Session

from contract import models as m
from hub.db import (
    FUNNEL_ENDINGS,
    JourneyRunRow,
    JourneyRunStepRow,
    funnel_days,
    funnel_rolled_days,
)
from hub.reports.sql import Dialect, Period, counted, everything

D = m.Dimension
ENDINGS = (m.RunOutcome.GAVE_UP, m.RunOutcome.TIMED_OUT, m.RunOutcome.FAILED, m.RunOutcome.FINISHED)
# What is kept per day; a day's and a weekday's rows come from ``all``.
STORED = (D.ALL, D.SITE, D.TERMINAL, D.HOUR)
FIGURES = ("reached", *FUNNEL_ENDINGS)
STARTS = ""  # the step of a journey's starts (no step is named so)
EVERY_SITE = "*"  # the rows of the whole district (no site is named so): a year's hours are
# hundreds of thousands of rows per site, a few tens of thousands for the district
Sites = frozenset[str] | None


def run_key(dialect: Dialect, by: m.Dimension) -> Any:
    run = JourneyRunRow
    return {
        D.ALL: everything(),
        D.SITE: run.site_code,
        D.TERMINAL: run.terminal_id,
        D.DAY: dialect.local_day(run.started_at),
        D.HOUR: dialect.local_hour(run.started_at),
        D.WEEKDAY: dialect.weekday(dialect.local_day(run.started_at)),
    }[by]


def from_runs(
    dialect: Dialect, by: m.Dimension, period: Period, sites: Sites, *, text_keys: bool = False
) -> list[Select[Any]]:
    """Per site, key, journey and step, the figures of the runs that started in ``period``:
    starts (step ""), then each step reached with the runs that ended there by outcome (two
    statements, for a UNION ALL: SQLite takes no compound statement inside another)."""
    run, step = JourneyRunRow, JourneyRunStepRow.step
    key = run_key(dialect, by)
    if text_keys and by in STORED:
        key = cast(key, String)
    within = [run.started_at >= period.start, run.started_at < period.end]
    if sites is not None:
        within.append(run.site_code.in_(sorted(sites)))
    ends = [counted((run.ended_at == step) & (run.outcome == o.value)) for o in ENDINGS]
    reached = (
        select(
            run.site_code.label("site"),
            key.label("k"),
            run.journey,
            step.label("step"),
            func.count().label("reached"),
            *(n.label(name) for n, name in zip(ends, FUNNEL_ENDINGS, strict=True)),
        )
        .select_from(JourneyRunStepRow)
        .join(run, run.id == JourneyRunStepRow.run_id)
        .where(*within)
        .group_by(run.site_code, key, run.journey, step)
    )
    nothing = [literal(0).label(name) for name in FUNNEL_ENDINGS]
    starts = (
        select(
            run.site_code.label("site"),
            key.label("k"),
            run.journey,
            literal(STARTS, String).label("step"),
            func.count().label("reached"),
            *nothing,
        )
        .where(*within)
        .group_by(run.site_code, key, run.journey)
    )
    return [starts, reached]


def from_days(dialect: Dialect, by: m.Dimension, first: date, last: date, sites: Sites) -> Any:
    """The same figures added up from the finished days kept in ``funnel_days``."""
    kept = funnel_days.c
    if by is D.DAY:
        key, stored = dialect.day_text(kept.day), D.ALL
    elif by is D.WEEKDAY:
        key, stored = dialect.weekday(kept.day), D.ALL
    else:
        key, stored = kept.key, by
    query = select(
        kept.site,
        key.label("k"),
        kept.journey,
        kept.step,
        *(kept[name] for name in FIGURES),
    ).where(kept.dimension == stored.value, kept.day.between(first, last))
    if sites is None:
        return query.where(kept.site == EVERY_SITE)
    return query.where(kept.site.in_(sorted(sites)))


def day_figures(session: Session, dialect: Dialect, day: date, tz: Any) -> list[dict[str, Any]]:
    """A finished day's rows for ``funnel_days`` (read only: no lock held while computing)."""
    one_day = Period(day, day, tz)
    kept = []
    for by in STORED:
        district: dict[tuple[str, str, str], list[int]] = {}
        for row in session.execute(union_all(*from_runs(dialect, by, one_day, None))).mappings():
            k = "" if row["k"] is None else str(row["k"])
            where = {"dimension": by.value, "day": day, "site": row["site"], "key": k}
            what = {"journey": row["journey"], "step": row["step"]}
            kept.append({**where, **what, **{name: row[name] for name in FIGURES}})
            total = district.setdefault((k, row["journey"], row["step"]), [0] * len(FIGURES))
            for n, name in enumerate(FIGURES):
                total[n] += row[name]
        for (k, journey, step), figures in district.items():
            where = {"dimension": by.value, "day": day, "site": EVERY_SITE, "key": k}
            what = {"journey": journey, "step": step}
            kept.append({**where, **what, **dict(zip(FIGURES, figures, strict=True))})
    return kept


def missing_days(session: Session, first: date, last: date) -> list[date]:
    c = funnel_rolled_days.c
    rolled = set(session.execute(select(c.day).where(c.day.between(first, last))).scalars())
    days = (date.fromordinal(first.toordinal() + n) for n in range((last - first).days + 1))
    return [day for day in days if day not in rolled]


def is_kept(session: Session, day: date) -> bool:
    marker = select(funnel_rolled_days.c.day).where(funnel_rolled_days.c.day == day)
    return session.execute(marker).first() is not None


def keep_day(session: Session, day: date, rows: list[dict[str, Any]], now: datetime) -> None:
    """Store a day's rows (replacing any), and mark the day kept."""
    forget_days(session, [day])
    if rows:
        session.execute(insert(funnel_days), rows)
    session.execute(insert(funnel_rolled_days), {"day": day, "rolled_at": now})


def forget_days(session: Session, days: Iterable[date]) -> None:
    """Clear days' kept figures (runs of theirs arrived after they ended)."""
    days = sorted(set(days))
    if days:
        session.execute(delete(funnel_days).where(funnel_days.c.day.in_(days)))
        session.execute(delete(funnel_rolled_days).where(funnel_rolled_days.c.day.in_(days)))
