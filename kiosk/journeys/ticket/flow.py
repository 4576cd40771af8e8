"""取号: take a queue ticket.

Theory of operation: the citizen picks a category, or finds the 事项 they came for (CHOOSING;
an item stands for its queue). Where the terminal takes tickets by real name, the citizen
then places the ID card or shows an identity QR (IDENTIFYING; a QR is resolved by the hub
while ISSUING). The terminal asks the hub for a number and prints it (ISSUING, done off the
GUI thread by the desk's :class:`~kiosk.journeys.ticket.desk.TicketDesk`); the ticket is
shown with its QR whether or not the printer managed (SHOWING) — a number the hub issued is
never lost. A failure shows a message the citizen can act on (FAILED): a hub failure can be
retried as it was, an identity that would not do is asked for again, and the hub's refusal
of a second open ticket for the same person only offers the way home. Both end in DONE after
a few seconds or a tap, and the session returns home.

Personal data: the holder of a real-name ticket is kept in ``TicketFlow.holder`` (shown masked)
until :meth:`TicketFlow.forget` or the end of the flow object with the session.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from contract.models import ProblemCode
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.identity import Identity, IdentityRefused
from kiosk.journeys.machine import StateMachine
from kiosk.journeys.ticket.desk import TicketOutcome

logger = logging.getLogger(__name__)


class TicketState(enum.Enum):
    CHOOSING = "choosing"
    IDENTIFYING = "identifying"
    ISSUING = "issuing"
    SHOWING = "showing"
    FAILED = "failed"
    DONE = "done"


class TicketEvent(enum.Enum):
    CHOSEN = "chosen"  # a category or item that needs no identity
    CHOSEN_REAL_NAME = "chosen_real_name"  # one that does
    PRESENTED = "presented"  # a card read or an identity QR scanned
    ISSUED = "issued"
    ISSUE_FAILED = "issue_failed"
    RETRY = "retry"  # the same request again (the hub was out of reach)
    REIDENTIFY = "reidentify"  # ask for identity again (unreadable card, expired code)
    BACK = "back"
    DISMISS = "dismiss"


S, E = TicketState, TicketEvent
TRANSITIONS: dict[tuple[TicketState, TicketEvent], TicketState] = {
    (S.CHOOSING, E.CHOSEN): S.ISSUING,
    (S.CHOOSING, E.CHOSEN_REAL_NAME): S.IDENTIFYING,
    (S.CHOOSING, E.BACK): S.DONE,
    (S.IDENTIFYING, E.PRESENTED): S.ISSUING,
    (S.IDENTIFYING, E.ISSUE_FAILED): S.FAILED,  # a card the reader could not read
    (S.IDENTIFYING, E.BACK): S.CHOOSING,
    (S.ISSUING, E.ISSUED): S.SHOWING,
    (S.ISSUING, E.ISSUE_FAILED): S.FAILED,
    (S.SHOWING, E.DISMISS): S.DONE,
    (S.FAILED, E.RETRY): S.ISSUING,
    (S.FAILED, E.REIDENTIFY): S.IDENTIFYING,
    (S.FAILED, E.BACK): S.CHOOSING,
    (S.FAILED, E.DISMISS): S.DONE,
}

# Failures of the identity rather than of the hub: "retry" asks for the card or code again.
IDENTITY_FAILURES = frozenset({"unreadable_card", "identity_expired", "identity_invalid"})
# Refusals no retry can change: the screen offers only the way home.
FINAL_FAILURES = frozenset({"open_ticket"})


@dataclass(frozen=True, slots=True)
class IssueFailure:
    """Why no number could be issued: a message key the UI words, and the hub's own words."""

    # "hub_unreachable" | "hub_rejected" | "hub_failure" | "open_ticket" | "unreadable_card"
    # | "identity_expired" | "identity_invalid"
    key: str
    hub_message: str = ""


def failure_of(exc: Exception) -> IssueFailure:
    """Any failure to issue a number as a failure the screen can word."""
    if isinstance(exc, HubUnreachable):
        return IssueFailure("hub_unreachable")
    if isinstance(exc, IdentityRefused):
        return IssueFailure(exc.key, exc.hub_message)
    if isinstance(exc, HubRejected):
        key = "open_ticket" if exc.code == ProblemCode.OPEN_TICKET_EXISTS else "hub_rejected"
        return IssueFailure(key, exc.citizen_message)
    logger.error("ticket issue failed: %s", type(exc).__name__)
    return IssueFailure("hub_failure")


@dataclass(frozen=True, slots=True)
class TicketChoice:
    """What the citizen queues for: a category, or an item (which names its category)."""

    category_code: str
    item_code: str | None = None
    item_name: str = ""


class TicketFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[TicketState, TicketEvent] = StateMachine(
            TicketState.CHOOSING, TRANSITIONS
        )
        self.choice: TicketChoice | None = None
        self.holder: Identity | None = None
        self.pending_code: str = ""  # an identity QR waiting for the hub to resolve it
        self.outcome: TicketOutcome | None = None
        self.failure: IssueFailure | None = None

    @property
    def state(self) -> TicketState:
        return self.machine.state

    @property
    def category_code(self) -> str | None:
        return self.choice.category_code if self.choice is not None else None

    @property
    def retry_asks_identity(self) -> bool:
        return self.failure is not None and self.failure.key in IDENTITY_FAILURES

    def choose(self, choice: TicketChoice | str, *, real_name: bool = False) -> None:
        if isinstance(choice, str):
            choice = TicketChoice(choice)
        event = TicketEvent.CHOSEN_REAL_NAME if real_name else TicketEvent.CHOSEN
        if self.machine.accepts(event):  # a refused tap must not change the choice
            self.choice = choice
        self.machine.fire(event)

    def presented(self, *, holder: Identity | None = None, code: str = "") -> None:
        """A card was read (``holder``) or an identity QR scanned (``code``, resolved later)."""
        if self.machine.accepts(TicketEvent.PRESENTED):
            self.holder, self.pending_code = holder, code
        self.machine.fire(TicketEvent.PRESENTED)

    def identified(self, holder: Identity) -> None:
        """The hub resolved the pending identity QR: who it stands for (shown masked)."""
        if self.state is TicketState.ISSUING and self.pending_code:
            self.holder, self.pending_code = holder, ""

    def retry(self) -> None:
        """Try again: the same request after a hub failure, or a new identity after one that
        would not do."""
        event = TicketEvent.REIDENTIFY if self.retry_asks_identity else TicketEvent.RETRY
        if self.machine.accepts(event):
            if event is TicketEvent.REIDENTIFY:
                self.holder, self.pending_code = None, ""
            self.failure = None
        self.machine.fire(event)

    def issued(self, outcome: TicketOutcome) -> None:
        self.outcome = outcome
        self.pending_code = ""
        self.machine.fire(TicketEvent.ISSUED)

    def failed(self, failure: IssueFailure) -> None:
        self.failure = failure
        self.machine.fire(TicketEvent.ISSUE_FAILED)

    def back(self) -> None:
        if self.machine.accepts(TicketEvent.BACK) and self.state is not TicketState.CHOOSING:
            self.forget()  # back to the choice: whoever identified is forgotten
        self.machine.fire(TicketEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(TicketEvent.DISMISS)

    def forget(self) -> None:
        self.holder = None
        self.pending_code = ""
        self.failure = None
