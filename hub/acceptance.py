"""The acceptance workbench (受理) at a window: open a case, review its materials, decide.

Theory of operation. A clerk signed in at a window opens a case (by number, from a receipt's QR,
from the 预审 queue or from the citizen in front of them); opening it *holds* it for that clerk,
so two windows never decide the same case (a hold older than ``HOLD_MINUTES`` is taken over: a
clerk who walked away does not block it for the day). The clerk marks each material 合格 or 不合格
and decides: 受理 (the due date counts the item's promised working days from today), 补正 (every
missing or defective material at once, with a deadline: 一次性告知) or 不予受理 (a reason and its
legal basis). Each decision is recorded with the clerk, the window and the time, answered with
the notice to print, and kept (``case_notices``) so the citizen's return shows what they were
told. A second 补正 naming a material the earlier notices did not is what 一次性告知 forbids:
it needs a reason, and the notice counts such lines for the reports.

The applicant's name and ID number show in full only when the case came with a verified
identity (card or identity code) or the citizen's own card was read at the window for it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract import models as m
from contract.privacy import mask_address, mask_id, mask_name, mask_phone
from hub.case_flow import apply
from hub.cases import pending_materials, record
from hub.catalog import item_in
from hub.clerks import log
from hub.context import HubContext
from hub.counters import Window, idempotent, signed_in
from hub.db import CaseNotice, CaseRow, Material, Terminal
from hub.problems import HubProblem

C = m.CaseState
P = m.ProblemCode
HOLD_MINUTES = 30
DECIDABLE = frozenset({C.SUBMITTED, C.SUPPLEMENT_REQUESTED})
VERIFIED_SOURCES = frozenset(
    {
        m.IdentitySource.ID_CARD.value,
        m.IdentitySource.SOCIAL_SECURITY_CARD.value,
        m.IdentitySource.QR.value,
    }
)
REMOTE_CHANNELS = (m.Channel.COMMUNITY.value, m.Channel.ONLINE.value, m.Channel.MOBILE.value)
OPEN_AFTER_ACCEPTANCE = (C.ACCEPTED.value, C.PROCESSING.value, C.SUSPENDED.value, C.DONE.value)
VERIFIED_HERE = "verified_at_window"  # in the case's data: the citizen's card matched
# A case's notices in the order they were given (numbers -1, -2, … -10: by length, then text).
NOTICE_ORDER = (
    CaseNotice.issued_at,
    func.length(CaseNotice.notice_number),
    CaseNotice.notice_number,
)


def _case_by_number(session: Session, reference: str) -> CaseRow:
    """By the case number, or by the id the window's lists carry (a masked number cannot be
    typed back)."""
    row = session.execute(
        select(CaseRow)
        .where((CaseRow.case_number == reference.upper()) | (CaseRow.case_id == reference.lower()))
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown case", "未找到该办件，请核对办件编号。")
    return row


def _case(session: Session, case_id: str) -> CaseRow:
    row = session.get(CaseRow, case_id[:32], with_for_update=True)
    if row is None:
        raise HubProblem(404, P.NOT_FOUND, "Unknown case", "未找到该办件。")
    return row


def open_case(
    ctx: HubContext, terminal: Terminal, counter_code: str, case_number: str, body: m.OpenCase
) -> m.CaseAtWindow:
    """The case for the clerk, held for them when it waits for a decision and nobody else
    has it open (another clerk's hold shows as ``held_by``)."""
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, counter_code)
        row = _case_by_number(session, case_number)
        now = ctx.now()
        if body.card is not None:
            if ctx.id_digest(body.card.id_number) == row.applicant_id_digest:
                row.data = {**row.data, VERIFIED_HERE: True}
            else:  # kept for the record (which window, which case), never the card
                log(session, counter_code, window.clerk.staff_no, "case_card_mismatch", now, {
                    "case": row.case_id,
                })  # fmt: skip
        stale = row.held_at is None or row.held_at + timedelta(minutes=HOLD_MINUTES) < now
        if C(row.state) in DECIDABLE and (row.held_by in (None, window.clerk.staff_no) or stale):
            row.held_by, row.held_at = window.clerk.staff_no, now
        session.flush()
        return at_window(session, row)


