"""Identity codes: the public key, issue (admin: demo and tests), resolve (terminals)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from contract import models as m
from hub import identity
from hub.auth import ContextDep, TerminalDep, require_admin
from hub.routes import problems

router = APIRouter(prefix="/identity-codes", tags=["identity codes"])


@router.get("/public-key", response_model=m.IdentityPublicKey, responses=problems(404))
def public_key(ctx: ContextDep) -> m.IdentityPublicKey:
    return identity.public_key(ctx)


@router.post(
    "",
    status_code=201,
    response_model=m.IdentityCodeIssued,
    responses=problems(401, 403, 422),
    dependencies=[Depends(require_admin)],
)
def issue(body: m.IdentityCodeIssue, ctx: ContextDep) -> m.IdentityCodeIssued:
    return identity.issue(ctx, body)


@router.post("/resolve", response_model=m.IdentityResolved, responses=problems(401, 410, 422))
def resolve(body: m.IdentityResolve, ctx: ContextDep, _t: TerminalDep) -> m.IdentityResolved:
    return identity.resolve(ctx, body)
