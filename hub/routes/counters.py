"""Windows (counter terminals only): sign-in, the window's state and lists, calling clicks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header, Request
from sqlalchemy.orm import Session

from contract import models as m
from hub import clerks, counters, window_citizen
from hub.auth import ContextDep, CounterDep, TerminalDep
from hub.routes import problems

router = APIRouter(prefix="/counters", tags=["counters"])
PROBLEMS = problems(401, 403, 404, 409, 422)
CLICK_PROBLEMS = problems(401, 403, 404, 409, 422, 428)
KeyHeader = Annotated[str | None, Header(alias="Idempotency-Key", max_length=64)]


@router.get("", response_model=list[m.CounterInfo], responses=PROBLEMS)
def list_counters(ctx: ContextDep, _t: CounterDep) -> list[m.CounterInfo]:
    return counters.list_counters(ctx)


@router.post(
    "/{counter_code}/sign-in",
    response_model=m.CounterSession,
    responses=problems(401, 403, 404, 422, 429),
)
def sign_in(
    counter_code: str, body: m.ClerkSignIn, ctx: ContextDep, terminal: CounterDep
) -> m.CounterSession:
    clerks.sign_in(ctx, terminal, counter_code, body)
    return counters.window_session(ctx, counter_code)


@router.post("/{counter_code}/sign-out", response_model=m.CounterSession, responses=PROBLEMS)
def sign_out(counter_code: str, ctx: ContextDep, terminal: CounterDep) -> m.CounterSession:
    return counters.sign_out(ctx, terminal, counter_code)


@router.get("/{counter_code}/session", response_model=m.CounterSession, responses=PROBLEMS)
def window_session(counter_code: str, ctx: ContextDep, _t: CounterDep) -> m.CounterSession:
    """The window now: after a restart the terminal finds its clerk and its citizen here."""
    return counters.window_session(ctx, counter_code)


@router.put("/{counter_code}/state", response_model=m.CounterSession, responses=PROBLEMS)
def change_state(
    counter_code: str, body: m.WindowStateChange, ctx: ContextDep, terminal: CounterDep
) -> m.CounterSession:
    return counters.change_state(ctx, terminal, counter_code, body)


@router.put("/{counter_code}/queues", response_model=m.CounterSession, responses=PROBLEMS)
def choose_queues(
    counter_code: str, body: m.QueueChoice, ctx: ContextDep, terminal: CounterDep
) -> m.CounterSession:
    return counters.choose_queues(ctx, terminal, counter_code, body)


@router.get("/{counter_code}/waiting", response_model=m.CounterQueues, responses=PROBLEMS)
def waiting(counter_code: str, ctx: ContextDep, terminal: CounterDep) -> m.CounterQueues:
    return counters.window_queues(ctx, terminal, counter_code)


def _click(
    ctx: ContextDep,
    terminal: CounterDep,
    counter_code: str,
    key: str | None,
    request: dict[str, Any],
    run: Callable[[Session, counters.Window], m.CounterTicket],
) -> m.CounterTicket:
    def once(session: Session) -> m.CounterTicket:
        return run(session, counters.signed_in(session, ctx, terminal, counter_code))

    request = {"counter": counter_code, **request}
    return counters.idempotent(ctx, terminal, key, request, m.CounterTicket, once)


@router.post("/{counter_code}/call-next", response_model=m.CounterTicket, responses=CLICK_PROBLEMS)
def call_next(
    counter_code: str, ctx: ContextDep, terminal: CounterDep, key: KeyHeader = None
) -> m.CounterTicket:
    return _click(
        ctx,
        terminal,
        counter_code,
        key,
        {"call": "next"},
        lambda s, w: counters.call_next(s, ctx, w),
    )


@router.post("/{counter_code}/call", response_model=m.CounterTicket, responses=CLICK_PROBLEMS)
def call_number(
    counter_code: str,
    body: m.CallSpecific,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.CounterTicket:
    request = {"call": body.model_dump()}
    return _click(
        ctx,
        terminal,
        counter_code,
        key,
        request,
        lambda s, w: counters.call_number(s, ctx, w, body),
    )


@router.post(
    "/{counter_code}/tickets/{ticket_id}/transfer",
    status_code=201,
    response_model=m.TicketIssued,
    responses=CLICK_PROBLEMS,
)
def transfer(
    counter_code: str,
    ticket_id: str,
    body: m.TransferRequest,
    request: Request,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.TicketIssued:
    base_url = ctx.base_url(request)

    def once(session: Session) -> m.TicketIssued:
        window = counters.signed_in(session, ctx, terminal, counter_code)
        return counters.transfer(session, ctx, window, ticket_id, body, base_url)

    payload = {"counter": counter_code, "ticket": ticket_id, "transfer": body.model_dump()}
    return counters.idempotent(ctx, terminal, key, payload, m.TicketIssued, once)


@router.post(
    "/{counter_code}/tickets/{ticket_id}/finish",
    response_model=m.CounterTicket,
    responses=CLICK_PROBLEMS,
)
def finish(
    counter_code: str,
    ticket_id: str,
    body: m.FinishRequest,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.CounterTicket:
    request = {"ticket": ticket_id, "finish": body.model_dump()}
    return _click(
        ctx,
        terminal,
        counter_code,
        key,
        request,
        lambda s, w: counters.finish(s, ctx, w, ticket_id, body),
    )


@router.get(
    "/{counter_code}/tickets/{ticket_id}/citizen",
    response_model=m.CitizenAtWindow,
    responses=PROBLEMS,
)
def citizen(
    counter_code: str, ticket_id: str, ctx: ContextDep, terminal: CounterDep
) -> m.CitizenAtWindow:
    """The appointment and cases of the ticket's holder, masked until their card is read."""
    return window_citizen.citizen(ctx, terminal, counter_code, ticket_id)


