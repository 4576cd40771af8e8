"""The follow-up of a bad rating (差评整改, REFERENCE §6): the department answering for it visits
the citizen (回访), puts right what was wrong (整改) and answers (答复), in that order, within
``HubSettings.follow_up_working_days`` working days of the rating (15 unless the district sets
another). Staff who hold a rating mistaken or malicious appeal (申诉); a manager decides: upheld,
the rating no longer counts; dismissed, the follow-up goes on where it was.

    open --visit--> visited --rectify--> rectified --answer--> answered
    open | visited | rectified --appeal--> appealed --uphold--> voided
                                           appealed --dismiss--> (where it was)

Every step is kept with who did it and when. No rater data is shown (GB/T 39734)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract import models as m
from hub import counters
from hub.context import HubContext
from hub.db import (
    CaseRow,
    CatalogItemRow,
    EvaluationRow,
    FollowUpStepRow,
    StaffRow,
    Terminal,
    Ticket,
)
from hub.problems import HubProblem

F = m.FollowUpState
St = m.FollowUpStep
BAD = (int(m.Rating.UNSATISFIED), int(m.Rating.VERY_UNSATISFIED))
UNDER_WAY = (F.OPEN, F.VISITED, F.RECTIFIED, F.APPEALED)
# A clerk's step: the states it may follow, and the state it leads to.
STEPS = {
    St.VISIT: ((F.OPEN,), F.VISITED),
    St.RECTIFY: ((F.VISITED,), F.RECTIFIED),
    St.ANSWER: ((F.RECTIFIED,), F.ANSWERED),
    St.APPEAL: ((F.OPEN, F.VISITED, F.RECTIFIED), F.APPEALED),
}


def is_bad(level: int) -> bool:
    return level in BAD


def start(ctx: HubContext, session: Session, row: EvaluationRow) -> None:
    """A bad rating was just stored: its follow-up opens, due in working days, assigned to the
    department of the clerk rated, else of the item."""
    row.follow_up_state = F.OPEN.value
    rated_on = row.created_at.astimezone(ctx.tz).date()
    row.follow_up_due = ctx.calendar.add_working_days(rated_on, ctx.settings.follow_up_working_days)
    row.department = _department(session, row)


def _department(session: Session, row: EvaluationRow) -> str:
    if row.staff_no and (clerk := session.get(StaffRow, row.staff_no)) and clerk.department:
        return clerk.department
    kind = Ticket if row.subject_type == m.SubjectType.TICKET.value else CaseRow
    item_code = getattr(session.get(kind, row.subject_id), "item_code", None)
    item = session.get(CatalogItemRow, item_code) if item_code else None
    return item.department if item else ""


def _bad(session: Session, evaluation_id: int) -> EvaluationRow:
    row = session.get(EvaluationRow, evaluation_id, with_for_update=True)
    if row is None or not is_bad(row.level):
        raise HubProblem(404, m.ProblemCode.NOT_FOUND, "No such bad rating", "未找到该差评。")
    return row


def _cannot(row: EvaluationRow, step: m.FollowUpStep) -> HubProblem:
    return HubProblem(
        409,
        m.ProblemCode.INVALID_TRANSITION,
        f"Cannot {step.value} a follow-up that is {row.follow_up_state}",
        "该差评整改当前不能进行这一步（回访、整改、答复须依次进行）。",
    )


def _keep(
    ctx: HubContext, session: Session, row: EvaluationRow, step: St, by: str, note: str
) -> None:
    step_row = FollowUpStepRow(
        evaluation_id=row.id, step=step.value, at=ctx.now(), by=by, note=note
    )
    session.add(step_row)


def record(
    ctx: HubContext, terminal: Terminal, evaluation_id: int, action: m.FollowUpAction
) -> m.BadEvaluation:
    """A clerk's step, from the window they are signed in at."""
    with ctx.transaction() as session:
        window = counters.signed_in(session, ctx, terminal, action.counter_code)
        row = _bad(session, evaluation_id)
        step = St(action.step)
        follows, leads_to = STEPS[step]
        if F(row.follow_up_state or F.OPEN) not in follows:
            raise _cannot(row, step)
        _keep(ctx, session, row, step, window.clerk.staff_no, action.note)
        row.follow_up_state = leads_to.value
        if step is St.ANSWER:
            row.follow_up, row.followed_up_at = action.note, ctx.now()
        session.flush()
        return view(session, row, ctx.today())


