"""Evaluations (好差评): ratings of tickets and cases, bad ones and their follow-up."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from contract.models.cases import ReceiptCode
from contract.models.common import Code, ContractModel


class Rating(enum.IntEnum):
    """好差评 five levels (GB/T 39734-2020)."""

    VERY_SATISFIED = 5  # 非常满意
    SATISFIED = 4  # 满意
    BASIC = 3  # 基本满意
    UNSATISFIED = 2  # 不满意
    VERY_UNSATISFIED = 1  # 非常不满意


class BadReason(enum.StrEnum):
    ATTITUDE = "attitude"  # 服务态度不好
    EFFICIENCY = "efficiency"  # 办事效率低
    REPEATED_VISITS = "repeated_visits"  # 多次跑动
    REPEATED_MATERIALS = "repeated_materials"  # 材料重复提交
    UNCLEAR_POLICY = "unclear_policy"  # 政策解释不清
    LONG_WAIT = "long_wait"  # 等候时间长
    SYSTEM = "system"  # 系统或设备故障
    OTHER = "other"  # 其他


class SubjectType(enum.StrEnum):
    TICKET = "ticket"  # a counter service event
    CASE = "case"


class EvaluationCreate(ContractModel):
    subject_type: SubjectType
    subject_id: str = Field(min_length=1, max_length=32)
    rating: Rating
    reasons: list[BadReason] = Field(default_factory=list, max_length=8)
    comment: str = Field(default="", max_length=500)
    channel: Annotated[str, StringConstraints(pattern=r"^[1-5]$")] = "5"


# A case number as a receipt's QR prints it (``YM1:C:<number>:<check>:<code>``,
# contract.payloads).
ReceiptCaseNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Z](?:[0-9A-Z-]{0,38}[0-9A-Z])?$")
]


class CaseReceiptRef(ContractModel):
    """A case named by what its printed receipt's QR carries: the case number, its ISO 7064
    check character and the receipt's random code. Holding the receipt is the proof: a wrong
    or missing code is answered exactly like an unknown number. The answer carries no personal
    data."""

    case_number: ReceiptCaseNumber
    check: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]$")]
    code: ReceiptCode | None = None


class CaseToRate(ContractModel):
    """What a rating screen may show of a case named by its receipt (no personal data)."""

    case_number: str
    item_name: str
    item_name_en: str = ""  # the catalog's English name, "" when it has none
    evaluated: bool  # already rated: one evaluation per case


class CaseReceiptEvaluation(ContractModel):
    """好差评 of a case named by its receipt (``POST /evaluations/case-receipt``)."""

    receipt: CaseReceiptRef
    rating: Rating
    reasons: list[BadReason] = Field(default_factory=list, max_length=8)
    comment: str = Field(default="", max_length=500)
    channel: Annotated[str, StringConstraints(pattern=r"^[1-5]$")] = "5"


class EvaluationRecorded(ContractModel):
    evaluation_id: int
    subject_type: SubjectType
    subject_id: str  # for a case named by its receipt, the case number (not the hub's id)
    rating: Rating
    created_at: datetime


class FollowUpState(enum.StrEnum):
    """Where a bad rating's follow-up stands: 回访, 整改, 答复 in that order; an appeal (申诉)
    that a manager upholds voids the rating, one dismissed returns it where it was."""

    OPEN = "open"
    VISITED = "visited"  # 回访: the citizen was contacted
    RECTIFIED = "rectified"  # 整改: what was wrong was put right
    ANSWERED = "answered"  # 答复: the citizen was told (the follow-up is done)
    APPEALED = "appealed"  # 申诉: staff hold the rating mistaken or malicious
    VOIDED = "voided"  # 申诉成立: the rating no longer counts


class FollowUpStep(enum.StrEnum):
    VISIT = "visit"
    RECTIFY = "rectify"
    ANSWER = "answer"
    APPEAL = "appeal"
    UPHOLD = "uphold"  # a manager upholds the appeal
    DISMISS = "dismiss"  # a manager dismisses it


Note = Annotated[str, StringConstraints(min_length=5, max_length=1000, strip_whitespace=True)]


class FollowUpAction(ContractModel):
    """A step a window's clerk records (the clerk signed in at ``counter_code`` is who did it)."""

    step: Literal[
        FollowUpStep.VISIT, FollowUpStep.RECTIFY, FollowUpStep.ANSWER, FollowUpStep.APPEAL
    ]
    counter_code: Code
    note: Note


class AppealDecision(ContractModel):
    """A manager's decision on an appeal (申诉)."""

    upheld: bool
    decided_by: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    note: Note


class FollowUpRecord(ContractModel):
    step: FollowUpStep
    at: datetime
    by: str  # a clerk's staff number, or the manager who decided
    note: str


class BadEvaluation(ContractModel):
    """A bad rating as staff see it: no rater data (GB/T 39734 keeps raters confidential),
    with its follow-up: the department answering for it, the deadline (working days), where it
    stands and who did what."""

    evaluation_id: int
    subject_type: SubjectType
    counter_code: str | None
    rating: Rating
    reasons: list[BadReason]
    comment: str
    created_at: datetime
    follow_up: str | None  # the answer given (答复)
    followed_up_at: datetime | None
    department: str = ""
    due_date: date | None = None
    state: FollowUpState = FollowUpState.OPEN
    overdue: bool = False
    steps: list[FollowUpRecord] = Field(default_factory=list)


class FollowUp(ContractModel):
    """整改 and the answer given to the citizen for a bad rating."""

    text: str = Field(min_length=5, max_length=1000)
