"""进度查询: a case's progress, shown only with the proof the hub requires.

Theory of operation: the hub answers a lookup only for a case number together with a proof of
identity — the full ID number (read from the card) or its last six characters (typed). The
citizen gives the case number by scanning the receipt's QR or typing it on the keypad, and the
proof by placing the ID card or typing the last six; in any order, on one page (COLLECTING).
As soon as both are there (or on "查询" for typed ones) the terminal asks the hub (LOOKING) and
shows the timeline (SHOWING) or why not (REFUSED): a wrong number or proof gets the hub's single
answer, so a stranger's case cannot be probed. A card placed before any number asks for the
citizen's own newest cases instead (a citizen may have lost the receipt, or hold only a
provisional number): one case shows at once, several are listed (LISTING) to choose from. The
proof is dropped once the answer is in.

A company's case is proven by its unified social credit code instead: the business licence's
QR (contract.licence) scanned with the case number typed or scanned, in any order.

A complaint's reference (投诉建议, ``TS`` + digits) is looked up as a complaint: its status says
nothing of the text or the citizen, so the reference alone is asked for (no proof). It is scanned
from the slip's QR, or typed: the keypad has no letters, so the citizen says which number they
type (:meth:`ProgressFlow.typing_complaint`) and its letters are put before the digits.
"""

from __future__ import annotations

import enum
import logging
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from contract import models as m
from contract.licence import LicenceProblem, read_licence_qr
from contract.payloads import PayloadKind, classify
from contract.privacy import mask_id
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.journeys.machine import StateMachine

logger = logging.getLogger(__name__)

DEFAULT_CASE_PREFIX = "YM"  # the hub's default case-number prefix, added to digits typed alone
COMPLAINT_PREFIX = "TS"  # the hub's default complaint-reference prefix (hub.complaints)
_COMPLAINT_RE = re.compile(r"^TS[0-9]{15}$")
_CASE_RE = re.compile(r"^[A-Z0-9-]{6,32}$")
_LAST6_RE = re.compile(r"^[0-9]{5}[0-9X]$")


class ProgressState(enum.Enum):
    COLLECTING = "collecting"
    LOOKING = "looking"
    LISTING = "listing"  # the citizen's own cases, found by the card alone
    SHOWING = "showing"
    REFUSED = "refused"
    DONE = "done"


class ProgressEvent(enum.Enum):
    LOOK_UP = "look_up"
    FOUND = "found"
    LISTED = "listed"
    CHOSEN = "chosen"
    BACK_TO_LIST = "back_to_list"
    REFUSED = "refused"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


class ProgressRefusal(enum.Enum):
    NOT_MATCHED = "not_matched"  # unknown case number or wrong proof: one answer for both
    NO_CASES = "no_cases"  # the card's holder has no case at the hub (yet)
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    NOT_A_RECEIPT = "not_a_receipt"  # a QR that is neither a case tracking code nor a licence
    LICENCE_WITHOUT_CODE = "licence_without_code"  # the licence's QR names no readable USCC
    HUB_UNREACHABLE = "hub_unreachable"
    HUB_FAILURE = "hub_failure"


S, E = ProgressState, ProgressEvent
TRANSITIONS: dict[tuple[ProgressState, ProgressEvent], ProgressState] = {
    (S.COLLECTING, E.LOOK_UP): S.LOOKING,
    (S.COLLECTING, E.REFUSED): S.REFUSED,
    (S.COLLECTING, E.BACK): S.DONE,
    (S.LOOKING, E.FOUND): S.SHOWING,
    (S.LOOKING, E.LISTED): S.LISTING,
    (S.LISTING, E.CHOSEN): S.SHOWING,
    (S.LISTING, E.RETRY): S.COLLECTING,
    (S.LISTING, E.DISMISS): S.DONE,
    (S.SHOWING, E.BACK_TO_LIST): S.LISTING,
    (S.LOOKING, E.REFUSED): S.REFUSED,
    (S.SHOWING, E.DISMISS): S.DONE,
    (S.SHOWING, E.RETRY): S.COLLECTING,
    (S.REFUSED, E.RETRY): S.COLLECTING,
    (S.REFUSED, E.DISMISS): S.DONE,
}


def normalise_case_number(text: str, prefix: str = DEFAULT_CASE_PREFIX) -> str:
    """A number as typed: digits alone get ``prefix`` (YM for a case, TS for a complaint)."""
    value = text.strip().upper().replace(" ", "")
    if value.isdigit():
        value = prefix + value
    return value