def _held_here(row: CaseRow, window: Window) -> None:
    if row.held_by != window.clerk.staff_no:
        raise HubProblem(
            409,
            P.CASE_HELD,
            "The case is not open at this window",
            f"该办件正由工作人员 {row.held_by} 办理。" if row.held_by else "请先打开该办件。",
            held_by=row.held_by,
        )


def review(
    ctx: HubContext,
    terminal: Terminal,
    counter_code: str,
    case_id: str,
    reviews: list[m.MaterialReview],
) -> m.CaseAtWindow:
    """Mark materials 合格 or 不合格 (with a reason); the last verdict on each counts."""
    with ctx.transaction() as session:
        window = signed_in(session, ctx, terminal, counter_code)
        row = _case(session, case_id)
        _held_here(row, window)
        for verdict in reviews:
            material = session.get(Material, (row.case_id, verdict.code))
            if material is None:
                raise HubProblem(
                    404, P.MATERIAL_NOT_DECLARED, "Material not declared", "该材料不在办件清单中。"
                )
            material.verdict, material.verdict_reason = verdict.verdict.value, verdict.reason
        session.flush()
        return at_window(session, row)


def decide(
    ctx: HubContext,
    terminal: Terminal,
    counter_code: str,
    case_id: str,
    body: m.CaseDecision,
    key: str | None,
) -> m.DecisionMade:
    """受理, 补正 or 不予受理 once per Idempotency-Key, with its notice."""

    def run(session: Session) -> m.DecisionMade:
        window = signed_in(session, ctx, terminal, counter_code)
        row = _case(session, case_id)
        if C(row.state) not in DECIDABLE:
            raise HubProblem(
                409,
                P.INVALID_TRANSITION,
                f"Case is {row.state}",
                "该办件已作出决定，不能再次受理、补正或不予受理。",
            )
        _held_here(row, window)
        notice = _decide(session, ctx, window, row, body)
        row.held_by = row.held_at = None
        session.flush()
        return m.DecisionMade(case=at_window(session, row), notice=notice)

    request = {"counter": counter_code, "case": case_id, "decide": body.model_dump(mode="json")}
    return idempotent(ctx, terminal, key, request, m.DecisionMade, run)


