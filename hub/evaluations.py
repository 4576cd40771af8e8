"""好差评: one rating per service event (a served ticket or a case), reasons for bad ratings.

The hub never creates a rating on its own: only an explicit request from the citizen's terminal
stores one, and a second one for the same event is refused.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hub.context import HubContext
from hub.db import CaseRow, EvaluationRow, Terminal, Ticket
from hub.problems import HubProblem
from kiosk.api import models as m

BAD = (m.Rating.UNSATISFIED, m.Rating.VERY_UNSATISFIED)


def _already() -> HubProblem:
    return HubProblem(
        409,
        m.ProblemCode.ALREADY_EVALUATED,
        "Already evaluated",
        "您已评价过本次服务，感谢您的反馈。",
    )


def create(
    ctx: HubContext, terminal: Terminal, request: m.EvaluationCreate
) -> m.EvaluationRecorded:
    if request.rating in BAD and not request.reasons:
        raise HubProblem(
            422, m.ProblemCode.REASONS_REQUIRED, "Bad rating needs reasons", "请选择不满意的原因。"
        )
    if request.rating not in BAD and request.reasons:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Reasons are only for bad ratings",
            "只有不满意的评价需要选择原因。",
        )
    try:
        with ctx.transaction() as session:
            counter_code = None
            if request.subject_type is m.SubjectType.TICKET:
                ticket = session.get(Ticket, request.subject_id)
                if ticket is None or ticket.state != m.TicketState.DONE.value:
                    raise HubProblem(
                        409,
                        m.ProblemCode.INVALID_TRANSITION,
                        "Only a finished service can be rated",
                        "服务结束后才能评价。",
                    )
                counter_code = ticket.counter_code
            elif session.get(CaseRow, request.subject_id) is None:
                raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown case", "未找到该办件。")
            already = session.execute(
                select(EvaluationRow.id).where(
                    EvaluationRow.subject_type == request.subject_type.value,
                    EvaluationRow.subject_id == request.subject_id,
                )
            ).first()
            if already:
                raise _already()
            row = EvaluationRow(
                subject_type=request.subject_type.value,
                subject_id=request.subject_id,
                level=int(request.rating),
                reasons=[r.value for r in request.reasons],
                comment=request.comment,
                channel=request.channel,
                terminal_id=terminal.terminal_id,
                counter_code=counter_code,
                created_at=ctx.now(),
            )
            session.add(row)
            session.flush()
            return m.EvaluationRecorded(
                evaluation_id=row.id,
                subject_type=request.subject_type,
                subject_id=request.subject_id,
                rating=request.rating,
                created_at=row.created_at,
            )
    except IntegrityError:
        raise _already() from None


def _bad_model(row: EvaluationRow) -> m.BadEvaluation:
    return m.BadEvaluation(
        evaluation_id=row.id,
        subject_type=m.SubjectType(row.subject_type),
        counter_code=row.counter_code,
        rating=m.Rating(row.level),
        reasons=[m.BadReason(r) for r in row.reasons],
        comment=row.comment,
        created_at=row.created_at,
        follow_up=row.follow_up,
        followed_up_at=row.followed_up_at,
    )


def bad_ratings(ctx: HubContext, *, open_only: bool) -> list[m.BadEvaluation]:
    """Bad ratings for staff to follow up (整改), oldest first."""
    with ctx.sessions() as session:
        query = select(EvaluationRow).where(EvaluationRow.level <= max(BAD))
        if open_only:
            query = query.where(EvaluationRow.follow_up.is_(None))
        rows = session.execute(query.order_by(EvaluationRow.created_at, EvaluationRow.id))
        return [_bad_model(r) for r in rows.scalars()]


def follow_up(ctx: HubContext, evaluation_id: int, request: m.FollowUp) -> m.BadEvaluation:
    with ctx.transaction() as session:
        row = session.get(EvaluationRow, evaluation_id)
        if row is None or row.level > max(BAD):
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "No such bad rating", "未找到该差评。")
        if row.follow_up is not None:
            raise HubProblem(
                409, m.ProblemCode.CONFLICT, "Already followed up", "该差评已整改答复。"
            )
        row.follow_up = request.text
        row.followed_up_at = ctx.now()
        return _bad_model(row)
