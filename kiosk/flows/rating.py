"""好差评: rate one service event (a served ticket or a case), GB/T 39734 style.

Theory of operation: the subject comes from the journey that just ended (``for_subject``) or
from a QR scanned on home (SCANNING): the printed ticket's QR (its follow URL, or a ``YM1:T``
code). A ticket can be rated only once served, so the terminal asks the hub first (CHECKING).
The citizen then picks one of five levels — nothing is pre-selected and nothing is filled in
for them — and, for the two bad levels, at least one reason; a comment is optional (RATING).
The hub stores it (SUBMITTING) or refuses (REFUSED): one rating per service event, so a second
one is answered clearly. Staff never see who rated (the hub keeps no rater data).
"""

from __future__ import annotations

import enum
import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from kiosk.api import models as m
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.api.payloads import PayloadKind, classify
from kiosk.flows.machine import StateMachine

logger = logging.getLogger(__name__)

LEVELS = (
    m.Rating.VERY_SATISFIED,
    m.Rating.SATISFIED,
    m.Rating.BASIC,
    m.Rating.UNSATISFIED,
    m.Rating.VERY_UNSATISFIED,
)
BAD_LEVELS = frozenset({m.Rating.UNSATISFIED, m.Rating.VERY_UNSATISFIED})
MAX_COMMENT = 500
KIOSK_CHANNEL = "5"  # GB/T 39734 channel code: "other hall terminal"
_FOLLOW_PATH = re.compile(r"^/q/([0-9a-f]{32})/?$")


class RatingState(enum.Enum):
    SCANNING = "scanning"
    CHECKING = "checking"
    RATING = "rating"
    SUBMITTING = "submitting"
    THANKED = "thanked"
    REFUSED = "refused"
    DONE = "done"


class RatingEvent(enum.Enum):
    SUBJECT = "subject"
    RATEABLE = "rateable"
    SUBMIT = "submit"
    RECORDED = "recorded"
    REFUSED = "refused"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


class RatingRefusal(enum.Enum):
    NOT_A_SERVICE_CODE = "not_a_service_code"  # the QR is no ticket we can rate
    NOT_FINISHED = "not_finished"  # the ticket has not been served yet
    ALREADY_RATED = "already_rated"
    UNKNOWN = "unknown"  # the hub does not know the ticket or case
    HUB_UNREACHABLE = "hub_unreachable"
    HUB_FAILURE = "hub_failure"


@dataclass(frozen=True, slots=True)
class Subject:
    kind: m.SubjectType
    subject_id: str
    label: str = ""  # what the screen calls it: a ticket number or a case number


S, E = RatingState, RatingEvent
TRANSITIONS: dict[tuple[RatingState, RatingEvent], RatingState] = {
    (S.SCANNING, E.SUBJECT): S.CHECKING,
    (S.SCANNING, E.REFUSED): S.REFUSED,
    (S.SCANNING, E.BACK): S.DONE,
    (S.CHECKING, E.RATEABLE): S.RATING,
    (S.CHECKING, E.REFUSED): S.REFUSED,
    (S.RATING, E.SUBMIT): S.SUBMITTING,
    (S.RATING, E.BACK): S.DONE,
    (S.SUBMITTING, E.RECORDED): S.THANKED,
    (S.SUBMITTING, E.REFUSED): S.REFUSED,
    (S.THANKED, E.DISMISS): S.DONE,
    (S.REFUSED, E.RETRY): S.SCANNING,
    (S.REFUSED, E.DISMISS): S.DONE,
}


def subject_from_scan(text: str) -> Subject | None:
    """The rateable subject a scanned QR names, or None: a printed ticket's follow URL
    (``…/q/<ticket id>``) or a ``YM1:T`` ticket code."""
    payload = classify(text, now=time.time())
    if payload.kind is PayloadKind.TICKET and payload.ok:
        return Subject(m.SubjectType.TICKET, payload.reference.lower())
    if payload.kind is PayloadKind.URL:
        found = _FOLLOW_PATH.match(urlsplit(payload.reference).path)
        if found:
            return Subject(m.SubjectType.TICKET, found.group(1))
    return None


