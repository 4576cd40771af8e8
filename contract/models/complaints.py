"""Complaints and suggestions (投诉建议) for the one number of supervision (12345).

A citizen at a kiosk says what it is about (a window, a clerk, an item or the hall, named by the
window's code, the clerk's staff number or the item's code), writes the text and may leave a
mainland mobile number — only with explicit consent, for the platform to call back. The hub
answers with a reference number (``TS`` + date + daily sequence + check digit), keeps the
complaint and forwards it to the 12345 platform; its status is looked up by that reference
alone, and says nothing of what was written or who wrote it.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from contract.models.common import Code, ContractModel

MAX_COMPLAINT_TEXT = 2000  # characters, after surrounding blanks are stripped
# A mainland mobile number (11 digits, 13x–19x); the platform calls it back.
MOBILE_PATTERN = r"^1[3-9][0-9]{9}$"
MobileNumber = Annotated[str, StringConstraints(pattern=MOBILE_PATTERN)]
# ``TS`` + yyyymmdd + six-digit daily sequence + Luhn check digit (another prefix if the
# district sets one: letters, then digits).
ComplaintReference = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,4}[0-9]{9,20}$")]
ComplaintText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_COMPLAINT_TEXT),
]


class ComplaintKind(enum.StrEnum):
    COMPLAINT = "complaint"  # 投诉
    SUGGESTION = "suggestion"  # 建议


class ComplaintAbout(enum.StrEnum):
    """What it is about, and so what ``subject`` names."""

    WINDOW = "window"  # a window: its counter code
    CLERK = "clerk"  # a clerk: their staff number (工号, on the window's name plate)
    ITEM = "item"  # a service item: its catalog code
    HALL = "hall"  # the hall (or service point) as a whole: no subject


class ComplaintState(enum.StrEnum):
    RECEIVED = "received"  # kept at the hub, waiting to be forwarded
    FORWARDED = "forwarded"  # the 12345 platform has it
    REPLIED = "replied"  # the platform answered the citizen
    CLOSED = "closed"  # the platform closed it


class ComplaintCreate(ContractModel):
    """``POST /complaints`` (hall and community terminals; ``Idempotency-Key`` required)."""

    kind: ComplaintKind
    about: ComplaintAbout
    subject: Code | None = None  # None for the hall; required for the others
    text: ComplaintText
    phone: MobileNumber | None = None
    # The citizen agreed that the number be kept and given to the platform to call back.
    phone_consent: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.phone is not None and not self.phone_consent:
            raise ValueError("a phone number is kept only with the citizen's consent")
        if self.about is ComplaintAbout.HALL and self.subject is not None:
            raise ValueError("a complaint about the hall names no subject")
        if self.about is not ComplaintAbout.HALL and self.subject is None:
            raise ValueError(f"a complaint about a {self.about.value} names it (subject)")
        return self


class ComplaintReceipt(ContractModel):
    """What the citizen is given (and the kiosk prints): the reference to follow it by."""

    reference: str
    kind: ComplaintKind
    about: ComplaintAbout
    subject: str | None
    subject_name: str = ""  # the window's or item's name, "" for a clerk and the hall
    state: ComplaintState
    submitted_at: datetime


class ComplaintStatus(ContractModel):
    """A complaint's progress by its reference (``GET /complaints/{reference}``): no text, no
    phone number — the reference is all it takes to ask."""

    reference: str
    kind: ComplaintKind
    about: ComplaintAbout
    subject: str | None
    subject_name: str = ""
    state: ComplaintState
    submitted_at: datetime
    forwarded_at: datetime | None = None
    replied_at: datetime | None = None
    closed_at: datetime | None = None


class ComplaintForward(ContractModel):
    """What the hub gives the 12345 platform (the webhook's JSON body): ``reference`` is also
    the idempotency key, so a forward sent again is one complaint there."""

    reference: str
    kind: ComplaintKind
    about: ComplaintAbout
    subject: str | None
    subject_name: str = ""
    site_code: str
    terminal_id: str
    text: str
    phone: str | None = None  # only when the citizen consented
    submitted_at: datetime


class ComplaintForwarded(BaseModel):
    """The platform's answer to a forward: its own reference for the complaint (anything else
    it says is passed by)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    platform_reference: str = Field(default="", max_length=64)


class ComplaintPlatformUpdate(ContractModel):
    """``POST /complaints/platform-updates`` from the 12345 platform (signed like the webhook):
    the complaint was answered or closed there."""

    reference: ComplaintReference
    state: Literal[ComplaintState.REPLIED, ComplaintState.CLOSED]
