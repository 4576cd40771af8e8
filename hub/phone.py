"""The citizen's phone pages: a queue ticket followed live, and a case's progress from its receipt.

Public on purpose, without an app or a login: a ticket's random id (in its QR) or a receipt's
code (in the receipt's QR) is the capability, and the pages show nothing more than the paper in
the citizen's hand — numbers, queue and window names, a masked applicant name.

A ticket's live page listens to the hub's own event stream (one reader per process, see
``hub.events``) and recomputes the ticket's position only after an event that can move it: its
queue's tickets, or a window opening or pausing (the estimate). Several events that come together
cost one recomputation, and an unchanged page sends nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sqlalchemy import select

from contract import models as m
from hub import events, tickets
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
            calls=1 + ticket.recall_count if view.counter_code else 0,
            moved_to=moved_to,
        )


def moves(page: TicketPage, sent: events.Sent) -> bool:
    """Whether an event can change what the page shows."""
    if sent.kind.startswith("window."):
        return True  # windows open and pause: the estimate changes
    return sent.data.get("category_code") == page.category_code


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
            now = await loop.run_in_executor(None, load_ticket, ctx, ticket_id)
            if now is None:
                return
            if now != page:
                yield ticket_update(now, lang)
            page = now
