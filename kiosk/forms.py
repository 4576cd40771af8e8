"""An item's form as the kiosk renders it, and the checks that run next to each field.

The kinds come from the hub's schema (``FormField``: text, number, date, phone, select,
multi-choice, address, ID number, a repeating group). What the citizen typed is first turned
into the contract's answer shapes (``serialise``: a date as ISO, an ID number upper-cased, a
multi-choice as a list, a group as a list of row objects), then checked by the same rules the
hub applies (contract.answers), with a problem per field that the UI words in plain language.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from contract import models as m
from contract.answers import (
    PHONE_PATTERN,
    AnswerError,
    AnswerProblem,
    check_answer,
    id_number_problem,
    is_empty,
)
from kiosk import catalog_words

# Re-exported for the screens: the same rules the hub applies.
__all__ = [
    "PHONE_PATTERN",
    "FieldError",
    "FieldSpec",
    "Kind",
    "Problem",
    "check_form",
    "check_value",
    "form_specs",
    "id_number_problem",
    "parse_date",
    "serialise",
    "to_case_form",
]

Problem = AnswerProblem  # what is wrong with one answer; the UI words each for the citizen
FieldError = AnswerError


class Kind(enum.Enum):
    """The widget a field gets, one per contract kind (``FieldKind``)."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "select"
    MULTI = "multi_select"
    PHONE = "phone"
    ADDRESS = "address"
    ID_NUMBER = "id_number"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the form as the kiosk shows it: a view of the schema's field, in the
    citizen's language (``english``: its label and options shown in English where the catalog
    has it; the answers stay the schema's Chinese options)."""

    field: m.FormField | m.FormSubField
    english: bool = False

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def label(self) -> str:
        """The label the citizen reads."""
        return catalog_words.field_label(self.field, self.english)

    def option_label(self, option: str) -> str:
        """How an option (an answer as stored) is shown to the citizen."""
        return catalog_words.option_label(self.field, option, self.english)

    @property
    def kind(self) -> Kind:
        return Kind(self.field.kind.value)

    @property
    def required(self) -> bool:
        return self.field.required

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(self.field.options)

    @property
    def max_length(self) -> int:
        return self.field.max_length

    @property
    def members(self) -> tuple[FieldSpec, ...]:
        """A group's columns (empty for other kinds)."""
        if isinstance(self.field, m.FormField):
            return tuple(FieldSpec(sub, self.english) for sub in self.field.fields)
        return ()

    @property
    def max_rows(self) -> int:
        """How many rows a group takes (0 for other kinds)."""
        field = self.field
        return field.max_rows if isinstance(field, m.FormField) and field.fields else 0


def form_specs(item: m.CatalogItem, *, english: bool = False) -> list[FieldSpec]:
    return [FieldSpec(f, english) for f in item.form]


def parse_date(text: str) -> date | None:
    """What citizens type on the keypad: 20250301, or with - / . between the parts."""
    text = text.strip()
    digits = text.replace("-", "").replace("/", "").replace(".", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


BIRTH_DATE = "birth_date"  # a group's date column that its ID number column can fill


def birth_date_typed(id_number: str) -> str | None:
    """The birth date in a valid ID number, as a citizen would type it (20150101); else None.
    A group row (e.g. a family member) then needs no birth date typed by hand."""
    value = id_number.strip().upper()
    if id_number_problem(value) is not None:
        return None
    return value[6:14]


def check_value(spec: FieldSpec, value: Any) -> list[FieldError]:
    """Every problem with one answer as typed (empty when it is fine)."""
    return check_answer(spec.field, serialise(spec, value))


def check_form(specs: list[FieldSpec], answers: Mapping[str, Any]) -> list[FieldError]:
    return [e for spec in specs for e in check_value(spec, answers.get(spec.name))]


def serialise(spec: FieldSpec, value: Any) -> m.FormAnswer:
    """The answer in the contract's shape (None when nothing was given)."""
    if is_empty(value):
        return None
    if spec.kind is Kind.MULTI:
        return [str(choice) for choice in value] if isinstance(value, list | tuple) else value
    if spec.kind is Kind.GROUP:
        if not isinstance(value, list | tuple):
            return value  # a wrong shape: the check names it
        return [_row(spec, row) for row in value]
    if spec.kind is Kind.DATE:
        parsed = parse_date(str(value))
        return parsed.isoformat() if parsed else str(value).strip()
    if spec.kind is Kind.ID_NUMBER:
        return str(value).strip().upper()
    return str(value).strip()


def _row(spec: FieldSpec, row: Mapping[str, Any]) -> dict[str, Any]:
    """One group row: each column serialised, empty optional columns left out."""
    members = {column.name: column for column in spec.members}
    out: dict[str, Any] = {}
    for name, value in row.items():
        member = members.get(name)
        shaped = serialise(member, value) if member is not None else value
        if shaped is not None:
            out[name] = shaped
    return out


def to_case_form(specs: list[FieldSpec], answers: Mapping[str, Any]) -> dict[str, m.FormAnswer]:
    return {
        spec.name: shaped
        for spec in specs
        if (shaped := serialise(spec, answers.get(spec.name))) is not None
    }
