"""What a hall's slips say: the queue ticket (排队凭条) and the case receipt (受理回执), as
documents of the printer's model (``drivers.printer`` turns them into bytes and sends them).

Personal data on paper is masked as on screen (GB/T 35273): a receipt left on the counter must
not give away who applied or where they live.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime

from contract.models import DeliveryMethod
from contract.privacy import mask_address, mask_id, mask_name
from drivers.printer.document import (
    Align,
    Cut,
    Document,
    Element,
    Feed,
    KeyValue,
    Picture,
    Qr,
    Rule,
    Style,
    Text,
)
from drivers.printer.profile import PaperWidth
from drivers.printer.raster import text_picture
from kiosk.journeys.case.service import ReceiptData

_CENTER = Style(align=Align.CENTER)
_TITLE = Style(align=Align.CENTER, bold=True, width=1, height=2)
_HEADING = Style(align=Align.CENTER, bold=True, width=2, height=2)
NUMBER_DOTS = {PaperWidth.MM58: 96, PaperWidth.MM80: 120}  # the big number's height: 12-15 mm


@dataclass(frozen=True, slots=True)
class QueueTicket:
    hall_name: str
    number: str  # "A023"
    category: str  # item or category, e.g. "户籍业务"
    waiting_ahead: int
    issued_at: datetime
    follow_url: str  # QR: follow the queue on a phone
    notice: str = "请留意叫号屏幕和语音提示。"
    item: str = ""  # 取号 by item: the 事项 the citizen came for, printed under the queue
    holder_id: str = ""  # real-name 取号: the holder's ID number, printed masked
    estimated_wait_minutes: int | None = None
    wait_at: str = ""  # where this queue waits (the hall's config), e.g. "二楼 B 区"
    validity: str = ""  # e.g. "本号当日有效，过号请重新取号"
    hotline: str = ""


class Delivery(enum.Enum):
    WINDOW = "window"  # 窗口领取
    EMS = "ems"  # EMS 邮寄
    ELECTRONIC = "electronic"  # 电子送达 (download or e-licence)


@dataclass(frozen=True, slots=True)
class CaseReceipt:
    hall_name: str
    case_number: str
    item_name: str
    item_code: str
    applicant_name: str  # printed masked
    applicant_id: str  # printed masked
    materials: tuple[str, ...]
    accepted_at: datetime
    promised_date: date  # 承诺办结日期
    promised_days: int  # 承诺时限, working days
    delivery: Delivery
    track_url: str
    verification_code: str
    ems_address: str = ""  # printed masked; required for EMS
    agent_name: str = ""  # 代办: the community worker who submitted for the applicant (masked)
    notice: str = "请妥善保管本回执，凭回执或扫码查询办理进度。"

    def __post_init__(self) -> None:
        if self.delivery is Delivery.EMS and not self.ems_address.strip():
            raise ValueError("an EMS delivery needs an address")


def queue_ticket(ticket: QueueTicket, paper: PaperWidth) -> Document:
    estimate = ticket.estimated_wait_minutes
    elements: list[Element] = [
        Text(ticket.hall_name, _TITLE),
        Rule(),
        Text("您的号码", _CENTER),
        # Drawn, not the printer's 4x font: that one multiplies 24-dot blocks into a jagged
        # number. The number is in the text under the QR code too.
        Picture(text_picture(ticket.number, NUMBER_DOTS[paper])),
        Text(ticket.category, _HEADING),
        *([Text(f"办理事项：{ticket.item}", _CENTER)] if ticket.item else []),
        *([Text(f"实名取号：{mask_id(ticket.holder_id)}", _CENTER)] if ticket.holder_id else []),
        Feed(),
        Text(f"您前面还有 {ticket.waiting_ahead} 人等候", _CENTER),
        *([Text(f"预计等候约 {estimate} 分钟", _CENTER)] if estimate else []),
        *([Text(f"请到 {ticket.wait_at} 等候叫号", _TITLE)] if ticket.wait_at else []),
        Feed(),
        Qr(ticket.follow_url, module=5 if paper is PaperWidth.MM58 else 6),
        Feed(),  # the quiet zone a phone camera needs below the code
        Text("扫码查看排队进度", _CENTER),
        Text(f"{ticket.number}  取号时间：{ticket.issued_at:%Y-%m-%d %H:%M}", _CENTER),
        Rule(),
        Text(ticket.notice),
        *([Text(ticket.validity)] if ticket.validity else []),
        *([Text(f"咨询电话：{ticket.hotline}")] if ticket.hotline else []),
        Cut(),
    ]
    return Document(paper, tuple(elements))


def case_receipt(receipt: CaseReceipt, paper: PaperWidth) -> Document:
    if receipt.delivery is Delivery.EMS:
        delivery: list[Element] = [
            KeyValue("送达方式", "EMS 邮寄"),
            KeyValue("邮寄地址", mask_address(receipt.ems_address)),
        ]
    elif receipt.delivery is Delivery.ELECTRONIC:
        delivery = [KeyValue("送达方式", "电子送达")]
    else:
        delivery = [KeyValue("送达方式", "窗口领取")]
    agent: list[Element] = (
        [KeyValue("代办人", mask_name(receipt.agent_name))] if receipt.agent_name else []
    )
    materials: list[Element] = [
        Text(f"{index}. {name}") for index, name in enumerate(receipt.materials, start=1)
    ] or [Text("（无）")]
    elements: list[Element] = [
        Text(receipt.hall_name, _TITLE),
        Text("受理回执", _HEADING),
        Rule(),
        KeyValue("办件编号", receipt.case_number, bold=True),
        KeyValue("事项名称", receipt.item_name),
        KeyValue("事项编码", receipt.item_code),
        KeyValue("申请人", mask_name(receipt.applicant_name)),
        KeyValue("证件号码", mask_id(receipt.applicant_id)),
        *agent,
        KeyValue("受理时间", f"{receipt.accepted_at:%Y-%m-%d %H:%M}"),
        Text("已收材料："),
        *materials,
        KeyValue(
            "承诺办结",
            f"{receipt.promised_date:%Y年%m月%d日}（{receipt.promised_days}个工作日）",
        ),
        *delivery,
        Rule(),
        Feed(),
        Qr(receipt.track_url, module=4 if paper is PaperWidth.MM58 else 5),
        Feed(),
        Text("扫码查询办理进度", _CENTER),
        Text(f"验证码：{receipt.verification_code}", Style(align=Align.CENTER, bold=True)),
        Text("（查询进度、评价服务时核对用）", _CENTER),
        Rule(),
        Text(receipt.notice),
        Cut(),
    ]
    return Document(paper, tuple(elements))


# The case receipt as the case journey fills it in.

_DELIVERY = {
    DeliveryMethod.PICKUP: Delivery.WINDOW,
    DeliveryMethod.EMS: Delivery.EMS,
    DeliveryMethod.ELECTRONIC: Delivery.ELECTRONIC,
}

PROVISIONAL_NOTICE = (
    "临时编号：网络恢复后自动上传，届时可凭证件号查询正式办件编号。承诺日期为估算。"
)
AGENT_NOTICE = "本件由社区工作人员代办。"


def receipt_layout(data: ReceiptData, hall_name: str) -> CaseReceipt:
    notice = "请妥善保管本回执，凭回执或扫码查询办理进度。"
    if data.provisional:
        notice = PROVISIONAL_NOTICE + notice
    if data.bring:
        where = f"（{data.department}）" if data.department else ""
        notice = f"请到窗口{where}提交：" + "、".join(data.bring) + "。" + notice
    if data.agent_name:
        notice = AGENT_NOTICE + notice
    return CaseReceipt(
        hall_name=hall_name,
        case_number=data.number,
        item_name=data.item_name,
        item_code=data.item_code,
        applicant_name=data.applicant_name,
        applicant_id=data.applicant_id,
        materials=data.materials,
        accepted_at=data.submitted_at,
        promised_date=data.promised_date,
        promised_days=data.promised_days,
        delivery=_DELIVERY[data.delivery],
        track_url=data.tracking_code,
        verification_code=data.verification_code,
        ems_address=data.address,
        agent_name=data.agent_name,
        notice=notice,
    )


# Demo data for ``kiosk print`` and the benches (fictitious people; the ID number is the public
# GB 11643 example).


def sample_ticket() -> QueueTicket:
    return QueueTicket(
        hall_name="南京市鼓楼区政务服务中心",
        number="A023",
        category="户籍业务",
        waiting_ahead=5,
        estimated_wait_minutes=15,
        wait_at="一楼 A 区",
        validity="本号当日有效，过号请重新取号",
        hotline="12345",
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
