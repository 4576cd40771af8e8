"""Who may see whose credit record, and the record as answered.

A window (counter terminal) with a clerk signed in looks up any person or company, or the
applicant of a case by the case (the clerk need not see the full ID number for it). A hall or
community kiosk looks up only the citizen in front of it: the number read from their ID or
social security card, or resolved from their e-ID code; a typed number is refused (anyone can
type anyone's number). No subject is logged here or by the routes (numbers travel in bodies,
never in paths).
"""

from __future__ import annotations

import logging

from contract import models as m
from contract.privacy import mask_id
from hub.context import HubContext
from hub.counters import signed_in
from hub.credit.providers import CreditProvider, CreditUnavailable
from hub.db import CaseRow, Terminal
from hub.problems import HubProblem

logger = logging.getLogger(__name__)
P = m.ProblemCode
KIOSK_MODES = frozenset({m.TerminalMode.HALL.value, m.TerminalMode.COMMUNITY.value})


def record(ctx: HubContext, provider: CreditProvider, subject: m.CreditSubject) -> m.CreditRecord:
    """The subject's record as the provider answers it now."""
    try:
        entries = provider.lookup(subject)
    except CreditUnavailable:
        logger.warning("credit provider %s did not answer", provider.name)
        raise HubProblem(
            503,
            P.CREDIT_UNAVAILABLE,
            "The credit system did not answer",
            "信用查询系统暂时无法访问，请稍后再试。",
        ) from None
    return m.CreditRecord(
        kind=subject.kind,
        subject_masked=mask_id(subject.number),
        status=m.CreditRecord.status_of(entries),
        entries=entries,
        checked_at=ctx.now(),
        provider=provider.name,
    )


def at_window(
    ctx: HubContext,
    provider: CreditProvider,
    terminal: Terminal,
    counter_code: str,
    subject: m.CreditSubject,
) -> m.CreditRecord:
    with ctx.reading() as session:
        signed_in(session, ctx, terminal, counter_code)
    return record(ctx, provider, subject)


def of_case_applicant(
    ctx: HubContext, provider: CreditProvider, terminal: Terminal, counter_code: str, case_id: str
) -> m.CreditRecord:
    with ctx.reading() as session:
        signed_in(session, ctx, terminal, counter_code)
        row = session.get(CaseRow, case_id[:32].lower())
        if row is None:
            raise HubProblem(404, P.NOT_FOUND, "Unknown case", "未找到该办件。")
        kind, number = m.CreditSubjectKind.PERSON, row.applicant_id_number
        if row.company_uscc is not None:  # a company applies (the person was its agent)
            kind, number = m.CreditSubjectKind.COMPANY, row.company_uscc
    try:
        subject = m.CreditSubject(kind=kind, number=number)
    except ValueError:  # a passport or an old permit: not in the credit system by this number
        raise HubProblem(
            422,
            P.VALIDATION_FAILED,
            "The applicant's document is not a resident ID card",
            "申请人证件不是居民身份证，请在信用查询系统中人工核查。",
        ) from None
    return record(ctx, provider, subject)


def of_citizen_at_kiosk(
    ctx: HubContext, provider: CreditProvider, terminal: Terminal, query: m.CreditSelfQuery
) -> m.CreditRecord:
    if terminal.mode not in KIOSK_MODES:
        raise HubProblem(403, P.FORBIDDEN, "Hall or community kiosk required")
    if query.identity_source not in m.SELF_LOOKUP_SOURCES:
        raise HubProblem(
            403,
            P.PROOF_REJECTED,
            "Only a number read from the citizen's card or e-ID code",
            "请刷身份证或出示电子证照码，查询本人的信用记录。",
        )
    return record(ctx, provider, query.subject())
