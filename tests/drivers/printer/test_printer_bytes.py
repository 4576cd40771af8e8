"""Byte tables: each document element -> ESC/POS bytes, and the same bytes -> decoder events,
fed whole and one byte at a time."""

from __future__ import annotations

import pytest
from PIL import Image

from drivers.printer import escpos_decoder as ev
from drivers.printer.document import (
    Align,
    Barcode,
    Cut,
    Document,
    Element,
    Feed,
    KeyValue,
    Picture,
    Qr,
    Rule,
    Style,
    Text,
)
from drivers.printer.encoder import encode
from drivers.printer.profile import ChineseEncoding, PaperWidth, PrinterProfile

INIT = b"\x1b@"
PLAIN = b"\x1d!\x00\x1bE\x00\x1ba\x00"  # GS ! 0, ESC E 0, ESC a 0
CENTRE = b"\x1d!\x00\x1bE\x00\x1ba\x01"
PLAIN_EVENTS: list[ev.Event] = [ev.SetSize(1, 1), ev.SetBold(False), ev.SetAlign(0)]
CENTRE_EVENTS: list[ev.Event] = [ev.SetSize(1, 1), ev.SetBold(False), ev.SetAlign(1)]
CHINESE = "中文，。：（）￥"
CHINESE_GB = bytes.fromhex("d6d0cec4 a3ac a1a3 a3ba a3a8 a3a9 a3a4")

FS = ChineseEncoding.GB18030_FS
NATIVE = ChineseEncoding.GB18030_NATIVE
UTF8 = ChineseEncoding.UTF8

# element, encoding, bytes after ESC @ (and FS ( C for UTF-8), decoded events
TABLE: list[tuple[str, Element, ChineseEncoding, bytes, list[ev.Event]]] = [
    (
        "ascii",
        Text("ABC 123"),
        FS,
        PLAIN + b"ABC 123\n",
        [*PLAIN_EVENTS, ev.TextRun("ABC 123", False), ev.LineFeed()],
    ),
    (
        "chinese-fs",
        Text(CHINESE),
        FS,
        PLAIN + b"\x1c&" + CHINESE_GB + b"\x1c.\n",
        [
            *PLAIN_EVENTS,
            ev.ChineseMode(True),
            ev.TextRun(CHINESE, True),
            ev.ChineseMode(False),
            ev.LineFeed(),
        ],
    ),
    (
        "chinese-native",
        Text(CHINESE),
        NATIVE,
        PLAIN + CHINESE_GB + b"\n",
        [*PLAIN_EVENTS, ev.TextRun(CHINESE, True), ev.LineFeed()],
    ),
    (
        "chinese-utf8",
        Text(CHINESE),
        UTF8,
        PLAIN + CHINESE.encode() + b"\n",
        [*PLAIN_EVENTS, ev.TextRun(CHINESE, True), ev.LineFeed()],
    ),
    (
        "mixed",
        Text("号A1"),
        FS,
        PLAIN + b"\x1c&\xba\xc5A1\x1c.\n",
        [
            *PLAIN_EVENTS,
            ev.ChineseMode(True),
            ev.TextRun("号", True),
            ev.TextRun("A1", False),
            ev.ChineseMode(False),
            ev.LineFeed(),
        ],
    ),
    (
        "half-width-yen",
        Text("¥5"),
        FS,
        PLAIN + b"\x1c&\xa3\xa45\x1c.\n",
        [
            *PLAIN_EVENTS,
            ev.ChineseMode(True),
            ev.TextRun("￥", True),
            ev.TextRun("5", False),
            ev.ChineseMode(False),
            ev.LineFeed(),
        ],
    ),
    (
        "control-chars-dropped",
        Text("A\x1bB\x1d!C"),
        FS,
        PLAIN + b"AB!C\n",
        [*PLAIN_EVENTS, ev.TextRun("AB!C", False), ev.LineFeed()],
    ),
    (
        "style",
        Text("A", Style(Align.CENTER, bold=True, width=2, height=3)),
        FS,
        b"\x1d!\x12\x1bE\x01\x1ba\x01A\n",
        [ev.SetSize(2, 3), ev.SetBold(True), ev.SetAlign(1), ev.TextRun("A", False), ev.LineFeed()],
    ),
    (
        "rule",
        Rule(),
        FS,
        PLAIN + b"-" * 32 + b"\n",
        [*PLAIN_EVENTS, ev.TextRun("-" * 32, False), ev.LineFeed()],
    ),
    (
        "key-value",
        KeyValue("证号", "1101"),
        FS,
        PLAIN + b"\x1c&\xd6\xa4\xba\xc5" + b" " * 24 + b"1101\x1c.\n",
        [
            *PLAIN_EVENTS,
            ev.ChineseMode(True),
            ev.TextRun("证号", True),
            ev.TextRun(" " * 24 + "1101", False),
            ev.ChineseMode(False),
            ev.LineFeed(),
        ],
    ),
    (
        "qr-native",
        Qr("https://x", module=6),
        FS,
        CENTRE + b"\x1d(k\x04\x001A2\x00\x1d(k\x03\x001C\x06\x1d(k\x03\x001E1"
        b"\x1d(k\x0c\x001P0https://x\x1d(k\x03\x001Q0",
        [
            *CENTRE_EVENTS,
            ev.QrSetting(65, 50),
            ev.QrSetting(67, 6),
            ev.QrSetting(69, 49),
            ev.QrStore(b"https://x"),
            ev.QrPrint(),
        ],
    ),
    (
        "barcode",
        Barcode("AB12"),
        FS,
        CENTRE + b"\x1ba\x01\x1dh@\x1dw\x03\x1df\x00\x1dH\x02\x1dkI\x06{BAB12",
        [
            *CENTRE_EVENTS,
            ev.SetAlign(1),
            ev.BarcodeSetting("h", 64),
            ev.BarcodeSetting("w", 3),
            ev.Ignored(b"\x1df\x00"),
            ev.BarcodeSetting("H", 2),
            ev.PrintBarcode(73, b"{BAB12"),
        ],
    ),
    (
        "picture",
        Picture(Image.new("L", (8, 2), 0)),
        FS,
        CENTRE + b"\x1dv0\x00\x01\x00\x02\x00\xff\xff",
        [*CENTRE_EVENTS, ev.RasterImage(1, 2, 0, b"\xff\xff")],
    ),
    ("feed", Feed(2), FS, b"\x1bd\x02", [ev.LineFeed(2)]),
    ("cut", Cut(), FS, b"\x1dVA\x03", [ev.Cut(partial=False)]),
    ("cut-partial", Cut(partial=True), FS, b"\x1dVB\x03", [ev.Cut(partial=True)]),
]


