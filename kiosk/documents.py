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

_PLAIN = Style()
_CENTER = Style(align=Align.CENTER)
_TITLE = Style(align=Align.CENTER, bold=True, width=1, height=2)
_HEADING = Style(align=Align.CENTER, bold=True, width=2, height=2)
NUMBER_DOTS = {PaperWidth.MM58: 96, PaperWidth.MM80: 120}  # the big number's height: 12-15 mm

# A citizen who chose English gets a bilingual slip: the Chinese the window staff read, and the
# English beside it or under it. The slips' own words:
PAPER_EN = {
    "您的号码": "Your number",
    "办理事项": "Item",
    "实名取号": "Real-name",
    "扫码查看排队进度": "Scan to follow the queue",
    "取号时间": "Taken",
    "咨询电话": "Hotline",
    "请留意叫号屏幕和语音提示。": "Watch the calling screen and listen for your number.",
    "受理回执": "Application receipt",
    "办件编号": "Case no.",
    "事项名称": "Item",
    "事项编码": "Item code",
    "申请人": "Applicant",
    "证件号码": "ID no.",
    "代办人": "Submitted by",
    "受理时间": "Received",
    "已收材料：": "Documents received:",
    "（无）": "(none)",
    "承诺办结": "Done by",
    "送达方式": "Result by",
    "申请单位": "Company",
    "信用代码": "Credit code",
    "经办人": "Agent",
    "邮寄地址": "Address",
    "EMS 邮寄": "post (EMS)",
    "电子送达": "electronic",
    "窗口领取": "collect at the window",
    "扫码查询办理进度": "Scan to follow your application",
    "验证码": "Code",
    "（查询进度、评价服务时核对用）": "(asked when you check progress or rate the service)",
}


@dataclass(frozen=True, slots=True)
class InEnglish:
    """The English a bilingual slip prints beside its Chinese: the data's own English (the
    hall's name, the queue, the item...) where it has one; the slip's words come from
    ``PAPER_EN``."""

    hall_name: str = ""
    category: str = ""  # a ticket's queue
    item: str = ""
    wait_at: str = ""
    validity: str = ""
    materials: tuple[str, ...] = ()  # a receipt's, in the order of its Chinese list
    notice: str = ""


def _label(zh: str, english: InEnglish | None) -> str:
    """A slip's own word, with its English beside it on a bilingual slip."""
    return f"{zh} {PAPER_EN[zh]}" if english is not None else zh


def _lines(zh: str, en: str, english: InEnglish | None, style: Style = _PLAIN) -> list[Text]:
    """A line, and on a bilingual slip its English under it (when there is English)."""
    return [Text(zh, style)] + ([Text(en, style)] if english is not None and en else [])


TICKET_NOTICE = "请留意叫号屏幕和语音提示。"
RECEIPT_NOTICE = "请妥善保管本回执，凭回执或扫码查询办理进度。"


@dataclass(frozen=True, slots=True)
class QueueTicket:
    hall_name: str
    number: str  # "A023"
    category: str  # item or category, e.g. "户籍业务"
    waiting_ahead: int
    issued_at: datetime
    follow_url: str  # QR: follow the queue on a phone
    notice: str = TICKET_NOTICE
    item: str = ""  # 取号 by item: the 事项 the citizen came for, printed under the queue
    holder_id: str = ""  # real-name 取号: the holder's ID number, printed masked
    estimated_wait_minutes: int | None = None
    wait_at: str = ""  # where this queue waits (the hall's config), e.g. "二楼 B 区"
    validity: str = ""  # e.g. "本号当日有效，过号请重新取号"
    hotline: str = ""
    english: InEnglish | None = None  # the citizen chose English: a bilingual slip


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
    # A company's case (法人): the company applies, ``applicant_*`` are its agent's (经办人).
    company_name: str = ""
    company_uscc: str = ""  # printed masked
    notice: str = RECEIPT_NOTICE
    english: InEnglish | None = None  # the citizen chose English: a bilingual slip

    def __post_init__(self) -> None:
        if self.delivery is Delivery.EMS and not self.ems_address.strip():
            raise ValueError("an EMS delivery needs an address")


def queue_ticket(ticket: QueueTicket, paper: PaperWidth) -> Document:
    estimate = ticket.estimated_wait_minutes
    en = ticket.english
    ahead = ticket.waiting_ahead
    elements: list[Element] = [
        *_lines(ticket.hall_name, en.hall_name if en else "", en, _TITLE),
        Rule(),
        Text(_label("您的号码", en), _CENTER),
        # Drawn, not the printer's 4x font: that one multiplies 24-dot blocks into a jagged
        # number. The number is in the text under the QR code too.
        Picture(text_picture(ticket.number, NUMBER_DOTS[paper])),
        Text(ticket.category, _HEADING),
        *([Text(en.category, _TITLE)] if en and en.category else []),
        *(
            _lines(f"办理事项：{ticket.item}", f"Item: {en.item if en else ''}", en, _CENTER)
            if ticket.item
            else []
        ),
        *(
            [Text(f"{_label('实名取号', en)}：{mask_id(ticket.holder_id)}", _CENTER)]
            if ticket.holder_id
            else []
        ),
        Feed(),
        *_lines(f"您前面还有 {ahead} 人等候", f"{ahead} ahead of you", en, _CENTER),
        *(
            _lines(f"预计等候约 {estimate} 分钟", f"About {estimate} min to wait", en, _CENTER)
            if estimate
            else []
        ),
        *(
            _lines(
                f"请到 {ticket.wait_at} 等候叫号",
                f"Please wait at {en.wait_at or ticket.wait_at}" if en else "",
                en,
                _TITLE,
            )
            if ticket.wait_at
            else []
        ),
        Feed(),
        Qr(ticket.follow_url, module=5 if paper is PaperWidth.MM58 else 6),
        Feed(),  # the quiet zone a phone camera needs below the code
        Text(_label("扫码查看排队进度", en), _CENTER),
        Text(
            f"{ticket.number}  {_label('取号时间', en)}：{ticket.issued_at:%Y-%m-%d %H:%M}",
            _CENTER,
        ),
        Rule(),
        *_lines(ticket.notice, PAPER_EN.get(ticket.notice, ""), en),
        *(_lines(ticket.validity, en.validity if en else "", en) if ticket.validity else []),
        *([Text(f"{_label('咨询电话', en)}：{ticket.hotline}")] if ticket.hotline else []),
        Cut(),
    ]
    return Document(paper, tuple(elements))


