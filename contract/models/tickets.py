"""Tickets and queues: categories, issuing, views, counter actions."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from contract.models.common import Code, ContractModel, IdNumber


class Priority(enum.StrEnum):
    """Queue priority; call-next serves priority, then appointment, then normal (by arrival)."""

    NORMAL = "normal"
    PRIORITY = "priority"  # elderly, disabled, pregnant (老弱病残孕)
    APPOINTMENT = "appointment"


class TicketState(enum.StrEnum):
    ISSUED = "issued"
    CALLED = "called"
    SERVING = "serving"
    HELD = "held"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


class TicketCategory(ContractModel):
    code: Code
    name: str
    name_en: str
    prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}$")]
    range_start: int = Field(default=1, ge=0)
    range_end: int = Field(default=999, ge=1, le=99999)
    step: int = Field(default=1, ge=1, le=100)  # e.g. 2 for two halls sharing a prefix
    daily_cap: int | None = None
    real_name_limit: bool = False
    default_service_minutes: int = 8
    active: bool = True


class TicketIssueRequest(ContractModel):
    category_code: Code
    priority: Priority = Priority.NORMAL
    id_number: IdNumber | None = None
    appointment_code: Code | None = None
    language: Annotated[str, StringConstraints(pattern=r"^(zh|en)$")] = "zh"
    # The 事项 the citizen came for (取号 by item): it must belong to ``category_code``; the
    # ticket and the counter's screen then name it.
    item_code: Code | None = None


class TicketIssued(ContractModel):
    ticket_id: str
    number: str
    category_code: str
    category_name: str
    waiting_ahead: int
    estimated_wait_minutes: int | None
    issued_at: datetime
    follow_url: str
    priority: Priority = Priority.NORMAL
    item_code: str | None = None  # 取号 by item: the 事项 and its name, for screen and paper
    item_name: str = ""


class TicketView(ContractModel):
    """Public queue position of one ticket (no personal data): what the follow URL shows."""

    ticket_id: str
    number: str
    category_code: str
    state: TicketState
    priority: Priority
    waiting_ahead: int
    estimated_wait_minutes: int | None
    counter_code: str | None
    issued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    item_code: str | None = None


class QueueSnapshot(ContractModel):
    category_code: str
    waiting: int
    serving: int
    estimated_wait_minutes: int | None
    service_date: date


class TicketAction(enum.StrEnum):
    """Counter actions on one ticket (``POST /counters/{code}/tickets/{id}/{action}``)."""

    RECALL = "recall"
    START = "start"
    NO_SHOW = "no-show"
    HOLD = "hold"
    CANCEL = "cancel"
