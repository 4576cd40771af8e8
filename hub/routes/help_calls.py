"""Calls for help (求助): kiosks call, read and close their own calls; counter terminals of the
same site list and answer them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from contract import models as m
from hub import help_calls
from hub.auth import ContextDep, CounterDep, TerminalDep
from hub.routes import problems

router = APIRouter(prefix="/help-calls", tags=["help-calls"])
CallId = Annotated[int, Path(ge=1, le=m.MAX_INT)]


@router.post(
    "",
    status_code=201,
    response_model=m.HelpCall,
    responses={
        200: {"description": "The terminal's call still open (asked again)", "model": m.HelpCall},
        **problems(401, 403, 422),
    },
)
def call_for_help(
    body: m.HelpCallCreate, ctx: ContextDep, terminal: TerminalDep, response: Response
) -> m.HelpCall:
    """Tell the site's windows that a citizen at this kiosk needs help (201); while this
    terminal's call is open, asking again answers that call (200)."""
    answer, made = help_calls.call(ctx, terminal, body)
    if not made:
        response.status_code = 200
    return answer


@router.get("", response_model=list[m.HelpCall], responses=problems(401, 403, 422))
def list_calls(
    ctx: ContextDep,
    terminal: CounterDep,
    state: m.HelpCallState = m.HelpCallState.OPEN,
    limit: Annotated[int, Query(ge=1, le=m.MAX_HELP_CALLS)] = 50,
) -> list[m.HelpCall]:
    """The calls of this counter terminal's site: open ones oldest first, answered and closed
    ones newest first. An open call nobody answered within the hub's time
    (``HubSettings.help_call_minutes``, 15 by default) is listed as closed."""
    return help_calls.site_calls(ctx, terminal, state, limit)


@router.get("/{call_id}", response_model=m.HelpCall, responses=problems(401, 403, 404, 422))
def own_call(call_id: CallId, ctx: ContextDep, terminal: TerminalDep) -> m.HelpCall:
    """This kiosk's call as it stands: once a window answered, ``answered_by_name`` says which
    window's staff are coming ("3号窗口"); an open call nobody answered within the hub's time
    reads as closed. Only the kiosk that called reads it: another terminal's call is 404, as if
    unknown (a kiosk learns nothing of its neighbours); counter, display and rating-pad
    terminals are 403 (windows read their site's list)."""
    return help_calls.own_call(ctx, terminal, call_id)


@router.post("/{call_id}/close", response_model=m.HelpCall, responses=problems(401, 403, 404, 422))
def close(call_id: CallId, ctx: ContextDep, terminal: TerminalDep) -> m.HelpCall:
    """This kiosk needs the help no more (its citizen's session ended): an open call is closed
    (``help.closed``) and drops off the windows' lists. Safe to repeat: a call already closed,
    or answered (a window is on its way), stays as it is and is answered 200 as it stands.
    Only the kiosk that called closes it: another terminal's call is 404, other terminals
    are 403."""
    return help_calls.close(ctx, terminal, call_id)


@router.post(
    "/{call_id}/answer",
    response_model=m.HelpCall,
    responses=problems(401, 403, 404, 409, 422),
)
def answer(
    call_id: CallId, body: m.HelpCallAnswer, ctx: ContextDep, terminal: CounterDep
) -> m.HelpCall:
    """A window signed in at this terminal goes to help; a call already answered is refused
    (409 ``help_call_answered``, naming the window that went), and so is one that ended
    unanswered (409 ``help_call_closed``: the citizen left, or it waited too long)."""
    return help_calls.answer(ctx, terminal, call_id, body)
