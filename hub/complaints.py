"""Complaints and suggestions (投诉建议) for the 12345 platform: kept, numbered, followed.

Theory of operation. A kiosk posts a complaint with an Idempotency-Key; ``create`` — the one
place a complaint comes into being — stores it under a reference number (``TS`` + date + a
gap-free daily sequence + Luhn check digit, as case numbers) and, in the same transaction, a row
in the hub's outbox towards the platform (``complaint_forwards``). A repeat of the key with the
same body answers with the first complaint; a different body is refused. The forwarder
(hub.complaint_forwarding) sends it and marks it forwarded. Its status is read by reference
alone, so a status says nothing of the text or the citizen. The platform tells the hub when it
replied or closed it (``platform_update``).

The phone number, given only with consent, is personal data: it is never logged, masked in
every listing, and erased once the platform has it (the forward carries it there).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from contract.privacy import mask_phone
from hub import audit
from hub.cases import luhn_digit
from hub.context import HubContext, request_hash
from hub.db import (
    CatalogItemRow,
    ComplaintForwardRow,
    ComplaintRow,
    ComplaintSequence,
    CounterRow,
    StaffRow,
    Terminal,
)
from hub.problems import HubProblem
from hub.sequences import next_value

P = m.ProblemCode
S = m.ComplaintState
A = m.ComplaintAbout
CALLERS = frozenset({m.TerminalMode.HALL.value, m.TerminalMode.COMMUNITY.value})
# Complaints about people at the windows join the follow-up of bad ratings (差评整改).
ABOUT_STAFF = (A.WINDOW.value, A.CLERK.value)


def reference_number(ctx: HubContext, session: Session, day: date) -> str:
    seq = next_value(session, ComplaintSequence, {"day": day}, start=1)
    body = f"{day:%Y%m%d}{seq:06d}"
    return f"{ctx.settings.complaint_prefix}{body}{luhn_digit(body)}"


def _subject_name(session: Session, request: m.ComplaintCreate) -> str:
    """The subject's name as the hall knows it; an unknown subject is refused (422)."""
    if request.about is A.HALL:
        return ""
    name: str | None
    if request.about is A.WINDOW:
        name = session.execute(
            select(CounterRow.name).where(CounterRow.code == request.subject)
        ).scalar()
        missing = "没有这个窗口，请重新选择。"
    elif request.about is A.CLERK:
        found = session.execute(
            select(StaffRow.staff_no).where(StaffRow.staff_no == request.subject)
        ).scalar()
        name = None if found is None else ""  # a clerk is named by their number alone
        missing = "没有这个工号，请核对窗口工作人员的工号牌。"
    else:
        name = session.execute(
            select(CatalogItemRow.name).where(CatalogItemRow.code == request.subject)
        ).scalar()
        missing = "没有找到该办理事项。"
    if name is None:
        raise HubProblem(
            422, P.VALIDATION_FAILED, f"Unknown {request.about.value} {request.subject}", missing
        )
    return name


def _require_key(key: str | None) -> str:
    if not key:
        raise HubProblem(
            428, P.IDEMPOTENCY_KEY_REQUIRED, "Idempotency-Key header required", "提交失败，请重试。"
        )
    return key


def create(
    ctx: HubContext, terminal: Terminal, request: m.ComplaintCreate, key: str | None
) -> tuple[m.ComplaintReceipt, bool]:
    """The complaint (and whether it was made now, or is the one this key made before)."""
    if terminal.mode not in CALLERS:
        raise HubProblem(403, P.FORBIDDEN, "Complaints come from hall and community terminals")
    key = _require_key(key)
    body_hash = request_hash(request.model_dump(mode="json"))
    existing = _existing(ctx, terminal.terminal_id, key, body_hash)
    if existing is not None:
        return existing, False
    now = ctx.now()
    try:
        with ctx.transaction() as session:
            row = ComplaintRow(
                reference=reference_number(ctx, session, now.astimezone(ctx.tz).date()),
                terminal_id=terminal.terminal_id,
                site_code=terminal.site_code,
                idempotency_key=key,
                request_hash=body_hash,
                kind=request.kind.value,
                about=request.about.value,
                subject=request.subject,
                subject_name=_subject_name(session, request),
                text=request.text,
                phone=request.phone,
                phone_given=request.phone is not None,
                state=S.RECEIVED.value,
                submitted_at=now,
            )
            session.add(row)
            session.flush()
            # The outbox row: due at once, in real time (the forwarder's clock).
            session.add(
                ComplaintForwardRow(
                    reference=row.reference, attempts=0, next_attempt_at=now, last_error=""
                )
            )
            audit.append(
                session,
                m.AuditKind.COMPLAINT,
                row.reference,
                {
                    "terminal": terminal.terminal_id,
                    "kind": row.kind,
                    "about": row.about,
                    "subject": row.subject,
                    "text_sha256": audit.digest(row.text),
                    "phone_given": row.phone_given,
                    "request_hash": body_hash,
                },
                at=now,
            )
    except IntegrityError:
        # The same key committed concurrently (the unique constraint held): answer with it.
        existing = _existing(ctx, terminal.terminal_id, key, body_hash)
        if existing is None:
            raise
        return existing, False
    ctx.complaint_stored.set()
    return _receipt(row), True


