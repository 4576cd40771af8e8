"""Column arithmetic for receipt paper: what fits on a line, and where to break.

In the printer's Chinese mode every non-ASCII character is a double-byte (or four-byte) GB18030
character drawn in a full-width 24x24 cell, so it takes two columns; ASCII takes one. That rule
is exact for the printer, unlike East-Asian-width tables (``·`` or ``é`` are full width here).
"""

from __future__ import annotations

import unicodedata

# The half-width yen sign is a four-byte sequence in GB18030 that most printer fonts lack; the
# full-width sign (A3 A4) prints everywhere.
_REPLACEMENTS = str.maketrans({"\u00a5": "\uffe5", "\t": " ", "\u3000": "  "})

# Characters a line should not start with (closing punctuation): wrapping moves one character
# down with them instead (a simple 避头 rule).
_NO_LINE_START = set("，。、：；！？）》」』】〕…%,.;:!?)]}")


def clean(text: str) -> str:
    """Printable text only: control characters (ESC, GS...) must never reach the printer as
    commands, so they are dropped; newlines are kept for the caller to split on."""
    text = unicodedata.normalize("NFC", text.translate(_REPLACEMENTS))
    return "".join(
        ch
        for ch in text
        if ch == "\n" or not unicodedata.category(ch).startswith(("C", "Z")) or ch == " "
    )


def char_width(ch: str) -> int:
    return 1 if ord(ch) < 0x80 else 2


def width(text: str) -> int:
    return sum(1 if ord(ch) < 0x80 else 2 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Break ``text`` into lines of at most ``columns`` columns (at least one line).

    Explicit newlines are kept. ASCII words break at spaces when they can; CJK breaks anywhere.
    """
    if columns < 2:
        raise ValueError("a line needs at least two columns (one CJK character)")
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph.rstrip(), columns))
    return lines


def _wrap_paragraph(text: str, columns: int) -> list[str]:
    lines: list[str] = []
    while width(text) > columns:
        cut = _fit(text, columns)
        head = text[:cut]
        # Prefer breaking ASCII words at the last space on the line.
        if text[cut].isascii() and text[cut] != " " and head[-1:].isascii():
            space = head.rfind(" ")
            if space > 0 and head[:space].strip():
                cut = space
                head = text[:cut]
        # Keep closing punctuation off the start of the next line.
        if text[cut] in _NO_LINE_START and cut > 1:
            cut -= 1
            head = text[:cut]
        lines.append(head.rstrip())
        text = text[cut:].lstrip(" ")
    lines.append(text)
    return lines


def _fit(text: str, columns: int) -> int:
    """Index of the first character that does not fit in ``columns``."""
    used = 0
    for index, ch in enumerate(text):
        used += char_width(ch)
        if used > columns:
            return index
    return len(text)


def pad_between(left: str, right: str, columns: int) -> str:
    """``left`` and ``right`` on one line, ``right`` flush with the right edge."""
    gap = columns - width(left) - width(right)
    if gap < 1:
        raise ValueError("does not fit")
    return left + " " * gap + right
