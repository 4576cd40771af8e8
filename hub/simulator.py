"""A seeded simulation of a hall's days: kiosks at several sites issue tickets, clerks sign in at
windows and call, recall, serve, transfer and mark no-shows, citizens rate on the pad. It keeps
its own log of what happened and when (``SimLog``), so that reports can be checked against a
computation that does not read the hub's database.

The citizens and clerks act on a ``Hall``: ``HttpHall`` is a hub driven through its own API (an
``EmbeddedHub`` whose clock the simulation sets), with the sample hall's queues, windows and
clerks; ``hub.sim_year.ModelHall`` is an in-memory model of the same calling rules, for a year
of a district, too long to play through HTTP. One window can be kept paused all day, and a day
can be given with nobody coming."""

from __future__ import annotations

import heapq
import itertools
import random
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

import httpx

from contract.idnumber import check_character
from hub.sim_cases import SimCase
from hub.sim_funnel import SimRun

API = "/api/v1"
SAMPLE_PIN = "246810"  # every sample clerk's PIN (config/catalog/staff.toml)
# The sample hall: each window with the clerk who usually works there.
SAMPLE_WINDOWS = {"W01": "S001", "W02": "S002", "W03": "S003", "W04": "S004", "W05": "S005"}
OPEN, LAST_ARRIVAL, CLOSE = time(9, 0), time(16, 30), time(17, 30)
STEP_NOTES = {
    "visit": "已电话回访群众。",
    "rectify": "已整改到位，加强培训。",
    "answer": "已向群众答复整改情况。",
    "appeal": "评价系误操作，申请申诉。",
}


class SettableClock(Protocol):
    def set(self, value: datetime) -> None: ...


class NoClock:
    """For a hall that keeps no time of its own (the model)."""

    def set(self, value: datetime) -> None:
        pass


@dataclass
class SimTicket:
    """One ticket as the simulation saw it (times UTC, as the hub stores them)."""

    ticket_id: str
    site: str
    queue: str
    item: str | None
    day: date
    issued_at: datetime
    priority: str = "normal"
    transferred_from: str | None = None
    state: str = "issued"
    counter: str | None = None
    clerk: str | None = None
    called_at: datetime | None = None
    last_called_at: datetime | None = None
    recalls: int = 0
    started_at: datetime | None = None
    ended_at: datetime | None = None
    rating: int | None = None
    reasons: tuple[str, ...] = ()
    rated_at: datetime | None = None
    follow_up: str = ""  # a bad rating's: "answered", "voided" (申诉成立) or "" (still open)
    answered_at: datetime | None = None


@dataclass(frozen=True)
class SimWindowEvent:
    """A window signed in (``signed_in``), paused (``window_paused``) or signed out, as the
    hub logs it in ``counter_events``; ``site``: of the desk it was signed in at."""

    counter: str
    clerk: str
    site: str
    kind: str
    at: datetime


@dataclass
class SimLog:
    tickets: dict[str, SimTicket] = field(default_factory=dict)
    sites: list[str] = field(default_factory=list)
    windows: list[SimWindowEvent] = field(default_factory=list)
    window_queues: dict[str, list[str]] = field(default_factory=dict)  # of the layout
    departments: dict[str, str] = field(default_factory=dict)  # clerk: department, a model's
    cases: dict[str, SimCase] = field(default_factory=dict)  # hub.sim_cases.plan_cases
    runs: list[SimRun] = field(default_factory=list)  # hub.sim_funnel.plan_runs


@dataclass(frozen=True)
class Day:
    """A day to simulate: how many citizens come, and which windows stay paused."""

    day: date
    arrivals: int
    paused_windows: tuple[str, ...] = ()


