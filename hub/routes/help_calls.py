"""Calls for help (求助): kiosks call, counter terminals of the same site list and answer."""

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
    """The calls of this counter terminal's site: open ones oldest first, answered ones newest
    first."""
    return help_calls.site_calls(ctx, terminal, state, limit)


@router.post(
    "/{call_id}/answer",
    response_model=m.HelpCall,
    responses=problems(401, 403, 404, 409, 422),
)
def answer(
    call_id: CallId, body: m.HelpCallAnswer, ctx: ContextDep, terminal: CounterDep
) -> m.HelpCall:
    """A window signed in at this terminal goes to help; a call already answered is refused
    (409 ``help_call_answered``, naming the window that went)."""
    return help_calls.answer(ctx, terminal, call_id, body)
