"""Case life-cycle steps (staff), material upload (SHA-256 checked) and status lookup by proof."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from contract import models as m
from hub.cases import (
    TRANSITIONS,
    detail,
    get_case,
    item_name_en,
    pending_materials,
    receipt,
    receipt_code_hash,
    record,
)
from hub.catalog import item_in
from hub.context import HubContext
from hub.db import CaseEvent, CaseRow, Material, Terminal
from hub.problems import HubProblem

C = m.CaseState
CA = m.CaseAction


def _require(condition: object, title: str, detail_text: str) -> None:
    if not condition:
        raise HubProblem(422, m.ProblemCode.VALIDATION_FAILED, title, detail_text)


def transition(
    ctx: HubContext, case_id: str, step: m.CaseTransition, actor: Terminal
) -> m.CaseDetail:
    with ctx.transaction() as session:
        row = session.get(CaseRow, case_id, with_for_update=True)
        if row is None:
            raise HubProblem(404, m.ProblemCode.NOT_FOUND, "Unknown case", "未找到该办件。")
        apply(session, ctx, row, step, actor.terminal_id)
        session.flush()
        return detail(session, row)


def apply(
    session: Session,
    ctx: HubContext,
    row: CaseRow,
    step: m.CaseTransition,
    actor: str,
    more: dict[str, Any] | None = None,
) -> None:
    """One step of the case's life cycle, checked and recorded (``more`` joins its record)."""
    sources, target = TRANSITIONS[step.action]
    if C(row.state) not in sources:
        raise HubProblem(
            409,
            m.ProblemCode.INVALID_TRANSITION,
            f"Case is {row.state}; cannot {step.action.value}",
            "该办件当前状态不能进行此操作。",
        )
    case_id = row.case_id
    now = ctx.now()
    today = now.astimezone(ctx.tz).date()
    info: dict[str, Any] = {}
    if step.action is CA.ACCEPT:
        pending = pending_materials(session, case_id)
        if pending:
            raise HubProblem(
                409,
                m.ProblemCode.MATERIALS_MISSING,
                "Materials not uploaded yet",
                "材料尚未上传完成，暂不能受理。",
                missing=pending,
            )
        item = item_in(session, row.item_code)
        promised = item.promised_days if item else 0
        row.due_date = ctx.calendar.add_working_days(today, promised)
        info = {"promised_days": promised, "due_date": row.due_date.isoformat()}
    elif step.action is CA.REJECT:
        _require(step.reason, "Rejection needs a reason", "不予受理须说明理由。")
        info = {"reason": step.reason}
    elif step.action is CA.REQUEST_SUPPLEMENT:
        _require(
            step.reason and step.materials,
            "Supplement needs reason and list",
            "补正须列明原因和材料。",
        )
        _require(
            step.deadline and step.deadline >= today,
            "Supplement needs a future deadline",
            "补正期限有误。",
        )
        assert step.deadline is not None
        info = {
            "reason": step.reason,
            "materials": step.materials,
            "deadline": step.deadline.isoformat(),
        }
    elif step.action is CA.SUSPEND:
        _require(step.reason, "Suspension needs a reason", "特别程序须说明理由。")
        info = {"reason": step.reason, "since": today.isoformat()}
    elif step.action is CA.RESUME:
        since = _last_suspension(session, case_id)
        paused = ctx.calendar.working_days_between(since, today)
        row.clock_paused_days += paused
        if row.due_date is not None and paused:
            row.due_date = ctx.calendar.add_working_days(row.due_date, paused)
        info = {
            "paused_working_days": paused,
            "due_date": row.due_date and row.due_date.isoformat(),
        }
    elif step.action is CA.FINISH:
        _require(step.result_code, "Finishing needs a result code", "办结须填写办理结果。")
        info = {
            "result_code": step.result_code,
            "certificate_number": step.certificate_number,
            "fee_cny": step.fee_cny,
        }
    elif step.action is CA.DELIVER:
        _require(step.delivery, "Delivery needs a method", "请选择送达方式。")
        if step.delivery is m.DeliveryMethod.EMS:
            _require(step.waybill, "EMS delivery needs a waybill", "邮寄送达须填写运单号。")
        info = {"delivery": step.delivery and step.delivery.value, "waybill": step.waybill}
    record(session, row, target, now, actor, {**info, **(more or {})})


def _last_suspension(session: Any, case_id: str) -> Any:
    from datetime import date

    event = session.execute(
        select(CaseEvent)
        .where(CaseEvent.case_id == case_id, CaseEvent.state == C.SUSPENDED.value)
        .order_by(CaseEvent.id.desc())
        .limit(1)
    ).scalar_one()
    return date.fromisoformat(event.detail["since"])


