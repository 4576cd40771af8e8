"""The hall's event stream (``GET /api/v1/events``, server-sent events).

Theory of operation. Every change a display or a phone follows — a ticket issued, called,
recalled, parked, finished…, a window opened or paused, a queue's count changed — is appended to
``hub_events`` in the same transaction as the change itself, so the log and the hall never
disagree and a rolled-back change leaves no event. The log is the stream: a subscriber reads the
events after the last id it has (``Last-Event-ID`` on a reconnection), then waits for the bell,
which rings after every commit that appended events (and, between hub processes sharing one
PostgreSQL, on a NOTIFY). A comment line every few seconds keeps proxies from closing an idle
stream. Events carry numbers, codes and counts only: never a name, an ID number or a phone.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
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
    }
)
PERSONAL = frozenset({"name", "id_number", "id_digest", "phone", "address", "applicant"})
BATCH = 500
_INSERT = insert(HubEventRow)


def emit(session: Session, kind: str, at: datetime, **data: Any) -> None:
    """Append an event to the log in the caller's transaction (rung out after its commit)."""
    assert kind in TYPES, kind
    assert not PERSONAL & set(data), "events never carry personal data"
    session.connection().execute(_INSERT, {"type": kind, "at": at, "data": data})
    session.info["ring"] = True


class Bell:
    """Wakes the streams waiting in event loops when events were committed (any thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()
        self.closed = False  # the hub is stopping: every stream ends

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
            if not loop.is_closed():
                loop.call_soon_threadsafe(event.set)


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


async def stream(ctx: HubContext, last_id: int | None) -> AsyncIterator[str]:
    """The events after ``last_id`` (a new subscriber: from now on), then each as it comes."""
    loop = asyncio.get_running_loop()
    if last_id is None:
        last_id = await loop.run_in_executor(None, latest_id, ctx)
    yield "retry: 3000\n\n"  # how long a browser waits before it reconnects
    while not ctx.bell.closed:
        rung, forget = ctx.bell.waiter()  # before reading: a ring during the read is not lost
        try:
            rows = await loop.run_in_executor(None, after, ctx, last_id)
            for row in rows:
                last_id = row.id
                yield frame(row)
            if len(rows) == BATCH:
                continue  # more are waiting
            try:
                await asyncio.wait_for(rung.wait(), ctx.settings.event_keepalive_seconds)
            except TimeoutError:
                yield ": keep-alive\n\n"
        finally:
            forget()
