"""好差评 evaluations."""

from __future__ import annotations

from fastapi import APIRouter

from contract import models as m
from hub import evaluations
from hub.auth import ContextDep, TerminalDep
from hub.routes import problems

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


@router.post(
    "/evaluations/case-receipt/check",
    response_model=m.CaseToRate,
    responses=problems(401, 404, 422),
)
def case_to_rate(body: m.CaseReceiptRef, ctx: ContextDep, _terminal: TerminalDep) -> m.CaseToRate:
    """What a rating screen may show of the case a receipt names, and whether it is rated."""
    return evaluations.case_to_rate(ctx, body)


@router.post(
    "/evaluations/case-receipt",
    status_code=201,
    response_model=m.EvaluationRecorded,
    responses=problems(401, 404, 409, 422),
)
def create_for_receipt(
    body: m.CaseReceiptEvaluation, ctx: ContextDep, terminal: TerminalDep
) -> m.EvaluationRecorded:
    """Rate a case named by its printed receipt (case number, check character and the
    receipt's code; a wrong or missing code is answered like an unknown number)."""
    return evaluations.create_for_receipt(ctx, terminal, body)
