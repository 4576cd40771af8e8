"""The window's acceptance workbench (受理): a clerk opens a case, reviews its materials and
decides — 受理, 补正 (一次性告知: every missing or defective material at once) or 不予受理 — and
the hub records the decision with the clerk, the window and the time, and answers with the
notice to print.

A decision names the window (``counter_code``) whose signed-in clerk makes it and carries an
``Idempotency-Key``: a double click or a retry never decides twice.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from contract.models.cases import CaseAction, CaseState, CaseTransition, IdentitySource
from contract.models.catalog import Channel, DeliveryMethod
from contract.models.common import Code, ContractModel
from contract.models.counters import CardAtWindow

Text = Annotated[str, StringConstraints(max_length=500)]
Short = Annotated[str, StringConstraints(max_length=200)]


class NoticeKind(enum.StrEnum):
    ACCEPTANCE = "acceptance"  # 受理通知书
    SUPPLEMENT = "supplement"  # 一次性告知书（补正材料通知书）
    REJECTION = "rejection"  # 不予受理告知书


class Verdict(enum.StrEnum):
    OK = "ok"  # 合格
    DEFECTIVE = "defective"  # 不合格 (with a reason)


class MaterialReview(ContractModel):
    """The clerk's verdict on one material of the case."""

    code: Code
    verdict: Verdict
    reason: Short = ""

    @model_validator(mode="after")
    def _reason_when_defective(self) -> Self:
        if self.verdict is Verdict.DEFECTIVE and not self.reason.strip():
            raise ValueError("a defective material needs a reason")
        return self


class NoticeLine(ContractModel):
    """One entry of a 补正 notice: a material of the item (``code``) or a free entry (None)."""

    code: Code | None = None
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    reason: Short = ""  # what is missing or wrong with it


class Decision(enum.StrEnum):
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    REJECT = "reject"


class CaseDecision(ContractModel):
    """受理, 补正 or 不予受理, with what its notice needs."""

    decision: Decision
    lines: list[NoticeLine] = Field(default_factory=list, max_length=50)  # 补正: all of them
    note: Text = ""
    deadline: date | None = None  # 补正: by when the applicant supplies them
    reason: Text = ""  # 不予受理: why
    legal_basis: Text = ""  # 不予受理: the rule
    # 补正 a second time naming a material the first notice did not: why it was missed then
    # (一次性告知 forbids it; the hub counts these for the reports).
    late_reason: Text = ""

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.decision is Decision.SUPPLEMENT and not (self.lines and self.deadline):
            raise ValueError("a 补正 lists what to supply and by when")
        if self.decision is Decision.REJECT and not (self.reason.strip() and self.legal_basis):
            raise ValueError("a rejection needs a reason and its legal basis")
        return self


class Notice(ContractModel):
    """A decision's notice, as the hub recorded it: everything the printed page says."""

    notice_number: str
    kind: NoticeKind
    case_number: str
    item_code: str
    item_name: str
    applicant_name: str  # in full: the notice is handed to the applicant
    applicant_id_masked: str
    lines: list[NoticeLine] = Field(default_factory=list)
    note: str = ""
    deadline: date | None = None  # 补正
    due_date: date | None = None  # 受理: promised completion
    promised_days: int | None = None  # 受理: working days
    reason: str = ""  # 不予受理
    legal_basis: str = ""
    issued_at: datetime
    staff_no: str
    staff_name: str
    counter_code: str
    counter_name: str


class MaterialAtWindow(ContractModel):
    code: str
    name: str
    size: int
    uploaded: bool  # False: declared, the file has not reached the hub yet
    review: MaterialReview | None = None


class CompanyAtWindow(ContractModel):
    """A company applicant at the workbench: its code and legal representative shown in full on
    the same terms as the applicant's (their agent's) name and ID number, masked otherwise."""

    name: str
    uscc: str
    legal_representative: str


class CaseAtWindow(ContractModel):
    """A case as the clerk sees it at the workbench. The applicant's name and ID number are in
    full only when the citizen's card was read at this window for this case, or the case came
    with a verified identity (card or identity code); masked otherwise."""

    case_id: str
    case_number: str
    item_code: str
    item_name: str
    state: CaseState
    channel: Channel
    applicant_name: str
    applicant_id: str
    identity_verified: bool
    agent_name_masked: str = ""  # 代办: the community worker who submitted it
    form: dict[str, object] = Field(default_factory=dict)  # the answers, by field code
    delivery: DeliveryMethod
    delivery_address_masked: str = ""
    materials: list[MaterialAtWindow]
    submitted_at: datetime
    due_date: date | None
    held_by: str | None = None  # the staff number of the clerk who has it open
    notices: list[Notice] = Field(default_factory=list)  # every notice so far, oldest first
    identity_source: IdentitySource | None = None
    # A company's case: the company applies, and applicant_name/applicant_id are its agent's.
    company: CompanyAtWindow | None = None


class DecisionMade(ContractModel):
    case: CaseAtWindow
    notice: Notice


AFTER_ACCEPTANCE = frozenset(
    {
        CaseAction.PROCESS,
        CaseAction.SUSPEND,
        CaseAction.RESUME,
        CaseAction.FINISH,
        CaseAction.DELIVER,
    }
)


class CaseProgress(ContractModel):
    """A step after acceptance at the window: 办理, 特别程序 and back, 办结 (result, certificate
    number), 送达 — picked up (the collector's card read at the window: the applicant or their
    agent) or sent by EMS (the waybill)."""

    step: CaseTransition
    collector: CardAtWindow | None = None

    @model_validator(mode="after")
    def _after_acceptance(self) -> Self:
        if self.step.action not in AFTER_ACCEPTANCE:
            raise ValueError("受理, 补正 and 不予受理 are decisions (POST …/decision)")
        pickup = self.step.delivery is DeliveryMethod.PICKUP
        if self.step.action is CaseAction.DELIVER and pickup and self.collector is None:
            raise ValueError("a pickup needs the collector's card read at the window")
        return self


class OpenCase(ContractModel):
    """Open a case at the workbench; with the citizen's card read at the window when they are
    there (their name and ID number then show in full)."""

    card: CardAtWindow | None = None


class CaseLine(ContractModel):
    """One case in the window's lists: the clerk's accepted cases, the 预审 queue."""

    case_id: str
    case_number: str
    item_name: str
    state: CaseState
    channel: Channel
    applicant_name_masked: str
    submitted_at: datetime
    due_date: date | None
    overdue: bool = False


class ReturnedCase(ContractModel):
    """A case this terminal submitted that a window sent back (补正 or 不予受理), with the
    notice: what the community worker tells the citizen (names masked on the screen)."""

    case_id: str
    case_number: str
    item_name: str
    state: CaseState
    applicant_name_masked: str
    notice: Notice
