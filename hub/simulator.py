"""A seeded simulation of a hall's days, written through the hub's own API over HTTP: kiosks at
several sites issue tickets, clerks sign in at windows and call, recall, serve, transfer and
mark no-shows, citizens rate on the pad. It drives a hub whose clock it sets (an
``EmbeddedHub`` started with a settable clock), and keeps its own log of what happened and when,
so that reports can be checked against a computation that does not read the hub's database.

The sample hall's queues, windows and clerks are used (the hub must be seeded with them). One
window can be kept paused all day, and a day can be given with nobody coming."""

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

API = "/api/v1"
SAMPLE_PIN = "246810"  # every sample clerk's PIN (config/catalog/staff.toml)
# The sample hall: each window with the clerk who usually works there.
SAMPLE_WINDOWS = {"W01": "S001", "W02": "S002", "W03": "S003", "W04": "S004", "W05": "S005"}
OPEN, LAST_ARRIVAL, CLOSE = time(9, 0), time(16, 30), time(17, 30)


class SettableClock(Protocol):
    def set(self, value: datetime) -> None: ...


@dataclass
class SimTicket:
    """One ticket as the simulation saw it (times UTC, as the hub stores them)."""

    ticket_id: str
    site: str
    queue: str
    item: str | None
    day: date
    issued_at: datetime
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


@dataclass
class SimLog:
    tickets: dict[str, SimTicket] = field(default_factory=dict)
    sites: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Day:
    """A day to simulate: how many citizens come, and which windows stay paused."""

    day: date
    arrivals: int
    paused_windows: tuple[str, ...] = ()


class SimulationError(RuntimeError):
    """The hub answered the simulation with an error it did not expect."""


