"""The console's pages as HTML: whole without JavaScript, in Chinese, one stylesheet inline.

A report page has the period and the dimension as a plain GET form (its address can be kept
as a bookmark or sent to a colleague), the chart of one column (a column's heading chooses it),
the table, and the downloads. A site's row leads to that site by window: the drill-down from
the district to its windows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from html import escape
from urllib.parse import urlencode

from contract import models as m
from hub.console.charts import bar_chart
from hub.managers import Manager
from hub.reports import DIMENSIONS, REPORT_TITLES
from hub.reports.export import shown
from hub.reports.table import KEY_TITLES

R, D, K = m.ReportName, m.Dimension, m.ColumnKind
# The column a report's chart shows first: what a manager looks at before anything else.
FIRST_CHART = {
    R.QUEUE: "wait_p90",
    R.RATINGS: "good_rate",
    R.CASES: "on_time_rate",
    R.PERFORMANCE: "score",
    R.FUNNEL: "reached_rate",
}
STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  color: #1d2733; background: #f3f5f8; }
header { display: flex; align-items: center; gap: 16px; padding: 10px 24px;
  background: #0b4f8a; color: #fff; }
header h1 { font-size: 18px; margin: 0; flex: 1; }
header form { margin: 0; }
header button { background: transparent; color: #fff; border: 1px solid #fff; }
main { padding: 16px 24px; max-width: 1280px; }
nav a { display: inline-block; padding: 8px 16px; margin-right: 4px; color: #0b4f8a;
  text-decoration: none; border-radius: 6px 6px 0 0; }
nav a.here { background: #fff; font-weight: bold; }
section { background: #fff; border-radius: 0 6px 6px 6px; padding: 16px; margin-bottom: 16px; }
form.period { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; }
label { display: flex; flex-direction: column; font-size: 13px; color: #4a5868; }
input, select, button { font: inherit; padding: 5px 10px; border: 1px solid #b8c2cc;
  border-radius: 4px; }
button { background: #0b4f8a; color: #fff; border-color: #0b4f8a; cursor: pointer; }
.quick a, .crumbs a, .downloads a { margin-right: 12px; color: #0b4f8a; }
.quick, .crumbs, .downloads { margin: 8px 0; font-size: 14px; }
.problem { background: #fdecea; color: #8a1c12; padding: 10px 14px; border-radius: 4px; }
.note { color: #4a5868; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e1e6eb; white-space: nowrap; }
th { background: #eef2f6; position: sticky; top: 0; text-align: right; }
th a { color: inherit; }
th.charted { background: #d6e6f5; }
td { text-align: right; font-variant-numeric: tabular-nums; }
td:first-child, th:first-child, .name { text-align: left; }
.scroll { overflow: auto; max-height: 70vh; }
svg.chart { max-width: 960px; display: block; }
svg.chart text { font-size: 12px; fill: #1d2733; }
svg.chart rect.bar { fill: #2f7dc1; }
svg.chart line.axis { stroke: #8a96a3; }
#follow-ups td, #follow-ups th, #fleet td, #fleet th { white-space: normal; text-align: left;
  vertical-align: top; }
.late { color: #b3261e; }
.done { background: #e6f4ea; color: #185c2c; padding: 10px 14px; border-radius: 4px; }
form.decision { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
form.decision textarea { flex-basis: 100%; font: inherit; }
button.plain { background: #fff; color: #0b4f8a; }
.login { max-width: 360px; margin: 12vh auto; background: #fff; padding: 28px;
  border-radius: 8px; }
.login label { margin-bottom: 12px; }
.login h1 { font-size: 20px; margin-top: 0; }
"""


@dataclass(frozen=True, slots=True)
class ReportView:
    """What one report page shows and how it was asked for."""

    manager: Manager
    name: m.ReportName
    first: date
    last: date
    by: m.Dimension
    site: str = ""
    chart: str = ""
    table: m.ReportTable | None = None
    labels: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    today: date = date(2000, 1, 1)

    def link(self, suffix: str = "", **change: object) -> str:
        """This page's address (or a download's, with ``suffix``) with some of its choices
        changed."""
        view = replace(self, **change)  # type: ignore[arg-type]
        query = {"from": view.first.isoformat(), "to": view.last.isoformat(), "by": view.by.value}
        if view.site:
            query["site"] = view.site
        if view.chart and not suffix:
            query["chart"] = view.chart
        return f"/console/reports/{view.name.value}{suffix}?{urlencode(query)}"