def answer_at_once(
    ctx: HubContext, terminal: Terminal, evaluation_id: int, text: str
) -> m.BadEvaluation:
    """The single answer of the first API version (``POST /evaluations/{id}/follow-up``): the
    follow-up is answered whatever steps were kept before."""
    with ctx.transaction() as session:
        row = _bad(session, evaluation_id)
        if F(row.follow_up_state or F.OPEN) not in (F.OPEN, F.VISITED, F.RECTIFIED):
            raise HubProblem(
                409, m.ProblemCode.CONFLICT, "Already followed up", "该差评已整改答复。"
            )
        _keep(ctx, session, row, St.ANSWER, terminal.terminal_id, text)
        row.follow_up_state = F.ANSWERED.value
        row.follow_up, row.followed_up_at = text, ctx.now()
        session.flush()
        return view(session, row, ctx.today())


def decide(ctx: HubContext, evaluation_id: int, decision: m.AppealDecision) -> m.BadEvaluation:
    """A manager's decision on an appeal."""
    with ctx.transaction() as session:
        row = _bad(session, evaluation_id)
        step = St.UPHOLD if decision.upheld else St.DISMISS
        if row.follow_up_state != F.APPEALED.value:
            raise _cannot(row, step)
        _keep(ctx, session, row, step, decision.decided_by, decision.note)
        row.follow_up_state = F.VOIDED.value if decision.upheld else _resumed(session, row).value
        session.flush()
        return view(session, row, ctx.today())


def _resumed(session: Session, row: EvaluationRow) -> m.FollowUpState:
    """Where a dismissed appeal leaves the follow-up: after its last visit or rectification."""
    done = set(
        session.execute(
            select(FollowUpStepRow.step).where(FollowUpStepRow.evaluation_id == row.id)
        ).scalars()
    )
    if St.RECTIFY.value in done:
        return F.RECTIFIED
    return F.VISITED if St.VISIT.value in done else F.OPEN


def view(session: Session, row: EvaluationRow, today: date) -> m.BadEvaluation:
    return _view(row, _steps_of(session, [row.id]).get(row.id, []), today)


def _steps_of(session: Session, ids: list[int]) -> dict[int, list[FollowUpStepRow]]:
    """Who did what for each of these ratings, in order: one query for them all."""
    steps: dict[int, list[FollowUpStepRow]] = {}
    rows = session.execute(
        select(FollowUpStepRow)
        .where(FollowUpStepRow.evaluation_id.in_(ids))
        .order_by(FollowUpStepRow.at, FollowUpStepRow.id)
    ).scalars()
    for step in rows:
        steps.setdefault(step.evaluation_id, []).append(step)
    return steps


def _view(row: EvaluationRow, steps: list[FollowUpStepRow], today: date) -> m.BadEvaluation:
    state = F(row.follow_up_state or F.OPEN)
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
        department=row.department,
        due_date=row.follow_up_due,
        state=state,
        overdue=state in UNDER_WAY and row.follow_up_due is not None and today > row.follow_up_due,
        steps=[
            m.FollowUpRecord(step=m.FollowUpStep(s.step), at=s.at, by=s.by, note=s.note)
            for s in steps
        ],
    )


def bad_ratings(
    ctx: HubContext, *, open_only: bool, sites: frozenset[str] | None = None
) -> list[m.BadEvaluation]:
    """Bad ratings with their follow-up, oldest first; ``open_only``: those still under way;
    ``sites``: only those given at these sites (a hall manager's), None: all."""
    with ctx.reading() as session:
        query = select(EvaluationRow).where(EvaluationRow.level.in_(BAD))
        if open_only:
            query = query.where(EvaluationRow.follow_up_state.in_([s.value for s in UNDER_WAY]))
        if sites is not None:
            query = query.join(Terminal, Terminal.terminal_id == EvaluationRow.terminal_id).where(
                Terminal.site_code.in_(sorted(sites))
            )
        rows = list(
            session.execute(query.order_by(EvaluationRow.created_at, EvaluationRow.id)).scalars()
        )
        steps = _steps_of(session, [row.id for row in rows])
        today = ctx.today()
        return [_view(row, steps.get(row.id, []), today) for row in rows]


def site_of(ctx: HubContext, evaluation_id: int) -> str | None:
    """The site a rating was given at (its terminal's); None for no such rating."""
    with ctx.reading() as session:
        found = session.execute(
            select(func.coalesce(Terminal.site_code, ""))
            .select_from(EvaluationRow)
            .outerjoin(Terminal, Terminal.terminal_id == EvaluationRow.terminal_id)
            .where(EvaluationRow.id == evaluation_id)
        ).first()
        return None if found is None else str(found[0])