_DELIVERY_WORDS = {"ems": "EMS 邮寄", "electronic": "电子送达", "window": "窗口领取"}


def case_receipt(receipt: CaseReceipt, paper: PaperWidth) -> Document:
    en = receipt.english
    delivery: list[Element] = [
        KeyValue(_label("送达方式", en), _label(_DELIVERY_WORDS[receipt.delivery.value], en))
    ]
    if receipt.delivery is Delivery.EMS:
        delivery.append(KeyValue(_label("邮寄地址", en), mask_address(receipt.ems_address)))
    agent: list[Element] = (
        [KeyValue(_label("代办人", en), mask_name(receipt.agent_name))]
        if receipt.agent_name
        else []
    )
    materials_en = en.materials if en else ()
    materials: list[Element] = [
        line
        for index, name in enumerate(receipt.materials, start=1)
        for line in _lines(
            f"{index}. {name}",
            f"   {materials_en[index - 1]}"
            if index <= len(materials_en) and materials_en[index - 1]
            else "",
            en,
        )
    ] or [Text(_label("（无）", en))]
    promised = f"{receipt.promised_date:%Y年%m月%d日}（{receipt.promised_days}个工作日）"
    if en is not None:
        promised += f" {receipt.promised_date:%Y-%m-%d} ({receipt.promised_days} working days)"
    elements: list[Element] = [
        *_lines(receipt.hall_name, en.hall_name if en else "", en, _TITLE),
        Text("受理回执", _HEADING),
        *([Text(PAPER_EN["受理回执"], _TITLE)] if en else []),
        Rule(),
        KeyValue(_label("办件编号", en), receipt.case_number, bold=True),
        KeyValue(_label("事项名称", en), receipt.item_name),
        *([Text(en.item)] if en and en.item else []),
        KeyValue(_label("事项编码", en), receipt.item_code),
        *(
            [
                KeyValue(_label("申请单位", en), receipt.company_name),
                KeyValue(_label("信用代码", en), mask_id(receipt.company_uscc)),
            ]
            if receipt.company_uscc
            else []
        ),
        KeyValue(
            _label("经办人" if receipt.company_uscc else "申请人", en),
            mask_name(receipt.applicant_name),
        ),
        KeyValue(_label("证件号码", en), mask_id(receipt.applicant_id)),
        *agent,
        KeyValue(_label("受理时间", en), f"{receipt.accepted_at:%Y-%m-%d %H:%M}"),
        Text(_label("已收材料：", en)),
        *materials,
        KeyValue(_label("承诺办结", en), promised),
        *delivery,
        Rule(),
        Feed(),
        Qr(receipt.track_url, module=4 if paper is PaperWidth.MM58 else 5),
        Feed(),
        Text(_label("扫码查询办理进度", en), _CENTER),
        Text(
            f"{_label('验证码', en)}：{receipt.verification_code}",
            Style(align=Align.CENTER, bold=True),
        ),
        Text(_label("（查询进度、评价服务时核对用）", en), _CENTER),
        Rule(),
        *_lines(receipt.notice, en.notice if en else "", en),
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
NOTICES_EN = {
    RECEIPT_NOTICE: "Keep this receipt: with it, or by scanning its code, you can follow your "
    "application.",
    PROVISIONAL_NOTICE: "Provisional number: the application is uploaded when the network is "
    "back; its case number can then be found with your ID number. The date is an estimate.",
    AGENT_NOTICE: "Submitted for you by a community worker.",
}


def _bring_notice(data: ReceiptData) -> tuple[str, str]:
    """What is still to be brought, by when and to whose window: (Chinese, English)."""
    if not data.bring:
        return "", ""
    where = f"（{data.department}）" if data.department else ""
    chinese = (
        f"请于{data.bring_by:%Y年%m月%d日}前到窗口{where}提交：" + "、".join(data.bring) + "。"
    )
    names, department = data.still_to_bring(english=True)
    place = f" ({department})" if department else ""
    english = f"Please bring to the window{place} by {data.bring_by:%Y-%m-%d}: " + "; ".join(names)
    return chinese, english + "."


def receipt_layout(
    data: ReceiptData, hall_name: str, *, hall_name_en: str = "", english: bool = False
) -> CaseReceipt:
    """The receipt of ``data``; bilingual when the citizen chose ``english``."""
    parts = [
        *([AGENT_NOTICE] if data.agent_name else []),
        *([PROVISIONAL_NOTICE] if data.provisional else []),
        RECEIPT_NOTICE,
    ]
    bring, bring_en = _bring_notice(data)
    in_english = None
    if english:
        in_english = InEnglish(
            hall_name=hall_name_en,
            item=data.item_name_en,
            materials=data.materials_en,  # "" where the catalog has none: no second line
            notice=" ".join([bring_en] * bool(bring_en) + [NOTICES_EN[part] for part in parts]),
        )
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
        company_name=data.company_name,
        company_uscc=data.company_uscc,
        notice=bring + "".join(parts),
        english=in_english,
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
