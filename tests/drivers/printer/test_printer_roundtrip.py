"""Round trip: document -> bytes -> virtual printer -> transcript and paper image.

The transcript must equal the document's own text, the printer must never have to wrap a line
itself, and the QR code on the rendered paper must decode (zxing-cpp) to the intended content.
"""

from __future__ import annotations

import dataclasses

import pytest
import zxingcpp
from PIL import Image, ImageOps

from drivers.printer.document import Document, Picture
from drivers.printer.encoder import encode
from drivers.printer.errors import PrinterConfigError
from drivers.printer.profile import ChineseEncoding, PaperWidth, PrinterProfile, QrMode
from drivers.printer.raster import text_picture
from drivers.printer.render import render_escpos
from drivers.printer.samples import ALL_PUNCTUATION, self_test_page
from kiosk.documents import (
    NUMBER_DOTS,
    Delivery,
    case_receipt,
    queue_ticket,
    sample_receipt,
    sample_ticket,
)


def _scan(image: Image.Image) -> list[str]:
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def _round_trip(document: Document, profile: PrinterProfile) -> None:
    job = render_escpos(
        encode(document, profile),
        profile.paper,
        chinese_at_start=profile.encoding is ChineseEncoding.GB18030_NATIVE,
    )
    assert job.transcript == document.transcript()
    assert job.wrapped_lines == 0
    assert job.unknown == ()
    assert job.image.width == profile.paper.dots + 32
    expected_qr = [
        line.removeprefix("[QR] ")
        for line in document.transcript().splitlines()
        if line.startswith("[QR] ")
    ]
    assert job.qr_payloads == expected_qr
    assert _scan(job.image) == expected_qr


@pytest.mark.parametrize("qr", list(QrMode), ids=lambda q: q.value)
@pytest.mark.parametrize("encoding", list(ChineseEncoding), ids=lambda e: e.value)
def test_queue_ticket_round_trip(paper: PaperWidth, qr: QrMode, encoding: ChineseEncoding) -> None:
    profile = PrinterProfile(paper=paper, qr=qr, encoding=encoding)
    _round_trip(queue_ticket(sample_ticket(), paper), profile)


@pytest.mark.parametrize("delivery", list(Delivery), ids=lambda d: d.value)
@pytest.mark.parametrize("qr", list(QrMode), ids=lambda q: q.value)
def test_case_receipt_round_trip(paper: PaperWidth, qr: QrMode, delivery: Delivery) -> None:
    _round_trip(case_receipt(sample_receipt(delivery), paper), PrinterProfile(paper=paper, qr=qr))


def test_self_test_page_round_trip_keeps_every_punctuation_mark(paper: PaperWidth) -> None:
    profile = PrinterProfile(paper=paper)
    document = self_test_page(profile)
    _round_trip(document, profile)
    job = render_escpos(encode(document, profile), paper)
    assert all(mark in job.transcript for mark in ALL_PUNCTUATION)


def test_ticket_shows_what_the_citizen_needs(paper: PaperWidth) -> None:
    ticket = sample_ticket()
    job = render_escpos(encode(queue_ticket(ticket, paper), PrinterProfile(paper=paper)), paper)
    lines = job.transcript.splitlines()
    assert ticket.hall_name in lines and ticket.category in lines
    assert "您前面还有 5 人等候" in lines and "预计等候约 15 分钟" in lines
    assert "请到 一楼 A 区 等候叫号" in lines  # where this queue waits
    assert "A023  取号时间：2026-11-27 09:30" in lines
    assert "本号当日有效，过号请重新取号" in lines and "咨询电话：12345" in lines
    assert lines[-1] == "[CUT]"
    plain = dataclasses.replace(ticket, wait_at="", hotline="", estimated_wait_minutes=None)
    job = render_escpos(encode(queue_ticket(plain, paper), PrinterProfile(paper=paper)), paper)
    assert "您前面还有 5 人等候" in job.transcript.splitlines()
    assert "请到" not in job.transcript and "咨询电话" not in job.transcript


