"""Staff views (counter terminals): bad ratings to follow up, queue statistics, clerks' photos."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from contract import models as m
from hub import clerks, evaluations, stats
from hub.auth import ContextDep, CounterDep, TerminalDep
from hub.routes import problems

router = APIRouter(tags=["staff"])
PROBLEMS = problems(401, 403, 404, 409, 422)


@router.get("/evaluations/bad", response_model=list[m.BadEvaluation], responses=PROBLEMS)
def bad_ratings(
    ctx: ContextDep, _t: CounterDep, open_only: Annotated[bool, Query(alias="open")] = True
) -> list[m.BadEvaluation]:
    return evaluations.bad_ratings(ctx, open_only=open_only)


@router.post(
    "/evaluations/{evaluation_id}/follow-up", response_model=m.BadEvaluation, responses=PROBLEMS
)
def follow_up(
    evaluation_id: Annotated[int, Path(ge=1, le=m.MAX_INT)],
    body: m.FollowUp,
    ctx: ContextDep,
    _t: CounterDep,
) -> m.BadEvaluation:
    return evaluations.follow_up(ctx, evaluation_id, body)


@router.get("/stats/tickets", response_model=list[m.CategoryStats], responses=PROBLEMS)
def ticket_stats(
    ctx: ContextDep, _t: CounterDep, service_date: date | None = None
) -> list[m.CategoryStats]:
    return stats.ticket_stats(ctx, service_date or ctx.today())


@router.get(
    "/staff/{staff_no}/photo",
    responses={200: {"content": {"image/*": {}}}, **PROBLEMS},
    response_class=Response,
)
def clerk_photo(staff_no: str, ctx: ContextDep, _t: TerminalDep) -> Response:
    """A clerk's photo, for the window's screen and rating pad (any terminal of the hall)."""
    data = clerks.photo(ctx, staff_no)
    media = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return Response(data, media_type=media, headers={"Cache-Control": "max-age=300"})
