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

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.printer import escpos_decoder, raster
from drivers.printer import escpos_events as ev
from drivers.printer.profile import PaperWidth
from drivers.printer.raster import CJK_FONT

if TYPE_CHECKING:
    from PIL import Image

logger = logging.getLogger(__name__)

DEFAULT_LINE_SPACING = 30  # dots (1/6 inch at 180 dpi motion units, close enough at 203 dpi)
MARGIN = 16  # white paper either side of the printable width in the image


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
    decoder = escpos_decoder.EscPosDecoder(chinese_at_start=chinese_at_start)
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
    image: Image.Image | None = None  # an ESC * bit-image column block, printed with the line

    @property
    def dots(self) -> int:
        if self.image is not None:
            return self.image.width
        return (24 if self.wide else 12) * self.width

    @property
    def tall(self) -> int:
        return self.image.height if self.image is not None else 24 * self.height


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
    graphics: ev.GraphicsStore | None = None
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
            case ev.ColumnImage(mode=mode, width=width, data=data):
                self._add_image(raster.columns(mode, width, data))
            case ev.GraphicsStore():
                s.graphics = event
            case ev.GraphicsPrint():
                self._graphics()
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
        self._append(_Glyph(char, wide, width, height, s.bold, s.underline, s.invert))

    def _add_image(self, image: Image.Image) -> None:
        self._append(_Glyph("", False, 1, 1, False, 0, False, image))

    def _append(self, glyph: _Glyph) -> None:
        if self._used + glyph.dots > self.dots and self._buffer:
            self.wrapped += 1
            self._print_line(self.style.line_spacing)
        self._buffer.append(glyph)
        self._used += glyph.dots

    def _flush_pending(self) -> None:
        if self._buffer:
            self._print_line(self.style.line_spacing)

    def _print_line(self, spacing: int) -> None:
        from PIL import Image, ImageOps

        glyphs, self._buffer, used, self._used = self._buffer, [], self._used, 0
        text = "".join(g.char for g in glyphs).rstrip()
        images = [g.image for g in glyphs if g.image is not None]
        if not text and images:
            text = f"[IMAGE {sum(i.width for i in images)}x{max(i.height for i in images)}]"
        self.lines.append(text)
        text_height = max((g.tall for g in glyphs), default=0)
        row = Image.new("L", (self.dots, max(spacing, text_height)), 255)
        x = self._offset(used)
        for glyph in glyphs:
            if glyph.image is not None:
                cell = glyph.image
            else:
                cell = raster.glyph(self.font_path, glyph.char, glyph.wide, glyph.bold)
                if glyph.invert:
                    cell = ImageOps.invert(cell)
                if glyph.width > 1 or glyph.height > 1:
                    cell = cell.resize((glyph.dots, glyph.tall))
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

    def _place_bit_image(self, image: Image.Image) -> None:
        """A bit image on its own: placed, and transcribed as a QR code if it is one."""
        self._flush_pending()
        self._place(image)
        payload = raster.find_qr(image)
        if payload is None:
            self.lines.append(f"[IMAGE {image.width}x{image.height}]")
        else:
            self.lines.append(f"[QR] {payload}")
            self.qr_payloads.append(payload)

    def _qr(self) -> None:
        s = self.style
        self._flush_pending()
        if not s.qr_data:
            return
        try:
            payload = s.qr_data.decode("utf-8")
        except UnicodeDecodeError:
            payload = s.qr_data.decode("gb18030", "replace")
        self._place(raster.qr(s.qr_data, s.qr_module, s.qr_ec))
        self.lines.append(f"[QR] {payload}")
        self.qr_payloads.append(payload)

    def _raster(self, event: ev.RasterImage) -> None:
        image = raster.bits(event.data, event.width_bytes, event.height)
        mode = event.mode - 48 if event.mode >= 48 else event.mode
        scale_x, scale_y = (2 if mode & 1 else 1), (2 if mode & 2 else 1)
        if scale_x > 1 or scale_y > 1:
            image = image.resize((image.width * scale_x, image.height * scale_y))
        self._place_bit_image(image)

    def _graphics(self) -> None:
        stored = self.style.graphics
        if stored is None:
            return
        image = raster.bits(stored.data, (stored.width + 7) // 8, stored.height)
        image = image.crop((0, 0, stored.width, stored.height))
        if stored.scale_x > 1 or stored.scale_y > 1:
            image = image.resize((image.width * stored.scale_x, image.height * stored.scale_y))
        self._place_bit_image(image)

    def _barcode(self, event: ev.PrintBarcode) -> None:
        from PIL import Image

        s = self.style
        self._flush_pending()
        text = event.data.decode("ascii", "replace")
        if event.system == 73 and text[:1] == "{" and len(text) > 1:
            text = text[2:]  # CODE128 code-set selector
        name, bars = raster.barcode(event.system, text, s.barcode_module, s.barcode_height)
        self._place(bars)
        self.lines.append(f"[BARCODE {name}] {text}")
        if s.barcode_hri in (2, 3):
            hri = Image.new("L", (12 * len(text), 24), 255)
            for i, char in enumerate(text):
                hri.paste(raster.glyph(self.font_path, char, False, False), (12 * i, 0))
            self._place(hri)

    def _cut_mark(self) -> None:
        from PIL import Image

        mark = Image.new("L", (self.dots, 9), 255)
        for x in range(0, self.dots, 12):
            mark.paste(160, (x, 4, x + 6, 5))
        self.rows.append(mark)
