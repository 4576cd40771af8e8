"""Document -> ESC/POS bytes, through python-escpos, with Chinese text encoded explicitly.

python-escpos sends any string with a CJK ideograph as bare GB18030 (no ``FS &``) and pushes CJK
punctuation through code pages, where it prints ``?`` (REFERENCE §2). So text bytes are made
here, per the printer profile, and python-escpos does the rest: styles, QR, images, barcodes.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from drivers.printer.document import (
    RASTER_SLICE,
    Align,
    Barcode,
    Cut,
    Document,
    Feed,
    KeyValue,
    Picture,
    Qr,
    Rule,
    Style,
    Text,
    fit_picture_size,
)
from drivers.printer.errors import PrinterError
from drivers.printer.profile import ChineseEncoding, PrinterProfile, QrMode

if TYPE_CHECKING:
    from escpos.printer import Dummy
    from PIL import Image

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
SELECT_UTF8 = FS + b"(C\x02\x000\x02"  # FS ( C fn=48 m=2: character encoding UTF-8
LF = b"\n"
CUT_FULL = GS + b"VA\x03"  # feed to the cutter (+3 dots), full cut
CUT_PARTIAL = GS + b"VB\x03"
TEAR_OFF_FEED = ESC + b"J\x78"  # no cutter: feed 120 dots (15 mm) up to the tear bar


QR_EC_LEVEL = "M"  # 15 % recovery: survives a smudge, keeps tickets short


class LayoutError(PrinterError):
    """The document cannot be printed on this paper (too wide a code, wrong paper width)."""

    exit_code = 2
    reason = "layout"
    notice = "凭条内容无法打印，请联系工作人员。"


def encode_text(text: str, encoding: ChineseEncoding) -> bytes:
    """One line of text as the printer wants it (no line feed)."""
    if encoding is ChineseEncoding.UTF8:
        return text.encode("utf-8")
    data = text.encode("gb18030")
    if encoding is ChineseEncoding.GB18030_FS and not text.isascii():
        return CHINESE_ON + data + CHINESE_OFF
    return data


def encode(document: Document, profile: PrinterProfile) -> bytes:
    """The complete job: initialise, every element, cut (or feed to the tear bar)."""
    if document.paper is not profile.paper:
        raise LayoutError(
            f"the document is laid out for {document.paper.value} paper "
            f"but the printer profile says {profile.paper.value}"
        )
    return _Encoder(profile).run(document)


class _Encoder:
    def __init__(self, profile: PrinterProfile) -> None:
        from escpos.printer import Dummy

        self.profile = profile
        self.p: Dummy = Dummy()
        # The bundled default profile has no media width; give it ours so python-escpos checks
        # image widths (on a copy: profile data is shared by every printer object of the class).
        data = copy.deepcopy(self.p.profile.profile_data)
        data["media"]["width"] = {"mm": profile.paper.value, "pixels": profile.paper.dots}
        self.p.profile.profile_data = data
        self.style: Style | None = None

    def run(self, document: Document) -> bytes:
        p = self.p
        p._raw(INIT)
        if self.profile.encoding is ChineseEncoding.UTF8:
            p._raw(SELECT_UTF8)
        for element in document.elements:
            if isinstance(element, Text | Rule | KeyValue):
                for line in document.text_lines(element):
                    self._set_style(line.style)
                    p._raw(encode_text(line.text, self.profile.encoding) + LF)
            elif isinstance(element, Qr):
                self._qr(element)
            elif isinstance(element, Barcode):
                self._barcode(element)
            elif isinstance(element, Picture):
                self._picture(element.image)
            elif isinstance(element, Feed):
                p.print_and_feed(element.lines)
            elif isinstance(element, Cut):
                if self.profile.cutter:
                    p._raw(CUT_PARTIAL if element.partial else CUT_FULL)
                else:
                    p._raw(TEAR_OFF_FEED)
        return p.output

    def _set_style(self, style: Style) -> None:
        if style == self.style:
            return
        self.p.set(
            align=style.align.value,
            bold=style.bold,
            custom_size=True,
            width=style.width,
            height=style.height,
        )
        self.style = style

    def _align_center(self) -> None:
        self._set_style(Style(align=Align.CENTER))

    def _qr(self, qr: Qr) -> None:
        from escpos.constants import QR_ECLEVEL_M

        modules = qr_modules(qr.data)
        module = min(qr.module, self.profile.paper.dots // modules)
        if module < 1 or module > 16:
            raise LayoutError(f"a QR code of {len(qr.data)} characters does not fit the paper")
        self._align_center()
        if self.profile.qr is QrMode.NATIVE:
            self.p.qr(qr.data, ec=QR_ECLEVEL_M, size=module, native=True)
        else:
            self._raster(qr_image(qr.data, module))

    def _barcode(self, barcode: Barcode) -> None:
        # CODE128 set B: 11 modules per character, plus start, check and stop (+2 bar ends).
        modules = 11 * (len(barcode.data) + 3) + 2
        module = min(3, self.profile.paper.dots // modules)
        if module < 2:
            raise LayoutError(f"barcode {barcode.data!r} is too long for the paper")
        self._align_center()
        # The hardware path directly: barcode() would print() its choice to stdout.
        self.p._hw_barcode(
            "{B" + barcode.data,
            "CODE128",
            height=barcode.height,
            width=module,
            pos="BELOW",
            function_type="B",
        )

    def _picture(self, image: Image.Image) -> None:
        dots = self.profile.paper.dots
        _, height = fit_picture_size(image.size, dots)
        if image.width > dots:
            image = image.resize((dots, height))
        self._align_center()
        self._raster(image)

    def _raster(self, image: Image.Image) -> None:
        # python-escpos splits images taller than 960 dots into several GS v 0 commands.
        self.p.image(image, impl="bitImageRaster", center=False, fragment_height=RASTER_SLICE)


def qr_modules(data: str) -> int:
    """Modules per side of the smallest QR (EC level M) holding ``data``."""
    import qrcode
    from qrcode.exceptions import DataOverflowError

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data.encode("utf-8"))
    try:
        version = code.best_fit()  # the size only: building the matrix costs 10x more
    except (DataOverflowError, ValueError):
        raise LayoutError(f"{len(data)} characters are too many for one QR code") from None
    return 17 + 4 * int(version)


def qr_image(data: str, module: int) -> Image.Image:
    """The QR as a printer draws it: ``module`` dots per module, no quiet zone (paper is white)."""
    import qrcode

    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module, border=0
    )
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return code.make_image().get_image().convert("L")
