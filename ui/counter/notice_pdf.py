"""A decision's notice as an A4 PDF, with its fonts embedded (QPdfWriter).

:func:`render_notice_pdf` lays out a :class:`~kiosk.notices.NoticeLayout` the way a printed
government notice looks — the issuing hall and the title centred, the number on the right, the
case's facts in a ruled table, the letter to the applicant with first-line indents and the
numbered list, the clerk and window, the hall with the seal area and the date on the right, the
applicant's signature line at the foot. Chinese text is set in Noto Serif CJK SC (a Song face,
as 公文 use), Latin letters and digits in Liberation Serif (Times New Roman's metrics, as 公文
set numbers). The side margins are GB/T 9704's (28 mm left, 26 right); top and bottom are a
little narrower (25 mm each) so that a notice with a few materials fits one page. A long 补正
list runs onto further pages, each numbered.

Things Qt's PDF writer gets wrong for Chinese text, handled here so the PDF reads back (copy,
search, a screen reader, ``pdftotext``) as it prints:

- its ToUnicode map names each glyph by the lowest code point the font maps to it, and Noto CJK
  maps a Kangxi radical (U+2F00…) to the same glyph as the ideograph: 小 would read back as the
  radical ⼩, 民 as ⺠. :func:`fix_to_unicode` rewrites those entries to the ideograph, in place
  (same length, so no offset in the file moves);
- with the OpenType ``locl`` feature on, the CJK font shapes digits after Latin letters (S001)
  with glyphs the font maps from no code point, which then read back as nothing: it is off (this
  matters only where the Latin font is missing).

Rendering needs a QGuiApplication (fonts); it may run on a worker thread.
"""

from __future__ import annotations

import functools
import logging
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

from kiosk.notices import NoticeLayout, NumberedList, Paragraph

logger = logging.getLogger(__name__)

FAMILY = "Noto Serif CJK SC"
# Latin letters, digits and the punctuation Western fonts have (“”) in Times New Roman's
# metrics, as a word processor sets official documents. In a font of their own they stay
# readable through CUPS' PostScript round trip: cairo puts the Western characters of a font in
# a subset of their own under the font's name, and Ghostscript, seeing two fonts of one name,
# loses their text.
LATIN_FAMILY = "Liberation Serif"
RESOLUTION = 300  # dots per inch of the PDF's coordinate space (text and lines stay vectors)
MARGINS_MM = QMarginsF(28, 25, 26, 25)  # left, top, right, bottom: GB/T 9704 sides
TITLE_PT = 22  # 二号
ISSUER_PT = 16  # 三号
BODY_PT = 14  # 四号
SMALL_PT = 12  # 小四: the facts table, the number
LONG_VALUE = 24  # half-width columns: a longer value of the facts table takes a whole row
LINE_HEIGHT = 120  # percent of the font's own spacing (Noto CJK's is 1.44 em): 1.7 em


def _font(
    size: float, *, bold: bool = False, families: tuple[str, ...] = (LATIN_FAMILY, FAMILY)
) -> QFont:
    font = QFont()
    font.setFamilies(list(families))
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setFeature(QFont.Tag("locl"), 0)  # see the module's docstring
    font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def render_notice_pdf(layout: NoticeLayout) -> bytes:
    """The notice as PDF bytes (one A4 page, more for a long list)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(f"{layout.title} {layout.number.removeprefix('编号：')}")
    writer.setCreator("一门通")
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    width, height = float(area.width()), float(area.height())
    document = _document(layout, width, writer)
    document.setPageSize(QSizeF(width, height))
    footer = 0.0
    if _page_count(document) > 1:  # room at the foot of each page for its number
        footer = _points(SMALL_PT * 2.2)
        document.setPageSize(QSizeF(width, height - footer))
        _keep_paragraphs_whole(document, height - footer)
    pages = _page_count(document)
    painter = QPainter(writer)
    try:
        for page in range(pages):
            if page:
                writer.newPage()
            _draw_page(painter, document, page, width, height - footer)
            if footer:
                painter.setFont(_font(SMALL_PT - 2))
                painter.drawText(
                    QRectF(0, height - footer, width, footer),
                    int(Qt.AlignmentFlag.AlignCenter),
                    f"第 {page + 1} 页 共 {pages} 页",
                )
    finally:
        painter.end()
    buffer.close()
    return fix_to_unicode(bytes(data.data()), radical_table())


def _points(pt: float) -> float:
    """Points -> the PDF's device pixels: the painter, the page, the text width, and a block's
    indents and left margin, which Qt's text layout takes as they are."""
    return pt * RESOLUTION / 72


def _length(pt: float) -> float:
    """Points -> the lengths Qt's text layout takes at 96 dpi and scales to the device itself:
    a block's top and bottom margins, a table's borders and padding."""
    return pt * 96 / 72


