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
