"""Cases over real HTTP: idempotent create under concurrency, materials, life cycle, lookup."""

from __future__ import annotations

import hashlib
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from contract.models import (
    MAX_APPLICANT_CASES,
    ApplicantCases,
    CaseAction,
    CaseCreate,
    CaseLookup,
    CaseState,
    CaseTransition,
    DeliveryMethod,
    MaterialDeclaration,
    Person,
)
from contract.payloads import new_receipt_code
from contract.privacy import mask_name
from hub.context import HubSettings
from hub.db import CaseRow, Material
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

BUSINESS = "XK00402001-990101-SJ"  # 个体工商户设立登记: promised 1 working day, three materials
ID_NUMBER = "11010519491231002X"
OTHER_ID = "360426199101010071"


def pdf(tag: str, size: int = 2048) -> bytes:
    head = f"%PDF-1.4 {tag}\n".encode()
    return head + bytes(size - len(head))


def declaration(code: str, content: bytes) -> MaterialDeclaration:
    return MaterialDeclaration(
        code=code, name=code, sha256=hashlib.sha256(content).hexdigest(), size=len(content)
    )


def business_case(materials: dict[str, bytes] | None = None) -> tuple[CaseCreate, dict[str, bytes]]:
    materials = materials or {c: pdf(c) for c in ("application", "id_card", "premises")}
    request = CaseCreate(
        item_code=BUSINESS,
        applicant=Person(name="张三", id_number=ID_NUMBER, phone="13800138000"),
        form={
            "business_scope": "日用百货零售",
            "premises_address": "示例区城东街道1号",
            "phone": "13800138000",
        },
        materials=[declaration(code, content) for code, content in materials.items()],
        delivery=DeliveryMethod.PICKUP,
    )
    return request, materials


def count_cases(hub: EmbeddedHub) -> int:
    with hub.context.sessions() as session:
        return session.execute(select(func.count()).select_from(CaseRow)).scalar_one()


def submit(client: HubClient) -> tuple[str, str]:
    request, materials = business_case()
    receipt = client.create_case(request, idempotency_key=uuid.uuid4().hex)
    for code, content in materials.items():
        receipt = client.upload_material(receipt.case_id, code, content)
    assert receipt.materials_pending == []
    return receipt.case_id, receipt.case_number


