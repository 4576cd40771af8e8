"""Company applicants (法人): an item serving companies takes a case whose applicant is a company
(its USCC checked), made by an agent (经办人) proven by their own card and bringing the
authorisation letter; the hub keeps the company in its own columns, shows it masked, finds the
case by USCC + case number, and a person's case hashes exactly as before."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import inspect, select, text

from contract.models import (
    API_PREFIX,
    ApplicantType,
    CaseAction,
    CaseCreate,
    CaseLookup,
    CaseTransition,
    CatalogItem,
    Channel,
    Company,
    IdentitySource,
    MaterialDeclaration,
    Person,
)
from hub import migrations
from hub.context import request_hash
from hub.db import AuditRecord, CaseRow, make_engine
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected
from tests.hub.conftest import FakeClock

FOOD = "XK00405003-990101-SJ"  # 食品经营许可: companies only, at the hall
ELDERLY = "GG00618002-990101-MZ"  # 老年人优待证: people only
USCC = "91320102MA1N8UJK25"
AGENT = Person(name="李经办", id_number="11010519491231002X", phone="13800138000")


def _content(code: str) -> bytes:
    return f"%PDF-1.4 {code}".encode()


def _material(code: str, n: int) -> MaterialDeclaration:
    content = _content(code)
    sha = hashlib.sha256(content).hexdigest()
    return MaterialDeclaration(code=code, name=code, sha256=sha, size=len(content))


FOOD_MATERIALS = ("application", "authorisation", "licence", "layout", "safety_rules")


def company_case(
    *,
    uscc: str = USCC,
    materials: tuple[str, ...] = FOOD_MATERIALS,
    source: IdentitySource | None = IdentitySource.ID_CARD,
) -> CaseCreate:
    return CaseCreate(
        item_code=FOOD,
        applicant=AGENT,
        identity_source=source,
        company=Company(uscc=uscc, name="示例餐饮管理有限公司", legal_representative="王大明"),
        form={"main_format": "热食类食品制售", "phone": "13800138000"},
        materials=[_material(code, n) for n, code in enumerate(materials, start=1)],
        channel=Channel.HALL,
    )


def person_case() -> CaseCreate:
    return CaseCreate(
        item_code=ELDERLY,
        applicant=Person(name="张示例", id_number="11010519491231002X", phone="13800138000"),
        identity_source=IdentitySource.ID_CARD,
        form={"phone": "13800138000"},
        materials=[_material(code, n) for n, code in enumerate(("id_card", "photo"), start=1)],
    )


@pytest.mark.parametrize(
    ("given", "kept"),
    [(USCC, USCC), (USCC.lower(), USCC), (f" {USCC} ", USCC), ("91320102302424100w", None)],
)
def test_the_uscc_is_upper_cased_and_its_check_character_verified(
    given: str, kept: str | None
) -> None:
    company = Company(uscc=given, name="某公司", legal_representative="王大明")
    assert company.uscc == (kept or given.strip().upper())
    assert USCC not in repr(company) and "王大明" not in repr(company)


@pytest.mark.parametrize(
    "bad",
    ["91320102MA1N8UJK26", "91320102MA1N8UJK2", "91320102MA1N8UJK255", "", "9132010 MA1N8UJK25"],
)
def test_a_wrong_check_character_or_length_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        Company(uscc=bad, name="某公司", legal_representative="王大明")


def test_an_item_serving_companies_must_list_the_authorisation_letter() -> None:
    base = {
        "code": "X1",
        "basic_code": "X1",
        "name": "某事项",
        "item_type": "行政许可",
        "legal_basis": "某法",
        "level": "县级",
        "department": "某局",
        "promised_days": 1,
    }
    assert CatalogItem.model_validate(base).applicant_types == [ApplicantType.PERSON]
    with pytest.raises(ValidationError, match="authorisation"):
        CatalogItem.model_validate({**base, "applicant_types": ["company"]})
    letter = {"code": "authorisation", "name": "授权委托书"}
    with pytest.raises(ValidationError, match="not required when people apply too"):
        CatalogItem.model_validate(
            {**base, "applicant_types": ["person", "company"], "materials": [letter]}
        )
    both = CatalogItem.model_validate(
        {
            **base,
            "applicant_types": ["person", "company"],
            "materials": [{**letter, "required": False}],
        }
    )
    assert both.applicant_types == [ApplicantType.PERSON, ApplicantType.COMPANY]


def test_a_company_case_is_kept_shown_masked_and_accepted(
    hub: EmbeddedHub, client: HubClient, counter: HubClient
) -> None:
    request = company_case(uscc=USCC.lower())
    contents = {d.code: _content(d.code) for d in request.materials}
    receipt = client.create_case_with_materials(request, contents, idempotency_key="c1")
    assert receipt.applicant_type is ApplicantType.COMPANY
    assert receipt.company is not None
    assert receipt.company.name == "示例餐饮管理有限公司"
    assert receipt.company.uscc_masked == "9132**********JK25"
    assert receipt.company.legal_representative_masked == "王*明"
    with hub.context.sessions() as session:
        row = session.execute(select(CaseRow)).scalar_one()
        assert (row.applicant_type, row.company_uscc) == ("company", USCC)
        assert row.company_uscc_digest == hub.context.id_digest(USCC)
        assert row.applicant_name == "李经办"  # the agent, proven by their own card
        assert "company" not in row.data  # its own columns only
        attested = session.execute(select(AuditRecord)).scalars().all()
        chain = " ".join(record.body for record in attested)
        assert USCC not in chain and "王大明" not in chain and "示例餐饮" not in chain
        assert hub.context.id_digest(USCC) in chain
    detail = counter.get_case(receipt.case_id)
    assert detail.applicant_type is ApplicantType.COMPANY
    assert detail.company == receipt.company
    assert detail.applicant_name_masked == "李*办"  # the agent, distinct from the company
    accepted = counter.transition_case(receipt.case_id, CaseTransition(action=CaseAction.ACCEPT))
    assert accepted.state.value == "accepted" and accepted.company == receipt.company


def test_a_repeat_finds_the_same_company_case(client: HubClient) -> None:
    first = client.create_case(company_case(), idempotency_key="again")
    assert client.create_case(company_case(), idempotency_key="again") == first
    with pytest.raises(HubRejected) as info:  # another company under the same key
        client.create_case(company_case(uscc="91320102302424100W"), idempotency_key="again")
    assert info.value.code == "idempotency_key_reused"


def test_a_company_case_without_the_authorisation_letter_is_a_clear_422(
    hub: EmbeddedHub, client: HubClient
) -> None:
    without = tuple(code for code in FOOD_MATERIALS if code != "authorisation")
    with pytest.raises(HubRejected) as info:
        client.create_case(company_case(materials=without), idempotency_key=uuid.uuid4().hex)
    assert info.value.status == 422 and info.value.code == "materials_missing"
    assert info.value.citizen_message == "企业办理须提交授权委托书。"
    with hub.context.sessions() as session:
        assert session.execute(select(CaseRow)).first() is None


@pytest.mark.parametrize("source", [None, IdentitySource.MANUAL])
def test_an_agent_not_proven_by_card_or_e_id_is_refused(
    client: HubClient, source: IdentitySource | None
) -> None:
    with pytest.raises(HubRejected) as info:
        client.create_case(company_case(source=source), idempotency_key=uuid.uuid4().hex)
    assert info.value.status == 422 and "经办人" in info.value.citizen_message


def test_a_person_for_a_company_item_and_a_company_for_a_person_item_are_refused(
    client: HubClient,
) -> None:
    person_for_food = company_case().model_copy(update={"company": None})
    with pytest.raises(HubRejected) as info:
        client.create_case(person_for_food, idempotency_key=uuid.uuid4().hex)
    assert info.value.status == 422
    assert info.value.citizen_message == "该事项只能由企业（单位）申请。"
    company_for_elderly = person_case().model_copy(update={"company": company_case().company})
    with pytest.raises(HubRejected) as info:
        client.create_case(company_for_elderly, idempotency_key=uuid.uuid4().hex)
    assert info.value.status == 422 and info.value.citizen_message == "该事项只能由个人申请。"


def test_a_bad_uscc_over_http_is_a_422_problem_not_a_500(
    hub: EmbeddedHub, client: HubClient
) -> None:
    import requests

    body = company_case().model_dump(mode="json")
    body["company"]["uscc"] = "91320102MA1N8UJK26"
    reply = requests.post(
        f"{hub.base_url}{API_PREFIX}/cases",
        json=body,
        headers={
            "Authorization": f"Bearer {hub.register_terminal('kiosk-09')}",
            "Idempotency-Key": "bad",
        },
        timeout=10,
    )
    assert reply.status_code == 422
    assert reply.headers["content-type"].startswith("application/problem+json")
    assert "91320102MA1N8UJK26" not in reply.text  # the number is not echoed


def test_a_person_case_hashes_and_answers_as_before(hub: EmbeddedHub, client: HubClient) -> None:
    """An outbox entry from before company applicants, retried now, is the same request."""
    first = client.create_case(person_case(), idempotency_key="old")
    old_body = person_case().model_dump(mode="json")
    for added in ("receipt_code", "company"):
        del old_body[added]
    with hub.context.sessions() as session:
        row = session.get(CaseRow, first.case_id)
        assert row is not None and row.request_hash == request_hash(old_body)
        assert row.applicant_type == "person" and row.company_uscc is None
    assert first.applicant_type is ApplicantType.PERSON and first.company is None
    assert client.create_case(person_case(), idempotency_key="old") == first


def test_progress_by_uscc_and_case_number(client: HubClient) -> None:
    receipt = client.create_case(company_case(), idempotency_key="p1")
    person = client.create_case(person_case(), idempotency_key="p2")
    by_code = client.lookup_case(CaseLookup(case_number=receipt.case_number, uscc=USCC.lower()))
    assert by_code.company is not None and by_code.company.uscc_masked == "9132**********JK25"
    by_agent = client.lookup_case(
        CaseLookup(case_number=receipt.case_number, id_number=AGENT.id_number)
    )
    assert by_agent.case_number == receipt.case_number
    for number, code in [
        (receipt.case_number, "91320102302424100W"),  # another company's code
        (person.case_number, USCC),  # a person's case: no code proves it
    ]:
        with pytest.raises(HubRejected) as info:
            client.lookup_case(CaseLookup(case_number=number, uscc=code))
        assert info.value.status == 404
        assert info.value.citizen_message == "办件编号或统一社会信用代码不正确，请核对后再查。"


def test_the_columns_are_added_to_an_older_database(
    legacy_database: Callable[[int], Path],
) -> None:
    engine = make_engine(f"sqlite:///{legacy_database(7)}")
    migrations.upgrade(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("cases")}
    assert {"applicant_type", "company_uscc", "company_uscc_digest"} <= columns
    with engine.connect() as connection:  # every case from before is a person's
        types = connection.execute(text("SELECT DISTINCT applicant_type FROM cases")).scalars()
        assert list(types) == ["person"]
    assert migrations.current_revision(engine) == migrations.head()
    engine.dispose()


def test_a_csv_catalog_says_who_may_apply(tmp_path: Path) -> None:
    import csv

    from hub.catalog import CatalogImportError, parse_catalog_file

    header = ["实施编码", "基本编码", "事项名称", "事项类型", "设定依据", "行使层级"]
    header += ["实施部门", "承诺时限", "申请材料", "申请对象"]
    common = ["XK1", "XK1", "某许可", "行政许可", "某法", "县级", "某局", "5"]
    letter = "a:申请书;authorisation:授权委托书:optional"
    rows = [
        [*common[:2], "企业与个人", *common[3:], letter, "个人;企业"],
        ["XK2", "XK2", "个人事项", *common[3:], "a:申请书", ""],
        ["XK3", "XK3", "缺委托书", *common[3:], "a:申请书", "company"],
    ]  # fmt: skip
    path = tmp_path / "list.csv"

    def write(chosen: list[list[str]]) -> Path:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([header, *chosen])
        return path

    items = parse_catalog_file(write(rows[:2]))
    assert items[0].applicant_types == [ApplicantType.PERSON, ApplicantType.COMPANY]
    assert items[1].applicant_types == [ApplicantType.PERSON]
    with pytest.raises(CatalogImportError, match="authorisation"):
        parse_catalog_file(write(rows))


def test_the_window_checks_the_companys_credit_not_its_agents(
    hub: EmbeddedHub, client: HubClient, counter: HubClient, tmp_path: Path
) -> None:
    from hub.credit.lists import import_credit_file

    black_company = "91320102MA1N2P3Q40"
    lines = [
        "subject_type,id,list,source,listed_on,reason",
        f"person,{AGENT.id_number},black,区发改委,2026-01-05,拒不履行法院判决",
        f"company,{black_company},black,区市场监管局,2026-01-10,严重违法失信",
    ]
    (tmp_path / "lists.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_credit_file(hub.context, tmp_path / "lists.csv", source="区市场监管局")
    listed = client.create_case(company_case(uscc=black_company), idempotency_key="k1")
    clean = client.create_case(company_case(), idempotency_key="k2")  # a listed agent
    record = counter.case_applicant_credit("W01", listed.case_id)
    assert record.kind.value == "company" and record.status.value == "black"
    assert record.subject_masked == "9132**********3Q40"
    assert counter.case_applicant_credit("W01", clean.case_id).status.value == "not_listed"


def test_the_cases_report_counts_by_applicant_type(hub: EmbeddedHub, client: HubClient) -> None:
    from datetime import date

    from contract.models import Dimension, ReportName
    from hub import reports
    from hub.problems import HubProblem

    for key in ("r1", "r2"):
        client.create_case(company_case(), idempotency_key=key)
    client.create_case(person_case(), idempotency_key="r3")
    first, last = date(2026, 3, 2), date(2026, 3, 8)
    table = reports.run(hub.context, ReportName.CASES, first, last, Dimension.APPLICANT_TYPE)
    assert table.columns[0].title == "申请人类型"
    counted = {row[0]: row[1] for row in table.rows}  # submitted, by type
    assert counted == {"company": 2, "person": 1}
    with pytest.raises(HubProblem) as caught:  # tickets know no applicant type
        reports.run(hub.context, ReportName.QUEUE, first, last, Dimension.APPLICANT_TYPE)
    assert caught.value.status == 422


def test_guessing_case_numbers_with_a_companys_public_code_is_throttled(
    client: HubClient, clock: FakeClock
) -> None:
    receipt = client.create_case(company_case(), idempotency_key="g1")
    for guess in range(5):  # the code is on the licence: the number is what is guessed
        with pytest.raises(HubRejected) as info:
            client.lookup_case(CaseLookup(case_number=f"YM2026030200009{guess}", uscc=USCC))
        assert info.value.code == "proof_rejected"
    with pytest.raises(HubRejected) as info:  # even the right number waits now
        client.lookup_case(CaseLookup(case_number=receipt.case_number, uscc=USCC))
    assert (info.value.status, info.value.code) == (429, "too_many_attempts")
    by_agent = CaseLookup(case_number=receipt.case_number, id_number=AGENT.id_number)
    assert client.lookup_case(by_agent).case_number == receipt.case_number  # the card still
    clock.advance(minutes=16)
    again = client.lookup_case(CaseLookup(case_number=receipt.case_number, uscc=USCC))
    assert again.case_number == receipt.case_number
