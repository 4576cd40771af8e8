"""The shared contract: every request and response of the central API, as pydantic v2 models.

Both sides use this module: the hub validates requests and serialises responses with it, the
kiosk client parses responses into it. The OpenAPI document the hub publishes is generated from
these models, and a committed copy is checked by a test, so the contract cannot drift silently.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

API_PREFIX = "/api/v1"
PROBLEM_MEDIA_TYPE = "application/problem+json"
IDEMPOTENCY_HEADER = "Idempotency-Key"

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _check_id_number(value: str) -> str:
    """Upper-case; an 18-character resident ID (GB 11643) must carry the right check character.
    Other documents (old permanent-residence numbers, passports) are kept as given."""
    value = value.upper()
    if len(value) == 18 and value[:17].isdigit():
        total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
        if "10X98765432"[total % 11] != value[17]:
            raise ValueError("the ID number's check character is wrong")
    return value


Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
IdNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Za-z]{6,32}$"), AfterValidator(_check_id_number)
]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- problems


class ProblemCode(enum.StrEnum):
    """Machine codes carried in every problem+json body (``code``)."""

    VALIDATION_FAILED = "validation_failed"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_ITEM = "unknown_item"
    CATEGORY_CLOSED = "category_closed"
    DAILY_CAP_REACHED = "daily_cap_reached"
    REAL_NAME_REQUIRED = "real_name_required"
    OPEN_TICKET_EXISTS = "open_ticket_exists"
    INVALID_TRANSITION = "invalid_transition"
    NO_TICKET_WAITING = "no_ticket_waiting"
    IDEMPOTENCY_KEY_REQUIRED = "idempotency_key_required"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    MATERIAL_TOO_LARGE = "material_too_large"
    MATERIAL_HASH_MISMATCH = "material_hash_mismatch"
    MATERIAL_NOT_DECLARED = "material_not_declared"
    MATERIALS_MISSING = "materials_missing"
    PROOF_REJECTED = "proof_rejected"
    APPOINTMENT_NOT_FOUND = "appointment_not_found"
    APPOINTMENT_NOT_TODAY = "appointment_not_today"
    SLOT_FULL = "slot_full"
    DUPLICATE_APPOINTMENT = "duplicate_appointment"
    # Carries ``ticket_number`` and ``ticket_state``: the ticket the earlier check-in issued
    # (after any counter transfer), as RFC 9457 extension members.
    ALREADY_CHECKED_IN = "already_checked_in"
    ALREADY_EVALUATED = "already_evaluated"
    REASONS_REQUIRED = "reasons_required"
    IDENTITY_CODE_EXPIRED = "identity_code_expired"
    IDENTITY_CODE_INVALID = "identity_code_invalid"
    CONFLICT = "conflict"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    INTERNAL_ERROR = "internal_error"


class FieldError(_Model):
    loc: list[str | int]
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details: ``detail`` is Chinese and fit to show a citizen."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: ProblemCode
    instance: str | None = None
    errors: list[FieldError] | None = None


# --------------------------------------------------------------------------- terminals


class TerminalMode(enum.StrEnum):
    HALL = "hall"
    COMMUNITY = "community"
    COUNTER = "counter"


class TerminalRegistration(_Model):
    terminal_id: Code
    mode: TerminalMode = TerminalMode.HALL
    site_code: Code = "district"
    description: str = Field(default="", max_length=200)


class TerminalCredentials(_Model):
    terminal_id: str
    token: str
    issued_at: datetime


class DeviceHealthReport(_Model):
    device: str = Field(max_length=64)
    state: str = Field(max_length=32)
    reason: str = Field(default="", max_length=200)


class Heartbeat(_Model):
    devices: list[DeviceHealthReport] = Field(default_factory=list, max_length=32)
    outbox_depth: int = Field(ge=0)
    software_version: str = Field(default="", max_length=32)


class HeartbeatAck(_Model):
    terminal_id: str
    received_at: datetime
    server_time: datetime


class TerminalStatus(_Model):
    terminal_id: str
    mode: TerminalMode
    site_code: str
    last_seen_at: datetime | None
    outbox_depth: int | None
    devices: list[DeviceHealthReport]


# --------------------------------------------------------------------------- tickets


class Priority(enum.StrEnum):
    """Queue priority; call-next serves appointment, then priority, then normal (by arrival)."""

    NORMAL = "normal"
    PRIORITY = "priority"  # elderly, disabled, pregnant (老弱病残孕)
    APPOINTMENT = "appointment"


class TicketState(enum.StrEnum):
    ISSUED = "issued"
    CALLED = "called"
    SERVING = "serving"
    HELD = "held"
    DONE = "done"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"


class TicketCategory(_Model):
    code: Code
    name: str
    name_en: str
    prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}$")]
    range_start: int = Field(default=1, ge=0)
    range_end: int = Field(default=999, ge=1, le=99999)
    step: int = Field(default=1, ge=1, le=100)  # e.g. 2 for two halls sharing a prefix
    daily_cap: int | None = None
    real_name_limit: bool = False
    default_service_minutes: int = 8
    active: bool = True


class TicketIssueRequest(_Model):
    category_code: Code
    priority: Priority = Priority.NORMAL
    id_number: IdNumber | None = None
    appointment_code: Code | None = None
    language: Annotated[str, StringConstraints(pattern=r"^(zh|en)$")] = "zh"
    # The 事项 the citizen came for (取号 by item): it must belong to ``category_code``; the
    # ticket and the counter's screen then name it.
    item_code: Code | None = None


class TicketIssued(_Model):
    ticket_id: str
    number: str
    category_code: str
    category_name: str
    waiting_ahead: int
    estimated_wait_minutes: int | None
    issued_at: datetime
    follow_url: str
    priority: Priority = Priority.NORMAL
    item_code: str | None = None  # 取号 by item: the 事项 and its name, for screen and paper
    item_name: str = ""


class TicketView(_Model):
    """Public queue position of one ticket (no personal data): what the follow URL shows."""

    ticket_id: str
    number: str
    category_code: str
    state: TicketState
    priority: Priority
    waiting_ahead: int
    estimated_wait_minutes: int | None
    counter_code: str | None
    issued_at: datetime
    called_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    item_code: str | None = None


class QueueSnapshot(_Model):
    category_code: str
    waiting: int
    serving: int
    estimated_wait_minutes: int | None
    service_date: date


class TicketAction(enum.StrEnum):
    """Counter actions on one ticket (``POST /counters/{code}/tickets/{id}/{action}``)."""

    RECALL = "recall"
    START = "start"
    FINISH = "finish"
    NO_SHOW = "no-show"
    HOLD = "hold"
    CANCEL = "cancel"


class CallSpecific(_Model):
    number: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,2}[0-9]{1,5}$")]


class TransferRequest(_Model):
    category_code: Code
    keep_priority: bool = True


class CounterInfo(_Model):
    code: str
    name: str
    category_codes: list[str]


# --------------------------------------------------------------------------- catalog


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


class MaterialSpec(_Model):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    required: bool = True
    copies: int = Field(default=1, ge=0, le=20)
    electronic_ok: bool = True
    note: str = ""


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


class _FieldBase(_Model):
    name: Code
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    options: list[str] = Field(default_factory=list, max_length=50)
    max_length: int = Field(default=200, ge=1, le=5000)

    def _check_options(self) -> None:
        choosing = self.kind in (FieldKind.SELECT, FieldKind.MULTI_SELECT)
        if choosing and not self.options:
            raise ValueError(f"field {self.name}: a {self.kind.value} field needs options")
        if not choosing and self.options:
            raise ValueError(f"field {self.name}: only select fields have options")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"field {self.name}: an option appears twice")


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
# shapes here; the hub reads them as the new shapes (kiosk.api.answers.upgrade_legacy).
FormScalar = str | int | float | bool | None
GroupRow = dict[Annotated[str, StringConstraints(max_length=64)], FormScalar]
FormAnswer = (
    FormScalar
    | Annotated[list[Annotated[str, StringConstraints(max_length=500)]], Field(max_length=50)]
    | Annotated[list[GroupRow], Field(max_length=50)]
)


class Fee(_Model):
    amount_cny: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")] = "0"
    basis: str = ""


class CatalogItem(_Model):
    """One 事项 with the 三级四同 fields (name, code, type, legal basis) plus level and routing."""

    code: Code  # implementation code (实施编码)
    basic_code: Code  # basic code (基本编码), the same at every level
    name: str = Field(min_length=1, max_length=200)
    item_type: ItemType
    legal_basis: str = Field(min_length=1)
    level: ItemLevel
    department: str = Field(min_length=1, max_length=100)
    sites: list[Code] = Field(default_factory=list)
    ticket_category: Code = "general"
    promised_days: int = Field(ge=0, le=365)  # 承诺时限, working days from acceptance
    statutory_days: int | None = Field(default=None, ge=0, le=365)
    fee: Fee = Fee()
    delivery: list[DeliveryMethod] = Field(default_factory=lambda: [DeliveryMethod.PICKUP])
    channels: list[Channel] = Field(default_factory=lambda: [Channel.HALL])
    materials: list[MaterialSpec] = Field(default_factory=list)
    form: list[FormField] = Field(default_factory=list)
    self_service: bool = False


class Catalog(_Model):
    version: str
    items: list[CatalogItem]


class CatalogImportReport(_Model):
    imported: int
    version: str


# --------------------------------------------------------------------------- cases


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


class Person(_Model):
    name: str = Field(min_length=1, max_length=50)
    id_number: IdNumber
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9+ -]{5,20}$")] | None = None


class MaterialDeclaration(_Model):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    sha256: Sha256Hex
    size: int = Field(gt=0)
    media_type: Annotated[str, StringConstraints(pattern=r"^[a-z]+/[a-z0-9.+-]+$")] = (
        "application/pdf"
    )


# A receipt code (kiosk.api.payloads.new_receipt_code makes 8 of these characters).
ReceiptCode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]{8,16}$")]


class CaseCreate(_Model):
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
    # The random code printed on the receipt and carried by its QR (kiosk.api.payloads): whoever
    # holds the receipt may rate the case. The hub keeps only its hash. None: a counter-created
    # case or an older terminal; such a case cannot be rated from its receipt.
    receipt_code: ReceiptCode | None = None


class CaseEventView(_Model):
    state: CaseState
    at: datetime
    detail: dict[str, Any] = Field(default_factory=dict)


class CaseReceipt(_Model):
    case_id: str
    case_number: str
    item_code: str
    item_name: str
    state: CaseState
    submitted_at: datetime
    due_date: date | None
    materials_pending: list[str]


class CaseTransition(_Model):
    action: CaseAction
    reason: str | None = Field(default=None, max_length=500)
    materials: list[str] = Field(default_factory=list)  # what the applicant must supplement
    deadline: date | None = None
    result_code: str | None = Field(default=None, max_length=64)
    certificate_number: str | None = Field(default=None, max_length=64)
    fee_cny: Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]{1,2})?$")] | None = None
    delivery: DeliveryMethod | None = None
    waybill: str | None = Field(default=None, max_length=64)


class CaseDetail(_Model):
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


class CaseLookup(_Model):
    """Proof for a status lookup: the full ID number (read from the card), its last six, or the
    receipt's code (in its QR: holding the printed receipt is the proof)."""

    case_number: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9-]{6,32}$")]
    id_number: IdNumber | None = None
    id_last6: Annotated[str, StringConstraints(pattern=r"^[0-9]{5}[0-9Xx]$")] | None = None
    receipt_code: ReceiptCode | None = None


