"""Sample documents: the self-test page and demo data for ``kiosk print`` and the benches.

The demo people are fictitious; the ID number is the public GB 11643 example.
"""

from __future__ import annotations

from drivers.printer.document import Align, Cut, Document, Element, Feed, Qr, Rule, Style, Text
from drivers.printer.profile import PaperWidth, PrinterProfile

ALL_PUNCTUATION = "，。：；！？（）《》“”、—…￥"


def ruler(columns: int) -> str:
    """``----+----1----+----2...`` exactly ``columns`` wide: where does the paper end?"""
    marks = []
    for column in range(1, columns + 1):
        marks.append(
            str(column // 10 % 10) if column % 10 == 0 else "+" if column % 5 == 0 else "-"
        )
    return "".join(marks)


def self_test_page(profile: PrinterProfile) -> Document:
    paper = profile.paper
    elements: list[Element] = [
        Text("打印机自检页", Style(align=Align.CENTER, bold=True, width=2, height=2)),
        Text("一门通 Yimen self-test", Style(align=Align.CENTER)),
        Rule(),
        Text(f"纸宽 {paper.value}：{paper.columns} 列，{paper.dots} 点"),
        Text(
            f"编码 {profile.encoding.value}，二维码 {profile.qr.value}，"
            f"切刀 {'有' if profile.cutter else '无'}"
        ),
        Text("58mm 标尺（32 列）："),
        Text(ruler(32)),
        Text("80mm 标尺（48 列，58mm 纸上折行）："),
        Text(ruler(48)),
        Text("中文：政务服务一网通办，一门受理、一窗综办。"),
        Text(f"标点：{ALL_PUNCTUATION}"),
        Text("ASCII: 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz !#%&*+-=/?@"),
        Text("加粗 Bold", Style(bold=True)),
        Text("倍高 Tall", Style(height=2)),
        Text("倍宽 Wide", Style(width=2)),
        Text("右对齐 right", Style(align=Align.RIGHT)),
        Feed(),
        Qr("https://yimen.example.cn/selftest?二维码=测试", module=5),
        Feed(),
        Text("扫描上方二维码应得到自检网址", Style(align=Align.CENTER)),
        Rule(),
        Cut(),
    ]
    return Document(paper, tuple(elements))


def paper_for(columns: int) -> PaperWidth:
    return PaperWidth.MM58 if columns <= 32 else PaperWidth.MM80
