"""The acceptance workbench at a window (counter terminals only): open, review, decide, lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Path, Response

from contract import models as m
from hub import acceptance
from hub.auth import ContextDep, CounterDep
from hub.routes import problems

router = APIRouter(prefix="/counters/{counter_code}", tags=["acceptance"])
PROBLEMS = problems(401, 403, 404, 409, 422)
CaseNumber = Annotated[str, Path(max_length=32)]
CaseId = Annotated[str, Path(max_length=32)]
KeyHeader = Annotated[str | None, Header(alias="Idempotency-Key", max_length=64)]


@router.post("/cases/{case_number}/open", response_model=m.CaseAtWindow, responses=PROBLEMS)
def open_case(
    counter_code: str,
    case_number: CaseNumber,
    body: m.OpenCase,
    ctx: ContextDep,
    terminal: CounterDep,
) -> m.CaseAtWindow:
    """The case for this window's clerk, held for them while it waits for a decision."""
    return acceptance.open_case(ctx, terminal, counter_code, case_number, body)


@router.put("/cases/{case_id}/review", response_model=m.CaseAtWindow, responses=PROBLEMS)
def review(
    counter_code: str,
    case_id: CaseId,
    body: list[m.MaterialReview],
    ctx: ContextDep,
    terminal: CounterDep,
) -> m.CaseAtWindow:
    """Each material 合格 or 不合格 (with a reason)."""
    return acceptance.review(ctx, terminal, counter_code, case_id, body)


@router.post(
    "/cases/{case_id}/decision",
    response_model=m.DecisionMade,
    responses=problems(401, 403, 404, 409, 422, 428),
)
def decide(
    counter_code: str,
    case_id: CaseId,
    body: m.CaseDecision,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.DecisionMade:
    """受理, 补正 or 不予受理, recorded with the clerk and the window; answers with the notice."""
    return acceptance.decide(ctx, terminal, counter_code, case_id, body, key)


@router.post(
    "/cases/{case_id}/progress",
    response_model=m.CaseAtWindow,
    responses=problems(401, 403, 404, 409, 422, 428),
)
def progress(
    counter_code: str,
    case_id: CaseId,
    body: m.CaseProgress,
    ctx: ContextDep,
    terminal: CounterDep,
    key: KeyHeader = None,
) -> m.CaseAtWindow:
    """办理, 特别程序, 办结 and 送达 after acceptance, recorded with the clerk and the window."""
    return acceptance.progress(ctx, terminal, counter_code, case_id, body, key)


@router.get(
    "/cases/{case_id}/materials/{material_code}",
    responses={200: {"content": {"application/pdf": {}}}, **PROBLEMS},
    response_class=Response,
)
def material(
    counter_code: str,
    case_id: CaseId,
    material_code: Annotated[str, Path(max_length=64)],
    ctx: ContextDep,
    terminal: CounterDep,
) -> Response:
    """A material's pages as captured at the kiosk or community point (its PDF)."""
    content, media_type = acceptance.material_content(
        ctx, terminal, counter_code, case_id, material_code
    )
    return Response(content, media_type=media_type, headers={"Cache-Control": "no-store"})


@router.get("/my-cases", response_model=list[m.CaseLine], responses=PROBLEMS)
def my_cases(counter_code: str, ctx: ContextDep, terminal: CounterDep) -> list[m.CaseLine]:
    """The signed-in clerk's accepted cases not yet delivered, the overdue ones first."""
    return acceptance.my_cases(ctx, terminal, counter_code)


@router.get("/prereview", response_model=list[m.CaseLine], responses=PROBLEMS)
def prereview(counter_code: str, ctx: ContextDep, terminal: CounterDep) -> list[m.CaseLine]:
    """预审: remote channels' cases waiting for a decision, oldest first."""
    return acceptance.prereview(ctx, terminal, counter_code)