class ApplicantCases(_Model):
    """A citizen's own cases, asked for with the ID number read from their card (进度查询 by
    card alone: the card is the proof, and the citizen may have only a provisional receipt)."""

    id_number: IdNumber


MAX_APPLICANT_CASES = 10  # the newest ones; older cases are asked for by number


class CaseStatus(_Model):
    case_number: str
    item_name: str
    state: CaseState
    applicant_name_masked: str
    submitted_at: datetime
    due_date: date | None
    events: list[CaseEventView]


# --------------------------------------------------------------------------- appointments


class AppointmentState(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    MISSED = "missed"
    CANCELLED = "cancelled"


TimeOfDay = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class AppointmentBook(_Model):
    category_code: Code
    item_code: Code | None = None
    id_number: IdNumber
    slot_date: date
    slot_start: TimeOfDay


class Slot(_Model):
    slot_date: date
    slot_start: str
    capacity: int
    booked: int


class Appointment(_Model):
    code: str
    category_code: str
    item_code: str | None
    slot_date: date
    slot_start: str
    state: AppointmentState
    ticket_id: str | None
    booked_at: datetime
    checked_in_at: datetime | None
    closed_at: datetime | None


class CheckIn(_Model):
    """Check in by the code on the booking (QR) or by the ID number read from the card."""

    code: Code | None = None
    id_number: IdNumber | None = None


# --------------------------------------------------------------------------- evaluations


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


class EvaluationCreate(_Model):
    subject_type: SubjectType
    subject_id: str = Field(min_length=1, max_length=32)
    rating: Rating
    reasons: list[BadReason] = Field(default_factory=list, max_length=8)
    comment: str = Field(default="", max_length=500)
    channel: Annotated[str, StringConstraints(pattern=r"^[1-5]$")] = "5"


# A case number as a receipt's QR prints it (``YM1:C:<number>:<check>:<code>``,
# kiosk.api.payloads).
ReceiptCaseNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-Z](?:[0-9A-Z-]{0,38}[0-9A-Z])?$")
]


