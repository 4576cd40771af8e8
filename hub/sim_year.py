"""A year of a district for the reports' benchmark: the simulation's citizens and clerks acting
on an in-memory model of its halls' calling rules (``ModelHall``), their log then written into
a hub database in bulk (``write_log``), as the hub's own code paths would have stored it.

Played through the API a year (600,000 tickets) would take hours; the model takes a minute.
That the bulk writer stores what the hub stores is tested: the same log written both ways gives
the same reports (tests/hub/test_hub_reports.py)."""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

from hub.context import HubContext
from hub.db import (
    CatalogItemRow,
    CounterEvent,
    CounterRow,
    EvaluationRow,
    StaffRow,
    Terminal,
    Ticket,
    TicketCategoryRow,
)
from hub.sim_cases import write_cases
from hub.sim_funnel import write_runs
from hub.simulator import STEP_NOTES, Day, Layout, NoClock, SimLog, Simulation
from hub.tickets import rank

BATCH = 5_000
# The district's clerks' departments: a hall window's, of the first queue it calls.
QUEUE_DEPARTMENTS = {
    "general": "综合受理科",
    "social_security": "社保医保科",
    "business": "企业服务科",
    "housing": "不动产登记中心",
    "residence": "户政科",
}
POINT_DEPARTMENT = "社区便民服务站"


class ModelHall:
    """The hub's calling order without the hub: per queue, priority first, then arrival; in a
    district, each window calls only its own site's tickets."""

    def __init__(self, layout: Layout) -> None:
        self._layout = layout
        self._waiting: dict[tuple[str, str], list[tuple[int, datetime, int, str]]] = {}
        self._order = itertools.count(1)
        self._tickets: dict[str, tuple[str, int, datetime]] = {}  # id: site, rank, arrival

    def layout(self, sites: list[str]) -> Layout:
        return self._layout

    def open_window(self, counter: str, clerk: str, *, paused: bool) -> None:
        pass

    def close_window(self, counter: str) -> None:
        self._waiting.clear()  # the day is over: nobody waits into the next

    def issue(self, site: str, now: datetime, body: dict[str, Any]) -> str:
        priority = rank(body.get("priority", "normal"))
        return self._queue(site, body["category_code"], priority, now)

    def _queue(self, site: str, queue: str, priority: int, arrival: datetime) -> str:
        n = next(self._order)
        ticket_id = f"SIM{n:012d}"
        line = self._waiting.setdefault((self._line_site(site), queue), [])
        heapq.heappush(line, (priority, arrival, n, ticket_id))
        self._tickets[ticket_id] = (site, priority, arrival)
        return ticket_id

    def _line_site(self, site: str) -> str:
        return site if self._layout.window_sites is not None else ""

    def call_next(self, counter: str) -> str | None:
        sites = self._layout.window_sites
        site = sites[counter] if sites is not None else ""
        lines = [self._waiting.get((site, q)) for q in self._layout.window_queues[counter]]
        heads = [line for line in lines if line]
        if not heads:
            return None
        return heapq.heappop(min(heads, key=lambda line: line[0]))[3]

    def act(self, counter: str, ticket_id: str, action: str) -> None:
        pass

    def transfer(self, counter: str, ticket_id: str, queue: str) -> str:
        site, priority, arrival = self._tickets[ticket_id]
        return self._queue(site, queue, priority, arrival)  # keeps its place by arrival

    def rate(self, site: str, ticket_id: str, level: int, reasons: tuple[str, ...]) -> int:
        return 0  # the log keeps what the follow-up did; no hub to ask

    def follow_up(self, counter: str, evaluation_id: int, step: str) -> None:
        pass

    def decide(self, evaluation_id: int, *, upheld: bool) -> None:
        pass


