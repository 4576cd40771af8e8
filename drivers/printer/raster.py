"""Pixels for the virtual printer: glyphs, bit images, QR and barcodes as a printer draws them."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from drivers.printer.errors import PrinterConfigError

if TYPE_CHECKING:
    from PIL import Image, ImageFont

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
CJK_BOLD_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
_MONO_SC_FACE = "Noto Sans Mono CJK SC"
# GS k system -> python-barcode name (None: drawn as a plain block, the name still transcribed)
BARCODES: dict[int, tuple[str, str | None]] = {
    0: ("UPC-A", "upca"), 1: ("UPC-E", None), 2: ("EAN13", "ean13"), 3: ("EAN8", "ean8"),
    4: ("CODE39", "code39"), 5: ("ITF", "itf"), 6: ("CODABAR", None), 65: ("UPC-A", "upca"),
    66: ("UPC-E", None), 67: ("EAN13", "ean13"), 68: ("EAN8", "ean8"), 69: ("CODE39", "code39"),
    70: ("ITF", "itf"), 71: ("CODABAR", None), 72: ("CODE93", None), 73: ("CODE128", "code128"),
}  # fmt: skip


@functools.lru_cache(maxsize=1)
def font(path: str) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    try:
        for index in range(16):
            face = ImageFont.truetype(path, 21, index=index)
            if face.getname()[0] == _MONO_SC_FACE:
                return face
    except OSError:
        pass
    raise PrinterConfigError(
        f"the CJK font {_MONO_SC_FACE} was not found in {path}; install fonts-noto-cjk"
    )


@functools.lru_cache(maxsize=4096)
def glyph(path: str, char: str, wide: bool, bold: bool) -> Image.Image:
    """One character in its 12x24 (or 24x24) font-A cell, black on white."""
    from PIL import Image, ImageDraw

    face = font(path)
    cell = Image.new("L", (24 if wide else 12, 24), 255)
    draw = ImageDraw.Draw(cell)
    # At 21 px Noto's glyphs, descenders included, span y = 6..30: lift them into the cell.
    x = max(0.0, (cell.width - face.getlength(char)) / 2)
    for dx in (0, 1) if bold else (0,):
        draw.text((x + dx, -6), char, font=face, fill=0)
    return cell


def bits(data: bytes, width_bytes: int, height: int) -> Image.Image:
    """Raster rows (GS v 0, GS ( L): one bit per dot, MSB left, 1 = black."""
    import numpy as np
    from PIL import Image

    pixels = np.unpackbits(np.frombuffer(data, dtype=np.uint8)).reshape(height, width_bytes * 8)
    return Image.fromarray(((1 - pixels) * 255).astype(np.uint8), "L")


def columns(mode: int, width: int, data: bytes) -> Image.Image:
    """ESC * column data: 8 or 24 dots per column, MSB at the top; single density doubles."""
    import numpy as np
    from PIL import Image

    rows = 24 if mode in (32, 33) else 8
    packed = np.frombuffer(data, dtype=np.uint8).reshape(width, rows // 8)
    pixels = np.unpackbits(packed, axis=1).T
    image = Image.fromarray(((1 - pixels) * 255).astype(np.uint8), "L")
    return image.resize((width * 2, rows)) if mode in (0, 32) else image


def qr(data: bytes, module: int, ec: int) -> Image.Image:
    """A native QR as the printer draws it from GS ( k settings (ec 48..51 = L, M, Q, H)."""
    import qrcode

    levels = {48: "L", 49: "M", 50: "Q", 51: "H"}
    level = getattr(qrcode.constants, f"ERROR_CORRECT_{levels.get(ec, 'L')}")
    code = qrcode.QRCode(error_correction=level, box_size=max(1, module), border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.make_image().get_image().convert("L")


def find_qr(image: Image.Image) -> str | None:
    """The text of a QR code in a bit image, if it is one (a quiet zone added for the reader)."""
    import zxingcpp
    from PIL import ImageOps

    if image.width < 21 or image.height < 21:
        return None
    framed = ImageOps.expand(image, border=16, fill=255)
    results = zxingcpp.read_barcodes(framed, try_rotate=False, try_invert=False)
    texts = [r.text for r in results if r.format == zxingcpp.BarcodeFormat.QRCode]
    return texts[0] if texts else None


def barcode(system: int, text: str, module: int, height: int) -> tuple[str, Image.Image]:
    """(name, bars) for GS k; symbologies python-barcode lacks are drawn as a solid block."""
    import barcode as python_barcode
    from PIL import Image

    name, library_name = BARCODES.get(system, (f"TYPE{system}", None))
    modules = "1" * (11 * len(text))
    if library_name is not None:
        try:
            modules = "".join(python_barcode.get(library_name, text).build())
        except Exception:  # data the symbology rejects: the printer would print nothing useful
            modules = "1" * (11 * len(text))
    module = max(1, module)
    bars = Image.new("L", (max(1, len(modules)) * module, max(1, height)), 255)
    for index, bit in enumerate(modules):
        if bit == "1":
            bars.paste(0, (index * module, 0, (index + 1) * module, bars.height))
    return name, bars


def text_picture(text: str, height: int, font_path: str = CJK_BOLD_FONT) -> Image.Image:
    """``text`` drawn about ``height`` dots high, black on white in one bit: a big number that
    prints crisp (the printer's own magnification only multiplies its 24-dot font's blocks)."""
    from PIL import Image, ImageDraw, ImageFont

    try:
        face = ImageFont.truetype(font_path, size=round(height * 1.35))  # digits: ~0.74 em
    except OSError:
        raise PrinterConfigError(
            f"the bold CJK font was not found at {font_path}; install fonts-noto-cjk"
        ) from None
    left, top, right, bottom = (round(edge) for edge in face.getbbox(text))
    image = Image.new("L", (right - left + 8, bottom - top + 8), 255)
    ImageDraw.Draw(image).text((4 - left, 4 - top), text, font=face, fill=0)
    return image.point(lambda v: 0 if v < 128 else 255, mode="1")
