"""Errors: RFC 9457 problem+json with a machine code and a citizen-facing Chinese detail."""

from __future__ import annotations

import enum

from pydantic import BaseModel, ConfigDict

from contract.models.common import ContractModel


class ProblemCode(enum.StrEnum):
    """Machine codes carried in every problem+json body (``code``)."""

    VALIDATION_FAILED = "validation_failed"
    # Not JSON at all, or nested beyond reason: the terminal (not the citizen) is at fault.
    MALFORMED_BODY = "malformed_body"
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
    # A window: not signed in (or at another terminal), paused, and the calling rules.
    NOT_SIGNED_IN = "not_signed_in"
    WINDOW_PAUSED = "window_paused"
    REASON_REQUIRED = "reason_required"
    RECALL_LIMIT_REACHED = "recall_limit_reached"
    RECALL_TOO_SOON = "recall_too_soon"
    NO_SHOW_TOO_EARLY = "no_show_too_early"
    # The acceptance workbench: another clerk has the case open; a material is marked 不合格.
    CASE_HELD = "case_held"
    DEFECTIVE_MATERIALS = "defective_materials"
    # A call for help another window already answered: carries ``answered_by`` (its counter).
    HELP_CALL_ANSWERED = "help_call_answered"
    # A call for help that ended unanswered (the citizen left, or it waited too long).
    HELP_CALL_CLOSED = "help_call_closed"
    # The credit system behind 信用查询 did not answer (a provincial platform down).
    CREDIT_UNAVAILABLE = "credit_unavailable"
    INTERNAL_ERROR = "internal_error"


class FieldError(ContractModel):
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
