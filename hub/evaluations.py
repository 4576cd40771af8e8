"""好差评: one rating per service event (a served ticket or a case), reasons for bad ratings.

A case is named either by the hub's id (staff and the terminal that created it) or by what its
printed receipt's QR carries (case number + check character + the receipt's random code):
holding the receipt is the proof. Case numbers are sequential, so the number alone proves
nothing: a wrong or missing code, or a case stored without one (counter-created, older
terminals), is answered exactly like an unknown number. The answer shows no more than the item
name and the number.

The hub never creates a rating on its own: only an explicit request from the citizen's terminal
stores one, and a second one for the same event is refused.
"""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from contract import payloads
from hub import audit, follow_ups
from hub.cases import item_name_en, receipt_code_hash
from hub.context import HubContext
from hub.db import CaseRow, CatalogItemRow, EvaluationRow, Terminal, Ticket
from hub.problems import HubProblem
from hub.reports import rollup

BAD = (m.Rating.UNSATISFIED, m.Rating.VERY_UNSATISFIED)


def _already() -> HubProblem:
    return HubProblem(
        409,
        m.ProblemCode.ALREADY_EVALUATED,
        "Already evaluated",
        "您已评价过本次服务，感谢您的反馈。",
    )


def _check_reasons(rating: m.Rating, reasons: list[m.BadReason]) -> None:
    if rating in BAD and not reasons:
        raise HubProblem(
            422, m.ProblemCode.REASONS_REQUIRED, "Bad rating needs reasons", "请选择不满意的原因。"
        )
    if rating not in BAD and reasons:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Reasons are only for bad ratings",
            "只有不满意的评价需要选择原因。",
        )


def _evaluated(session: Session, subject_type: m.SubjectType, subject_id: str) -> bool:
    return (
        session.execute(
            select(EvaluationRow.id).where(
                EvaluationRow.subject_type == subject_type.value,
                EvaluationRow.subject_id == subject_id,
            )
        ).first()
        is not None
    )


def _store(
    ctx: HubContext,
    session: Session,
    terminal: Terminal,
    subject_type: m.SubjectType,
    subject_id: str,
    counter_code: str | None,
    request: m.EvaluationCreate | m.CaseReceiptEvaluation,
    staff_no: str | None = None,
) -> EvaluationRow:
    if _evaluated(session, subject_type, subject_id):
        raise _already()
    row = EvaluationRow(
        subject_type=subject_type.value,
        subject_id=subject_id,
        level=int(request.rating),
        reasons=[r.value for r in request.reasons],
        comment=request.comment,
        channel=request.channel,
        terminal_id=terminal.terminal_id,
        counter_code=counter_code,
        staff_no=staff_no,
        created_at=ctx.now(),
    )
    session.add(row)
    session.flush()
    if follow_ups.is_bad(row.level):
        follow_ups.start(ctx, session, row)
    attested = {
        "evaluation_id": row.id,
        "subject_type": row.subject_type,
        "subject_id": row.subject_id,
        "level": row.level,
        "reasons": row.reasons,
        "channel": row.channel,
        "terminal_id": row.terminal_id,
        "counter_code": row.counter_code,
        "staff_no": row.staff_no,
        "comment_hash": hashlib.sha256(row.comment.encode()).hexdigest(),  # it may name someone
    }
    audit.append(session, m.AuditKind.RATING, str(row.id), attested, at=row.created_at)
    return row


def create(
    ctx: HubContext, terminal: Terminal, request: m.EvaluationCreate
) -> m.EvaluationRecorded:
    _check_reasons(request.rating, request.reasons)
    try:
        with ctx.transaction() as session:
            counter_code = staff_no = None
            if request.subject_type is m.SubjectType.TICKET:
                ticket = session.get(Ticket, request.subject_id)
                if ticket is None or ticket.state != m.TicketState.DONE.value:
                    raise HubProblem(
                        409,
                        m.ProblemCode.INVALID_TRANSITION,
                        "Only a finished service can be rated",
                        "服务结束后才能评价。",
                    )
                counter_code, staff_no = ticket.counter_code, ticket.staff_no  # who served
                if ticket.service_date < ctx.today():  # its day's kept report figures change
                    rollup.forget_day(session, ticket.service_date)
            elif session.get(CaseRow, request.subject_id) is None:
                raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown case", "未找到该办件。")
            row = _store(
                ctx,
                session,
                terminal,
                request.subject_type,
                request.subject_id,
                counter_code,
                request,
                staff_no,
            )
            return m.EvaluationRecorded(
                evaluation_id=row.id,
                subject_type=request.subject_type,
                subject_id=request.subject_id,
                rating=request.rating,
                created_at=row.created_at,
            )
    except IntegrityError:
        raise _already() from None


# -- a case named by its printed receipt ---------------------------------------------------


def _receipt_case(session: Session, ref: m.CaseReceiptRef) -> CaseRow:
    """The case a receipt's QR names: the check character first (a garbled number is told
    apart from an unknown one), then the number and the receipt code together (one answer
    for both, so a guess learns nothing)."""
    if payloads.check_character(ref.case_number) != ref.check:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Case number and check character do not agree",
            "办件编号有误，请核对回执上的编号。",
        )
    row = session.execute(
        select(CaseRow).where(CaseRow.case_number == ref.case_number)
    ).scalar_one_or_none()
    if row is None or not _code_matches(row, ref.code):
        raise HubProblem(
            404, m.ProblemCode.NOT_FOUND, "Unknown case number", "未找到该办件，请核对回执。"
        )
    return row


def _code_matches(row: CaseRow, code: str | None) -> bool:
    expected = row.receipt_code_hash
    if not expected or not code:
        return False
    return hmac.compare_digest(expected, receipt_code_hash(row.case_id, code))


def case_to_rate(ctx: HubContext, ref: m.CaseReceiptRef) -> m.CaseToRate:
    """What a rating screen may show before the citizen rates: item name and number only."""
    with ctx.sessions() as session:
        row = _receipt_case(session, ref)
        return m.CaseToRate(
            case_number=row.case_number,
            item_name=_item_name(session, row.item_code),
            item_name_en=item_name_en(session, row.item_code),
            evaluated=_evaluated(session, m.SubjectType.CASE, row.case_id),
        )


def create_for_receipt(
    ctx: HubContext, terminal: Terminal, request: m.CaseReceiptEvaluation
) -> m.EvaluationRecorded:
    """Rate a case named by its receipt; stored under the case like a rating made right after
    its journey, so either way a case is rated once."""
    _check_reasons(request.rating, request.reasons)
    try:
        with ctx.transaction() as session:
            case = _receipt_case(session, request.receipt)
            row = _store(ctx, session, terminal, m.SubjectType.CASE, case.case_id, None, request)
            return m.EvaluationRecorded(
                evaluation_id=row.id,
                subject_type=m.SubjectType.CASE,
                subject_id=case.case_number,  # the receipt's holder gets no internal id
                rating=request.rating,
                created_at=row.created_at,
            )
    except IntegrityError:
        raise _already() from None


def _item_name(session: Session, code: str) -> str:
    item = session.get(CatalogItemRow, code)
    return item.name if item else code
