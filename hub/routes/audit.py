"""The audit chain's signed heads, for a third party (the notary) to fetch and keep: public,
as they hold hashes only (hub.audit_notary)."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from contract import models as m
from hub import audit_notary
from hub.auth import ContextDep
from hub.problems import HubProblem
from hub.routes import problems

router = APIRouter(prefix="/audit", tags=["audit"])


def _none_signed() -> HubProblem:
    return HubProblem(404, m.ProblemCode.NOT_FOUND, "No signed head", "没有该日的签名记录。")


@router.get("/head", response_model=m.SignedHead, responses=problems(404))
def latest_head(ctx: ContextDep) -> m.SignedHead:
    """The latest head the hub signed (once a day)."""
    signed = audit_notary.latest_head(ctx)
    if signed is None:
        raise _none_signed()
    return signed


@router.get("/heads/{day}", response_model=m.SignedHead, responses=problems(404, 422))
def head_of(day: date, ctx: ContextDep) -> m.SignedHead:
    """The head the hub signed on ``day`` (YYYY-MM-DD)."""
    signed = audit_notary.head_of(ctx, day)
    if signed is None:
        raise _none_signed()
    return signed
