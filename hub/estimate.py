"""The wait estimate's rate: a queue's recent service time spread over its open windows
(docs/estimate.md has the model), and the per-process cache that keeps it between tickets.

Theory of operation. Every ticket issued and every follow page shows an estimate, and its rate
takes two queries (the queue's last services, the windows) that change far less often than
tickets are issued: when a ticket of the queue is finished, or a window opens, pauses, closes or
narrows its queues. ``WaitRates`` keeps each queue's rate of the day in memory and forgets it
when such a change commits:

- in this process, every session reports what its flushes and bulk statements touched (a
  finished ticket: its queue; a window or a queue's settings: every queue), and the rates go at
  its commit;
- on PostgreSQL the commit's NOTIFY says so to the other hub processes (``hub.notify``), which
  forget theirs;
- whatever escapes both (a change made by hand in the database, or by the CLI on SQLite) is
  read again after ``seconds`` at most.

A rate is kept only if no change was committed since its session opened (the ``generation`` the
session carries), and never from a session that has changes of its own to commit: a slow reader
cannot put back a rate that a commit made stale. The ticket's number and its people ahead are
never cached: they come from the database on every ticket.

The queues' category rows (prefix, range, cap, open or closed) are kept the same way: every
ticket reads its category, and a change to any category forgets every rate, so it forgets
them too.
"""

from __future__ import annotations

import math
import statistics
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from sqlalchemy import bindparam, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session

from contract import models as m
from hub.db import CounterRow, CounterSessionRow, Ticket, TicketCategoryRow
from hub.workdays import WorkCalendar

# What every hub session's info carries (HubContext): the hall's calendar, the rate cache and
# its generation when the session opened.
CALENDAR = "calendar"
RATES = "wait_rates"
GENERATION = "wait_rates_generation"
CHANGED = "wait_rates_changed"  # the queues this session's changes touched (EVERY: all)
EVERY = "*"
RECENT_SERVICES = 20

# The queue's last services of this day and the last working day (and any day between), the
# newest day first: one range of the index (category, state, service date, end, start).
_RECENT_SERVICES = (
    select(Ticket.service_date, Ticket.started_at, Ticket.ended_at)
    .where(
        Ticket.category_code == bindparam("category_code"),
        Ticket.state == m.TicketState.DONE.value,
        Ticket.service_date.between(bindparam("since"), bindparam("day")),
        Ticket.started_at.is_not(None),
        Ticket.ended_at.is_not(None),
    )
    .order_by(Ticket.service_date.desc(), Ticket.ended_at.desc())
    .limit(RECENT_SERVICES)
)
_WINDOWS = select(
    CounterRow.category_codes,
    CounterSessionRow.service_date,
    CounterSessionRow.state,
    CounterSessionRow.chosen_categories,
).outerjoin(CounterSessionRow, CounterSessionRow.counter_code == CounterRow.code)
# Tables whose every change may change any queue's windows or standard time.
_HALL = frozenset(
    {CounterRow.__tablename__, CounterSessionRow.__tablename__, TicketCategoryRow.__tablename__}
)


class Queue(Protocol):
    """What the estimate reads of a ticket category."""

    @property
    def code(self) -> str: ...

    @property
    def default_service_minutes(self) -> int: ...


@dataclass(frozen=True, slots=True)
class WaitRate:
    """A queue's recent service time spread over its open windows: what each person ahead
    adds to the wait (read once, it serves every ticket of the queue)."""

    service_minutes: float
    windows: int

    def minutes(self, ahead: int) -> int:
        return math.ceil(ahead * self.service_minutes / max(1, self.windows))


def wait_rate(session: Session, category: Queue, day: date) -> WaitRate:
    """The queue's rate: from this process's cache when the session carries one, else read."""
    rates: WaitRates | None = session.info.get(RATES)
    if rates is None:
        return read_rate(session, category, day)
    return rates.get(session, category, day)


def read_rate(session: Session, category: Queue, day: date) -> WaitRate:
    """The queue's rate, read from the database."""
    return _Read.of(session, category.code, day).rate(category)


