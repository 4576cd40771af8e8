"""Cases (办件): idempotent create, life cycle with timestamps, lookup by proof, due dates.

Theory of operation: ``create`` is keyed by (terminal, Idempotency-Key) under a unique constraint:
a repeat with the same body answers with the first case, a different body is refused, and a
concurrent duplicate loses the insert race and is answered with the winner's case. A case may
come with its materials (one request, hub.case_upload): they are stored in the same commit, and a
repeat of a case whose materials a two-step attempt left pending stores them. The life cycle
is the transition table below; each step appends a ``case_events`` row with its timestamp, actor
and detail (reason, supplement list and deadline, result, waybill). The 承诺时限 due date counts
working days from acceptance; a suspension (特别程序) pushes it back by the working days paused.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from contract.privacy import mask_id, mask_name
from hub import audit, forms
from hub.catalog import get_item
from hub.context import HubContext, request_hash
from hub.db import CaseEvent, CaseRow, CaseSequence, CatalogItemRow, Material, Terminal
from hub.problems import HubProblem
from hub.sequences import next_value

C = m.CaseState
CA = m.CaseAction

TRANSITIONS: dict[m.CaseAction, tuple[frozenset[C], C]] = {
    CA.ACCEPT: (frozenset({C.SUBMITTED}), C.ACCEPTED),
    CA.REJECT: (frozenset({C.SUBMITTED, C.SUPPLEMENT_REQUESTED}), C.REJECTED),
    CA.REQUEST_SUPPLEMENT: (frozenset({C.SUBMITTED}), C.SUPPLEMENT_REQUESTED),
    CA.SUPPLEMENT: (frozenset({C.SUPPLEMENT_REQUESTED}), C.SUBMITTED),
    CA.PROCESS: (frozenset({C.ACCEPTED}), C.PROCESSING),
    CA.SUSPEND: (frozenset({C.PROCESSING}), C.SUSPENDED),
    CA.RESUME: (frozenset({C.SUSPENDED}), C.PROCESSING),
    CA.FINISH: (frozenset({C.ACCEPTED, C.PROCESSING}), C.DONE),
    CA.DELIVER: (frozenset({C.DONE}), C.DELIVERED),
}


def luhn_digit(digits: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def case_number(ctx: HubContext, session: Session, day: date) -> str:
    """``YM`` + yyyymmdd + 6-digit daily sequence + Luhn check digit (catches typos in lookups)."""
    seq = next_value(session, CaseSequence, {"day": day}, start=1)
    body = f"{day:%Y%m%d}{seq:06d}"
    return f"{ctx.settings.case_number_prefix}{body}{luhn_digit(body)}"


def _problem_unknown_item(code: str) -> HubProblem:
    return HubProblem(
        404, m.ProblemCode.UNKNOWN_ITEM, f"Unknown item {code}", "没有找到该办理事项。"
    )


def _validate(ctx: HubContext, request: m.CaseCreate) -> tuple[m.CatalogItem, dict[str, Any]]:
    """The item, and the form answers in their current shapes (see forms.check_form)."""
    item = get_item(ctx, request.item_code)
    if item is None:
        raise _problem_unknown_item(request.item_code)
    if request.channel not in item.channels:
        raise HubProblem(
            409,
            m.ProblemCode.FORBIDDEN,
            "Item not offered on this channel",
            "该事项不能在此渠道办理。",
        )
    if request.delivery not in item.delivery:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Delivery method not offered",
            "不支持所选的送达方式。",
        )
    if request.delivery is m.DeliveryMethod.EMS and not request.delivery_address:
        raise HubProblem(
            422, m.ProblemCode.VALIDATION_FAILED, "EMS needs an address", "邮寄送达请填写收件地址。"
        )
    _check_applicant_type(item, request)
    answers = forms.check_form(item, request.form)
    settings = ctx.settings
    forms.check_materials(
        item, request.materials, settings.max_material_bytes, settings.max_materials_per_case
    )
    return item, answers


# How an agent proves who they are for a company: their own card or e-ID, not typed details.
_AGENT_PROOFS = frozenset(
    {m.IdentitySource.ID_CARD, m.IdentitySource.SOCIAL_SECURITY_CARD, m.IdentitySource.QR}
)


def _check_applicant_type(item: m.CatalogItem, request: m.CaseCreate) -> None:
    """People for items that serve people, companies (through a proven agent with the
    authorisation letter) for items that serve companies."""
    if request.applicant_type not in item.applicant_types:
        company = request.applicant_type is m.ApplicantType.COMPANY
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"Item {item.code} is not for {request.applicant_type.value} applicants",
            "该事项只能由个人申请。" if company else "该事项只能由企业（单位）申请。",
        )
    if request.company is None:
        return
    if request.identity_source not in _AGENT_PROOFS:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "A company's agent proves their identity with their own card or e-ID",
            "经办人须刷本人身份证件（或电子身份码）核验身份。",
        )
    if m.AUTHORISATION_MATERIAL not in {d.code for d in request.materials}:
        name = next(
            (s.name for s in item.materials if s.code == m.AUTHORISATION_MATERIAL), "授权委托书"
        )
        raise HubProblem(
            422,
            m.ProblemCode.MATERIALS_MISSING,
            "A company's case needs the authorisation letter",
            f"企业办理须提交{name}。",
            missing=[name],
        )


def require_key(key: str | None) -> str:
    if not key:
        raise HubProblem(
            428,
            m.ProblemCode.IDEMPOTENCY_KEY_REQUIRED,
            "Idempotency-Key header required",
            "提交失败，请重试。",
        )
    return key


# Kept in their own columns (or rows), not in the case's ``data``.
_KEPT_APART = frozenset({"applicant", "company", "identity_source", "materials", "receipt_code"})


def create(
    ctx: HubContext,
    terminal: Terminal,
    request: m.CaseCreate,
    key: str | None,
    contents: Mapping[str, bytes] | None = None,
) -> m.CaseReceipt:
    """The case (or the one this key created before). ``contents``: every declared material,
    already checked against its declaration (hub.case_upload), stored in the same commit."""
    key = require_key(key)
    body = request.model_dump(mode="json")
    for added in ("identity_source", "receipt_code", "company"):
        if body[added] is None:
            # A case retried from an outbox written before the field existed (or from a client
            # that does not send it) hashes as it did then.
            del body[added]
    body_hash = request_hash(body)
    existing = _existing(ctx, terminal.terminal_id, key, body_hash)
    if existing is not None:
        return _completed(ctx, existing, contents)
    item, answers = _validate(ctx, request)
    now = ctx.now()
    try:
        with ctx.transaction() as session:
            case_id = uuid.uuid4().hex
            row = CaseRow(
                case_id=case_id,
                case_number=case_number(ctx, session, now.astimezone(ctx.tz).date()),
                terminal_id=terminal.terminal_id,
                idempotency_key=key,
                request_hash=body_hash,
                item_code=item.code,
                state=C.SUBMITTED.value,
                applicant_name=request.applicant.name,
                applicant_id_number=request.applicant.id_number.upper(),
                applicant_id_digest=ctx.id_digest(request.applicant.id_number),
                applicant_identity_source=(
                    request.identity_source.value if request.identity_source else None
                ),
                receipt_code_hash=(
                    receipt_code_hash(case_id, request.receipt_code)
                    if request.receipt_code
                    else None
                ),
                **_company_columns(ctx, request.company),
                data={
                    **{k: v for k, v in body.items() if k not in _KEPT_APART},
                    "form": answers,
                },
                submitted_at=now,
                due_date=None,
                clock_paused_days=0,
            )
            session.add(row)
            session.flush()
            for material in request.materials:
                content = None if contents is None else contents[material.code]
                session.add(
                    Material(
                        case_id=case_id,
                        material_code=material.code,
                        name=material.name,
                        sha256=material.sha256,
                        size=material.size,
                        media_type=material.media_type,
                        content=content,
                        uploaded_at=None if content is None else now,
                    )
                )
            detail = {"channel": request.channel.value, "agent": request.agent is not None}
            record(session, row, C.SUBMITTED, now, terminal.terminal_id, detail, audited=False)
            audit.append(session, m.AuditKind.SUBMISSION, case_id, _attested(row, request), at=now)
        # What receipt() would read back, known already (and not read under the write lock).
        return m.CaseReceipt(
            case_id=case_id,
            case_number=row.case_number,
            item_code=item.code,
            item_name=item.name,
            state=C.SUBMITTED,
            submitted_at=now,
            due_date=None,
            materials_pending=[] if contents else sorted(d.code for d in request.materials),
            applicant_type=request.applicant_type,
            company=company_view(row),
        )
    except IntegrityError:
        # The same key committed concurrently (the unique constraint held): answer with it.
        existing = _existing(ctx, terminal.terminal_id, key, body_hash)
        if existing is None:
            raise
        return _completed(ctx, existing, contents)


def _company_columns(ctx: HubContext, company: m.Company | None) -> dict[str, Any]:
    if company is None:
        return {"applicant_type": m.ApplicantType.PERSON.value}
    return {
        "applicant_type": m.ApplicantType.COMPANY.value,
        "company_uscc": company.uscc,
        "company_uscc_digest": ctx.id_digest(company.uscc),
        "company_name": company.name,
        "company_legal_representative": company.legal_representative,
    }


def company_view(row: CaseRow) -> m.CompanyView | None:
    if row.company_uscc is None:
        return None
    return m.CompanyView.of(
        row.company_uscc, row.company_name or "", row.company_legal_representative or ""
    )


def _attested(row: CaseRow, request: m.CaseCreate) -> dict[str, Any]:
    """What the chain keeps of a submission: references and digests, nobody's name or number
    (the receipt code's salted hash is what lets a receipt be checked against the chain; a
    company is kept as its code's keyed digest)."""
    company = {"company_uscc_digest": row.company_uscc_digest} if request.company else {}
    return {
        **company,
        "case_id": row.case_id,
        "case_number": row.case_number,
        "item_code": row.item_code,
        "terminal_id": row.terminal_id,
        "channel": request.channel.value,
        "request_hash": row.request_hash,
        "receipt_code_hash": row.receipt_code_hash,
        "materials": {material.code: material.sha256 for material in request.materials},
    }


def _completed(
    ctx: HubContext, existing: m.CaseReceipt, contents: Mapping[str, bytes] | None
) -> m.CaseReceipt:
    """A repeat that brings the materials a first, two-step attempt left pending: store them
    (the same key and body mean the same declarations, which ``contents`` were checked by)."""
    if not contents or not existing.materials_pending:
        return existing
    with ctx.transaction() as session:
        row = get_case(session, existing.case_id)
        now = ctx.now()
        for material in session.execute(
            select(Material).where(Material.case_id == row.case_id, Material.uploaded_at.is_(None))
        ).scalars():
            material.content = contents[material.material_code]
            material.uploaded_at = now
        session.flush()
        return receipt(session, row)


def receipt_code_hash(case_id: str, code: str) -> str:
    """What the hub keeps of a receipt code: a hash salted with the case's id (never the code,
    so a database dump cannot rate anything without guessing 40 random bits per case)."""
    return hashlib.sha256(f"yimen-receipt:{case_id}:{code}".encode()).hexdigest()


def _existing(ctx: HubContext, terminal_id: str, key: str, body_hash: str) -> m.CaseReceipt | None:
    with ctx.reading() as session:  # the last commit, without queueing behind the writers
        row = session.execute(
            select(CaseRow).where(
                CaseRow.terminal_id == terminal_id, CaseRow.idempotency_key == key
            )
        ).scalar_one_or_none()
        if row is None:
            return None
        if row.request_hash != body_hash:
            raise HubProblem(
                409,
                m.ProblemCode.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key reused with a different case",
                "重复提交的内容不一致，请重新办理。",
            )
        return receipt(session, row)


def record(
    session: Session,
    row: CaseRow,
    state: C,
    at: datetime,
    actor: str,
    detail: dict[str, Any],
    *,
    audited: bool = True,
) -> None:
    """The case's step: its state, its event, and (``audited``) its record in the audit chain
    — the step's detail only as a digest, since a reason or a collector may name someone."""
    row.state = state.value
    session.add(
        CaseEvent(case_id=row.case_id, state=state.value, at=at, actor=actor, detail=detail)
    )
    if audited:
        attested = {
            "case_id": row.case_id,
            "case_number": row.case_number,
            "state": state.value,
            "actor": actor,
            "detail_hash": request_hash(detail),
        }
        audit.append(session, m.AuditKind.DECISION, row.case_id, attested, at=at)


def pending_materials(session: Session, case_id: str) -> list[str]:
    return list(
        session.execute(
            select(Material.material_code)
            .where(Material.case_id == case_id, Material.uploaded_at.is_(None))
            .order_by(Material.material_code)
        ).scalars()
    )


def _item_name(session: Session, code: str) -> str:
    # The name alone: the item's row also holds its whole guide, forms and materials (JSON).
    name = session.execute(select(CatalogItemRow.name).where(CatalogItemRow.code == code)).scalar()
    return name or code


def item_name_en(session: Session, code: str) -> str:
    """The item's English name ("" when the catalog has none), read alone as ``_item_name``."""
    english = CatalogItemRow.data["name_en"].as_string()
    found = session.execute(select(english).where(CatalogItemRow.code == code)).scalar()
    return found or ""


def receipt(session: Session, row: CaseRow) -> m.CaseReceipt:
    return m.CaseReceipt(
        case_id=row.case_id,
        case_number=row.case_number,
        item_code=row.item_code,
        item_name=_item_name(session, row.item_code),
        state=C(row.state),
        submitted_at=row.submitted_at,
        due_date=row.due_date,
        materials_pending=pending_materials(session, row.case_id),
        applicant_type=m.ApplicantType(row.applicant_type),
        company=company_view(row),
    )


def events(session: Session, case_id: str) -> list[m.CaseEventView]:
    rows = session.execute(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    ).scalars()
    return [m.CaseEventView(state=C(e.state), at=e.at, detail=e.detail) for e in rows]


def detail(session: Session, row: CaseRow) -> m.CaseDetail:
    return m.CaseDetail(
        case_id=row.case_id,
        case_number=row.case_number,
        item_code=row.item_code,
        state=C(row.state),
        applicant_name_masked=mask_name(row.applicant_name),
        id_number_masked=mask_id(row.applicant_id_number),
        submitted_at=row.submitted_at,
        due_date=row.due_date,
        materials_pending=pending_materials(session, row.case_id),
        events=events(session, row.case_id),
        identity_source=(
            m.IdentitySource(row.applicant_identity_source)
            if row.applicant_identity_source
            else None
        ),
        applicant_type=m.ApplicantType(row.applicant_type),
        company=company_view(row),
    )


def get_case(session: Session, case_id: str) -> CaseRow:
    row = session.get(CaseRow, case_id)
    if row is None:
        raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown case", "未找到该办件。")
    return row
