"""The A4 notice PDF: every word reads back as written, fonts embedded, one page for a few
materials and numbered pages for many."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from contract.models import NoticeKind, NoticeLine
from kiosk.notices import Paragraph, notice_layout, sample_notice
from tests.pdf_reading import flat, pdf_fonts, pdf_info, pdf_text, pdf_words
from ui.counter.notice_pdf import fix_to_unicode, radical_table, render_notice_pdf

HALL = "南京市鼓楼区政务服务中心"


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_each_notice_reads_back_word_for_word(qapp: QApplication, kind: NoticeKind) -> None:
    notice = sample_notice(kind)
    layout = notice_layout(notice, HALL, applied_at=notice.issued_at)
    pdf = render_notice_pdf(layout)
    # What a reader copying from the PDF gets is what the layout says, in its order (the
    # table row by row, label then value); only line breaks and spaces differ.
    body = [
        block.text
        if isinstance(block, Paragraph)
        else "".join(f"{n}. {item}" for n, item in enumerate(block.items, start=1))
        for block in layout.body
    ]
    expected = [
        *(layout.issuer, layout.title, layout.subtitle, layout.number),
        *(label + value for label, value in layout.facts),
        layout.addressee,
        *body,
        *(layout.clerk, layout.window, layout.issuer + layout.seal, layout.issued_on),
        *(f"{label}：" for label in layout.sign_fields),
    ]
    assert flat(pdf_text(pdf)) == flat("".join(expected))
    info = pdf_info(pdf)
    assert info["Pages"] == "1"
    assert "A4" in info["Page size"]
    assert info["Title"] == f"{layout.title} {notice.notice_number}"


def test_fonts_are_embedded_and_map_to_unicode(qapp: QApplication) -> None:
    fonts = pdf_fonts(render_notice_pdf(notice_layout(sample_notice(), HALL)))
    assert {f.name for f in fonts} >= {"NotoSerifCJKsc-Regular", "NotoSerifCJKsc-Bold"}
    assert all(f.embedded and f.unicode and f.type != "Type 3" for f in fonts), fonts


def test_radicals_read_back_as_the_ideographs_drawn(qapp: QApplication) -> None:
    # 一 小 人 民 户 口 身 工 are drawn with glyphs Noto CJK also maps from radicals.
    name = "户口一小人民身工"
    notice = sample_notice().model_copy(update={"applicant_name": name})
    text = pdf_text(render_notice_pdf(notice_layout(notice, HALL)))
    assert f"{name}：" in text
    assert not any(0x2E80 <= ord(ch) < 0x2FE0 or 0x31C0 <= ord(ch) < 0x31F0 for ch in text)


def test_fix_to_unicode_keeps_every_offset() -> None:
    pdf = (
        b"%PDF-1.4\n1 0 obj\n<< /ToUnicode 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Length 30 >>\nstream\n<0001> <0002> [<2F00> <6B21>]\nendstream\nendobj\n"
        b"3 0 obj\n<< /Length 6 >>\nstream\n<2F00>\nendstream\nendobj\n"
    )
    fixed = fix_to_unicode(pdf, {0x2F00: 0x4E00})
    assert len(fixed) == len(pdf)
    assert b"[<4E00> <6B21>]" in fixed
    assert fixed.endswith(b"stream\n<2F00>\nendstream\nendobj\n")  # not a ToUnicode map


def test_the_radical_table_comes_from_the_font(qapp: QApplication) -> None:
    table = radical_table()
    assert table[0x2F00] == ord("一")
    assert table[0x2EA0] == ord("民")  # CJK radicals supplement: no Unicode decomposition
    assert all(0x3400 <= v < 0xA000 for v in table.values())


def test_a_long_list_runs_onto_numbered_pages(qapp: QApplication) -> None:
    lines = [NoticeLine(name=f"材料{n:02d}", reason=f"缺少第{n}页") for n in range(1, 41)]
    layout = notice_layout(sample_notice().model_copy(update={"lines": lines}), HALL)
    pdf = render_notice_pdf(layout)
    pages = int(pdf_info(pdf)["Pages"])
    assert pages >= 2
    text = flat(pdf_text(pdf))
    for n in range(1, 41):
        assert f"{n}.材料{n:02d}：缺少第{n}页" in text
    for page in range(1, pages + 1):
        assert f"第{page}页共{pages}页" in text
    assert f"{HALL}（盖章）2026年11月27日申请人签收：签收日期：第{pages}页" in text
    # each line once, and on its page inside the 25 mm top and bottom margins
    assert all(text.count(f"材料{n:02d}") == 1 for n in range(1, 41))
    margin = 25 / 25.4 * 72
    words = pdf_words(pdf)
    assert {w.page for w in words} == set(range(1, pages + 1))
    assert all(margin - 1 < w.top and w.bottom < 842 - margin + 1 for w in words), [
        w for w in words if not (margin - 1 < w.top and w.bottom < 842 - margin + 1)
    ]


def test_it_renders_on_a_worker_thread(qapp: QApplication) -> None:
    results: list[bytes] = []
    layout = notice_layout(sample_notice(NoticeKind.ACCEPTANCE), HALL)
    worker = threading.Thread(target=lambda: results.append(render_notice_pdf(layout)))
    worker.start()
    worker.join(60)
    assert results and "受理通知书" in pdf_text(results[0])
