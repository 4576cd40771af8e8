"""The complaint slip (投诉建议回执): the reference to follow it by, what it is about, the date,
where to follow it and the supervision hotline. Never the text, never the phone number: a slip
left on the kiosk gives nothing of what was written or who wrote it away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from drivers.printer.document import (
    Align,
    Cut,
    Document,
    Element,
    Feed,
    KeyValue,
    Qr,
    Rule,
    Style,
    Text,
)
from drivers.printer.profile import PaperWidth

_CENTER = Style(align=Align.CENTER)
_TITLE = Style(align=Align.CENTER, bold=True, width=1, height=2)
_HEADING = Style(align=Align.CENTER, bold=True, width=2, height=2)
FOLLOW_NOTE = "可凭此编号在进度查询中查看处理情况"
_KINDS = {"complaint": "投诉", "suggestion": "建议"}


@dataclass(frozen=True, slots=True)
class ComplaintSlip:
    hall_name: str
    reference: str
    kind: str  # contract.models.ComplaintKind value
    about: str  # contract.models.ComplaintAbout value
    subject: str | None  # the window's code, the clerk's staff number, the item's code
    subject_name: str  # the window's or item's name as the hub knows it ("" for a clerk)
    submitted_at: datetime
    hotline: str


def about_words(about: str, subject: str | None, subject_name: str) -> str:
    """What a complaint is about, in the slip's words."""
    if about == "window":
        return f"窗口 {subject_name}（{subject}）" if subject_name else f"窗口 {subject}"
    if about == "clerk":
        return f"工作人员 工号 {subject}"
    if about == "item":
        return f"办理事项 {subject_name or subject}"
    return "服务大厅整体"


def complaint_slip(slip: ComplaintSlip, paper: PaperWidth) -> Document:
    elements: list[Element] = [
        Text(slip.hall_name, _TITLE),
        Text("投诉建议回执", _HEADING),
        Rule(),
        Text("编号", _CENTER),
        Text(slip.reference, _TITLE),
        KeyValue("类型", _KINDS.get(slip.kind, slip.kind)),
        KeyValue("关于", about_words(slip.about, slip.subject, slip.subject_name)),
        KeyValue("提交日期", f"{slip.submitted_at:%Y-%m-%d %H:%M}"),
        Rule(),
        Feed(),
        Qr(slip.reference, module=5 if paper is PaperWidth.MM58 else 6),
        Feed(),  # the quiet zone the scanner needs below the code
        Text(FOLLOW_NOTE, _CENTER),
        Rule(),
        Text(f"政务服务便民热线（监督投诉）：{slip.hotline}"),
        Cut(),
    ]
    return Document(paper, tuple(elements))