def _decide(
    session: Session, ctx: HubContext, window: Window, row: CaseRow, body: m.CaseDecision
) -> m.Notice:
    now = ctx.now()
    today = now.astimezone(ctx.tz).date()
    item = item_in(session, row.item_code)
    earlier = notices(session, row.case_id)
    fields: dict[str, Any] = {}
    detail: dict[str, Any] = {"staff_no": window.clerk.staff_no, "counter": window.counter.code}
    late = 0
    if body.decision is m.Decision.ACCEPT:
        pending = pending_materials(session, row.case_id)
        if pending:
            raise HubProblem(
                409,
                P.MATERIALS_MISSING,
                "Materials not uploaded yet",
                "材料尚未上传完成，暂不能受理。",
                missing=pending,
            )
        defective = _defective(session, row.case_id)
        if defective:
            raise HubProblem(
                409,
                P.DEFECTIVE_MATERIALS,
                "Materials marked defective",
                "有材料标为不合格，请一次性告知补正，或重新审核后再受理。",
                defective=defective,
            )
        promised = item.promised_days if item else 0
        row.due_date = ctx.calendar.add_working_days(today, promised)
        row.handler_no = window.clerk.staff_no
        fields = {"due_date": row.due_date, "promised_days": promised}
        target, kind = C.ACCEPTED, m.NoticeKind.ACCEPTANCE
        detail |= {"promised_days": promised, "due_date": row.due_date.isoformat()}
    elif body.decision is m.Decision.SUPPLEMENT:
        assert body.deadline is not None  # the contract requires it
        if body.deadline < today:
            raise HubProblem(
                422, P.VALIDATION_FAILED, "Deadline in the past", "补正期限不能早于今天。"
            )
        told = {
            _line_key(line)
            for n in earlier
            if n.kind is m.NoticeKind.SUPPLEMENT
            for line in n.lines
        }
        missed = [line for line in body.lines if told and _line_key(line) not in told]
        if missed and not body.late_reason.strip():
            names = "、".join(line.name for line in missed)
            raise HubProblem(
                422,
                P.REASON_REQUIRED,
                "A second 补正 names materials the first notice did not",
                f"一次性告知：上次告知书未列出「{names}」，再次补正须说明原因。",
                missed=[line.name for line in missed],
            )
        late = len(missed)
        fields = {"lines": body.lines, "note": body.note, "deadline": body.deadline}
        target, kind = C.SUPPLEMENT_REQUESTED, m.NoticeKind.SUPPLEMENT
        detail |= {
            "reason": body.note,
            "materials": [line.name for line in body.lines],
            "deadline": body.deadline.isoformat(),
            **({"late_lines": late, "late_reason": body.late_reason} if late else {}),
        }
    else:
        fields = {"reason": body.reason, "legal_basis": body.legal_basis, "note": body.note}
        target, kind = C.REJECTED, m.NoticeKind.REJECTION
        detail |= {"reason": body.reason, "legal_basis": body.legal_basis}
    notice = m.Notice(
        notice_number=f"{row.case_number}-{len(earlier) + 1}",
        kind=kind,
        case_number=row.case_number,
        item_code=row.item_code,
        item_name=item.name if item else row.item_code,
        applicant_name=row.applicant_name,
        applicant_id_masked=mask_id(row.applicant_id_number),
        issued_at=now,
        staff_no=window.clerk.staff_no,
        staff_name=window.clerk.name,
        counter_code=window.counter.code,
        counter_name=window.counter.name,
        **fields,
    )
    session.add(
        CaseNotice(
            notice_number=notice.notice_number,
            case_id=row.case_id,
            kind=kind.value,
            issued_at=now,
            staff_no=window.clerk.staff_no,
            late_lines=late,
            data=notice.model_dump(mode="json"),
        )
    )
    record(
        session, row, target, now, window.counter.code, {**detail, "notice": notice.notice_number}
    )
    return notice


def progress(
    ctx: HubContext,
    terminal: Terminal,
    counter_code: str,
    case_id: str,
    body: m.CaseProgress,
    key: str | None,
) -> m.CaseAtWindow:
    """办理 → 办结 → 送达 from the window, once per Idempotency-Key, recorded with the clerk
    (and, for a pickup, who collected it: the applicant or an agent, masked)."""

    def run(session: Session) -> m.CaseAtWindow:
        window = signed_in(session, ctx, terminal, counter_code)
        row = _case(session, case_id)
        more: dict[str, Any] = {"staff_no": window.clerk.staff_no, "counter": counter_code}
        if body.collector is not None and body.step.action is m.CaseAction.DELIVER:
            own = ctx.id_digest(body.collector.id_number) == row.applicant_id_digest
            more["collector"] = mask_name(body.collector.name)
            more["collected_by"] = "applicant" if own else "agent"
        apply(session, ctx, row, body.step, counter_code, more)
        session.flush()
        return at_window(session, row)

    request = {"counter": counter_code, "case": case_id, "step": body.model_dump(mode="json")}
    return idempotent(ctx, terminal, key, request, m.CaseAtWindow, run)


def _line_key(line: m.NoticeLine) -> str:
    return line.code or line.name.strip()


def _defective(session: Session, case_id: str) -> list[str]:
    return list(
        session.execute(
            select(Material.material_code).where(
                Material.case_id == case_id, Material.verdict == m.Verdict.DEFECTIVE.value
            )
        ).scalars()
    )


def notices(session: Session, case_id: str) -> list[m.Notice]:
    rows = session.execute(
        select(CaseNotice.data).where(CaseNotice.case_id == case_id).order_by(*NOTICE_ORDER)
    ).scalars()
    return [m.Notice.model_validate(data) for data in rows]


