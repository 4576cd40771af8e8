"""Checking form answers against an item's form schema: one rule set for the hub and the kiosk.

Answers are in the contract's shapes (``models.FormAnswer``): a scalar for the simple kinds (a
date in ISO form, an ID number upper-cased), a list of option strings for a multi-choice, a list
of row objects for a group. ``check_answers`` returns every ``AnswerError`` (field, problem, and
for a group the row and sub-field); the hub words them in problem+json, the kiosk next to the
field. The kiosk first turns what the citizen typed into these shapes (kiosk.forms).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from contract import idnumber
from contract import models as m

PHONE_PATTERN = re.compile(r"^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$")
_NUMBER = re.compile(r"^[0-9]+(\.[0-9]+)?$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
LEGACY_SEPARATOR = "、"  # how older terminals joined a multi-choice into one string


class AnswerProblem(enum.Enum):
    """What is wrong with one answer."""

    UNKNOWN_FIELD = "unknown_field"
    WRONG_SHAPE = "wrong_shape"  # e.g. a list where one value belongs
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
    REPEATED_CHOICE = "repeated_choice"
    TOO_FEW_CHOICES = "too_few_choices"
    TOO_MANY_CHOICES = "too_many_choices"
    TOO_FEW_ROWS = "too_few_rows"
    TOO_MANY_ROWS = "too_many_rows"


@dataclass(frozen=True, slots=True)
class AnswerError:
    field: str
    problem: AnswerProblem
    row: int | None = None  # in a group: which row (0-based) and sub-field
    member: str | None = None
    limit: int | None = None  # the length, choice or row limit to show


def id_number_problem(value: str) -> AnswerProblem | None:
    """GB 11643 (contract.idnumber): the form's wording of what is wrong."""
    why = idnumber.problem(value)
    return None if why is None else _ID_PROBLEMS[why]


_ID_PROBLEMS = {
    idnumber.IdProblem.FORMAT: AnswerProblem.BAD_ID_LENGTH,
    idnumber.IdProblem.BIRTH_DATE: AnswerProblem.BAD_ID_BIRTH,
    idnumber.IdProblem.CHECK_CHARACTER: AnswerProblem.BAD_ID_CHECK,
}


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return len(value) == 0
    return False


def check_answers(form: Sequence[m.FormField], answers: Mapping[str, Any]) -> list[AnswerError]:
    """Every problem with a form's answers, unknown fields first (empty when all is well)."""
    known = {f.name for f in form}
    errors = [AnswerError(n, AnswerProblem.UNKNOWN_FIELD) for n in answers if n not in known]
    for field in form:
        errors.extend(check_answer(field, answers.get(field.name)))
    return errors


def check_answer(field: m.FormField | m.FormSubField, value: Any) -> list[AnswerError]:
    """Every problem with one answer (empty when it is fine)."""
    kind = field.kind
    if is_empty(value):
        if not field.required:
            return []
        choosing = kind in (m.FieldKind.SELECT, m.FieldKind.MULTI_SELECT)
        return [
            AnswerError(
                field.name, AnswerProblem.NOT_CHOSEN if choosing else AnswerProblem.REQUIRED
            )
        ]
    if isinstance(field, m.FormField) and kind is m.FieldKind.GROUP:
        return _check_group(field, value)
    if isinstance(field, m.FormField) and kind is m.FieldKind.MULTI_SELECT:
        return _check_choices(field, value)
    if isinstance(value, list | tuple | dict):
        return [AnswerError(field.name, AnswerProblem.WRONG_SHAPE)]
    problem = _scalar_problem(field, value)
    if problem is AnswerProblem.TOO_LONG:
        return [AnswerError(field.name, problem, limit=field.max_length)]
    return [] if problem is None else [AnswerError(field.name, problem)]


def _scalar_problem(field: m.FormField | m.FormSubField, value: Any) -> AnswerProblem | None:
    if isinstance(value, bool):  # no kind is answered yes/no; "True" is not text either
        return AnswerProblem.WRONG_SHAPE
    text = str(value).strip()
    if len(text) > field.max_length:
        return AnswerProblem.TOO_LONG
    match field.kind:
        case m.FieldKind.NUMBER if not _NUMBER.match(text):
            return AnswerProblem.NOT_A_NUMBER
        case m.FieldKind.DATE if not _is_iso_date(text):
            return AnswerProblem.BAD_DATE
        case m.FieldKind.PHONE if not PHONE_PATTERN.match(text):
            return AnswerProblem.BAD_PHONE
        case m.FieldKind.ADDRESS if len(text) < m.ADDRESS_MIN_LENGTH:
            return AnswerProblem.SHORT_ADDRESS
        case m.FieldKind.ID_NUMBER:
            return id_number_problem(text)
        case m.FieldKind.SELECT if text not in field.options:
            return AnswerProblem.NOT_AN_OPTION
    return None


def _is_iso_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_choices(field: m.FormField, value: Any) -> list[AnswerError]:
    if not isinstance(value, list | tuple) or not all(isinstance(c, str) for c in value):
        return [AnswerError(field.name, AnswerProblem.WRONG_SHAPE)]
    if any(c not in field.options for c in value):
        return [AnswerError(field.name, AnswerProblem.NOT_AN_OPTION)]
    if len(set(value)) != len(value):
        return [AnswerError(field.name, AnswerProblem.REPEATED_CHOICE)]
    least = max(field.min_choices, 1 if field.required else 0)
    if len(value) < least:
        return [AnswerError(field.name, AnswerProblem.TOO_FEW_CHOICES, limit=least)]
    if field.max_choices is not None and len(value) > field.max_choices:
        return [AnswerError(field.name, AnswerProblem.TOO_MANY_CHOICES, limit=field.max_choices)]
    return []


def _check_group(field: m.FormField, rows: Any) -> list[AnswerError]:
    if not isinstance(rows, list | tuple) or not all(isinstance(r, Mapping) for r in rows):
        return [AnswerError(field.name, AnswerProblem.WRONG_SHAPE)]
    least = max(field.min_rows, 1 if field.required else 0)
    if len(rows) < least:
        return [AnswerError(field.name, AnswerProblem.TOO_FEW_ROWS, limit=least)]
    if len(rows) > field.max_rows:
        return [AnswerError(field.name, AnswerProblem.TOO_MANY_ROWS, limit=field.max_rows)]
    known = {sub.name for sub in field.fields}
    errors: list[AnswerError] = []
    for index, row in enumerate(rows):
        for name in row:
            if name not in known:
                errors.append(AnswerError(field.name, AnswerProblem.UNKNOWN_FIELD, index, name))
        for sub in field.fields:
            for error in check_answer(sub, row.get(sub.name)):
                errors.append(AnswerError(field.name, error.problem, index, sub.name, error.limit))
    return errors


def upgrade_legacy(form: Sequence[m.FormField], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers from older terminals in the current shapes: a multi-choice sent as "A、B" becomes
    a list, a group sent as a JSON string becomes its rows. Anything else is left as it is (and
    checked as it is), so a case waiting in an old terminal's outbox still arrives."""
    kinds = {f.name: f.kind for f in form}
    upgraded = dict(answers)
    for name, value in answers.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if kinds.get(name) is m.FieldKind.MULTI_SELECT:
            upgraded[name] = [c.strip() for c in value.split(LEGACY_SEPARATOR) if c.strip()]
        elif kinds.get(name) is m.FieldKind.GROUP:
            try:
                rows = json.loads(value)
            except ValueError:
                continue
            if isinstance(rows, list):
                upgraded[name] = rows
    return upgraded
