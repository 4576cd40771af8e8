"""The hall's event stream (server-sent events): displays, window screens and phone pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import StreamingResponse

from contract.models import ProblemCode
from hub import events
from hub.auth import ContextDep, TerminalDep
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(tags=["events"])


@router.get(
    "/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "text/event-stream: see docs/events.md for the types and their data",
            "content": {"text/event-stream": {"schema": {"type": "string"}}},
        },
        **problems(401, 422),
    },
)
def event_stream(
    ctx: ContextDep,
    _terminal: TerminalDep,
    last_event_id: Annotated[str | None, Header(max_length=20)] = None,
) -> StreamingResponse:
    """Every ticket, window and queue event from now on, or after ``Last-Event-ID``."""
    last = None
    if last_event_id is not None:
        if not last_event_id.isdigit():
            raise HubProblem(
                422, ProblemCode.VALIDATION_FAILED, "Last-Event-ID is an event id", "参数有误。"
            )
        last = int(last_event_id)
    return StreamingResponse(
        events.stream(ctx, last),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )
