"""Cases: create (Idempotency-Key), upload materials, staff transitions, lookup by proof."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.concurrency import run_in_threadpool

from contract import models as m
from hub import acceptance, case_flow, case_upload, cases
from hub.auth import ContextDep, CounterDep, TerminalDep
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(prefix="/cases", tags=["cases"])
PROBLEMS = problems(401, 403, 404, 409, 413, 422, 428, 429)


@router.post("", status_code=201, response_model=m.CaseReceipt, responses=PROBLEMS)
def create_case(
    body: m.CaseCreate,
    ctx: ContextDep,
    terminal: TerminalDep,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> m.CaseReceipt:
    return cases.create(ctx, terminal, body, idempotency_key)


@router.post(
    "/with-materials",
    status_code=201,
    response_model=m.CaseReceipt,
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422, 428, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": (
                "The case and every material it declares, in one request and one commit. The"
                f" first part, named `{m.CASE_PART}`, is the CaseCreate JSON; each"
                " later part is one declared material, named by its code, matching its declared"
                " size and SHA-256. The same Idempotency-Key and case as an earlier create (in"
                " either form) answer with that case."
            ),
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": [m.CASE_PART],
                        "properties": {m.CASE_PART: {"$ref": "#/components/schemas/CaseCreate"}},
                        "additionalProperties": {"type": "string", "format": "binary"},
                    },
                    "encoding": {m.CASE_PART: {"contentType": "application/json"}},
                }
            },
        }
    },
)
async def create_case_with_materials(
    request: Request,
    ctx: ContextDep,
    terminal: TerminalDep,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> m.CaseReceipt:
    """Create a case with its materials in one request (``create_case`` then one
    ``upload_material`` per material, in one round trip and one commit)."""
    key = cases.require_key(idempotency_key)
    upload = await case_upload.read(request, ctx.settings)
    return await run_in_threadpool(cases.create, ctx, terminal, upload.case, key, upload.contents)


@router.put(
    "/{case_id}/materials/{code}",
    response_model=m.CaseReceipt,
    responses=PROBLEMS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload_material(
    case_id: str, code: str, request: Request, ctx: ContextDep, terminal: TerminalDep
) -> m.CaseReceipt:
    limit = ctx.settings.max_material_bytes
    too_large = HubProblem(
        413,
        m.ProblemCode.MATERIAL_TOO_LARGE,
        f"Material exceeds {limit} bytes",
        "文件过大，请压缩后重新上传。",
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise too_large
    return await run_in_threadpool(
        case_flow.upload_material, ctx, terminal, case_id, code, bytes(body)
    )


@router.post("/lookup", response_model=m.CaseStatus, responses=PROBLEMS)
def lookup(body: m.CaseLookup, ctx: ContextDep, terminal: TerminalDep) -> m.CaseStatus:
    return case_flow.lookup(ctx, body, terminal.terminal_id)


@router.post("/by-applicant", response_model=list[m.CaseStatus], responses=PROBLEMS)
def by_applicant(
    body: m.ApplicantCases, ctx: ContextDep, _terminal: TerminalDep
) -> list[m.CaseStatus]:
    return case_flow.applicant_cases(ctx, body)


@router.get("/returned", response_model=list[m.ReturnedCase], responses=PROBLEMS)
def returned(ctx: ContextDep, terminal: TerminalDep) -> list[m.ReturnedCase]:
    """This terminal's cases a window sent back (补正, 不予受理), with their notices: the
    community point's shift list."""
    return acceptance.returned_cases(ctx, terminal)


@router.get("/{case_id}", response_model=m.CaseDetail, responses=PROBLEMS)
def get_case(case_id: str, ctx: ContextDep, terminal: TerminalDep) -> m.CaseDetail:
    with ctx.sessions() as session:
        row = cases.get_case(session, case_id)
        if row.terminal_id != terminal.terminal_id and terminal.mode != m.TerminalMode.COUNTER:
            raise HubProblem(403, m.ProblemCode.FORBIDDEN, "Not this terminal's case")
        return cases.detail(session, row)


@router.post("/{case_id}/transitions", response_model=m.CaseDetail, responses=PROBLEMS)
def transition(
    case_id: str, body: m.CaseTransition, ctx: ContextDep, terminal: CounterDep
) -> m.CaseDetail:
    return case_flow.transition(ctx, case_id, body, terminal)
