"""Form checks: every field kind's bad inputs give the right problem; good inputs serialise to
the contract's answer shapes (checked again by the model the hub parses them with)."""

from __future__ import annotations

from typing import Any

import pytest

from contract.models import CaseCreate, FieldKind, FormField, FormSubField
from kiosk.forms import FieldSpec, Kind, Problem, check_form, check_value, serialise, to_case_form

K = FieldKind


def spec(name: str, label: str, kind: FieldKind, **more: Any) -> FieldSpec:
    return FieldSpec(FormField(name=name, label=label, kind=kind, **more))


GROUP = spec(
    "family",
    "随行家庭成员",
    K.GROUP,
    required=False,
    max_rows=2,
    fields=[
        FormSubField(name="name", label="姓名", max_length=20),
        FormSubField(name="relation", label="关系", kind=K.SELECT, options=["配偶", "子女"]),
        FormSubField(name="id_number", label="身份证号码", kind=K.ID_NUMBER),
        FormSubField(name="born", label="出生日期", kind=K.DATE, required=False),
    ],
)
SPECS = {
    Kind.TEXT: spec("occupation", "从事职业", K.TEXT, max_length=10),
    Kind.NUMBER: spec("base", "月缴费基数", K.NUMBER),
    Kind.DATE: spec("since", "居住起始日期", K.DATE),
    Kind.CHOICE: spec("reason", "申领事由", K.SELECT, options=["就业", "就读"]),
    Kind.MULTI: spec(
        "ins", "参保险种", K.MULTI_SELECT, options=["养老", "医疗", "失业"], max_choices=2
    ),
    Kind.PHONE: spec("phone", "联系电话", K.PHONE),
    Kind.ADDRESS: spec("addr", "居住地址", K.ADDRESS),
    Kind.ID_NUMBER: spec("spouse", "配偶身份证号码", K.ID_NUMBER),
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
    (Kind.MULTI, ["养老", "医疗", "失业"], Problem.TOO_MANY_CHOICES, None, None),
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
    (Kind.GROUP, [{**ROW, "born": "20151301"}], Problem.BAD_DATE, 0, "born"),
]


@pytest.mark.parametrize(("kind", "value", "problem", "row", "member"), BAD)
def test_bad_input_gives_the_right_problem(
    kind: Kind, value: Any, problem: Problem, row: int | None, member: str | None
) -> None:
    errors = check_value(SPECS[kind], value)
    assert [(e.problem, e.row, e.member) for e in errors] == [(problem, row, member)]
    # and it blocks the whole form
    assert check_form([SPECS[kind]], {SPECS[kind].name: value})


GOOD: list[tuple[Kind, Any, Any]] = [
    (Kind.TEXT, " 程序员 ", "程序员"),
    (Kind.NUMBER, "4500", "4500"),
    (Kind.NUMBER, "4500.50", "4500.50"),
    (Kind.DATE, "20250301", "2025-03-01"),
    (Kind.DATE, "2025-03-01", "2025-03-01"),
    (Kind.CHOICE, "就读", "就读"),
    (Kind.MULTI, ["养老", "医疗"], ["养老", "医疗"]),
    (Kind.PHONE, "13800001234", "13800001234"),
    (Kind.PHONE, "010-12345678", "010-12345678"),
    (Kind.ADDRESS, "幸福路8号3栋201", "幸福路8号3栋201"),
    (Kind.ID_NUMBER, GOOD_ID.lower(), GOOD_ID),
    (Kind.GROUP, [], None),
    (Kind.GROUP, [{**ROW, "born": "20150101"}], [{**ROW, "born": "2015-01-01"}]),
    (Kind.GROUP, [{**ROW, "born": ""}], [ROW]),  # an empty optional column is left out
]


@pytest.mark.parametrize(("kind", "value", "stored"), GOOD)
def test_good_input_passes_and_serialises(kind: Kind, value: Any, stored: Any) -> None:
    assert check_value(SPECS[kind], value) == []
    assert serialise(SPECS[kind], value) == stored


def test_answers_are_the_contract_shapes() -> None:
    answers = {"ins": ["养老"], "family": [ROW], "base": "4500"}
    specs = [SPECS[Kind.MULTI], GROUP, SPECS[Kind.NUMBER]]
    form = to_case_form(specs, answers)
    assert form == {"ins": ["养老"], "family": [ROW], "base": "4500"}
    case = CaseCreate.model_validate(
        {"item_code": "X", "applicant": {"name": "张三", "id_number": GOOD_ID}, "form": form}
    )
    assert case.model_dump(mode="json")["form"] == form


def test_kinds_come_from_the_schema() -> None:
    assert [s.kind for s in SPECS.values()] == list(SPECS)
    assert [m.kind for m in GROUP.members] == [Kind.TEXT, Kind.CHOICE, Kind.ID_NUMBER, Kind.DATE]
    assert GROUP.max_rows == 2 and SPECS[Kind.TEXT].max_rows == 0


def test_optional_fields_may_stay_empty() -> None:
    optional = spec("spouse", "配偶身份证号码", K.ID_NUMBER, required=False)
    assert check_value(optional, "") == []
    assert check_value(optional, "123") != []


def test_a_valid_id_number_gives_the_birth_date_as_typed() -> None:
    from kiosk.forms import birth_date_typed

    assert birth_date_typed("110105201501010017") == "20150101"
    assert birth_date_typed(" 11010519491231002x ") == "19491231"
    assert birth_date_typed("110105201501010018") is None  # wrong check character
    assert birth_date_typed("1101052015") is None