class CaseReceiptRef(_Model):
    """A case named by what its printed receipt's QR carries: the case number, its ISO 7064
    check character and the receipt's random code. Holding the receipt is the proof: a wrong
    or missing code is answered exactly like an unknown number. The answer carries no personal
    data."""

    case_number: ReceiptCaseNumber
    check: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z]$")]
    code: ReceiptCode | None = None


class CaseToRate(_Model):
    """What a rating screen may show of a case named by its receipt (no personal data)."""

    case_number: str
    item_name: str
    evaluated: bool  # already rated: one evaluation per case


class CaseReceiptEvaluation(_Model):
    """好差评 of a case named by its receipt (``POST /evaluations/case-receipt``)."""

    receipt: CaseReceiptRef
    rating: Rating
    reasons: list[BadReason] = Field(default_factory=list, max_length=8)
    comment: str = Field(default="", max_length=500)
    channel: Annotated[str, StringConstraints(pattern=r"^[1-5]$")] = "5"


class EvaluationRecorded(_Model):
    evaluation_id: int
    subject_type: SubjectType
    subject_id: str  # for a case named by its receipt, the case number (not the hub's id)
    rating: Rating
    created_at: datetime


class BadEvaluation(_Model):
    """A bad rating as staff see it: no rater data (GB/T 39734 keeps raters confidential)."""

    evaluation_id: int
    subject_type: SubjectType
    counter_code: str | None
    rating: Rating
    reasons: list[BadReason]
    comment: str
    created_at: datetime
    follow_up: str | None
    followed_up_at: datetime | None


