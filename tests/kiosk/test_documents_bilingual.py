"""Bilingual slips: a citizen who chose English gets the ticket and the receipt with English
beside or under every Chinese word (the window staff still read the Chinese); personal data
(a name, an address) is printed as it is, masked."""

from __future__ import annotations

import dataclasses
import re

import pytest

from drivers.printer.document import Document, KeyValue, Text
from drivers.printer.encoder import encode
from drivers.printer.profile import PaperWidth, PrinterProfile
from drivers.printer.render import render_escpos
from kiosk.documents import (
    Delivery,
    InEnglish,
    case_receipt,
    queue_ticket,
    sample_receipt,
    sample_ticket,
)

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]{2,}")


def chinese_only(document: Document) -> list[str]:
    """Chinese the slip prints with no English beside it (on its line) or under it (the next
    line). A key-value line's value is data: only its key is the slip's word."""
    elements = list(document.elements)
    left = []
    for index, element in enumerate(elements):
        if isinstance(element, KeyValue):
            text = element.key
        elif isinstance(element, Text):
            text = element.text
        else:
            continue
        if not CJK.search(text) or LATIN.search(text):
            continue
        after = elements[index + 1] if index + 1 < len(elements) else None
        if isinstance(element, Text) and isinstance(after, Text) and LATIN.search(after.text):
            continue
        left.append(text)
    return left


ENGLISH_TICKET = InEnglish(
    hall_name="Gulou District Government Service Centre",
    category="Household registration",
    item="Renewing a resident ID card",
    wait_at="Zone A, ground floor",
    validity="Valid today only.",
)


def full_ticket(english: InEnglish | None) -> Document:
    ticket = dataclasses.replace(
        sample_ticket(), item="居民身份证换领", holder_id="11010519491231002X", english=english
    )
    return queue_ticket(ticket, PaperWidth.MM58)


def full_receipt(english: InEnglish | None, delivery: Delivery) -> Document:
    receipt = dataclasses.replace(
        sample_receipt(delivery), agent_name="李社工", english=english, notice="请妥善保管本回执。"
    )
    return case_receipt(receipt, PaperWidth.MM58)


ENGLISH_RECEIPT = InEnglish(
    hall_name="Gulou District Government Service Centre",
    item="Renewing a resident ID card",
    materials=("Resident ID card, original", "Household register, own page", "Two photos"),
    notice="Keep this receipt.",
)


def test_an_english_ticket_has_english_under_every_chinese_word() -> None:
    assert chinese_only(full_ticket(ENGLISH_TICKET)) == []
    # The same slip for a Chinese-speaking citizen: no English at all.
    plain = full_ticket(None)
    assert len(chinese_only(plain)) > 8
    assert not any("Your number" in str(e) for e in plain.elements)


@pytest.mark.parametrize("delivery", list(Delivery))
def test_an_english_receipt_has_english_under_every_chinese_word(delivery: Delivery) -> None:
    assert chinese_only(full_receipt(ENGLISH_RECEIPT, delivery)) == []
    assert len(chinese_only(full_receipt(None, delivery))) > 8


@pytest.mark.parametrize("paper", list(PaperWidth))
def test_a_bilingual_slip_prints_and_masks_as_the_chinese_one(paper: PaperWidth) -> None:
    receipt = dataclasses.replace(sample_receipt(Delivery.EMS), english=ENGLISH_RECEIPT)
    profile = PrinterProfile(paper=paper)
    job = render_escpos(encode(case_receipt(receipt, paper), profile), paper)
    text = job.transcript
    for words in ("Application receipt", "Renewing a resident ID card", "Two photos", "Code"):
        assert words in text.replace("\n", " ") or words in text
    assert "王小明" not in text and "11010519491231002X" not in text  # masked as ever
    assert "1101**********002X" in text


def test_the_case_journeys_receipt_in_english() -> None:
    from datetime import date, datetime

    from contract.models import DeliveryMethod
    from kiosk.documents import receipt_layout
    from kiosk.journeys.case.service import ReceiptData

    data = ReceiptData(
        number="YM202603020000011",
        provisional=True,
        entry_id="e" * 32,
        item_name="居住证申领",
        item_code="QR00240001-990101-GA",
        applicant_name="张示例",
        applicant_id="11010519491231002X",
        agent_name="李社工",
        materials=("居民身份证", "居住证明"),
        bring=("近期一寸免冠照片",),
        department="示例区公安分局",
        bring_by=date(2026, 3, 9),
        submitted_at=datetime(2026, 3, 2, 9, 30),
        promised_date=date(2026, 3, 23),
        promised_days=15,
        delivery=DeliveryMethod.EMS,
        address="北京市朝阳区示例路1号示例小区",
        tracking_code="YM202603020000011",
        verification_code="K7Q2M9XD",
        item_name_en="Applying for a residence permit",
        materials_en=("Resident ID card", ""),  # none for the second: no line of English
        bring_en=("Recent photo",),
        department_en="Sample District Public Security Sub-bureau",
    )
    chinese = receipt_layout(data, "示例大厅")
    assert chinese.english is None
    assert chinese.notice.startswith(
        "请于2026年03月09日前到窗口（示例区公安分局）提交：近期一寸免冠照片。"
    )
    assert "本件由社区工作人员代办" in chinese.notice and "临时编号" in chinese.notice
    receipt = receipt_layout(data, "示例大厅", hall_name_en="Sample Hall", english=True)
    english = receipt.english
    assert english is not None
    printed = case_receipt(receipt, PaperWidth.MM80)
    assert chinese_only(printed) == ["2. 居住证明"]  # the only word the catalog left Chinese
    assert not any(isinstance(e, Text) and e.text.strip() == "" for e in printed.elements)
    assert english.notice.startswith(
        "Please bring to the window (Sample District Public Security Sub-bureau) by "
        "2026-03-09: Recent photo."
    )
    assert "community worker" in english.notice and "Provisional number" in english.notice
