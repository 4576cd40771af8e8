"""Complaints and suggestions (投诉建议): kiosks post them, anyone holding a reference reads its
status, the 12345 platform tells the hub when it replied or closed one (signed)."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response
from fastapi.security import APIKeyHeader
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from contract import models as m
from contract.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from hub import complaints
from hub.auth import ContextDep, TerminalDep
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(prefix="/complaints", tags=["complaints"])
# Declared as a security scheme: the platform's updates are signed, not sent with a token.
WEBHOOK_SIGNATURE = APIKeyHeader(
    name=SIGNATURE_HEADER,
    scheme_name="webhookSignature",
    auto_error=False,
    description="HMAC-SHA256 of the timestamp and body with the complaints webhook's secret.",
)
Reference = Annotated[str, Path(min_length=1, max_length=32)]


@router.post(
    "",
    status_code=201,
    response_model=m.ComplaintReceipt,
    responses={
        200: {"description": "The complaint this key made before", "model": m.ComplaintReceipt},
        **problems(401, 403, 409, 422, 428),
    },
)
def create_complaint(
    body: m.ComplaintCreate,
    ctx: ContextDep,
    terminal: TerminalDep,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=64)] = None,
) -> m.ComplaintReceipt:
    """A complaint or suggestion from a hall or community kiosk: its reference number (201);
    the same Idempotency-Key and body again answer with the first (200). A phone number needs
    ``phone_consent``; it is given to the 12345 platform and then erased here."""
    receipt, made = complaints.create(ctx, terminal, body, idempotency_key)
    if not made:
        response.status_code = 200
    return receipt


@router.get("/{reference}", response_model=m.ComplaintStatus, responses=problems(401, 404))
def complaint_status(reference: Reference, ctx: ContextDep, _t: TerminalDep) -> m.ComplaintStatus:
    """Where a complaint stands (进度查询 by its reference): received (waiting to be
    forwarded), forwarded, replied or closed. No text and no phone number."""
    return complaints.status(ctx, reference)


@router.post(
    "/platform-updates",
    response_model=m.ComplaintStatus,
    responses=problems(401, 404, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/ComplaintPlatformUpdate"}
                }
            },
        },
    },
)
async def platform_update(
    request: Request,
    ctx: ContextDep,
    signature: Annotated[str | None, Depends(WEBHOOK_SIGNATURE)],
    timestamp: Annotated[str | None, Header(alias=TIMESTAMP_HEADER, max_length=20)] = None,
) -> m.ComplaintStatus:
    """The 12345 platform replied to the citizen or closed the complaint. Signed as the
    hub's webhook is: ``X-Yimen-Signature: sha256=<hex>``, the HMAC-SHA256 of
    ``<X-Yimen-Timestamp>.<body>`` with the shared secret, within five minutes."""
    body = await request.body()
    secret = ctx.settings.complaints_webhook_secret
    if not secret or not verify(secret, timestamp, signature, body, time.time()):
        raise HubProblem(401, m.ProblemCode.UNAUTHORIZED, "Bad or missing webhook signature")
    try:
        update = m.ComplaintPlatformUpdate.model_validate_json(body)
    except ValidationError as exc:
        raise HubProblem(
            422, m.ProblemCode.VALIDATION_FAILED, f"Not a platform update ({exc.error_count()})"
        ) from None
    return await run_in_threadpool(complaints.platform_update, ctx, update)
