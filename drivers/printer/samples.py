"""Sample documents: the self-test page and demo data for ``kiosk print`` and the benches.

The demo people are fictitious; the ID number is the public GB 11643 example.
"""

from __future__ import annotations

from datetime import date, datetime

from drivers.printer.document import Align, Cut, Document, Element, Feed, Qr, Rule, Style, Text
from drivers.printer.layouts import CaseReceipt, Delivery, QueueTicket
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


def sample_ticket() -> QueueTicket:
    return QueueTicket(
        hall_name="南京市鼓楼区政务服务中心",
        number="A023",
        category="户籍业务",
        waiting_ahead=5,
        issued_at=datetime(2026, 11, 27, 9, 30),
        follow_url="https://yimen.example.cn/q/A023?hall=320106",
    )


def sample_receipt(delivery: Delivery = Delivery.EMS) -> CaseReceipt:
    return CaseReceipt(
        hall_name="南京市鼓楼区政务服务中心",
        case_number="320106-20261127-0001",
        item_name="居民身份证换领（到期换领、损坏换领），含异地受理",
        item_code="11320106MB1234567X4000117004000",
        applicant_name="王小明",
        applicant_id="11010519491231002X",
        materials=("居民身份证原件 1 份", "户口簿原件（本人页）1 份", "近期免冠照片 2 张"),
        accepted_at=datetime(2026, 11, 27, 10, 5),
        promised_date=date(2026, 12, 11),
        promised_days=10,
        delivery=delivery,
        ems_address="江苏省南京市鼓楼区中山北路 100 号某某小区 12 栋 502 室"
        if delivery is Delivery.EMS
        else "",
        track_url="https://yimen.example.cn/c/320106-20261127-0001",
        verification_code="7K3Q-92XD",
    )


def paper_for(columns: int) -> PaperWidth:
    return PaperWidth.MM58 if columns <= 32 else PaperWidth.MM80
