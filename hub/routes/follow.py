"""The citizen's phone pages, outside the versioned API: a queue ticket's QR opens ``/q/{id}``
(live over ``/q/{id}/live``), a case receipt's QR opens ``/c/{case}:{check}:{code}``.

Public on purpose (see ``hub.phone``): the ticket's random id, or the receipt's code, is the
capability, and the pages show no personal data beyond a masked name.
"""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import HTMLResponse, StreamingResponse

from contract import models as m
from contract import payloads
from hub import case_flow, phone
from hub.auth import ContextDep
from hub.phone_html import case_document, language, missing_document, ticket_document
from hub.problems import HubProblem

router = APIRouter(include_in_schema=False)

LangQuery = Annotated[str | None, Query(max_length=5)]
AcceptLanguage = Annotated[str | None, Header(max_length=200)]
NO_STORE = {"Cache-Control": "no-store"}
PHONE_TERMINAL = "phone-pages"  # who asks, for the case lookup's records


@router.get("/q/{ticket_id}", response_class=HTMLResponse)
async def ticket_page(
    ticket_id: str, ctx: ContextDep, lang: LangQuery = None, accept_language: AcceptLanguage = None
) -> HTMLResponse:
    chosen = language(lang, accept_language)
    page = await asyncio.get_running_loop().run_in_executor(None, phone.load_ticket, ctx, ticket_id)
    if page is None:
        html = missing_document("not_found", chosen)
        return HTMLResponse(html, status_code=404, headers=NO_STORE)
    return HTMLResponse(ticket_document(page, chosen), headers=NO_STORE)


@router.get("/q/{ticket_id}/live", response_class=StreamingResponse)
def ticket_live(
    ticket_id: str, ctx: ContextDep, lang: LangQuery = None, accept_language: AcceptLanguage = None
) -> StreamingResponse:
    """The ticket as server-sent events: now, then after every change (see ``hub.phone``)."""
    return StreamingResponse(
        phone.follow(ctx, ticket_id, language(lang, accept_language)),
        media_type="text/event-stream",
        headers={**NO_STORE, "X-Accel-Buffering": "no"},
    )


@router.get("/c/{reference}", response_class=HTMLResponse)
async def case_page(
    reference: str, ctx: ContextDep, lang: LangQuery = None, accept_language: AcceptLanguage = None
) -> HTMLResponse:
    """A case's progress from its receipt's QR: shown only with the receipt's code."""
    chosen = language(lang, accept_language)
    found = payloads.case_reference(reference)
    if found is None:
        return HTMLResponse(
            missing_document("case_missing", chosen), status_code=404, headers=NO_STORE
        )
    case_number, receipt_code = found
    query = m.CaseLookup(case_number=case_number, receipt_code=receipt_code)
    try:
        status = await asyncio.get_running_loop().run_in_executor(
            None, case_flow.lookup, ctx, query, PHONE_TERMINAL
        )
    except HubProblem:  # an unknown case and a wrong code get the same page
        return HTMLResponse(
            missing_document("case_missing", chosen), status_code=404, headers=NO_STORE
        )
    return HTMLResponse(case_document(status, chosen, ctx.tz), headers=NO_STORE)