@dataclass(frozen=True, slots=True)
class ComplaintLookup:
    """A complaint's status, asked for by its reference alone."""

    reference: str


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step of a case's life, with the facts a citizen needs (keys the UI words)."""

    state: m.CaseState
    at: datetime
    facts: tuple[tuple[str, str | tuple[str, ...]], ...] = ()  # lists stay lists (the UI joins)
    resubmitted: bool = False  # submitted again after a supplement was asked for


def timeline(status: m.CaseStatus) -> list[TimelineStep]:
    steps: list[TimelineStep] = []
    for event in status.events:
        again = event.state is m.CaseState.SUBMITTED and bool(steps)
        steps.append(TimelineStep(event.state, event.at, tuple(_facts(event.detail)), again))
    return steps


def _facts(detail: dict[str, Any]) -> list[tuple[str, str | tuple[str, ...]]]:
    facts: list[tuple[str, str | tuple[str, ...]]] = []
    for key in ("reason", "due_date", "materials", "deadline", "result_code"):
        value = detail.get(key)
        if isinstance(value, list) and value:
            facts.append((key, tuple(str(v) for v in value)))
        elif value:
            facts.append((key, str(value)))
    if detail.get("certificate_number"):
        facts.append(("certificate_number", str(detail["certificate_number"])))
    if detail.get("delivery"):
        facts.append(("delivery", str(detail["delivery"])))
    if detail.get("waybill"):
        facts.append(("waybill", str(detail["waybill"])))
    return facts


class ProgressFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[ProgressState, ProgressEvent] = StateMachine(
            ProgressState.COLLECTING, TRANSITIONS
        )
        self.case_number = ""
        self.id_number: str | None = None  # read from the card: the full number, never shown
        self.last6 = ""
        self.status: m.CaseStatus | None = None
        self.complaint: m.ComplaintStatus | None = None  # a complaint's, by its reference
        self.cases: list[m.CaseStatus] = []  # found by the card alone, newest first
        self.receipt_code = ""  # from a scanned receipt QR: proves the receipt is in hand
        self.uscc = ""  # from a scanned business licence: proves a company's case
        self.refusal: ProgressRefusal | None = None
        self.hub_message = ""
        self.prefix = DEFAULT_CASE_PREFIX  # put before digits typed alone

    @property
    def state(self) -> ProgressState:
        return self.machine.state

    # -- what the citizen gives --------------------------------------------------------------

    def scanned(self, text: str) -> bool:
        """A QR from the camera: a receipt's case code sets the number; anything else is
        refused. Returns whether it was a receipt."""
        if _COMPLAINT_RE.fullmatch(text.strip().upper()):  # a complaint slip's QR
            self.case_number, self.receipt_code = text.strip().upper(), ""
            return True
        payload = classify(text, now=time.time())
        if payload.kind is PayloadKind.CASE_TRACKING and payload.ok:
            self.case_number = payload.reference
            self.receipt_code = payload.receipt_code  # "" on receipts printed before codes
            return True
        licence = read_licence_qr(text)
        if licence.ok:
            self.uscc, self.id_number, self.last6 = licence.uscc, None, ""
            return True
        if licence.problem is LicenceProblem.NOT_A_LICENCE:
            self.refused(ProgressRefusal.NOT_A_RECEIPT)
        else:  # the publicity system's link, but no code to prove the case with
            self.refused(ProgressRefusal.LICENCE_WITHOUT_CODE)
        return False

    def card_read(self, id_number: str) -> None:
        self.id_number = id_number.upper()
        self.last6 = self.uscc = ""

    def typing_complaint(self, complaint: bool) -> None:
        """The citizen types a complaint's reference (TS) or a case number (YM)."""
        self.prefix = COMPLAINT_PREFIX if complaint else DEFAULT_CASE_PREFIX

    def typed(self, case_number: str, last6: str) -> None:
        number = normalise_case_number(case_number, self.prefix)
        if number != self.case_number:
            self.receipt_code = ""  # the code proves the scanned receipt, not a typed number
        self.case_number = number
        if self.id_number is None:
            self.last6 = last6.strip().upper()

    @property
    def masked_proof(self) -> str:
        if self.uscc:
            return mask_id(self.uscc)
        return mask_id(self.id_number) if self.id_number else ""

    @property
    def case_number_ok(self) -> bool:
        return bool(_CASE_RE.fullmatch(self.case_number))

    @property
    def proof_ok(self) -> bool:
        return (
            self.id_number is not None
            or bool(self.uscc)
            or bool(_LAST6_RE.fullmatch(self.last6))
            or bool(self.receipt_code)
        )

    @property
    def is_complaint(self) -> bool:
        return bool(_COMPLAINT_RE.fullmatch(self.case_number))

    @property
    def ready(self) -> bool:
        return self.is_complaint or (self.case_number_ok and self.proof_ok) or self.wants_own_cases

    @property
    def wants_own_cases(self) -> bool:
        """A card and no number yet: the citizen's own cases."""
        return self.id_number is not None and not self.case_number

    def lookup_request(self) -> m.CaseLookup | m.ApplicantCases | ComplaintLookup:
        if not self.ready:
            raise ValueError("a lookup needs a case number and a proof")
        if self.is_complaint:
            return ComplaintLookup(self.case_number)
        if self.wants_own_cases:
            assert self.id_number is not None
            return m.ApplicantCases(id_number=self.id_number)
        if self.uscc:
            return m.CaseLookup(case_number=self.case_number, uscc=self.uscc)
        if self.id_number is not None:
            return m.CaseLookup(case_number=self.case_number, id_number=self.id_number)
        if _LAST6_RE.fullmatch(self.last6):
            return m.CaseLookup(case_number=self.case_number, id_last6=self.last6)
        return m.CaseLookup(case_number=self.case_number, receipt_code=self.receipt_code)

    # -- the hub's answer --------------------------------------------------------------------

    def look_up(self) -> m.CaseLookup | m.ApplicantCases | ComplaintLookup:
        request = self.lookup_request()
        self.machine.fire(ProgressEvent.LOOK_UP)
        return request

    def listed(self, cases: list[m.CaseStatus]) -> None:
        """The hub's answer to a card alone: none is a refusal, one is shown, more are listed."""
        self._drop_proof()
        if not cases:
            self.refused(ProgressRefusal.NO_CASES)
        elif len(cases) == 1:
            self.found(cases[0])
        else:
            self.cases = list(cases)
            self.machine.fire(ProgressEvent.LISTED)

    def choose(self, index: int) -> None:
        if self.state is ProgressState.LISTING and 0 <= index < len(self.cases):
            self.status = self.cases[index]
            self.machine.fire(ProgressEvent.CHOSEN)

    @property
    def from_list(self) -> bool:
        return len(self.cases) > 1

    def back_to_list(self) -> None:
        if self.from_list:
            self.status = None
            self.machine.fire(ProgressEvent.BACK_TO_LIST)

    def found(self, status: m.CaseStatus | m.ComplaintStatus) -> None:
        self._drop_proof()
        if isinstance(status, m.ComplaintStatus):
            self.complaint = status
        else:
            self.status = status
        self.machine.fire(ProgressEvent.FOUND)

    def failed(self, exc: Exception) -> None:
        if isinstance(exc, HubRejected):
            self.hub_message = exc.citizen_message
            if exc.code == m.ProblemCode.TOO_MANY_ATTEMPTS:
                self.refused(ProgressRefusal.TOO_MANY_ATTEMPTS)
            elif exc.code in (m.ProblemCode.PROOF_REJECTED, m.ProblemCode.VALIDATION_FAILED) or (
                exc.code == m.ProblemCode.NOT_FOUND and self.is_complaint
            ):
                self.refused(ProgressRefusal.NOT_MATCHED)
            else:
                self.refused(ProgressRefusal.HUB_FAILURE)
        elif isinstance(exc, HubUnreachable):
            self.refused(ProgressRefusal.HUB_UNREACHABLE)
        else:
            logger.error("case lookup failed: %s", type(exc).__name__)
            self.refused(ProgressRefusal.HUB_FAILURE)

    def refused(self, refusal: ProgressRefusal) -> None:
        self._drop_proof()
        self.refusal = refusal
        self.machine.fire(ProgressEvent.REFUSED)

    def retry(self) -> None:
        self.forget()
        self.machine.fire(ProgressEvent.RETRY)

    def back(self) -> None:
        self.machine.fire(ProgressEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(ProgressEvent.DISMISS)

    def forget(self) -> None:
        self.case_number = ""
        self.prefix = DEFAULT_CASE_PREFIX
        self._drop_proof()
        self.status = None
        self.complaint = None
        self.cases = []
        self.refusal = None
        self.hub_message = ""

    def _drop_proof(self) -> None:
        self.id_number = None
        self.last6 = ""
        self.receipt_code = ""
        self.uscc = ""


def due_text(day: date | None) -> str:
    return day.isoformat() if day else ""
