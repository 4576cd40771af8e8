"""取号: take a queue ticket.

Theory of operation: the citizen picks a category (CHOOSING); the terminal asks the hub for a
number and prints it (ISSUING, done off the GUI thread by :class:`kiosk.tickets.TicketDesk`);
the ticket is shown with its QR whether or not the printer managed (SHOWING) — a number the hub
issued is never lost; a hub failure shows a message the citizen can act on (FAILED). Both end in
DONE after a few seconds or a tap, and the session returns home.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.flows.machine import StateMachine
from kiosk.tickets import TicketOutcome


class TicketState(enum.Enum):
    CHOOSING = "choosing"
    ISSUING = "issuing"
    SHOWING = "showing"
    FAILED = "failed"
    DONE = "done"


class TicketEvent(enum.Enum):
    CHOSEN = "chosen"
    ISSUED = "issued"
    ISSUE_FAILED = "issue_failed"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


S, E = TicketState, TicketEvent
TRANSITIONS: dict[tuple[TicketState, TicketEvent], TicketState] = {
    (S.CHOOSING, E.CHOSEN): S.ISSUING,
    (S.CHOOSING, E.BACK): S.DONE,
    (S.ISSUING, E.ISSUED): S.SHOWING,
    (S.ISSUING, E.ISSUE_FAILED): S.FAILED,
    (S.SHOWING, E.DISMISS): S.DONE,
    (S.FAILED, E.RETRY): S.ISSUING,
    (S.FAILED, E.BACK): S.CHOOSING,
    (S.FAILED, E.DISMISS): S.DONE,
}


@dataclass(frozen=True, slots=True)
class IssueFailure:
    """Why no number could be issued: a message key the UI words, and the hub's own words."""

    key: str  # "hub_unreachable" | "hub_rejected" | "hub_failure"
    hub_message: str = ""


class TicketFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[TicketState, TicketEvent] = StateMachine(
            TicketState.CHOOSING, TRANSITIONS
        )
        self.category_code: str | None = None
        self.outcome: TicketOutcome | None = None
        self.failure: IssueFailure | None = None

    @property
    def state(self) -> TicketState:
        return self.machine.state

    def choose(self, category_code: str) -> None:
        if self.machine.accepts(TicketEvent.CHOSEN):  # a refused tap must not change the choice
            self.category_code = category_code
        self.machine.fire(TicketEvent.CHOSEN)

    def retry(self) -> None:
        self.failure = None
        self.machine.fire(TicketEvent.RETRY)

    def issued(self, outcome: TicketOutcome) -> None:
        self.outcome = outcome
        self.machine.fire(TicketEvent.ISSUED)

    def failed(self, failure: IssueFailure) -> None:
        self.failure = failure
        self.machine.fire(TicketEvent.ISSUE_FAILED)

    def back(self) -> None:
        self.machine.fire(TicketEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(TicketEvent.DISMISS)
