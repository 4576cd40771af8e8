"""The catalog's English beside its Chinese, the EMS fee and the days to bring materials."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from contract.models import CatalogItem, FieldKind, FormField

ITEM: dict[str, Any] = {
    "code": "QR00240001-990101-GA",
    "basic_code": "QR00240001",
    "name": "居住证申领",
    "item_type": "行政确认",
    "legal_basis": "《居住证暂行条例》第九条",
    "level": "县级",
    "department": "示例区公安分局",
    "promised_days": 15,
    "delivery": ["pickup", "ems"],
}


def test_english_and_the_new_fields_default_to_nothing_said() -> None:
    item = CatalogItem.model_validate(ITEM)
    assert (item.name_en, item.department_en, item.fee.basis_en) == ("", "", "")
    assert item.ems_fee_cny == "0" and item.bring_within_days == 5
    field = FormField(
        name="reason", label="申领事由", kind=FieldKind.SELECT, options=["就业", "就读"]
    )
    assert field.label_en == "" and field.options_en == []


def test_english_is_kept_beside_the_chinese() -> None:
    item = CatalogItem.model_validate(
        {
            **ITEM,
            "name_en": "Residence permit",
            "department_en": "Public Security Sub-bureau",
            "fee": {"amount_cny": "0", "basis": "某标准", "basis_en": "Some schedule"},
            "ems_fee_cny": "12.50",
            "bring_within_days": 10,
            "materials": [
                {"code": "proof", "name": "居住证明", "name_en": "Proof of address"},
            ],
            "form": [
                {
                    "name": "reason",
                    "label": "申领事由",
                    "label_en": "Reason",
                    "kind": "select",
                    "options": ["就业", "就读"],
                    "options_en": ["Work", "Study"],
                }
            ],
        }
    )
    again = CatalogItem.model_validate_json(item.model_dump_json())  # as the hub stores it
    assert again == item
    assert again.form[0].options == ["就业", "就读"]  # the answers stay the Chinese options
    assert again.materials[0].name_en == "Proof of address" and again.ems_fee_cny == "12.50"


@pytest.mark.parametrize("options_en", [["Work"], ["Work", "Study", "Living here"]])
def test_options_en_must_match_the_options_one_for_one(options_en: list[str]) -> None:
    with pytest.raises(ValidationError, match=r"options_en has \d entries for 2 options"):
        FormField(
            name="reason",
            label="申领事由",
            kind=FieldKind.SELECT,
            options=["就业", "就读"],
            options_en=options_en,
        )


def test_a_group_column_s_options_en_are_checked_too() -> None:
    with pytest.raises(ValidationError, match="field relation: options_en has 1 entries"):
        FormField.model_validate(
            {
                "name": "family",
                "label": "家庭成员",
                "kind": "group",
                "fields": [
                    {
                        "name": "relation",
                        "label": "关系",
                        "kind": "select",
                        "options": ["配偶", "子女"],
                        "options_en": ["Spouse"],
                    }
                ],
            }
        )


@pytest.mark.parametrize("fee", ["12元", "-1", "12.345", "", "twelve", "1,000"])
def test_the_ems_fee_is_yuan_as_the_fee_schedules_write_it(fee: str) -> None:
    with pytest.raises(ValidationError, match="ems_fee_cny"):
        CatalogItem.model_validate({**ITEM, "ems_fee_cny": fee})


def test_an_ems_fee_needs_ems_delivery() -> None:
    with pytest.raises(ValidationError, match="ems_fee_cny is 12 but ems is not among"):
        CatalogItem.model_validate({**ITEM, "delivery": ["pickup"], "ems_fee_cny": "12"})
    assert CatalogItem.model_validate({**ITEM, "delivery": ["pickup"], "ems_fee_cny": "0.00"})


@pytest.mark.parametrize("days", [-1, 61])
def test_days_to_bring_materials_are_bounded(days: int) -> None:
    with pytest.raises(ValidationError, match="bring_within_days"):
        CatalogItem.model_validate({**ITEM, "bring_within_days": days})