@router.post(
    "/{counter_code}/tickets/{ticket_id}/citizen",
    response_model=m.CitizenAtWindow,
    responses=PROBLEMS,
)
def citizen_with_card(
    counter_code: str,
    ticket_id: str,
    body: m.CardAtWindow,
    ctx: ContextDep,
    terminal: CounterDep,
) -> m.CitizenAtWindow:
    """The same with the citizen's card read at the window: shown in full when it is the
    holder's (or a walk-in's), flagged when it is someone else's."""
    return window_citizen.citizen(ctx, terminal, counter_code, ticket_id, body)


@router.post("/{counter_code}/tickets/{ticket_id}/not-rated", status_code=204, responses=PROBLEMS)
def not_rated(counter_code: str, ticket_id: str, ctx: ContextDep, terminal: TerminalDep) -> None:
    """The rating pad asked and the citizen did not answer in time: recorded, never rated."""
    counters.not_rated(ctx, terminal, counter_code, ticket_id)


@router.post(
    "/{counter_code}/tickets/{ticket_id}/{action}",
    response_model=m.CounterTicket,
    responses=CLICK_PROBLEMS,
)
def act(
    counter_code: str,
    ticket_id: str,
    action: m.TicketAction,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.CounterTicket:
    request = {"ticket": ticket_id, "action": action.value}
    return _click(
        ctx,
        terminal,
        counter_code,
        key,
        request,
        lambda s, w: counters.act(s, ctx, w, ticket_id, action),
    )


@router.put("/{counter_code}/pad", response_model=m.PadView, responses=PROBLEMS)
def pair_pad(counter_code: str, ctx: ContextDep, terminal: TerminalDep) -> m.PadView:
    """A rating-pad terminal pairs itself with this window."""
    return counters.pair_pad(ctx, terminal, counter_code)


@router.get("/{counter_code}/pad", response_model=m.PadView, responses=PROBLEMS)
def pad_view(counter_code: str, ctx: ContextDep, terminal: TerminalDep) -> m.PadView:
    """What the window's pad shows: who serves, and the service to rate."""
    return counters.pad_view(ctx, terminal, counter_code)


windows_router = APIRouter(tags=["counters"])


@windows_router.get("/windows", response_model=list[m.WindowStatus], responses=problems(401))
def windows(ctx: ContextDep, _t: TerminalDep) -> list[m.WindowStatus]:
    """Every window as the hall's screens show it: state, pause reason, number served, clerk."""
    return counters.window_statuses(ctx)
