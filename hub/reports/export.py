"""A report table as CSV, XLSX or aligned text: the same columns, headed in Chinese with the
English beside, rates as percentages in text and as fractions (formatted) in XLSX."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import BinaryIO

from contract import models as m


def _heading(column: m.ReportColumn) -> str:
    return f"{column.title} {column.title_en}"


def shown(value: m.Cell, column: m.ReportColumn) -> str:
    """A cell as text: rates as percentages, minutes to a tenth, nothing as a dash."""
    if value is None:
        return "—"
    if column.kind is m.ColumnKind.RATE and isinstance(value, int | float):
        return f"{value * 100:.1f}%"
    if column.kind is m.ColumnKind.MINUTES and isinstance(value, int | float):
        return f"{value:.1f}"
    return str(value)


def to_csv(table: m.ReportTable) -> str:
    """UTF-8 text with a BOM-free header row; empty cells where there is nothing to show."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_heading(c) for c in table.columns)
    for row in table.rows:
        writer.writerow("" if v is None else v for v in row)
    return out.getvalue()


def write_xlsx(table: m.ReportTable, path: Path | BinaryIO) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.name.value
    sheet.append([f"{table.date_from} — {table.date_to}"])
    sheet.append([_heading(c) for c in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(row)
    for number, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=2, column=number).column_letter
        sheet.column_dimensions[letter].width = max(10, _width(_heading(column)) + 2)
        style = {m.ColumnKind.RATE: "0.0%", m.ColumnKind.MINUTES: "0.0"}.get(column.kind)
        if style:
            for (cell,) in sheet.iter_rows(min_row=3, min_col=number, max_col=number):
                cell.number_format = style
    sheet.freeze_panes = "B3"
    book.save(path)


def _width(text: str) -> int:
    """Columns a text takes in a terminal or a spreadsheet: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def to_text(table: m.ReportTable) -> str:
    """An aligned table for a terminal, one line per row."""
    headings = [c.title for c in table.columns]
    cells = [[shown(v, c) for v, c in zip(row, table.columns, strict=True)] for row in table.rows]
    widths = [max(_width(t) for t in column) for column in zip(headings, *cells, strict=True)]

    def line(texts: list[str]) -> str:
        padded = [
            t + " " * (w - _width(t)) if n == 0 else " " * (w - _width(t)) + t
            for n, (t, w) in enumerate(zip(texts, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    title = f"{table.name.value}  {table.date_from} — {table.date_to}  by {table.by.value}"
    return "\n".join([title, line(headings), *(line(r) for r in cells)]) + "\n"
