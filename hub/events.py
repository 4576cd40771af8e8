"""The hall's event stream (``GET /api/v1/events``, server-sent events).

Theory of operation. Every change a display or a phone follows — a ticket issued, called,
recalled, parked, finished…, a window opened or paused, a queue's count changed — is appended to
``hub_events`` in the same transaction as the change itself, so the log and the hall never
disagree and a rolled-back change leaves no event. The log is the stream. One reader per hub
process waits for the bell, which rings after every commit that appended events, reads the new
events once and hands them to every open stream (a hundred phones cost one read per change); a
stream that resumes (``Last-Event-ID``) first reads what it missed from the log. A comment line
every few seconds keeps proxies from closing an idle stream. Events carry numbers, codes and
counts only: never a name, an ID number or a phone. Several hub processes on one PostgreSQL
ring each other's bells with NOTIFY (``hub.notify``), so every stream sees every process's events.

Events are appended last, just before the commit (``append_emitted``), on PostgreSQL under a lock
held until it: transactions then commit their events in id order, so a reader that has read up to
an id never finds a smaller one committed later (it would skip that one).
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from hub.db import HubEventRow

if TYPE_CHECKING:
    from hub.context import HubContext

TYPES = frozenset(
    {
        "ticket.issued",
        "ticket.called",
        "ticket.recalled",
        "ticket.started",
        "ticket.no_show",
        "ticket.transferred",
        "ticket.parked",
        "ticket.finished",
        "ticket.cancelled",
        "window.opened",
        "window.paused",
        "window.closed",
        "queue.changed",
        "help.called",
        "help.answered",
        "help.closed",
    }
)
PERSONAL = frozenset({"name", "id_number", "id_digest", "phone", "address", "applicant"})
BATCH = 500
_INSERT = insert(HubEventRow)
_EMITTED = "hub_events"  # the key in Session.info of the transaction's events, in order
_LOG_LOCK = select(func.pg_advisory_xact_lock(0x68756265))  # "hube": the hub's only advisory lock


def emit(session: Session, kind: str, at: datetime, **data: Any) -> None:
    """Add an event to the caller's transaction: appended to the log just before its commit
    (``append_emitted``) and rung out after it."""
    assert kind in TYPES, kind
    assert not PERSONAL & set(data), "events never carry personal data"
    session.info.setdefault(_EMITTED, []).append({"type": kind, "at": at, "data": data})


def append_emitted(session: Session) -> bool:
    """Append the transaction's events to the log (before its commit); whether it had any."""
    emitted = session.info.pop(_EMITTED, None)
    if not emitted:
        return False
    session.flush()  # the transaction's own changes first: holding the lock, it only appends
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_LOG_LOCK)
    connection.execute(_INSERT, emitted)  # one statement for all (ids in their order)
    return True


def forget_emitted(session: Session) -> None:
    """The transaction rolled back: its events never happened."""
    session.info.pop(_EMITTED, None)


