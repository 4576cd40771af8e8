"""Appointments: booked slots, check-in by code or ID number (issues an appointment ticket),
cancellation, and missed appointments (booked slots of past days, closed lazily)."""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from contract import models as m
from hub import tickets as t
from hub.catalog import item_in
from hub.context import HubContext
from hub.db import AppointmentRow, CaseRow, Terminal, Ticket
from hub.problems import HubProblem

AS = m.AppointmentState
LIVE = (AS.BOOKED.value, AS.CHECKED_IN.value)
TS = m.TicketState
_OPEN_TICKET = (TS.ISSUED.value, TS.CALLED.value, TS.SERVING.value, TS.HELD.value)
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand


def _model(row: AppointmentRow) -> m.Appointment:
    return m.Appointment(
        code=row.code,
        category_code=row.category_code,
        item_code=row.item_code,
        slot_date=row.slot_date,
        slot_start=row.slot_start,
        state=AS(row.state),
        ticket_id=row.ticket_id,
        booked_at=row.booked_at,
        checked_in_at=row.checked_in_at,
        closed_at=row.closed_at,
    )


def mark_missed(session: Session, ctx: HubContext) -> None:
    session.execute(
        update(AppointmentRow)
        .where(AppointmentRow.state == AS.BOOKED.value, AppointmentRow.slot_date < ctx.today())
        .values(state=AS.MISSED.value, closed_at=ctx.now())
    )


def _booked(session: Session, category: str, day: date, start: str) -> int:
    return session.execute(
        select(func.count()).where(
            AppointmentRow.category_code == category,
            AppointmentRow.slot_date == day,
            AppointmentRow.slot_start == start,
            AppointmentRow.state.in_(LIVE),
        )
    ).scalar_one()


def slots(ctx: HubContext, category_code: str, day: date) -> list[m.Slot]:
    if not ctx.calendar.is_open(day):
        return []
    capacity = ctx.settings.appointment_slot_capacity
    with ctx.sessions() as session:
        t.get_category(session, category_code)
        return [
            m.Slot(
                slot_date=day,
                slot_start=start,
                capacity=capacity,
                booked=_booked(session, category_code, day, start),
            )
            for start in ctx.settings.appointment_slots
        ]


def book(ctx: HubContext, request: m.AppointmentBook) -> m.Appointment:
    if (
        request.slot_start not in ctx.settings.appointment_slots
        or request.slot_date < ctx.today()
        or not ctx.calendar.is_open(request.slot_date)
    ):
        raise HubProblem(
            422, m.ProblemCode.VALIDATION_FAILED, "No such slot", "所选时段不可预约，请重新选择。"
        )
    digest = ctx.id_digest(request.id_number)
    with ctx.transaction() as session:
        t.get_category(session, request.category_code)
        duplicate = session.execute(
            select(func.count()).where(
                AppointmentRow.id_digest == digest,
                AppointmentRow.category_code == request.category_code,
                AppointmentRow.slot_date == request.slot_date,
                AppointmentRow.state.in_(LIVE),
            )
        ).scalar_one()
        if duplicate:
            raise HubProblem(
                409,
                m.ProblemCode.DUPLICATE_APPOINTMENT,
                "One appointment per person, category and day",
                "您当天已预约该业务，无需重复预约。",
            )
        booked = _booked(session, request.category_code, request.slot_date, request.slot_start)
        if booked >= ctx.settings.appointment_slot_capacity:
            raise HubProblem(
                409, m.ProblemCode.SLOT_FULL, "Slot full", "该时段已约满，请选择其他时段。"
            )
        row = AppointmentRow(
            code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(8)),
            category_code=request.category_code,
            item_code=request.item_code,
            id_digest=digest,
            slot_date=request.slot_date,
            slot_start=request.slot_start,
            state=AS.BOOKED.value,
            booked_at=ctx.now(),
        )
        session.add(row)
        session.flush()
        return _model(row)


def _not_found() -> HubProblem:
    return HubProblem(
        404, m.ProblemCode.APPOINTMENT_NOT_FOUND, "No appointment", "没有查到您的预约信息。"
    )


def _todays_by_id(session: Session, ctx: HubContext, digest: str) -> AppointmentRow | None:
    """Today's appointment of the person with this ID digest: the earliest still booked one;
    else the last one already checked in (so a second swipe is told so, not "no appointment");
    else none."""
    rows = (
        session.execute(
            select(AppointmentRow).where(
                AppointmentRow.id_digest == digest,
                AppointmentRow.slot_date == ctx.today(),
                AppointmentRow.state.in_(LIVE),
            )
        )
        .scalars()
        .all()
    )
    booked = [row for row in rows if row.state == AS.BOOKED.value]
    if booked:
        return min(booked, key=lambda row: row.slot_start)
    checked_in = [row for row in rows if row.state == AS.CHECKED_IN.value]
    if checked_in:
        return max(checked_in, key=lambda row: (row.checked_in_at or row.booked_at, row.slot_start))
    return None


