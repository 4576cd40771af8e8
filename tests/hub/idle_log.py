"""Windows idle while people waited, worked out from a simulation's log alone (never from the
hub's database), by brute force: every moment anything changes cuts the day into stretches;
a stretch counts when the window is signed in and not paused, none of its tickets is at the
window, and a ticket it could call waits (of its site, of the window's queues its clerk
handles). The sample hall's windows and clerks come from the files the hub loads."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

from hub.simulator import SimLog, SimTicket, SimWindowEvent

TZ = ZoneInfo("Asia/Shanghai")
CATALOG = Path(__file__).parents[2] / "config" / "catalog"
_STAFF = tomllib.loads((CATALOG / "staff.toml").read_text(encoding="utf-8"))["staff"]
_COUNTERS = tomllib.loads((CATALOG / "queues.toml").read_text(encoding="utf-8"))["counters"]
CLERK_QUEUES = {c["staff_no"]: set(c["categories"]) for c in _STAFF}
WINDOW_QUEUES = {c["code"]: set(c["categories"]) for c in _COUNTERS}


@dataclass(frozen=True)
class Stretch:
    window: str
    clerk: str
    site: str
    day: date
    start: datetime
    seconds: float

    @property
    def hour(self) -> int:
        return self.start.astimezone(TZ).hour


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), TZ).astimezone(UTC)


def _queues(window: str, clerk: str) -> set[str]:
    mine = CLERK_QUEUES.get(clerk) or None  # [] = every queue
    return {q for q in WINDOW_QUEUES[window] if mine is None or q in mine}


def stretches(log: SimLog, *, today: date, now: datetime | None = None) -> list[Stretch]:
    """Idle stretches of each window on each day up to ``today`` (that one up to ``now``)."""
    days = sorted({e.at.astimezone(TZ).date() for e in log.windows})
    found: list[Stretch] = []
    for day in (d for d in days if d <= today):
        start, end = _midnight(day), _midnight(day + timedelta(days=1))
        cut = min(end, now) if day == today and now is not None else end
        tickets = [t for t in log.tickets.values() if t.day == day]
        events = [e for e in log.windows if start <= e.at < cut]
        for window in sorted({e.counter for e in events}):
            mine = [e for e in events if e.counter == window]
            for clerk in sorted({e.clerk for e in mine}):
                found += _window_day(log, window, clerk, mine, tickets, start, cut, day)
    return found


def _window_day(
    log: SimLog,
    window: str,
    clerk: str,
    events: list[SimWindowEvent],
    tickets: list[SimTicket],
    start: datetime,
    cut: datetime,
    day: date,
) -> list[Stretch]:
    def clip(at: datetime) -> datetime:
        return min(max(at, start), cut)

    open_: list[tuple[datetime, datetime]] = []  # from an opening to the window's next event
    site = next(e.site for e in events if e.kind == "signed_in")
    for n, e in enumerate(events):
        if e.kind in ("signed_in", "window_open") and e.clerk == clerk:
            open_.append((e.at, events[n + 1].at if n + 1 < len(events) else cut))
    queues = _queues(window, clerk)
    busy = [
        (clip(t.called_at), clip(t.ended_at or cut))
        for t in tickets
        if t.counter == window and t.called_at is not None
    ]
    waiting = []
    for t in tickets:
        if t.site != site or t.queue not in queues:
            continue
        earlier = log.tickets.get(t.transferred_from) if t.transferred_from else None
        arrived = earlier.ended_at if earlier is not None and earlier.ended_at else t.issued_at
        until = t.called_at or t.ended_at or _midnight(day + timedelta(days=1))
        waiting.append((clip(arrived), clip(until)))
    moments = {start, cut, *(start + timedelta(hours=h) for h in range(24))}
    for spans in (open_, busy, waiting):
        for a, b in spans:
            moments |= {clip(a), clip(b)}
    cuts = sorted(m for m in moments if start <= m <= cut)
    found = []
    for a, b in pairwise(cuts):

        def during(spans: list[tuple[datetime, datetime]], a: datetime = a) -> bool:
            return any(s <= a < e for s, e in spans)

        if during(open_) and not during(busy) and during(waiting):
            found.append(Stretch(window, clerk, site, day, a, (b - a).total_seconds()))
    return found
