"""A window (窗口) and its clerk: sign-in, the window's state, calling, transfer, its view.

A counter terminal works one window (``counter_code``); a clerk registered at the hub signs in
there with a staff card or staff number and a PIN. Every calling action names the window and
carries an ``Idempotency-Key`` (one per click), so a double click or a retry after a lost answer
never calls, skips or finishes twice.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Any, Self

from pydantic import Field, StringConstraints, model_validator

from contract.models.cases import CaseState
from contract.models.common import MAX_INT, Code, ContractModel, IdNumber
from contract.models.tickets import Priority, TicketState

TicketNumber = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}[0-9]{1,5}$")]
CardUid = Annotated[str, StringConstraints(pattern=r"^[0-9A-F]{8,20}$")]
Pin = Annotated[str, StringConstraints(pattern=r"^[0-9]{4,12}$")]
Note = Annotated[str, StringConstraints(max_length=200)]


class WindowState(enum.StrEnum):
    OPEN = "open"
    PAUSED = "paused"  # with a reason; shown with its duration
    CLOSED = "closed"


class PauseReason(enum.StrEnum):
    REST = "rest"  # 休息
    MEETING = "meeting"  # 会议
    BACK_OFFICE = "back_office"  # 后台办件
    OTHER = "other"  # with a note


class ServiceOutcome(enum.StrEnum):
    """How a service at the window ended (the ticket's ``outcome`` when finished)."""

    DONE = "done"  # 办结
    ACCEPTED = "accepted"  # 受理
    SUPPLEMENT = "supplement"  # 补正
    CONSULTATION = "consultation"  # 咨询
    REJECTED = "rejected"  # 不予受理


class CallSpecific(ContractModel):
    """Call a chosen number: a waiting one out of turn (``reason`` required, audited) or one
    parked at this window (called back, no reason needed)."""

    number: TicketNumber
    reason: Note = ""


class TransferRequest(ContractModel):
    """Send the citizen on, keeping their place by arrival (and their priority unless told):
    to another queue, to one window, or to one clerk; at least one of the three."""

    category_code: Code | None = None
    counter_code: Code | None = None
    staff_no: Code | None = None
    note: Note = ""
    keep_priority: bool = True

    @model_validator(mode="after")
    def _somewhere(self) -> Self:
        if not (self.category_code or self.counter_code or self.staff_no):
            raise ValueError("a transfer names a queue, a window or a clerk")
        return self


class FinishRequest(ContractModel):
    outcome: ServiceOutcome
    note: Note = ""


class CounterInfo(ContractModel):
    code: str
    name: str
    category_codes: list[str]


class ClerkSignIn(ContractModel):
    """Two factors: the PIN and exactly one of staff number, staff card UID or the clerk's own
    ID card."""

    staff_no: Code | None = None
    card_uid: CardUid | None = None
    id_number: IdNumber | None = None
    pin: Pin

    @model_validator(mode="after")
    def _one_way_in(self) -> Self:
        given = [v for v in (self.staff_no, self.card_uid, self.id_number) if v is not None]
        if len(given) != 1:
            raise ValueError("sign in with one of staff_no, card_uid or id_number")
        return self


class Clerk(ContractModel):
    staff_no: str
    name: str
    department: str
    category_codes: list[str]  # the queues they handle; [] = all (全科)
    has_photo: bool


class CallingPolicy(ContractModel):
    """The hall's calling rules (``[calling]`` in the queues file)."""

    recall_limit: int = Field(default=3, ge=0, le=20)  # recalls after the first call
    recall_gap_seconds: int = Field(default=15, ge=0, le=600)
    no_show_after_calls: int = Field(default=2, ge=1, le=21)  # calls before no-show is allowed
    rating_timeout_seconds: int = Field(default=30, ge=5, le=600)


class WindowStateChange(ContractModel):
    state: WindowState
    reason: PauseReason | None = None
    note: Annotated[str, StringConstraints(max_length=100)] = ""

    @model_validator(mode="after")
    def _reason_for_a_pause(self) -> Self:
        if self.state is WindowState.PAUSED and self.reason is None:
            raise ValueError("a pause needs a reason")
        if self.reason is PauseReason.OTHER and not self.note.strip():
            raise ValueError("a pause for another reason needs a note")
        return self


class QueueChoice(ContractModel):
    """The queues this window calls from today: a subset of the window's; [] = all of them."""

    category_codes: list[Code] = Field(default_factory=list, max_length=50)


class CounterTicket(ContractModel):
    """A ticket as the window sees it (more than the citizen's follow page)."""

    ticket_id: str
    number: str
    category_code: str
    category_name: str
    state: TicketState
    priority: Priority
    counter_code: str | None
    issued_at: datetime
    called_at: datetime | None
    last_called_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    calls: int = Field(ge=0, le=MAX_INT)  # the first call and every recall
    outcome: ServiceOutcome | None
    item_code: str | None
    item_name: str
    appointment_code: str | None
    real_name: bool  # taken with an ID card: the holder can be checked at the window
    note: str  # from a transfer
    standard_minutes: int  # the item's (or queue's) standard service time


class WaitingTicket(ContractModel):
    ticket_id: str
    number: str
    category_code: str
    priority: Priority
    state: TicketState  # issued (waiting) or held (parked here)
    issued_at: datetime
    appointment: bool
    real_name: bool
    for_this_window: bool  # transferred to this window or its clerk
    note: str


class CounterSession(ContractModel):
    """The window now: who is signed in, its state, what it calls from, whom it serves."""

    counter_code: str
    counter_name: str
    clerk: Clerk | None
    state: WindowState
    pause_reason: PauseReason | None
    pause_note: str
    state_since: datetime
    category_codes: list[str]  # effective today
    serving: CounterTicket | None  # called or being served here
    policy: CallingPolicy


class CounterQueues(ContractModel):
    """The live lists of the window: waiting in its queues (call order), parked here."""

    waiting: list[WaitingTicket]
    parked: list[WaitingTicket]


class CardAtWindow(ContractModel):
    """The citizen's ID card read at the window's reader."""

    id_number: IdNumber
    name: Annotated[str, StringConstraints(min_length=1, max_length=50)]


class AppointmentAtWindow(ContractModel):
    code: str
    category_code: str
    item_name: str
    slot_date: date
    slot_start: str


class CitizenCase(ContractModel):
    case_number: str  # masked until the citizen's card is read here
    case_id: str = ""  # what the window's workbench opens it by
    item_name: str
    state: CaseState
    submitted_at: datetime
    by_agent: bool  # submitted by a community worker on the citizen's behalf (代办)
    materials_pending: list[str]
    supplement: str  # the reason of the last 补正 notice, if any


class CitizenAtWindow(ContractModel):
    """Who is in front of the clerk: their appointment and their cases. Masked until their card
    is read at the window; a card that is not the ticket holder's is flagged, never taken."""

    ticket_id: str
    verified: bool
    card_mismatch: bool
    holder_name: str  # masked until verified; "" when the hub does not know the holder
    appointment: AppointmentAtWindow | None
    cases: list[CitizenCase]


class PadView(ContractModel):
    """What a window's rating pad shows: who serves, and the finished service to rate (until
    it is rated, recorded as not rated, or the hall's rating time has passed)."""

    window: CounterSession
    rating: CounterTicket | None


class HubEvent(ContractModel):
    """One event of the hall's stream (``GET /events``, server-sent events; docs/events.md)."""

    id: int
    type: str  # ticket.called, window.paused, queue.changed, ...
    data: dict[str, Any]  # numbers, codes and counts: never personal data


class WindowStatus(ContractModel):
    """A window as the hall's screens show it (``GET /windows``, any terminal), no citizen data."""

    counter_code: str
    counter_name: str
    state: WindowState
    pause_reason: PauseReason | None
    state_since: datetime
    serving_number: str | None  # the number called or served there now
    clerk: Clerk | None
