"""The virtual printer's back half: ESC/POS bytes -> transcript, paper image and QR payloads.

It behaves like a 203-dpi thermal printer with font A (12x24 dots, CJK 24x24): text collects in a
line buffer and prints on LF, aligned by ``ESC a``; a character that does not fit makes the printer
wrap by itself (counted in :attr:`RenderedJob.wrapped_lines`: our layouts must never cause one).
Text is drawn with Noto Sans Mono CJK SC (Debian ``fonts-noto-cjk``). A native QR is drawn from
the stored data as the printer would; a raster image that holds a QR code is recognised too, so
the transcript says ``[QR] payload`` either way. The transcript notation is
:meth:`drivers.printer.document.Document.transcript`'s.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.printer import escpos_decoder as ev
from drivers.printer.errors import PrinterConfigError
from drivers.printer.profile import PaperWidth

if TYPE_CHECKING:
    from PIL import Image, ImageFont

logger = logging.getLogger(__name__)

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
_MONO_SC_FACE = "Noto Sans Mono CJK SC"
DEFAULT_LINE_SPACING = 30  # dots (1/6 inch at 180 dpi motion units, close enough at 203 dpi)
MARGIN = 16  # white paper either side of the printable width in the image
BARCODE_NAMES = {
    0: "UPC-A",
    1: "UPC-E",
    2: "EAN13",
    3: "EAN8",
    4: "CODE39",
    5: "ITF",
    6: "CODABAR",
    65: "UPC-A",
    66: "UPC-E",
    67: "EAN13",
    68: "EAN8",
    69: "CODE39",
    70: "ITF",
    71: "CODABAR",
    72: "CODE93",
    73: "CODE128",
}


@dataclass(frozen=True, slots=True, eq=False)
class RenderedJob:
    transcript: str
    image: Image.Image
    qr_payloads: list[str]
    wrapped_lines: int = 0  # lines the printer had to wrap itself (overflowing text)
    unknown: tuple[bytes, ...] = ()  # commands the decoder did not know


def render_escpos(
    data: bytes, paper: PaperWidth, *, chinese_at_start: bool = True, font_path: str = CJK_FONT
) -> RenderedJob:
    """Decode one job. ``chinese_at_start`` is the printer's power-on mode (most Chinese models:
    on); ``FS &``/``FS .`` in the data switch it."""
    decoder = ev.EscPosDecoder(chinese_at_start=chinese_at_start)
    paper_model = Paper(paper.dots, font_path)
    for event in decoder.feed(data) + decoder.close():
        paper_model.apply(event)
    return paper_model.finish()


@dataclass(slots=True)
class _Glyph:
    char: str
    wide: bool
    width: int  # magnification
    height: int
    bold: bool
    underline: int
    invert: bool

    @property
    def dots(self) -> int:
        return (24 if self.wide else 12) * self.width


@dataclass(slots=True)
class _Style:
    align: int = 0
    width: int = 1
    height: int = 1
    bold: bool = False
    underline: int = 0
    invert: bool = False
    kanji_double_width: bool = False
    kanji_double_height: bool = False
    line_spacing: int = DEFAULT_LINE_SPACING
    qr_module: int = 3
    qr_ec: int = 48
    qr_data: bytes = b""
    barcode_height: int = 162
    barcode_module: int = 3
    barcode_hri: int = 0


@dataclass(slots=True)
class Paper:
    dots: int
    font_path: str = CJK_FONT
    style: _Style = field(default_factory=_Style)
    rows: list[Image.Image] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    unknown: list[bytes] = field(default_factory=list)
    wrapped: int = 0
    _buffer: list[_Glyph] = field(default_factory=list)
    _used: int = 0

    def apply(self, event: ev.Event) -> None:
        s = self.style
        match event:
            case ev.TextRun(text=text, wide=wide):
                for char in text:
                    self._add(char, wide)
            case ev.LineFeed(lines=count):
                for _ in range(max(count, 1)):
                    self._print_line(s.line_spacing)
            case ev.FeedDots(dots=dots):
                if self._buffer:
                    self._print_line(dots)
                else:
                    self._blank(dots)
            case ev.Initialize():
                self.style = _Style()
            case ev.SetAlign(align=align):
                s.align = align if align in (0, 1, 2) else 0
            case ev.SetSize(width=w, height=h):
                s.width, s.height = w, h
            case ev.SetPrintMode(mode=mode):
                s.bold, s.underline = bool(mode & 8), 1 if mode & 128 else 0
                s.width, s.height = (2 if mode & 32 else 1), (2 if mode & 16 else 1)
            case ev.SetKanjiMode(mode=mode):
                s.kanji_double_width, s.kanji_double_height = bool(mode & 4), bool(mode & 8)
            case ev.SetBold(on=on):
                s.bold = on
            case ev.SetUnderline(dots=dots):
                s.underline = dots - 48 if dots >= 48 else dots
            case ev.SetInvert(on=on):
                s.invert = on
            case ev.SetLineSpacing(dots=dots):
                s.line_spacing = DEFAULT_LINE_SPACING if dots is None else dots
            case ev.QrSetting(function=fn, value=value):
                if fn == 67:
                    s.qr_module = value
                elif fn == 69:
                    s.qr_ec = value
            case ev.QrStore(data=data):
                s.qr_data = data
            case ev.QrPrint():
                self._qr()
            case ev.RasterImage():
                self._raster(event)
            case ev.ColumnImage():
                self._column_image(event)
            case ev.BarcodeSetting(command=cmd, value=value):
                if cmd == "h":
                    s.barcode_height = value
                elif cmd == "w":
                    s.barcode_module = value
                else:
                    s.barcode_hri = value - 48 if value >= 48 else value
            case ev.PrintBarcode():
                self._barcode(event)
            case ev.Cut(partial=partial):
                self._flush_pending()
                self.lines.append("[CUT partial]" if partial else "[CUT]")
                self._cut_mark()
            case ev.Unknown(raw=raw):
                self.unknown.append(raw)
            case _:
                pass  # mode switches the decoder tracks; status requests; commands off paper

    def finish(self) -> RenderedJob:
        from PIL import Image

        self._flush_pending()
        height = sum(row.height for row in self.rows) + 2 * MARGIN
        paper = Image.new("L", (self.dots + 2 * MARGIN, height), 255)
        y = MARGIN
        for row in self.rows:
            paper.paste(row, (MARGIN, y))
            y += row.height
        transcript = "\n".join(self.lines) + "\n" if self.lines else ""
        return RenderedJob(
            transcript, paper, list(self.qr_payloads), self.wrapped, tuple(self.unknown)
        )

    # -- text ---------------------------------------------------------------------------

    def _add(self, char: str, wide: bool) -> None:
        s = self.style
        width = max(s.width, 2 if wide and s.kanji_double_width else 1)
        height = max(s.height, 2 if wide and s.kanji_double_height else 1)
        glyph = _Glyph(char, wide, width, height, s.bold, s.underline, s.invert)
        if self._used + glyph.dots > self.dots and self._buffer:
            self.wrapped += 1
            self._print_line(s.line_spacing)
        self._buffer.append(glyph)
        self._used += glyph.dots

    def _flush_pending(self) -> None:
        if self._buffer:
            self._print_line(self.style.line_spacing)

    def _print_line(self, spacing: int) -> None:
        from PIL import Image

        glyphs, self._buffer, used, self._used = self._buffer, [], self._used, 0
        self.lines.append("".join(g.char for g in glyphs).rstrip())
        text_height = max((24 * g.height for g in glyphs), default=0)
        row = Image.new("L", (self.dots, max(spacing, text_height)), 255)
        x = self._offset(used)
        for glyph in glyphs:
            cell = _glyph_image(self.font_path, glyph.char, glyph.wide, glyph.bold)
            if glyph.invert:
                from PIL import ImageOps

                cell = ImageOps.invert(cell)
            if glyph.width > 1 or glyph.height > 1:
                cell = cell.resize((glyph.dots, 24 * glyph.height))
            if glyph.underline:
                cell = cell.copy()
                for dy in range(min(glyph.underline, 2)):
                    cell.paste(0, (0, cell.height - 1 - dy, cell.width, cell.height - dy))
            row.paste(cell, (x, text_height - cell.height))
            x += glyph.dots
        self.rows.append(row)

    def _blank(self, dots: int) -> None:
        from PIL import Image

        if dots > 0:
            self.rows.append(Image.new("L", (self.dots, dots), 255))

    def _offset(self, used: int) -> int:
        free = max(0, self.dots - used)
        return {0: 0, 1: free // 2, 2: free}.get(self.style.align, 0)

    # -- graphics -----------------------------------------------------------------------

    def _place(self, image: Image.Image) -> None:
        from PIL import Image as PILImage

        if image.width > self.dots:  # the printer drops what is beyond the paper
            image = image.crop((0, 0, self.dots, image.height))
        row = PILImage.new("L", (self.dots, image.height), 255)
        row.paste(image, (self._offset(image.width), 0))
        self.rows.append(row)

    def _qr(self) -> None:
        import qrcode

        s = self.style
        self._flush_pending()
        if not s.qr_data:
            return
        try:
            payload = s.qr_data.decode("utf-8")
        except UnicodeDecodeError:
            payload = s.qr_data.decode("gb18030", "replace")
        levels = {48: "L", 49: "M", 50: "Q", 51: "H"}
        level = getattr(qrcode.constants, f"ERROR_CORRECT_{levels.get(s.qr_ec, 'L')}")
        code = qrcode.QRCode(error_correction=level, box_size=max(1, s.qr_module), border=0)
        code.add_data(s.qr_data)
        code.make(fit=True)
        self._place(code.make_image().get_image().convert("L"))
        self.lines.append(f"[QR] {payload}")
        self.qr_payloads.append(payload)

    def _raster(self, event: ev.RasterImage) -> None:
        import numpy as np
        from PIL import Image

        self._flush_pending()
        bits = np.unpackbits(np.frombuffer(event.data, dtype=np.uint8))
        pixels = (1 - bits.reshape(event.height, event.width_bytes * 8)) * 255
        image = Image.fromarray(pixels.astype(np.uint8), "L")
        mode = event.mode - 48 if event.mode >= 48 else event.mode
        scale_x, scale_y = (2 if mode & 1 else 1), (2 if mode & 2 else 1)
        if scale_x > 1 or scale_y > 1:
            image = image.resize((image.width * scale_x, image.height * scale_y))
        self._place(image)
        payload = _find_qr(image)
        if payload is None:
            self.lines.append(f"[IMAGE {image.width}x{image.height}]")
        else:
            self.lines.append(f"[QR] {payload}")
            self.qr_payloads.append(payload)

    def _column_image(self, event: ev.ColumnImage) -> None:
        import numpy as np
        from PIL import Image

        rows = 24 if event.mode in (32, 33) else 8
        data = np.frombuffer(event.data, dtype=np.uint8).reshape(event.width, rows // 8)
        bits = np.unpackbits(data, axis=1)  # (width, rows), MSB at the top
        image = Image.fromarray(((1 - bits.T) * 255).astype(np.uint8), "L")
        if event.mode in (0, 32):  # single density doubles horizontally
            image = image.resize((image.width * 2, image.height))
        self._flush_pending()
        self._place(image)

    def _barcode(self, event: ev.PrintBarcode) -> None:
        from PIL import Image

        s = self.style
        self._flush_pending()
        name = BARCODE_NAMES.get(event.system, f"TYPE{event.system}")
        text = event.data.decode("ascii", "replace")
        if name == "CODE128" and text[:1] == "{" and len(text) > 1:
            text = text[2:]
        modules = _code128_modules(text) if name == "CODE128" else "1" * (len(text) * 11)
        module = max(1, s.barcode_module)
        bars = Image.new("L", (len(modules) * module, max(1, s.barcode_height)), 255)
        for index, bit in enumerate(modules):
            if bit == "1":
                bars.paste(0, (index * module, 0, (index + 1) * module, bars.height))
        self._place(bars)
        self.lines.append(f"[BARCODE {name}] {text}")
        if s.barcode_hri in (2, 3):
            hri = Image.new("L", (12 * len(text), 24), 255)
            for i, char in enumerate(text):
                hri.paste(_glyph_image(self.font_path, char, False, False), (12 * i, 0))
            self._place(hri)

    def _cut_mark(self) -> None:
        from PIL import Image

        mark = Image.new("L", (self.dots, 9), 255)
        for x in range(0, self.dots, 12):
            mark.paste(160, (x, 4, x + 6, 5))
        self.rows.append(mark)


def _find_qr(image: Image.Image) -> str | None:
    """The text of a QR code in a raster image, if it is one (quiet zone added for the reader)."""
    import zxingcpp
    from PIL import ImageOps

    if image.width < 21 or image.height < 21:
        return None
    framed = ImageOps.expand(image, border=16, fill=255)
    results = zxingcpp.read_barcodes(framed, try_rotate=False, try_invert=False)
    texts = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    return texts[0] if texts else None


def _code128_modules(text: str) -> str:
    import barcode

    try:
        code = barcode.get("code128", text)
        return "".join(code.build())
    except Exception:  # not encodable: draw a solid block rather than fail the preview
        return "1" * (len(text) * 11)


@functools.lru_cache(maxsize=1)
def _font(path: str) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    try:
        for index in range(16):
            font = ImageFont.truetype(path, 21, index=index)
            if font.getname()[0] == _MONO_SC_FACE:
                return font
    except OSError:
        pass
    raise PrinterConfigError(
        f"the CJK font {_MONO_SC_FACE} was not found in {path}; install fonts-noto-cjk"
    )


@functools.lru_cache(maxsize=4096)
def _glyph_image(path: str, char: str, wide: bool, bold: bool) -> Image.Image:
    from PIL import Image, ImageDraw

    font = _font(path)
    cell = Image.new("L", (24 if wide else 12, 24), 255)
    draw = ImageDraw.Draw(cell)
    # At 21 px Noto's glyphs, descenders included, span y = 6..30: lift them into the cell.
    x = max(0.0, (cell.width - font.getlength(char)) / 2)
    for dx in (0, 1) if bold else (0,):
        draw.text((x + dx, -6), char, font=font, fill=0)
    return cell
