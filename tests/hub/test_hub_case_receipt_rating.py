"""好差评 of a case named by its printed receipt (case number, check character and the receipt's
random code) over HTTP: the code is the proof, and every way of not having it is answered alike."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import inspect, select

from contract.models import (
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
from contract.payloads import check_character, new_receipt_code
from hub import migrations
from hub.db import CaseRow, make_engine
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

ID = "11010519491231002X"


def a_case(code: str | None) -> CaseCreate:
    content = b"%PDF-1.4 id card scan"
    return CaseCreate(
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
        receipt_code=code,
    )


class Rated:
    """A case the test created, and the code its receipt would print."""

    def __init__(self, client: HubClient, code: str | None = "auto") -> None:
        self.code = new_receipt_code() if code == "auto" else code
        self.receipt: CaseReceipt = client.create_case(
            a_case(self.code), idempotency_key=uuid.uuid4().hex
        )
        self.case_number = self.receipt.case_number
        self.case_id = self.receipt.case_id
        self.item_name = self.receipt.item_name

    def ref(self, code: str | None = "same") -> CaseReceiptRef:
        return ref(self.case_number, self.code if code == "same" else code)

    def by_receipt(self, rating: Rating = Rating.SATISFIED, **kw: Any) -> CaseReceiptEvaluation:
        return CaseReceiptEvaluation(receipt=self.ref(), rating=rating, **kw)


def new_case(client: HubClient, code: str | None = "auto") -> Rated:
    return Rated(client, code)


def ref(number: str, code: str | None) -> CaseReceiptRef:
    return CaseReceiptRef(case_number=number, check=check_character(number), code=code)


def other_code(code: str) -> str:
    """The same code with its last character changed (as close as a guess can get)."""
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def test_rate_a_case_by_its_receipt_once(
    hub: EmbeddedHub, client: HubClient, counter: HubClient
) -> None:
    case = new_case(client)
    # Another kiosk of the hall: holding the receipt is enough, whoever submitted the case.
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-02")) as other:
        shown = other.case_to_rate(case.ref())
        assert shown.case_number == case.case_number
        assert shown.item_name == case.item_name and not shown.evaluated
        assert shown.item_name_en == "Registering a pregnancy or birth"  # the catalog's
        recorded = other.evaluate_case_receipt(
            case.by_receipt(
                Rating.UNSATISFIED,
                reasons=[BadReason.REPEATED_MATERIALS],
                comment="材料交了两次",
            )
        )
        assert recorded.subject_type is SubjectType.CASE
        assert recorded.subject_id == case.case_number  # the hub's own id is not handed out
        assert other.case_to_rate(case.ref()).evaluated

        with pytest.raises(HubRejected) as info:
            other.evaluate_case_receipt(case.by_receipt(Rating.VERY_SATISFIED))
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
    assert client.case_to_rate(case.ref()).evaluated
    with pytest.raises(HubRejected) as info:
        client.evaluate_case_receipt(case.by_receipt())
    assert info.value.code == "already_evaluated"


def test_unknown_and_garbled_numbers_are_problems(client: HubClient) -> None:
    case = new_case(client)
    unknown = case.case_number[:-1] + ("0" if case.case_number[-1] != "0" else "1")
    for call in (
        lambda: client.case_to_rate(ref(unknown, case.code)),
        lambda: client.evaluate_case_receipt(
            CaseReceiptEvaluation(receipt=ref(unknown, case.code), rating=Rating.SATISFIED)
        ),
    ):
        with pytest.raises(HubRejected) as info:
            call()
        assert info.value.status == 404 and info.value.code == "not_found"
        assert "未找到该办件" in info.value.citizen_message

    right = check_character(case.case_number)
    wrong = next(c for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c != right)
    garbled = CaseReceiptRef(case_number=case.case_number, check=wrong, code=case.code)
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
    assert not client.case_to_rate(case.ref()).evaluated  # nothing was stored


def test_problem_bodies_and_no_personal_data_over_raw_http(
    hub: EmbeddedHub, client: HubClient
) -> None:
    case = new_case(client)
    token = hub.register_terminal("kiosk-raw")
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{hub.base_url}{API_PREFIX}/evaluations/case-receipt"
    shown = requests.post(f"{url}/check", json=case.ref().model_dump(), headers=headers, timeout=10)
    assert shown.status_code == 200
    assert set(shown.json()) == {"case_number", "item_name", "item_name_en", "evaluated"}
    assert "李" not in shown.text and ID[-4:] not in shown.text
    for body in (
        {"case_number": "not a number", "check": "0"},  # not what a receipt can carry
        {"case_number": case.case_number},  # no check character
    ):
        answer = requests.post(f"{url}/check", json=body, headers=headers, timeout=10)
        assert answer.status_code == 422
        assert answer.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
        assert answer.json()["code"] == "validation_failed"
    bad = case.by_receipt(Rating.VERY_UNSATISFIED).model_dump(mode="json")
    answer = requests.post(url, json=bad, headers=headers, timeout=10)
    assert answer.status_code == 422 and answer.json()["code"] == "reasons_required"
    assert requests.post(url, json=bad, timeout=10).status_code == 401
    # A wrong code and an unknown number: the same problem+json body, byte for byte.
    nobody = f"{case.case_number[:-3]}999"
    bodies = []
    for receipt in (case.ref(other_code(case.code or "")), ref(nobody, case.code)):
        answer = requests.post(
            f"{url}/check", json=receipt.model_dump(), headers=headers, timeout=10
        )
        assert answer.status_code == 404
        assert answer.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
        bodies.append(answer.content)
    assert bodies[0] == bodies[1] and b"not_found" in bodies[0]


def _refusal(call: Any) -> tuple[int, str, str, str]:
    with pytest.raises(HubRejected) as info:
        call()
    return info.value.status, info.value.code, info.value.message, info.value.citizen_message


def test_only_the_receipts_code_rates_and_every_other_way_is_answered_alike(
    hub: EmbeddedHub, client: HubClient
) -> None:
    """Case numbers are sequential: a made-up QR with the right number but not the printed
    code must neither show nor rate the case, and must not learn that the number exists."""
    case = new_case(client)
    nobody = f"{case.case_number[:-3]}999"  # a well-formed number no case has
    answers = set()
    with HubClient(hub.base_url, token=hub.register_terminal("kiosk-forger")) as forger:
        for receipt in (
            case.ref(other_code(case.code or "")),  # the right number, a guessed code
            case.ref(None),  # the right number, no code (an old-style or forged QR)
            ref(nobody, case.code),  # an unknown number
            ref(nobody, None),
        ):
            answers.add(_refusal(lambda r=receipt: forger.case_to_rate(r)))
            answers.add(
                _refusal(
                    lambda r=receipt: forger.evaluate_case_receipt(
                        CaseReceiptEvaluation(
                            receipt=r, rating=Rating.VERY_UNSATISFIED, reasons=[BadReason.ATTITUDE]
                        )
                    )
                )
            )
    assert len(answers) == 1  # the very same problem each time
    assert answers.pop()[::3] == (404, "未找到该办件，请核对回执。")
    # Nothing stored: the citizen holding the receipt still rates it.
    assert not client.case_to_rate(case.ref()).evaluated
    assert client.evaluate_case_receipt(case.by_receipt(Rating.VERY_SATISFIED)).rating is (
        Rating.VERY_SATISFIED
    )


def test_a_case_created_without_a_code_cannot_be_rated_by_receipt(client: HubClient) -> None:
    """A counter-created case, or one from an older terminal: no code, so no receipt proves
    anything; whatever code is tried, the answer is that of an unknown number."""
    case = new_case(client, None)
    for code in (None, new_receipt_code()):
        assert _refusal(lambda c=code: client.case_to_rate(case.ref(c)))[:2] == (404, "not_found")
        refused = _refusal(
            lambda c=code: client.evaluate_case_receipt(
                CaseReceiptEvaluation(receipt=case.ref(c), rating=Rating.SATISFIED)
            )
        )
        assert refused[:2] == (404, "not_found")
    # The terminal that created it still rates it by the hub's id.
    client.evaluate(
        EvaluationCreate(
            subject_type=SubjectType.CASE, subject_id=case.case_id, rating=Rating.BASIC
        )
    )


def test_the_hub_keeps_only_a_hash_of_the_code(hub: EmbeddedHub, client: HubClient) -> None:
    case = new_case(client)
    without = new_case(client, None)
    twin = new_case(client, case.code)  # another case whose terminal drew the same code
    assert case.code is not None
    with hub.context.sessions() as session:
        rows = {row.case_id: row for row in session.execute(select(CaseRow)).scalars()}
    row = rows[case.case_id]
    assert row.receipt_code_hash and len(row.receipt_code_hash) == 64
    assert case.code not in row.receipt_code_hash
    assert "receipt_code" not in row.data and case.code not in str(row.data)
    assert rows[without.case_id].receipt_code_hash is None
    # Salted with the case: two cases with the same code do not share a hash.
    assert rows[twin.case_id].receipt_code_hash != row.receipt_code_hash


def test_replaying_a_create_with_its_code_is_the_same_case(client: HubClient) -> None:
    """The outbox retries with the same Idempotency-Key and the same body (code included)."""
    code = new_receipt_code()
    key = uuid.uuid4().hex
    first = client.create_case(a_case(code), idempotency_key=key)
    again = client.create_case(a_case(code), idempotency_key=key)
    assert (again.case_id, again.case_number) == (first.case_id, first.case_number)
    assert not client.case_to_rate(ref(first.case_number, code)).evaluated
    # The same key with another code is another request: refused, not silently merged.
    refused = _refusal(lambda: client.create_case(a_case(other_code(code)), idempotency_key=key))
    assert refused[:2] == (409, "idempotency_key_reused")
    # A codeless case (an older terminal's outbox) replays too, and hashes as it did before.
    key = uuid.uuid4().hex
    old = client.create_case(a_case(None), idempotency_key=key)
    assert client.create_case(a_case(None), idempotency_key=key).case_id == old.case_id


def test_a_database_from_before_receipt_codes_gains_the_column(
    legacy_database: Callable[[int], Path],
) -> None:
    engine = make_engine(f"sqlite:///{legacy_database(6)}")  # what a hub of version 6 left
    assert "receipt_code_hash" not in {c["name"] for c in inspect(engine).get_columns("cases")}
    migrations.upgrade(engine)
    assert "receipt_code_hash" in {c["name"] for c in inspect(engine).get_columns("cases")}
    assert migrations.current_revision(engine) == migrations.head()
    engine.dispose()
