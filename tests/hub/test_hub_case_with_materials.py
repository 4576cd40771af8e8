"""A case with its materials in one request (POST /cases/with-materials) over real HTTP: one
commit, the two-step form's idempotency and problem codes, limits counted while streaming."""

from __future__ import annotations

import hashlib
import http.client
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from contract.models import CaseAction, CaseCreate, CaseTransition, MaterialDeclaration
from contract.multipart import Part, PartData, PartEnded, PartStarted, encode
from hub.case_upload import CaseForm
from hub.context import HubSettings
from hub.db import CaseRow, Material
from hub.embedded import EmbeddedHub
from hub.problems import HubProblem
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

BUSINESS = "XK00402001-990101-SJ"  # 个体工商户设立登记: three materials
PATH = "/api/v1/cases/with-materials"


def pdf(tag: str, size: int = 2048) -> bytes:
    head = f"%PDF-1.4 {tag}\n".encode()
    return head + bytes(size - len(head))


def business_case(
    case_request: Any, materials: dict[str, bytes] | None = None, **changes: Any
) -> tuple[CaseCreate, dict[str, bytes]]:
    materials = materials or {c: pdf(c) for c in ("application", "id_card", "premises")}
    declared = [
        MaterialDeclaration(
            code=code, name=code, sha256=hashlib.sha256(data).hexdigest(), size=len(data)
        )
        for code, data in materials.items()
    ]
    request = case_request().model_copy(
        update={
            "item_code": BUSINESS,
            "form": {
                "business_scope": "日用百货零售",
                "premises_address": "示例区城东街道1号",
                "phone": "13800138000",
            },
            "materials": declared,
            **changes,
        }
    )
    return CaseCreate.model_validate(request.model_dump()), materials


def body_of(request: CaseCreate | bytes, materials: dict[str, bytes]) -> tuple[str, bytes]:
    case = request if isinstance(request, bytes) else request.model_dump_json().encode()
    parts = [Part("case", case, "application/json")]
    parts += [Part(c, data, "application/pdf", f"{c}.pdf") for c, data in materials.items()]
    return encode(parts)


def post(
    hub: EmbeddedHub,
    token: str,
    body: Any,
    content_type: str,
    key: str | None = "k-1",
    **headers: str,
) -> requests.Response:
    sent = {"Authorization": f"Bearer {token}", "Content-Type": content_type, **headers}
    if key is not None:
        sent["Idempotency-Key"] = key
    return requests.post(f"{hub.base_url}{PATH}", data=body, headers=sent, timeout=30)


def stored(hub: EmbeddedHub) -> tuple[int, dict[str, bytes | None]]:
    """How many cases the hub holds, and the materials' stored bytes by code."""
    with hub.context.sessions() as session:
        cases = session.execute(select(func.count()).select_from(CaseRow)).scalar_one()
        rows = session.execute(select(Material.material_code, Material.content)).all()
        return cases, {code: content for code, content in rows}


@pytest.fixture
def token(hub: EmbeddedHub) -> str:
    return hub.register_terminal("kiosk-one")


