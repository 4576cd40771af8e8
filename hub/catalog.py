"""The item catalog (事项清单): storage, versioning, and import from TOML, CSV or XLSX.

CSV/XLSX columns (first row is the header; Chinese or English names accepted):
code/实施编码, basic_code/基本编码, name/事项名称, item_type/事项类型, legal_basis/设定依据,
level/行使层级, department/实施部门, promised_days/承诺时限, and optionally statutory_days/法定时限,
sites/办理地点, ticket_category/排队业务, fee_cny/收费标准, fee_basis/收费依据,
delivery/送达方式, channels/办理渠道, materials/申请材料, self_service/可自助办理,
credit_check/信用核查 (the window sees the applicant's credit status), applicant_types/申请对象
(``person;company`` or 个人;企业: who may apply, people when empty), form_json/表单,
ems_fee_cny/邮寄费用 (what EMS costs the citizen; 0 = free), bring_within_days/补交材料时限, and
the English a foreign resident reads: name_en/英文名称, department_en/英文部门,
fee_basis_en/英文收费依据, materials_en/英文申请材料.
List cells are separated by ``;`` or ``；``; a material is ``code:name``, with ``:optional``
appended when it is not required; its English is ``code:English name`` in materials_en. The form
column holds the form schema as JSON, every kind included, with its English beside the Chinese
(``[{"name": "family", "label": "家庭成员", "label_en": "Family", "kind": "group", "fields":
[...]}]``); a schema that cannot be answered (a choice without options, a group without fields or
inside a group, options_en not matching options) is refused naming the row. A cell in a column
the importer does not know, an amount that is not one, or English for a material the row does
not list is refused naming the row and the column.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from contract.models import Catalog, CatalogImportReport, CatalogItem
from hub import audit
from hub.context import HubContext
from hub.db import CatalogItemRow, KeyValue

HEADER_ALIASES = {
    "实施编码": "code",
    "基本编码": "basic_code",
    "事项名称": "name",
    "事项类型": "item_type",
    "设定依据": "legal_basis",
    "行使层级": "level",
    "实施部门": "department",
    "承诺时限": "promised_days",
    "法定时限": "statutory_days",
    "办理地点": "sites",
    "排队业务": "ticket_category",
    "收费标准": "fee_cny",
    "收费依据": "fee_basis",
    "送达方式": "delivery",
    "办理渠道": "channels",
    "申请材料": "materials",
    "可自助办理": "self_service",
    "信用核查": "credit_check",
    "申请对象": "applicant_types",
    "表单": "form_json",
    "邮寄费用": "ems_fee_cny",
    "EMS邮寄费": "ems_fee_cny",
    "补交材料时限": "bring_within_days",
    "英文名称": "name_en",
    "事项名称（英文）": "name_en",
    "英文部门": "department_en",
    "实施部门（英文）": "department_en",
    "英文收费依据": "fee_basis_en",
    "英文申请材料": "materials_en",
}
REQUIRED_COLUMNS = frozenset(
    {
        "code",
        "basic_code",
        "name",
        "item_type",
        "legal_basis",
        "level",
        "department",
        "promised_days",
    }
)
LIST_COLUMNS = ("sites", "delivery", "channels", "applicant_types")
APPLICANT_WORDS = {"个人": "person", "自然人": "person", "企业": "company", "法人": "company"}
TEXT_COLUMNS = frozenset(
    {"code", "basic_code", "name", "name_en", "item_type", "legal_basis", "level"}
    | {"department", "department_en", "ticket_category"}
)
DAYS_COLUMNS = ("promised_days", "statutory_days", "bring_within_days")
AMOUNT_COLUMNS = {"fee_cny": ("fee", "amount_cny"), "ems_fee_cny": (None, "ems_fee_cny")}
COLUMNS = frozenset(
    {*TEXT_COLUMNS, *LIST_COLUMNS, *DAYS_COLUMNS, *AMOUNT_COLUMNS}
    | {"materials", "materials_en", "self_service", "credit_check", "fee_basis", "fee_basis_en"}
    | {"form_json"}
)
AMOUNT = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
TRUE_WORDS = {"1", "true", "yes", "y", "是", "可以", "√"}


class CatalogImportError(ValueError):
    """A catalog file is wrong; the message names the row and the field."""


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.replace("；", ";").split(";") if part.strip()]


def _row_to_item(row: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    english: dict[str, str] = {}
    for key, value in row.items():
        if key is None or value is None or str(value).strip() == "":
            continue
        value = str(value).strip()
        if key not in COLUMNS:
            raise ValueError(f"column {key}: not a catalog column (see hub/catalog.py)")
        if key == "applicant_types":
            item[key] = [APPLICANT_WORDS.get(word, word) for word in _split(value)]
        elif key in LIST_COLUMNS:
            item[key] = _split(value)
        elif key == "materials":
            materials = []
            for part in _split(value):
                code, _, rest = part.partition(":")
                name, _, flag = rest.partition(":")
                materials.append(
                    {
                        "code": code.strip(),
                        "name": name.strip() or code.strip(),
                        "required": flag != "optional",
                    }
                )
            item["materials"] = materials
        elif key == "materials_en":
            english = _material_english(value)
        elif key in ("self_service", "credit_check"):
            item[key] = value.lower() in TRUE_WORDS
        elif key in AMOUNT_COLUMNS:
            amount = value.removesuffix("元").strip()
            if not AMOUNT.match(amount):
                raise ValueError(f"column {key}: {value!r} is not an amount in yuan (12 or 12.50)")
            parent, field = AMOUNT_COLUMNS[key]
            (item.setdefault(parent, {}) if parent else item)[field] = amount
        elif key == "fee_basis":
            item.setdefault("fee", {})["basis"] = value
        elif key == "fee_basis_en":
            item.setdefault("fee", {})["basis_en"] = value
        elif key == "form_json":
            item["form"] = json.loads(value)
        elif key in DAYS_COLUMNS:
            days = value.removesuffix("个工作日").removesuffix("工作日").strip()
            if not days.replace(".", "", 1).isdigit():
                raise ValueError(f"field {key}: {value!r} is not a number of working days")
            item[key] = int(float(days))
        else:
            item[key] = value
    if english:
        materials = item.get("materials", [])
        unknown = set(english) - {m["code"] for m in materials}
        if unknown:
            raise ValueError(
                f"column materials_en: {sorted(unknown)[0]!r} is not a material of this row"
                " (column materials)"
            )
        for material in materials:
            if material["code"] in english:
                material["name_en"] = english[material["code"]]
    return item


def _material_english(cell: str) -> dict[str, str]:
    """``code:English name`` parts: the English of materials listed in the row's materials."""
    english: dict[str, str] = {}
    for part in _split(cell):
        code, _, name = part.partition(":")
        if not name.strip():
            raise ValueError(f"column materials_en: {part!r} is not code:English name")
        english[code.strip()] = name.strip()
    return english


