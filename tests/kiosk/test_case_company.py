"""The company step of a company's case, without Qt: the code from the licence's QR or typed and
checked as it is typed, then name and legal representative."""

from __future__ import annotations

import pytest

from contract.licence import LicenceProblem
from kiosk.journeys.case.company import CodeCheck, CompanyEntry, check_code

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