class Hall:
    """The hub as the simulation's terminals see it: one HTTP client, a token per terminal."""

    def __init__(self, client: httpx.Client, admin_token: str) -> None:
        self.client = client
        self.admin_token = admin_token
        self.tokens: dict[str, str] = {}

    def register(self, terminal_id: str, mode: str, site: str) -> None:
        body = {"terminal_id": terminal_id, "mode": mode, "site_code": site}
        answer = self._send("POST", "/terminals", self.admin_token, body)
        self.tokens[terminal_id] = answer["token"]

    def call(
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
        self.queues: dict[str, list[str | None]] = {}  # category: its items (None: no item)
        self.window_queues: dict[str, list[str]] = {}
        self.real_name: set[str] = set()  # queues that need the citizen's ID number
        self.idle: set[str] = set()  # windows that found nobody waiting: woken by an arrival

    # -- set-up ----------------------------------------------------------------------------

    def prepare(self) -> None:
        for site in self.log.sites:
            self.hall.register(f"kiosk-{site}", "hall", site)
            self.hall.register(f"pad-{site}", "rating-pad", site)
        for counter in SAMPLE_WINDOWS:
            self.hall.register(f"desk-{counter}", "counter", self.log.sites[0])
        kiosk = f"kiosk-{self.log.sites[0]}"
        catalog = self.hall.call(kiosk, "GET", "/catalog")["items"]
        for category in self.hall.call(kiosk, "GET", "/ticket-categories"):
            items = [i["code"] for i in catalog if i["ticket_category"] == category["code"]]
            self.queues[category["code"]] = [None, *items]
            if category["real_name_limit"]:
                self.real_name.add(category["code"])
        for info in self.hall.call("desk-W01", "GET", "/counters"):
            self.window_queues[info["code"]] = info["category_codes"]

    # -- the event queue -------------------------------------------------------------------

    def at(self, when: datetime, action: Callable[[datetime], None]) -> None:
        heapq.heappush(self._events, (when, next(self._order), action))

    def run_day(self, plan: Day) -> None:
        local = lambda t: datetime.combine(plan.day, t, self.tz).astimezone(UTC)  # noqa: E731
        self.close_at = local(CLOSE)
        start = local(OPEN) - timedelta(minutes=5)
        working = [w for w in SAMPLE_WINDOWS if w not in plan.paused_windows]
        self.clock.set(start)
        for counter, staff_no in SAMPLE_WINDOWS.items():
            desk = f"desk-{counter}"
            self.hall.call(desk, "POST", f"/counters/{counter}/sign-in", {
                "staff_no": staff_no, "pin": SAMPLE_PIN,
            })  # fmt: skip
            if counter in plan.paused_windows:
                self.hall.call(desk, "PUT", f"/counters/{counter}/state", {
                    "state": "paused", "reason": "meeting",
                })  # fmt: skip
        span = (local(LAST_ARRIVAL) - local(OPEN)).total_seconds()
        arrivals = sorted(self.random.uniform(0, span) for _ in range(plan.arrivals))
        for offset in arrivals:
            self.at(local(OPEN) + timedelta(seconds=offset), lambda now: self._arrive(now, plan))
        for counter in working:
            first_call = local(OPEN) + timedelta(seconds=self.random.uniform(0, 120))
            self.at(first_call, self._free(counter))
        self.idle.clear()
        while self._events:
            when, _, action = heapq.heappop(self._events)
            self.clock.set(when)
            action(when)
        self.clock.set(max(self.close_at, self._last_time(plan.day)) + timedelta(minutes=1))
        for counter in SAMPLE_WINDOWS:
            self.hall.call(f"desk-{counter}", "POST", f"/counters/{counter}/sign-out")

    def _last_time(self, day: date) -> datetime:
        ends = [t.ended_at or t.issued_at for t in self.log.tickets.values() if t.day == day]
        return max(ends, default=self.close_at)

    # -- citizens --------------------------------------------------------------------------

    def _arrive(self, now: datetime, plan: Day) -> None:
        site = self.random.choice(self.log.sites)
        weights = [5, 3, 2, 1, 2][: len(self.queues)]
        queue = self.random.choices(list(self.queues), weights=weights)[0]
        item = self.random.choice(self.queues[queue])
        body: dict[str, Any] = {"category_code": queue}
        if item is not None:
            body["item_code"] = item
        if self.random.random() < 0.1:
            body["priority"] = "priority"
        if queue in self.real_name:
            body["id_number"] = self._someone()
        issued = self.hall.call(f"kiosk-{site}", "POST", "/tickets", body)
        self._wake(now, queue)
        self.log.tickets[issued["ticket_id"]] = SimTicket(
            ticket_id=issued["ticket_id"], site=site, queue=queue, item=item, day=plan.day,
            issued_at=now,
        )  # fmt: skip

    def _someone(self) -> str:
        """A made-up resident ID number (valid check character, nobody's)."""
        born = date(1940, 1, 1) + timedelta(days=self.random.randrange(60 * 365))
        first17 = f"110101{born:%Y%m%d}{self.random.randrange(1000):03d}"
        return first17 + check_character(first17)

    # -- windows ---------------------------------------------------------------------------

    def _free(self, counter: str) -> Callable[[datetime], None]:
        return lambda now: self._call_next(now, counter)

    def _desk(self, counter: str, method: str, path: str, body: Any = None, **kw: Any) -> Any:
        return self.hall.call(f"desk-{counter}", method, f"/counters/{counter}{path}", body, **kw)

    def _call_next(self, now: datetime, counter: str) -> None:
        if now >= self.close_at:
            return
        called = self._desk(counter, "POST", "/call-next", missing_ok=True)
        if called is None:  # nobody waiting: call again when someone comes
            self.idle.add(counter)
            return
        ticket = self.log.tickets[called["ticket_id"]]
        ticket.state, ticket.counter, ticket.clerk = "called", counter, SAMPLE_WINDOWS[counter]
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

    def _wake(self, now: datetime, queue: str) -> None:
        """The idle windows of ``queue`` notice the newcomer, each after a few seconds."""
        for counter in sorted(self.idle):
            if queue in self.window_queues[counter]:
                self.idle.discard(counter)
                self.at(now + timedelta(seconds=self.random.uniform(2, 15)), self._free(counter))

    def _recall(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self._desk(counter, "POST", f"/tickets/{ticket.ticket_id}/recall")
        ticket.recalls += 1
        ticket.last_called_at = now

    def _no_show(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self._desk(counter, "POST", f"/tickets/{ticket.ticket_id}/no-show")
        ticket.state, ticket.ended_at = "no_show", now
        self.at(now + timedelta(seconds=5), self._free(counter))

    def _start(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        self._desk(counter, "POST", f"/tickets/{ticket.ticket_id}/start")
        ticket.state, ticket.started_at = "serving", now
        minutes = min(60.0, self.random.lognormvariate(1.8, 0.5))
        self.at(now + timedelta(minutes=minutes), lambda t: self._end(t, counter, ticket))

    def _end(self, now: datetime, counter: str, ticket: SimTicket) -> None:
        others = [q for q in self.queues if q != ticket.queue]
        if ticket.transferred_from is None and self.random.random() < 0.05 and others:
            self._transfer(now, counter, ticket, self.random.choice(others))
        else:
            self._desk(counter, "POST", f"/tickets/{ticket.ticket_id}/finish", {"outcome": "done"})
            ticket.state, ticket.ended_at = "done", now
            if self.random.random() < 0.6:
                self.at(now + timedelta(seconds=8), lambda t: self._rate(t, ticket))
        self.at(now + timedelta(seconds=self.random.uniform(5, 40)), self._free(counter))

    def _transfer(self, now: datetime, counter: str, ticket: SimTicket, queue: str) -> None:
        new = self._desk(counter, "POST", f"/tickets/{ticket.ticket_id}/transfer", {
            "category_code": queue, "note": "转其他业务",
        })  # fmt: skip
        ticket.state, ticket.ended_at = "transferred", now
        self._wake(now, queue)
        self.log.tickets[new["ticket_id"]] = SimTicket(
            ticket_id=new["ticket_id"], site=ticket.site, queue=queue, item=None,
            day=ticket.day, issued_at=ticket.issued_at, transferred_from=ticket.ticket_id,
        )  # fmt: skip

    def _rate(self, now: datetime, ticket: SimTicket) -> None:
        level = self.random.choices([5, 4, 3, 2, 1], weights=[60, 25, 8, 4, 3])[0]
        reasons: tuple[str, ...] = ()
        if level <= 2:
            reasons = tuple(sorted(self.random.sample(["attitude", "long_wait", "efficiency"], 2)))
        self.hall.call(f"pad-{ticket.site}", "POST", "/evaluations", {
            "subject_type": "ticket", "subject_id": ticket.ticket_id, "rating": level,
            "reasons": list(reasons), "channel": "4",
        })  # fmt: skip
        ticket.rating, ticket.reasons, ticket.rated_at = level, reasons, now


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
            Hall(client, admin_token), clock, seed=seed, sites=sites, tz=ZoneInfo(time_zone)
        )
        simulation.prepare()
        for plan in days:
            simulation.run_day(plan)
    return simulation.log