def page(title: str, body: str, manager: Manager | None = None) -> str:
    top = ""
    if manager is not None:
        top = (
            f"<header><h1>一门通 · 数据中心</h1><span>{escape(manager.name)}"
            f"（{escape(manager.scope)}）</span>"
            '<form method="post" action="/console/sign-out"><button>退出</button></form></header>'
        )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · 一门通数据中心</title><style>{STYLE}</style></head>"
        f"<body>{top}{body}</body></html>"
    )


def sign_in_page(problem: str = "", login: str = "") -> str:
    alert = f'<p class="problem" id="problem">{escape(problem)}</p>' if problem else ""
    return page(
        "登录",
        '<form class="login" method="post" action="/console/sign-in">'
        "<h1>一门通 · 数据中心</h1>"
        f"{alert}"
        f'<label>账号<input name="login" id="login" value="{escape(login)}" required'
        ' autocomplete="username" maxlength="64" autofocus></label>'
        '<label>密码<input name="password" id="password" type="password" required'
        ' autocomplete="current-password" maxlength="200"></label>'
        '<button id="sign-in">登录</button></form>',
    )


def report_page(view: ReportView) -> str:
    body = "".join(
        (
            tabs(view.name.value, view),
            "<section>",
            _period_form(view),
            _crumbs(view),
            _result(view),
            "</section>",
        )
    )
    return page(REPORT_TITLES[view.name], f"<main>{body}</main>", view.manager)


def tabs(here: str, view: ReportView | None = None) -> str:
    """The console's sections; a report's tab keeps the period and dimension being looked at."""
    links = []
    for name, title in REPORT_TITLES.items():
        href = f"/console/reports/{name.value}"
        if view is not None:
            by = view.by if view.by in DIMENSIONS[name] else D.SITE
            href = view.link(name=name, by=by, chart="")
        mark = ' class="here"' if name.value == here else ""
        links.append(f'<a href="{escape(href)}"{mark}>{title}</a>')
    for section, title in (("follow-ups", "差评整改"), ("fleet", "终端")):
        mark = ' class="here"' if here == section else ""
        links.append(f'<a href="/console/{section}" id="{section}-tab"{mark}>{title}</a>')
    return f"<nav>{''.join(links)}</nav>"


def _period_form(view: ReportView) -> str:
    options = "".join(
        f'<option value="{d.value}"{" selected" if d is view.by else ""}>{title}</option>'
        for d, (title, _) in KEY_TITLES.items()
        if d in DIMENSIONS[view.name]
    )
    site = f'<input type="hidden" name="site" value="{escape(view.site)}">' if view.site else ""
    form = (
        f'<form class="period" method="get" action="/console/reports/{view.name.value}">'
        f'<label>从<input type="date" name="from" id="from" value="{view.first}"></label>'
        f'<label>至<input type="date" name="to" id="to" value="{view.last}"></label>'
        f'<label>按<select name="by" id="by">{options}</select></label>{site}'
        '<button id="show">查询</button></form>'
    )
    return form + _quick(view)


def _quick(view: ReportView) -> str:
    today = view.today
    month_start = today.replace(day=1)
    last_month_end = month_start.fromordinal(month_start.toordinal() - 1)
    periods = {
        "本月": (month_start, today),
        "上月": (last_month_end.replace(day=1), last_month_end),
        "近7天": (today.fromordinal(today.toordinal() - 6), today),
        "今年": (today.replace(month=1, day=1), today),
    }
    if view.name is R.PERFORMANCE:  # a whole month, finished
        periods = {"上月": periods["上月"]}
    links = "".join(
        f'<a href="{escape(view.link(first=first, last=last))}">{title}</a>'
        for title, (first, last) in periods.items()
    )
    return f'<div class="quick">时间：{links}</div>'


