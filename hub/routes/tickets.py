"""Ticket categories and ticket issue / follow."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from contract import models as m
from hub import appointments, tickets
from hub.auth import ContextDep, TerminalDep
from hub.db import Ticket
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(tags=["tickets"])
PROBLEMS = problems(401, 404, 409, 422)


@router.get("/ticket-categories", response_model=list[m.TicketCategory], responses=PROBLEMS)
def list_ticket_categories(ctx: ContextDep, _terminal: TerminalDep) -> list[m.TicketCategory]:
    return tickets.list_categories(ctx)


@router.get("/queues", response_model=list[m.QueueSnapshot], responses=PROBLEMS)
def queues(ctx: ContextDep, _terminal: TerminalDep) -> list[m.QueueSnapshot]:
    """Today's queues, for the kiosk's category screen and the hall display."""
    return tickets.queue_snapshots(ctx)


@router.post("/tickets", status_code=201, response_model=m.TicketIssued, responses=PROBLEMS)
async def issue_ticket(
    body: m.TicketIssueRequest,
    request: Request,
    ctx: ContextDep,
    terminal: TerminalDep,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> m.TicketIssued:
    # async, with the database work handed to the thread pool once: a plain function route
    # is also answered through the pool, a second hand-over on the hall's busiest request.
    base_url = ctx.base_url(request)
    if body.appointment_code:
        # An appointment ticket is a check-in: the appointment is verified and closed.
        check = m.CheckIn(code=body.appointment_code)
        return await run_in_threadpool(appointments.check_in, ctx, terminal, check, base_url)
    return await run_in_threadpool(tickets.issue, ctx, terminal, body, idempotency_key, base_url)


@router.get("/tickets/{ticket_id}", response_model=m.TicketView, responses=PROBLEMS)
def follow_ticket(ticket_id: str, ctx: ContextDep) -> m.TicketView:
    """Public on purpose: the opaque ticket id is the capability (printed as a QR on the slip)."""
    with ctx.sessions() as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown ticket", "未找到该排队号。")
        return tickets.view(session, ticket, tickets.get_category(session, ticket.category_code))