def test_the_big_number_is_drawn_crisp_not_magnified(paper: PaperWidth) -> None:
    """The number is a one-bit picture of its own height (12-15 mm), drawn from an outline
    font: the printer's 4x font would multiply 24-dot blocks into a jagged number."""
    document = queue_ticket(sample_ticket(), paper)
    pictures = [e for e in document.elements if isinstance(e, Picture)]
    assert len(pictures) == 1
    number = pictures[0].image
    assert number.mode == "1"
    inked = ImageOps.invert(number.convert("L")).getbbox()
    assert inked is not None
    height = inked[3] - inked[1]
    assert 0.85 * NUMBER_DOTS[paper] <= height <= 1.15 * NUMBER_DOTS[paper]
    # Smooth, not blocky: edges at many different columns (a 4x magnified font has its
    # edges only every 4 dots).
    edges = {
        x
        for y in range(number.height)
        for x in range(1, number.width)
        if number.getpixel((x, y)) != number.getpixel((x - 1, y))
    }
    assert len({x % 4 for x in edges}) == 4


def test_receipt_masks_personal_data(paper: PaperWidth) -> None:
    receipt = sample_receipt(Delivery.EMS)
    job = render_escpos(encode(case_receipt(receipt, paper), PrinterProfile(paper=paper)), paper)
    text = job.transcript
    assert receipt.applicant_name not in text and "王*明" in text
    assert receipt.applicant_id not in text and "1101**********002X" in text
    assert "中山北路" not in text and "江苏省南京市鼓楼区****" in text
    assert receipt.case_number in text and receipt.verification_code in text
    assert "2026年12月11日（10个工作日）" in text.replace("\n  ", "")


def test_no_cutter_feeds_to_the_tear_bar(paper: PaperWidth) -> None:
    profile = PrinterProfile(paper=paper, cutter=False)
    document = queue_ticket(sample_ticket(), paper)
    data = encode(document, profile)
    assert data.endswith(b"\x1bJ\x78") and b"\x1dV" not in data
    job = render_escpos(data, paper)
    assert job.transcript == document.transcript().removesuffix("[CUT]\n")


def test_raster_qr_costs_more_bytes_than_native(paper: PaperWidth) -> None:
    document = queue_ticket(sample_ticket(), paper)
    native = encode(document, PrinterProfile(paper=paper, qr=QrMode.NATIVE))
    raster = encode(document, PrinterProfile(paper=paper, qr=QrMode.RASTER))
    # The number is a picture either way (GS v 0); only the raster profile draws the QR too.
    assert b"\x1d(k" in native and b"\x1d(k" not in raster
    assert raster.count(b"\x1dv0") > native.count(b"\x1dv0") >= 1
    assert len(raster) - len(native) > 1000  # a drawn QR is kilobytes, a native one ~100 bytes


def test_logo_pictures_are_scaled_to_the_paper_and_sliced() -> None:
    from PIL import ImageDraw

    from drivers.printer.document import Picture, Text

    wide = Image.new("L", (800, 400), 255)
    ImageDraw.Draw(wide).rectangle((0, 0, 799, 199), fill=0)
    tall = Image.new("L", (100, 2000), 0)
    document = Document(PaperWidth.MM58, (Picture(wide), Text("一门通"), Picture(tall)))
    job = render_escpos(encode(document, PrinterProfile(paper=PaperWidth.MM58)), PaperWidth.MM58)
    assert job.transcript == document.transcript()
    assert job.transcript.splitlines() == [
        "[IMAGE 384x192]",
        "一门通",
        "[IMAGE 104x960]",
        "[IMAGE 104x960]",
        "[IMAGE 104x80]",
    ]


def test_a_missing_bold_font_is_a_printer_config_error_naming_the_package() -> None:
    with pytest.raises(PrinterConfigError, match="install fonts-noto-cjk"):
        text_picture("A023", 96, font_path="/nonexistent/no-such-font.ttc")