class RatingFlow:
    def __init__(self, subject: Subject | None = None) -> None:
        initial = RatingState.SCANNING if subject is None else RatingState.CHECKING
        self.machine: StateMachine[RatingState, RatingEvent] = StateMachine(initial, TRANSITIONS)
        self.subject = subject
        self.rating: m.Rating | None = None  # never pre-selected: only the citizen sets it
        self.reasons: set[m.BadReason] = set()
        self.comment = ""
        self.refusal: RatingRefusal | None = None
        self.hub_message = ""
        self.recorded: m.EvaluationRecorded | None = None

    @property
    def state(self) -> RatingState:
        return self.machine.state

    def scanned(self, text: str) -> None:
        subject = subject_from_scan(text)
        if subject is None:
            self.refused(RatingRefusal.NOT_A_SERVICE_CODE)
            return
        self.subject = subject
        self.machine.fire(RatingEvent.SUBJECT)

    def checked(self, ticket: m.TicketView | None) -> None:
        """The hub's view of the ticket being rated (None for a case: nothing to check)."""
        if ticket is not None:
            if ticket.state is not m.TicketState.DONE:
                self.refused(RatingRefusal.NOT_FINISHED)
                return
            if self.subject is not None:
                self.subject = Subject(self.subject.kind, self.subject.subject_id, ticket.number)
        self.machine.fire(RatingEvent.RATEABLE)

    # -- the citizen's choices ---------------------------------------------------------------

    def choose(self, rating: m.Rating) -> None:
        self.rating = rating
        if rating not in BAD_LEVELS:
            self.reasons.clear()  # reasons are only for bad ratings (the hub refuses others)

    def toggle_reason(self, reason: m.BadReason) -> None:
        if self.rating not in BAD_LEVELS:
            return
        self.reasons ^= {reason}

    def set_comment(self, text: str) -> None:
        self.comment = text.strip()[:MAX_COMMENT]

    @property
    def needs_reasons(self) -> bool:
        return self.rating in BAD_LEVELS

    @property
    def complete(self) -> bool:
        return self.rating is not None and (not self.needs_reasons or bool(self.reasons))

    def submit(self) -> m.EvaluationCreate:
        if not self.complete or self.subject is None or self.rating is None:
            raise ValueError("a rating needs a level, and reasons for a bad one")
        request = m.EvaluationCreate(
            subject_type=self.subject.kind,
            subject_id=self.subject.subject_id,
            rating=self.rating,
            reasons=sorted(self.reasons, key=lambda r: r.value),
            comment=self.comment,
            channel=KIOSK_CHANNEL,
        )
        self.machine.fire(RatingEvent.SUBMIT)
        return request

    def recorded_as(self, recorded: m.EvaluationRecorded) -> None:
        self.recorded = recorded
        self.machine.fire(RatingEvent.RECORDED)

    # -- refusals ----------------------------------------------------------------------------

    def failed(self, exc: Exception) -> None:
        if isinstance(exc, HubRejected):
            self.hub_message = exc.citizen_message
            if exc.code == m.ProblemCode.ALREADY_EVALUATED:
                self.refused(RatingRefusal.ALREADY_RATED)
            elif exc.code == m.ProblemCode.INVALID_TRANSITION:
                self.refused(RatingRefusal.NOT_FINISHED)
            elif exc.code == m.ProblemCode.NOT_FOUND:
                self.refused(RatingRefusal.UNKNOWN)
            else:
                self.refused(RatingRefusal.HUB_FAILURE)
        elif isinstance(exc, HubUnreachable):
            self.refused(RatingRefusal.HUB_UNREACHABLE)
        else:
            logger.error("rating failed: %s", type(exc).__name__)
            self.refused(RatingRefusal.HUB_FAILURE)

    def refused(self, refusal: RatingRefusal) -> None:
        self.refusal = refusal
        self.machine.fire(RatingEvent.REFUSED)

    def retry(self) -> None:
        self.subject = None
        self.rating = None
        self.reasons.clear()
        self.comment = ""
        self.refusal = None
        self.hub_message = ""
        self.machine.fire(RatingEvent.RETRY)

    def back(self) -> None:
        self.machine.fire(RatingEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(RatingEvent.DISMISS)
