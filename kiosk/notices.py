"""What a decision's notice says: 受理通知书, 一次性告知书 (补正) and 不予受理告知书.

The hub answers each decision with a :class:`~contract.models.Notice` (the facts); this module
words it, once, in two shapes:

- :func:`notice_layout`: the A4 notice as a renderer-independent :class:`NoticeLayout` — the
  issuing hall, title, number, a table of the case's facts, the letter to the applicant (the
  numbered list of every material to supply, the legal basis, the deadline, the right to review
  on a rejection), the clerk and window, the date with the seal area, and the applicant's
  signature line. ``ui`` draws it as a PDF; the applicant's name is in full (the paper is
  handed to them).
- :func:`notice_slip`: the short version for the receipt printer, when the window has no A4
  printer, as a :class:`~drivers.printer.document.Document`; the name masked like every slip.

一次性告知 (行政许可法 §32): everything to supply is told at once, in one notice, with the date by
which to supply it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from contract.models import Notice, NoticeKind, NoticeLine
from contract.privacy import mask_name
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

TITLES = {
    NoticeKind.ACCEPTANCE: "受理通知书",
    NoticeKind.SUPPLEMENT: "一次性告知书",
    NoticeKind.REJECTION: "不予受理告知书",
}
SUBTITLES = {NoticeKind.SUPPLEMENT: "（补正申请材料）"}

LICENSING_LAW = "《中华人民共和国行政许可法》"
SUPPLEMENT_BASIS = LICENSING_LAW + "第三十二条第一款第（四）项"
ACCEPTANCE_BASIS = LICENSING_LAW + "第三十二条第一款第（五）项"
REVIEW_RIGHTS = (
    "如对本决定不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)
SEAL = "（盖章）"
SIGN_FIELDS = ("申请人签收", "签收日期")  # each a label with a blank line to write on


def chinese_date(day: date) -> str:
    """2026年12月4日: the way an official document writes a date (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def _local(moment: datetime) -> datetime:
    return moment.astimezone() if moment.tzinfo is not None else moment


def _sentence(text: str) -> str:
    """Free text set into a sentence: trimmed, without its own closing stop."""
    return text.strip().rstrip("。.；;，, ")


def _basis(text: str, default: str) -> str:
    """``根据…的规定``: the rule as written, without a trailing 的规定 of its own."""
    basis = _sentence(text) or default
    return re.sub(r"(的)?规定$", "", basis)


def line_text(line: NoticeLine) -> str:
    """One entry of the 补正 list: the material, then what is missing or wrong with it."""
    reason = _sentence(line.reason)
    return f"{line.name.strip()}：{reason}" if reason else line.name.strip()


# -- the A4 notice


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class NumberedList:
    items: tuple[str, ...]


Block = Paragraph | NumberedList


@dataclass(frozen=True, slots=True)
class NoticeLayout:
    """Everything the printed page says, in reading order; the renderer only places it."""

    kind: NoticeKind
    issuer: str  # the hall, above the title and beside the seal
    title: str
    subtitle: str
    number: str  # 编号：…
    facts: tuple[tuple[str, str], ...]  # the case at a glance: label, value
    addressee: str  # 王小明：
    body: tuple[Block, ...]
    clerk: str  # 经办人：张三（工号 S001）
    window: str  # 受理窗口：W01 综合受理一号窗
    issued_on: str  # 2026年11月27日
    seal: str = SEAL
    sign_fields: tuple[str, ...] = SIGN_FIELDS

    @property
    def file_name(self) -> str:
        """A name for the PDF (CUPS shows it as the job's title)."""
        return f"{self.title}-{self.number.removeprefix('编号：')}.pdf"

    def text(self) -> str:
        """The page's words in reading order, one block a line (what a reader of the PDF gets)."""
        lines = [self.issuer, self.title, self.subtitle, self.number]
        lines += [f"{label}：{value}" for label, value in self.facts]
        lines.append(self.addressee)
        for block in self.body:
            if isinstance(block, Paragraph):
                lines.append(block.text)
            else:
                lines += [f"{n}. {item}" for n, item in enumerate(block.items, start=1)]
        lines += [self.clerk, self.window, self.issuer + self.seal, self.issued_on]
        lines.append("　".join(f"{label}：________" for label in self.sign_fields))
        return "\n".join(line for line in lines if line) + "\n"


def notice_layout(
    notice: Notice, hall_name: str, *, applied_at: datetime | date | None = None
) -> NoticeLayout:
    """The A4 notice. ``applied_at``: when the case was submitted (the letter then says 您于…申请);
    the notice itself does not carry it."""
    return NoticeLayout(
        kind=notice.kind,
        issuer=hall_name,
        title=TITLES[notice.kind],
        subtitle=SUBTITLES.get(notice.kind, ""),
        number=f"编号：{notice.notice_number}",
        facts=(
            ("申请人", notice.applicant_name),
            ("证件号码", notice.applicant_id_masked),
            ("申请事项", notice.item_name),
            ("事项编码", notice.item_code),
            ("办件编号", notice.case_number),
        ),
        addressee=f"{notice.applicant_name.strip()}：",
        body=_body(notice, hall_name, applied_at),
        clerk=f"经办人：{notice.staff_name}（工号 {notice.staff_no}）",
        window=f"受理窗口：{_window(notice)}",
        issued_on=chinese_date(_local(notice.issued_at).date()),
    )


def _window(notice: Notice) -> str:
    name = notice.counter_name.strip()
    if not name or name == notice.counter_code:
        return notice.counter_code
    return f"{notice.counter_code} {name}"


def _applied(notice: Notice, applied_at: datetime | date | None) -> str:
    item = f"“{notice.item_name}”"
    if applied_at is None:
        return f"您申请的{item}事项"
    day = _local(applied_at).date() if isinstance(applied_at, datetime) else applied_at
    return f"您于{chinese_date(day)}申请的{item}事项"


def _body(notice: Notice, hall_name: str, applied_at: datetime | date | None) -> tuple[Block, ...]:
    applied = _applied(notice, applied_at)
    note = (Paragraph(f"备注：{notice.note.strip()}"),) if notice.note.strip() else ()
    if notice.kind is NoticeKind.SUPPLEMENT:
        deadline = (
            f"请于{chinese_date(notice.deadline)}前" if notice.deadline else "请尽快"
        ) + f"携带本告知书和上述材料到{hall_name}窗口补正。"
        return (
            Paragraph(
                f"{applied}，经审查，申请材料不齐全或者不符合法定形式。根据"
                f"{_basis(notice.legal_basis, SUPPLEMENT_BASIS)}的规定，"
                f"现一次性告知您需要补正的全部内容如下："
            ),
            NumberedList(tuple(line_text(line) for line in notice.lines)),
            Paragraph(
                deadline + "补正的材料齐全、符合法定形式的，将依法受理您的申请；"
                "逾期未补正的，视为撤回申请。"
            ),
            *note,
        )
    if notice.kind is NoticeKind.ACCEPTANCE:
        promise: tuple[Block, ...] = ()
        if notice.due_date is not None:
            days = f"{notice.promised_days}个工作日，" if notice.promised_days else ""
            promise = (
                Paragraph(
                    f"本事项承诺办结时限为{days}预计于{chinese_date(notice.due_date)}前办结。"
                    "您可凭本通知书或办件编号查询办理进度。"
                ),
            )
        return (
            Paragraph(
                f"{applied}，经审查，申请事项属于本机关职权范围，申请材料齐全、符合法定形式。"
                f"根据{_basis(notice.legal_basis, ACCEPTANCE_BASIS)}的规定，决定予以受理。"
            ),
            *promise,
            *note,
        )
    return (
        Paragraph(
            f"{applied}，经审查，{_sentence(notice.reason)}。根据"
            f"{_basis(notice.legal_basis, LICENSING_LAW + '第三十二条')}的规定，决定不予受理。"
        ),
        Paragraph(REVIEW_RIGHTS),
        *note,
    )


# -- the slip for the receipt printer

_TITLE = Style(align=Align.CENTER, bold=True, width=1, height=2)
_HEADING = Style(align=Align.CENTER, bold=True, width=2, height=2)
_CENTER = Style(align=Align.CENTER)

SLIP_NOTICE = "请妥善保管本凭条。"
SLIP_SUPPLEMENT_NOTICE = "补正时请携带本凭条和上述材料。"
SLIP_REVIEW_RIGHTS = "如不服本决定，可于六十日内申请行政复议或六个月内提起行政诉讼。"


def notice_slip(notice: Notice, hall_name: str, paper: PaperWidth) -> Document:
    """The notice, short, on the receipt printer; the applicant's name masked."""
    issued = _local(notice.issued_at)
    decision: list[Element]
    if notice.kind is NoticeKind.SUPPLEMENT:
        decision = [
            Text("经审查，请补正以下全部材料："),
            *[Text(f"{n}. {line_text(line)}") for n, line in enumerate(notice.lines, start=1)],
        ]
        if notice.deadline is not None:
            decision.append(KeyValue("补正期限", f"{chinese_date(notice.deadline)}前", bold=True))
        decision.append(Text(f"依据：{_basis(notice.legal_basis, SUPPLEMENT_BASIS)}"))
    elif notice.kind is NoticeKind.ACCEPTANCE:
        decision = [Text("经审查，决定予以受理。")]
        if notice.promised_days:
            decision.append(KeyValue("承诺时限", f"{notice.promised_days}个工作日"))
        if notice.due_date is not None:
            decision.append(KeyValue("预计办结", chinese_date(notice.due_date)))
    else:
        decision = [
            Text("经审查，决定不予受理。"),
            Text(f"理由：{_sentence(notice.reason)}。"),
            Text(f"依据：{_basis(notice.legal_basis, LICENSING_LAW + '第三十二条')}"),
            Text(SLIP_REVIEW_RIGHTS),
        ]
    if notice.note.strip():
        decision.append(Text(f"备注：{notice.note.strip()}"))
    closing = SLIP_SUPPLEMENT_NOTICE if notice.kind is NoticeKind.SUPPLEMENT else ""
    elements: list[Element] = [
        Text(hall_name, _TITLE),
        Text(TITLES[notice.kind], _HEADING),
        Rule(),
        KeyValue("编号", notice.notice_number),
        KeyValue("办件编号", notice.case_number, bold=True),
        KeyValue("申请事项", notice.item_name),
        KeyValue("事项编码", notice.item_code),
        KeyValue("申请人", mask_name(notice.applicant_name)),
        KeyValue("证件号码", notice.applicant_id_masked),
        Rule(),
        *decision,
        Rule(),
        KeyValue("经办人", f"{notice.staff_name}（{notice.staff_no}）"),
        KeyValue("窗口", _window(notice)),
        KeyValue("告知时间", f"{issued:%Y-%m-%d %H:%M}"),
        Feed(),
        Text(closing + SLIP_NOTICE, _CENTER),
        Cut(),
    ]
    return Document(paper, tuple(elements))


# Demo data for the benches, the technician's test print and the tour (fictitious people; the
# ID number is the public GB 11643 example, masked as the hub sends it).


def sample_notice(kind: NoticeKind = NoticeKind.SUPPLEMENT) -> Notice:
    notice = Notice(
        notice_number="SL-20261127-0001",
        kind=NoticeKind.ACCEPTANCE,
        case_number="320106-20261127-0001",
        item_code="11320106MB1234567X4000117004000",
        item_name="居民身份证换领",
        applicant_name="王小明",
        applicant_id_masked="1101**********002X",
        due_date=date(2026, 12, 11),
        promised_days=10,
        issued_at=datetime(2026, 11, 27, 10, 5),
        staff_no="S001",
        staff_name="张晓红",
        counter_code="W01",
        counter_name="综合受理一号窗",
    )
    if kind is NoticeKind.SUPPLEMENT:
        return notice.model_copy(
            update={
                "notice_number": "BZ-20261127-0001",
                "kind": kind,
                "lines": [
                    NoticeLine(code="hukou", name="居民户口簿（本人页）", reason="未提供原件"),
                    NoticeLine(code="photo", name="近期免冠证件照片", reason="照片背景不符合要求"),
                    NoticeLine(name="原居民身份证", reason="证件已损坏，需交回原证"),
                ],
                "deadline": date(2026, 12, 4),
                "due_date": None,
                "promised_days": None,
                "note": "补正材料可由本人或受托人送达。",
            }
        )
    if kind is NoticeKind.REJECTION:
        return notice.model_copy(
            update={
                "notice_number": "BY-20261127-0001",
                "kind": kind,
                "due_date": None,
                "promised_days": None,
                "reason": "申请人户籍不在本区，申请事项不属于本机关职权范围",
                "legal_basis": LICENSING_LAW + "第三十二条第一款第（二）项",
                "note": "请向户籍所在地公安机关户政窗口申请。",
            }
        )
    return notice
