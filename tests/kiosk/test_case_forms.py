"""Form checks: every field kind's bad inputs give the right problem; good inputs serialise."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kiosk.forms import FieldSpec, Kind, Problem, check_form, check_value, serialise

GROUP = FieldSpec(
    "family",
    "随行家庭成员",
    Kind.GROUP,
    required=False,
    max_length=2000,
    max_rows=2,
    members=(
        FieldSpec("name", "姓名", Kind.TEXT, max_length=20),
        FieldSpec("relation", "关系", Kind.CHOICE, options=("配偶", "子女")),
        FieldSpec("id_number", "身份证号码", Kind.ID_NUMBER),
    ),
)
SPECS = {
    Kind.TEXT: FieldSpec("occupation", "从事职业", Kind.TEXT, max_length=10),
    Kind.NUMBER: FieldSpec("base", "月缴费基数", Kind.NUMBER),
    Kind.DATE: FieldSpec("since", "居住起始日期", Kind.DATE),
    Kind.CHOICE: FieldSpec("reason", "申领事由", Kind.CHOICE, options=("就业", "就读")),
    Kind.MULTI: FieldSpec("ins", "参保险种", Kind.MULTI, options=("养老", "医疗")),
    Kind.PHONE: FieldSpec("phone", "联系电话", Kind.PHONE),
    Kind.ADDRESS: FieldSpec("addr", "居住地址", Kind.ADDRESS),
    Kind.ID_NUMBER: FieldSpec("spouse", "配偶身份证号码", Kind.ID_NUMBER),
    Kind.GROUP: GROUP,
}
GOOD_ID = "11010519491231002X"
ROW = {"name": "王小二", "relation": "子女", "id_number": GOOD_ID}

BAD: list[tuple[Kind, Any, Problem, int | None, str | None]] = [
    (Kind.TEXT, "", Problem.REQUIRED, None, None),
    (Kind.TEXT, "   ", Problem.REQUIRED, None, None),
    (Kind.TEXT, "一二三四五六七八九十十一", Problem.TOO_LONG, None, None),
    (Kind.NUMBER, "", Problem.REQUIRED, None, None),
    (Kind.NUMBER, "三千", Problem.NOT_A_NUMBER, None, None),
    (Kind.NUMBER, "-5", Problem.NOT_A_NUMBER, None, None),
    (Kind.NUMBER, "1.2.3", Problem.NOT_A_NUMBER, None, None),
    (Kind.DATE, "2025-02-30", Problem.BAD_DATE, None, None),
    (Kind.DATE, "202503", Problem.BAD_DATE, None, None),
    (Kind.DATE, "明天", Problem.BAD_DATE, None, None),
    (Kind.CHOICE, None, Problem.NOT_CHOSEN, None, None),
    (Kind.CHOICE, "旅游", Problem.NOT_AN_OPTION, None, None),
    (Kind.MULTI, [], Problem.NOT_CHOSEN, None, None),
    (Kind.MULTI, ["养老", "工伤"], Problem.NOT_AN_OPTION, None, None),
    (Kind.PHONE, "1380000123", Problem.BAD_PHONE, None, None),
    (Kind.PHONE, "23800001234", Problem.BAD_PHONE, None, None),
    (Kind.PHONE, "abc", Problem.BAD_PHONE, None, None),
    (Kind.ADDRESS, "幸福路", Problem.SHORT_ADDRESS, None, None),
    (Kind.ADDRESS, "", Problem.REQUIRED, None, None),
    (Kind.ID_NUMBER, "1101051949123100", Problem.BAD_ID_LENGTH, None, None),
    (Kind.ID_NUMBER, "110105194912310021", Problem.BAD_ID_CHECK, None, None),
    (Kind.ID_NUMBER, "110105194913310029", Problem.BAD_ID_BIRTH, None, None),
    (Kind.GROUP, [ROW, ROW, ROW], Problem.TOO_MANY_ROWS, None, None),
    (Kind.GROUP, [{**ROW, "name": ""}], Problem.REQUIRED, 0, "name"),
    (Kind.GROUP, [ROW, {**ROW, "relation": None}], Problem.NOT_CHOSEN, 1, "relation"),
    (
        Kind.GROUP,
        [{**ROW, "id_number": "110105194912310021"}],
        Problem.BAD_ID_CHECK,
        0,
        "id_number",
    ),
]


@pytest.mark.parametrize(("kind", "value", "problem", "row", "member"), BAD)
def test_bad_input_gives_the_right_problem(
    kind: Kind, value: Any, problem: Problem, row: int | None, member: str | None
) -> None:
    errors = check_value(SPECS[kind], value)
    assert [(e.problem, e.row, e.member) for e in errors] == [(problem, row, member)]
    # and it blocks the whole form
    assert check_form([SPECS[kind]], {SPECS[kind].name: value})


GOOD: list[tuple[Kind, Any, str | None]] = [
    (Kind.TEXT, " 程序员 ", "程序员"),
    (Kind.NUMBER, "4500", "4500"),
    (Kind.NUMBER, "4500.50", "4500.50"),
    (Kind.DATE, "20250301", "2025-03-01"),
    (Kind.DATE, "2025-03-01", "2025-03-01"),
    (Kind.CHOICE, "就读", "就读"),
    (Kind.MULTI, ["养老", "医疗"], "养老、医疗"),
    (Kind.PHONE, "13800001234", "13800001234"),
    (Kind.PHONE, "010-12345678", "010-12345678"),
    (Kind.ADDRESS, "幸福路8号3栋201", "幸福路8号3栋201"),
    (Kind.ID_NUMBER, GOOD_ID.lower(), GOOD_ID),
    (Kind.GROUP, [], None),
]


@pytest.mark.parametrize(("kind", "value", "stored"), GOOD)
def test_good_input_passes_and_serialises(kind: Kind, value: Any, stored: str | None) -> None:
    assert check_value(SPECS[kind], value) == []
    assert serialise(SPECS[kind], value) == stored


def test_group_serialises_as_json_rows() -> None:
    text = serialise(GROUP, [ROW])
    assert text is not None and json.loads(text) == [ROW]


def test_optional_fields_may_stay_empty() -> None:
    spec = FieldSpec("spouse", "配偶身份证号码", Kind.ID_NUMBER, required=False)
    assert check_value(spec, "") == []
    assert check_value(spec, "123") != []