def verified(row: CaseRow) -> bool:
    return row.applicant_identity_source in VERIFIED_SOURCES or bool(row.data.get(VERIFIED_HERE))


def at_window(session: Session, row: CaseRow) -> m.CaseAtWindow:
    shown = verified(row)
    data = row.data
    materials = session.execute(
        select(Material).where(Material.case_id == row.case_id).order_by(Material.material_code)
    ).scalars()
    item = item_in(session, row.item_code)
    agent = data.get("agent") or {}
    told = notices(session, row.case_id)
    if not shown:  # the paper's copy names the applicant in full; the screen not yet
        told = [n.model_copy(update={"applicant_name": mask_name(n.applicant_name)}) for n in told]
    company = None
    if row.company_uscc is not None:
        representative = row.company_legal_representative or ""
        company = m.CompanyAtWindow(
            name=row.company_name or "",
            uscc=row.company_uscc if shown else mask_id(row.company_uscc),
            legal_representative=representative if shown else mask_name(representative),
        )
    return m.CaseAtWindow(
        company=company,
        case_id=row.case_id,
        case_number=row.case_number,
        item_code=row.item_code,
        item_name=item.name if item else row.item_code,
        state=C(row.state),
        channel=m.Channel(data.get("channel", m.Channel.KIOSK.value)),
        applicant_name=row.applicant_name if shown else mask_name(row.applicant_name),
        applicant_id=row.applicant_id_number if shown else mask_id(row.applicant_id_number),
        identity_verified=shown,
        agent_name_masked=mask_name(agent["name"]) if agent.get("name") else "",
        form=data.get("form", {}) if shown else masked_form(data.get("form", {}), item),
        delivery=m.DeliveryMethod(data.get("delivery", m.DeliveryMethod.PICKUP.value)),
        delivery_address_masked=mask_address(data.get("delivery_address") or ""),
        materials=[
            m.MaterialAtWindow(
                code=mat.material_code,
                name=mat.name,
                size=mat.size,
                uploaded=mat.uploaded_at is not None,
                review=m.MaterialReview(
                    code=mat.material_code,
                    verdict=m.Verdict(mat.verdict),
                    reason=mat.verdict_reason,
                )
                if mat.verdict
                else None,
            )
            for mat in materials
        ],
        submitted_at=row.submitted_at,
        due_date=row.due_date,
        held_by=row.held_by,
        notices=told,
        identity_source=m.IdentitySource(row.applicant_identity_source)
        if row.applicant_identity_source
        else None,
    )


MASKS = {
    m.FieldKind.PHONE: mask_phone,
    m.FieldKind.ID_NUMBER: mask_id,
    m.FieldKind.ADDRESS: mask_address,
}


def masked_form(form: dict[str, Any], item: m.CatalogItem | None) -> dict[str, Any]:
    """The answers with phone numbers, ID numbers and addresses masked (in groups' rows too),
    until the applicant's identity is verified: the same rules as on paper and screens."""
    kinds = {f.name: f.kind for f in item.form} if item else {}
    sub_kinds = {f.name: {s.name: s.kind for s in f.fields} for f in item.form} if item else {}

    def mask(kind: m.FieldKind | None, value: Any) -> Any:
        masker = MASKS.get(kind) if kind else None
        return masker(value) if masker and isinstance(value, str) else value

    shown: dict[str, Any] = {}
    for name, value in form.items():
        if kinds.get(name) is m.FieldKind.GROUP and isinstance(value, list):
            rows = sub_kinds.get(name, {})
            shown[name] = [
                {k: mask(rows.get(k), v) for k, v in row.items()} if isinstance(row, dict) else row
                for row in value
            ]
        else:
            shown[name] = mask(kinds.get(name), value)
    return shown


