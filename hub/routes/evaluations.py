"""好差评 evaluations."""

from __future__ import annotations

from fastapi import APIRouter

from hub import evaluations
from hub.auth import ContextDep, TerminalDep
from hub.routes import problems
from kiosk.api import models as m

router = APIRouter(tags=["evaluations"])


@router.post(
    "/evaluations",
    status_code=201,
    response_model=m.EvaluationRecorded,
    responses=problems(401, 404, 409, 422),
)
def create(
    body: m.EvaluationCreate, ctx: ContextDep, terminal: TerminalDep
) -> m.EvaluationRecorded:
    return evaluations.create(ctx, terminal, body)