@dataclass
class Layout:
    """What the simulation needs to know of a hall."""

    queues: dict[str, list[str | None]]  # category: its items (None: a ticket without item)
    real_name: set[str]  # categories that need the citizen's ID number
    windows: dict[str, str]  # window: the clerk working it
    window_queues: dict[str, list[str]]  # window: the categories it calls
    # window: the one site whose tickets it calls (a district of halls); None: one hall
    window_sites: dict[str, str] | None = None
    site_weights: list[float] | None = None  # how the citizens divide between the sites
    departments: dict[str, str] | None = None  # clerk: department (a model; a hub knows its own)


class SimulationError(RuntimeError):
    """The hub answered the simulation with an error it did not expect."""


class Hall(Protocol):
    def layout(self, sites: list[str]) -> Layout: ...
    def open_window(self, counter: str, clerk: str, *, paused: bool) -> None: ...
    def close_window(self, counter: str) -> None: ...
    def issue(self, site: str, now: datetime, body: dict[str, Any]) -> str: ...
    def call_next(self, counter: str) -> str | None: ...
    def act(self, counter: str, ticket_id: str, action: str) -> None: ...
    def transfer(self, counter: str, ticket_id: str, queue: str) -> str: ...
    def rate(self, site: str, ticket_id: str, level: int, reasons: tuple[str, ...]) -> int: ...
    def follow_up(self, counter: str, evaluation_id: int, step: str) -> None: ...
    def decide(self, evaluation_id: int, *, upheld: bool) -> None: ...