def district_layout(ctx: HubContext, halls: list[str], points: list[str]) -> Layout:
    """The hub's queues and catalog (the sample hall's, seeded) in a district: each hall with
    ten windows calling two neighbouring queues each, each community point with one window
    calling every queue (全科); the halls take 60 % of the citizens. A hall window's clerk
    belongs to the department of its first queue, a point's to the community service."""
    with ctx.reading() as session:
        categories = session.execute(
            select(TicketCategoryRow.code, TicketCategoryRow.real_name_limit).order_by(
                TicketCategoryRow.sort_order
            )
        ).all()
        items = session.execute(select(CatalogItemRow.code, CatalogItemRow.data)).all()
    codes = [code for code, _ in categories]
    queues: dict[str, list[str | None]] = {code: [None] for code in codes}
    for code, data in items:
        queues.setdefault(data.get("ticket_category", "general"), [None]).append(code)
    window_queues: dict[str, list[str]] = {}
    window_sites: dict[str, str] = {}
    for h, hall in enumerate(halls, start=1):
        for n in range(10):
            window = f"H{h:02d}W{n + 1:02d}"
            window_queues[window] = [codes[n % len(codes)], codes[(n + 1) % len(codes)]]
            window_sites[window] = hall
    for p, point in enumerate(points, start=1):
        window_queues[f"P{p:02d}W01"] = list(codes)
        window_sites[f"P{p:02d}W01"] = point
    windows = {w: f"S{n:04d}" for n, w in enumerate(window_queues, start=1)}
    departments = {
        clerk: (
            POINT_DEPARTMENT
            if window.startswith("P")
            else QUEUE_DEPARTMENTS.get(window_queues[window][0], QUEUE_DEPARTMENTS["general"])
        )
        for window, clerk in windows.items()
    }
    return Layout(
        queues={q: v for q, v in queues.items() if q in codes},
        real_name={code for code, real in categories if real},
        windows=windows,
        window_queues=window_queues,
        window_sites=window_sites,
        site_weights=[0.6 / len(halls)] * len(halls) + [0.4 / len(points)] * len(points),
        departments=departments,
    )


def year_days(first: date, days: int, arrivals: int, calendar: Any) -> list[Day]:
    """Every working day from ``first`` on, ``arrivals`` citizens each (±20 %: Mondays busier)."""
    plan = []
    for n in range(days):
        day = first + timedelta(days=n)
        if calendar.is_working_day(day):
            busy = 1.2 if day.isoweekday() == 1 else 0.9 if day.isoweekday() == 5 else 1.0
            plan.append(Day(day, int(arrivals * busy)))
    return plan


def simulate_model(
    layout: Layout,
    days: list[Day],
    *,
    sites: list[str],
    seed: int = 2026,
    rate_share: float = 0.6,
    time_zone: str = "Asia/Shanghai",
) -> SimLog:
    simulation = Simulation(
        ModelHall(layout), NoClock(), seed=seed, sites=sites, tz=ZoneInfo(time_zone)
    )
    simulation.rate_share = rate_share
    for plan in days:
        simulation.run_day(plan)
    return simulation.log


# -- writing a log into a hub database ---------------------------------------------------------


def write_log(ctx: HubContext, log: SimLog) -> None:
    """Store the log's tickets and ratings (and the terminals they came from), its windows'
    sign-ins, pauses and sign-outs (with the windows, desks and clerks the hub does not know
    yet), its cases and its kiosks' journey runs, as the hub's code paths store them, in
    batches."""
    with ctx.transaction() as session:
        prefix = select(TicketCategoryRow.code, TicketCategoryRow.prefix)
        prefixes: dict[str, str] = {code: p for code, p in session.execute(prefix).all()}
        known = set(session.execute(select(Terminal.terminal_id)).scalars())
        kinds = (("kiosk", "hall"), ("pad", "rating-pad"))
        terminals = [
            _terminal(f"{kind}-{site}", mode, site, ctx.now())
            for site in log.sites
            for kind, mode in kinds
            if f"{kind}-{site}" not in known
        ]
        desks = {f"desk-{e.counter}": e.site for e in log.windows}
        terminals += [
            _terminal(desk, "counter", site, ctx.now())
            for desk, site in desks.items()
            if desk not in known
        ]
        if terminals:
            session.execute(insert(Terminal), terminals)
        _windows_and_clerks(session, log)
    for batch in _batches(_window_rows(log)):
        with ctx.transaction() as session:
            session.execute(insert(CounterEvent), batch)
    for batch in _batches(_ticket_rows(log, prefixes)):
        with ctx.transaction() as session:
            session.execute(insert(Ticket), batch)
    with ctx.reading() as session:
        clerks = dict(session.execute(select(StaffRow.staff_no, StaffRow.department)).all())
        items = dict(session.execute(select(CatalogItemRow.code, CatalogItemRow.department)).all())
    for batch in _batches(_rating_rows(ctx, log, clerks, items)):
        with ctx.transaction() as session:
            session.execute(insert(EvaluationRow), batch)
    write_cases(ctx, log.cases)
    write_runs(ctx, log.runs)


