"""The shared contract: every request and response of the central API, as pydantic v2 models.

Both sides use this module: the hub validates requests and serialises responses with it, the
kiosk client parses responses into it. The OpenAPI document the hub publishes is generated from
these models, and a committed copy is checked by a test, so the contract cannot drift silently.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

API_PREFIX = "/api/v1"
PROBLEM_MEDIA_TYPE = "application/problem+json"
IDEMPOTENCY_HEADER = "Idempotency-Key"

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,64}$")]
IdNumber = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z]{6,32}$")]
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
    ALREADY_EVALUATED = "already_evaluated"
    REASONS_REQUIRED = "reasons_required"
    IDENTITY_CODE_EXPIRED = "identity_code_expired"
    IDENTITY_CODE_INVALID = "identity_code_invalid"
    CONFLICT = "conflict"
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
    range_start: int = 1
    range_end: int = 999
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


class QueueSnapshot(_Model):
    category_code: str
    waiting: int
    serving: int
    estimated_wait_minutes: int | None
    service_date: date


# --------------------------------------------------------------------------- misc

JsonObject = dict[str, Any]