class HttpHall:
    """A hub through its API: one HTTP client, a token per terminal."""

    def __init__(self, client: httpx.Client, admin_token: str) -> None:
        self.client = client
        self.admin_token = admin_token
        self.tokens: dict[str, str] = {}

    def layout(self, sites: list[str]) -> Layout:
        for site in sites:
            self._register(f"kiosk-{site}", "hall", site)
            self._register(f"pad-{site}", "rating-pad", site)
        for counter in SAMPLE_WINDOWS:
            self._register(f"desk-{counter}", "counter", sites[0])
        kiosk = f"kiosk-{sites[0]}"
        catalog = self._call(kiosk, "GET", "/catalog")["items"]
        queues: dict[str, list[str | None]] = {}
        real_name = set()
        for category in self._call(kiosk, "GET", "/ticket-categories"):
            items = [i["code"] for i in catalog if i["ticket_category"] == category["code"]]
            queues[category["code"]] = [None, *items]
            if category["real_name_limit"]:
                real_name.add(category["code"])
        window_queues = {
            info["code"]: info["category_codes"]
            for info in self._call("desk-W01", "GET", "/counters")
        }
        return Layout(queues, real_name, dict(SAMPLE_WINDOWS), window_queues)

    def open_window(self, counter: str, clerk: str, *, paused: bool) -> None:
        self._desk(counter, "POST", "/sign-in", {"staff_no": clerk, "pin": SAMPLE_PIN})
        if paused:
            self._desk(counter, "PUT", "/state", {"state": "paused", "reason": "meeting"})

    def close_window(self, counter: str) -> None:
        self._desk(counter, "POST", "/sign-out")

    def issue(self, site: str, now: datetime, body: dict[str, Any]) -> str:
        ticket_id: str = self._call(f"kiosk-{site}", "POST", "/tickets", body)["ticket_id"]
        return ticket_id

    def call_next(self, counter: str) -> str | None:
        called = self._desk(counter, "POST", "/call-next", missing_ok=True)
        return None if called is None else str(called["ticket_id"])

    def act(self, counter: str, ticket_id: str, action: str) -> None:
        body = {"outcome": "done"} if action == "finish" else None
        self._desk(counter, "POST", f"/tickets/{ticket_id}/{action}", body)

    def transfer(self, counter: str, ticket_id: str, queue: str) -> str:
        body = {"category_code": queue, "note": "转其他业务"}
        new: str = self._desk(counter, "POST", f"/tickets/{ticket_id}/transfer", body)["ticket_id"]
        return new

    def rate(self, site: str, ticket_id: str, level: int, reasons: tuple[str, ...]) -> int:
        recorded = self._call(f"pad-{site}", "POST", "/evaluations", {
            "subject_type": "ticket", "subject_id": ticket_id, "rating": level,
            "reasons": list(reasons), "channel": "4",
        })  # fmt: skip
        return int(recorded["evaluation_id"])

    def follow_up(self, counter: str, evaluation_id: int, step: str) -> None:
        body = {"step": step, "counter_code": counter, "note": STEP_NOTES[step]}
        self._call(f"desk-{counter}", "POST", f"/evaluations/{evaluation_id}/follow-up/steps", body)

    def decide(self, evaluation_id: int, *, upheld: bool) -> None:
        body = {"upheld": upheld, "decided_by": "示例科长", "note": "经核实，评价系误操作。"}
        path = f"/evaluations/{evaluation_id}/appeal-decision"
        self._send("POST", path, self.admin_token, body)

    def _register(self, terminal_id: str, mode: str, site: str) -> None:
        body = {"terminal_id": terminal_id, "mode": mode, "site_code": site}
        answer = self._send("POST", "/terminals", self.admin_token, body)
        self.tokens[terminal_id] = answer["token"]

    def _desk(self, counter: str, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        return self._call(f"desk-{counter}", method, f"/counters/{counter}{path}", body, **kw)

    def _call(
        self, terminal: str, method: str, path: str, body: Any = None, *, missing_ok: bool = False
    ) -> Any:
        return self._send(method, path, self.tokens[terminal], body, missing_ok=missing_ok)

    def _send(
        self, method: str, path: str, token: str, body: Any, *, missing_ok: bool = False
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
        response = self.client.request(method, API + path, json=body, headers=headers)
        if missing_ok and response.status_code == 404:
            return None
        if response.status_code >= 300:
            raise SimulationError(f"{method} {path}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None


class Simulation:
    def __init__(
        self,
        hall: Hall,
        clock: SettableClock,
        *,
        seed: int,
        sites: Iterable[str],
        tz: ZoneInfo,
    ) -> None:
        self.hall = hall
        self.clock = clock
        self.random = random.Random(seed)
        self.tz = tz
        self.log = SimLog(sites=list(sites))
        self._events: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self._order = itertools.count()
        self.hall_layout = hall.layout(self.log.sites)
        self.log.window_queues = dict(self.hall_layout.window_queues)
        self.log.departments = dict(self.hall_layout.departments or {})
        self.idle: set[str] = set()  # windows that found nobody waiting: woken by an arrival
        self.rate_share = 0.6  # of services finished, how many the citizen rates

    # -- the event queue -------------------------------------------------------------------

    def at(self, when: datetime, action: Callable[[datetime], None]) -> None:
        heapq.heappush(self._events, (when, next(self._order), action))

    def run_day(self, plan: Day) -> None:
        local = lambda t: datetime.combine(plan.day, t, self.tz).astimezone(UTC)  # noqa: E731
        self.close_at = local(CLOSE)
        windows = self.hall_layout.windows
        opened = local(OPEN) - timedelta(minutes=5)
        self.clock.set(opened)
        for counter, clerk in windows.items():
            paused = counter in plan.paused_windows
            self.hall.open_window(counter, clerk, paused=paused)
            self._window_log(counter, "signed_in", opened)
            if paused:
                self._window_log(counter, "window_paused", opened)
        span = (local(LAST_ARRIVAL) - local(OPEN)).total_seconds()
        arrivals = sorted(self.random.uniform(0, span) for _ in range(plan.arrivals))
        for offset in arrivals:
            self.at(local(OPEN) + timedelta(seconds=offset), lambda now: self._arrive(now, plan))
        for counter in windows:
            if counter not in plan.paused_windows:
                first_call = local(OPEN) + timedelta(seconds=self.random.uniform(0, 120))
                self.at(first_call, self._free(counter))
        self.idle.clear()
        last = self.close_at
        while self._events:
            last, _, action = heapq.heappop(self._events)
            self.clock.set(last)
            action(last)
        closed = max(self.close_at, last) + timedelta(minutes=1)
        self.clock.set(closed)
        for counter in windows:
            self.hall.close_window(counter)
            self._window_log(counter, "signed_out", closed)

    def _window_log(self, counter: str, kind: str, at: datetime) -> None:
        sites = self.hall_layout.window_sites  # one hall: every desk at the first site
        site = sites[counter] if sites is not None else self.log.sites[0]
        clerk = self.hall_layout.windows[counter]
        self.log.windows.append(SimWindowEvent(counter, clerk, site, kind, at))

    # -- citizens --------------------------------------------------------------------------

    def _arrive(self, now: datetime, plan: Day) -> None:
        queues = self.hall_layout.queues
        site = self.random.choices(self.log.sites, weights=self.hall_layout.site_weights)[0]
        weights = [5, 3, 2, 1, 2][: len(queues)]
        queue = self.random.choices(list(queues), weights=weights + [1] * (len(queues) - 5))[0]
        item = self.random.choice(queues[queue])
        body: dict[str, Any] = {"category_code": queue}
        if item is not None:
            body["item_code"] = item
        priority = "priority" if self.random.random() < 0.1 else "normal"
        body["priority"] = priority
        if queue in self.hall_layout.real_name:
            body["id_number"] = self._someone()
        ticket_id = self.hall.issue(site, now, body)
        self._wake(now, queue, site)
        self.log.tickets[ticket_id] = SimTicket(
            ticket_id=ticket_id, site=site, queue=queue, item=item, day=plan.day,
            issued_at=now, priority=priority,
        )  # fmt: skip

    def _someone(self) -> str:
        """A made-up resident ID number (valid check character, nobody's)."""
        born = date(1940, 1, 1) + timedelta(days=self.random.randrange(60 * 365))
        first17 = f"110101{born:%Y%m%d}{self.random.randrange(1000):03d}"
        return first17 + check_character(first17)

    # -- windows ---------------------------------------------------------------------------

    def _free(self, counter: str) -> Callable[[datetime], None]:
        return lambda now: self._call_next(now, counter)

    def _wake(self, now: datetime, queue: str, site: str) -> None:
        """The idle windows of ``queue`` (at ``site``, in a district) notice the newcomer, each
        after a few seconds."""
        sites = self.hall_layout.window_sites
        for counter in sorted(self.idle):
            if sites is not None and sites[counter] != site:
                continue
            if queue in self.hall_layout.window_queues[counter]:
                self.idle.discard(counter)
                self.at(now + timedelta(seconds=self.random.uniform(2, 15)), self._free(counter))

    def _call_next(self, now: datetime, counter: str) -> None:
        if now >= self.close_at:
            return
        ticket_id = self.hall.call_next(counter)
        if ticket_id is None:  # nobody waiting: call again when someone comes
            self.idle.add(counter)
            return
        ticket = self.log.tickets[ticket_id]
        ticket.state, ticket.counter = "called", counter
        ticket.clerk = self.hall_layout.windows[counter]
        ticket.called_at = ticket.called_at or now
        ticket.last_called_at, ticket.recalls = now, 0
        fate = self.random.random()
        if fate < 0.08:  # never comes: called twice, then marked
            self.at(now + timedelta(seconds=20), lambda t: self._recall(t, counter, ticket))
            self.at(now + timedelta(seconds=45), lambda t: self._no_show(t, counter, ticket))
            return
        walk = self.random.uniform(10, 150)
        if fate < 0.2:  # did not hear the first call
            self.at(now + timedelta(seconds=20), lambda t: self._recall(t, counter, ticket))
            walk += 20
        self.at(now + timedelta(seconds=walk), lambda t: self._start(t, counter, ticket))

    def _recall(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self.hall.act(counter, ticket.ticket_id, "recall")
        ticket.recalls += 1
        ticket.last_called_at = now

    def _no_show(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self.hall.act(counter, ticket.ticket_id, "no-show")
        ticket.state, ticket.ended_at = "no_show", now
        self.at(now + timedelta(seconds=5), self._free(counter))

    def _start(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self.hall.act(counter, ticket.ticket_id, "start")
        ticket.state, ticket.started_at = "serving", now
        minutes = min(60.0, self.random.lognormvariate(1.8, 0.5))
        self.at(now + timedelta(minutes=minutes), lambda t: self._end(t, counter, ticket))

    def _end(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        others = [q for q in self.hall_layout.queues if q != ticket.queue]
        if ticket.transferred_from is None and self.random.random() < 0.05 and others:
            self._transfer(now, counter, ticket, self.random.choice(others))
        else:
            self.hall.act(counter, ticket.ticket_id, "finish")
            ticket.state, ticket.ended_at = "done", now
            if self.random.random() < self.rate_share:
                self.at(now + timedelta(seconds=8), lambda t: self._rate(t, ticket))
        self.at(now + timedelta(seconds=self.random.uniform(5, 40)), self._free(counter))

    def _transfer(self, now: datetime, counter: str, ticket: SimTicket, queue: str) -> None:
        new = self.hall.transfer(counter, ticket.ticket_id, queue)
        ticket.state, ticket.ended_at = "transferred", now
        self._wake(now, queue, ticket.site)
        self.log.tickets[new] = SimTicket(
            ticket_id=new, site=ticket.site, queue=queue, item=None, day=ticket.day,
            issued_at=ticket.issued_at, priority=ticket.priority,
            transferred_from=ticket.ticket_id,
        )  # fmt: skip

    def _rate(self, now: datetime, ticket: SimTicket) -> None:
        level = self.random.choices([5, 4, 3, 2, 1], weights=[60, 25, 8, 4, 3])[0]
        reasons: tuple[str, ...] = ()
        if level <= 2:
            reasons = tuple(sorted(self.random.sample(["attitude", "long_wait", "efficiency"], 2)))
        evaluation_id = self.hall.rate(ticket.site, ticket.ticket_id, level, reasons)
        ticket.rating, ticket.reasons, ticket.rated_at = level, reasons, now
        if level <= 2:
            self._follow_up(now, ticket, evaluation_id)

    def _follow_up(self, now: datetime, ticket: SimTicket, evaluation_id: int) -> None:
        """The window rated follows up half the bad ratings the same day; it appeals one in
        five, which a manager upholds; the rest stay open."""
        counter = ticket.counter or ""
        fate = self.random.random()
        if fate < 0.5:
            for n, step in enumerate(("visit", "rectify", "answer"), start=1):
                self.at(now + timedelta(minutes=20 * n), self._step(counter, evaluation_id, step))
            self.at(now + timedelta(minutes=60), lambda t: self._answered(t, ticket))
        elif fate < 0.7:
            self.at(now + timedelta(minutes=10), self._step(counter, evaluation_id, "appeal"))
            self.at(now + timedelta(minutes=40), lambda t: self._void(evaluation_id, ticket))

    def _step(self, counter: str, evaluation_id: int, step: str) -> Callable[[datetime], None]:
        return lambda now: self.hall.follow_up(counter, evaluation_id, step)

    def _answered(self, now: datetime, ticket: SimTicket) -> None:
        ticket.follow_up, ticket.answered_at = "answered", now

    def _void(self, evaluation_id: int, ticket: SimTicket) -> None:
        self.hall.decide(evaluation_id, upheld=True)
        ticket.follow_up = "voided"


def simulate(
    base_url: str,
    admin_token: str,
    clock: SettableClock,
    days: Iterable[Day],
    *,
    seed: int = 2026,
    sites: Iterable[str] = ("hall", "community-1"),
    time_zone: str = "Asia/Shanghai",
) -> SimLog:
    """Simulate ``days`` against the hub at ``base_url``; the log of what happened."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        simulation = Simulation(
            HttpHall(client, admin_token), clock, seed=seed, sites=sites, tz=ZoneInfo(time_zone)
        )
        for plan in days:
            simulation.run_day(plan)
    return simulation.log
