"""The citizen in front of the clerk: the appointment and cases of the person a ticket is for.

A real-name or appointment ticket carries its holder's keyed ID digest, so the window can show
their appointment (item, time) and their cases (from a kiosk, from a community worker, earlier
补正 notices) at once — masked (name, case number) until the clerk reads the citizen's own card
at the window. A card whose digest is not the ticket holder's is flagged and changes nothing.
A walk-in's card read at the window shows that person's cases the same way.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contract import models as m
from contract.privacy import mask_case_number, mask_name
from hub.cases import pending_materials
from hub.catalog import item_in
from hub.clerks import log
from hub.context import HubContext
from hub.counters import signed_in
from hub.db import AppointmentRow, CaseEvent, CaseRow, Terminal, Ticket
from hub.problems import HubProblem

MOST_CASES = 10
AT_THE_WINDOW = (m.TicketState.CALLED.value, m.TicketState.SERVING.value)


def citizen(
    ctx: HubContext,
    terminal: Terminal,
    counter_code: str,
    ticket_id: str,
    card: m.CardAtWindow | None = None,
) -> m.CitizenAtWindow:
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, counter_code)
        ticket = session.get(Ticket, ticket_id)
        if ticket is None or ticket.counter_code != counter_code:
            raise HubProblem(
                404, m.ProblemCode.NOT_FOUND, "Not at this window", "该号码不在本窗口。"
            )
        if ticket.state not in AT_THE_WINDOW:
            raise HubProblem(
                409,
                m.ProblemCode.INVALID_TRANSITION,
                f"Ticket {ticket.number} is {ticket.state}",
                "只能查看正在本窗口办理的群众。",
            )
        holder = ticket.id_digest
        read = ctx.id_digest(card.id_number) if card is not None else None
        mismatch = read is not None and holder is not None and read != holder
        if mismatch:  # kept for the record: which window, whose ticket, never the card
            log(session, counter_code, window.clerk.staff_no, "card_mismatch", ctx.now(), {
                "ticket": ticket.ticket_id,
            })  # fmt: skip
        verified = read is not None and not mismatch
        who = read if verified else holder
        rows = _cases(session, who) if who is not None else []
        name = (
            card.name if verified and card is not None else (rows[0].applicant_name if rows else "")
        )
        return m.CitizenAtWindow(
            ticket_id=ticket.ticket_id,
            verified=verified,
            card_mismatch=mismatch,
            holder_name=name if verified else mask_name(name) if name else "",
            appointment=_appointment(session, ticket),
            cases=[_case(session, row, verified) for row in rows],
        )


def _cases(session: Session, digest: str) -> list[CaseRow]:
    return list(
        session.execute(
            select(CaseRow)
            .where(CaseRow.applicant_id_digest == digest)
            .order_by(CaseRow.submitted_at.desc())
            .limit(MOST_CASES)
        ).scalars()
    )


def _appointment(session: Session, ticket: Ticket) -> m.AppointmentAtWindow | None:
    if ticket.appointment_code is None:
        return None
    row = session.get(AppointmentRow, ticket.appointment_code)
    if row is None:
        return None
    item = item_in(session, row.item_code) if row.item_code else None
    return m.AppointmentAtWindow(
        code=row.code,
        category_code=row.category_code,
        item_name=item.name if item else "",
        slot_date=row.slot_date,
        slot_start=row.slot_start,
    )


def _case(session: Session, row: CaseRow, verified: bool) -> m.CitizenCase:
    item = item_in(session, row.item_code)
    supplement = session.execute(
        select(CaseEvent.detail)
        .where(
            CaseEvent.case_id == row.case_id,
            CaseEvent.state == m.CaseState.SUPPLEMENT_REQUESTED.value,
        )
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).scalar()
    return m.CitizenCase(
        case_number=row.case_number if verified else mask_case_number(row.case_number),
        case_id=row.case_id,
        item_name=item.name if item else row.item_code,
        state=m.CaseState(row.state),
        submitted_at=row.submitted_at,
        by_agent=bool(row.data.get("agent")),
        materials_pending=pending_materials(session, row.case_id),
        supplement=str(supplement.get("reason", "")) if supplement else "",
    )
