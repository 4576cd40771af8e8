"""好差评: rate one service event (a served ticket or a case), GB/T 39734 style.

Theory of operation: the subject comes from the journey that just ended (``for_subject``) or
from a QR scanned on home (SCANNING): the printed ticket's QR (its follow URL, or a ``YM1:T``
code) or a case receipt's QR (``YM1:C``: case number, check character and the receipt's random
code — holding the receipt is the proof; a receipt printed before codes existed is told it
cannot be rated by scanning). Right after a case is submitted, its receipt page offers the same
subject its QR carries (:func:`receipt_subject`), so a case is rated one way whatever the
entry. The terminal asks the hub first (CHECKING): a ticket can be rated only
once served; a case is shown by its item name and number only (no personal data), and one
already rated is refused before the citizen chooses anything. A provisional receipt (printed
while the hub was unreachable) carries the outbox's number: the terminal that printed it
knows the hub's number once the case is uploaded and rates that case; before the upload, or
on another terminal, the citizen is told when and where it can be rated (:class:`RatingDesk`).
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
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from contract import models as m
from contract.payloads import PayloadKind, check_character, classify
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.journeys.machine import StateMachine

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
# The outbox numbers a case it could not upload ``<terminal>-<yyyymmdd>-<seq>`` (kiosk.outbox).
_PROVISIONAL = re.compile(r"^[0-9A-Z][0-9A-Z-]*-[0-9]{8}-[0-9]{4,}$")


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
    NOT_A_SERVICE_CODE = "not_a_service_code"  # the QR is no ticket or receipt we can rate
    NOT_FINISHED = "not_finished"  # the ticket has not been served yet
    ALREADY_RATED = "already_rated"
    UNKNOWN = "unknown"  # the hub does not know the ticket or case
    NOT_UPLOADED = "not_uploaded"  # a provisional receipt whose case is still in the outbox
    PROVISIONAL = "provisional"  # a provisional receipt this terminal cannot match to a case
    NO_RECEIPT_CODE = "no_receipt_code"  # a receipt printed before receipts carried a code
    HUB_UNREACHABLE = "hub_unreachable"
    HUB_FAILURE = "hub_failure"


@dataclass(frozen=True, slots=True)
class Subject:
    kind: m.SubjectType
    subject_id: str  # the hub's id; "" for a case named by its receipt
    label: str = ""  # what the screen calls it: a ticket number or a case number
    from_receipt: bool = False  # a case named by its receipt's number (rated by that number)
    item_name: str = ""  # a case's item, once the hub has named it
    item_name_en: str = ""  # and its English, where the catalog has it
    receipt_code: str = field(default="", repr=False)  # a receipt's proof of holding it


class RatingRefused(Exception):
    """The terminal itself knows this subject cannot be rated (yet)."""

    def __init__(self, refusal: RatingRefusal) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal


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
    (``…/q/<ticket id>``), a ``YM1:T`` ticket code, or a ``YM1:C`` case receipt code (whose
    check character is right; an older one without a receipt code still names its case, and
    :meth:`RatingDesk.case` refuses it clearly)."""
    payload = classify(text, now=time.time())
    if payload.kind is PayloadKind.TICKET and payload.ok:
        return Subject(m.SubjectType.TICKET, payload.reference.lower())
    if payload.kind is PayloadKind.CASE_TRACKING and payload.ok:
        return receipt_subject(payload.reference, payload.receipt_code)
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

    def forget(self) -> None:
        """What the citizen rated and wrote (the subject names a ticket or case, no person)."""
        self.subject = None
        self.rating = None
        self.reasons.clear()
        self.comment = ""
        self.recorded = None

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

    def case_found(self, case: m.CaseToRate) -> None:
        """The hub's view of a case named by its receipt: its item and number (or rated)."""
        if case.evaluated:
            self.refused(RatingRefusal.ALREADY_RATED)
            return
        assert self.subject is not None
        self.subject = replace(
            self.subject,
            label=case.case_number,
            item_name=case.item_name,
            item_name_en=case.item_name_en,
        )
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

    def submit(self) -> m.EvaluationCreate | m.CaseReceiptEvaluation:
        if not self.complete or self.subject is None or self.rating is None:
            raise ValueError("a rating needs a level, and reasons for a bad one")
        reasons = sorted(self.reasons, key=lambda r: r.value)
        request: m.EvaluationCreate | m.CaseReceiptEvaluation
        if self.subject.from_receipt:
            request = m.CaseReceiptEvaluation(
                receipt=receipt_ref(self.subject.label, self.subject.receipt_code),
                rating=self.rating,
                reasons=reasons,
                comment=self.comment,
                channel=KIOSK_CHANNEL,
            )
        else:
            request = m.EvaluationCreate(
                subject_type=self.subject.kind,
                subject_id=self.subject.subject_id,
                rating=self.rating,
                reasons=reasons,
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
        if isinstance(exc, RatingRefused):
            self.refused(exc.refusal)
        elif isinstance(exc, HubRejected):
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


def receipt_subject(
    number: str, receipt_code: str, item_name: str = "", item_name_en: str = ""
) -> Subject:
    """A case named as its receipt names it: the number printed (the hub's, or a provisional
    one) and the receipt code."""
    return Subject(
        m.SubjectType.CASE,
        "",
        number,
        from_receipt=True,
        item_name=item_name,
        item_name_en=item_name_en,
        receipt_code=receipt_code,
    )


def receipt_ref(case_number: str, receipt_code: str) -> m.CaseReceiptRef:
    """What a receipt's QR carries for ``case_number``, as the hub takes it."""
    return m.CaseReceiptRef(
        case_number=case_number, check=check_character(case_number), code=receipt_code or None
    )


def looks_provisional(number: str) -> bool:
    """Whether a receipt's number has the outbox's provisional shape (no hub number does)."""
    return bool(_PROVISIONAL.fullmatch(number))
