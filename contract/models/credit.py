"""Credit checks (信用查询): a person's or a company's standing on the 守信 (red) and 失信 (black)
lists, as the district's credit system keeps them.

Who is asked about (``CreditSubject``) is a person by resident ID number or a company by its
unified social credit code (USCC, GB 32100); both are checked here, so a mistyped number is a
422 before anything is looked up. What is answered (``CreditRecord``) names the subject only
masked (contract.privacy): the record is shown on screens and printed on slips.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Self

from pydantic import Field, model_validator

from contract import idnumber
from contract.models.cases import IdentitySource
from contract.models.common import ContractModel
from contract.privacy import mask_id


class CreditSubjectKind(enum.StrEnum):
    PERSON = "person"  # 自然人: resident ID number
    COMPANY = "company"  # 法人和其他组织: unified social credit code


class CreditList(enum.StrEnum):
    RED = "red"  # 守信红名单
    BLACK = "black"  # 失信黑名单


class CreditStatus(enum.StrEnum):
    """The record's headline: on the black list at all is 失信 (whatever red entries there are
    besides), else on the red list 守信, else no record found."""

    RED = "red"  # 守信
    BLACK = "black"  # 失信
    NOT_LISTED = "not_listed"  # 未见记录


class CreditSubject(ContractModel):
    kind: CreditSubjectKind
    number: str = Field(min_length=1, max_length=32)  # upper-cased; checked for its kind

    @model_validator(mode="after")
    def _checked(self) -> Self:
        number = self.number.strip().upper()
        if self.kind is CreditSubjectKind.PERSON:
            why = idnumber.problem(number)
            if why is not None:
                raise ValueError(f"not a valid resident ID number ({why.value})")
        elif not idnumber.credit_code_valid(number):
            raise ValueError("not a valid unified social credit code (GB 32100)")
        object.__setattr__(self, "number", number)  # frozen: normalised once, here
        return self

    def masked(self) -> str:
        return mask_id(self.number)

    def __repr__(self) -> str:  # never the full number in a log or a traceback
        return f"CreditSubject(kind={self.kind.value}, number={self.masked()!r})"

    __str__ = __repr__


class CreditEntry(ContractModel):
    """One listing: which list, who listed (the list's source), since when and why."""

    list: CreditList
    source: str = Field(min_length=1, max_length=100)  # e.g. 区发改委, 省公共信用信息平台
    listed_on: date
    reason: str = Field(default="", max_length=200)


class CreditRecord(ContractModel):
    """A subject's credit status as answered at ``checked_at`` by ``provider``."""

    kind: CreditSubjectKind
    subject_masked: str
    status: CreditStatus
    entries: list[CreditEntry] = Field(default_factory=list)
    checked_at: datetime
    provider: str  # the credit system that answered (the district's lists, a platform)

    @staticmethod
    def status_of(entries: list[CreditEntry]) -> CreditStatus:
        lists = {e.list for e in entries}
        if CreditList.BLACK in lists:
            return CreditStatus.BLACK
        return CreditStatus.RED if lists else CreditStatus.NOT_LISTED


# Documents that prove at the kiosk that the number is the citizen's own (not typed).
SELF_LOOKUP_SOURCES = frozenset(
    {IdentitySource.ID_CARD, IdentitySource.SOCIAL_SECURITY_CARD, IdentitySource.QR}
)


class CreditSelfQuery(ContractModel):
    """A citizen's own record at a hall or community kiosk: the ID number read from their card
    (or resolved from their e-ID code) and which of these it was; a typed number is refused."""

    id_number: str = Field(min_length=1, max_length=32)
    identity_source: IdentitySource

    def subject(self) -> CreditSubject:
        return CreditSubject(kind=CreditSubjectKind.PERSON, number=self.id_number)

    @model_validator(mode="after")
    def _checked(self) -> Self:
        self.subject()  # the same check as any person's number (422 when wrong)
        return self

    def __repr__(self) -> str:
        number, source = mask_id(self.id_number), self.identity_source.value
        return f"CreditSelfQuery(id_number={number!r}, identity_source={source})"

    __str__ = __repr__


class CreditImportReport(ContractModel):
    imported: int  # entries added or updated
    batch: str  # the import batch they carry
    replaced: int = 0  # entries removed first (``--replace``)
