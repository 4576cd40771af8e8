"""Form answers at the hub, over HTTP: every kind checked by its rules, groups row by row, the
problem naming the field (and row) with Chinese words; the catalog expresses the kinds."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from contract.models import FieldKind
from hub.catalog import CatalogImportError, parse_catalog_file
from hub.db import CaseRow
from hub.embedded import EmbeddedHub
from hub.seed import sample_dir
from kiosk.api.client import HubClient

RESIDENCE = "QR00240001-990101-GA"  # address, date, select, a family-member group, phone
FLEXIBLE = "GG00124003-990101-RS"  # multi-choice, number, text, optional ID number, phone
ID_NUMBER = "11010519491231002X"
CHILD = {"name": "王小二", "relation": "子女", "id_number": "110105201501010017"}
SHA = "0" * 64


def residence(**form: Any) -> dict[str, Any]:
    answers = {
        "residence_address": "示例区幸福路8号3栋201",
        "residence_since": "2025-03-01",
        "reason": "就业",
        "family": [CHILD],
        "phone": "13800001234",
    }
    answers.update(form)
    return _body(RESIDENCE, {k: v for k, v in answers.items() if v is not None})


def flexible(**form: Any) -> dict[str, Any]:
    answers = {
        "insurances": ["企业职工基本养老保险", "失业保险"],
        "monthly_base": "4500",
        "occupation": "网约车司机",
        "phone": "13700002222",
    }
    answers.update(form)
    return _body(FLEXIBLE, {k: v for k, v in answers.items() if v is not None})


def _body(item: str, form: dict[str, Any]) -> dict[str, Any]:
    return {
        "item_code": item,
        "applicant": {"name": "张示例", "id_number": ID_NUMBER},
        "form": form,
        "materials": [
            {"code": "id_card", "name": "居民身份证", "sha256": SHA, "size": 10},
            *(
                [{"code": "residence_proof", "name": "居住证明", "sha256": SHA, "size": 10}]
                if item == RESIDENCE
                else []
            ),
        ],
        "delivery": "pickup",
    }


def post(hub: EmbeddedHub, token: str, body: dict[str, Any]) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex}
    return requests.post(f"{hub.base_url}/api/v1/cases", json=body, headers=headers, timeout=10)


def stored_form(hub: EmbeddedHub, case_id: str) -> dict[str, Any]:
    with hub.context.sessions() as session:
        row = session.execute(select(CaseRow).where(CaseRow.case_id == case_id)).scalar_one()
        return dict(row.data["form"])


BAD: list[tuple[str, dict[str, Any], list[str | int], str]] = [
    (
        "short address",
        residence(residence_address="幸福路"),
        ["residence_address"],
        "「居住地址」地址太短，请写到门牌号。",
    ),
    (
        "date not ISO",
        residence(residence_since="2025-02-30"),
        ["residence_since"],
        "「居住起始日期」日期有误。",
    ),
    ("not an option", residence(reason="旅游"), ["reason"], "请从列表中选择「申领事由」。"),
    (
        "group row: ID check digit",
        residence(family=[CHILD, {**CHILD, "id_number": "110105194912310021"}]),
        ["family", 1, "id_number"],
        "「随行家庭成员」第 2 条的「身份证号码」校验位不对，请逐位核对。",
    ),
    (
        "group row: missing name",
        residence(family=[{**CHILD, "name": ""}]),
        ["family", 0, "name"],
        "请填写「随行家庭成员」第 1 条的「姓名」。",
    ),
    (
        "group row: relation not an option",
        residence(family=[{**CHILD, "relation": "邻居"}]),
        ["family", 0, "relation"],
        "请从列表中选择「随行家庭成员」第 1 条的「关系」。",
    ),
    (
        "group row: bad birth date",
        residence(family=[{**CHILD, "birth_date": "2015-13-01"}]),
        ["family", 0, "birth_date"],
        "「随行家庭成员」第 1 条的「出生日期」日期有误。",
    ),
    (
        "group row: unknown column",
        residence(family=[{**CHILD, "hobby": "钓鱼"}]),
        ["family", 0, "hobby"],
        "表单包含未知的填写项「随行家庭成员」第 1 条。",
    ),
    (
        "too many rows",
        residence(family=[CHILD] * 7),
        ["family"],
        "「随行家庭成员」最多填写 6 条。",
    ),
    (
        "group not a list",
        residence(family="王小二"),
        ["family"],
        "「随行家庭成员」的填写格式有误。",
    ),
    (
        "multi: unknown option",
        flexible(insurances=["工伤保险"]),
        ["insurances"],
        "请从列表中选择「参保险种」。",
    ),
    (
        "multi: repeated",
        flexible(insurances=["失业保险", "失业保险"]),
        ["insurances"],
        "「参保险种」有重复的选项。",
    ),
    ("multi: none chosen", flexible(insurances=[]), ["insurances"], "请选择「参保险种」。"),
    ("multi: a scalar", flexible(insurances=7), ["insurances"], "「参保险种」的填写格式有误。"),
    ("number", flexible(monthly_base="四千五"), ["monthly_base"], "「月缴费基数（元）」应为数字。"),
    (
        "ID number check digit",
        flexible(spouse_id="110105194912310021"),
        ["spouse_id"],
        "「配偶身份证号码」校验位不对，请逐位核对。",
    ),
    (
        "ID number length",
        flexible(spouse_id="1101051949"),
        ["spouse_id"],
        "「配偶身份证号码」应为 18 位身份证号码。",
    ),
    ("phone", flexible(phone="12345"), ["phone"], "「联系电话」不是正确的电话号码。"),
    ("missing text", flexible(occupation=None), ["occupation"], "请填写「从事职业」。"),
    (
        "a yes/no for text",
        flexible(occupation=True),
        ["occupation"],
        "「从事职业」的填写格式有误。",
    ),
    ("unknown field", flexible(colour="蓝"), ["colour"], "表单包含未知的填写项。"),
]


@pytest.mark.parametrize(("name", "body", "loc", "detail"), BAD, ids=[b[0] for b in BAD])
def test_each_kind_is_checked_and_the_problem_names_the_field(
    hub: EmbeddedHub, name: str, body: dict[str, Any], loc: list[str | int], detail: str
) -> None:
    response = post(hub, hub.register_terminal("kiosk-forms"), body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "validation_failed"
    assert problem["detail"] == detail
    assert problem["errors"][0]["loc"] == ["body", "form", *loc]
    assert problem["errors"][0]["message"] == detail


def test_every_bad_field_is_listed(hub: EmbeddedHub) -> None:
    body = flexible(monthly_base="x", phone="1", insurances=["工伤保险"])
    problem = post(hub, hub.register_terminal("kiosk-forms"), body).json()
    assert [e["loc"][2] for e in problem["errors"]] == ["insurances", "monthly_base", "phone"]


def test_good_answers_are_stored_in_their_shapes(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("kiosk-forms")
    family = [CHILD, {"name": "李某", "relation": "配偶", "id_number": ID_NUMBER}]
    response = post(hub, token, residence(family=family))
    assert response.status_code == 201, response.text
    form = stored_form(hub, response.json()["case_id"])
    assert form["family"] == family and form["residence_address"] == "示例区幸福路8号3栋201"
    response = post(hub, token, flexible(spouse_id="11010519491231002x"))
    assert response.status_code == 201, response.text
    assert stored_form(hub, response.json()["case_id"])["insurances"] == [
        "企业职工基本养老保险",
        "失业保险",
    ]
    # An optional group may be left out; an optional multi-choice too.
    assert post(hub, token, residence(family=None)).status_code == 201


def test_answers_from_older_terminals_still_arrive_in_the_new_shapes(hub: EmbeddedHub) -> None:
    """A case that waited in an old terminal's outbox: multi-choice "A、B", group as JSON."""
    token = hub.register_terminal("kiosk-old")
    old_family = json.dumps([CHILD], ensure_ascii=False)
    response = post(hub, token, residence(family=old_family))
    assert response.status_code == 201, response.text
    assert stored_form(hub, response.json()["case_id"])["family"] == [CHILD]
    response = post(hub, token, flexible(insurances="企业职工基本养老保险、失业保险"))
    assert response.status_code == 201, response.text
    assert stored_form(hub, response.json()["case_id"])["insurances"] == [
        "企业职工基本养老保险",
        "失业保险",
    ]


