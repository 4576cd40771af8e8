"""Journey runs (the kiosk funnel) for a simulated district, planned from its tickets and cases,
and written into a hub database in bulk as ``hub.journey_runs`` stores them: each batch, its
runs with their terminal and site, and one row per step a run reached.

Every ticket a site's kiosk issued is a finished run: of the check-in journey for the one in
eight who booked (预约签到), else of the ticket journey (through identifying for a real-name
queue). Beside them, citizens who left: a share of the ticket and check-in runs given up, timed
out or failed, at the same kiosk and hour. A case submitted at a kiosk or by a community worker
(hub.sim_cases) is a finished case run at its terminal, with about as many runs that stopped
at a step on the way (most at the guide: the citizen read what to bring and left) or failed
to store. Half the cases' applicants look up their progress at the site's kiosk a few working
days later, and one in five kiosk or community cases is rated there on its receipt (the
rating the simulated year does not store: its ratings are the window pads'). Each run starts
within the hall's hours, except a community worker's case, which starts the hour it was
submitted. A terminal's runs of a day go in batches of at most 500, as a kiosk sends them.

That the bulk writer stores what the hub stores is tested: a plan sent through the hub's API
and written in bulk gives the same funnel report (tests/hub/test_hub_sim_funnel.py)."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from contract import models as m
from hub.context import HubContext
from hub.db import JourneyRunBatchRow, JourneyRunRow, JourneyRunStepRow, Terminal
from hub.sim_cases import SimCase

J = m.JourneyName
R = m.RunOutcome
BATCH_RUNS = m.MAX_BATCH_RUNS
CHECKIN_SHARE = 0.125  # of the kiosk's tickets, those of a booked appointment
COMPLAINT_SHARE = 0.02  # of the kiosk's tickets, those whose holder also left a complaint
TERMINAL_MODES = {"kiosk": "hall", "agent": "community"}
FIRST_HOUR, LAST_HOUR = 9, 16  # a run starts 9:00–16:59 (the last arrival is at 16:30)


@dataclass(frozen=True, slots=True)
class SimRun:
    """One run as a kiosk would send it, with the terminal and its site."""

    terminal: str
    site: str
    journey: m.JourneyName
    steps: tuple[str, ...]
    ended_at: str
    outcome: m.RunOutcome
    started_hour: datetime  # UTC, on the hour of hall time

    def run(self, tz: ZoneInfo) -> m.JourneyRun:
        return m.JourneyRun(
            journey=self.journey,
            steps=list(self.steps),
            ended_at=self.ended_at,
            outcome=self.outcome,
            started_hour=self.started_hour.astimezone(tz),
        )


def _hour(at: datetime, tz: ZoneInfo) -> datetime:
    return at.astimezone(tz).replace(minute=0, second=0, microsecond=0).astimezone(UTC)


def _steps(journey: m.JourneyName) -> tuple[str, ...]:
    """The journey's steps without its failure step."""
    known = m.JOURNEY_STEPS[journey]
    return tuple(s for s in known.steps if s not in known.failures)


def _failure(journey: m.JourneyName) -> str:
    return next(iter(m.JOURNEY_STEPS[journey].failures))


class _Planner:
    def __init__(self, rng: random.Random, tz: ZoneInfo) -> None:
        self.rng, self.tz = rng, tz
        self.runs: list[SimRun] = []

    def add(
        self,
        terminal: str,
        site: str,
        journey: m.JourneyName,
        steps: Iterable[str],
        outcome: m.RunOutcome,
        at: datetime,
    ) -> None:
        reached = tuple(steps)
        hour = _hour(at, self.tz)
        self.runs.append(SimRun(terminal, site, journey, reached, reached[-1], outcome, hour))

    def left(self, outcome_weights: tuple[float, float] = (0.7, 0.3)) -> m.RunOutcome:
        return self.rng.choices([R.GAVE_UP, R.TIMED_OUT], weights=outcome_weights)[0]

    def stopped(
        self, terminal: str, site: str, journey: m.JourneyName, path: tuple[str, ...],
        weights: list[float], at: datetime,
    ) -> None:  # fmt: skip
        """A run that stopped at one of ``path``'s steps before its goal, or failed after it."""
        stop = self.rng.choices(range(len(weights)), weights=weights)[0]
        if stop == len(path) - 1:  # the failure: one step short of the goal, then failed
            self.add(terminal, site, journey, (*path[:-1], _failure(journey)), R.FAILED, at)
        else:
            self.add(terminal, site, journey, path[: stop + 1], self.left(), at)

    def in_hours(self, day: date) -> datetime:
        hour = self.rng.randint(FIRST_HOUR, LAST_HOUR)
        return datetime.combine(day, time(hour), self.tz).astimezone(UTC)


