"""Counter operations (counter terminals only): call next, call specific, act, transfer."""

from __future__ import annotations

from fastapi import APIRouter, Request

from contract import models as m
from hub import counters
from hub.auth import ContextDep, CounterDep
from hub.routes import problems

router = APIRouter(prefix="/counters", tags=["counters"])
PROBLEMS = problems(401, 403, 404, 409, 422)


@router.get("", response_model=list[m.CounterInfo], responses=PROBLEMS)
def list_counters(ctx: ContextDep, _t: CounterDep) -> list[m.CounterInfo]:
    return counters.list_counters(ctx)


@router.post("/{counter_code}/call-next", response_model=m.TicketView, responses=PROBLEMS)
def call_next(counter_code: str, ctx: ContextDep, _t: CounterDep) -> m.TicketView:
    return counters.call_next(ctx, counter_code)


@router.post("/{counter_code}/call", response_model=m.TicketView, responses=PROBLEMS)
def call_specific(
    counter_code: str, body: m.CallSpecific, ctx: ContextDep, _t: CounterDep
) -> m.TicketView:
    return counters.call_specific(ctx, counter_code, body.number)


@router.post(
    "/{counter_code}/tickets/{ticket_id}/transfer",
    status_code=201,
    response_model=m.TicketIssued,
    responses=PROBLEMS,
)
def transfer(
    counter_code: str,
    ticket_id: str,
    body: m.TransferRequest,
    request: Request,
    ctx: ContextDep,
    _t: CounterDep,
) -> m.TicketIssued:
    return counters.transfer(ctx, counter_code, ticket_id, body, ctx.base_url(request))


@router.post(
    "/{counter_code}/tickets/{ticket_id}/{action}", response_model=m.TicketView, responses=PROBLEMS
)
def act(
    counter_code: str, ticket_id: str, action: m.TicketAction, ctx: ContextDep, _t: CounterDep
) -> m.TicketView:
    return counters.act(ctx, counter_code, ticket_id, action)