def material_content(
    ctx: HubContext, terminal: Terminal, counter_code: str, case_id: str, code: str
) -> tuple[bytes, str]:
    """A material's file (its PDF) for the clerk's viewer."""
    with ctx.reading() as session:
        signed_in(session, ctx, terminal, counter_code)
        material = session.get(Material, (case_id[:32], code[:64]))
        if material is None or material.content is None:
            raise HubProblem(
                404, P.NOT_FOUND, "Material not uploaded", "该材料尚未上传或不在办件清单中。"
            )
        return material.content, material.media_type


def _line(row: CaseRow, item_name: str, today: date) -> m.CaseLine:
    return m.CaseLine(
        case_id=row.case_id,
        case_number=row.case_number,
        item_name=item_name,
        state=C(row.state),
        channel=m.Channel(row.data.get("channel", m.Channel.KIOSK.value)),
        applicant_name_masked=mask_name(row.applicant_name),
        submitted_at=row.submitted_at,
        due_date=row.due_date,
        overdue=row.due_date is not None and row.due_date < today,
    )


def my_cases(ctx: HubContext, terminal: Terminal, counter_code: str) -> list[m.CaseLine]:
    """The clerk's accepted cases not yet delivered, by due date (the overdue ones first)."""
    with ctx.reading() as session:
        window = signed_in(session, ctx, terminal, counter_code)
        rows = session.execute(
            select(CaseRow)
            .where(
                CaseRow.handler_no == window.clerk.staff_no,
                CaseRow.state.in_(OPEN_AFTER_ACCEPTANCE),
            )
            .order_by(CaseRow.due_date, CaseRow.submitted_at)
            .limit(200)
        ).scalars()
        return _lines(session, list(rows), ctx.today())


def prereview(ctx: HubContext, terminal: Terminal, counter_code: str) -> list[m.CaseLine]:
    """预审: cases from community workers and other remote channels waiting for a decision,
    oldest first (the queues this window and clerk serve are not a filter: any window may
    take any item, 全科)."""
    with ctx.reading() as session:
        signed_in(session, ctx, terminal, counter_code)
        channel = CaseRow.data["channel"].as_string()
        rows = session.execute(
            select(CaseRow)
            .where(CaseRow.state == C.SUBMITTED.value, channel.in_(REMOTE_CHANNELS))
            .order_by(CaseRow.submitted_at)
            .limit(200)
        ).scalars()
        return _lines(session, list(rows), ctx.today())


def _lines(session: Session, rows: list[CaseRow], today: date) -> list[m.CaseLine]:
    names: dict[str, str] = {}
    for row in rows:
        if row.item_code not in names:
            item = item_in(session, row.item_code)
            names[row.item_code] = item.name if item else row.item_code
    return [_line(row, names[row.item_code], today) for row in rows]


RETURNED_DAYS = 30  # how far back a community point's list of sent-back cases reaches


def returned_cases(ctx: HubContext, terminal: Terminal) -> list[m.ReturnedCase]:
    """This terminal's cases a window sent back (补正 or 不予受理) in the last month, newest
    first, each with its latest notice."""
    since = ctx.now() - timedelta(days=RETURNED_DAYS)
    with ctx.reading() as session:
        rows = session.execute(
            select(CaseRow, CaseNotice.data)
            .join(CaseNotice, CaseNotice.case_id == CaseRow.case_id)
            .where(
                CaseRow.terminal_id == terminal.terminal_id,
                CaseRow.state.in_((C.SUPPLEMENT_REQUESTED.value, C.REJECTED.value)),
                CaseNotice.issued_at >= since,
            )
            .order_by(*(column.desc() for column in NOTICE_ORDER))
            .limit(200)
        ).all()
        latest: dict[str, m.ReturnedCase] = {}
        for row, data in rows:
            if row.case_id in latest:
                continue  # an older notice of a case already listed
            notice = m.Notice.model_validate(data)
            latest[row.case_id] = m.ReturnedCase(
                case_id=row.case_id,
                case_number=row.case_number,
                item_name=notice.item_name,
                state=C(row.state),
                applicant_name_masked=mask_name(row.applicant_name),
                notice=notice.model_copy(update={"applicant_name": mask_name(row.applicant_name)}),
            )
        return list(latest.values())
