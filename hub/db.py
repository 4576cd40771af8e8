"""Database schema (SQLAlchemy 2 ORM) and engine set-up for SQLite and PostgreSQL.

SQLite: every transaction starts with ``BEGIN IMMEDIATE`` so writers queue on the database lock
(with a generous busy timeout) instead of failing half-way; WAL lets readers run alongside. This is
what makes ticket numbering gap-free under concurrency there. PostgreSQL serialises the same
increments through ``UPDATE ... RETURNING`` row locks.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.pool import StaticPool


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both databases (SQLite would hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the hub database")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def TZ() -> UtcDateTime:
    return UtcDateTime()


class SchemaVersion(Base):
    """The pre-alembic version record: kept, its last row (8) turns older hubs away
    (``hub.migrations``)."""

    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(TZ())
    description: Mapped[str] = mapped_column(String(200))


class Terminal(Base):
    __tablename__ = "terminals"
    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    mode: Mapped[str] = mapped_column(String(16))
    site_code: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(200), default="")
    registered_at: Mapped[datetime] = mapped_column(TZ())
    last_seen_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    outbox_depth: Mapped[int | None] = mapped_column(Integer, nullable=True)
    devices: Mapped[list[Any]] = mapped_column(JSON, default=list)
    software_version: Mapped[str] = mapped_column(String(32), default="")
    uptime_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    oldest_waiting_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    last_error: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # What the district engineer asked of it (reload, restart), until it says it obeyed.
    command: Mapped[str | None] = mapped_column(String(16), nullable=True)
    command_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TicketCategoryRow(Base):
    __tablename__ = "ticket_categories"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(2))
    range_start: Mapped[int] = mapped_column(Integer)
    range_end: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer, default=1)
    daily_cap: Mapped[int | None] = mapped_column(Integer, nullable=True)
    real_name_limit: Mapped[bool] = mapped_column(Boolean)
    default_service_minutes: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class TicketSequence(Base):
    __tablename__ = "ticket_sequences"
    category_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    service_date: Mapped[date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("category_code", "service_date", "seq"),
        UniqueConstraint("terminal_id", "idempotency_key"),
        # A queue's waiting tickets (people ahead, call-next) and its latest services (the wait
        # estimate): both read on every ticket issued, so their cost must not grow with the day.
        # The first covers the waiting count: priority, issued_at and seq come from the index;
        # the second the services of this day and the last working day, newest first.
        Index(
            "ix_tickets_queue_waiting",
            "category_code",
            "service_date",
            "state",
            "priority",
            "issued_at",
            "seq",
        ),
        Index(
            "ix_tickets_recent_services",
            "category_code",
            "state",
            "service_date",
            "ended_at",
            "started_at",
        ),
    )
    ticket_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("ticket_categories.code"))
    service_date: Mapped[date] = mapped_column(Date, index=True)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), index=True)
    id_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    appointment_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    item_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    counter_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    transferred_from: Mapped[str | None] = mapped_column(String(32), nullable=True)
    transferred_to: Mapped[str | None] = mapped_column(String(32), nullable=True)
    recall_count: Mapped[int] = mapped_column(Integer, default=0)
    issued_at: Mapped[datetime] = mapped_column(TZ())
    called_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    last_called_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    # Transferred to one window or one clerk: only they call it (still by its arrival).
    for_counter: Mapped[str | None] = mapped_column(String(64), nullable=True)
    for_staff: Mapped[str | None] = mapped_column(String(64), nullable=True)
    note: Mapped[str] = mapped_column(String(200), default="", server_default="")
    staff_no: Mapped[str | None] = mapped_column(String(64), nullable=True)  # who served it
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    held_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class TicketEvent(Base):
    """Append-only period log of ticket transitions: wait/walk/service times fall out of it."""

    __tablename__ = "ticket_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.ticket_id"), index=True)
    state: Mapped[str] = mapped_column(String(16))
    counter_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[datetime] = mapped_column(TZ())
    staff_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)  # a reason, a note


class CounterRow(Base):
    __tablename__ = "counters"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category_codes: Mapped[list[Any]] = mapped_column(JSON)
    pad_terminal_id: Mapped[str | None] = mapped_column(String(64), nullable=True)  # its 评价器


class StaffRow(Base):
    """A clerk registered at the hub (``kiosk hub staff FILE``); the PIN only as a slow hash."""

    __tablename__ = "staff"
    staff_no: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    department: Mapped[str] = mapped_column(String(100), default="")
    category_codes: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [] = all (全科)
    pin_hash: Mapped[str] = mapped_column(String(200))
    card_uid: Mapped[str | None] = mapped_column(String(20), nullable=True, unique=True)
    id_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # JPEG or PNG
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # wrong PINs in a row
    locked_until: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class CounterSessionRow(Base):
    """Who works a window now, and the window's state. One clerk per window and one window
    per clerk: signing in elsewhere ends the other session."""

    __tablename__ = "counter_sessions"
    counter_code: Mapped[str] = mapped_column(ForeignKey("counters.code"), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    staff_no: Mapped[str] = mapped_column(ForeignKey("staff.staff_no"), unique=True)
    signed_in_at: Mapped[datetime] = mapped_column(TZ())
    state: Mapped[str] = mapped_column(String(16))
    pause_reason: Mapped[str | None] = mapped_column(String(16), nullable=True)
    pause_note: Mapped[str] = mapped_column(String(100), default="")
    state_since: Mapped[datetime] = mapped_column(TZ())
    chosen_categories: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [] = all
    service_date: Mapped[date] = mapped_column(Date)
    # The service just finished, for the rating pad to ask about (until answered or expired).
    rating_ticket_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    rating_since: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class CounterEvent(Base):
    """Append-only log of a window: sign-in and out, pauses, calls out of turn (with reason)."""

    __tablename__ = "counter_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    counter_code: Mapped[str] = mapped_column(String(64), index=True)
    staff_no: Mapped[str | None] = mapped_column(String(64), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(TZ(), index=True)  # a day's, for the idle minutes
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CounterRequest(Base):
    """The answer to each calling click, by its Idempotency-Key: a repeat gets the same answer."""

    __tablename__ = "counter_requests"
    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(TZ())


class CatalogItemRow(Base):
    __tablename__ = "catalog_items"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    department: Mapped[str] = mapped_column(String(100))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (UniqueConstraint("terminal_id", "idempotency_key"),)
    case_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_number: Mapped[str] = mapped_column(String(32), unique=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    item_code: Mapped[str] = mapped_column(ForeignKey("catalog_items.code"))
    state: Mapped[str] = mapped_column(String(24), index=True)
    applicant_name: Mapped[str] = mapped_column(String(100))
    applicant_id_number: Mapped[str] = mapped_column(String(32))
    # Keyed digest of the ID number (HubContext.id_digest), to find a ticket holder's cases.
    applicant_id_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    # Which document proved the applicant's identity (contract.models.IdentitySource value).
    applicant_identity_source: Mapped[str | None] = mapped_column(String(24), nullable=True)
    # sha256 of the receipt code (hub.cases.receipt_code_hash); None: cannot be rated by receipt.
    receipt_code_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # contract.models.ApplicantType value: a company's case names its agent as the applicant
    # above, and the company here (its USCC kept as ID numbers are, with a keyed digest).
    applicant_type: Mapped[str] = mapped_column(
        String(16), default="person", server_default="person", index=True
    )
    company_uscc: Mapped[str | None] = mapped_column(String(18), nullable=True)
    company_uscc_digest: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    company_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    company_legal_representative: Mapped[str | None] = mapped_column(String(100), nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    submitted_at: Mapped[datetime] = mapped_column(TZ(), index=True)  # a period's, for reports
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    clock_paused_days: Mapped[int] = mapped_column(Integer, default=0)
    # The clerk who has the case open at the workbench (decisions are theirs alone), and since.
    held_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    held_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    # The clerk who accepted it: their "my cases" until it is delivered.
    handler_no: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)


class CaseEvent(Base):
    __tablename__ = "case_events"
    # A case's events by state, and when: what the cases report asks of each case (the index
    # alone answers it).
    __table_args__ = (Index("ix_case_events_case_id_state_at", "case_id", "state", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"))
    state: Mapped[str] = mapped_column(String(24))
    at: Mapped[datetime] = mapped_column(TZ())
    actor: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class CaseSequence(Base):
    __tablename__ = "case_sequences"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class Material(Base):
    __tablename__ = "materials"
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), primary_key=True)
    material_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    uploaded_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    # The clerk's review at the workbench (contract.models.Verdict value), None: not yet.
    verdict: Mapped[str | None] = mapped_column(String(16), nullable=True)
    verdict_reason: Mapped[str] = mapped_column(String(200), default="")


class CaseNotice(Base):
    """Every notice a decision printed (受理通知书, 一次性告知书, 不予受理告知书), as printed."""

    __tablename__ = "case_notices"
    # The few notices that named 补正 lines an earlier one missed: the cases report's question.
    __table_args__ = (
        Index(
            "ix_case_notices_late_case_id",
            "case_id",
            sqlite_where=text("late_lines > 0"),
            postgresql_where=text("late_lines > 0"),
        ),
    )
    notice_number: Mapped[str] = mapped_column(String(40), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[datetime] = mapped_column(TZ())
    staff_no: Mapped[str] = mapped_column(String(64))
    # 补正 lines the case's earlier notices did not name (一次性告知 missed them): for reports.
    late_lines: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # the contract's Notice


class ComplaintRow(Base):
    """A complaint or suggestion (投诉建议) for the 12345 platform (hub.complaints). ``phone``
    is personal data, kept (with the citizen's consent) only until the platform has it."""

    __tablename__ = "complaints"
    __table_args__ = (UniqueConstraint("terminal_id", "idempotency_key"),)
    reference: Mapped[str] = mapped_column(String(32), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    site_code: Mapped[str] = mapped_column(String(64), index=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    request_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    about: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str | None] = mapped_column(String(64), nullable=True)
    subject_name: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(20), nullable=True)
    phone_given: Mapped[bool] = mapped_column(Boolean, default=False)  # even once erased
    state: Mapped[str] = mapped_column(String(16))
    submitted_at: Mapped[datetime] = mapped_column(TZ(), index=True)
    forwarded_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    platform_reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    replied_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class ComplaintForwardRow(Base):
    """The hub's outbox towards the 12345 platform: one row per complaint not yet forwarded,
    written in the complaint's own transaction and deleted when the platform answered
    (hub.complaint_forwarding). ``next_attempt_at`` is real time, whatever the hall's clock."""

    __tablename__ = "complaint_forwards"
    reference: Mapped[str] = mapped_column(ForeignKey("complaints.reference"), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(TZ(), index=True)
    last_error: Mapped[str] = mapped_column(String(200), default="")


class ComplaintSequence(Base):
    __tablename__ = "complaint_sequences"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class AppointmentRow(Base):
    __tablename__ = "appointments"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    category_code: Mapped[str] = mapped_column(ForeignKey("ticket_categories.code"))
    item_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    id_digest: Mapped[str] = mapped_column(String(64), index=True)
    slot_date: Mapped[date] = mapped_column(Date, index=True)
    slot_start: Mapped[str] = mapped_column(String(5))
    state: Mapped[str] = mapped_column(String(16))
    ticket_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    booked_at: Mapped[datetime] = mapped_column(TZ())
    checked_in_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class EvaluationRow(Base):
    __tablename__ = "evaluations"
    __table_args__ = (UniqueConstraint("subject_type", "subject_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_type: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[str] = mapped_column(String(32))
    level: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[Any]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(4))
    terminal_id: Mapped[str] = mapped_column(String(64))
    counter_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    staff_no: Mapped[str | None] = mapped_column(String(64), nullable=True)  # the clerk rated
    created_at: Mapped[datetime] = mapped_column(TZ())
    follow_up: Mapped[str | None] = mapped_column(Text, nullable=True)  # 整改 answer, version 4
    followed_up_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    # A bad rating's follow-up (hub.follow_ups): None for a good rating.
    follow_up_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    follow_up_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    department: Mapped[str] = mapped_column(String(100), default="", server_default="")


class FollowUpStepRow(Base):
    """Who did what for a bad rating, and when (回访, 整改, 答复, 申诉 and its decision)."""

    __tablename__ = "follow_up_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluations.id"), index=True)
    step: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(TZ())
    by: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)