def _normalise_header(header: Iterable[Any]) -> list[str]:
    names = [
        HEADER_ALIASES.get(str(h).strip(), str(h).strip()) if h is not None else "" for h in header
    ]
    missing = REQUIRED_COLUMNS - set(names)
    if missing:
        raise CatalogImportError(f"The header lacks the columns: {', '.join(sorted(missing))}.")
    return names


def _is_comment(cells: list[Any]) -> bool:
    return bool(cells) and str(cells[0] or "").lstrip().startswith("#")


def _table_rows(rows: Iterator[list[Any]]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts keyed by field name, with their 1-based row numbers in the file; rows whose
    first cell starts with ``#`` are comments (e.g. a "示例数据" banner)."""
    numbered = enumerate(rows, start=1)
    for _number, cells in numbered:
        if not _is_comment(cells):
            header = _normalise_header(cells)
            break
    else:
        raise CatalogImportError("The file is empty.")
    for number, cells in numbered:
        if _is_comment(cells) or not any(c not in (None, "") for c in cells):
            continue
        values = ["" if c is None else str(c) for c in cells]
        yield number, dict(zip(header, values, strict=False))


def _convert(
    path: Path, rows: Iterator[tuple[int, dict[str, str]]]
) -> list[tuple[str, dict[str, Any]]]:
    converted = []
    for number, row in rows:
        try:
            converted.append((f"row {number}", _row_to_item(row)))
        except ValueError as exc:  # includes json.JSONDecodeError from form_json
            raise CatalogImportError(f"{path.name} row {number}: {exc}") from exc
    return converted


def parse_catalog_file(path: Path) -> list[CatalogItem]:
    """Read and validate every item; raise ``CatalogImportError`` naming the first bad row."""
    suffix = path.suffix.lower()
    raw: list[tuple[str, dict[str, Any]]] = []
    try:
        if suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            raw = [(f"item {i}", item) for i, item in enumerate(data.get("items", []), start=1)]
        elif suffix == ".csv":
            text = path.read_text(encoding="utf-8-sig")
            rows = iter(list(csv.reader(io.StringIO(text))))
            raw = _convert(path, _table_rows(rows))
        elif suffix == ".xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = (list(r) for r in sheet.iter_rows(values_only=True))
            raw = _convert(path, _table_rows(rows))
            workbook.close()
        else:
            raise CatalogImportError(f"{path.name}: use a .toml, .csv or .xlsx file.")
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CatalogImportError(f"{path.name} cannot be read: {exc}") from exc
    except ValueError as exc:
        if isinstance(exc, CatalogImportError):
            raise
        raise CatalogImportError(f"{path.name}: {exc}") from exc
    items: list[CatalogItem] = []
    seen: set[str] = set()
    for where, data in raw:
        try:
            item = CatalogItem.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            named = f", field {field}" if field else ""  # "" for a rule over the whole item
            why = first["msg"].removeprefix("Value error, ")
            raise CatalogImportError(f"{path.name} {where}{named}: {why}.") from exc
        if item.code in seen:
            raise CatalogImportError(f"{path.name} {where}: item code {item.code} appears twice.")
        seen.add(item.code)
        items.append(item)
    if not items:
        raise CatalogImportError(f"{path.name} holds no items.")
    return items


def catalog_version(items: Iterable[CatalogItem]) -> str:
    canonical = json.dumps(
        [i.model_dump(mode="json") for i in sorted(items, key=lambda i: i.code)],
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def store_items(ctx: HubContext, items: list[CatalogItem], *, replace: bool) -> str:
    """Upsert the items (``replace`` drops items not in the list); return the new version."""
    with ctx.transaction() as session:
        if replace:
            codes = [i.code for i in items]
            session.execute(delete(CatalogItemRow).where(CatalogItemRow.code.not_in(codes)))
        for item in items:
            row = session.get(CatalogItemRow, item.code) or CatalogItemRow(code=item.code)
            row.name = item.name
            row.department = item.department
            row.data = item.model_dump(mode="json")
            session.add(row)
        session.flush()
        everything = [
            CatalogItem.model_validate(r.data)
            for r in session.execute(select(CatalogItemRow)).scalars()
        ]
        version = catalog_version(everything)
        setting = session.get(KeyValue, "catalog_version") or KeyValue(key="catalog_version")
        setting.value = version
        session.add(setting)
        audit.admin(
            session,
            "import-catalog",
            "catalog",
            ctx.now(),
            version=version,
            items=len(items),
            replace=replace,
        )
    return version


def import_catalog_file(
    ctx: HubContext, path: Path, *, replace: bool = False
) -> CatalogImportReport:
    items = parse_catalog_file(path)
    version = store_items(ctx, items, replace=replace)
    return CatalogImportReport(imported=len(items), version=version)


def current_version(ctx: HubContext) -> str:
    """The catalog's version alone (what a terminal's If-None-Match is compared with)."""
    with ctx.sessions() as session:
        setting = session.get(KeyValue, "catalog_version")
        return setting.value if setting else "empty"


def load_catalog(ctx: HubContext, site: str | None = None) -> Catalog:
    with ctx.sessions() as session:
        rows = session.execute(select(CatalogItemRow).order_by(CatalogItemRow.code)).scalars()
        items = [CatalogItem.model_validate(r.data) for r in rows]
        setting = session.get(KeyValue, "catalog_version")
    if site:
        items = [i for i in items if not i.sites or site in i.sites]
    return Catalog(version=setting.value if setting else "empty", items=items)


def get_item(ctx: HubContext, code: str) -> CatalogItem | None:
    with ctx.reading() as session:
        return item_in(session, code)


def item_in(session: Session, code: str) -> CatalogItem | None:
    """The item, read in the caller's session (never open a second one inside a transaction:
    on SQLite it would wait for the lock its own caller holds)."""
    row = session.get(CatalogItemRow, code)
    return CatalogItem.model_validate(row.data) if row else None
