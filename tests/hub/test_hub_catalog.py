"""Catalog: the sample list served with an ETag, and imports from CSV and XLSX."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import requests

from contract.models import Channel, DeliveryMethod, ItemLevel, ItemType
from hub.catalog import CatalogImportError, import_catalog_file, parse_catalog_file
from hub.embedded import EmbeddedHub
from hub.seed import sample_dir
from kiosk.api.client import HubClient

HEADER = [
    "实施编码", "基本编码", "事项名称", "事项类型", "设定依据", "行使层级", "实施部门",
    "承诺时限", "办理地点", "申请材料", "送达方式", "办理渠道", "收费标准", "可自助办理",
]  # fmt: skip
ROWS = [
    [
        "QR00999001-990101-TY", "QR00999001", "体育类社会团体成立登记", "行政确认",
        "《社会团体登记管理条例》", "县级", "示例区体育局", "15个工作日", "district",
        "application:申请书；charter:章程；venue:场所证明:optional",
        "pickup;ems", "hall;online", "0", "否",
    ],
    [
        "GG00999002-990101-TY", "GG00999002", "公共体育场馆预约", "公共服务",
        "《公共文化体育设施条例》", "乡级", "示例区体育局", "0", "street-hubin", "",
        "electronic", "kiosk;mobile", "", "是",
    ],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER)
    for row in rows:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    workbook.save(path)
    return path


def test_sample_catalog_is_valid_and_marked_as_sample() -> None:
    items = parse_catalog_file(sample_dir() / "items.toml")
    assert len(items) >= 10
    assert {i.item_type for i in items} >= {
        ItemType.PUBLIC_SERVICE,
        ItemType.LICENSING,
        ItemType.PAYMENT,
    }
    assert {i.level for i in items} >= {ItemLevel.DISTRICT, ItemLevel.STREET}
    for name in ("items.toml", "queues.toml", "calendar.toml", "district-list-sample.csv"):
        assert "示例数据" in (sample_dir() / name).read_text(encoding="utf-8")


def test_the_sample_catalog_has_english_for_every_word_a_citizen_reads() -> None:
    missing = []
    for item in parse_catalog_file(sample_dir() / "items.toml"):
        if not item.name_en or not item.department_en:
            missing.append(item.code)
        if item.fee.basis and not item.fee.basis_en:
            missing.append(f"{item.code} fee")
        for material in item.materials:
            if not material.name_en or (material.note and not material.note_en):
                missing.append(f"{item.code} {material.code}")
        for field in [*item.form, *(sub for f in item.form for sub in f.fields)]:
            if not field.label_en or len(field.options_en) != len(field.options):
                missing.append(f"{item.code} {field.name}")
        if DeliveryMethod.EMS not in item.delivery:
            assert item.ems_fee_cny == "0", item.code
    assert missing == []


def test_sample_district_list_imports(hub: EmbeddedHub, client: HubClient) -> None:
    report = import_catalog_file(hub.context, sample_dir() / "district-list-sample.csv")
    assert report.imported == 3
    card = client.get_item("GG00233007-990101-RS")
    assert card.name == "社会保障卡申领" and card.self_service and card.promised_days == 5
    assert "street-hubin" in card.sites
    # Its English, and what EMS costs, come with it.
    assert card.name_en == "Applying for a social security card"
    assert card.department_en == "Human Resources and Social Security Bureau, Sample District"
    assert [m.name_en for m in card.materials] == ["Resident ID card", "Recent photo without a hat"]
    assert (card.ems_fee_cny, card.bring_within_days) == ("0", 5)
    certificate = client.get_item("GG00712003-990101-WJ")
    assert (certificate.ems_fee_cny, certificate.bring_within_days) == ("12", 10)


def test_catalog_served_with_etag_and_site_filter(hub: EmbeddedHub, client: HubClient) -> None:
    catalog = client.get_catalog().catalog
    assert catalog is not None
    assert any(i.name == "个体工商户设立登记" for i in catalog.items)
    street = client.get_catalog(site="street-hubin").catalog
    assert street is not None
    assert 0 < len(street.items) < len(catalog.items)
    assert all("street-hubin" in i.sites for i in street.items)
    headers = {"Authorization": f"Bearer {hub.register_terminal('kiosk-etag')}"}
    first = requests.get(f"{hub.base_url}/api/v1/catalog", headers=headers, timeout=10)
    etag = first.headers["ETag"]
    again = requests.get(
        f"{hub.base_url}/api/v1/catalog", headers={**headers, "If-None-Match": etag}, timeout=10
    )
    assert again.status_code == 304 and again.content == b""
    # The client: the ETag comes back with the catalog, and sending it is answered "current".
    fetched = client.get_catalog()
    assert fetched.etag == etag and fetched.size > 10_000
    unchanged = client.get_catalog(etag=fetched.etag)
    assert unchanged.not_modified and unchanged.etag == etag and unchanged.size == 0
    other_site = client.get_catalog(site="street-hubin", etag=etag)  # an ETag names one site
    assert not other_site.not_modified and other_site.etag != etag
    item = client.get_item("XK00402001-990101-SJ")
    assert item.legal_basis.startswith("《促进个体工商户发展条例》")


@pytest.mark.parametrize("writer", [write_csv, write_xlsx], ids=["csv", "xlsx"])
def test_import_csv_and_xlsx(
    hub: EmbeddedHub, client: HubClient, tmp_path: Path, writer: object
) -> None:
    before = client.get_catalog().catalog.version  # type: ignore[union-attr]
    path = writer(tmp_path / ("list.csv" if writer is write_csv else "list.xlsx"), ROWS)  # type: ignore[operator]
    report = import_catalog_file(hub.context, path)
    assert report.imported == 2 and report.version != before
    item = client.get_item("QR00999001-990101-TY")
    assert item.promised_days == 15 and item.item_type is ItemType.CONFIRMATION
    assert [(m.code, m.required) for m in item.materials] == [
        ("application", True),
        ("charter", True),
        ("venue", False),
    ]
    assert item.delivery == [DeliveryMethod.PICKUP, DeliveryMethod.EMS]
    assert item.self_service is False
    other = client.get_item("GG00999002-990101-TY")
    assert other.channels == [Channel.KIOSK, Channel.MOBILE] and other.self_service is True
    assert client.get_catalog().catalog.version == report.version  # type: ignore[union-attr]


ENGLISH_HEADER = [
    "实施编码", "基本编码", "事项名称", "英文名称", "事项类型", "设定依据", "行使层级", "实施部门",
    "英文部门", "承诺时限", "办理地点", "申请材料", "英文申请材料", "送达方式", "邮寄费用",
    "收费标准", "收费依据", "英文收费依据", "补交材料时限", "表单",
]  # fmt: skip
FORM = (
    '[{"name": "venue", "label": "场馆", "label_en": "Venue", "kind": "select",'
    ' "options": ["体育馆", "游泳馆"], "options_en": ["Sports hall", "Swimming pool"]}]'
)
ENGLISH_ROW = [
    "GG00999003-990101-TY", "GG00999003", "体育场馆优惠卡", "Sports venue discount card",
    "公共服务", "《公共文化体育设施条例》", "县级", "示例区体育局",
    "Sports Bureau, Sample District", "3个工作日", "district",
    "id_card:居民身份证；photo:照片:optional", "id_card:Resident ID card；photo:A photo",
    "pickup;ems", "12元", "10", "某收费标准", "Some fee schedule", "7个工作日", FORM,
]  # fmt: skip


def write_table(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append([int(c) if c.isdigit() else c for c in row])
    workbook.save(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_import_english_columns_and_the_ems_fee(
    hub: EmbeddedHub, client: HubClient, tmp_path: Path, suffix: str
) -> None:
    path = write_table(tmp_path / f"english{suffix}", ENGLISH_HEADER, [ENGLISH_ROW])
    assert import_catalog_file(hub.context, path).imported == 1
    item = client.get_item("GG00999003-990101-TY")  # as a terminal receives it
    assert (item.name, item.name_en) == ("体育场馆优惠卡", "Sports venue discount card")
    assert item.department_en == "Sports Bureau, Sample District"
    assert [(m.code, m.name, m.name_en, m.required) for m in item.materials] == [
        ("id_card", "居民身份证", "Resident ID card", True),
        ("photo", "照片", "A photo", False),
    ]
    assert (item.ems_fee_cny, item.bring_within_days) == ("12", 7)
    assert (item.fee.amount_cny, item.fee.basis_en) == ("10", "Some fee schedule")
    venue = item.form[0]
    assert venue.label_en == "Venue" and venue.options == ["体育馆", "游泳馆"]
    assert venue.options_en == ["Sports hall", "Swimming pool"]


def _english_row(**changes: str) -> list[str]:
    row = list(ENGLISH_ROW)
    for column, value in changes.items():
        row[ENGLISH_HEADER.index(column)] = value
    return row


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        (
            ENGLISH_HEADER,
            _english_row(邮寄费用="十二元"),
            "row 2: column ems_fee_cny: '十二元' is not an amount in yuan",
        ),
        (
            ENGLISH_HEADER,
            _english_row(收费标准="20.505"),
            "row 2: column fee_cny: '20.505' is not an amount in yuan",
        ),
        (
            ENGLISH_HEADER,
            _english_row(英文申请材料="id_card:Resident ID card；passport:Passport"),
            "row 2: column materials_en: 'passport' is not a material of this row",
        ),
        (
            ENGLISH_HEADER,
            _english_row(英文申请材料="Resident ID card"),
            "row 2: column materials_en: 'Resident ID card' is not code:English name",
        ),
        (
            ENGLISH_HEADER,
            _english_row(补交材料时限="90"),
            "row 2, field bring_within_days",
        ),
        (
            ENGLISH_HEADER,
            _english_row(送达方式="pickup"),
            "row 2: item GG00999003-990101-TY: ems_fee_cny is 12 but ems is not among",
        ),
        (
            ENGLISH_HEADER,
            _english_row(表单=FORM.replace(', "Swimming pool"', "")),
            "row 2, field form.0: field venue: options_en has 1 entries for 2 options",
        ),
        (
            [*ENGLISH_HEADER, "英文名"],
            [*ENGLISH_ROW, "Sports card"],
            "row 2: column 英文名: not a catalog column",
        ),
    ],
)
def test_bad_english_or_ems_fee_names_the_row_and_column(
    hub: EmbeddedHub,
    client: HubClient,
    tmp_path: Path,
    header: list[str],
    row: list[str],
    message: str,
) -> None:
    before = client.get_catalog().catalog
    path = write_table(tmp_path / "bad.csv", header, [row])
    with pytest.raises(CatalogImportError, match=re.escape(message)):
        import_catalog_file(hub.context, path)
    assert client.get_catalog().catalog == before


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rows: [[*rows[0][:3], "不存在的类型", *rows[0][4:]]], "row 2, field item_type"),
        (lambda rows: [[*rows[0][:7], "很快", *rows[0][8:]]], "row 2: field promised_days"),
        (lambda rows: [rows[0], rows[0]], "appears twice"),
        (lambda rows: [], "holds no items"),
    ],
)
def test_bad_import_names_the_row_and_stores_nothing(
    hub: EmbeddedHub, client: HubClient, tmp_path: Path, mutate: object, message: str
) -> None:
    before = client.get_catalog().catalog
    path = write_csv(tmp_path / "bad.csv", mutate(ROWS))  # type: ignore[operator]
    with pytest.raises(CatalogImportError, match=message):
        import_catalog_file(hub.context, path)
    assert client.get_catalog().catalog == before


def test_missing_columns_are_named(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("事项名称,实施编码\n某事项,X1\n", encoding="utf-8")
    with pytest.raises(CatalogImportError, match="basic_code, department, item_type"):
        parse_catalog_file(path)
