"""The catalog's words in the citizen's language: English where the catalog has it, else the
Chinese."""

from __future__ import annotations

from contract.models import CatalogItem, FieldKind, FormField, FormSubField, MaterialSpec
from kiosk import catalog_words as words
from kiosk.catalog_cache import ItemGuide, KioskGuide
from kiosk.forms import form_specs

ITEM = CatalogItem.model_validate(
    {
        "code": "QR00240001-990101-GA",
        "basic_code": "QR00240001",
        "name": "居住证申领",
        "name_en": "Residence permit",
        "item_type": "行政确认",
        "legal_basis": "《居住证暂行条例》第九条",
        "level": "县级",
        "department": "示例区公安分局",
        "promised_days": 15,
        "fee": {"basis": "某标准", "basis_en": "Some schedule"},
    }
)
BARE = ITEM.model_copy(update={"name_en": "", "department_en": ""})
RELATION = FormField(
    name="relation",
    label="关系",
    label_en="Relationship",
    kind=FieldKind.SELECT,
    options=["配偶", "子女", "其他"],
    options_en=["Spouse", "Child", "Other"],
)


def test_english_when_chosen_and_given() -> None:
    assert words.item_name(ITEM, english=True) == "Residence permit"
    assert words.item_name(ITEM, english=False) == "居住证申领"
    assert words.fee_basis(ITEM, english=True) == "Some schedule"
    assert words.field_label(RELATION, english=True) == "Relationship"
    assert words.field_label(RELATION, english=False) == "关系"


def test_chinese_when_the_catalog_has_no_english() -> None:
    assert words.item_name(BARE, english=True) == "居住证申领"
    assert words.department(BARE, english=True) == "示例区公安分局"
    material = MaterialSpec(code="proof", name="居住证明", note="租赁合同")
    assert words.material_name(material, english=True) == "居住证明"
    assert words.material_note(material, english=True) == "租赁合同"
    plain = FormField(name="reason", label="事由", kind=FieldKind.SELECT, options=["就业"])
    assert words.field_label(plain, english=True) == "事由"
    assert words.option_label(plain, "就业", english=True) == "就业"


def test_an_option_is_shown_by_its_place_and_stored_as_the_chinese() -> None:
    assert words.option_label(RELATION, "子女", english=True) == "Child"
    assert words.option_label(RELATION, "其他", english=True) == "Other"
    assert words.option_label(RELATION, "子女", english=False) == "子女"
    # An answer that is not an option (an old case, a changed schema) is shown as it is.
    assert words.option_label(RELATION, "邻居", english=True) == "邻居"


def test_material_words() -> None:
    material = MaterialSpec(
        code="photo", name="照片", name_en="Photo", note="可现场拍摄", note_en="Taken here"
    )
    assert words.material_name(material, english=True) == "Photo"
    assert words.material_note(material, english=True) == "Taken here"
    assert words.material_note(material, english=False) == "可现场拍摄"


def test_guide_words() -> None:
    guide = KioskGuide(
        ("生育", "居住"),
        {},
        {"居住": "Housing"},
    )
    assert words.event_name(guide, "居住", english=True) == "Housing"
    assert words.event_name(guide, "生育", english=True) == "生育"  # no English: Chinese
    assert words.event_name(guide, "居住", english=False) == "居住"
    entry = ItemGuide(summary="概述", who="对象", summary_en="What it is")
    assert words.summary(entry, english=True) == "What it is"
    assert words.who(entry, english=True) == "对象"


def test_the_kiosk_form_shows_the_words_and_keeps_the_answers() -> None:
    family = FormField(
        name="family",
        label="家庭成员",
        label_en="Family",
        kind=FieldKind.GROUP,
        fields=[FormSubField.model_validate(RELATION.model_dump(exclude_defaults=True))],
    )
    item = ITEM.model_copy(update={"form": [family]})
    english = form_specs(item, english=True)[0]
    assert english.label == "Family" and english.members[0].label == "Relationship"
    assert english.members[0].option_label("子女") == "Child"
    assert english.members[0].options == ("配偶", "子女", "其他")  # what is stored
    chinese = form_specs(item)[0]
    assert chinese.label == "家庭成员" and chinese.members[0].option_label("子女") == "子女"