class HelpCallRow(Base):
    """A call for help from a kiosk (no citizen data): one open call per terminal at a time.
    ``state`` is open, answered or closed (``contract.models.HelpCallState``)."""

    __tablename__ = "help_calls"
    __table_args__ = (
        Index("ix_help_calls_site_state", "site_code", "state"),
        # The second tap, or two racing requests, cannot open a second call for the terminal.
        Index(
            "uq_help_calls_open_terminal",
            "terminal_id",
            unique=True,
            sqlite_where=text("state = 'open'"),
            postgresql_where=text("state = 'open'"),
        ),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    site_code: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(200), default="")
    screen: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(TZ())
    answered_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(TZ(), nullable=True)


class JourneyRunBatchRow(Base):
    """A batch of journey runs a kiosk sent (``hub.journey_runs``): its id, drawn once by the
    terminal, makes a batch sent again count once."""

    __tablename__ = "journey_run_batches"
    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    runs: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(TZ())


class JourneyRunRow(Base):
    """One citizen's run through a kiosk journey: which, where it ended and how, the hour it
    started and the terminal (with its site then). Nothing identifies the citizen or the
    session (contract.models.funnel)."""

    __tablename__ = "journey_runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    site_code: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[str] = mapped_column(String(32))
    journey: Mapped[str] = mapped_column(String(16))
    ended_at: Mapped[str] = mapped_column(String(32))  # a step
    outcome: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(TZ(), index=True)  # on the hour