def test_the_sample_catalog_carries_the_kinds(client: HubClient) -> None:
    form = {f.name: f for f in client.get_item(RESIDENCE).form}
    assert form["residence_address"].kind is FieldKind.ADDRESS
    family = form["family"]
    assert family.kind is FieldKind.GROUP and family.max_rows == 6
    assert [(s.name, s.kind) for s in family.fields] == [
        ("name", FieldKind.TEXT),
        ("relation", FieldKind.SELECT),
        ("id_number", FieldKind.ID_NUMBER),
        ("birth_date", FieldKind.DATE),
    ]
    insurances = next(f for f in client.get_item(FLEXIBLE).form if f.name == "insurances")
    assert insurances.kind is FieldKind.MULTI_SELECT and len(insurances.options) == 3


HEADER = ["实施编码", "基本编码", "事项名称", "事项类型", "设定依据", "行使层级", "实施部门"]
HEADER += ["承诺时限", "表单"]
ROW = ["GG00999003-990101-TY", "GG00999003", "体育指导员注册", "公共服务", "《条例》", "县级"]
ROW += ["示例区体育局", "5"]
GROUP_FORM = [
    {"name": "sports", "label": "项目", "kind": "multi_select", "options": ["游泳", "篮球"]},
    {"name": "address", "label": "通讯地址", "kind": "address"},
    {
        "name": "team",
        "label": "团队成员",
        "kind": "group",
        "min_rows": 1,
        "fields": [
            {"name": "name", "label": "姓名"},
            {"name": "id_number", "label": "身份证号码", "kind": "id_number"},
        ],
    },
]


