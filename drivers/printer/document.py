"""A small document model for receipts: layouts are data, the encoder turns them into bytes.

A :class:`Document` is a paper width plus a tuple of elements. :meth:`Document.transcript` is
what a correct printer prints, in the same notation the virtual printer
(:func:`drivers.printer.render.render_escpos`) produces from the bytes, so a round trip can be
compared line by line:

- text lines as printed (trailing spaces dropped; alignment is placement, not text);
- ``[QR] payload``, ``[BARCODE CODE128] data``, ``[IMAGE WxH]``, ``[CUT]`` / ``[CUT partial]``;
- an empty line per fed line.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drivers.printer import textwidth
from drivers.printer.profile import PaperWidth

if TYPE_CHECKING:
    from PIL import Image


RASTER_SLICE = 960  # python-escpos sends taller images as several GS v 0 slices


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Style:
    align: Align = Align.LEFT
    bold: bool = False
    width: int = 1  # character magnification, 1..8 (GS !)
    height: int = 1

    def __post_init__(self) -> None:
        if not (1 <= self.width <= 8 and 1 <= self.height <= 8):
            raise ValueError("character magnification must be 1..8")


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph; wrapped to the paper at the style's width. ``\\n`` breaks a line."""

    text: str
    style: Style = Style()


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal rule across the paper, drawn with an ASCII character."""

    char: str = "-"


@dataclass(frozen=True, slots=True)
class KeyValue:
    """``key`` left and ``value`` right on one line; a value that does not fit goes below the key,
    wrapped and indented."""

    key: str
    value: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Qr:
    """A QR code, centred. ``module`` is the preferred dot size of one module (shrunk to fit)."""

    data: str
    module: int = 6


@dataclass(frozen=True, slots=True)
class Barcode:
    """A CODE128 barcode (printable ASCII only), centred, with its text below."""

    data: str
    height: int = 64  # dots

    def __post_init__(self) -> None:
        if not self.data or not all(32 <= ord(ch) < 127 for ch in self.data):
            raise ValueError("a CODE128 barcode takes 1 or more printable ASCII characters")


@dataclass(frozen=True, slots=True, eq=False)
class Picture:
    """A logo or other image, printed as a raster (GS v 0), centred; black where dark."""

    image: Image.Image


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    partial: bool = False


Element = Text | Rule | KeyValue | Qr | Barcode | Picture | Feed | Cut


@dataclass(frozen=True, slots=True)
class Line:
    """One printed text line of the document, with its style."""

    text: str
    style: Style


@dataclass(frozen=True, slots=True)
class Document:
    paper: PaperWidth
    elements: tuple[Element, ...] = field(default_factory=tuple)

    def text_lines(self, element: Text | Rule | KeyValue) -> list[Line]:
        """The printed lines of one text element on this paper (never wider than the paper)."""
        columns = self.paper.columns
        if isinstance(element, Text):
            style = element.style
            return [Line(t, style) for t in textwidth.wrap(element.text, columns // style.width)]
        if isinstance(element, Rule):
            char = element.char if len(element.char) == 1 and element.char.isascii() else "-"
            return [Line(char * columns, Style())]
        style = Style(bold=element.bold)
        key = textwidth.clean(element.key).replace("\n", " ").strip()
        value = textwidth.clean(element.value).replace("\n", " ").strip()
        if textwidth.width(key) + 2 + textwidth.width(value) <= columns:
            return [Line(textwidth.pad_between(key, value, columns), style)]
        lines = [Line(t, style) for t in textwidth.wrap(key, columns)]
        lines += [Line("  " + t, style) for t in textwidth.wrap(value, columns - 2)]
        return lines

    def transcript(self) -> str:
        return "\n".join(self._transcript_lines()) + "\n"

    def _transcript_lines(self) -> Iterator[str]:
        for element in self.elements:
            if isinstance(element, Text | Rule | KeyValue):
                for line in self.text_lines(element):
                    yield line.text.rstrip()
            elif isinstance(element, Qr):
                yield f"[QR] {element.data}"
            elif isinstance(element, Barcode):
                yield f"[BARCODE CODE128] {element.data}"
            elif isinstance(element, Picture):
                w, h = fit_picture_size(element.image.size, self.paper.dots)
                for top in range(0, h, RASTER_SLICE):
                    yield f"[IMAGE {w}x{min(RASTER_SLICE, h - top)}]"
            elif isinstance(element, Feed):
                yield from [""] * element.lines
            else:
                yield "[CUT partial]" if element.partial else "[CUT]"


def fit_picture_size(size: tuple[int, int], dots: int) -> tuple[int, int]:
    """A picture's printed size: scaled down to the paper, width rounded up to whole bytes."""
    w, h = size
    if w > dots:
        h = max(1, round(h * dots / w))
        w = dots
    return (w + 7) // 8 * 8, h
