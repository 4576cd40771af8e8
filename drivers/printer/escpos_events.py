"""The events of :mod:`drivers.printer.escpos_decoder`: one frozen dataclass per printer command
(or group of commands) that changes what comes out on paper."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TextRun:
    text: str
    wide: bool  # a Chinese-mode (double-byte) character: a full 24-dot cell


@dataclass(frozen=True, slots=True)
class LineFeed:
    lines: int = 1  # LF is 1, ESC d n is n


@dataclass(frozen=True, slots=True)
class FeedDots:
    dots: int


@dataclass(frozen=True, slots=True)
class Initialize:
    pass


@dataclass(frozen=True, slots=True)
class SetAlign:
    align: int  # 0 left, 1 centre, 2 right


@dataclass(frozen=True, slots=True)
class SetSize:
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class SetPrintMode:
    mode: int  # ESC !: bit 3 bold, 4 double height, 5 double width, 7 underline


@dataclass(frozen=True, slots=True)
class SetKanjiMode:
    mode: int  # FS !: bit 2 double width, 3 double height, 7 underline


@dataclass(frozen=True, slots=True)
class SetBold:
    on: bool


@dataclass(frozen=True, slots=True)
class SetUnderline:
    dots: int


@dataclass(frozen=True, slots=True)
class SetInvert:
    on: bool


@dataclass(frozen=True, slots=True)
class SetLineSpacing:
    dots: int | None  # None: the default (ESC 2)


@dataclass(frozen=True, slots=True)
class SetCodePage:
    page: int


@dataclass(frozen=True, slots=True)
class ChineseMode:
    on: bool


@dataclass(frozen=True, slots=True)
class SelectEncoding:
    utf8: bool


@dataclass(frozen=True, slots=True)
class QrSetting:
    function: int  # 65 model, 67 module size, 69 error correction
    value: int


@dataclass(frozen=True, slots=True)
class QrStore:
    data: bytes


@dataclass(frozen=True, slots=True)
class QrPrint:
    pass


@dataclass(frozen=True, slots=True)
class RasterImage:
    width_bytes: int
    height: int
    mode: int
    data: bytes


@dataclass(frozen=True, slots=True)
class ColumnImage:
    mode: int  # ESC * m: 0/1 8-dot, 32/33 24-dot
    width: int
    data: bytes


@dataclass(frozen=True, slots=True)
class BarcodeSetting:
    command: str  # "h" height, "w" module width, "H" text position
    value: int


@dataclass(frozen=True, slots=True)
class PrintBarcode:
    system: int
    data: bytes


@dataclass(frozen=True, slots=True)
class Cut:
    partial: bool


@dataclass(frozen=True, slots=True)
class StatusRequest:
    kind: int  # DLE EOT n: 1 printer, 2 offline cause, 3 error cause, 4 paper sensor


@dataclass(frozen=True, slots=True)
class GraphicsStore:
    width: int  # dots
    height: int
    scale_x: int
    scale_y: int
    data: bytes  # raster rows, MSB first, (width + 7) // 8 bytes per row


@dataclass(frozen=True, slots=True)
class GraphicsPrint:
    pass


@dataclass(frozen=True, slots=True)
class Ignored:
    raw: bytes


@dataclass(frozen=True, slots=True)
class Unknown:
    raw: bytes


Event = (
    TextRun
    | LineFeed
    | FeedDots
    | Initialize
    | SetAlign
    | SetSize
    | SetPrintMode
    | SetKanjiMode
    | SetBold
    | SetUnderline
    | SetInvert
    | SetLineSpacing
    | SetCodePage
    | ChineseMode
    | SelectEncoding
    | QrSetting
    | QrStore
    | QrPrint
    | RasterImage
    | ColumnImage
    | BarcodeSetting
    | PrintBarcode
    | Cut
    | StatusRequest
    | GraphicsStore
    | GraphicsPrint
    | Ignored
    | Unknown
)
