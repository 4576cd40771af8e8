"""Printer capabilities as data: paper width, Chinese encoding, QR mode, cutter.

A hall's printers differ in how they take Chinese text (REFERENCE §2), so the kiosk config holds a
profile per printer; :meth:`PrinterProfile.from_dict` reads the config table.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from drivers.printer.errors import PrinterConfigError


class PaperWidth(enum.Enum):
    """Roll width. Font A is 12x24 dots per half-width column; a CJK character takes two."""

    MM58 = "58mm"
    MM80 = "80mm"

    @property
    def columns(self) -> int:
        return 32 if self is PaperWidth.MM58 else 48

    @property
    def dots(self) -> int:
        return 384 if self is PaperWidth.MM58 else 576

    @classmethod
    def parse(cls, value: str | int) -> PaperWidth:
        text = str(value).strip().lower().removesuffix("mm")
        for member in cls:
            if member.value.removesuffix("mm") == text:
                return member
        raise PrinterConfigError(f"paper width must be 58mm or 80mm, not {value!r}")


class ChineseEncoding(enum.Enum):
    """How Chinese text reaches the printer."""

    GB18030_FS = "gb18030-fs"  # FS & before Chinese text, FS . after (default, works everywhere)
    GB18030_NATIVE = "gb18030"  # printer powers up in Chinese mode: raw GB18030, no mode switch
    UTF8 = "utf-8"  # printer set to UTF-8 with FS ( C (newer Epson/Xprinter firmware)


class QrMode(enum.Enum):
    NATIVE = "native"  # GS ( k: the printer draws the code (small job, fast)
    RASTER = "raster"  # GS v 0 image: for printers without a QR engine


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    paper: PaperWidth = PaperWidth.MM80
    encoding: ChineseEncoding = ChineseEncoding.GB18030_FS
    qr: QrMode = QrMode.NATIVE
    cutter: bool = True
    timeout: float = 10.0  # seconds for connect, send and each status reply
    status: bool = True  # ask DLE EOT before and after each job (False: printer never answers)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PrinterProfile:
        """Read a config table, e.g. ``{"paper": "58mm", "encoding": "utf-8", "qr": "raster"}``."""
        known = {"paper", "encoding", "qr", "cutter", "timeout", "status"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise PrinterConfigError(
                f"unknown printer profile key(s) {', '.join(unknown)}; allowed: "
                + ", ".join(sorted(known))
            )
        default = cls()
        try:
            encoding = ChineseEncoding(data.get("encoding", default.encoding.value))
        except ValueError:
            allowed = ", ".join(e.value for e in ChineseEncoding)
            raise PrinterConfigError(
                f"printer encoding must be one of {allowed}, not {data.get('encoding')!r}"
            ) from None
        try:
            qr = QrMode(data.get("qr", default.qr.value))
        except ValueError:
            raise PrinterConfigError(
                f"printer qr must be native or raster, not {data.get('qr')!r}"
            ) from None
        cutter = data.get("cutter", default.cutter)
        if not isinstance(cutter, bool):
            raise PrinterConfigError(f"printer cutter must be true or false, not {cutter!r}")
        status = data.get("status", default.status)
        if not isinstance(status, bool):
            raise PrinterConfigError(f"printer status must be true or false, not {status!r}")
        timeout = data.get("timeout", default.timeout)
        if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
            raise PrinterConfigError(f"printer timeout must be seconds > 0, not {timeout!r}")
        paper = data.get("paper", default.paper.value)
        return cls(
            paper=PaperWidth.parse(paper),
            encoding=encoding,
            qr=qr,
            cutter=cutter,
            timeout=float(timeout),
            status=status,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "paper": self.paper.value,
            "encoding": self.encoding.value,
            "qr": self.qr.value,
            "cutter": self.cutter,
            "timeout": self.timeout,
            "status": self.status,
        }
