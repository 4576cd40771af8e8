"""信用查询's contract: who is asked about (ID number or USCC, checked), the status rule, and
that nothing of the subject shows in a repr."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from contract import models as m

COMPANY = m.CreditSubjectKind.COMPANY
PERSON = m.CreditSubjectKind.PERSON


@pytest.mark.parametrize(
    ("code", "normalised"),
    [
        ("91110000600037341L", "91110000600037341L"),
        ("91320102MA1N2P3Q40", "91320102MA1N2P3Q40"),
        ("92320102ma1xk0l0an", "92320102MA1XK0L0AN"),  # lowercase: read as upper-case
        (" 91110000600037341l ", "91110000600037341L"),
    ],
)
def test_a_valid_credit_code_is_accepted_upper_cased(code: str, normalised: str) -> None:
    assert m.CreditSubject(kind=COMPANY, number=code).number == normalised


@pytest.mark.parametrize(
    "code",
    [
        "91110000600037341A",  # check character wrong
        "91320102MA1N2P3Q41",  # check character wrong
        "9111000060003734",  # too short (check character missing)
        "91110000600037341LL",  # too long
        "91110000600037341",  # 17 characters
        "911100006000373I1L",  # I is not among the code's characters
        "11010519491231002X",  # a person's number is not a company's code
    ],
)
def test_a_wrong_credit_code_is_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="unified social credit code"):
        m.CreditSubject(kind=COMPANY, number=code)


@pytest.mark.parametrize(
    "number",
    ["110105194912310021", "11010519491231002", "91110000600037341L", "110105194913310020"],
)
def test_a_wrong_resident_id_number_is_refused(number: str) -> None:
    with pytest.raises(ValidationError, match="resident ID number"):
        m.CreditSubject(kind=PERSON, number=number)


def test_a_person_is_asked_about_by_a_valid_id_number_upper_cased() -> None:
    assert m.CreditSubject(kind=PERSON, number="11010519491231002x").number == "11010519491231002X"


def test_the_self_query_checks_the_number_too() -> None:
    with pytest.raises(ValidationError):
        m.CreditSelfQuery(id_number="110105194912310021", identity_source=m.IdentitySource.ID_CARD)


def test_black_outweighs_red_and_no_entry_is_not_listed() -> None:
    def entry(on: m.CreditList) -> m.CreditEntry:
        return m.CreditEntry(list=on, source="区发改委", listed_on=date(2026, 1, 5))

    red, black = entry(m.CreditList.RED), entry(m.CreditList.BLACK)
    assert m.CreditRecord.status_of([]) is m.CreditStatus.NOT_LISTED
    assert m.CreditRecord.status_of([red]) is m.CreditStatus.RED
    assert m.CreditRecord.status_of([red, black]) is m.CreditStatus.BLACK


def test_reprs_mask_the_number() -> None:
    subject = m.CreditSubject(kind=PERSON, number="320102198001011238")
    query = m.CreditSelfQuery(id_number="320102198001011238", identity_source=m.IdentitySource.QR)
    for text in (repr(subject), str(subject), repr(query), f"{query}"):
        assert "320102198001011238" not in text and "3201**********1238" in text