def plan_runs(
    tickets: Iterable[Any],
    cases: Iterable[SimCase],
    real_name: set[str],
    calendar: Any,
    *,
    last_day: date,
    seed: int = 2026,
    tz: ZoneInfo | None = None,
) -> list[SimRun]:
    """The runs of a district's kiosks for ``tickets`` (SimTicket) and ``cases``; nothing
    after ``last_day``."""
    zone = tz or ZoneInfo("Asia/Shanghai")
    plan = _Planner(random.Random(seed), zone)
    rng = plan.rng
    tickets = list(tickets)
    for t in tickets:
        if t.transferred_from is not None:
            continue  # a transfer issues no ticket at the kiosk
        kiosk = f"kiosk-{t.site}"
        if rng.random() < CHECKIN_SHARE:
            plan.add(kiosk, t.site, J.CHECKIN, _steps(J.CHECKIN), R.FINISHED, t.issued_at)
            if rng.random() < 0.06:  # a booking not found, or a check-in left waiting
                plan.stopped(
                    kiosk, t.site, J.CHECKIN, _steps(J.CHECKIN), [0.4, 0, 0.6], t.issued_at
                )
            continue
        real = t.queue in real_name
        path: tuple[str, ...] = ("choosing", "identifying", "issuing", "showing")
        if not real:
            path = ("choosing", "issuing", "showing")
        plan.add(kiosk, t.site, J.TICKET, path, R.FINISHED, t.issued_at)
        if rng.random() < 0.1:  # someone else at this kiosk and hour took none
            weights = [0.7, 0.22, 0.02, 0.06] if real else [0.9, 0.04, 0.06]
            plan.stopped(kiosk, t.site, J.TICKET, path, weights, t.issued_at)
    # The simulated cases are people's: no company step (a company's agent names the company).
    case_path = tuple(s for s in _steps(J.CASE) if s != "company")
    for case in cases:
        if case.channel in ("kiosk", "community"):
            at, site, terminal = case.submitted_at, case.site, case.terminal
            plan.add(terminal, site, J.CASE, case_path, R.FINISHED, at)
            for _ in range(rng.choices([0, 1, 2], weights=[40, 40, 20])[0]):
                weights = [20, 30, 12, 14, 10, 4, 5, 0, 5]  # by step; the last: failed
                plan.stopped(terminal, site, J.CASE, case_path, weights, at)
            if rng.random() < 0.2:  # the receipt's rating, offered at once: no scanning
                offered = ("checking", "rating", "submitting", "thanked")
                if rng.random() < 0.85:
                    plan.add(terminal, site, J.RATING, offered, R.FINISHED, at)
                else:
                    plan.add(terminal, site, J.RATING, offered[:2], plan.left((0.4, 0.6)), at)
        if rng.random() < 0.5:  # looks up its progress a few working days later
            day = calendar.add_working_days(case.submitted_at.astimezone(zone).date(),
                                            rng.randint(1, 8))  # fmt: skip
            if day > last_day:
                continue
            at, kiosk = plan.in_hours(day), f"kiosk-{case.site}"
            fate = rng.random()
            looked = _steps(J.PROGRESS)
            if fate < 0.85:
                plan.add(kiosk, case.site, J.PROGRESS, looked, R.FINISHED, at)
            elif fate < 0.93:  # an ID card or receipt code that finds nothing
                plan.add(kiosk, case.site, J.PROGRESS, ("collecting", "looking", "refused"),
                         R.FAILED, at)  # fmt: skip
            else:
                plan.add(kiosk, case.site, J.PROGRESS, looked[:1], plan.left(), at)
            if rng.random() < 0.1:  # a receipt's code scanned to rate the case
                scanned = ("scanning", "checking", "rating", "submitting", "thanked")
                plan.add(kiosk, case.site, J.RATING, scanned, R.FINISHED, at)
    _credit_runs(plan, cases, random.Random(seed + 1))
    _complaints(plan, tickets, random.Random(seed + 20))
    plan.runs.sort(key=lambda r: (r.started_hour, r.terminal))
    return plan.runs


def _credit_runs(plan: _Planner, cases: Iterable[SimCase], rng: random.Random) -> None:
    """信用查询: now and then a citizen who came for a case looks up their own record (a random
    generator of its own: the other journeys' runs stay as they were planned before)."""
    looked = _steps(J.CREDIT)
    for case in cases:
        if case.channel not in ("kiosk", "community") or rng.random() >= 0.1:
            continue
        at, site, terminal = case.submitted_at, case.site, case.terminal
        fate = rng.random()
        if fate < 0.8:
            plan.add(terminal, site, J.CREDIT, looked, R.FINISHED, at)
        elif fate < 0.9:  # an expired card, or the hub away
            plan.add(terminal, site, J.CREDIT, ("identifying", "refused"), R.FAILED, at)
        else:
            plan.add(terminal, site, J.CREDIT, looked[:1], plan.left(), at)


