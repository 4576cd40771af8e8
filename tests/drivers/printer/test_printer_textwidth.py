"""Wrapping and layouts never overflow a line (hypothesis), counting CJK as two columns."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.printer.encoder import encode
from drivers.printer.profile import PaperWidth, PrinterProfile
from drivers.printer.render import render_escpos
from drivers.printer.textwidth import clean, width, wrap
from kiosk.documents import CaseReceipt, Delivery, QueueTicket, case_receipt, queue_ticket

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCT = st.sampled_from(list("，。：；！？（）《》、￥ "))
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
ANY = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(st.one_of(CJK, PUNCT, ASCII), max_size=300) | st.text(ANY, max_size=120)
PAPERS = st.sampled_from(list(PaperWidth))


def test_width_counts_cjk_as_two() -> None:
    assert width("A中，") == 5
    assert wrap("中文" * 20, 32) == ["中文" * 8, "中文" * 8, "中文" * 4]


def test_words_break_at_spaces_and_punctuation_stays_off_line_starts() -> None:
    assert wrap("hello world again", 12) == ["hello world", "again"]
    assert wrap("一二三四五六七，八", 14) == ["一二三四五六", "七，八"]


@given(text=TEXT, columns=st.integers(min_value=2, max_value=48))
def test_wrap_never_overflows_and_loses_nothing(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == clean(text).replace("\n", "").replace(" ", "")


@settings(max_examples=40, deadline=None)
@given(
    item=TEXT,
    address=TEXT,
    name=st.text(st.one_of(CJK, ASCII), min_size=1, max_size=20),
    paper=PAPERS,
)
def test_receipts_with_random_names_and_addresses_never_overflow(
    item: str, address: str, name: str, paper: PaperWidth
) -> None:
    receipt = CaseReceipt(
        hall_name=item[:30] or "大厅",
        case_number="C-1",
        item_name=item or "事项",
        item_code=address[:40] or "X",
        applicant_name=name,
        applicant_id="11010519491231002X",
        materials=(item, address),
        accepted_at=datetime(2026, 1, 1, 9, 0),
        promised_date=date(2026, 1, 15),
        promised_days=10,
        delivery=Delivery.EMS,
        track_url="https://example.cn/c/1",
        verification_code="AB12",
        ems_address=address if address.strip() else "地址",
        notice=address,
    )
    document = case_receipt(receipt, paper)
    for element in document.elements:
        if hasattr(element, "text") or hasattr(element, "key") or hasattr(element, "char"):
            for line in document.text_lines(element):  # type: ignore[arg-type]
                assert width(line.text) * line.style.width <= paper.columns
    # And the virtual printer agrees: it never had to wrap a line itself.
    job = render_escpos(encode(document, PrinterProfile(paper=paper)), paper)
    assert job.wrapped_lines == 0
    assert job.transcript == document.transcript()


@settings(max_examples=30, deadline=None)
@given(hall=TEXT, category=TEXT, number=st.text(ASCII, min_size=1, max_size=20), paper=PAPERS)
def test_tickets_never_overflow(hall: str, category: str, number: str, paper: PaperWidth) -> None:
    ticket = QueueTicket(
        hall or "大厅",
        number,
        category or "业务",
        3,
        datetime(2026, 1, 1, 9, 0),
        "https://example.cn/q",
        notice=hall,
    )
    document = queue_ticket(ticket, paper)
    job = render_escpos(encode(document, PrinterProfile(paper=paper)), paper)
    assert job.wrapped_lines == 0
    assert job.transcript == document.transcript()