class JourneyRunStepRow(Base):
    """A step a run reached (one row each: the funnel counts them in SQL)."""

    __tablename__ = "journey_run_steps"
    run_id: Mapped[int] = mapped_column(ForeignKey("journey_runs.id"), primary_key=True)
    step: Mapped[str] = mapped_column(String(32), primary_key=True)


class IdentitySubject(Base):
    """Who an identity code's opaque subject stands for (added in schema version 2)."""

    __tablename__ = "identity_subjects"
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    id_number: Mapped[str] = mapped_column(String(32))
    issued_at: Mapped[datetime] = mapped_column(TZ())
    expires_at: Mapped[datetime] = mapped_column(TZ(), index=True)


class CreditEntryRow(Base):
    """One listing on the district's 守信 (red) or 失信 (black) list (``hub.credit``), keyed by
    the subject's keyed digest (HubContext.id_digest): the plain ID number or credit code of a
    listed person or company is never stored. ``batch`` names the import that brought it."""

    __tablename__ = "credit_entries"
    __table_args__ = (
        UniqueConstraint("subject_digest", "list_kind", "source", "listed_on"),
        Index("ix_credit_entries_source", "source"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_digest: Mapped[str] = mapped_column(String(64), index=True)
    subject_kind: Mapped[str] = mapped_column(String(8))  # person or company
    list_kind: Mapped[str] = mapped_column(String(8))  # red or black
    source: Mapped[str] = mapped_column(String(100))
    listed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    batch: Mapped[str] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(TZ())


class HubEventRow(Base):
    """The hall's event log (``GET /events``): what a display or a phone follows, no personal
    data. Ids increase per hub: a stream resumes after the last id it saw."""

    __tablename__ = "hub_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(TZ(), index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class HeartbeatRow(Base):
    """Each heartbeat a terminal sent, kept ``HubSettings.heartbeat_days`` (the fleet's history:
    when a printer ran out of paper, when an outbox backed up)."""

    __tablename__ = "terminal_heartbeats"
    __table_args__ = (Index("ix_terminal_heartbeats_terminal_at", "terminal_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(TZ(), index=True)
    outbox_depth: Mapped[int] = mapped_column(Integer)
    devices: Mapped[list[Any]] = mapped_column(JSON)
    software_version: Mapped[str] = mapped_column(String(32))
    uptime_seconds: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(String(200))


class ManagerRow(Base):
    """A person who signs in to the web console: the district office (``sites`` empty: every
    site) or a hall manager (the site codes they may see, space-separated)."""

    __tablename__ = "managers"
    login: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sites: Mapped[str] = mapped_column(Text, default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(TZ())


class ManagerSessionRow(Base):
    """A signed-in browser: the cookie's token, kept only as its SHA-256."""

    __tablename__ = "manager_sessions"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    login: Mapped[str] = mapped_column(ForeignKey("managers.login", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(TZ(), index=True)


class KeyValue(Base):
    """Small hub secrets and settings (the ID-digest pepper)."""

    __tablename__ = "hub_settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- the audit chain (hub.audit) --------------------------------------------------------------


class AuditRecord(Base):
    """One act in the hash chain: gap-free ``seq``, what it attests (``body``, canonical JSON of
    digests and references, never personal data), its time as text and its SM3 hash, which
    covers the previous record's. Every column is as hashed: nothing is converted on reading."""

    __tablename__ = "audit_records"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))  # contract.models.AuditKind value
    reference: Mapped[str] = mapped_column(String(80), index=True)  # a case id, a ticket...
    at: Mapped[str] = mapped_column(String(32))  # UTC, ISO 8601 with microseconds
    body: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's last record, one row (id 1, made by the migration): appenders lock it, so
    that two of them never fork the chain, and a verifier knows where the chain must end."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class AuditSignedHead(Base):
    """The head the hub signed on a day (hub.audit.sign_head), for the notary to fetch."""

    __tablename__ = "audit_signed_heads"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(TZ())
    public_key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(String(128))


# -- reports' daily figures (hub.reports.rollup) ---------------------------------------------

# Durations are kept as a histogram per measure: a bin starts at each of these edges (seconds)
# and ends at the next; the last is open. Finer where most waits and services fall.
REPORT_BIN_EDGES = (
    0, 15, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480, 600, 720, 840, 960, 1080,
    1200, 1500, 1800, 2100, 2400, 3000, 3600, 4500, 5400, 7200, 9000, 10800, 14400, 21600,
)  # fmt: skip
REPORT_MEASURES = ("wait", "walk", "service")
REPORT_COUNTS = (
    "issued", "served", "no_show", "abandoned", "transferred",
    "started", "first_call", "called", "recalled", "rated",
)  # fmt: skip
REPORT_SUMS = tuple(f"{m}_{part}" for m in REPORT_MEASURES for part in ("n", "seconds"))
# Windows idle while their queues had people waiting (hub.reports.idle), in seconds.
REPORT_IDLE = "idle_seconds"
REPORT_BINS = tuple(
    f"{m}_bin{n:02d}" for m in REPORT_MEASURES for n in range(len(REPORT_BIN_EDGES))
)

# One row per finished day, dimension (all, site, queue, window, clerk, item, department, hour),
# site (of the kiosk the tickets came from: a hall manager's report keeps to their hall) and key.
report_days = Table(
    "report_days",
    Base.metadata,
    Column("dimension", String(16), primary_key=True),  # first: a report reads one
    Column("day", Date, primary_key=True),
    Column("site", String(64), primary_key=True),
    Column("key", String(100), primary_key=True),  # a department's name is up to 100
    *(Column(name, Integer, nullable=False) for name in REPORT_COUNTS),
    *(Column(name, Float if name.endswith("seconds") else Integer, nullable=False)
      for name in REPORT_SUMS),
    Column(REPORT_IDLE, Float, nullable=False, server_default="0"),
    *(Column(name, Integer, nullable=False) for name in REPORT_BINS),
)  # fmt: skip

# The days whose figures are in report_days (a day nobody came to has a row here, none there).
report_rolled_days = Table(
    "report_rolled_days",
    Base.metadata,
    Column("day", Date, primary_key=True),
    Column("rolled_at", UtcDateTime(), nullable=False),
)


# The funnel's figures per finished day (hub.reports.funnel_days): one row per dimension (all,
# site, terminal, hour), site (the run's), key, journey and step reached — how many reached it
# and how many of them ended there, per outcome; the journey's starts are its row of step "".
FUNNEL_ENDINGS = ("gave_up", "timed_out", "failed", "finished")
funnel_days = Table(
    "funnel_days",
    Base.metadata,
    Column("dimension", String(16), primary_key=True),  # first: a report reads one
    Column("day", Date, primary_key=True),
    Column("site", String(64), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("journey", String(16), primary_key=True),
    Column("step", String(32), primary_key=True),
    Column("reached", Integer, nullable=False),
    *(Column(name, Integer, nullable=False) for name in FUNNEL_ENDINGS),
)

# The days whose funnel figures are in funnel_days (a day without runs has a row here only).
funnel_rolled_days = Table(
    "funnel_rolled_days",
    Base.metadata,
    Column("day", Date, primary_key=True),
    Column("rolled_at", UtcDateTime(), nullable=False),
)


def make_engine(db_url: str) -> Engine:
    if db_url.startswith("sqlite"):
        memory = db_url in ("sqlite://", "sqlite:///:memory:")
        path = make_url(db_url).database
        if not memory and path and not os.path.exists(path):
            # It will hold names and ID numbers: private from the start (SQLite gives its
            # -wal and -shm files the same mode).
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        engine = create_engine(
            db_url,
            connect_args={"timeout": 60, "check_same_thread": False},
            hide_parameters=True,  # SQL errors would otherwise quote names and ID numbers
            # One in-memory database for every thread, not one per connection.
            poolclass=StaticPool if memory else None,
        )
        _sqlite_serialised_writes(engine)
        return engine
    return create_engine(
        db_url,
        pool_size=10,
        max_overflow=20,
        pool_pre_ping=True,
        hide_parameters=True,
        # No JIT compilation: the hub's queries run in milliseconds, and a report over a year
        # (planned as costly) spent longer compiling than running (0.45 s of 0.9 s for one).
        connect_args={"options": "-c jit=off"},
    )


# The execution option that marks a read-only connection (``HubContext.reading``): on SQLite
# it begins a deferred transaction, which takes no write lock and sees the last commit (WAL).
READ_ONLY = "hub_read_only"


def _sqlite_serialised_writes(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and would start read transactions that
    # cannot later be upgraded; take over: autocommit at the driver, BEGIN IMMEDIATE ourselves.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        reading = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