def _decode(data: bytes, *, one_by_one: bool, chinese_at_start: bool = False) -> list[ev.Event]:
    decoder = ev.EscPosDecoder(chinese_at_start=chinese_at_start)
    if one_by_one:
        events = [e for i in range(len(data)) for e in decoder.feed(data[i : i + 1])]
    else:
        events = decoder.feed(data)
    assert decoder.close() == []
    # Feeding byte by byte splits text runs; join neighbours for the comparison.
    joined: list[ev.Event] = []
    for event in events:
        last = joined[-1] if joined else None
        if (
            isinstance(event, ev.TextRun)
            and isinstance(last, ev.TextRun)
            and last.wide == event.wide
        ):
            joined[-1] = ev.TextRun(last.text + event.text, last.wide)
            continue
        joined.append(event)
    return joined


@pytest.mark.parametrize(
    ("element", "encoding", "data", "events"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_element_encodes_to_bytes(
    element: Element, encoding: ChineseEncoding, data: bytes, events: list[ev.Event]
) -> None:
    profile = PrinterProfile(paper=PaperWidth.MM58, encoding=encoding)
    prefix = INIT + (b"\x1c(C\x02\x000\x02" if encoding is UTF8 else b"")
    assert encode(Document(PaperWidth.MM58, (element,)), profile) == prefix + data


@pytest.mark.parametrize("one_by_one", [False, True], ids=["whole", "byte-by-byte"])
@pytest.mark.parametrize(
    ("element", "encoding", "data", "events"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_bytes_decode_to_events(
    element: Element,
    encoding: ChineseEncoding,
    data: bytes,
    events: list[ev.Event],
    one_by_one: bool,
) -> None:
    prefix: list[ev.Event] = [ev.SelectEncoding(utf8=True)] if encoding is UTF8 else []
    prefix_bytes = b"\x1c(C\x02\x000\x02" if encoding is UTF8 else b""
    # GB18030 without FS & relies on the printer starting in Chinese mode.
    chinese_at_start = encoding is NATIVE
    decoded = _decode(prefix_bytes + data, one_by_one=one_by_one, chinese_at_start=chinese_at_start)
    assert decoded == prefix + events


def test_chinese_mode_switches_both_ways() -> None:
    # 0xB0 0xA1 is 啊 in Chinese mode; outside it, two CP437 characters.
    data = b"\xb0\xa1\x1c&\xb0\xa1\x1c.\xb0\xa1\x1c&\xb0\xa1\x1b@\xb0\xa1"
    for one_by_one in (False, True):
        events = _decode(data, one_by_one=one_by_one, chinese_at_start=False)
        assert events == [
            ev.TextRun("░í", False),
            ev.ChineseMode(True),
            ev.TextRun("啊", True),
            ev.ChineseMode(False),
            ev.TextRun("░í", False),
            ev.ChineseMode(True),
            ev.TextRun("啊", True),
            ev.Initialize(),
            ev.TextRun("░í", False),
        ]


def test_initialize_returns_to_a_chinese_printers_power_on_mode() -> None:
    events = _decode(b"\x1c.\xb0\xa1\x1b@\xb0\xa1", one_by_one=True, chinese_at_start=True)
    assert events == [
        ev.ChineseMode(False),
        ev.TextRun("░í", False),
        ev.Initialize(),
        ev.TextRun("啊", True),
    ]


def test_four_byte_gb18030_and_code_pages() -> None:
    emoji_free_rare = "𠀀"  # CJK Extension B: a four-byte GB18030 sequence
    data = b"\x1c&" + emoji_free_rare.encode("gb18030") + b"\x1c.\x1bt\x13\xd5"
    assert _decode(data, one_by_one=True) == [
        ev.ChineseMode(True),
        ev.TextRun(emoji_free_rare, True),
        ev.ChineseMode(False),
        ev.SetCodePage(19),
        ev.TextRun("€", False),
    ]


def test_python_escpos_bare_gb18030_prints_garbage_on_a_printer_in_ascii_mode() -> None:
    """Why the encoder sends FS &: python-escpos writes CJK without it (REFERENCE §2)."""
    from escpos.printer import Dummy

    printer = Dummy()
    printer.text("中文\n")
    events = _decode(printer.output, one_by_one=False, chinese_at_start=False)
    texts = "".join(e.text for e in events if isinstance(e, ev.TextRun))
    assert "中文" not in texts


def test_commands_of_other_software_are_cut_right() -> None:
    data = (
        b"\x1b!\x38"  # ESC ! bold + double
        b"\x1b*\x21\x02\x00"
        + b"\xff" * 6  # ESC * 24-dot image, 2 columns
        + b"\x1bp\x00\x19\xfa"  # cash drawer pulse
        + b"\x1dL\x00\x00"  # left margin
        + b"\x1d(L\x04\x000E\x01\x01"  # GS ( L: graphics function
        + b"\x1c!\x0c"  # FS ! kanji double
        + b"\x10\x04\x04"  # DLE EOT 4
        + b"\x1b\xee"  # unknown
        + b"\x1d\x56\x00"  # GS V 0
    )
    assert _decode(data, one_by_one=True) == [
        ev.SetPrintMode(0x38),
        ev.ColumnImage(33, 2, b"\xff" * 6),
        ev.Ignored(b"\x1bp\x00\x19\xfa"),
        ev.Ignored(b"\x1dL\x00\x00"),
        ev.Ignored(b"\x1d(L\x04\x000E\x01\x01"),
        ev.SetKanjiMode(0x0C),
        ev.StatusRequest(4),
        ev.Unknown(b"\x1b\xee"),
        ev.Cut(partial=False),
    ]


def test_truncated_job_is_reported_not_lost() -> None:
    decoder = ev.EscPosDecoder()
    assert decoder.feed(b"A\x1dv0\x00\x10\x00") == [ev.TextRun("A", False)]
    assert decoder.pending == 6
    assert decoder.close() == [ev.Unknown(b"\x1dv0\x00\x10\x00")]