def test_same_key_twenty_times_concurrently_is_one_case(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("kiosk-race")
    request, _ = business_case()
    clients = [HubClient(hub.base_url, token=token, read_timeout=60) for _ in range(20)]
    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            receipts = list(
                pool.map(lambda c: c.create_case(request, idempotency_key="k-1"), clients)
            )
    finally:
        for c in clients:
            c.close()
    assert len({r.case_id for r in receipts}) == 1
    assert len({r.case_number for r in receipts}) == 1
    assert count_cases(hub) == 1


def test_same_key_from_another_terminal_is_another_case(
    hub: EmbeddedHub, client: HubClient
) -> None:
    request, _ = business_case()
    first = client.create_case(request, idempotency_key="same")
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-02")) as other:
        second = other.create_case(request, idempotency_key="same")
    assert first.case_id != second.case_id
    with pytest.raises(HubRejected) as info:
        changed = request.model_copy(update={"delivery_address": "x"})
        client.create_case(changed, idempotency_key="same")
    assert info.value.code == "idempotency_key_reused"


def test_case_number_format(client: HubClient) -> None:
    _, number = submit(client)
    assert number.startswith("YM20260302000001") and len(number) == 17
    _, second = submit(client)
    assert second[:16] == "YM20260302000002"


def test_life_cycle_with_timestamps_and_due_date(
    client: HubClient, counter: HubClient, clock: Any
) -> None:
    case_id, _ = submit(client)
    accepted = counter.transition_case(case_id, CaseTransition(action=CaseAction.ACCEPT))
    assert accepted.state is CaseState.ACCEPTED
    assert accepted.due_date == date(2026, 3, 3)  # Monday + 1 working day
    counter.transition_case(case_id, CaseTransition(action=CaseAction.PROCESS))
    counter.transition_case(case_id, CaseTransition(action=CaseAction.SUSPEND, reason="现场核查"))
    clock.set(datetime(2026, 3, 4, 2, 0, tzinfo=UTC))  # Wednesday: two working days paused
    resumed = counter.transition_case(case_id, CaseTransition(action=CaseAction.RESUME))
    assert resumed.due_date == date(2026, 3, 5)
    counter.transition_case(
        case_id,
        CaseTransition(
            action=CaseAction.FINISH, result_code="approved", certificate_number="92990101MA1"
        ),
    )
    with pytest.raises(HubRejected) as info:
        counter.transition_case(
            case_id, CaseTransition(action=CaseAction.DELIVER, delivery=DeliveryMethod.EMS)
        )
    assert info.value.status == 422  # EMS needs a waybill
    delivered = counter.transition_case(
        case_id,
        CaseTransition(
            action=CaseAction.DELIVER, delivery=DeliveryMethod.EMS, waybill="EM123456789CN"
        ),
    )
    states = [e.state for e in delivered.events]
    assert states == [
        CaseState.SUBMITTED,
        CaseState.ACCEPTED,
        CaseState.PROCESSING,
        CaseState.SUSPENDED,
        CaseState.PROCESSING,
        CaseState.DONE,
        CaseState.DELIVERED,
    ]
    assert delivered.events[-1].detail["waybill"] == "EM123456789CN"
    assert delivered.events[3].at < delivered.events[4].at
    assert (
        delivered.applicant_name_masked == "张*"
        and delivered.id_number_masked == "1101**********002X"
    )
    with pytest.raises(HubRejected) as info:
        counter.transition_case(case_id, CaseTransition(action=CaseAction.ACCEPT))
    assert info.value.code == "invalid_transition"


def test_supplement_and_rejection(client: HubClient, counter: HubClient) -> None:
    case_id, _ = submit(client)
    with pytest.raises(HubRejected):  # a supplement request lists what and by when
        counter.transition_case(
            case_id, CaseTransition(action=CaseAction.REQUEST_SUPPLEMENT, reason="缺页")
        )
    step = CaseTransition(
        action=CaseAction.REQUEST_SUPPLEMENT,
        reason="租赁协议缺少签字页",
        materials=["premises"],
        deadline=date(2026, 3, 9),
    )
    asked = counter.transition_case(case_id, step)
    assert asked.state is CaseState.SUPPLEMENT_REQUESTED
    assert asked.events[-1].detail == {
        "reason": "租赁协议缺少签字页",
        "materials": ["premises"],
        "deadline": "2026-03-09",
    }
    back = counter.transition_case(case_id, CaseTransition(action=CaseAction.SUPPLEMENT))
    assert back.state is CaseState.SUBMITTED
    with pytest.raises(HubRejected):
        counter.transition_case(case_id, CaseTransition(action=CaseAction.REJECT))  # reason needed
    rejected = counter.transition_case(
        case_id, CaseTransition(action=CaseAction.REJECT, reason="经营范围不符")
    )
    assert rejected.state is CaseState.REJECTED


def test_accept_waits_for_every_material(client: HubClient, counter: HubClient) -> None:
    request, materials = business_case()
    receipt = client.create_case(request, idempotency_key="m-1")
    assert receipt.materials_pending == ["application", "id_card", "premises"]
    client.upload_material(receipt.case_id, "application", materials["application"])
    with pytest.raises(HubRejected) as info:
        counter.transition_case(receipt.case_id, CaseTransition(action=CaseAction.ACCEPT))
    assert info.value.code == "materials_missing"


def test_upload_is_verified_by_sha256(client: HubClient, hub: EmbeddedHub) -> None:
    request, materials = business_case()
    receipt = client.create_case(request, idempotency_key="m-2")
    tampered = materials["id_card"][:-1] + b"X"
    with pytest.raises(HubRejected) as info:
        client.upload_material(receipt.case_id, "id_card", tampered)
    assert info.value.code == "material_hash_mismatch"
    with pytest.raises(HubRejected) as info:
        client.upload_material(receipt.case_id, "id_card", materials["id_card"][:100])
    assert info.value.code == "material_hash_mismatch"
    with hub.context.sessions() as session:
        stored = session.get(Material, (receipt.case_id, "id_card"))
        assert stored is not None and stored.content is None and stored.uploaded_at is None
    ok = client.upload_material(receipt.case_id, "id_card", materials["id_card"])
    again = client.upload_material(receipt.case_id, "id_card", materials["id_card"])  # idempotent
    assert ok.materials_pending == again.materials_pending == ["application", "premises"]
    with pytest.raises(HubRejected):
        client.upload_material(receipt.case_id, "not_declared", b"x")


def test_lookup_needs_proof(client: HubClient) -> None:
    _, number = submit(client)
    by_last6 = client.lookup_case(CaseLookup(case_number=number, id_last6="31002x"))
    by_card = client.lookup_case(CaseLookup(case_number=number, id_number=ID_NUMBER))
    assert by_last6.state is by_card.state is CaseState.SUBMITTED
    assert by_last6.item_name == "个体工商户设立登记" and by_last6.applicant_name_masked == "张*"
    assert by_last6.item_name_en == "Registering an individual business"
    for query in (
        CaseLookup(case_number=number, id_last6="123456"),
        CaseLookup(case_number=number, id_number="360426199101010071"),
        CaseLookup(case_number="YM20990101000001", id_last6="31002X"),
    ):
        with pytest.raises(HubRejected) as info:
            client.lookup_case(query)
        assert info.value.code == "proof_rejected"
    with pytest.raises(HubRejected) as info:
        client.lookup_case(CaseLookup(case_number=number))
    assert info.value.status == 422


def test_the_receipt_code_is_proof_enough(client: HubClient) -> None:
    request, _ = business_case()
    coded = request.model_copy(update={"receipt_code": "K7Q2M9XD"})
    number = client.create_case(coded, idempotency_key=uuid.uuid4().hex).case_number
    status = client.lookup_case(CaseLookup(case_number=number, receipt_code="K7Q2M9XD"))
    assert status.case_number == number and status.applicant_name_masked == "张*"
    _, uncoded = submit(client)  # a case stored without a code has no receipt proof
    for query in (
        CaseLookup(case_number=number, receipt_code="K7Q2M9XE"),
        CaseLookup(case_number=uncoded, receipt_code="K7Q2M9XD"),
    ):
        with pytest.raises(HubRejected) as info:
            client.lookup_case(query)
        assert info.value.code == "proof_rejected"


def test_a_card_alone_lists_the_citizens_newest_cases(client: HubClient, clock: Any) -> None:
    numbers = []
    for _ in range(MAX_APPLICANT_CASES + 1):
        numbers.append(submit(client)[1])
        clock.advance(minutes=1)
    other, _ = business_case()
    other = other.model_copy(
        update={"applicant": Person(name="李四", id_number=OTHER_ID, phone="13800138001")}
    )
    client.create_case(other, idempotency_key=uuid.uuid4().hex)

    found = client.applicant_cases(ApplicantCases(id_number=ID_NUMBER.lower()))

    assert [s.case_number for s in found] == numbers[::-1][:MAX_APPLICANT_CASES]  # newest first
    assert {s.applicant_name_masked for s in found} == {"张*"}
    assert found[0].item_name == "个体工商户设立登记" and found[0].events
    assert client.applicant_cases(ApplicantCases(id_number="110101198001010010")) == []


def _post(hub: EmbeddedHub, token: str, body: Any, key: str | None = "bad-1") -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if key:
        headers["Idempotency-Key"] = key
    return requests.post(f"{hub.base_url}/api/v1/cases", json=body, headers=headers, timeout=10)


def _bad_bodies() -> list[tuple[str, Any, int, str]]:
    good, _ = business_case()
    base = good.model_dump(mode="json")
    no_applicant = {k: v for k, v in base.items() if k != "applicant"}
    wrong_type = {**base, "materials": "all of them"}
    bad_hash = {**base, "materials": [{**base["materials"][0], "sha256": "xyz"}]}
    unknown_item = {**base, "item_code": "NOPE-1"}
    missing_material = {**base, "materials": base["materials"][:1]}
    huge = {**base, "materials": [{**m, "size": 50_000_000} for m in base["materials"]]}
    bad_phone = {**base, "form": {**base["form"], "phone": "call me"}}
    unknown_field = {**base, "form": {**base["form"], "favourite_colour": "blue"}}
    ems_no_address = {**base, "delivery": "ems"}
    bad_check = {**base, "applicant": {**base["applicant"], "id_number": "110105194912310021"}}
    return [
        ("missing applicant", no_applicant, 422, "validation_failed"),
        ("wrong type", wrong_type, 422, "validation_failed"),
        ("bad hash", bad_hash, 422, "validation_failed"),
        ("unknown item", unknown_item, 404, "unknown_item"),
        ("missing material", missing_material, 422, "materials_missing"),
        ("oversize declared", huge, 413, "material_too_large"),
        ("bad phone", bad_phone, 422, "validation_failed"),
        ("unknown form field", unknown_field, 422, "validation_failed"),
        ("ems without address", ems_no_address, 422, "validation_failed"),
        ("ID check character", bad_check, 422, "validation_failed"),
    ]


@pytest.mark.parametrize(
    ("name", "body", "status", "code"), _bad_bodies(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_bad_case_input_is_a_problem_and_stores_nothing(
    hub: EmbeddedHub, name: str, body: Any, status: int, code: str
) -> None:
    response = _post(hub, hub.register_terminal("kiosk-bad"), body)
    assert response.status_code == status, name
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == code
    assert count_cases(hub) == 0


def test_case_without_idempotency_key_is_refused(hub: EmbeddedHub) -> None:
    good, _ = business_case()
    response = _post(
        hub, hub.register_terminal("kiosk-nokey"), good.model_dump(mode="json"), key=None
    )
    assert response.status_code == 428
    assert response.json()["code"] == "idempotency_key_required"
    assert count_cases(hub) == 0


@pytest.fixture
def small_hub(tmp_path: Path) -> Any:
    with EmbeddedHub(tmp_path / "small", settings=HubSettings(max_material_bytes=4096)) as server:
        yield server


def test_oversize_upload_is_refused_and_nothing_stored(small_hub: EmbeddedHub) -> None:
    token = small_hub.register_terminal("kiosk-small")
    request, materials = business_case()
    with HubClient(small_hub.base_url, token=token) as client:
        receipt = client.create_case(request, idempotency_key="big")
        response = requests.put(
            f"{small_hub.base_url}/api/v1/cases/{receipt.case_id}/materials/id_card",
            data=bytes(5000),
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.status_code == 413
        assert response.json()["code"] == "material_too_large"

        def chunks() -> Any:  # no Content-Length: the hub must count while reading
            for _ in range(5):
                yield bytes(1000)

        response = requests.put(
            f"{small_hub.base_url}/api/v1/cases/{receipt.case_id}/materials/id_card",
            data=chunks(),
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
        assert response.status_code == 413
        assert client.get_case(receipt.case_id).materials_pending == [
            "application",
            "id_card",
            "premises",
        ]
    assert len(materials) == 3


def test_guessing_proofs_is_throttled(client: HubClient, clock: Any) -> None:
    _, number = submit(client)
    for guess in range(5):
        with pytest.raises(HubRejected) as info:
            client.lookup_case(CaseLookup(case_number=number, id_last6=f"{guess:06d}"))
        assert info.value.code == "proof_rejected"
    with pytest.raises(HubRejected) as info:  # the six digits wait now, even the right ones
        client.lookup_case(CaseLookup(case_number=number, id_last6="31002X"))
    assert (info.value.status, info.value.code) == (429, "too_many_attempts")
    clock.advance(minutes=16)
    assert (
        client.lookup_case(CaseLookup(case_number=number, id_last6="31002X")).case_number == number
    )


def test_a_stranger_cannot_lock_the_owner_out(client: HubClient, hub: EmbeddedHub) -> None:
    """Guessing at one kiosk blocks only the six-digit proof of that number there: the owner's
    card or receipt code always works, and their six digits work at any other terminal."""
    code = new_receipt_code()
    request, _materials = business_case()
    request = request.model_copy(update={"receipt_code": code})
    number = client.create_case(request, idempotency_key=uuid.uuid4().hex).case_number
    for guess in range(8):
        with pytest.raises(HubRejected):
            client.lookup_case(CaseLookup(case_number=number, id_last6=f"{guess:06d}"))
    with pytest.raises(HubRejected) as info:
        client.lookup_case(CaseLookup(case_number=number, id_last6="31002X"))
    assert info.value.status == 429
    by_card = client.lookup_case(CaseLookup(case_number=number, id_number=ID_NUMBER))
    by_receipt = client.lookup_case(CaseLookup(case_number=number, receipt_code=code))
    assert by_card.case_number == by_receipt.case_number == number
    with HubClient(hub.base_url, token=hub.register_terminal("K-OTHER")) as other:
        found = other.lookup_case(CaseLookup(case_number=number, id_last6="31002X"))
    assert found.case_number == number


def test_the_hub_masks_as_the_receipt_does(client: HubClient) -> None:
    """One set of masking rules: a three-character name comes back as the receipt prints it."""
    request, _materials = business_case()
    applicant = Person(name="王小明", id_number=ID_NUMBER, phone="13800138000")
    request = request.model_copy(update={"applicant": applicant})
    receipt = client.create_case(request, idempotency_key=uuid.uuid4().hex)
    status = client.lookup_case(CaseLookup(case_number=receipt.case_number, id_number=ID_NUMBER))
    assert status.applicant_name_masked == mask_name("王小明") == "王*明"
