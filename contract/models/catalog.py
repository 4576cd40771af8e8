"""The catalog: items (三级四同 fields), materials, form schema, fees, delivery, channels."""

from __future__ import annotations

import enum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from contract.models.common import Code, ContractModel


class ItemType(enum.StrEnum):
    """事项类型 (the seven kinds of government service items)."""

    LICENSING = "行政许可"
    PAYMENT = "行政给付"
    CONFIRMATION = "行政确认"
    REWARD = "行政奖励"
    ADJUDICATION = "行政裁决"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class ItemLevel(enum.StrEnum):
    PROVINCE = "省级"
    CITY = "市级"
    DISTRICT = "县级"
    STREET = "乡级"


class DeliveryMethod(enum.StrEnum):
    PICKUP = "pickup"  # 窗口领取
    EMS = "ems"  # 邮寄送达
    ELECTRONIC = "electronic"  # 电子证照 / 网上下载


class Channel(enum.StrEnum):
    HALL = "hall"
    KIOSK = "kiosk"
    COMMUNITY = "community"
    ONLINE = "online"
    MOBILE = "mobile"


# Yuan, as the fee schedules write it: "20", "12.50".
AmountCny = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")]

# Each citizen-facing Chinese word may carry its English beside it (``*_en``), shown when the
# citizen chose English; an empty one falls back to the Chinese (kiosk.catalog_words). Codes,
# legal bases and the answers stored stay Chinese.


class ApplicantType(enum.StrEnum):
    """Who an item serves: a person (自然人) or a company (法人和其他组织, by its USCC)."""

    PERSON = "person"
    COMPANY = "company"


# The 授权委托书: a company case comes with it (the agent at the terminal acts for the company),
# so an item serving companies lists it among its materials (not required of a person).
AUTHORISATION_MATERIAL = "authorisation"


class MaterialSpec(ContractModel):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    name_en: str = Field(default="", max_length=300)
    required: bool = True
    copies: int = Field(default=1, ge=0, le=20)
    electronic_ok: bool = True
    note: str = ""
    note_en: str = ""


class FieldKind(enum.StrEnum):
    """What a form field asks for; the answer shape follows from it (see ``FormAnswer``)."""

    TEXT = "text"
    NUMBER = "number"  # a non-negative decimal, as text ("4500", "4500.50")
    DATE = "date"  # ISO 8601 calendar date ("2025-03-01")
    PHONE = "phone"
    SELECT = "select"  # one of ``options``
    ID_NUMBER = "id_number"  # an 18-character resident ID number (GB 11643), check digit right
    MULTI_SELECT = "multi_select"  # a list of distinct ``options``
    ADDRESS = "address"  # text of at least ``ADDRESS_MIN_LENGTH`` characters
    GROUP = "group"  # a repeating group: a list of rows, each an object of sub-field answers


# Kinds whose answer is one scalar: the only kinds a group's sub-fields may have.
SIMPLE_FIELD_KINDS = frozenset(set(FieldKind) - {FieldKind.MULTI_SELECT, FieldKind.GROUP})
ADDRESS_MIN_LENGTH = 6  # characters: "某某路1号" is not yet an address a courier can find


class _FieldBase(ContractModel):
    name: Code
    label: str
    label_en: str = ""
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    options: list[str] = Field(default_factory=list, max_length=50)
    # The options in English, in the same order: shown only; the answer is the Chinese option.
    options_en: list[str] = Field(default_factory=list, max_length=50)
    max_length: int = Field(default=200, ge=1, le=5000)

    def _check_options(self) -> None:
        choosing = self.kind in (FieldKind.SELECT, FieldKind.MULTI_SELECT)
        if choosing and not self.options:
            raise ValueError(f"field {self.name}: a {self.kind.value} field needs options")
        if not choosing and self.options:
            raise ValueError(f"field {self.name}: only select fields have options")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"field {self.name}: an option appears twice")
        if self.options_en and len(self.options_en) != len(self.options):
            raise ValueError(
                f"field {self.name}: options_en has {len(self.options_en)} entries for"
                f" {len(self.options)} options; give one English word per option, in the same"
                " order, or none"
            )


class FormSubField(_FieldBase):
    """One column of a repeating group (e.g. 姓名, 关系, 身份证号): a simple kind only."""

    @model_validator(mode="after")
    def _simple(self) -> FormSubField:
        if self.kind not in SIMPLE_FIELD_KINDS:
            raise ValueError(f"sub-field {self.name}: a group's fields have simple kinds")
        self._check_options()
        return self


