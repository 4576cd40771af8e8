"""An item's form as the kiosk renders it, and the checks that run next to each field.

The hub's schema (``FormField``) has plain kinds; the kiosk guide may give a text field a richer
widget (address, multi-choice, a repeating group). Answers are checked here before the citizen
can go on, with a ``Problem`` per field that the UI words in plain language; the same answers
are then serialised to what the hub stores (a multi-choice as "A、B", a group as JSON), and the
hub checks them again.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from kiosk.api.models import CatalogItem, FormField
from kiosk.catalog_cache import ItemGuide

PHONE_PATTERN = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
MIN_ADDRESS = 6  # characters: "某某路1号" is not yet an address a courier can find


class Kind(enum.Enum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "select"
    MULTI = "multi"
    PHONE = "phone"
    ADDRESS = "address"
    ID_NUMBER = "id_number"
    GROUP = "group"


class Problem(enum.Enum):
    """What is wrong with one answer; the UI words each for the citizen."""

    REQUIRED = "required"  # 请填写
    NOT_CHOSEN = "not_chosen"  # 请选择
    TOO_LONG = "too_long"
    NOT_A_NUMBER = "not_a_number"
    BAD_DATE = "bad_date"
    BAD_PHONE = "bad_phone"
    SHORT_ADDRESS = "short_address"
    BAD_ID_LENGTH = "bad_id_length"
    BAD_ID_CHECK = "bad_id_check"
    BAD_ID_BIRTH = "bad_id_birth"
    NOT_AN_OPTION = "not_an_option"
    TOO_MANY_ROWS = "too_many_rows"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    label: str
    kind: Kind
    required: bool = True
    options: tuple[str, ...] = ()
    max_length: int = 200
    members: tuple[FieldSpec, ...] = ()  # a group's columns
    max_rows: int = 10


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    problem: Problem
    row: int | None = None  # in a group: which row (0-based) and member
    member: str | None = None
    limit: int | None = None  # TOO_LONG / TOO_MANY_ROWS: the limit to show


def form_specs(item: CatalogItem, guide: ItemGuide) -> list[FieldSpec]:
    return [_spec(f, guide.fields.get(f.name, {})) for f in item.form]


def _spec(field: FormField, overlay: Mapping[str, Any]) -> FieldSpec:
    kind = Kind(overlay.get("kind", field.kind.value))
    members = tuple(
        _member(m, field.max_length) for m in overlay.get("members", []) if kind is Kind.GROUP
    )
    return FieldSpec(
        name=field.name,
        label=field.label,
        kind=kind,
        required=field.required,
        options=tuple(overlay.get("options", field.options)),
        max_length=field.max_length,
        members=members,
        max_rows=int(overlay.get("max_rows", 10)),
    )


def _member(raw: Mapping[str, Any], max_length: int) -> FieldSpec:
    return FieldSpec(
        name=str(raw["name"]),
        label=str(raw.get("label", raw["name"])),
        kind=Kind(raw.get("kind", "text")),
        required=bool(raw.get("required", True)),
        options=tuple(raw.get("options", ())),
        max_length=min(int(raw.get("max_length", 50)), max_length),
    )


def id_number_problem(value: str) -> Problem | None:
    """GB 11643: 18 characters, a real birth date, the right check character."""
    value = value.strip().upper()
    if (
        len(value) != 18
        or not value[:17].isdigit()
        or not (value[17].isdigit() or value[17] == "X")
    ):
        return Problem.BAD_ID_LENGTH
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return Problem.BAD_ID_BIRTH
    if born > date.today() or born.year < 1900:
        return Problem.BAD_ID_BIRTH
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    if "10X98765432"[total % 11] != value[17]:
        return Problem.BAD_ID_CHECK
    return None


def parse_date(text: str) -> date | None:
    text = text.strip()
    digits = text.replace("-", "").replace("/", "").replace(".", "")
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def check_value(spec: FieldSpec, value: Any) -> list[FieldError]:
    """Every problem with one answer (empty when it is fine)."""
    if _empty(value):
        if not spec.required:
            return []
        choose = spec.kind in (Kind.CHOICE, Kind.MULTI)
        return [FieldError(spec.name, Problem.NOT_CHOSEN if choose else Problem.REQUIRED)]
    if spec.kind is Kind.GROUP:
        return _check_group(spec, value)
    if spec.kind is Kind.MULTI:
        chosen = list(value)
        if any(c not in spec.options for c in chosen):
            return [FieldError(spec.name, Problem.NOT_AN_OPTION)]
        return []
    text = str(value).strip()
    if len(text) > spec.max_length:
        return [FieldError(spec.name, Problem.TOO_LONG, limit=spec.max_length)]
    problem: Problem | None = None
    match spec.kind:
        case Kind.NUMBER if not _NUMBER.match(text):
            problem = Problem.NOT_A_NUMBER
        case Kind.DATE if parse_date(text) is None:
            problem = Problem.BAD_DATE
        case Kind.PHONE if not PHONE_PATTERN.match(text):
            problem = Problem.BAD_PHONE
        case Kind.ADDRESS if len(text) < MIN_ADDRESS:
            problem = Problem.SHORT_ADDRESS
        case Kind.ID_NUMBER:
            problem = id_number_problem(text)
        case Kind.CHOICE if text not in spec.options:
            problem = Problem.NOT_AN_OPTION
    return [] if problem is None else [FieldError(spec.name, problem)]


def _check_group(spec: FieldSpec, rows: Any) -> list[FieldError]:
    rows = list(rows)
    if len(rows) > spec.max_rows:
        return [FieldError(spec.name, Problem.TOO_MANY_ROWS, limit=spec.max_rows)]
    errors: list[FieldError] = []
    for index, row in enumerate(rows):
        for member in spec.members:
            for error in check_value(member, row.get(member.name)):
                errors.append(FieldError(spec.name, error.problem, index, member.name, error.limit))
    if not errors and len(serialise(spec, rows) or "") > spec.max_length:
        errors.append(FieldError(spec.name, Problem.TOO_LONG, limit=spec.max_length))
    return errors


def check_form(specs: list[FieldSpec], answers: Mapping[str, Any]) -> list[FieldError]:
    return [e for spec in specs for e in check_value(spec, answers.get(spec.name))]


def serialise(spec: FieldSpec, value: Any) -> str | None:
    """The value as the hub stores it (its schema knows these fields as text)."""
    if _empty(value):
        return None
    if spec.kind is Kind.MULTI:
        return "、".join(value)
    if spec.kind is Kind.GROUP:
        return json.dumps(list(value), ensure_ascii=False, separators=(",", ":"))
    if spec.kind is Kind.DATE:
        parsed = parse_date(str(value))
        return parsed.isoformat() if parsed else str(value)
    if spec.kind is Kind.ID_NUMBER:
        return str(value).strip().upper()
    return str(value).strip()


def to_case_form(specs: list[FieldSpec], answers: Mapping[str, Any]) -> dict[str, str | None]:
    return {
        spec.name: text
        for spec in specs
        if (text := serialise(spec, answers.get(spec.name))) is not None
    }


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return len(value) == 0
    return False
