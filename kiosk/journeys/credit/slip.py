"""The printed credit record (信用记录查询结果): the subject masked, the status, each entry with
its list, source, date and reason, when and by which system it was checked."""

from __future__ import annotations

from contract import models as m
from drivers.printer.document import (
    Align,
    Cut,
    Document,
    Element,
    Feed,
    KeyValue,
    Rule,
    Style,
    Text,
)
from drivers.printer.profile import PaperWidth

_TITLE = Style(align=Align.CENTER, bold=True, width=1, height=2)
_HEADING = Style(align=Align.CENTER, bold=True, width=2, height=2)
STATUS_WORDS = {
    m.CreditStatus.BLACK: ("失信", "Untrustworthy (black list)"),
    m.CreditStatus.RED: ("守信", "Trustworthy (red list)"),
    m.CreditStatus.NOT_LISTED: ("未见记录", "No record found"),
}
LIST_WORDS = {
    m.CreditList.BLACK: ("失信名单", "Black list"),
    m.CreditList.RED: ("守信名单", "Red list"),
}
NOTICE = "本结果仅反映查询时本区信用名单的记录，如有异议请到窗口咨询。"
NOTICE_EN = "This shows the district's credit lists when checked. Ask at a window if it is wrong."


def credit_slip(
    record: m.CreditRecord, hall_name: str, paper: PaperWidth, *, english: bool = False
) -> Document:
    """The record on paper, bilingual when the citizen chose English."""

    def both(zh: str, en: str) -> str:
        return f"{zh} {en}" if english else zh

    status_zh, status_en = STATUS_WORDS[record.status]
    elements: list[Element] = [
        Text(hall_name, _TITLE),
        Text(both("信用记录查询结果", "Credit record"), Style(align=Align.CENTER, bold=True)),
        Rule(),
        KeyValue(both("证件号码", "ID no."), record.subject_masked),
        Text(status_zh, _HEADING),
        *([Text(status_en, Style(align=Align.CENTER))] if english else []),
        Feed(),
    ]
    for entry in record.entries:
        list_zh, list_en = LIST_WORDS[entry.list]
        elements += [
            KeyValue(both("名单", "List"), both(list_zh, list_en) if english else list_zh),
            KeyValue(both("认定部门", "Listed by"), entry.source),
            KeyValue(both("列入日期", "Since"), f"{entry.listed_on:%Y-%m-%d}"),
            *([KeyValue(both("原因", "Reason"), entry.reason)] if entry.reason else []),
            Feed(),
        ]
    elements += [
        Rule(),
        KeyValue(both("查询时间", "Checked"), f"{record.checked_at.astimezone():%Y-%m-%d %H:%M}"),
        Text(NOTICE),
        *([Text(NOTICE_EN)] if english else []),
        Cut(),
    ]
    return Document(paper, tuple(elements))