def upload_material(
    ctx: HubContext, terminal: Terminal, case_id: str, code: str, content: bytes
) -> m.CaseReceipt:
    actual = hashlib.sha256(content).hexdigest()
    with ctx.transaction() as session:
        row = get_case(session, case_id)
        if row.terminal_id != terminal.terminal_id and terminal.mode != m.TerminalMode.COUNTER:
            raise HubProblem(403, m.ProblemCode.FORBIDDEN, "Not this terminal's case")
        material = session.get(Material, (case_id, code))
        if material is None:
            raise HubProblem(
                404,
                m.ProblemCode.MATERIAL_NOT_DECLARED,
                "Material not declared",
                "该材料不在办件清单中。",
            )
        if material.uploaded_at is None:
            if len(content) != material.size or actual != material.sha256:
                raise HubProblem(
                    422,
                    m.ProblemCode.MATERIAL_HASH_MISMATCH,
                    "Material does not match its declared size and SHA-256",
                    "材料上传不完整，请重新上传。",
                )
            material.content = content
            material.uploaded_at = ctx.now()
        elif actual != material.sha256:
            raise HubProblem(
                409,
                m.ProblemCode.CONFLICT,
                "Material already uploaded with other content",
                "材料已上传。",
            )
        session.flush()
        return receipt(session, row)


def lookup(ctx: HubContext, query: m.CaseLookup, terminal_id: str) -> m.CaseStatus:
    """Status only with proof; an unknown number and a wrong proof get the same answer. Only
    the guessable proofs are throttled: the last six per ``terminal_id`` and number, a
    company's (public) code per ``terminal_id`` and code."""
    refused = HubProblem(
        404,
        m.ProblemCode.PROOF_REJECTED,
        "Case number and proof do not match",
        (
            "办件编号或统一社会信用代码不正确，请核对后再查。"
            if query.uscc
            else "办件编号或身份证号码不正确，请核对后再查。"
        ),
    )
    guessable = bool(query.uscc) or (not query.id_number and bool(query.id_last6))
    guard_key = f"{terminal_id}\n{query.case_number}"
    if query.uscc:
        # A company's code is public (on its licence, in the publicity system): what is guessed
        # is the case number, so the wrong tries count per terminal and company.
        guard_key = f"{terminal_id}\nuscc:{ctx.id_digest(query.uscc)}"
    if guessable:
        ctx.lookup_guard.check(guard_key, ctx.now())
    if not (query.id_number or query.id_last6 or query.receipt_code or query.uscc):
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            "Proof required",
            "请扫描受理回执上的二维码，或刷身份证、输入身份证号后六位。",
        )
    with ctx.sessions() as session:
        row = session.execute(
            select(CaseRow).where(CaseRow.case_number == query.case_number)
        ).scalar_one_or_none()
        if row is None:
            if guessable:
                ctx.lookup_guard.failed(guard_key, ctx.now())
            raise refused
        stored = row.applicant_id_number.upper()
        if query.uscc:
            company = row.company_uscc or ""  # a person's case: no code proves it
            ok = bool(company) and hmac.compare_digest(company, query.uscc)
        elif query.id_number:
            ok = hmac.compare_digest(stored, query.id_number.upper())
        elif query.id_last6:
            ok = hmac.compare_digest(stored[-6:], query.id_last6.upper())
        else:
            expected = row.receipt_code_hash or ""  # a case without a code: no receipt proof
            given = receipt_code_hash(row.case_id, query.receipt_code or "")
            ok = bool(expected) and hmac.compare_digest(expected, given)
        if not ok:
            if guessable:
                ctx.lookup_guard.failed(guard_key, ctx.now())
            raise refused
        return _status(session, row)


def applicant_cases(ctx: HubContext, query: m.ApplicantCases) -> list[m.CaseStatus]:
    """The newest cases of the citizen whose card was read (an empty list when none)."""
    with ctx.sessions() as session:
        rows = session.execute(
            select(CaseRow)
            .where(CaseRow.applicant_id_number == query.id_number.upper())
            .order_by(CaseRow.submitted_at.desc(), CaseRow.case_number.desc())
            .limit(m.MAX_APPLICANT_CASES)
        ).scalars()
        return [_status(session, row) for row in rows]


def _status(session: Session, row: CaseRow) -> m.CaseStatus:
    shown = detail(session, row)
    return m.CaseStatus(
        case_number=row.case_number,
        item_name=receipt(session, row).item_name,
        item_name_en=item_name_en(session, row.item_code),
        state=C(row.state),
        applicant_name_masked=shown.applicant_name_masked,
        submitted_at=row.submitted_at,
        due_date=row.due_date,
        events=shown.events,
        company=shown.company,
    )