def _already_checked_in(session: Session, row: AppointmentRow) -> HubProblem:
    """The answer to a second check-in: the number the first one issued (followed through
    counter transfers) and that ticket's state, so the terminal can say "wait to be called"
    or "already served"."""
    ticket = session.get(Ticket, row.ticket_id) if row.ticket_id else None
    for _ in range(10):  # a transfer closes a ticket and issues another; bounded for safety
        if ticket is None or not ticket.transferred_to:
            break
        ticket = session.get(Ticket, ticket.transferred_to)
    if ticket is None:
        detail = "您的预约今天已签到。"
        extra: dict[str, str] = {}
    else:
        waiting = ticket.state in _OPEN_TICKET
        then = "请留意叫号。" if waiting else "该号已办理结束。"
        detail = f"您的预约今天已签到，排队号 {ticket.number}，{then}"
        extra = {"ticket_number": ticket.number, "ticket_state": ticket.state}
    return HubProblem(
        409, m.ProblemCode.ALREADY_CHECKED_IN, "Appointment already checked in", detail, **extra
    )


def check_in(
    ctx: HubContext, terminal: Terminal, request: m.CheckIn, base_url: str
) -> m.TicketIssued:
    if not (request.code or request.id_number):
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Code or ID number required",
            "请扫描预约码或刷身份证。",
        )
    with ctx.transaction() as session:
        mark_missed(session, ctx)
        if request.code:
            row = session.get(AppointmentRow, request.code.upper())
        else:
            assert request.id_number is not None
            digest = ctx.id_digest(request.id_number)
            row = _todays_by_id(session, ctx, digest)
            returning = _awaiting_supplement(session, digest) if row is None else None
            if returning is not None:
                return _return_ticket(session, ctx, terminal, returning, digest, base_url)
        if row is None:
            raise _not_found()
        if row.slot_date != ctx.today():
            raise HubProblem(
                409,
                m.ProblemCode.APPOINTMENT_NOT_TODAY,
                "Appointment is for another day",
                f"您的预约日期是 {row.slot_date:%Y年%m月%d日}，请按预约日期前来。",
            )
        if row.state == AS.CHECKED_IN.value:
            raise _already_checked_in(session, row)
        if row.state != AS.BOOKED.value:
            raise HubProblem(
                409,
                m.ProblemCode.INVALID_TRANSITION,
                f"Appointment is {row.state}",
                "该预约已取消。",
            )
        category = t.get_category(session, row.category_code)
        new = t.create_ticket(
            session,
            ctx,
            category,
            priority=m.Priority.APPOINTMENT,
            terminal_id=terminal.terminal_id,
            id_digest=row.id_digest,
            appointment_code=row.code,
        )
        row.state = AS.CHECKED_IN.value
        row.checked_in_at = ctx.now()
        row.ticket_id = new.ticket.ticket_id
        return t.issued_model(session, new.ticket, category, base_url, ahead=new.ahead)


def _awaiting_supplement(session: Session, digest: str) -> CaseRow | None:
    """The citizen's newest case waiting for the materials a 补正 notice asked for."""
    return session.execute(
        select(CaseRow)
        .where(
            CaseRow.applicant_id_digest == digest,
            CaseRow.state == m.CaseState.SUPPLEMENT_REQUESTED.value,
        )
        .order_by(CaseRow.submitted_at.desc())
        .limit(1)
    ).scalar_one_or_none()


def _return_ticket(
    session: Session,
    ctx: HubContext,
    terminal: Terminal,
    case: CaseRow,
    digest: str,
    base_url: str,
) -> m.TicketIssued:
    """A citizen back with what a 补正 notice asked for: served before walk-ins, like a
    booking, in the item's queue (the window then shows the case and its notice)."""
    item = item_in(session, case.item_code)
    category = t.get_category(session, item.ticket_category if item else "general")
    new = t.create_ticket(
        session,
        ctx,
        category,
        priority=m.Priority.APPOINTMENT,
        terminal_id=terminal.terminal_id,
        id_digest=digest,
        item_code=case.item_code,
        per_person=True,
        note=f"补正 {case.case_number}",
    )
    return t.issued_model(session, new.ticket, category, base_url, ahead=new.ahead)


def cancel(ctx: HubContext, code: str) -> m.Appointment:
    with ctx.transaction() as session:
        mark_missed(session, ctx)
        row = session.get(AppointmentRow, code.upper())
        if row is None:
            raise _not_found()
        if row.state != AS.BOOKED.value:
            raise HubProblem(
                409,
                m.ProblemCode.INVALID_TRANSITION,
                f"Appointment is {row.state}",
                "该预约不能取消。",
            )
        row.state = AS.CANCELLED.value
        row.closed_at = ctx.now()
        return _model(row)


def get(ctx: HubContext, code: str) -> m.Appointment:
    with ctx.transaction() as session:
        mark_missed(session, ctx)
        row = session.get(AppointmentRow, code.upper())
        if row is None:
            raise _not_found()
        return _model(row)
