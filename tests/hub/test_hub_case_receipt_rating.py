"""好差评 of a case named by its printed receipt (case number + check character) over HTTP."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest
import requests

from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from kiosk.api.models import (
    API_PREFIX,
    PROBLEM_MEDIA_TYPE,
    BadReason,
    CaseCreate,
    CaseReceipt,
    CaseReceiptEvaluation,
    CaseReceiptRef,
    DeliveryMethod,
    EvaluationCreate,
    MaterialDeclaration,
    Person,
    Rating,
    SubjectType,
)
from kiosk.api.payloads import check_character

ID = "11010519491231002X"


def new_case(client: HubClient) -> CaseReceipt:
    content = b"%PDF-1.4 id card scan"
    return client.create_case(
        CaseCreate(
            item_code="GG00515001-990101-WJ",
            applicant=Person(name="李四", id_number=ID),
            form={"expected_date": "2026-08-01", "phone": "13900139000"},
            delivery=DeliveryMethod.ELECTRONIC,
            materials=[
                MaterialDeclaration(
                    code="id_card",
                    name="身份证",
                    sha256=hashlib.sha256(content).hexdigest(),
                    size=len(content),
                )
            ],
        ),
        idempotency_key=uuid.uuid4().hex,
    )


def ref(number: str) -> CaseReceiptRef:
    return CaseReceiptRef(case_number=number, check=check_character(number))


def by_receipt(number: str, rating: Rating = Rating.SATISFIED, **kw: Any) -> CaseReceiptEvaluation:
    return CaseReceiptEvaluation(receipt=ref(number), rating=rating, **kw)


def test_rate_a_case_by_its_receipt_once(
    hub: EmbeddedHub, client: HubClient, counter: HubClient
) -> None:
    case = new_case(client)
    # Another kiosk of the hall: holding the receipt is enough, whoever submitted the case.
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-02")) as other:
        shown = other.case_to_rate(ref(case.case_number))
        assert shown.case_number == case.case_number
        assert shown.item_name == case.item_name and not shown.evaluated
        recorded = other.evaluate_case_receipt(
            by_receipt(
                case.case_number,
                Rating.UNSATISFIED,
                reasons=[BadReason.REPEATED_MATERIALS],
                comment="材料交了两次",
            )
        )
        assert recorded.subject_type is SubjectType.CASE
        assert recorded.subject_id == case.case_number  # the hub's own id is not handed out
        assert other.case_to_rate(ref(case.case_number)).evaluated

        with pytest.raises(HubRejected) as info:
            other.evaluate_case_receipt(by_receipt(case.case_number, Rating.VERY_SATISFIED))
    assert info.value.status == 409 and info.value.code == "already_evaluated"
    # One evaluation per case whichever way it is named (here: right after its journey).
    with pytest.raises(HubRejected) as info:
        client.evaluate(
            EvaluationCreate(
                subject_type=SubjectType.CASE, subject_id=case.case_id, rating=Rating.BASIC
            )
        )
    assert info.value.code == "already_evaluated"
    bad = counter.bad_ratings()
    assert [(b.subject_type, b.reasons, b.comment) for b in bad] == [
        (SubjectType.CASE, [BadReason.REPEATED_MATERIALS], "材料交了两次")
    ]


def test_a_case_rated_after_its_journey_shows_as_rated_by_receipt(client: HubClient) -> None:
    case = new_case(client)
    client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.CASE, subject_id=case.case_id, rating=Rating.BASIC
        )
    )
    assert client.case_to_rate(ref(case.case_number)).evaluated
    with pytest.raises(HubRejected) as info:
        client.evaluate_case_receipt(by_receipt(case.case_number))
    assert info.value.code == "already_evaluated"


def test_unknown_and_garbled_numbers_are_problems(client: HubClient) -> None:
    case = new_case(client)
    unknown = case.case_number[:-1] + ("0" if case.case_number[-1] != "0" else "1")
    for call in (
        lambda: client.case_to_rate(ref(unknown)),
        lambda: client.evaluate_case_receipt(by_receipt(unknown)),
    ):
        with pytest.raises(HubRejected) as info:
            call()
        assert info.value.status == 404 and info.value.code == "not_found"
        assert "未找到该办件" in info.value.citizen_message

    right = check_character(case.case_number)
    wrong = next(c for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != right)
    garbled = CaseReceiptRef(case_number=case.case_number, check=wrong)
    for call in (
        lambda: client.case_to_rate(garbled),
        lambda: client.evaluate_case_receipt(
            CaseReceiptEvaluation(receipt=garbled, rating=Rating.SATISFIED)
        ),
    ):
        with pytest.raises(HubRejected) as info:
            call()
        assert info.value.status == 422 and info.value.code == "validation_failed"
        assert "核对" in info.value.citizen_message
    assert not client.case_to_rate(ref(case.case_number)).evaluated  # nothing was stored


def test_problem_bodies_and_no_personal_data_over_raw_http(
    hub: EmbeddedHub, client: HubClient
) -> None:
    case = new_case(client)
    token = hub.register_terminal("kiosk-raw")
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{hub.base_url}{API_PREFIX}/evaluations/case-receipt"
    shown = requests.post(
        f"{url}/check", json=ref(case.case_number).model_dump(), headers=headers, timeout=10
    )
    assert shown.status_code == 200
    assert set(shown.json()) == {"case_number", "item_name", "evaluated"}
    assert "李" not in shown.text and ID[-4:] not in shown.text
    for body in (
        {"case_number": "not a number", "check": "0"},  # not what a receipt can carry
        {"case_number": case.case_number},  # no check character
    ):
        answer = requests.post(f"{url}/check", json=body, headers=headers, timeout=10)
        assert answer.status_code == 422
        assert answer.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
        assert answer.json()["code"] == "validation_failed"
    bad = by_receipt(case.case_number, Rating.VERY_UNSATISFIED).model_dump(mode="json")
    answer = requests.post(url, json=bad, headers=headers, timeout=10)
    assert answer.status_code == 422 and answer.json()["code"] == "reasons_required"
    assert requests.post(url, json=bad, timeout=10).status_code == 401
