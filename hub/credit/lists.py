"""The district's credit lists imported from CSV or XLSX (``kiosk hub import-credit``).

Columns (first row is the header; English or Chinese names): subject_type/主体类型 (person or
company: 个人/自然人, 企业/法人), id/证件号码 (a resident ID number or a unified social credit
code), list/名单 (red or black: 守信/红名单, 失信/黑名单), listed_on/列入日期 (2026-03-01,
2026/3/1, 20260301 or a date cell), and optionally source/认定部门 (who listed: the ``--source``
given is used where the cell is empty) and reason/列入原因. Rows whose first cell starts with
``#`` are comments.

A file is imported whole or not at all: every malformed row is named with its line number in one
message (up to ``MAX_NAMED`` of them), and then nothing is stored. What is stored is the
subject's keyed digest, never the number (``hub.db.CreditEntryRow``). ``replace`` removes the
entries of the sources the file names before storing it (a list sent again in full).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from contract import idnumber
from contract import models as m
from contract.privacy import mask_id
from hub.context import HubContext
from hub.db import CreditEntryRow

MAX_NAMED = 50  # malformed rows named in the message; the rest are counted
HEADER_ALIASES = {
    "主体类型": "subject_type",
    "类型": "subject_type",
    "证件号码": "id",
    "号码": "id",
    "身份证号码": "id",
    "统一社会信用代码": "id",
    "number": "id",
    "名单": "list",
    "名单类型": "list",
    "认定部门": "source",
    "来源": "source",
    "列入日期": "listed_on",
    "认定日期": "listed_on",
    "列入原因": "reason",
    "原因": "reason",
}
COLUMNS = ("subject_type", "id", "list", "source", "listed_on", "reason")
REQUIRED = ("subject_type", "id", "list", "listed_on")
KINDS = {
    "person": m.CreditSubjectKind.PERSON,
    "个人": m.CreditSubjectKind.PERSON,
    "自然人": m.CreditSubjectKind.PERSON,
    "company": m.CreditSubjectKind.COMPANY,
    "企业": m.CreditSubjectKind.COMPANY,
    "法人": m.CreditSubjectKind.COMPANY,
    "法人和其他组织": m.CreditSubjectKind.COMPANY,
}
LISTS = {
    "red": m.CreditList.RED,
    "守信": m.CreditList.RED,
    "红名单": m.CreditList.RED,
    "守信红名单": m.CreditList.RED,
    "black": m.CreditList.BLACK,
    "失信": m.CreditList.BLACK,
    "黑名单": m.CreditList.BLACK,
    "失信黑名单": m.CreditList.BLACK,
}
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$|^(\d{4})(\d{2})(\d{2})$")


class CreditImportError(ValueError):
    """A credit list file is wrong; the message names every malformed row (nothing stored)."""


@dataclass(frozen=True, slots=True)
class ListedSubject:
    """One valid row: the number is held only until it is digested at storing."""

    kind: m.CreditSubjectKind
    number: str
    entry: m.CreditEntry

    def __repr__(self) -> str:
        return f"ListedSubject({self.kind.value}, {mask_id(self.number)}, {self.entry!r})"


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value).strip())
    if match is None:
        raise ValueError(f"the date {str(value).strip()!r} is not a date like 2026-03-01")
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"the date {str(value).strip()!r} does not exist") from None


def _row(cells: dict[str, Any], source: str | None, today: dt.date) -> ListedSubject:
    """The row as an entry, or ValueError with one clause saying what is wrong."""

    def text(column: str) -> str:
        value = cells.get(column)
        return "" if value is None else str(value).strip()

    kind = KINDS.get(text("subject_type").lower())
    if kind is None:
        raise ValueError(f"the subject type {text('subject_type')!r} is not person or company")
    number = text("id").upper()
    if kind is m.CreditSubjectKind.PERSON:
        why = idnumber.problem(number)
        if why is idnumber.IdProblem.CHECK_CHARACTER:
            raise ValueError("the ID number's check character is wrong")
        if why is not None:
            raise ValueError("the ID number is not a resident ID number (18 characters)")
    elif not idnumber.credit_code_valid(number):
        raise ValueError("the unified social credit code is wrong (length or check character)")
    on_list = LISTS.get(text("list").lower())
    if on_list is None:
        raise ValueError(f"the list {text('list')!r} is not red or black (守信 or 失信)")
    listed_on = _date(cells.get("listed_on") if cells.get("listed_on") is not None else "")
    if listed_on > today:
        raise ValueError(f"the date {listed_on.isoformat()} is in the future")
    where = text("source") or source or ""
    if not where:
        raise ValueError("the source is empty (fill the column or give --source)")
    if len(where) > 100 or len(text("reason")) > 200:
        raise ValueError("the source (100 characters) or the reason (200) is too long")
    entry = m.CreditEntry(list=on_list, source=where, listed_on=listed_on, reason=text("reason"))
    return ListedSubject(kind=kind, number=number, entry=entry)


def _is_blank_or_comment(cells: list[Any]) -> bool:
    if not any(c not in (None, "") and str(c).strip() for c in cells):
        return True
    return str(cells[0] or "").lstrip().startswith("#")


def _header(cells: list[Any], path: Path, source: str | None) -> list[str]:
    names = [HEADER_ALIASES.get(str(c or "").strip(), str(c or "").strip().lower()) for c in cells]
    unknown = [n for n in names if n and n not in COLUMNS]
    if unknown:
        raise CreditImportError(
            f"{path.name}: the column {unknown[0]!r} is not one of {', '.join(COLUMNS)}."
        )
    missing = [c for c in REQUIRED if c not in names]
    if "source" not in names and not source:
        missing.append("source (or --source)")
    if missing:
        raise CreditImportError(f"{path.name}: the header lacks the columns {', '.join(missing)}.")
    return names


def _lines(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """The file's rows with the line (CSV) or row (XLSX) number each starts on."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        line = 1
        for cells in reader:
            yield line, list(cells)
            line = reader.line_num + 1
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                yield number, list(cells)
        finally:
            workbook.close()
    else:
        raise CreditImportError(f"{path.name}: use a .csv or .xlsx file.")


