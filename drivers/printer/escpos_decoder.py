"""A sans-I/O ESC/POS decoder: bytes in, printer commands out (the virtual printer's front half).

Theory of operation: :meth:`EscPosDecoder.feed` appends bytes to a buffer and cuts complete
commands off its head; an incomplete command waits for more bytes, so input may arrive one byte
at a time. Text needs state to be cut right: in Chinese mode (``FS &``) a lead byte 81-FE starts a
two- or four-byte GB18030 character, after ``FS ( C`` with m=2 text is UTF-8, otherwise a byte
above 7F is one character of the selected code page (``ESC t``). ``ESC @`` returns to the power-on
state, which for most Chinese printers is Chinese mode on (``chinese_at_start``).

The command table covers what we emit and the common commands of other software; a command that is
known but has no effect on paper is an :class:`Ignored` event, an unknown ``ESC``/``GS``/``FS``
sequence an :class:`Unknown` event of its first two bytes.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable

from drivers.printer.escpos_events import (
    BarcodeSetting,
    ChineseMode,
    ColumnImage,
    Cut,
    Event,
    FeedDots,
    GraphicsPrint,
    GraphicsStore,
    Ignored,
    Initialize,
    LineFeed,
    PrintBarcode,
    QrPrint,
    QrSetting,
    QrStore,
    RasterImage,
    SelectEncoding,
    SetAlign,
    SetBold,
    SetCodePage,
    SetInvert,
    SetKanjiMode,
    SetLineSpacing,
    SetPrintMode,
    SetSize,
    SetUnderline,
    StatusRequest,
    TextRun,
    Unknown,
)

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


# Code pages (ESC t n) we can decode; others print as "?".
CODE_PAGES = {
    13: "cp857",
    14: "cp737",
    15: "iso8859_7",
    32: "cp720",
    33: "cp775",
    34: "cp855",
    35: "cp861",
    36: "cp862",
    37: "cp864",
    38: "cp869",
    39: "iso8859_2",
    40: "iso8859_15",
    45: "cp1250",
    46: "cp1251",
    47: "cp1253",
    48: "cp1254",
    49: "cp1255",
    50: "cp1256",
    51: "cp1257",
    52: "cp1258",
    0: "cp437",
    2: "cp850",
    3: "cp860",
    4: "cp863",
    5: "cp865",
    16: "cp1252",
    17: "cp866",
    18: "cp852",
    19: "cp858",
}

# Fixed-length commands without effect on the paper: second byte -> total length.
_ESC_IGNORED = {
    "G": 3,
    "{": 3,
    "R": 3,
    "V": 3,
    "$": 4,
    "\\": 4,
    " ": 3,
    "p": 5,
    "c": 4,
    "e": 3,
    "K": 3,
    "=": 3,
    "U": 3,
    "r": 3,
    "%": 3,
    "?": 3,
    "L": 2,
    "S": 2,
    "T": 3,
    "W": 10,
    "i": 2,
    "m": 2,
    "B": 4,
    "M": 3,
}
_GS_IGNORED = {
    "f": 3,
    "L": 4,
    "W": 4,
    "a": 3,
    "P": 4,
    "b": 3,
    "/": 3,
    "$": 4,
    "\\": 4,
    "T": 3,
    "^": 5,
    ":": 2,
    "I": 3,
    "r": 3,
}
_FS_IGNORED = {"-": 3, "S": 4, "W": 3, "C": 3, "p": 4, "2": 76}

_NEED_DATA = (None, 0)
Parsed = tuple[Event | None, int]


def _u16(low: int, high: int) -> int:
    return low | high << 8


class EscPosDecoder:
    def __init__(self, *, chinese_at_start: bool = True) -> None:
        self.chinese_at_start = chinese_at_start
        self.chinese = chinese_at_start
        self.utf8 = False
        self.code_page = 0
        self._buffer = bytearray()
        self._commands: dict[int, Callable[[bytearray], Parsed]] = {
            ESC: self._esc,
            GS: self._gs,
            FS: self._fs,
            DLE: self._dle,
        }

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        events: list[Event] = []
        while self._buffer:
            event, used = self._next(self._buffer)
            if used == 0:
                break
            del self._buffer[:used]
            if event is None:
                continue
            self._track_state(event)
            if isinstance(event, TextRun) and events and isinstance(events[-1], TextRun):
                last = events[-1]
                if last.wide == event.wide:
                    events[-1] = TextRun(last.text + event.text, last.wide)
                    continue
            events.append(event)
        return events

    def close(self) -> list[Event]:
        """End of the job: a command cut off mid-way is reported as unknown bytes."""
        rest, self._buffer = bytes(self._buffer), bytearray()
        return [Unknown(rest)] if rest else []

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def _track_state(self, event: Event) -> None:
        if isinstance(event, ChineseMode):
            self.chinese = event.on
        elif isinstance(event, SelectEncoding):
            self.utf8 = event.utf8
        elif isinstance(event, SetCodePage):
            self.code_page = event.page
        elif isinstance(event, Initialize):
            self.chinese, self.utf8, self.code_page = self.chinese_at_start, False, 0

    def _next(self, buf: bytearray) -> Parsed:
        b = buf[0]
        if b in self._commands:
            if len(buf) < 2:
                return _NEED_DATA
            return self._commands[b](buf)
        if b == 0x0A:
            return LineFeed(), 1
        if b < 0x20 or b == 0x7F:
            return (Ignored(bytes(buf[:1])) if b not in (0x00, 0x0D) else None), 1
        if b < 0x80:
            return TextRun(chr(b), False), 1
        return self._multibyte(buf)

    def _multibyte(self, buf: bytearray) -> Parsed:
        b = buf[0]
        if self.utf8:
            size = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            if len(buf) < size:
                return _NEED_DATA
            return TextRun(bytes(buf[:size]).decode("utf-8", "replace")[:1], True), size
        if self.chinese:
            if not 0x81 <= b <= 0xFE:
                return TextRun("?", True), 1
            if len(buf) < 2:
                return _NEED_DATA
            size = 4 if 0x30 <= buf[1] <= 0x39 else 2
            if len(buf) < size:
                return _NEED_DATA
            return TextRun(bytes(buf[:size]).decode("gb18030", "replace")[:1], True), size
        codec = CODE_PAGES.get(self.code_page)
        char = codecs.decode(bytes(buf[:1]), codec, "replace") if codec else "?"
        return TextRun(char, False), 1

    def _esc(self, buf: bytearray) -> Parsed:
        cmd = chr(buf[1])
        if cmd == "@":
            return Initialize(), 2
        if cmd == "2":
            return SetLineSpacing(None), 2
        simple: dict[str, Callable[[int], Event]] = {
            "!": SetPrintMode,
            "E": lambda n: SetBold(bool(n & 1)),
            "-": SetUnderline,
            "a": lambda n: SetAlign(n - 48 if n >= 48 else n),
            "d": LineFeed,
            "J": FeedDots,
            "3": SetLineSpacing,
            "t": SetCodePage,
        }
        if cmd in simple:
            return (simple[cmd](buf[2]), 3) if len(buf) >= 3 else _NEED_DATA
        if cmd == "*":
            if len(buf) < 5:
                return _NEED_DATA
            width = _u16(buf[3], buf[4])
            size = 5 + width * (3 if buf[2] in (32, 33) else 1)
            if len(buf) < size:
                return _NEED_DATA
            return ColumnImage(buf[2], width, bytes(buf[5:size])), size
        if cmd == "D":
            end = buf.find(0, 2)
            return (Ignored(bytes(buf[: end + 1])), end + 1) if end >= 0 else _NEED_DATA
        if cmd == "&":
            return self._user_chars(buf)
        if cmd in _ESC_IGNORED:
            size = _ESC_IGNORED[cmd]
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        return Unknown(bytes(buf[:2])), 2

    @staticmethod
    def _user_chars(buf: bytearray) -> Parsed:
        # ESC & y c1 c2 [x d1 ... d(y*x)] for each character c1..c2
        if len(buf) < 5:
            return _NEED_DATA
        y, first, last = buf[2], buf[3], buf[4]
        pos = 5
        for _ in range(max(0, last - first + 1)):
            if len(buf) <= pos:
                return _NEED_DATA
            pos += 1 + y * buf[pos]
        return (Ignored(bytes(buf[:pos])), pos) if len(buf) >= pos else _NEED_DATA

    def _gs(self, buf: bytearray) -> Parsed:
        cmd = chr(buf[1])
        if cmd in "!BhwHVk" and len(buf) < 3:
            return _NEED_DATA
        if cmd == "!":
            return SetSize((buf[2] >> 4 & 7) + 1, (buf[2] & 7) + 1), 3
        if cmd == "B":
            return SetInvert(bool(buf[2] & 1)), 3
        if cmd in "hwH":
            return BarcodeSetting(cmd, buf[2]), 3
        if cmd == "V":
            size = 3 if buf[2] in (0, 1, 48, 49) else 4
            if len(buf) < size:
                return _NEED_DATA
            return Cut(partial=buf[2] in (1, 49, 66, 98, 104)), size
        if cmd == "v":
            if len(buf) < 8:
                return _NEED_DATA
            width, height = _u16(buf[4], buf[5]), _u16(buf[6], buf[7])
            size = 8 + width * height
            if len(buf) < size:
                return _NEED_DATA
            return RasterImage(width, height, buf[3], bytes(buf[8:size])), size
        if cmd == "(":
            if len(buf) < 5:
                return _NEED_DATA
            size = 5 + _u16(buf[3], buf[4])
            if len(buf) < size:
                return _NEED_DATA
            if buf[2] == ord("k"):
                return self._symbol(bytes(buf[5:size])), size
            if buf[2] == ord("L"):
                return self._graphics(bytes(buf[5:size]), bytes(buf[:size])), size
            return Ignored(bytes(buf[:size])), size
        if cmd == "8":
            if len(buf) < 7:
                return _NEED_DATA
            size = 7 + int.from_bytes(buf[3:7], "little")
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        if cmd == "k":
            return self._barcode(buf)
        if cmd == "*":
            if len(buf) < 4:
                return _NEED_DATA
            size = 4 + buf[2] * buf[3] * 8
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        if cmd in _GS_IGNORED:
            size = _GS_IGNORED[cmd]
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        return Unknown(bytes(buf[:2])), 2

    @staticmethod
    def _symbol(body: bytes) -> Event:
        # GS ( k pL pH cn fn [params]; cn 49 (0x31) is QR code.
        if len(body) < 2 or body[0] != 49:
            return Ignored(body)
        fn = body[1]
        if fn == 80:  # store data: m (48) then the data
            return QrStore(body[3:])
        if fn == 81:
            return QrPrint()
        if fn in (65, 67, 69) and len(body) >= 3:
            return QrSetting(fn, body[2])
        return Ignored(body)

    @staticmethod
    def _graphics(body: bytes, raw: bytes) -> Event:
        # GS ( L m fn ...: fn 112 stores a raster (a bx by c xL xH yL yH d...), fn 50 prints it.
        if len(body) >= 2 and body[0] == 48 and body[1] == 50:
            return GraphicsPrint()
        if len(body) >= 10 and body[0] == 48 and body[1] == 112 and body[5] == 49:
            width, height = _u16(body[6], body[7]), _u16(body[8], body[9])
            data = body[10:]
            if len(data) == (width + 7) // 8 * height:
                return GraphicsStore(width, height, body[3], body[4], data)
        return Ignored(raw)

    @staticmethod
    def _barcode(buf: bytearray) -> Parsed:
        system = buf[2]
        if system <= 6:
            end = buf.find(0, 3)
            if end < 0:
                return _NEED_DATA
            return PrintBarcode(system, bytes(buf[3:end])), end + 1
        if len(buf) < 4:
            return _NEED_DATA
        size = 4 + buf[3]
        if len(buf) < size:
            return _NEED_DATA
        return PrintBarcode(system, bytes(buf[4:size])), size

    def _fs(self, buf: bytearray) -> Parsed:
        cmd = chr(buf[1])
        if cmd == "&":
            return ChineseMode(True), 2
        if cmd == ".":
            return ChineseMode(False), 2
        if cmd == "!":
            return (SetKanjiMode(buf[2]), 3) if len(buf) >= 3 else _NEED_DATA
        if cmd == "(":
            if len(buf) < 5:
                return _NEED_DATA
            size = 5 + _u16(buf[3], buf[4])
            if len(buf) < size:
                return _NEED_DATA
            if buf[2] == ord("C") and size >= 7 and buf[5] in (48, 0):
                return SelectEncoding(utf8=buf[6] in (2, 50)), size
            return Ignored(bytes(buf[:size])), size
        if cmd == "q":
            return self._nv_images(buf)
        if cmd in _FS_IGNORED:
            size = _FS_IGNORED[cmd]
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        return Unknown(bytes(buf[:2])), 2

    @staticmethod
    def _nv_images(buf: bytearray) -> Parsed:
        # FS q n [xL xH yL yH d1 ... d(x*y*8)] n times
        if len(buf) < 3:
            return _NEED_DATA
        pos = 3
        for _ in range(buf[2]):
            if len(buf) < pos + 4:
                return _NEED_DATA
            pos += 4 + _u16(buf[pos], buf[pos + 1]) * _u16(buf[pos + 2], buf[pos + 3]) * 8
        return (Ignored(bytes(buf[:pos])), pos) if len(buf) >= pos else _NEED_DATA

    @staticmethod
    def _dle(buf: bytearray) -> Parsed:
        if buf[1] in (0x04, 0x05):  # DLE EOT n, DLE ENQ n
            if len(buf) < 3:
                return _NEED_DATA
            if buf[1] == 0x04:
                size = 4 if buf[2] in (7, 8) else 3
                if len(buf) < size:
                    return _NEED_DATA
                return StatusRequest(buf[2]), size
            return Ignored(bytes(buf[:3])), 3
        if buf[1] == 0x14:  # DLE DC4 fn ...
            if len(buf) < 3:
                return _NEED_DATA
            size = 10 if buf[2] == 8 else 5
            return (Ignored(bytes(buf[:size])), size) if len(buf) >= size else _NEED_DATA
        return Unknown(bytes(buf[:2])), 2
