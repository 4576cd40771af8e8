"""Reports over a simulated year of a district: each report and dimension over one month and
over the year, on SQLite and (given a URL) on PostgreSQL, beside a baseline measured in the same
run: one COUNT(*) of the period's tickets (what merely finding the rows costs). The queue
report adds up the figures kept per finished day (hub.reports.rollup): the first report over
the year computes them once, timed on its own.

    PYTHONPATH=. .venv/bin/python bench/reports.py [--pg URL] [--tickets 600000] [--seed 2026]

The year (3 halls of 10 windows and 27 community points of one window, each window calling its
own site's tickets, the sample hall's queues; about 600,000 tickets, 100,000 ratings, 150,000
cases, the kiosks' journey runs and the windows' sign-ins and pauses) is simulated by
hub.sim_year, hub.sim_cases and hub.sim_funnel and kept in ~/.cache/yimen/ (built again with
``--rebuild``; the first build takes a few minutes).
``--pg`` wipes that database's schema. Goal: every report at most 1 s over the year; the
performance rating (绩效考评) is of one month, by site and by department.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, text  # noqa: E402

from contract import models as m  # noqa: E402
from hub import reports  # noqa: E402
from hub.app import create_app, sample_calendar  # noqa: E402
from hub.db import CatalogItemRow, Ticket  # noqa: E402
from hub.sim_cases import plan_cases  # noqa: E402
from hub.sim_funnel import plan_runs  # noqa: E402
from hub.sim_year import district_layout, simulate_model, write_log, year_days  # noqa: E402

YEAR = (date(2025, 1, 1), date(2025, 12, 31))
MONTH = (date(2025, 6, 1), date(2025, 6, 30))
GOAL_SECONDS = 1.0
HALLS = [f"hall-{n:02d}" for n in range(1, 4)]
POINTS = [f"community-{n:02d}" for n in range(1, 28)]
REPEAT = 3


def _context(url: str) -> Any:
    """The hub's context on ``url``, its clock in the January after the year."""
    after = datetime(2026, 1, 5, 2, tzinfo=UTC)
    return create_app(url, seed_sample=True, clock=lambda: after).state.hub


def build(url: str, tickets: int, cases: int, seed: int) -> None:
    ctx = _context(url)
    started = time.perf_counter()
    layout = district_layout(ctx, HALLS, POINTS)
    days = year_days(YEAR[0], 365, arrivals=tickets // 250, calendar=sample_calendar())
    log = simulate_model(layout, days, sites=HALLS + POINTS, seed=seed, rate_share=0.21)
    with ctx.reading() as session:
        items = {
            code: (list(data.get("channels", [])), int(data.get("promised_days", 0)))
            for code, data in session.execute(select(CatalogItemRow.code, CatalogItemRow.data))
        }
    done = sum(t.state == "done" for t in log.tickets.values())
    log.cases = plan_cases(
        log.tickets.values(), items, sample_calendar(), last_day=YEAR[1],
        share=min(1.0, cases / done), seed=seed,
    )  # fmt: skip
    log.runs = plan_runs(
        log.tickets.values(), log.cases.values(), layout.real_name, sample_calendar(),
        last_day=YEAR[1], seed=seed,
    )  # fmt: skip
    simulated = time.perf_counter() - started
    write_log(ctx, log)
    ratings = sum(t.rating is not None for t in log.tickets.values())
    print(
        f"  built: {len(log.tickets):,} tickets, {ratings:,} ratings, {len(log.cases):,} cases,"
        f" {len(log.runs):,} kiosk journey runs, {len(log.windows):,} window sign-ins, pauses"
        f" and sign-outs over {len(days)} working"
        f" days; simulated in {simulated:.0f} s, written in"
        f" {time.perf_counter() - started - simulated:.0f} s"
    )
    ctx.engine.dispose()


def _median_ms(run: Any) -> float:
    """The median of a few runs; a run over 3 s once (repeating it would tell little more)."""
    samples: list[float] = []
    while len(samples) < REPEAT and sum(samples) < 3000:
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(label: str, url: str) -> bool:
    ctx = _context(url)
    with ctx.reading() as session:
        count = session.execute(select(func.count()).select_from(Ticket)).scalar_one()
    print(f"\n{label}: {count:,} tickets")
    for name in (m.ReportName.QUEUE, m.ReportName.FUNNEL):  # the reports that keep days
        start = time.perf_counter()
        reports.run(ctx, name, *YEAR, m.Dimension.ALL)
        print(
            f"  the first {name.value} report over the year keeps each day's figures once:"
            f" {time.perf_counter() - start:.1f} s"
        )
    print(f"  {'report':8} {'by':10} {'month':>9} {'year':>9} {'year/month':>10}"
          f" {'COUNT(*) year':>14} {'ratio':>7}")  # fmt: skip
    worst = 0.0
    names = (m.ReportName.QUEUE, m.ReportName.RATINGS, m.ReportName.CASES, m.ReportName.FUNNEL)
    for name in names:
        for by in reports.DIMENSIONS[name]:
            spans = {
                span: _median_ms(lambda f=first, t=last, n=name, b=by: reports.run(ctx, n, f, t, b))
                for span, (first, last) in (("month", MONTH), ("year", YEAR))
            }

            def count_year() -> None:
                with ctx.reading() as session:
                    session.execute(
                        select(func.count()).where(Ticket.service_date.between(*YEAR))
                    ).scalar_one()

            baseline = _median_ms(count_year)
            worst = max(worst, spans["year"])
            print(
                f"  {name.value:8} {by.value:10} {spans['month']:7.0f}ms {spans['year']:7.0f}ms"
                f" {spans['year'] / spans['month']:9.1f}x {baseline:12.0f}ms"
                f" {spans['year'] / baseline:6.1f}x"
            )
    for by in (m.Dimension.SITE, m.Dimension.DEPARTMENT):
        month = _median_ms(lambda b=by: reports.run(ctx, m.ReportName.PERFORMANCE, *MONTH, b))
        worst = max(worst, month)
        print(f"  {'perform.':8} {by.value:10} {month:7.0f}ms (one month: the rating's period)")
    met = worst <= GOAL_SECONDS * 1000
    print(f"  slowest over the year: {worst:.0f} ms (goal ≤ {GOAL_SECONDS * 1000:.0f} ms):"
          f" {'met' if met else 'NOT met'}")  # fmt: skip
    ctx.engine.dispose()
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", help="a PostgreSQL URL whose schema may be wiped")
    parser.add_argument("--tickets", type=int, default=600_000)
    parser.add_argument("--cases", type=int, default=150_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    cache = Path.home() / ".cache" / "yimen"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"bench-district-{args.seed}-{args.tickets}-{args.cases}-runs.sqlite3"
    if args.rebuild or not path.exists():
        path.unlink(missing_ok=True)
        print(f"SQLite year: {path}")
        build(f"sqlite:///{path}", args.tickets, args.cases, args.seed)
    results = [measure("SQLite", f"sqlite:///{path}")]
    if args.pg:
        from sqlalchemy import create_engine

        engine = create_engine(args.pg)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        engine.dispose()
        print("\nPostgreSQL year:")
        build(args.pg, args.tickets, args.cases, args.seed)
        results.append(measure("PostgreSQL", args.pg))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
