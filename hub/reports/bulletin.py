"""The monthly performance bulletin (绩效考评通报): the month's 绩效考评 as a printable A4 PDF for
the district to publish. The title with the month, the issuing office (the hub's
``bulletin_issuer``, when set) and the day it was made, how the score is made (the weights in
force), then the ranking: rank, site, score, the change from last month and each indicator,
with the sites that have nothing to rate this month last, as 无数据.

Figures are the performance report's (``reports.run``), shown as the text export shows them
(``export.shown``); the font is subsetted into the file, so any PDF reader prints it alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from contract import models as m
from hub import reports
from hub.context import HubContext
from hub.db import Terminal
from hub.reports import export, performance
from hub.reports.fonts import Faces, chinese_font

FAMILY = "cjk"
NO_DATA = "无数据"
MONTH_FORMAT = re.compile(r"(\d{4})-(\d{2})")


def parse_month(text: str) -> date:
    """The first day of ``YYYY-MM``, or a ValueError saying what a month looks like."""
    found = MONTH_FORMAT.fullmatch(text.strip())
    if found is None or not 1 <= int(found[2]) <= 12 or int(found[1]) < 1:
        raise ValueError(f"{text!r} is not a month (YYYY-MM, such as 2026-11)")
    return date(int(found[1]), int(found[2]), 1)


def month_days(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def file_name(month: date) -> str:
    return f"performance-bulletin-{month:%Y-%m}.pdf"


@dataclass(frozen=True, slots=True)
class Bulletin:
    """What the bulletin says, as printed."""

    month: date
    issued: date
    issuer: str | None
    method: list[str]  # how the score is made: each indicator's weight
    headings: list[str]
    rows: list[list[str]]  # rated sites best first, then those with no data
    rated: int
    unrated: int
    district_rated: int | None  # when only some sites are shown: how many were ranked in all


def bulletin_pdf(ctx: HubContext, month: date, sites: frozenset[str] | None = None) -> bytes:
    """The bulletin of ``month`` (any day in it); ``sites``: only these sites' lines (ranked
    among the whole district). A month without data is a bulletin saying so."""
    first, last = month_days(month)
    reports.period_of(ctx, first, last)  # the month is one reports cover, or a problem
    faces = chinese_font(ctx.settings.bulletin_font)  # before the work: a missing font says so
    return render(contents(ctx, first, sites), faces)


def contents(ctx: HubContext, month: date, sites: frozenset[str] | None) -> Bulletin:
    first, last = month_days(month)
    table = reports.run(ctx, m.ReportName.PERFORMANCE, first, last, m.Dimension.SITE)
    with ctx.reading() as session:
        weights = performance.stored_weights(session)
        known = set(session.scalars(select(Terminal.site_code).distinct()))
    columns = {c.key: (n, c) for n, c in enumerate(table.columns)}
    indicators = [(n, c) for n, c in enumerate(table.columns) if c.key in performance.INDICATORS]
    (rank, rank_column), (score, score_column) = columns["rank"], columns["score"]
    change, change_column = columns["change"]

    def line(row: list[m.Cell]) -> list[str]:
        return [
            export.shown(row[rank], rank_column),
            site_name(str(row[0])),
            export.shown(row[score], score_column),
            change_text(row[change], change_column),
            *(export.shown(row[n], column) for n, column in indicators),
        ]

    shown = table.rows if sites is None else [row for row in table.rows if row[0] in sites]
    rated = [line(row) for row in shown if row[score] is not None]
    silent = [str(row[0]) for row in shown if row[score] is None]
    silent += sorted((known if sites is None else set(sites)) - {str(row[0]) for row in shown})
    unrated = [["—", site_name(site), NO_DATA, "—", *("—" for _ in indicators)] for site in silent]
    return Bulletin(
        month=first,
        issued=ctx.today(),
        issuer=ctx.settings.bulletin_issuer,
        method=method_lines(weights),
        headings=["排名", "大厅或站点", "得分", "较上月", *(c.title for _, c in indicators)],
        rows=rated + unrated,
        rated=len(rated),
        unrated=len(unrated),
        district_rated=None if sites is None else sum(r[score] is not None for r in table.rows),
    )


def site_name(code: str) -> str:
    """A site as the bulletin names it: the hub keeps only site codes so far."""
    return code


def change_text(value: m.Cell, column: m.ReportColumn) -> str:
    """↑ up, ↓ down, 持平 the same, — no score last month."""
    if not isinstance(value, int | float):
        return "—"
    if value == 0:
        return "持平"
    return ("↑" if value > 0 else "↓") + export.shown(abs(value), column)


def method_lines(weights: tuple[performance.Weight, ...]) -> list[str]:
    """One line per indicator in force: its weight, and which way is better."""
    lines = []
    for n, weight in enumerate(weights, start=1):
        indicator = performance.INDICATORS[weight.key]
        name = indicator.title.split("（")[0]  # without its unit: 等候P90（分）
        if indicator.minutes:
            how = (
                f"{weight.best:g}分钟及以内得满分，{weight.worst:g}分钟及以上不得分，其间按比例计分"
            )
        else:
            how = "越高越好" if indicator.higher_is_better else "越低越好"
        lines.append(f"{n}. {name}：权重{weight.weight:g}%，{how}。")
    return lines


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def title(month: date) -> str:
    return f"政务服务绩效考评通报（{month.year}年{month.month}月）"


# -- the page -------------------------------------------------------------------------------

MARGIN = 18.0  # mm
FIXED_WIDTHS = (12.0, 32.0, 15.0, 16.0)  # rank, site, score, change; indicators share the rest
TEXT_SIZE, LEADING = 10.5, 6.5  # pt, mm
# Chinese line breaking (禁则): no closing mark at a line's start, no opening one at its end.
NO_LINE_START = frozenset("，。、；：？！）》」』”’%…")
NO_LINE_END = frozenset("（《「『“‘")
UNBROKEN = re.compile(r"[A-Za-z0-9.%]+$")  # a number or a Latin word stays on one line


def render(bulletin: Bulletin, faces: Faces) -> bytes:
    """The bulletin as an A4 PDF, the font subsetted into it."""
    from fpdf import FPDF

    heading = title(bulletin.month)

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FAMILY, size=8)
            self.set_text_color(90)
            self.cell(0, 6, f"{heading}　第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")

    pdf = Document(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font(FAMILY, "", str(faces.regular.path), collection_font_number=faces.regular.number)
    pdf.add_font(FAMILY, "B", str(faces.bold.path), collection_font_number=faces.bold.number)
    pdf.set_title(heading)
    pdf.set_lang("zh-CN")
    pdf.set_creator("一门通 Yimen hub")
    pdf.add_page()

    pdf.set_font(FAMILY, "B", 17)
    pdf.cell(0, 12, heading, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=TEXT_SIZE)
    pdf.cell(0, 7, bulletin.issuer or "", new_x="LMARGIN", new_y="TOP")
    pdf.cell(0, 7, f"印发日期：{_day(bulletin.issued)}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(160, 30, 30)
    pdf.set_line_width(0.6)
    pdf.line(MARGIN, pdf.get_y() + 1, pdf.w - MARGIN, pdf.get_y() + 1)
    pdf.ln(5)

    first, last = month_days(bulletin.month)
    _paragraph(pdf, f"现将{_day(first)}至{_day(last)}各大厅和站点政务服务绩效考评结果通报如下。")
    _section(pdf, "一、考评办法")
    _paragraph(pdf, "得分由下列指标加权计算，满分100分：")
    for line in bulletin.method:
        _paragraph(pdf, line)
    _paragraph(
        pdf,
        "某项指标本月无从计算的（如站点本月无办件、无差评），该项不计，按其余指标的权重折算。"
        "得分相同者排名并列。",
    )
    _section(pdf, "二、考评结果")
    if not bulletin.rows:
        _paragraph(pdf, f"本月{NO_DATA}：没有可供考评的大厅或站点。")
        return bytes(pdf.output())
    _paragraph(pdf, _count(bulletin))
    pdf.ln(2)
    _table(pdf, bulletin)
    pdf.ln(2)
    pdf.set_font(FAMILY, size=8.5)
    pdf.set_text_color(70)
    pdf.multi_cell(
        0,
        5,
        "注：“较上月”为与上月得分之差，↑上升，↓下降，“—”为上月无得分；等候P90以分钟计。",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    return bytes(pdf.output())


def _count(bulletin: Bulletin) -> str:
    if bulletin.district_rated is None:
        if not bulletin.rated:
            return f"本月{NO_DATA}：{bulletin.unrated}个大厅和站点本月均无可供考评的数据。"
        count = f"本月参加考评的大厅和站点共{bulletin.rated}个"
        if bulletin.unrated:
            count += f"，另有{bulletin.unrated}个本月{NO_DATA}，列于表末"
        return count + "。"
    count = (
        f"本通报列出所选的{bulletin.rated + bulletin.unrated}个大厅或站点，排名为在全部"
        f"{bulletin.district_rated}个参加考评的大厅和站点中的名次"
    )
    if bulletin.unrated:
        count += f"；其中{bulletin.unrated}个本月{NO_DATA}，列于表末"
    return count + "。"


def _section(pdf: Any, text: str) -> None:
    pdf.ln(1.5)
    pdf.set_font(FAMILY, "B", TEXT_SIZE)
    pdf.cell(0, LEADING + 1, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=TEXT_SIZE)


def _paragraph(pdf: Any, text: str) -> None:
    """A paragraph, its first line indented two characters, broken as Chinese is."""
    indent = pdf.get_string_width("　　")
    for n, line in enumerate(wrap(text, pdf.epw, pdf.get_string_width, indent)):
        pdf.set_x(MARGIN + (indent if n == 0 else 0))
        pdf.cell(0, LEADING, line, new_x="LMARGIN", new_y="NEXT")


def wrap(text: str, width: float, measure: Any, indent: float = 0.0) -> list[str]:
    """``text`` in lines no wider than ``width`` (the first ``indent`` less) as ``measure``
    measures them: a closing mark never starts a line, an opening one never ends it, a number
    is never cut."""
    lines: list[str] = []
    line = ""
    for ch in text:
        room = width - (indent if not lines else 0.0)
        if not line or measure(line + ch) <= room:
            line += ch
            continue
        carry = ""
        if ch in NO_LINE_START:
            carry, line = line[-1], line[:-1]
        elif (run := UNBROKEN.search(line)) and UNBROKEN.match(ch) and run.start() > 0:
            carry, line = line[run.start() :], line[: run.start()]
        while len(line) > 1 and line[-1] in NO_LINE_END:
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line)
        line = carry + ch
    if line:
        lines.append(line)
    return lines


def _heading(text: str, width: float, measure: Any) -> str:
    """A column heading in lines of even length: 差评按时 / 整改率, 等候P90 / （分）."""
    lines = wrap(text, width, measure)
    if len(lines) == 1:
        return text
    if "（" in text and all(measure(part) <= width for part in text.split("（", 1)):
        return text.replace("（", "\n（", 1)
    step = -(-len(text) // len(lines))
    return "\n".join(text[n : n + step] for n in range(0, len(text), step))


def _table(pdf: Any, bulletin: Bulletin) -> None:
    from fpdf.enums import TableCellFillMode
    from fpdf.fonts import FontFace

    indicators = len(bulletin.headings) - len(FIXED_WIDTHS)
    rest = pdf.epw - sum(FIXED_WIDTHS)
    widths = (*FIXED_WIDTHS, *([rest / indicators] * indicators))
    aligns = ("CENTER", "LEFT", *(["RIGHT"] * (len(widths) - 2)))
    pdf.set_draw_color(120)
    pdf.set_line_width(0.2)
    pdf.set_font(FAMILY, "B", 9)
    headings = [
        _heading(text, width - 2.4, pdf.get_string_width)
        for text, width in zip(bulletin.headings, widths, strict=True)
    ]
    pdf.set_font(FAMILY, size=9)
    with pdf.table(
        col_widths=widths,
        text_align=aligns,
        line_height=5.5,
        padding=(1, 1.2),
        headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 238)),
        cell_fill_color=(246, 246, 246),
        cell_fill_mode=TableCellFillMode.ROWS,
        repeat_headings=1,
    ) as table:
        heading_row = table.row()
        for text in headings:
            heading_row.cell(text, align="CENTER")
        for n, values in enumerate(bulletin.rows):
            style = FontFace(color=(120, 120, 120)) if n >= bulletin.rated else None
            row = table.row()
            for text in values:
                row.cell(text, style=style)
