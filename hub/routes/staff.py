"""Staff views (counter terminals): bad ratings to follow up, queue statistics, clerks' photos."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from contract import models as m
from hub import clerks, follow_ups, stats
from hub.auth import ContextDep, CounterDep, TerminalDep, require_admin
from hub.routes import problems

router = APIRouter(tags=["staff"])
PROBLEMS = problems(401, 403, 404, 409, 422)


@router.get("/evaluations/bad", response_model=list[m.BadEvaluation], responses=PROBLEMS)
def bad_ratings(
    ctx: ContextDep, _t: CounterDep, open_only: Annotated[bool, Query(alias="open")] = True
) -> list[m.BadEvaluation]:
    """Bad ratings with their follow-up (差评整改), oldest first; ``open``: those under way."""
    return follow_ups.bad_ratings(ctx, open_only=open_only)


EvaluationId = Annotated[int, Path(ge=1, le=m.MAX_INT)]


@router.post(
    "/evaluations/{evaluation_id}/follow-up", response_model=m.BadEvaluation, responses=PROBLEMS
)
def follow_up(
    evaluation_id: EvaluationId, body: m.FollowUp, ctx: ContextDep, terminal: CounterDep
) -> m.BadEvaluation:
    """The answer (答复) at once, whatever steps were recorded before (the first version's
    single follow-up); ``/follow-up/steps`` records each step."""
    return follow_ups.answer_at_once(ctx, terminal, evaluation_id, body.text)


@router.post(
    "/evaluations/{evaluation_id}/follow-up/steps",
    response_model=m.BadEvaluation,
    responses=PROBLEMS,
)
def follow_up_step(
    evaluation_id: EvaluationId, body: m.FollowUpAction, ctx: ContextDep, terminal: CounterDep
) -> m.BadEvaluation:
    """回访, 整改, 答复 (in that order) or 申诉, by the clerk signed in at ``counter_code``."""
    return follow_ups.record(ctx, terminal, evaluation_id, body)


@router.post(
    "/evaluations/{evaluation_id}/appeal-decision",
    response_model=m.BadEvaluation,
    responses=PROBLEMS,
    dependencies=[Depends(require_admin)],
)
def appeal_decision(
    evaluation_id: EvaluationId, body: m.AppealDecision, ctx: ContextDep
) -> m.BadEvaluation:
    """A manager upholds an appeal (the rating no longer counts) or dismisses it."""
    return follow_ups.decide(ctx, evaluation_id, body)


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
