"""信用查询: a citizen's own record at a kiosk, any subject's or a case applicant's at a window.
Subjects travel in request bodies (never paths, which access logs keep)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from contract import models as m
from hub.auth import ContextDep, CounterDep, TerminalDep
from hub.credit import lookup
from hub.credit.providers import CreditProvider, provider_for
from hub.routes import problems

router = APIRouter(tags=["credit"])
PROBLEMS = problems(401, 403, 404, 409, 422, 503)


def _provider(request: Request, ctx: ContextDep) -> CreditProvider:
    """One provider per app, built at first use (a platform adapter may hold a connection)."""
    provider: CreditProvider | None = getattr(request.app.state, "credit_provider", None)
    if provider is None:
        provider = request.app.state.credit_provider = provider_for(ctx)
    return provider


ProviderDep = Annotated[CreditProvider, Depends(_provider)]


@router.post("/credit/self", response_model=m.CreditRecord, responses=PROBLEMS)
def own_record(
    body: m.CreditSelfQuery, ctx: ContextDep, terminal: TerminalDep, provider: ProviderDep
) -> m.CreditRecord:
    """The citizen's own record at a hall or community kiosk: the ID number read from their
    card or e-ID code (a typed number is refused: 403)."""
    return lookup.of_citizen_at_kiosk(ctx, provider, terminal, body)


@router.post("/counters/{counter_code}/credit", response_model=m.CreditRecord, responses=PROBLEMS)
def at_window(
    counter_code: Annotated[str, Path(max_length=64)],
    body: m.CreditSubject,
    ctx: ContextDep,
    terminal: CounterDep,
    provider: ProviderDep,
) -> m.CreditRecord:
    """A person's or a company's record, for the clerk signed in at this window."""
    return lookup.at_window(ctx, provider, terminal, counter_code, body)


@router.get(
    "/counters/{counter_code}/cases/{case_id}/credit",
    response_model=m.CreditRecord,
    responses=PROBLEMS,
)
def case_applicant(
    counter_code: Annotated[str, Path(max_length=64)],
    case_id: Annotated[str, Path(max_length=32)],
    ctx: ContextDep,
    terminal: CounterDep,
    provider: ProviderDep,
) -> m.CreditRecord:
    """The record of a case's applicant, for the clerk signed in at this window."""
    return lookup.of_case_applicant(ctx, provider, terminal, counter_code, case_id)
