"""Appointments: slots, booking, check-in (issues a ticket), cancel, lookup."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request

from contract import models as m
from hub import appointments
from hub.auth import ContextDep, TerminalDep
from hub.routes import problems

router = APIRouter(prefix="/appointments", tags=["appointments"])
PROBLEMS = problems(401, 404, 409, 422)


@router.get("/slots", response_model=list[m.Slot], responses=PROBLEMS)
def slots(
    category_code: Annotated[str, Query(pattern=m.CODE_PATTERN)],
    slot_date: date,
    ctx: ContextDep,
    _t: TerminalDep,
) -> list[m.Slot]:
    return appointments.slots(ctx, category_code, slot_date)


@router.post("", status_code=201, response_model=m.Appointment, responses=PROBLEMS)
def book(body: m.AppointmentBook, ctx: ContextDep, _t: TerminalDep) -> m.Appointment:
    return appointments.book(ctx, body)


@router.post("/check-in", status_code=201, response_model=m.TicketIssued, responses=PROBLEMS)
def check_in(
    body: m.CheckIn, request: Request, ctx: ContextDep, terminal: TerminalDep
) -> m.TicketIssued:
    return appointments.check_in(ctx, terminal, body, ctx.base_url(request))


@router.post("/{code}/cancel", response_model=m.Appointment, responses=PROBLEMS)
def cancel(code: str, ctx: ContextDep, _t: TerminalDep) -> m.Appointment:
    return appointments.cancel(ctx, code)


@router.get("/{code}", response_model=m.Appointment, responses=PROBLEMS)
def get(code: str, ctx: ContextDep, _t: TerminalDep) -> m.Appointment:
    return appointments.get(ctx, code)