def _crumbs(view: ReportView) -> str:
    if not view.site:
        return ""
    whole = "全区" if view.manager.sites is None else "我的站点"
    up = escape(view.link(site="", by=D.SITE))
    return f'<div class="crumbs" id="crumbs"><a href="{up}">{whole}</a> › {escape(view.site)}</div>'


def _result(view: ReportView) -> str:
    if view.problem:
        return f'<p class="problem" id="problem">{escape(view.problem)}</p>'
    table = view.table
    if table is None:
        return ""
    if not table.rows:
        return '<p class="note" id="empty">这段时间没有数据。</p>'
    return _chart(view, table) + _table(view, table) + _downloads(view)


def chart_column(view: ReportView, table: m.ReportTable) -> int:
    """The index of the column the chart shows: the one asked for, else the report's first."""
    figures = [n for n, c in enumerate(table.columns) if c.kind is not K.KEY]
    for wanted in (view.chart, FIRST_CHART.get(table.name, "")):
        for n in figures:
            if table.columns[n].key == wanted:
                return n
    return figures[0]


def _keys(view: ReportView, table: m.ReportTable, row: list[m.Cell]) -> str:
    """A row's name: its dimension's value as the console calls it, and the report's other
    keys (the funnel's journey and step) after it."""
    first = view.labels.get(str(row[0]), str(row[0]))
    rest = [str(v) for v, c in zip(row[1:], table.columns[1:], strict=True) if c.kind is K.KEY]
    return " · ".join([first, *rest])


def _chart(view: ReportView, table: m.ReportTable) -> str:
    n = chart_column(view, table)
    column = table.columns[n]
    labels = [_keys(view, table, row) for row in table.rows]
    values = [float(v) if isinstance(v, int | float) else None for v in (r[n] for r in table.rows)]
    texts = [shown(row[n], column) for row in table.rows]
    return (
        f'<h2 id="chart-title">{escape(column.title)}</h2>'
        f'<div id="chart">{bar_chart(labels, values, texts, table.by)}</div>'
    )


def _table(view: ReportView, table: m.ReportTable) -> str:
    charted = chart_column(view, table)
    heads = []
    for n, column in enumerate(table.columns):
        title = escape(column.title)
        if column.kind is K.KEY:  # a name, not a figure to chart
            heads.append(f'<th class="name">{title}</th>')
            continue
        mark = ' class="charted"' if n == charted else ""
        href = escape(view.link(chart=column.key))
        heads.append(f'<th{mark}><a href="{href}" title="作图">{title}</a></th>')
    rows = []
    for row in table.rows:
        cells = [f"<td>{_key_cell(view, table, row[0])}</td>"]
        pairs = zip(row[1:], table.columns[1:], strict=True)
        cells += [
            f'<td class="name">{escape(shown(v, c))}</td>'
            if c.kind is K.KEY
            else f"<td>{escape(shown(v, c))}</td>"
            for v, c in pairs
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="scroll"><table id="report"><thead><tr>{"".join(heads)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _key_cell(view: ReportView, table: m.ReportTable, key: m.Cell) -> str:
    label = escape(view.labels.get(str(key), str(key)))
    if table.by is D.SITE and key and table.name is not R.PERFORMANCE:
        href = escape(view.link(site=str(key), by=D.WINDOW, chart=""))
        return f'<a class="drill" href="{href}">{label}</a>'
    return label


def _downloads(view: ReportView) -> str:
    xlsx, csv = escape(view.link(".xlsx")), escape(view.link(".csv"))
    pdf = ""
    if view.name is R.PERFORMANCE:
        pdf = f'<a id="bulletin" href="{escape(view.link(".pdf"))}">通报（PDF，可打印）</a>'
    return (
        f'<div class="downloads">下载：<a id="xlsx" href="{xlsx}">Excel（XLSX）</a>'
        f'<a id="csv" href="{csv}">CSV</a>{pdf}</div>'
    )
