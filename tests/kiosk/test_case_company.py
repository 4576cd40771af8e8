"""The company step of a company's case, without Qt: the code from the licence's QR or typed and
checked as it is typed, then name and legal representative."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from contract.licence import LicenceProblem
from contract.models import AUTHORISATION_MATERIAL, CatalogItem, Company, IdentitySource
from kiosk.identity import Identity
from kiosk.journeys.case.company import CodeCheck, CompanyEntry, check_code
from kiosk.journeys.case.flow import CaseEvent, CaseFlow, CaseState

USCC = "91320102MA1N8UJK25"


@pytest.mark.parametrize(
    ("typed", "check"),
    [
        ("", CodeCheck.EMPTY),
        ("9132", CodeCheck.SHORT),
        ("91320102ma1n8ujk25", CodeCheck.OK),  # lowercase is the same code
        ("91320102MA1N8UJK26", CodeCheck.BAD_CHECK),
        (USCC + "1", CodeCheck.TOO_LONG),
        ("9132O102", CodeCheck.BAD_CHARACTER),  # the letter O, never in a code
        ("9132-0102", CodeCheck.BAD_CHARACTER),
    ],
)
def test_a_typed_code_is_checked_as_it_is_typed(typed: str, check: CodeCheck) -> None:
    assert check_code(typed) is check


def test_a_licence_qr_fills_the_code_and_the_rest_is_typed() -> None:
    entry = CompanyEntry()
    assert entry.scanned(f"https://www.gsxt.gov.cn/index.html?uniscid={USCC}") is None
    assert entry.uscc == USCC and entry.from_licence and not entry.complete
    entry.name, entry.legal_representative = " 示例餐饮管理有限公司 ", "王大明"
    company = entry.company()
    assert (company.uscc, company.name) == (USCC, "示例餐饮管理有限公司")
    assert USCC not in repr(entry) and "王大明" not in repr(entry)
    entry.forget()
    assert (entry.uscc, entry.name, entry.legal_representative) == ("", "", "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("https://find-and-update.company-information.service.gov.uk/company/01234567",
         LicenceProblem.NOT_A_LICENCE),
        ("http://www.gsxt.gov.cn/%7BF3A1B2C3D4E5%7D", LicenceProblem.NO_CODE),
    ],
)  # fmt: skip
def test_a_foreign_or_codeless_qr_leaves_the_field_as_it_was(
    text: str, problem: LicenceProblem
) -> None:
    entry = CompanyEntry()
    entry.typed("9132")
    assert entry.scanned(text) is problem
    assert entry.uscc == "9132" and not entry.from_licence


def test_an_incomplete_entry_makes_no_company() -> None:
    entry = CompanyEntry(name="某公司", legal_representative="王大明")
    assert entry.typed("91320102MA1N8UJK26") is CodeCheck.BAD_CHECK
    assert not entry.complete
    with pytest.raises(ValueError):
        entry.company()


# -- the company step in the journey's flow -------------------------------------------------

FOOD = "XK00405003-990101-SJ"  # 食品经营许可: companies only
RECORDS = "GG00310004-990101-BDC"  # 不动产登记资料查询: people only


def _item(code: str, **changes: object) -> CatalogItem:
    items = tomllib.loads(Path("config/catalog/items.toml").read_text("utf-8"))["items"]
    raw = next(i for i in items if i["code"] == code)
    return CatalogItem.model_validate({**raw, **changes})


def _at_identify(item: CatalogItem) -> CaseFlow:
    flow = CaseFlow()
    flow.choose(item)
    flow.fire(CaseEvent.APPLY)
    return flow


AGENT = Identity("张示例", "11010519491231002X", IdentitySource.ID_CARD)
OTHER = Identity("李示例", "110101199003077777", IdentitySource.ID_CARD)
COMPANY = Company(uscc=USCC, name="示例餐饮管理有限公司", legal_representative="王大明")


def test_a_person_only_item_has_no_company_step() -> None:
    flow = _at_identify(_item(RECORDS))
    flow.identified(AGENT)
    assert flow.state is CaseState.FORM
    assert flow.back_from_form() is CaseState.IDENTIFYING


def test_a_company_item_asks_which_company_its_agent_comes_for() -> None:
    flow = _at_identify(_item(FOOD))
    draft = flow.draft
    assert draft is not None
    draft.bring.add(AUTHORISATION_MATERIAL)
    flow.identified(AGENT)
    assert flow.state is CaseState.COMPANY
    assert flow.company_entered(None) is False  # companies only: no case for oneself
    assert flow.state is CaseState.COMPANY
    assert flow.company_entered(COMPANY) is True
    assert flow.state is CaseState.FORM and draft.company == COMPANY
    assert AUTHORISATION_MATERIAL not in draft.bring  # a company's case sends its letter
    authorisation = next(m for m in draft.item.materials if m.code == AUTHORISATION_MATERIAL)
    assert draft.needs(authorisation) and AUTHORISATION_MATERIAL in draft.missing_materials()
    assert flow.back_from_form() is CaseState.COMPANY
    assert flow.fire(CaseEvent.BACK) is CaseState.IDENTIFYING
    flow.identified(AGENT)  # the same agent again: the company stays
    assert draft.company == COMPANY
    flow.fire(CaseEvent.BACK)
    flow.identified(OTHER)  # someone else: not the company the first one named
    assert flow.state is CaseState.COMPANY and draft.company is None


def test_an_item_for_people_and_companies_lets_the_person_apply_for_themselves() -> None:
    materials = [
        *_item(RECORDS).model_dump()["materials"],
        {"code": AUTHORISATION_MATERIAL, "name": "授权委托书", "required": False},
    ]
    item = _item(RECORDS, applicant_types=["person", "company"], materials=materials)
    flow = _at_identify(item)
    flow.identified(AGENT)
    assert flow.state is CaseState.COMPANY
    assert flow.company_entered(None) is True
    draft = flow.draft
    assert draft is not None and draft.company is None and flow.state is CaseState.FORM
    authorisation = next(m for m in item.materials if m.code == AUTHORISATION_MATERIAL)
    assert not draft.needs(authorisation)  # optional for a person's case
    assert flow.back_from_form() is CaseState.COMPANY
    assert flow.company_entered(COMPANY) is True  # for a company after all
    assert draft.needs(authorisation) and AUTHORISATION_MATERIAL in draft.missing_materials()
