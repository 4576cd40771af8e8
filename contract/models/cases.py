"""Cases: create, materials, transitions, lookups, status."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from contract.models.catalog import ApplicantType, Channel, DeliveryMethod, FormAnswer
from contract.models.common import MAX_INT, Code, ContractModel, IdNumber, Sha256Hex, Uscc
from contract.privacy import mask_id, mask_name

# ``POST /cases/with-materials`` (multipart/form-data): the first part, named so, holds the
# CaseCreate JSON; every later part is one declared material, named by its code.
CASE_PART = "case"


class CaseState(enum.StrEnum):
    SUBMITTED = "submitted"  # 申请
    ACCEPTED = "accepted"  # 受理
    REJECTED = "rejected"  # 不予受理
    SUPPLEMENT_REQUESTED = "supplement_requested"  # 补正
    PROCESSING = "processing"  # 办理
    SUSPENDED = "suspended"  # 特别程序 (clock paused)
    DONE = "done"  # 办结
    DELIVERED = "delivered"  # 送达


class CaseAction(enum.StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    REQUEST_SUPPLEMENT = "request-supplement"
    SUPPLEMENT = "supplement"  # the applicant supplied what was asked
    PROCESS = "process"
    SUSPEND = "suspend"
    RESUME = "resume"
    FINISH = "finish"
    DELIVER = "deliver"


class IdentitySource(enum.StrEnum):
    """Which document proved the applicant's identity at the terminal."""

    ID_CARD = "id_card"  # resident ID card (or permit) read by the card reader
    SOCIAL_SECURITY_CARD = "social_security_card"  # 社会保障卡 read by the card reader
    QR = "qr"  # dynamic identity QR resolved at the hub
    MANUAL = "manual"  # typed, where the item allows it: check the original at the window


class Person(ContractModel):
    name: str = Field(min_length=1, max_length=50)
    id_number: IdNumber
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9+ -]{5,20}$")] | None = None


class Company(ContractModel):
    """A company applicant (法人): who it is by its unified social credit code, as its business
    licence shows. The legal representative is a person: masked wherever a person is."""

    uscc: Uscc  # upper-cased, check character verified
    name: str = Field(min_length=1, max_length=100)
    legal_representative: str = Field(min_length=1, max_length=50)

    def __repr__(self) -> str:  # never the full code nor the representative in a log
        return f"Company(uscc={mask_id(self.uscc)!r}, name=..., legal_representative=...)"

    __str__ = __repr__


class CompanyView(ContractModel):
    """A company applicant as screens and receipts show it (masked as a person would be)."""

    name: str
    uscc_masked: str
    legal_representative_masked: str

    @classmethod
    def of(cls, uscc: str, name: str, legal_representative: str) -> CompanyView:
        return cls(
            name=name,
            uscc_masked=mask_id(uscc),
            legal_representative_masked=mask_name(legal_representative),
        )


class MaterialDeclaration(ContractModel):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    sha256: Sha256Hex
    size: int = Field(gt=0, le=MAX_INT)
    media_type: Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9.+-]+$")] = (
        "application/pdf"
    )


# A receipt code (contract.payloads.new_receipt_code makes 8 of these characters).
ReceiptCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{8,16}$")]


class CaseCreate(ContractModel):
    """A case. With ``company`` the applicant is that company and ``applicant`` is the person
    acting for it at the terminal (经办人), proven by their own card and bringing the company's
    authorisation letter (``AUTHORISATION_MATERIAL``); without it the applicant is the person."""

    item_code: Code
    applicant: Person
    # How the applicant proved who they are (None: a client that does not say).
    identity_source: IdentitySource | None = None
    agent: Person | None = None  # 代办: the community worker submitting on the citizen's behalf
    form: dict[str, FormAnswer] = Field(default_factory=dict)
    materials: list[MaterialDeclaration] = Field(default_factory=list, max_length=50)
    delivery: DeliveryMethod = DeliveryMethod.PICKUP
    delivery_address: str | None = Field(default=None, max_length=300)
    channel: Channel = Channel.KIOSK
    ticket_id: str | None = Field(default=None, max_length=32)
    # The random code printed on the receipt and carried by its QR (contract.payloads): whoever
    # holds the receipt may rate the case. The hub keeps only its hash. None: a counter-created
    # case or an older terminal; such a case cannot be rated from its receipt.
    receipt_code: ReceiptCode | None = None
    company: Company | None = None  # None: a person's case (and every case of older clients)

    @property
    def applicant_type(self) -> ApplicantType:
        return ApplicantType.PERSON if self.company is None else ApplicantType.COMPANY


class CaseEventView(ContractModel):
    state: CaseState
    at: datetime
    detail: dict[str, Any] = Field(default_factory=dict)


class CaseReceipt(ContractModel):
    case_id: str
    case_number: str
    item_code: str
    item_name: str
    state: CaseState
    submitted_at: datetime
    due_date: date | None
    materials_pending: list[str]
    applicant_type: ApplicantType = ApplicantType.PERSON
    company: CompanyView | None = None  # a company case's applicant (the agent is the person)


class CaseTransition(ContractModel):
    action: CaseAction
    reason: str | None = Field(default=None, max_length=500)
    materials: list[str] = Field(default_factory=list)  # what the applicant must supplement
    deadline: date | None = None
    result_code: str | None = Field(default=None, max_length=64)
    certificate_number: str | None = Field(default=None, max_length=64)
    fee_cny: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")] | None = None
    delivery: DeliveryMethod | None = None
    waybill: str | None = Field(default=None, max_length=64)


class CaseDetail(ContractModel):
    """Staff view (counter terminals)."""

    case_id: str
    case_number: str
    item_code: str
    state: CaseState
    applicant_name_masked: str
    id_number_masked: str
    submitted_at: datetime
    due_date: date | None
    materials_pending: list[str]
    events: list[CaseEventView]
    identity_source: IdentitySource | None = None
    # A company case: the company applies; the name and ID number above are its agent's (经办人).
    applicant_type: ApplicantType = ApplicantType.PERSON
    company: CompanyView | None = None


class CaseLookup(ContractModel):
    """Proof for a status lookup: the full ID number (read from the card), its last six, the
    receipt's code (in its QR: holding the printed receipt is the proof), or for a company's
    case its unified social credit code (the agent's ID number proves it as well)."""

    case_number: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9-]{6,32}$")]
    id_number: IdNumber | None = None
    id_last6: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}[0-9Xx]$")] | None = None
    receipt_code: ReceiptCode | None = None
    uscc: Uscc | None = None


class ApplicantCases(ContractModel):
    """A citizen's own cases, asked for with the ID number read from their card (进度查询 by
    card alone: the card is the proof, and the citizen may have only a provisional receipt)."""

    id_number: IdNumber


MAX_APPLICANT_CASES = 10  # the newest ones; older cases are asked for by number


class CaseStatus(ContractModel):
    case_number: str
    item_name: str
    item_name_en: str = ""  # the catalog's English name, "" when it has none
    state: CaseState
    applicant_name_masked: str
    submitted_at: datetime
    due_date: date | None
    events: list[CaseEventView]
    company: CompanyView | None = None  # a company's case: the applicant (masked as above)