def parse_credit_file(
    path: Path, *, source: str | None = None, today: dt.date | None = None
) -> list[ListedSubject]:
    """Every row of the file, or ``CreditImportError`` naming each malformed one."""
    today = today or dt.date.today()
    rows: Iterable[tuple[int, list[Any]]] = []
    try:
        rows = list(_lines(path))
    except CreditImportError:
        raise
    except (OSError, UnicodeDecodeError, csv.Error, ValueError) as exc:
        raise CreditImportError(f"{path.name} cannot be read: {exc}.") from exc
    except Exception as exc:  # openpyxl: a file that is no workbook (zipfile, XML errors)
        raise CreditImportError(f"{path.name} cannot be read as a workbook.") from exc
    header: list[str] | None = None
    listed: list[ListedSubject] = []
    bad: list[str] = []
    for line, cells in rows:
        if _is_blank_or_comment(cells):
            continue
        if header is None:
            header = _header(cells, path, source)
            continue
        if len(cells) > len(header) and any(str(c or "").strip() for c in cells[len(header) :]):
            bad.append(f"line {line}: it has more cells than the header has columns.")
            continue
        try:
            listed.append(_row(dict(zip(header, cells, strict=False)), source, today))
        except ValueError as exc:
            bad.append(f"line {line}: {exc}.")
    if header is None:
        raise CreditImportError(f"{path.name} is empty.")
    if bad:
        named = bad[:MAX_NAMED]
        more = len(bad) - len(named)
        if more:
            named.append(f"and {more} more malformed rows.")
        rows_word = "row" if len(bad) == 1 else "rows"
        raise CreditImportError(
            f"{path.name} has {len(bad)} malformed {rows_word}; nothing was imported.\n"
            + "\n".join(named)
        )
    if not listed:
        raise CreditImportError(f"{path.name} holds no entries.")
    return listed


def store_entries(
    ctx: HubContext, listed: list[ListedSubject], *, replace: bool = False
) -> m.CreditImportReport:
    """Store the entries in one transaction (an entry already held is updated)."""
    batch = uuid.uuid4().hex
    now = ctx.now()
    sources = sorted({s.entry.source for s in listed})
    replaced = 0
    with ctx.transaction() as session:
        if replace:
            gone = session.execute(delete(CreditEntryRow).where(CreditEntryRow.source.in_(sources)))
            replaced = gone.rowcount or 0  # type: ignore[attr-defined]
        held = {
            (r.subject_digest, r.list_kind, r.source, r.listed_on): r
            for r in session.execute(
                select(CreditEntryRow).where(CreditEntryRow.source.in_(sources))
            ).scalars()
        }
        for subject in listed:
            entry = subject.entry
            key = (ctx.id_digest(subject.number), entry.list.value, entry.source, entry.listed_on)
            row = held.get(key)
            if row is None:
                row = held[key] = CreditEntryRow(
                    subject_digest=key[0],
                    subject_kind=subject.kind.value,
                    list_kind=entry.list.value,
                    source=entry.source,
                    listed_on=entry.listed_on,
                )
                session.add(row)
            row.reason, row.batch, row.imported_at = entry.reason, batch, now
    return m.CreditImportReport(imported=len(listed), batch=batch, replaced=replaced)


def import_credit_file(
    ctx: HubContext, path: Path, *, source: str | None = None, replace: bool = False
) -> m.CreditImportReport:
    listed = parse_credit_file(path, source=source, today=ctx.today())
    return store_entries(ctx, listed, replace=replace)
