"""The citizen's phone pages: a queue ticket followed live, and a case's progress from its receipt.

Public on purpose, without an app or a login: a ticket's random id (in its QR) or a receipt's
code (in the receipt's QR) is the capability, and the pages show nothing more than the paper in
the citizen's hand — numbers, queue and window names, a masked applicant name.

A ticket's live page listens to the hub's own event stream (one reader per process, see
``hub.events``) and looks again only after an event that can change it: its queue's tickets, or
a window opening or pausing (the estimate). A waiting ticket's place comes from its queue's
waiting line, read once per change for every page following that queue (two hundred phones in
one queue cost one read per call, not two hundred); a ticket out of the line (called, served,
parked) reads its own row. Events that come together cost one look, and an unchanged page sends
nothing.
"""

from __future__ import annotations

import asyncio
import dataclasses
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from contract import models as m
from hub import estimate, events, tickets
from hub.context import HubContext
from hub.db import CounterRow, Ticket
from hub.phone_html import Lang, TicketPage, ticket_update


def load_ticket(ctx: HubContext, ticket_id: str) -> TicketPage | None:
    with ctx.reading() as session:
        ticket = session.get(Ticket, ticket_id[:32])
        if ticket is None:
            return None
        category = tickets.get_category(session, ticket.category_code)
        view = tickets.view(session, ticket, category)
        window = session.get(CounterRow, view.counter_code) if view.counter_code else None
        moved_to = None
        if view.state is m.TicketState.TRANSFERRED:
            new = session.execute(
                select(Ticket).where(Ticket.transferred_from == ticket.ticket_id).limit(1)
            ).scalar_one_or_none()
            if new is not None:
                to = tickets.get_category(session, new.category_code)
                moved_to = (new.number, to.name, new.ticket_id)
        return TicketPage(
            ticket_id=ticket.ticket_id,
            number=view.number,
            category_code=category.code,
            queue=category.name,
            queue_en=category.name_en or "",
            state=view.state,
            ahead=view.waiting_ahead,
            wait_minutes=view.estimated_wait_minutes,
            window=window.name if window else "",
            window_code=view.counter_code or "",
            service_date=ticket.service_date,
            calls=1 + ticket.recall_count if view.counter_code else 0,
            moved_to=moved_to,
        )


def moves(page: TicketPage, sent: events.Sent) -> bool:
    """Whether an event can change what the page shows: while waiting, anything in its queue
    and any window opening or pausing (the estimate); otherwise only its own ticket's events."""
    if page.state is m.TicketState.ISSUED:
        if sent.kind.startswith("window."):
            return True
        return sent.data.get("category_code") == page.category_code
    own = (sent.data.get("number"), sent.data.get("category_code"))
    return own == (page.number, page.category_code)


@dataclass(frozen=True, slots=True)
class Line:
    """One queue's waiting line as of one event: each ticket's people ahead, and the minutes
    each of them adds to the wait."""

    as_of: int  # the last event this line has seen
    ahead: dict[str, int]  # ticket id -> people ahead (the order call-next serves them in)
    wait: estimate.WaitRate


def read_line(ctx: HubContext, category_code: str, day: date, as_of: int) -> Line:
    with ctx.reading() as session:
        category = tickets.get_category(session, category_code)
        ids = tickets.waiting_line(session, category_code, day)
        rate = estimate.wait_rate(session, category, day)
        return Line(as_of, {ticket_id: n for n, ticket_id in enumerate(ids)}, rate)


class Lines:
    """The newest waiting line of each queue, read once for all the pages of one process."""

    def __init__(self, reader: events.Fanout) -> None:
        self.reader = reader
        self.newest: dict[tuple[str, date], asyncio.Future[Line]] = {}
        self.as_of: dict[tuple[str, date], int] = {}

    async def line(self, ctx: HubContext, category_code: str, day: date, seen: int) -> Line:
        """A line that has seen at least event ``seen`` (one read for every page asking)."""
        key = (category_code, day)
        if key not in self.newest or self.as_of[key] < seen:
            for old in [k for k in self.newest if k[1] != day]:  # yesterday's lines are done
                del self.newest[old], self.as_of[old]
            as_of = self.reader.position or 0  # every event up to here is committed
            self.as_of[key] = as_of
            self.newest[key] = asyncio.get_running_loop().run_in_executor(
                None, read_line, ctx, category_code, day, as_of
            )
        return await asyncio.shield(self.newest[key])


_LINES: weakref.WeakKeyDictionary[events.Fanout, Lines] = weakref.WeakKeyDictionary()


def lines(ctx: HubContext) -> Lines:
    reader = events.fanout(ctx)
    found = _LINES.get(reader)
    if found is None:
        found = _LINES[reader] = Lines(reader)
    return found


async def look_again(ctx: HubContext, page: TicketPage, seen: int) -> TicketPage | None:
    """The page after events up to ``seen``: from its queue's line while it waits in it."""
    if page.state is m.TicketState.ISSUED and page.service_date is not None:
        line = await lines(ctx).line(ctx, page.category_code, page.service_date, seen)
        ahead = line.ahead.get(page.ticket_id)
        if ahead is not None:
            return dataclasses.replace(page, ahead=ahead, wait_minutes=line.wait.minutes(ahead))
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, load_ticket, ctx, page.ticket_id)


async def follow(ctx: HubContext, ticket_id: str, lang: Lang) -> AsyncIterator[str]:
    """The ticket now, then again whenever it changes, until it can change no more."""
    loop = asyncio.get_running_loop()
    async with events.subscription(ctx) as (feed, _):
        yield "retry: 3000\n\n"  # how long a browser waits before it reconnects
        page = await loop.run_in_executor(None, load_ticket, ctx, ticket_id)
        if page is None:
            return
        yield ticket_update(page, lang)
        while page.live and not ctx.bell.closed:
            try:
                item = await asyncio.wait_for(feed.get(), ctx.settings.event_keepalive_seconds)
            except TimeoutError:
                yield events.KEEPALIVE
                continue
            batch = [item]
            while not feed.empty():  # what came together is recomputed once
                batch.append(feed.get_nowait())
            if None in batch:
                return  # the hub is stopping, or this page fell behind: the browser reconnects
            if not any(moves(page, sent) for sent in batch if sent is not None):
                continue
            now = await look_again(ctx, page, max(s.id for s in batch if s is not None))
            if now is None:
                return
            if now != page:
                yield ticket_update(now, lang)
            page = now