def _page_count(document: QTextDocument) -> int:
    # Qt lays a document out lazily, block by block: asking where the last block is makes
    # it lay out the whole before counting.
    document.documentLayout().blockBoundingRect(document.lastBlock())
    return document.pageCount()


def _keep_paragraphs_whole(document: QTextDocument, height: float) -> None:
    """Start on a new page each paragraph that would run over a page break.

    Qt draws a page by drawing every paragraph that touches it, clipped: a paragraph across a
    break would be drawn whole on both pages, its hidden lines still in the text a reader
    copies. Whole paragraphs (a few lines each) keep every line on one page.
    """
    layout = document.documentLayout()
    for _ in range(document.blockCount()):
        layout.blockBoundingRect(document.lastBlock())  # see _page_count
        block = document.begin()
        while block.isValid():
            lines = block.layout().lineCount()
            if lines > 1 and QTextCursor(block).currentTable() is None:
                top = layout.blockBoundingRect(block).y()
                first = top + block.layout().lineAt(0).y()
                last = block.layout().lineAt(lines - 1)
                if int(first // height) != int((top + last.y() + last.height() - 1) // height):
                    whole = block.blockFormat()
                    whole.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(whole)
                    break
            block = block.next()
        else:
            return


def _draw_page(
    painter: QPainter, document: QTextDocument, page: int, width: float, height: float
) -> None:
    painter.save()
    painter.translate(0, -page * height)
    painter.setClipRect(QRectF(0, page * height, width, height))
    # Qt draws the paragraphs touching ``context.clip``; a paragraph's box reaches below its
    # last line by the extra line spacing, so the last paragraph of a page would touch the
    # next one too and be drawn (clipped, yet in the text) on both: the clip starts below it.
    spacing = _points(BODY_PT) * 1.44 * (LINE_HEIGHT - 100) / 100 + 2
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, page * height + spacing, width, height - spacing - 1)
    document.documentLayout().draw(painter, context)
    painter.restore()


def _block(
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    indent_chars: float = 0,
    size: float = BODY_PT,
    before: float = 0,
    after: float = 0,
    line_height: int = LINE_HEIGHT,
) -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setAlignment(align)
    block.setTextIndent(_points(size) * indent_chars)
    block.setTopMargin(_length(before))
    block.setBottomMargin(_length(after))
    block.setLineHeight(line_height, 1)  # QTextBlockFormat.ProportionalHeight
    return block


def _chars(size: float, *, bold: bool = False) -> QTextCharFormat:
    chars = QTextCharFormat()
    chars.setFont(_font(size, bold=bold))
    return chars