class Bell:
    """Wakes the streams waiting in event loops when events were committed (any thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self.closed = False  # the hub is stopping: every stream ends
        self.name = secrets.token_hex(8)  # in this bell's NOTIFY (hub.notify): not rung twice

    def close(self) -> None:
        """End every stream (before the server stops: an open stream never ends by itself)."""
        self.closed = True
        self.ring()

    def waiter(self) -> tuple[asyncio.Event, Callable[[], None]]:
        """An event set at the next ring, and the function that forgets it."""
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.add(entry)

        def forget() -> None:
            with self._lock:
                self._waiters.discard(entry)

        return entry[1], forget

    def ring(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:  # that loop has closed (its server stopped): nobody to wake
                continue


def after(ctx: HubContext, last_id: int, limit: int = BATCH) -> list[HubEventRow]:
    with ctx.reading() as session:
        rows = session.execute(
            select(HubEventRow)
            .where(HubEventRow.id > last_id)
            .order_by(HubEventRow.id)
            .limit(limit)
        ).scalars()
        return list(rows)


def latest_id(ctx: HubContext) -> int:
    with ctx.reading() as session:
        last = session.execute(
            select(HubEventRow.id).order_by(HubEventRow.id.desc()).limit(1)
        ).scalar()
        return int(last or 0)


def prune(ctx: HubContext) -> None:
    """Forget events older than the hub keeps them (``HubSettings.event_days``)."""
    cutoff = ctx.now() - timedelta(days=ctx.settings.event_days)
    with ctx.transaction() as session:
        session.execute(delete(HubEventRow).where(HubEventRow.at < cutoff))


def frame(row: HubEventRow) -> str:
    data = json.dumps({**row.data, "at": row.at.isoformat()}, ensure_ascii=False)
    return f"id: {row.id}\nevent: {row.type}\ndata: {data}\n\n"


class Sent(NamedTuple):
    """One event as the reader hands it out: its frame for streams, its type and data for
    listeners that decide for themselves what to send (the phone pages)."""

    id: int
    kind: str
    data: dict[str, Any]
    text: str

    @classmethod
    def of(cls, row: HubEventRow) -> Sent:
        return cls(row.id, row.type, row.data, frame(row))


Feed = asyncio.Queue["Sent | None"]  # None: the hub is stopping, or the listener fell behind


class Fanout:
    """One reader of the log per hub process and event loop: after each ring it reads the new
    events once and hands their frames to every stream (hundreds of phones and displays cost one
    database read per change, not one each)."""

    def __init__(self, ctx: HubContext) -> None:
        self.ctx = ctx
        self.position: int | None = None  # the last id handed out
        self.queues: set[Feed] = set()
        self.started = asyncio.Event()
        self.task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        self.position = await loop.run_in_executor(None, latest_id, self.ctx)
        self.started.set()
        while not self.ctx.bell.closed:
            rung, forget = self.ctx.bell.waiter()  # before reading: a ring is never lost
            try:
                rows = await loop.run_in_executor(None, after, self.ctx, self.position)
                for row in rows:
                    self.position = row.id
                    self._hand_out(Sent.of(row))
                if len(rows) < BATCH:
                    await rung.wait()
            finally:
                forget()
        self._hand_out(None)  # the hub is stopping: every stream ends

    def _hand_out(self, item: Sent | None) -> None:
        for queue in list(self.queues):
            if queue.qsize() >= QUEUE_LIMIT and item is not None:
                self.queues.discard(queue)  # too slow to follow: it reconnects and resumes
                queue.put_nowait(None)
            else:
                queue.put_nowait(item)


QUEUE_LIMIT = 1000
KEEPALIVE = ": keep-alive\n\n"  # a comment line: keeps proxies from closing an idle stream


def fanout(ctx: HubContext) -> Fanout:
    """This process's reader on the running loop (made at the first stream)."""
    loop = asyncio.get_running_loop()
    reader: Fanout | None = ctx.fanouts.get(loop)
    if reader is None or reader.task.done():
        reader = ctx.fanouts[loop] = Fanout(ctx)
    return reader


@asynccontextmanager
async def subscription(ctx: HubContext) -> AsyncIterator[tuple[Feed, int]]:
    """A queue of this process's events from now on, and the id of the last one before it."""
    reader = fanout(ctx)
    await reader.started.wait()
    queue: Feed = asyncio.Queue()
    reader.queues.add(queue)  # before the caller reads any backlog: nothing falls between
    try:
        yield queue, reader.position or 0  # set once the reader has started
    finally:
        reader.queues.discard(queue)


async def stream(ctx: HubContext, last_id: int | None) -> AsyncIterator[str]:
    """The events after ``last_id`` (a new subscriber: from now on), then each as it comes."""
    loop = asyncio.get_running_loop()
    async with subscription(ctx) as (queue, now):
        sent = now if last_id is None else last_id
        yield "retry: 3000\n\n"  # how long a browser waits before it reconnects
        while sent < now:  # the ones missed since last_id, from the log
            rows = await loop.run_in_executor(None, after, ctx, sent)
            if not rows:
                break
            for row in rows:
                sent = row.id
                yield frame(row)
        while not ctx.bell.closed:
            try:
                item = await asyncio.wait_for(queue.get(), ctx.settings.event_keepalive_seconds)
            except TimeoutError:
                yield KEEPALIVE
                continue
            if item is None:
                return
            if item.id > sent:  # the backlog may have sent it already
                sent = item.id
                yield item.text
