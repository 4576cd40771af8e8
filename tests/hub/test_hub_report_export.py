"""A report table written out: the text for a terminal (aligned, CJK characters two columns
wide), CSV (empty where there is nothing), XLSX (rates as percentages, minutes to a tenth, the
headings frozen) — each checked on a small table with every kind of column."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from contract import models as m
from hub.reports.export import shown, to_csv, to_text, write_xlsx
from hub.reports.table import column, key_column

K = m.ColumnKind
TABLE = m.ReportTable(
    name=m.ReportName.QUEUE,
    date_from=date(2026, 3, 1),
    date_to=date(2026, 3, 31),
    by=m.Dimension.WINDOW,
    columns=[
        key_column(m.Dimension.WINDOW),
        column("issued", "取号数", "Tickets issued", K.COUNT),
        column("wait_mean", "平均等候（分）", "Mean wait (min)", K.MINUTES),
        column("rating_rate", "评价率", "Rating rate", K.RATE),
        column("score", "得分", "Score", K.SCORE),
    ],
    rows=[["W01", 1234, 7.25, 0.4567, 88.5], ["综合窗口", 0, None, None, None]],
)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def test_each_kind_of_cell_is_written_as_people_read_it() -> None:
    columns = TABLE.columns
    assert [shown(v, c) for v, c in zip(TABLE.rows[0], columns, strict=True)] == [
        "W01", "1234", "7.2", "45.7%", "88.5",
    ]  # fmt: skip
    assert [shown(v, c) for v, c in zip(TABLE.rows[1], columns, strict=True)] == [
        "综合窗口", "0", "—", "—", "—",
    ]  # fmt: skip


def test_the_text_lines_up_whatever_the_script() -> None:
    title, *body = to_text(TABLE).splitlines()
    assert title == "queue  2026-03-01 — 2026-03-31  by window"
    assert body[1].startswith("W01 ") and body[2].startswith("综合窗口 ")
    # Each figure ends where its heading ends (right-aligned), counting CJK as two columns.
    ends = [[width(line[: cell.end()]) for cell in re.finditer(r"\S+", line)][1:] for line in body]
    assert ends[0] == ends[1] == ends[2] and len(ends[0]) == 4


def test_csv_leaves_empty_what_has_no_value() -> None:
    rows = list(csv.reader(io.StringIO(to_csv(TABLE))))
    assert rows[0] == [
        "窗口 Window", "取号数 Tickets issued", "平均等候（分） Mean wait (min)",
        "评价率 Rating rate", "得分 Score",
    ]  # fmt: skip
    assert rows[1] == ["W01", "1234", "7.25", "0.4567", "88.5"]
    assert rows[2] == ["综合窗口", "0", "", "", ""]


def test_xlsx_keeps_numbers_as_numbers_with_their_formats(tmp_path: Path) -> None:
    path = tmp_path / "queue.xlsx"
    write_xlsx(TABLE, path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert sheet["A1"].value == "2026-03-01 — 2026-03-31"
    assert [c.value for c in sheet[2]][:2] == ["窗口 Window", "取号数 Tickets issued"]
    assert sheet["B3"].value == 1234 and sheet["C3"].value == 7.25 and sheet["D3"].value == 0.4567
    assert sheet["C3"].number_format == "0.0" and sheet["D3"].number_format == "0.0%"
    assert sheet["B3"].number_format == "General" and sheet["E4"].value is None
    assert sheet.freeze_panes == "B3"