def _complaints(plan: _Planner, tickets: list[Any], rng: random.Random) -> None:
    """投诉建议 at the kiosks, drawn from a generator of their own: the other journeys' runs
    stay as they were without them."""
    path = _steps(J.COMPLAINT)
    for t in tickets:
        if t.transferred_from is not None or rng.random() >= COMPLAINT_SHARE:
            continue
        kiosk, fate = f"kiosk-{t.site}", rng.random()
        if fate < 0.7:
            plan.add(kiosk, t.site, J.COMPLAINT, path, R.FINISHED, t.issued_at)
        elif fate < 0.75:  # the hub out of reach, and not tried again
            plan.add(kiosk, t.site, J.COMPLAINT, (*path[:-1], _failure(J.COMPLAINT)), R.FAILED,
                     t.issued_at)  # fmt: skip
        else:  # left while choosing, writing or deciding on the phone number
            stop = rng.choice([1, 2, 3])
            outcome = rng.choices([R.GAVE_UP, R.TIMED_OUT], weights=(0.6, 0.4))[0]
            plan.add(kiosk, t.site, J.COMPLAINT, path[:stop], outcome, t.issued_at)


# -- batches, as a kiosk sends them -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SimBatch:
    terminal: str
    site: str
    batch_id: str
    runs: list[SimRun]
    sent_at: datetime  # the evening of the day its runs started


def batches(runs: Iterable[SimRun], tz: ZoneInfo, seed: int = 2026) -> Iterator[SimBatch]:
    """A terminal's runs of each day, in batches of at most ``BATCH_RUNS``."""
    rng = random.Random(seed)
    days: dict[tuple[str, date], list[SimRun]] = defaultdict(list)
    for r in runs:
        days[r.terminal, r.started_hour.astimezone(tz).date()].append(r)
    for (terminal, day), mine in sorted(days.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        sent = datetime.combine(day, time(17, 45), tz).astimezone(UTC)
        for start in range(0, len(mine), BATCH_RUNS):
            batch_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
            yield SimBatch(terminal, mine[0].site, batch_id, mine[start : start + BATCH_RUNS], sent)


# -- writing ----------------------------------------------------------------------------------


def write_runs(ctx: HubContext, runs: list[SimRun], seed: int = 2026, chunk: int = 20) -> None:
    """Store the runs as ``hub.journey_runs`` stores each batch (with any terminal the hub does
    not know), ``chunk`` batches a transaction."""
    with ctx.transaction() as session:
        known = set(session.execute(select(Terminal.terminal_id)).scalars())
        wanted = {(r.terminal, r.site) for r in runs if r.terminal not in known}
        if wanted:
            session.execute(
                insert(Terminal), [_terminal(t, s, ctx.now()) for t, s in sorted(wanted)]
            )
    all_batches = list(batches(runs, ctx.tz, seed))
    returning = insert(JourneyRunRow).returning(JourneyRunRow.id, sort_by_parameter_order=True)
    for start in range(0, len(all_batches), chunk):
        group = all_batches[start : start + chunk]
        with ctx.transaction() as session:
            session.execute(insert(JourneyRunBatchRow), [
                {"terminal_id": b.terminal, "batch_id": b.batch_id, "request_hash": "simulated",
                 "runs": len(b.runs), "received_at": b.sent_at}
                for b in group
            ])  # fmt: skip
            mine = [(b, r) for b in group for r in b.runs]
            ids = session.execute(returning, [
                {"terminal_id": b.terminal, "site_code": b.site, "batch_id": b.batch_id,
                 "journey": r.journey.value, "ended_at": r.ended_at, "outcome": r.outcome.value,
                 "started_at": r.started_hour}
                for b, r in mine
            ]).scalars().all()  # fmt: skip
            steps = [
                {"run_id": run_id, "step": step}
                for run_id, (_, r) in zip(ids, mine, strict=True)
                for step in r.steps
            ]
            session.execute(insert(JourneyRunStepRow), steps)


def _terminal(terminal_id: str, site: str, now: datetime) -> dict[str, Any]:
    return {
        "terminal_id": terminal_id, "token_hash": f"simulated-{terminal_id}",
        "mode": TERMINAL_MODES[terminal_id.split("-", 1)[0]], "site_code": site,
        "description": "simulated", "registered_at": now, "devices": [], "software_version": "",
    }  # fmt: skip