class FollowUp(_Model):
    """整改 and the answer given to the citizen for a bad rating."""

    text: str = Field(min_length=5, max_length=1000)


# --------------------------------------------------------------------------- stats


class CategoryStats(_Model):
    """One service day of one queue, from the tickets' timestamps."""

    category_code: str
    service_date: date
    issued: int
    done: int
    no_show: int
    cancelled: int
    transferred: int
    mean_wait_minutes: float | None  # issued -> first call
    mean_service_minutes: float | None  # start -> end


# --------------------------------------------------------------------------- identity codes


class IdentityCodeIssue(_Model):
    """Demo/test issuance of a dynamic identity code (a provincial platform does this for real)."""

    name: str = Field(min_length=1, max_length=50)
    id_number: IdNumber
    ttl_seconds: int = Field(default=120, ge=10, le=3600)


class IdentityCodeIssued(_Model):
    code: str  # the QR text, ``YM1:I:...``: an opaque signed reference, no personal data
    expires_at: datetime


class IdentityResolve(_Model):
    code: str = Field(min_length=1, max_length=4096)


class IdentityResolved(_Model):
    name: str
    id_number: str
    issued_at: datetime
    expires_at: datetime


class IdentityPublicKey(_Model):
    algorithm: str = "Ed25519"
    public_key: str  # raw 32-byte key, base64
    key_id: str  # first 16 hex digits of its SHA-256
