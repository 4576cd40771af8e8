"""The one check of identity numbers (GB 11643, GB 32100) that every layer uses."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from contract import idnumber
from contract.answers import AnswerProblem, id_number_problem
from contract.idnumber import IdProblem
from contract.models import Person


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("11010519491231002X", None),
        ("360426199101010071", None),
        ("11010519491231002x", None),
        (" 11010519491231002X ", None),
        ("110105194912310021", IdProblem.CHECK_CHARACTER),
        ("110105194913310025", IdProblem.BIRTH_DATE),  # month 13
        ("110105189912310028", IdProblem.BIRTH_DATE),  # before 1900
        ("110105209912310025", IdProblem.BIRTH_DATE),  # in the future
        ("11010519491231002", IdProblem.FORMAT),
        ("1101051949123100２X", IdProblem.FORMAT),  # a full-width digit
        ("11010519491231002Y", IdProblem.FORMAT),
    ],
)
def test_gb11643_problem(number: str, why: IdProblem | None) -> None:
    assert idnumber.problem(number, today=date(2026, 12, 7)) is why
    assert idnumber.is_valid(number) is (why is None)


def test_check_character_matches_the_standard_examples() -> None:
    assert idnumber.check_character("11010519491231002") == "X"
    assert idnumber.check_character("36042619910101007") == "1"
    with pytest.raises(ValueError):
        idnumber.check_character("1101051949123100")


def test_the_form_and_the_api_model_use_the_same_check() -> None:
    assert id_number_problem("110105194912310021") is AnswerProblem.BAD_ID_CHECK
    assert id_number_problem("110105194913310025") is AnswerProblem.BAD_ID_BIRTH
    assert id_number_problem("1101") is AnswerProblem.BAD_ID_LENGTH
    assert Person(name="张三", id_number="11010519491231002x").id_number == "11010519491231002X"
    for wrong in ("110105194912310021", "110105194913310025"):
        with pytest.raises(ValidationError):
            Person(name="张三", id_number=wrong)
    # Not shaped like a resident number (a passport): kept as given.
    assert Person(name="Ann", id_number="E12345678").id_number == "E12345678"


def test_unified_social_credit_code() -> None:
    assert idnumber.credit_code_valid("91110000600037341L")
    assert idnumber.credit_code_valid("91110000600037341l")
    assert not idnumber.credit_code_valid("91110000600037341A")
    assert not idnumber.credit_code_valid("9111000060003734")


def test_region_decoding() -> None:
    beijing = idnumber.decode_region("11010519491231002X")
    assert beijing == idnumber.Region("110105", "北京市", None, "朝阳区")
    jiangxi = idnumber.decode_region("360426199101010071")
    assert jiangxi == idnumber.Region("360426", "江西省", "九江市", "德安县")
    # 110103 was 崇文区 until 2010: the name valid in the birth year is chosen.
    old = idnumber.decode_region("110103198001010000")
    assert old is not None and old.district == "崇文区"
    assert idnumber.decode_region("990000199001010000") is None


def test_age_from_the_birth_date_in_the_number() -> None:
    number = "11010519491231002X"  # born 1949-12-31
    assert idnumber.birth_date(number) == date(1949, 12, 31)
    assert idnumber.age_on(number, date(2014, 12, 30)) == 64
    assert idnumber.age_on(number, date(2014, 12, 31)) == 65  # on the birthday
    assert idnumber.age_on(number.lower(), date(2026, 1, 1)) == 76
    # No age from a number that is not a valid resident ID number.
    assert idnumber.age_on("11010519491231002A", date(2026, 1, 1)) is None
    assert idnumber.age_on("UTO110075010101", date(2026, 1, 1)) is None