def _csv(path: Path, form: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerow([*ROW, json.dumps(form, ensure_ascii=False)])
    return path


def test_csv_and_xlsx_express_the_kinds_in_the_form_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    (item,) = parse_catalog_file(_csv(tmp_path / "list.csv", GROUP_FORM))
    assert [f.kind for f in item.form] == [
        FieldKind.MULTI_SELECT,
        FieldKind.ADDRESS,
        FieldKind.GROUP,
    ]
    assert item.form[2].min_rows == 1 and item.form[2].fields[1].kind is FieldKind.ID_NUMBER
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    sheet.append([*ROW, json.dumps(GROUP_FORM, ensure_ascii=False)])
    workbook.save(tmp_path / "list.xlsx")
    assert parse_catalog_file(tmp_path / "list.xlsx") == [item]


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ([{"name": "x", "label": "X", "kind": "multi_select"}], "needs options"),
        ([{"name": "x", "label": "X", "kind": "group"}], "a group (and only a group) has fields"),
        (
            [
                {
                    "name": "x",
                    "label": "X",
                    "kind": "group",
                    "fields": [{"name": "y", "label": "Y", "kind": "group"}],
                }
            ],
            "simple kinds",
        ),
        ([{"name": "x", "label": "X", "kind": "text", "min_choices": 2}], "count choices"),
    ],
)
def test_an_impossible_form_schema_is_refused_naming_the_row(
    tmp_path: Path, form: list[dict[str, Any]], words: str
) -> None:
    with pytest.raises(CatalogImportError, match=r"row 2.*form") as raised:
        parse_catalog_file(_csv(tmp_path / "bad.csv", form))
    assert words in str(raised.value)


def test_the_toml_catalog_loads_with_its_groups() -> None:
    items = {i.code: i for i in parse_catalog_file(sample_dir() / "items.toml")}
    kinds = {f.kind for i in items.values() for f in i.form}
    assert kinds == set(FieldKind)  # every kind appears in the sample catalog


def test_choice_and_row_limits_from_the_schema(hub: EmbeddedHub, client: HubClient) -> None:
    """An item whose form counts choices and rows, put in by an administrator."""
    item = client.get_item(FLEXIBLE).model_dump(mode="json")
    item["code"] = "GG00124009-990101-RS"
    item["form"] = [
        {"name": "insurances", "label": "参保险种", "kind": "multi_select",
         "options": ["养老", "医疗", "失业"], "min_choices": 2, "max_choices": 2},
        {"name": "members", "label": "共同参保人", "kind": "group", "min_rows": 2,
         "max_rows": 3, "fields": [{"name": "name", "label": "姓名"}]},
    ]  # fmt: skip
    admin = {"Authorization": f"Bearer {hub.admin_token}"}
    put = requests.put(
        f"{hub.base_url}/api/v1/catalog/items", json=[item], headers=admin, timeout=10
    )
    assert put.status_code == 200, put.text
    token = hub.register_terminal("kiosk-limits")
    two = [{"name": "甲"}, {"name": "乙"}]

    def answer(insurances: list[str], members: list[dict[str, str]]) -> requests.Response:
        body = _body(item["code"], {"insurances": insurances, "members": members})
        return post(hub, token, body)

    assert answer(["养老", "医疗"], two).status_code == 201
    cases = [
        (["养老"], two, "「参保险种」至少选择 2 项。"),
        (["养老", "医疗", "失业"], two, "「参保险种」最多选择 2 项。"),
        (["养老", "医疗"], two[:1], "「共同参保人」至少填写 2 条。"),
        (["养老", "医疗"], two * 2, "「共同参保人」最多填写 3 条。"),
    ]
    for insurances, members, detail in cases:
        response = answer(insurances, members)
        assert response.status_code == 422 and response.json()["detail"] == detail
