"""好差评: one rating per service event (a served ticket or a case), reasons for bad ratings.

The hub never creates a rating on its own: only an explicit request from the citizen's terminal
stores one, and a second one for the same event is refused.
"""

from __future__ import annotations

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
            if (
                session.query(EvaluationRow)
                .filter_by(subject_type=request.subject_type.value, subject_id=request.subject_id)
                .first()
            ):
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