def _existing(
    ctx: HubContext, terminal_id: str, key: str, body_hash: str
) -> m.ComplaintReceipt | None:
    with ctx.reading() as session:
        row = session.execute(
            select(ComplaintRow).where(
                ComplaintRow.terminal_id == terminal_id, ComplaintRow.idempotency_key == key
            )
        ).scalar_one_or_none()
        if row is None:
            return None
        if row.request_hash != body_hash:
            raise HubProblem(
                409,
                P.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key reused with a different complaint",
                "重复提交的内容不一致，请重新填写。",
            )
        return _receipt(row)


def _receipt(row: ComplaintRow) -> m.ComplaintReceipt:
    return m.ComplaintReceipt(
        reference=row.reference,
        kind=m.ComplaintKind(row.kind),
        about=m.ComplaintAbout(row.about),
        subject=row.subject,
        subject_name=row.subject_name,
        state=S(row.state),
        submitted_at=row.submitted_at,
    )


def _status(row: ComplaintRow) -> m.ComplaintStatus:
    return m.ComplaintStatus(
        reference=row.reference,
        kind=m.ComplaintKind(row.kind),
        about=m.ComplaintAbout(row.about),
        subject=row.subject,
        subject_name=row.subject_name,
        state=S(row.state),
        submitted_at=row.submitted_at,
        forwarded_at=row.forwarded_at,
        replied_at=row.replied_at,
        closed_at=row.closed_at,
    )


def _unknown(reference: str) -> HubProblem:
    return HubProblem(
        404, P.NOT_FOUND, "Unknown complaint reference", "未找到该投诉建议编号，请核对后重试。"
    )


def status(ctx: HubContext, reference: str) -> m.ComplaintStatus:
    reference = reference.strip().upper()
    with ctx.reading() as session:
        row = session.get(ComplaintRow, reference)
        if row is None:
            raise _unknown(reference)
        return _status(row)


def platform_update(ctx: HubContext, update: m.ComplaintPlatformUpdate) -> m.ComplaintStatus:
    """The platform replied to the citizen or closed the complaint. Repeats are harmless: each
    time is kept once, the first; a complaint closed is not reopened by a late reply."""
    now = ctx.now()
    with ctx.transaction() as session:
        row = session.get(ComplaintRow, update.reference, with_for_update=True)
        if row is None:
            raise _unknown(update.reference)
        if update.state is S.REPLIED:
            row.replied_at = row.replied_at or now
            if row.state in (S.RECEIVED.value, S.FORWARDED.value):
                row.state = S.REPLIED.value
        else:
            row.closed_at = row.closed_at or now
            row.state = S.CLOSED.value
        session.flush()
        return _status(row)


def about_staff(
    ctx: HubContext, *, open_only: bool, sites: frozenset[str] | None = None
) -> list[ComplaintView]:
    """Complaints and suggestions about a window or a clerk, oldest first, for the follow-up
    list beside bad ratings (due as a bad rating is); ``open_only``: those the platform has
    not closed; ``sites``: only those made at these sites (None: all)."""
    with ctx.reading() as session:
        query = select(ComplaintRow).where(ComplaintRow.about.in_(ABOUT_STAFF))
        if open_only:
            query = query.where(ComplaintRow.state != S.CLOSED.value)
        if sites is not None:
            query = query.where(ComplaintRow.site_code.in_(sorted(sites)))
        rows = session.execute(
            query.order_by(ComplaintRow.submitted_at, ComplaintRow.reference)
        ).scalars()
        days = ctx.settings.follow_up_working_days
        return [
            ComplaintView.of(
                row,
                ctx.calendar.add_working_days(row.submitted_at.astimezone(ctx.tz).date(), days),
            )
            for row in rows
        ]


@dataclass(frozen=True, slots=True)
class ComplaintView:
    """A complaint as hall staff see it in the follow-up list: the phone number masked (and
    the text, which may name people, kept out of reprs and so out of log lines)."""

    status: m.ComplaintStatus
    text: str = field(repr=False)
    phone_masked: str  # "" when none was given, or once erased (the platform has it)
    phone_given: bool
    site_code: str
    due_date: date

    @classmethod
    def of(cls, row: ComplaintRow, due_date: date) -> ComplaintView:
        masked = mask_phone(row.phone) if row.phone else ""
        return cls(_status(row), row.text, masked, row.phone_given, row.site_code, due_date)