def test_one_request_stores_the_case_with_every_material(
    hub: EmbeddedHub, client: HubClient, counter: HubClient, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    receipt = client.create_case_with_materials(request, materials, idempotency_key="one")
    assert receipt.materials_pending == []
    assert stored(hub) == (1, materials)
    with hub.context.sessions() as session:
        uploaded = session.execute(select(Material.uploaded_at)).scalars().all()
        assert all(at is not None for at in uploaded)
    detail = counter.transition_case(receipt.case_id, CaseTransition(action=CaseAction.ACCEPT))
    assert detail.state.value == "accepted"  # nothing left for the window to wait for


def test_a_repeat_answers_with_the_first_case_and_stores_nothing_twice(
    hub: EmbeddedHub, client: HubClient, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    first = client.create_case_with_materials(request, materials, idempotency_key="again")
    again = client.create_case_with_materials(request, materials, idempotency_key="again")
    assert again == first
    # The two-step form with the same key and case is the same case too.
    assert client.create_case(request, idempotency_key="again") == first
    assert stored(hub) == (1, materials)


def test_a_repeat_completes_what_a_two_step_attempt_left_pending(
    hub: EmbeddedHub, client: HubClient, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    created = client.create_case(request, idempotency_key="half")
    client.upload_material(created.case_id, "application", materials["application"])
    receipt = client.create_case_with_materials(request, materials, idempotency_key="half")
    assert (receipt.case_id, receipt.materials_pending) == (created.case_id, [])
    assert stored(hub) == (1, materials)


def test_the_same_key_concurrently_is_one_case(
    hub: EmbeddedHub, token: str, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    clients = [HubClient(hub.base_url, token=token, read_timeout=60) for _ in range(8)]
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            receipts = list(
                pool.map(
                    lambda c: c.create_case_with_materials(request, materials, idempotency_key="r"),
                    clients,
                )
            )
    finally:
        for c in clients:
            c.close()
    assert len({r.case_number for r in receipts}) == 1
    assert stored(hub) == (1, materials)


def test_the_same_key_with_another_case_is_refused(
    hub: EmbeddedHub, client: HubClient, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    client.create_case_with_materials(request, materials, idempotency_key="same")
    other, other_materials = business_case(
        case_request, {c: pdf(c + "-2") for c in ("application", "id_card", "premises")}
    )
    with pytest.raises(HubRejected) as info:
        client.create_case_with_materials(other, other_materials, idempotency_key="same")
    assert (info.value.status, info.value.code) == (409, "idempotency_key_reused")
    assert stored(hub) == (1, materials)


def _tampered(materials: dict[str, bytes]) -> dict[str, bytes]:
    return {**materials, "id_card": materials["id_card"][:-1] + b"X"}


def _short(materials: dict[str, bytes]) -> dict[str, bytes]:
    return {**materials, "id_card": materials["id_card"][:100]}


def _long(materials: dict[str, bytes]) -> dict[str, bytes]:
    return {**materials, "id_card": materials["id_card"] + b"more"}


@pytest.mark.parametrize("change", [_tampered, _short, _long], ids=["hash", "short", "long"])
def test_a_material_unlike_its_declaration_stores_no_case(
    hub: EmbeddedHub, token: str, case_request: Any, change: Any
) -> None:
    request, materials = business_case(case_request)
    response = post(hub, token, *reversed(body_of(request, change(materials))))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "material_hash_mismatch"
    assert stored(hub) == (0, {})


def test_a_declared_material_missing_from_the_request_stores_no_case(
    hub: EmbeddedHub, token: str, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    del materials["premises"]
    response = post(hub, token, *reversed(body_of(request, materials)))
    assert response.status_code == 422
    assert response.json()["code"] == "materials_missing"
    assert response.json()["missing"] == ["premises"]
    assert stored(hub) == (0, {})


def test_a_part_that_was_not_declared_stores_no_case(
    hub: EmbeddedHub, token: str, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    response = post(hub, token, *reversed(body_of(request, {**materials, "extra": b"%PDF"})))
    assert response.status_code == 422
    assert response.json()["code"] == "material_not_declared"
    assert stored(hub) == (0, {})


@pytest.fixture
def small_hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "small", settings=HubSettings(max_material_bytes=4096)) as server:
        yield server


def test_oversize_is_refused_while_streaming(small_hub: EmbeddedHub, case_request: Any) -> None:
    token = small_hub.register_terminal("kiosk-small")
    big = {c: pdf(c, 5000) for c in ("application", "id_card", "premises")}
    request, materials = business_case(case_request, big)
    content_type, body = body_of(request, materials)
    response = post(small_hub, token, body, content_type)  # declared over the limit
    assert response.status_code == 413
    assert response.json()["code"] == "material_too_large"

    # A body longer than any case could be: refused by its Content-Length, or, without one,
    # by counting what arrives (here a preamble the parser would otherwise skip).
    request, materials = business_case(case_request)
    content_type, body = body_of(request, materials)
    padded = bytes(1024 * 1024) + b"\r\n" + body
    response = post(small_hub, token, padded, content_type)
    assert (response.status_code, response.json()["code"]) == (413, "material_too_large")

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(padded), 65536):
            yield padded[i : i + 65536]

    response = post(small_hub, token, chunks(), content_type)
    assert "content-length" not in response.request.headers
    assert (response.status_code, response.json()["code"]) == (413, "material_too_large")
    assert stored(small_hub) == (0, {})
    response = post(small_hub, token, body, content_type)  # the same case, unpadded
    assert response.status_code == 201


def _malformed_bodies(request: CaseCreate, materials: dict[str, bytes]) -> list[Any]:
    content_type, body = body_of(request, materials)
    boundary = content_type.split("boundary=")[1]
    swapped = encode(
        [Part("id_card", materials["id_card"]), Part("case", request.model_dump_json().encode())]
    )
    twice = encode(
        [Part("case", request.model_dump_json().encode())]
        + [Part(c, d) for c, d in materials.items()]
        + [Part("id_card", materials["id_card"])]
    )
    bad_field = request.model_dump_json().replace(BUSINESS, "no such/item").encode()
    return [
        ("truncated", body[:-40], content_type, 400, "malformed_body"),
        ("no closing boundary", body[: body.rindex(b"--" + boundary.encode())], content_type, 400,
         "malformed_body"),
        ("empty", b"", content_type, 400, "malformed_body"),
        ("case not first", swapped[1], swapped[0], 400, "malformed_body"),
        ("a material twice", twice[1], twice[0], 400, "malformed_body"),
        ("case not JSON", *reversed(body_of(b"{not json", materials)), 400, "malformed_body"),
        ("case invalid", *reversed(body_of(bad_field, materials)), 422, "validation_failed"),
        ("JSON, not multipart", request.model_dump_json(), "application/json", 415,
         "malformed_body"),
        ("no boundary", body, "multipart/form-data", 415, "malformed_body"),
        ("garbage", b"\x00\xff" * 100, content_type, 400, "malformed_body"),
    ]  # fmt: skip


def test_a_malformed_body_is_a_clear_problem_and_stores_nothing(
    hub: EmbeddedHub, token: str, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    for name, body, content_type, status, code in _malformed_bodies(request, materials):
        response = post(hub, token, body, content_type)
        assert response.status_code == status, name
        assert response.headers["content-type"] == "application/problem+json", name
        assert response.json()["code"] == code, name
    assert stored(hub) == (0, {})


def answer_before_the_body(hub: EmbeddedHub, headers: dict[str, str]) -> tuple[int, str]:
    """Send only the request's head: a hub that waited for the body would time out here."""
    host, port = hub.base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=5)
    try:
        connection.putrequest("POST", PATH)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, json.loads(response.read())["code"]
    finally:
        connection.close()


def test_a_refusal_the_head_decides_comes_before_the_body(
    hub: EmbeddedHub, token: str, case_request: Any
) -> None:
    request, materials = business_case(case_request)
    content_type, body = body_of(request, materials)
    head = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
    too_long = {**head, "Idempotency-Key": "k", "Content-Length": str(10**9)}
    assert answer_before_the_body(hub, too_long) == (413, "material_too_large")
    no_key = {**head, "Content-Length": str(len(body))}
    assert answer_before_the_body(hub, no_key) == (428, "idempotency_key_required")
    response = post(hub, token, body, content_type, key=None)
    assert (response.status_code, response.json()["code"]) == (428, "idempotency_key_required")
    assert stored(hub) == (0, {})


@pytest.mark.parametrize(
    "settings, status, code",
    [
        (HubSettings(max_material_bytes=2047), 413, "material_too_large"),
        (HubSettings(max_materials_per_case=2), 422, "validation_failed"),
    ],
)
def test_the_case_part_alone_decides_the_limits(
    case_request: Any, settings: HubSettings, status: int, code: str
) -> None:
    """Refused as the case part ends: no material byte is read for a case over the limits."""
    request, _ = business_case(case_request)
    form = CaseForm(settings)
    form.event(PartStarted("case", None, "application/json"))
    form.event(PartData(request.model_dump_json().encode()))
    with pytest.raises(HubProblem) as info:
        form.event(PartEnded())
    assert (info.value.status, info.value.code) == (status, code)
    form = CaseForm(HubSettings(max_material_bytes=2048, max_materials_per_case=3))
    for event in (PartStarted("case", None, None), PartData(request.model_dump_json().encode())):
        form.event(event)
    form.event(PartEnded())  # exactly at both limits


def test_a_material_is_refused_at_its_first_byte_over_the_declared_size(
    case_request: Any,
) -> None:
    request, materials = business_case(case_request)
    form = CaseForm(HubSettings())
    for event in (PartStarted("case", None, None), PartData(request.model_dump_json().encode())):
        form.event(event)
    form.event(PartEnded())
    form.event(PartStarted("id_card", "id.pdf", "application/pdf"))
    form.event(PartData(materials["id_card"]))  # exactly as declared: held
    with pytest.raises(HubProblem) as info:
        form.event(PartData(b"x"))  # one more: refused before the part ends
    assert info.value.code == "material_hash_mismatch"
