"""投诉建议: a complaint or suggestion for the one number of supervision (12345).

Theory of operation: anonymous — no card is asked for. The citizen chooses the kind (投诉 or
建议) and what it is about (ABOUT): a window or an item from the lists the kiosk already has, a
clerk by the staff number on the window's name plate, or the hall itself. They write the text
with the on-screen keyboard (WRITING, 1..2000 characters: the kiosk stops input at the limit).
They may leave a mobile number for the platform to call back (CONTACT): the number field is
offered only after they tick the consent, and unticking drops the number. The hub is asked
(SENDING) with an idempotency key drawn once per complaint, so a retry after a failure can never
make two; the answer is a reference number, shown and printed (DONE_SENT), or the reason it
could not be sent (FAILED: retry keeps everything typed). Ending the session forgets it all.
"""

from __future__ import annotations

import enum
import re
import uuid

from contract import models as m
from kiosk.api.errors import HubRejected, HubUnreachable
from kiosk.journeys.machine import StateMachine

MAX_TEXT = 2000  # contract.models.MAX_COMPLAINT_TEXT, without loading the models at start-up
_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")  # contract.models.MOBILE_PATTERN
_SUBJECT = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


class ComplaintState(enum.Enum):
    ABOUT = "about"
    WRITING = "writing"
    CONTACT = "contact"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DONE = "done"


class ComplaintEvent(enum.Enum):
    CHOSEN = "chosen"
    WRITTEN = "written"
    SEND = "send"
    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"
    BACK = "back"
    DISMISS = "dismiss"


class ComplaintRefusal(enum.Enum):
    HUB_UNREACHABLE = "hub_unreachable"  # nothing sent: try again, everything is kept
    REJECTED = "rejected"  # the hub refused it: its message says why
    HUB_FAILURE = "hub_failure"


S, E = ComplaintState, ComplaintEvent
TRANSITIONS: dict[tuple[ComplaintState, ComplaintEvent], ComplaintState] = {
    (S.ABOUT, E.CHOSEN): S.WRITING,
    (S.ABOUT, E.BACK): S.DONE,
    (S.WRITING, E.WRITTEN): S.CONTACT,
    (S.WRITING, E.BACK): S.ABOUT,
    (S.CONTACT, E.SEND): S.SENDING,
    (S.CONTACT, E.BACK): S.WRITING,
    (S.SENDING, E.SENT): S.SENT,
    (S.SENDING, E.FAILED): S.FAILED,
    (S.FAILED, E.RETRY): S.SENDING,
    (S.FAILED, E.BACK): S.CONTACT,
    (S.FAILED, E.DISMISS): S.DONE,
    (S.SENT, E.DISMISS): S.DONE,
}


class ComplaintFlow:
    def __init__(self) -> None:
        self.machine: StateMachine[ComplaintState, ComplaintEvent] = StateMachine(
            ComplaintState.ABOUT, TRANSITIONS
        )
        self.kind = "complaint"  # contract.models.ComplaintKind value
        self.about = ""  # contract.models.ComplaintAbout value
        self.subject: str | None = None
        self.subject_label = ""  # what the screens call it ("3号窗口", an item's name)
        self.text = ""
        self.consent = False
        self.phone = ""
        self.key = ""  # the idempotency key, drawn once the complaint is first sent
        self.receipt: m.ComplaintReceipt | None = None
        self.refusal: ComplaintRefusal | None = None
        self.hub_message = ""

    @property
    def state(self) -> ComplaintState:
        return self.machine.state

    def __repr__(self) -> str:  # the text and the phone number stay out of logs
        return f"ComplaintFlow({self.state.name}, {self.kind}, {self.about})"

    # -- what the citizen gives ------------------------------------------------------------

    def choose(self, kind: str, about: str, subject: str | None = None, label: str = "") -> bool:
        """The kind and the subject: a window, clerk or item needs its code (a clerk's staff
        number as typed); the hall none. False (and nothing changes) when one is missing."""
        subject = subject.strip().upper() if about == "clerk" and subject else subject
        if about == "hall":
            subject = None
        elif not subject or not _SUBJECT.fullmatch(subject):
            return False
        self.kind, self.about, self.subject, self.subject_label = kind, about, subject, label
        self.machine.fire(ComplaintEvent.CHOSEN)
        return True

    def write(self, text: str) -> None:
        """What the keyboard holds: kept up to the limit (the keyboard stops there too)."""
        self.text = text[:MAX_TEXT]

    @property
    def text_ok(self) -> bool:
        return bool(self.text.strip())

    def written(self) -> bool:
        if not self.text_ok:
            return False
        self.machine.fire(ComplaintEvent.WRITTEN)
        return True

    def set_consent(self, consent: bool) -> None:
        self.consent = consent
        if not consent:
            self.phone = ""  # no consent, no number kept

    def set_phone(self, phone: str) -> None:
        self.phone = re.sub(r"[\s-]", "", phone) if self.consent else ""

    @property
    def phone_ok(self) -> bool:
        """Nothing given, or a mainland mobile number with consent."""
        return not self.phone or (self.consent and bool(_MOBILE.fullmatch(self.phone)))

    def request(self) -> m.ComplaintCreate:
        return m.ComplaintCreate(
            kind=m.ComplaintKind(self.kind),
            about=m.ComplaintAbout(self.about),
            subject=self.subject,
            text=self.text,
            phone=self.phone or None,
            phone_consent=bool(self.phone) and self.consent,
        )

    # -- the hub's answer ------------------------------------------------------------------

    def send(self) -> tuple[m.ComplaintCreate, str]:
        """The request and its idempotency key (the same on every retry of this complaint)."""
        if not self.phone_ok:
            raise ValueError("the phone number is not a mobile number")
        self.key = self.key or uuid.uuid4().hex
        request = self.request()
        self.machine.fire(
            ComplaintEvent.RETRY if self.state is ComplaintState.FAILED else ComplaintEvent.SEND
        )
        return request, self.key

    def sent(self, receipt: m.ComplaintReceipt) -> None:
        self.receipt = receipt
        self.machine.fire(ComplaintEvent.SENT)

    def failed(self, exc: Exception) -> None:
        if isinstance(exc, HubRejected):
            self.refusal, self.hub_message = ComplaintRefusal.REJECTED, exc.citizen_message
        elif isinstance(exc, HubUnreachable):
            self.refusal = ComplaintRefusal.HUB_UNREACHABLE
        else:
            self.refusal = ComplaintRefusal.HUB_FAILURE
        self.machine.fire(ComplaintEvent.FAILED)

    def back(self) -> None:
        self.machine.fire(ComplaintEvent.BACK)

    def dismiss(self) -> None:
        self.machine.fire(ComplaintEvent.DISMISS)

    def forget(self) -> None:
        """The session ended: nothing of the complaint stays on the terminal."""
        self.subject, self.subject_label, self.text = None, "", ""
        self.consent, self.phone, self.key = False, "", ""
        self.receipt, self.refusal, self.hub_message = None, None, ""
