"""The catalog's words in the citizen's language: the one place that picks them.

The hub's catalog carries English beside each Chinese word a citizen reads (``name_en``,
``label_en``, ``options_en``...) and the kiosk guide beside its own (``summary_en``,
``events_en``...). Each function here returns the English when the citizen chose English and the
catalog has it, else the Chinese: a catalog without English still shows every item. What is
stored (a select field's answer, a material's code) never changes with the language; the legal
basis is a citation and has no English.
"""

from __future__ import annotations

from typing import Protocol

from contract import models as m
from kiosk.catalog_cache import ItemGuide, KioskGuide

__all__ = [
    "case_item_name",
    "department",
    "event_name",
    "fee_basis",
    "field_label",
    "item_name",
    "material_name",
    "material_note",
    "option_label",
    "summary",
    "who",
]


def _pick(chinese: str, english: str, in_english: bool) -> str:
    return english if in_english and english else chinese


def item_name(item: m.CatalogItem, english: bool) -> str:
    return _pick(item.name, item.name_en, english)


class NamedByHub(Protocol):
    """A case's item as the hub names it: a case's progress, a case to rate."""

    @property
    def item_name(self) -> str: ...

    @property
    def item_name_en(self) -> str: ...


def case_item_name(case: NamedByHub, english: bool) -> str:
    return _pick(case.item_name, case.item_name_en, english)


def department(item: m.CatalogItem, english: bool) -> str:
    return _pick(item.department, item.department_en, english)


def fee_basis(item: m.CatalogItem, english: bool) -> str:
    return _pick(item.fee.basis, item.fee.basis_en, english)


def material_name(spec: m.MaterialSpec, english: bool) -> str:
    return _pick(spec.name, spec.name_en, english)


def material_note(spec: m.MaterialSpec, english: bool) -> str:
    return _pick(spec.note, spec.note_en, english)


def field_label(field: m.FormField | m.FormSubField, english: bool) -> str:
    return _pick(field.label, field.label_en, english)


def option_label(field: m.FormField | m.FormSubField, option: str, english: bool) -> str:
    """How ``option`` (a stored answer: always the Chinese option) is shown."""
    if not english or option not in field.options or not field.options_en:
        return option
    return field.options_en[field.options.index(option)] or option


def event_name(guide: KioskGuide, event: str, english: bool) -> str:
    return _pick(event, guide.events_en.get(event, ""), english)


def summary(entry: ItemGuide, english: bool) -> str:
    return _pick(entry.summary, entry.summary_en, english)


def who(entry: ItemGuide, english: bool) -> str:
    return _pick(entry.who, entry.who_en, english)