@dataclass(frozen=True, slots=True)
class _Read:
    """What the database says of a queue's rate: the median of its recent services (None: no
    services to go by) and its open windows."""

    median_minutes: float | None
    windows: int

    def rate(self, category: Queue) -> WaitRate:
        # The standard time comes from the category row the caller has just read.
        minutes = self.median_minutes
        return WaitRate(
            category.default_service_minutes if minutes is None else minutes, self.windows
        )

    @classmethod
    def of(cls, session: Session, category_code: str, day: date) -> _Read:
        """The queue's recent service time — the median of its last twenty services of this
        day, or before any today of the last day with services since the last working day (a
        few slow ones do not swing it), None before any — and the windows open for the queue
        (every window that serves it, in a hall whose windows never sign in)."""
        connection = session.connection()
        # The hall's calendar comes with every HubContext session (weekdays only without one).
        calendar: WorkCalendar = session.info.get(CALENDAR) or WorkCalendar()
        since = calendar.previous_working_day(day)
        services = connection.execute(
            _RECENT_SERVICES, {"category_code": category_code, "since": since, "day": day}
        ).all()
        latest = services[0].service_date if services else None  # today, if it had any
        seconds = [
            (end - start).total_seconds()
            for served, start, end in services
            if served == latest and start and end
        ]
        median = statistics.median(seconds) / 60 if seconds else None
        return cls(median, open_windows(connection, category_code, day))


def open_windows(connection: Connection, category_code: str, day: date) -> int:
    windows = connection.execute(_WINDOWS).all()
    staffed = [w for w in windows if w.service_date == day]
    if not staffed:
        return sum(1 for w in windows if category_code in w.category_codes)
    return sum(
        1
        for w in staffed
        if w.state == m.WindowState.OPEN.value
        and category_code in (w.chosen_categories or w.category_codes)
    )


_Row = TypeVar("_Row")


class WaitRates:
    """Each queue's rate of the day, and each category row, kept until a change to it commits
    (see the module's theory of operation), ``seconds`` at most."""

    def __init__(self, seconds: float = 5.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._rates: dict[tuple[str, date], tuple[float, _Read]] = {}
        self._categories: dict[str, tuple[float, Any]] = {}
        self.generation = 0  # one more at every forget: a session opened before cannot store

    def get(self, session: Session, category: Queue, day: date) -> WaitRate:
        key = (category.code, day)
        kept = self._rates.get(key)
        if kept is not None and self.clock() - kept[0] <= self.seconds:
            return kept[1].rate(category)
        read = _Read.of(session, category.code, day)
        self._keep(session, self._rates, key, read)
        return read.rate(category)

    def category(
        self, session: Session, code: str, read: Callable[[Session, str], _Row | None]
    ) -> _Row | None:
        """The category row ``read`` reads (None: no such category, not kept). A session with
        changes of its own reads it: one of them may be to this category."""
        kept = self._categories.get(code)
        own_changes = CHANGED in session.info
        if kept is not None and not own_changes and self.clock() - kept[0] <= self.seconds:
            row: _Row = kept[1]
            return row
        read_now = read(session, code)
        if read_now is not None:
            self._keep(session, self._categories, code, read_now)
        return read_now

    def _keep(
        self, session: Session, kept: dict[Any, tuple[float, Any]], key: Any, value: Any
    ) -> None:
        """Keep what the session read, unless a change committed since it opened or it has
        changes of its own (it read them, and they may roll back)."""
        if CHANGED in session.info:
            return
        with self._lock:
            if session.info.get(GENERATION) == self.generation:
                if len(kept) > 1000:  # many days in one process (tests, a long run)
                    kept.clear()
                kept[key] = (self.clock(), value)

    def forget(self, categories: Iterable[str] = (EVERY,)) -> None:
        codes = set(categories)
        with self._lock:
            self.generation += 1
            if EVERY in codes:
                self._rates.clear()
                self._categories.clear()
            else:
                for key in [k for k in self._rates if k[0] in codes]:
                    del self._rates[key]


def changed(session: Session, categories: Iterable[str]) -> None:
    """Note that this session's transaction changes these queues' rates (EVERY: all)."""
    session.info.setdefault(CHANGED, set()).update(categories)


def note_flush(session: Session, _context: Any) -> None:
    """(after_flush) The queues whose rates the flushed changes touch."""
    touched: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Ticket):
            if _served(obj):
                touched.add(obj.category_code)
        elif getattr(obj, "__tablename__", None) in _HALL:
            touched.add(EVERY)
    if touched:
        changed(session, touched)


def _served(ticket: Ticket) -> bool:
    """Whether the ticket is, or was until this flush, one of its queue's services."""
    done = m.TicketState.DONE.value
    return ticket.state == done or done in inspect(ticket).attrs.state.history.deleted


def note_statement(state: ORMExecuteState) -> None:
    """(do_orm_execute) An UPDATE or DELETE of many rows may touch any queue."""
    if state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if table is not None and (table.name in _HALL or table.name == Ticket.__tablename__):
            changed(state.session, {EVERY})
