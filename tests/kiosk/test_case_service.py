"""The case service over the real hub on loopback: outbox first, then the hub's number."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text

from contract.models import CaseLookup, CaseState, DeliveryMethod, IdentitySource
from contract.payloads import case_tracking_code, check_character, classify
from drivers.printer.encoder import encode
from drivers.printer.profile import PaperWidth, PrinterProfile
from drivers.printer.render import render_escpos
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.capture import DocumentCamera
from kiosk.catalog_cache import CatalogCache
from kiosk.documents import case_receipt, receipt_layout
from kiosk.forms import form_specs
from kiosk.identity import Identity, IdentityRefused, IdentityResolver
from kiosk.journeys.case.service import (
    CaseDraft,
    CaseService,
    NumberWait,
    estimate_due,
)
from kiosk.journeys.rating.flow import receipt_ref
from kiosk.outbox.store import Outbox

RESIDENCE = "QR00240001-990101-GA"
APPLICANT = Identity(
    "张示例", "11010519491231002X", IdentitySource.ID_CARD, "北京市朝阳区示例路1号"
)


@dataclass
class Rig:
    hub: EmbeddedHub
    client: HubClient
    service: CaseService
    catalog: CatalogCache
    camera: DocumentCamera


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[Rig]:
    hub = EmbeddedHub(tmp_path / "hub")
    hub.start()
    hub.port = int(hub.base_url.rsplit(":", 1)[1])  # a restart comes back on the same port
    token = hub.register_terminal("T-CASES")
    client = HubClient(hub.base_url, token=token, connect_timeout=1.0, read_timeout=5.0, retries=0)
    outbox = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key", terminal_id="T-CASES")
    service = CaseService(outbox, client, wait_seconds=10.0)
    service.sender.base_delay = 0.2  # retry quickly once the hub is back
    service.sender.max_delay = 0.5
    service.start()
    catalog = CatalogCache(client, tmp_path / "cache")
    catalog.refresh()
    try:
        yield Rig(hub, client, service, catalog, DocumentCamera("sim"))
    finally:
        service.stop()
        outbox.close()
        client.close()
        hub.stop()


def _draft(rig: Rig) -> CaseDraft:
    item = rig.catalog.item(RESIDENCE)
    assert item is not None
    draft = CaseDraft(item, APPLICANT)
    draft.answers = {
        "residence_address": "示例区城东街道幸福路8号3栋201",
        "residence_since": "20250301",
        "reason": "就业",
        "family": [{"name": "王小二", "relation": "子女", "id_number": "110105201501010017"}],
        "phone": "13800001234",
    }
    for code in ("id_card", "residence_proof"):
        spec = next(m for m in item.materials if m.code == code)
        rig.camera.begin(code)
        assert rig.camera.capture().issues == ()
        captured = rig.camera.finish()
        from kiosk.journeys.case.service import CapturedMaterial

        draft.materials[code] = CapturedMaterial(
            code, spec.name, captured.pdf, captured.sha256, captured.size, len(captured.pages)
        )
    draft.bring.add("photo")
    draft.delivery = DeliveryMethod.EMS
    draft.address = "北京市朝阳区示例路1号示例小区"
    draft.phone = "13800001234"
    return draft


def test_online_submission_gets_the_hubs_number_and_due_date(rig: Rig) -> None:
    draft = _draft(rig)
    specs = form_specs(draft.item)
    stored = rig.service.store(draft, specs)
    receipt = rig.service.await_number(stored, draft)
    assert not receipt.provisional
    assert receipt.number != stored.provisional_number
    status = rig.client.lookup_case(
        CaseLookup(case_number=receipt.number, id_number=APPLICANT.id_number)
    )
    assert status.state is CaseState.SUBMITTED
    # The hub fixes the due date at acceptance; until then the receipt shows the estimate.
    expected = status.due_date or estimate_due(receipt.submitted_at.date(), 15)
    assert receipt.promised_date == expected
    stored_case = _stored_case(rig.hub, receipt.number)
    assert stored_case["form"]["reason"] == "就业"
    assert stored_case["form"]["residence_since"] == "2025-03-01"
    assert [row["name"] for row in stored_case["form"]["family"]] == ["王小二"]
    sha = {m.code: m.sha256 for m in draft.materials.values()}
    assert stored_case["materials"] == sha
    for material in draft.materials.values():
        assert hashlib.sha256(material.pdf).hexdigest() == material.sha256
    text = render_escpos(
        encode(
            case_receipt(receipt_layout(receipt, "示例大厅"), PaperWidth.MM80), PrinterProfile()
        ),
        PaperWidth.MM80,
    ).transcript
    assert receipt.number in text and "EMS" in text and "张*例" in text
    flat = text.replace("\n", "")  # the notice wraps on paper
    assert (
        "居住证明" in text
        and f"请于{receipt.bring_by:%Y年%m月%d日}前到窗口（示例区公安分局（街道受理））"
        "提交：近期一寸免冠照片"
        in flat
    )
    assert receipt.bring_by == estimate_due(receipt.submitted_at.date(), 5)
    assert "11010519491231002X" not in text and "示例路1号" not in text
    # The receipt code: drawn with the draft, printed as 验证码, carried by the QR, and the
    # proof the hub asks for before the case can be rated from the receipt.
    assert receipt.verification_code == draft.receipt_code
    assert f"验证码：{draft.receipt_code}" in text
    assert receipt.tracking_code == case_tracking_code(receipt.number, draft.receipt_code)
    assert rig.client.case_to_rate(receipt_ref(receipt.number, draft.receipt_code)).item_name
    with pytest.raises(HubRejected) as forged:
        rig.client.case_to_rate(receipt_ref(receipt.number, ""))
    assert forged.value.status == 404


def test_with_the_hubs_public_url_the_receipt_qr_opens_the_case_on_a_phone(rig: Rig) -> None:
    rig.service.public_url = rig.hub.base_url + "/"  # as the hall configured it
    draft = _draft(rig)
    receipt = rig.service.await_number(rig.service.store(draft, form_specs(draft.item)), draft)
    assert not receipt.provisional
    code = f"{receipt.number}:{check_character(receipt.number)}:{draft.receipt_code}"
    assert receipt.tracking_code == f"{rig.hub.base_url}/c/{code}"
    page = requests.get(receipt.tracking_code, timeout=10)  # what the citizen's phone opens
    assert page.status_code == 200 and "居住证申领" in page.text and receipt.number in page.text
    scanned = classify(receipt.tracking_code, now=0.0)  # and the kiosk reads the same QR
    assert (scanned.reference, scanned.receipt_code) == (receipt.number, draft.receipt_code)
    rig.hub.stop()  # offline: a provisional number is not the hub's, so no link to it yet
    draft = _draft(rig)
    stored = rig.service.store(draft, form_specs(draft.item))
    offline = rig.service.await_number(stored, draft)
    assert offline.provisional
    assert offline.tracking_code == case_tracking_code(offline.number, draft.receipt_code)


def test_offline_submission_is_provisional_then_arrives_once(rig: Rig) -> None:
    draft = _draft(rig)
    specs = form_specs(draft.item)
    rig.hub.stop()
    rig.service.wait_seconds = 60.0  # far longer than the test may take
    stored = rig.service.store(draft, specs)
    receipt = rig.service.await_number(stored, draft)
    assert receipt.provisional
    assert receipt.number == stored.provisional_number
    # Not the wait running out: the sender's first failed attempt ended it.
    assert receipt.wait is NumberWait.ATTEMPT_FAILED
    assert "unreachable" in (rig.service.outbox.status().last_error or "")
    rig.hub.start()
    delivered = rig.service.outbox
    rig.service.sender.notify()
    deadline_ok = _wait_until(lambda: delivered.receipt(stored.entry_id).case_number is not None)
    assert deadline_ok
    number = delivered.receipt(stored.entry_id).case_number
    assert number is not None
    status = rig.client.lookup_case(CaseLookup(case_number=number, id_number=APPLICANT.id_number))
    assert status.item_name == "居住证申领"
    rig.service.sender.drain(force=True)  # a resend must not duplicate it
    assert _count_cases(rig.hub, RESIDENCE) == 1
    # The provisional receipt's code was sent with the case: it rates the hub's case.
    assert receipt.tracking_code == case_tracking_code(
        stored.provisional_number, draft.receipt_code
    )
    shown = rig.client.case_to_rate(receipt_ref(number, receipt.verification_code))
    assert shown.case_number == number and not shown.evaluated


def test_a_slow_hub_still_gives_its_number(rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hub takes its time over the case (held until the test lets it go): no attempt has
    failed, so the receipt waits for the number and is not provisional."""
    import threading

    import hub.cases

    entered, release = threading.Event(), threading.Event()
    original = hub.cases.create

    def slow_create(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        release.wait(30)
        return original(*args, **kwargs)

    monkeypatch.setattr(hub.cases, "create", slow_create)
    draft = _draft(rig)
    rig.service.wait_seconds = 60.0
    stored = rig.service.store(draft, form_specs(draft.item))
    receipts: list[Any] = []
    waiting = threading.Thread(
        target=lambda: receipts.append(rig.service.await_number(stored, draft))
    )
    waiting.start()
    assert entered.wait(30)  # the hub has the case and is slow about it
    assert waiting.is_alive() and not receipts  # the screen still waits for the number
    release.set()
    waiting.join(60)
    (receipt,) = receipts
    assert not receipt.provisional and receipt.wait is NumberWait.SETTLED
    assert receipt.number == rig.service.outbox.receipt(stored.entry_id).case_number


def _wait_until(predicate: object, timeout: float = 60.0) -> bool:
    import threading
    import time

    end = time.monotonic() + timeout
    gate = threading.Event()
    while time.monotonic() < end:
        if predicate():  # type: ignore[operator]
            return True
        gate.wait(0.1)
    return False


def _stored_case(hub: EmbeddedHub, number: str) -> dict[str, Any]:
    """The case as the hub stored it: its data, the applicant and each material's hash, with
    the hash of the bytes it actually received."""
    with hub.context.engine.connect() as db:
        case = (
            db.execute(text("SELECT * FROM cases WHERE case_number = :n"), {"n": number})
            .mappings()
            .one()
        )
        rows = db.execute(
            text("SELECT material_code, sha256, content FROM materials WHERE case_id = :c"),
            {"c": case["case_id"]},
        ).all()
    data = case["data"] if isinstance(case["data"], dict) else json.loads(case["data"])
    materials = {}
    for code, sha, content in rows:
        assert content is not None and hashlib.sha256(content).hexdigest() == sha
        materials[code] = sha
    return {**data, "applicant_name": case["applicant_name"], "materials": materials}


def _count_cases(hub: EmbeddedHub, item_code: str) -> int:
    with hub.context.engine.connect() as db:
        query = text("SELECT count(*) FROM cases WHERE item_code = :c")
        return int(db.execute(query, {"c": item_code}).scalar_one())


def test_identity_qr_is_resolved_at_the_hub(rig: Rig) -> None:
    code = rig.hub.issue_identity_code("王示例", APPLICANT.id_number, ttl_seconds=60)
    applicant = IdentityResolver(rig.client).resolve(code)
    assert (applicant.name, applicant.id_number) == ("王示例", APPLICANT.id_number)
    assert applicant.source is IdentitySource.QR
    assert "王示例" not in repr(applicant)
    with pytest.raises(IdentityRefused) as refused:  # not an identity code: refused here
        IdentityResolver(rig.client).resolve(case_tracking_code("SL20261127000001"))
    assert refused.value.key == "identity_invalid"


def test_submit_headless_in_one_job_with_the_hubs_due_date(
    rig: Rig, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case journey's 提交 without any UI: stored, waited for, receipt data. The promised
    date is the hub's answer kept in the outbox row (none before acceptance: the receipt then
    estimates it); no second call to the hub with the applicant's full ID number."""
    asked: list[object] = []
    monkeypatch.setattr(rig.client, "lookup_case", lambda *a, **k: asked.append(a))
    draft = _draft(rig)
    stored: list[str] = []
    data = rig.service.submit(
        draft, form_specs(draft.item), on_stored=lambda s: stored.append(s.entry_id)
    )
    assert stored == [data.entry_id] and not data.provisional and asked == []
    entry = rig.service.outbox.receipt(data.entry_id)
    assert entry.case_number == data.number and entry.due_date is None
    submitted = data.submitted_at.date()
    assert data.promised_date == estimate_due(submitted, draft.item.promised_days)

    # A hub that answers with a date: the outbox keeps it and the receipt prints it.
    promised = date(2027, 1, 8)
    rig.service.outbox.mark_delivered(data.entry_id, "case-id", data.number, promised)
    assert rig.service.outbox.receipt(data.entry_id).due_date == promised
    assert rig.service.await_number(entry, draft).promised_date == promised


def test_the_case_journey_headless_flow_and_service(rig: Rig) -> None:
    """The whole 办件 journey without ui/: the flow's rules, the service's one job, the receipt."""
    from datetime import UTC, datetime

    from kiosk.journeys.case.flow import CaseEvent, CaseFlow, CaseState
    from kiosk.staff import Shift, StaffMember

    worker = StaffMember("0001", "李社工", "360426199101010071", pin_hash="")
    shift = Shift(worker, datetime.now(UTC))
    flow, filled = CaseFlow(), _draft(rig)  # _draft: the answers and pages of a citizen
    draft = flow.choose(filled.item, agent=shift)
    assert draft is not None and flow.state is CaseState.GUIDE
    flow.fire(CaseEvent.APPLY)
    someone = Identity("王示例", "360426199101010071", IdentitySource.QR)
    assert flow.identified(someone) is True
    draft.answers, draft.address = {"reason": "就业"}, "别人的地址"
    flow.fire(CaseEvent.BACK)  # back to the identity page: the real applicant's card
    assert flow.identified(APPLICANT) is True
    assert draft.answers == {} and draft.address == ""  # the last person's answers are gone
    flow.fire(CaseEvent.BACK)
    assert flow.identified(APPLICANT) is False  # the same person again keeps their answers
    draft.answers, draft.materials, draft.bring = filled.answers, filled.materials, filled.bring
    draft.phone, draft.delivery = filled.phone, None
    for _ in range(3):
        flow.fire(CaseEvent.NEXT)  # form, materials, delivery
    draft.prefill_delivery()
    assert draft.delivery is None and draft.address == APPLICANT.address  # card address offered
    draft.delivery = DeliveryMethod.EMS
    assert draft.delivery_problem() is None

    assert flow.submit() is True and flow.state is CaseState.STORING
    data = rig.service.submit(draft, form_specs(draft.item), lambda s: flow.stored_as(s, draft))
    assert flow.state is CaseState.RECEIPT and flow.stored is not None
    assert flow.receipt_ready(data) and flow.receipt is data and not data.provisional
    assert shift.entry_ids == [data.entry_id]  # the worker's shift counts the case
    assert flow.submit() is False  # nothing is stored twice

    # A citizen who left while their case was being stored: counted, then forgotten with pages.
    left = CaseFlow()
    other = left.choose(filled.item, agent=shift)
    assert other is not None
    assert left.stored_as(flow.stored, other) is False  # not STORING: the citizen has gone
    flow.forget()
    assert flow.draft is None and draft.applicant is None and not draft.materials


def test_a_companys_case_goes_through_the_outbox_and_its_receipt_names_company_and_agent(
    rig: Rig,
) -> None:
    """法人: the company applies, the card holder is its agent (经办人); taken in at a window
    terminal, the receipt prints both, masked."""
    from contract.models import Company
    from kiosk.config import Mode
    from kiosk.journeys.case.service import CapturedMaterial

    item = rig.catalog.item("XK00405003-990101-SJ")  # 食品经营许可: companies only
    assert item is not None
    rig.service.mode = Mode.COUNTER
    draft = CaseDraft(item, APPLICANT)
    draft.company = Company(
        uscc="91320102ma1n8ujk25", name="示例餐饮管理有限公司", legal_representative="王大明"
    )
    draft.answers = {"main_format": "热食类食品制售", "phone": "13800001234"}
    for spec in item.materials:
        rig.camera.begin(spec.code)
        assert rig.camera.capture().issues == ()
        captured = rig.camera.finish()
        draft.materials[spec.code] = CapturedMaterial(
            spec.code, spec.name, captured.pdf, captured.sha256, captured.size, 1
        )
    draft.delivery = DeliveryMethod.PICKUP
    receipt = rig.service.await_number(rig.service.store(draft, form_specs(item)), draft)
    assert not receipt.provisional
    status = rig.client.lookup_case(CaseLookup(case_number=receipt.number, uscc=USCC_SAMPLE))
    assert status.company is not None and status.company.name == "示例餐饮管理有限公司"
    text = render_escpos(
        encode(
            case_receipt(receipt_layout(receipt, "示例大厅"), PaperWidth.MM80), PrinterProfile()
        ),
        PaperWidth.MM80,
    ).transcript
    assert "申请单位" in text and "示例餐饮管理有限公司" in text
    assert "9132**********JK25" in text and USCC_SAMPLE not in text
    assert "经办人" in text and "张*例" in text and "11010519491231002X" not in text
    draft.forget()
    assert draft.company is None  # the session's end wipes it with the rest


USCC_SAMPLE = "91320102MA1N8UJK25"