def _document(layout: NoticeLayout, width: float, device: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # first: metrics at the PDF's resolution
    document.setDocumentMargin(0)
    document.setUseDesignMetrics(True)
    document.setDefaultFont(_font(BODY_PT))
    document.setTextWidth(width)
    cursor = QTextCursor(document)
    center, right = Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignRight

    def add(text: str, block: QTextBlockFormat, chars: QTextCharFormat) -> None:
        if cursor.block().length() > 1:  # not the document's first block, nor the one a table
            cursor.insertBlock(block, chars)  # leaves after itself: a new paragraph
        else:
            cursor.setBlockFormat(block)
            cursor.setBlockCharFormat(chars)
        cursor.insertText(text, chars)

    add(layout.issuer, _block(align=center, size=ISSUER_PT), _chars(ISSUER_PT))
    add(layout.title, _block(align=center, size=TITLE_PT, before=8), _chars(TITLE_PT, bold=True))
    if layout.subtitle:
        add(layout.subtitle, _block(align=center, size=BODY_PT), _chars(BODY_PT))
    add(layout.number, _block(align=right, size=SMALL_PT, before=12, after=2), _chars(SMALL_PT))
    _facts(cursor, layout.facts, width)

    body = _chars(BODY_PT)
    add(layout.addressee, _block(before=12), body)
    for item in layout.body:
        if isinstance(item, Paragraph):
            add(item.text, _block(indent_chars=2), body)
        elif isinstance(item, NumberedList):
            for number, text in enumerate(item.items, start=1):
                # hanging indent: the wrapped lines align under the text, not the number
                block = _block()
                block.setLeftMargin(_points(BODY_PT) * 3.5)
                block.setTextIndent(-_points(BODY_PT) * 1.5)
                add(f"{number}. {text}", block, body)

    add(f"{layout.clerk}\u3000\u3000{layout.window}", _block(align=right, before=10), body)
    add(f"{layout.issuer}{layout.seal}", _block(align=right, before=16), body)
    add(layout.issued_on, _block(align=right), body)
    blank = "\u3000" * 8
    underline = _chars(BODY_PT)
    underline.setFontUnderline(True)
    add("", _block(before=24), body)
    for n, label in enumerate(layout.sign_fields):
        cursor.insertText(("\u3000\u3000" if n else "") + f"{label}：", body)
        cursor.insertText(blank, underline)
    return document


def _facts(cursor: QTextCursor, facts: tuple[tuple[str, str], ...], width: float) -> None:
    """The case at a glance: a ruled table, two label-value pairs a row (a long value takes a
    row of its own)."""
    table_format = QTextTableFormat()
    table_format.setBorder(_length(0.75))
    table_format.setBorderBrush(QColor("black"))
    table_format.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    table_format.setBorderCollapse(True)
    table_format.setCellPadding(_length(3))
    table_format.setCellSpacing(0)
    table_format.setBottomMargin(_length(14))
    table_format.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    label = 100 * (_points(SMALL_PT) * 5) / width  # five characters' room, in percent
    table_format.setColumnWidthConstraints(
        [
            QTextLength(QTextLength.Type.PercentageLength, w)
            for w in (label, 50 - label, label, 50 - label)
        ]
    )
    rows = _fact_rows(facts)
    table = cursor.insertTable(len(rows), 4, table_format)
    label_format, value_format = _chars(SMALL_PT, bold=True), _chars(SMALL_PT)
    for row, pairs in enumerate(rows):
        for column, pair in enumerate(pairs):
            for offset, (text, chars) in enumerate(
                zip(pair, (label_format, value_format), strict=True)
            ):
                box = table.cellAt(row, column * 2 + offset)
                middle = box.format()  # a Latin value is shorter than a Chinese label
                middle.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
                box.setFormat(middle)
                cell = box.firstCursorPosition()
                cell.setBlockFormat(_block(size=SMALL_PT, line_height=100))
                cell.insertText(text, chars)
        if len(pairs) == 1:  # a long value, or the last one: the whole row
            table.mergeCells(row, 1, 1, 3)
    cursor.movePosition(QTextCursor.MoveOperation.End)


def _fact_rows(facts: tuple[tuple[str, str], ...]) -> list[list[tuple[str, str]]]:
    rows: list[list[tuple[str, str]]] = []
    waiting: list[tuple[str, str]] = []
    for pair in facts:
        columns = sum(2 if ord(ch) >= 0x2E80 else 1 for ch in pair[1])
        if columns > LONG_VALUE:
            rows += [waiting] if waiting else []
            rows.append([pair])
            waiting = []
        elif waiting:
            rows.append([*waiting, pair])
            waiting = []
        else:
            waiting = [pair]
    return rows + ([waiting] if waiting else [])


# -- ToUnicode: radicals back to ideographs

# Blocks whose characters Noto CJK draws with an ideograph's glyph: Kangxi radicals, the CJK
# radicals supplement, and CJK strokes. They sort below the ideographs, so Qt picks them.
_SHARED = (range(0x2E80, 0x2FE0), range(0x31C0, 0x31F0))
_IDEOGRAPHS = (range(0x4E00, 0xA000), range(0x3400, 0x4DC0))


@functools.cache
def radical_table(family: str = FAMILY) -> dict[int, int]:
    """Code points of radicals and strokes -> the ideograph the font draws with the same glyph."""
    raw = QRawFont.fromFont(_font(BODY_PT, families=(family,)))
    if not raw.isValid() or family not in raw.familyName():
        logger.warning("font %s not found: notices print in a fallback font", family)
    by_glyph: dict[int, int] = {}
    for block in _IDEOGRAPHS:
        text = "".join(map(chr, block))
        for code, glyph in zip(block, raw.glyphIndexesForString(text), strict=True):
            if glyph:
                by_glyph.setdefault(glyph, code)
    table = {}
    for block in _SHARED:
        text = "".join(map(chr, block))
        for code, glyph in zip(block, raw.glyphIndexesForString(text), strict=True):
            if glyph in by_glyph:
                table[code] = by_glyph[glyph]
    return table


_TO_UNICODE_REF = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def fix_to_unicode(pdf: bytes, table: dict[int, int]) -> bytes:
    """Rewrite radical code points in the PDF's ToUnicode maps to their ideographs.

    Only uncompressed maps (Qt writes them so) are touched, and each 4-digit code is replaced
    by another 4-digit code, so every offset in the file (the xref table) stays right.
    """
    data = bytearray(pdf)
    for number in {int(m.group(1)) for m in _TO_UNICODE_REF.finditer(pdf)}:
        start = pdf.find(b"\n%d 0 obj" % number)
        if start < 0:
            continue
        head_end = pdf.find(b"stream", start)
        end = pdf.find(b"endstream", head_end)
        if head_end < 0 or end < 0 or b"/Filter" in pdf[start:head_end]:
            logger.debug("ToUnicode map %d left as is (not a plain stream)", number)
            continue
        for match in _HEX4.finditer(pdf, head_end, end):
            ideograph = table.get(int(match.group(1), 16))
            if ideograph is not None:
                data[match.start(1) : match.end(1)] = b"%04X" % ideograph
    return bytes(data)
