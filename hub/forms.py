"""Checking a case's form answers and declared materials against its catalog item."""

from __future__ import annotations

import re
from datetime import date

from hub.problems import HubProblem
from kiosk.api import models as m

_PHONE = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")


def _bad(field: str, title: str, detail: str) -> HubProblem:
    return HubProblem(
        422,
        m.ProblemCode.VALIDATION_FAILED,
        title,
        detail,
        errors=[{"loc": ["body", "form", field], "message": title}],
    )


def check_form(item: m.CatalogItem, answers: dict[str, str | int | float | bool | None]) -> None:
    fields = {f.name: f for f in item.form}
    unknown = sorted(set(answers) - set(fields))
    if unknown:
        raise _bad(unknown[0], f"Unknown form field {unknown[0]}", "表单包含未知的填写项。")
    for field in item.form:
        value = answers.get(field.name)
        if value is None or value == "":
            if field.required:
                raise _bad(field.name, f"Missing {field.name}", f"请填写「{field.label}」。")
            continue
        text = str(value)
        if len(text) > field.max_length:
            raise _bad(field.name, f"{field.name} too long", f"「{field.label}」内容过长。")
        if field.kind is m.FieldKind.NUMBER and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
            raise _bad(field.name, f"{field.name} is not a number", f"「{field.label}」应为数字。")
        if field.kind is m.FieldKind.PHONE and not _PHONE.match(text):
            raise _bad(field.name, f"{field.name} is not a phone number", "请填写正确的联系电话。")
        if field.kind is m.FieldKind.SELECT and text not in field.options:
            raise _bad(
                field.name, f"{field.name} not among options", f"请从列表中选择「{field.label}」。"
            )
        if field.kind is m.FieldKind.DATE:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise _bad(
                    field.name, f"{field.name} is not a date", f"「{field.label}」日期有误。"
                ) from None


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
