"""Checking a case's form answers and declared materials against its catalog item."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contract import models as m
from contract.answers import AnswerError, AnswerProblem, check_answers, upgrade_legacy
from hub.problems import HubProblem

P = AnswerProblem

# Chinese for a citizen; ``{w}`` is the field (「随行家庭成员」第 2 条的「身份证号码」), ``{n}``
# the limit.
_WORDS: dict[AnswerProblem, str] = {
    P.UNKNOWN_FIELD: "表单包含未知的填写项{w}。",
    P.WRONG_SHAPE: "{w}的填写格式有误。",
    P.REQUIRED: "请填写{w}。",
    P.NOT_CHOSEN: "请选择{w}。",
    P.TOO_LONG: "{w}内容过长，最多 {n} 个字。",
    P.NOT_A_NUMBER: "{w}应为数字。",
    P.BAD_DATE: "{w}日期有误。",
    P.BAD_PHONE: "{w}不是正确的电话号码。",
    P.SHORT_ADDRESS: "{w}地址太短，请写到门牌号。",
    P.BAD_ID_LENGTH: "{w}应为 18 位身份证号码。",
    P.BAD_ID_CHECK: "{w}校验位不对，请逐位核对。",
    P.BAD_ID_BIRTH: "{w}中的出生日期有误。",
    P.NOT_AN_OPTION: "请从列表中选择{w}。",
    P.REPEATED_CHOICE: "{w}有重复的选项。",
    P.TOO_FEW_CHOICES: "{w}至少选择 {n} 项。",
    P.TOO_MANY_CHOICES: "{w}最多选择 {n} 项。",
    P.TOO_FEW_ROWS: "{w}至少填写 {n} 条。",
    P.TOO_MANY_ROWS: "{w}最多填写 {n} 条。",
}


def _where(item: m.CatalogItem, error: AnswerError) -> tuple[list[str | int], str]:
    """The error's location in the request body and the field named for a citizen."""
    field = next((f for f in item.form if f.name == error.field), None)
    label = f"「{field.label}」" if field else ""
    loc: list[str | int] = ["body", "form", error.field]
    if error.row is not None and error.member is not None:
        loc += [error.row, error.member]
        sub = next((s for s in field.fields if s.name == error.member), None) if field else None
        label += f"第 {error.row + 1} 条" + (f"的「{sub.label}」" if sub else "")
    return loc, label


def check_form(item: m.CatalogItem, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Check the answers against the item's form; return them in the current shapes (answers
    from older terminals upgraded). A problem names every bad field; its detail the first."""
    upgraded = upgrade_legacy(item.form, answers)
    errors = check_answers(item.form, upgraded)
    if not errors:
        return upgraded
    listed = []
    for error in errors:
        loc, where = _where(item, error)
        words = _WORDS[error.problem].format(w=where, n=error.limit)
        listed.append({"loc": loc, "message": words})
    first = errors[0]
    title = f"Form field {'.'.join(str(p) for p in listed[0]['loc'][2:])}: {first.problem.value}"
    raise HubProblem(
        422, m.ProblemCode.VALIDATION_FAILED, title, str(listed[0]["message"]), errors=listed
    )


def check_materials(
    item: m.CatalogItem, declared: list[m.MaterialDeclaration], max_bytes: int, max_count: int
) -> None:
    if len(declared) > max_count:
        raise HubProblem(
            422,
            m.ProblemCode.VALIDATION_FAILED,
            f"More than {max_count} materials",
            "材料数量过多。",
        )
    specs = {spec.code: spec for spec in item.materials}
    codes = [d.code for d in declared]
    for material in declared:
        if material.code not in specs:
            raise HubProblem(
                422,
                m.ProblemCode.MATERIAL_NOT_DECLARED,
                f"Material {material.code} is not part of item {item.code}",
                "提交的材料不属于该事项。",
            )
        if material.size > max_bytes:
            raise HubProblem(
                413,
                m.ProblemCode.MATERIAL_TOO_LARGE,
                f"Material {material.code} exceeds {max_bytes} bytes",
                f"「{material.name}」文件过大，请压缩后重新上传。",
            )
    if len(set(codes)) != len(codes):
        raise HubProblem(
            422, m.ProblemCode.VALIDATION_FAILED, "A material appears twice", "材料重复提交。"
        )
    missing = [s.name for s in item.materials if s.required and s.code not in codes]
    if missing:
        raise HubProblem(
            422,
            m.ProblemCode.MATERIALS_MISSING,
            "Required materials missing",
            "缺少必要材料：" + "、".join(missing) + "。",
            missing=missing,
        )
