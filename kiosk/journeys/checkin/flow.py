"""预约签到: check in a booked appointment and get a priority (appointment) ticket.

Theory of operation: the citizen shows the appointment QR (or an identity QR) to the camera,
or places the ID card (WAITING). The terminal asks the hub to check in (CHECKING, off the GUI
thread through :class:`CheckInDesk`): the hub finds today's appointment, issues an
appointment-priority ticket and marks the appointment checked in; the desk prints the ticket.
The ticket is shown whether or not it printed (SHOWING). When the hub refuses, the desk says why
in a :class:`Refusal` the screen words (REFUSED): no appointment, another day (not yet, or
passed), already checked in (by code or by card: with the number that check-in issued),
cancelled, a code that is expired or not ours. Both end in DONE.

Personal data: an ID number read from a card or resolved from an identity code is held in
``CheckInFlow.holder`` (masked for display) only until :meth:`CheckInFlow.forget`.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from datetime import date

from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.identity import Identity
from kiosk.journeys.machine import StateMachine
from kiosk.journeys.ticket.desk import TicketOutcome

logger = logging.getLogger(__name__)


class CheckInState(enum.Enum):
    WAITING = "waiting"
    CHECKING = "checking"
    SHOWING = "showing"
    REFUSED = "refused"
    DONE = "done"


class CheckInEvent(enum.Enum):
    PRESENTED = "presented"  # a code was scanned or a card read
    CHECKED_IN = "checked_in"
    REFUSED = "refused"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


class RefusalKind(enum.Enum):
    NO_APPOINTMENT = "no_appointment"
    NOT_YET = "not_yet"  # booked for a later day
    EXPIRED = "expired"  # a past day's appointment (missed), or an expired identity code
    ALREADY_CHECKED_IN = "already_checked_in"
    CANCELLED = "cancelled"
    INVALID_CODE = "invalid_code"  # damaged, not ours, or not an appointment/identity code
    UNREADABLE_CARD = "unreadable_card"
    HUB_UNREACHABLE = "hub_unreachable"
    HUB_FAILURE = "hub_failure"


@dataclass(frozen=True, slots=True)
class Refusal:
    kind: RefusalKind
    hub_message: str = ""  # the hub's own Chinese words, when it gave some
    appointment_date: date | None = None  # for NOT_YET and EXPIRED appointments
    ticket_number: str = ""  # ALREADY_CHECKED_IN: the number the earlier check-in issued
    ticket_closed: bool = False  # ... and that ticket has been served (or closed) already


class CheckInRefused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.kind.value)
        self.refusal = refusal


S, E = CheckInState, CheckInEvent
TRANSITIONS: dict[tuple[CheckInState, CheckInEvent], CheckInState] = {
    (S.WAITING, E.PRESENTED): S.CHECKING,
    (S.WAITING, E.REFUSED): S.REFUSED,  # a code refused before asking the hub
    (S.WAITING, E.BACK): S.DONE,
    (S.CHECKING, E.CHECKED_IN): S.SHOWING,
    (S.CHECKING, E.REFUSED): S.REFUSED,
    (S.SHOWING, E.DISMISS): S.DONE,
    (S.REFUSED, E.RETRY): S.WAITING,
    (S.REFUSED, E.DISMISS): S.DONE,
}


class CheckInFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[CheckInState, CheckInEvent] = StateMachine(
            CheckInState.WAITING, TRANSITIONS
        )
        self.holder: Identity | None = None
        self.outcome: TicketOutcome | None = None
        self.refusal: Refusal | None = None

    @property
    def state(self) -> CheckInState:
        return self.machine.state

    def presented(self, holder: Identity | None = None) -> None:
        if self.machine.accepts(CheckInEvent.PRESENTED):
            self.holder = holder
        self.machine.fire(CheckInEvent.PRESENTED)

    def identified(self, holder: Identity) -> None:
        """An identity code resolved while checking: who it stands for (shown masked)."""
        if self.state is CheckInState.CHECKING:
            self.holder = holder

    def checked_in(self, outcome: TicketOutcome) -> None:
        self.outcome = outcome
        self.machine.fire(CheckInEvent.CHECKED_IN)

    def refused(self, refusal: Refusal) -> None:
        self.refusal = refusal
        self.machine.fire(CheckInEvent.REFUSED)

    def retry(self) -> None:
        self.forget()
        self.machine.fire(CheckInEvent.RETRY)

    def back(self) -> None:
        self.machine.fire(CheckInEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(CheckInEvent.DISMISS)

    def forget(self) -> None:
        self.holder = None
        self.outcome = None
        self.refusal = None


def refusal_of(exc: Exception) -> Refusal:
    """Any failure of a check-in as a refusal the screen can word."""
    if isinstance(exc, CheckInRefused):
        return exc.refusal
    if isinstance(exc, HubUnreachable):
        return Refusal(RefusalKind.HUB_UNREACHABLE)
    if isinstance(exc, HubRejected):
        return Refusal(RefusalKind.HUB_FAILURE, exc.citizen_message)
    logger.error("check-in failed: %s", type(exc).__name__)
    return Refusal(RefusalKind.HUB_FAILURE)
