"""Appointments: slots, booking, check-in."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated

from pydantic import StringConstraints

from contract.models.common import Code, ContractModel, IdNumber


class AppointmentState(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    MISSED = "missed"
    CANCELLED = "cancelled"


TimeOfDay = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class AppointmentBook(ContractModel):
    category_code: Code
    item_code: Code | None = None
    id_number: IdNumber
    slot_date: date
    slot_start: TimeOfDay


class Slot(ContractModel):
    slot_date: date
    slot_start: str
    capacity: int
    booked: int


class Appointment(ContractModel):
    code: str
    category_code: str
    item_code: str | None
    slot_date: date
    slot_start: str
    state: AppointmentState
    ticket_id: str | None
    booked_at: datetime
    checked_in_at: datetime | None
    closed_at: datetime | None


class CheckIn(ContractModel):
    """Check in by the code on the booking (QR) or by the ID number read from the card."""

    code: Code | None = None
    id_number: IdNumber | None = None