def _windows_and_clerks(session: Any, log: SimLog) -> None:
    """The log's windows and clerks the hub has not got (a model's district): clerks who
    cannot sign in (no PIN), calling every queue of their window."""
    counters = set(session.execute(select(CounterRow.code)).scalars())
    staff = set(session.execute(select(StaffRow.staff_no)).scalars())
    new_counters = [
        {"code": code, "name": f"{code}窗口", "category_codes": queues}
        for code, queues in log.window_queues.items()
        if code not in counters
    ]
    clerks = {e.clerk for e in log.windows} - staff
    new_staff = [
        {
            "staff_no": clerk,
            "name": f"模拟{clerk}",
            "department": log.departments.get(clerk, ""),
            "category_codes": [],
            "pin_hash": "simulated: no PIN",
            "active": True,
            "failures": 0,
        }
        for clerk in sorted(clerks)
    ]
    if new_counters:
        session.execute(insert(CounterRow), new_counters)
    if new_staff:
        session.execute(insert(StaffRow), new_staff)


def _window_rows(log: SimLog) -> Iterator[dict[str, Any]]:
    """counter_events as hub.clerks and hub.counters log them, in the order they happened."""
    details = {"signed_out": {"by": "clerk"}, "window_paused": {"reason": "meeting", "note": ""}}
    for e in log.windows:
        detail = {"terminal": f"desk-{e.counter}"} if e.kind == "signed_in" else details[e.kind]
        yield {"counter_code": e.counter, "staff_no": e.clerk, "kind": e.kind, "at": e.at,
               "detail": detail}  # fmt: skip


def _terminal(terminal_id: str, mode: str, site: str, now: datetime) -> dict[str, Any]:
    return {
        "terminal_id": terminal_id, "token_hash": f"simulated-{terminal_id}", "mode": mode,
        "site_code": site, "description": "simulated", "registered_at": now, "devices": [],
        "software_version": "",
    }  # fmt: skip


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _ticket_rows(log: SimLog, prefixes: dict[str, str]) -> Iterator[dict[str, Any]]:
    seqs: dict[tuple[str, date], int] = defaultdict(int)
    transferred_to = {
        t.transferred_from: t.ticket_id for t in log.tickets.values() if t.transferred_from
    }
    for t in log.tickets.values():
        seqs[t.queue, t.day] += 1
        seq = seqs[t.queue, t.day]
        yield {
            "ticket_id": t.ticket_id, "category_code": t.queue, "service_date": t.day, "seq": seq,
            "number": f"{prefixes.get(t.queue, 'X')}{seq:03d}", "priority": t.priority,
            "state": t.state, "item_code": t.item, "terminal_id": f"kiosk-{t.site}",
            "request_hash": "simulated", "counter_code": t.counter, "staff_no": t.clerk,
            "transferred_from": t.transferred_from,
            "transferred_to": transferred_to.get(t.ticket_id),
            "recall_count": t.recalls, "issued_at": t.issued_at, "called_at": t.called_at,
            "last_called_at": t.last_called_at, "started_at": t.started_at, "ended_at": t.ended_at,
            "outcome": "done" if t.state == "done" else None, "note": "",
        }  # fmt: skip


def _rating_rows(
    ctx: HubContext, log: SimLog, clerks: dict[str, str], items: dict[str, str]
) -> Iterator[dict[str, Any]]:
    """Ratings with their follow-up as hub.follow_ups keeps it (state, deadline, answer, the
    department answering: the clerk's, else the item's)."""
    days = ctx.settings.follow_up_working_days
    for t in log.tickets.values():
        if t.rating is None or t.rated_at is None:
            continue
        bad = t.rating <= 2
        due = ctx.calendar.add_working_days(t.rated_at.astimezone(ctx.tz).date(), days)
        department = clerks.get(t.clerk or "") or items.get(t.item or "", "")
        yield {
            "follow_up_state": (t.follow_up or "open") if bad else None,
            "follow_up_due": due if bad else None,
            "follow_up": STEP_NOTES["answer"] if t.follow_up == "answered" else None,
            "followed_up_at": t.answered_at,
            "department": department if bad else "",
            "subject_type": "ticket", "subject_id": t.ticket_id, "level": t.rating,
            "reasons": list(t.reasons), "comment": "", "channel": "4",
            "terminal_id": f"pad-{t.site}", "counter_code": t.counter, "staff_no": t.clerk,
            "created_at": t.rated_at,
        }  # fmt: skip