class FormField(_FieldBase):
    """One field of an item's form. A required multi-choice needs at least one choice and a
    required group at least one row, whatever ``min_choices`` / ``min_rows`` say."""

    min_choices: int = Field(default=0, ge=0, le=50)  # multi_select only
    max_choices: int | None = Field(default=None, ge=1, le=50)  # multi_select; None: no limit
    min_rows: int = Field(default=0, ge=0, le=50)  # group only
    max_rows: int = Field(default=10, ge=1, le=50)  # group only
    fields: list[FormSubField] = Field(default_factory=list, max_length=20)  # group only

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        self._check_options()
        multi = self.kind is FieldKind.MULTI_SELECT
        if not multi and (self.min_choices or self.max_choices is not None):
            raise ValueError(f"field {self.name}: only multi_select fields count choices")
        if multi and self.min_choices > min(self.max_choices or 50, len(self.options)):
            raise ValueError(f"field {self.name}: min_choices exceeds what can be chosen")
        group = self.kind is FieldKind.GROUP
        if group != bool(self.fields):
            raise ValueError(f"field {self.name}: a group (and only a group) has fields")
        if group and self.min_rows > self.max_rows:
            raise ValueError(f"field {self.name}: min_rows exceeds max_rows")
        if not group and self.min_rows:
            raise ValueError(f"field {self.name}: only group fields count rows")
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"field {self.name}: a sub-field name appears twice")
        return self


# Answers (``CaseCreate.form``): a scalar for the simple kinds (text, number, date, phone,
# select, ID number, address), a list of strings for multi_select, a list of row objects for a
# group. Older terminals sent a multi-choice as "A、B" and a group as a JSON string: still valid
# shapes here; the hub reads them as the new shapes (contract.answers.upgrade_legacy).
FormScalar = str | int | float | bool | None
GroupRow = dict[Annotated[str, StringConstraints(max_length=64)], FormScalar]
FormAnswer = (
    FormScalar
    | Annotated[list[Annotated[str, StringConstraints(max_length=500)]], Field(max_length=50)]
    | Annotated[list[GroupRow], Field(max_length=50)]
)


class Fee(ContractModel):
    amount_cny: AmountCny = "0"
    basis: str = ""
    basis_en: str = ""


class CatalogItem(ContractModel):
    """One 事项 with the 三级四同 fields (name, code, type, legal basis) plus level and routing."""

    code: Code  # implementation code (实施编码)
    basic_code: Code  # basic code (基本编码), the same at every level
    name: str = Field(min_length=1, max_length=200)
    name_en: str = Field(default="", max_length=300)
    item_type: ItemType
    legal_basis: str = Field(min_length=1)
    level: ItemLevel
    department: str = Field(min_length=1, max_length=100)
    department_en: str = Field(default="", max_length=200)
    sites: list[Code] = Field(default_factory=list)
    ticket_category: Code = "general"
    promised_days: int = Field(ge=0, le=365)  # 承诺时限, working days from acceptance
    statutory_days: int | None = Field(default=None, ge=0, le=365)
    fee: Fee = Fee()
    delivery: list[DeliveryMethod] = Field(default_factory=lambda: [DeliveryMethod.PICKUP])
    # What posting the result by EMS costs the citizen ("0": free, the government pays).
    ems_fee_cny: AmountCny = "0"
    # Working days the citizen has to bring materials not uploaded (the receipt's deadline).
    bring_within_days: int = Field(default=5, ge=0, le=60)
    channels: list[Channel] = Field(default_factory=lambda: [Channel.HALL])
    materials: list[MaterialSpec] = Field(default_factory=list)
    form: list[FormField] = Field(default_factory=list)
    self_service: bool = False
    # The counter sees the applicant's credit status (信用查询) when it opens a case of this item.
    credit_check: bool = False
    # Who may apply: people, companies (through an agent with an authorisation letter), or both.
    applicant_types: list[ApplicantType] = Field(
        default_factory=lambda: [ApplicantType.PERSON], min_length=1, max_length=2
    )

    @model_validator(mode="after")
    def _companies_bring_authorisation(self) -> CatalogItem:
        if ApplicantType.COMPANY not in self.applicant_types:
            return self
        spec = next((s for s in self.materials if s.code == AUTHORISATION_MATERIAL), None)
        if spec is None or (spec.required and ApplicantType.PERSON in self.applicant_types):
            raise ValueError(
                f"item {self.code}: an item serving companies lists the material"
                f" {AUTHORISATION_MATERIAL!r} (not required when people apply too)"
            )
        return self

    @model_validator(mode="after")
    def _ems_fee_needs_ems(self) -> CatalogItem:
        if DeliveryMethod.EMS not in self.delivery and float(self.ems_fee_cny) != 0:
            raise ValueError(
                f"item {self.code}: ems_fee_cny is {self.ems_fee_cny} but ems is not among its"
                " delivery methods"
            )
        return self


class Catalog(ContractModel):
    version: str
    items: list[CatalogItem]


class CatalogImportReport(ContractModel):
    imported: int
    version: str
