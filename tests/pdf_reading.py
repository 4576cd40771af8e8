"""Reading PDFs back in tests with poppler-utils (pdftotext, pdffonts, pdfinfo), as a person
copying text out of a notice or a printer's RIP would."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


def _run(*command: str, data: bytes | None = None) -> str:
    result = subprocess.run(list(command), input=data, capture_output=True, timeout=60, check=False)
    if result.returncode != 0:
        raise AssertionError(f"{command[0]} failed: {result.stderr.decode(errors='replace')}")
    return result.stdout.decode("utf-8")


def _source(pdf: bytes | Path) -> tuple[str, bytes | None]:
    return ("-", pdf) if isinstance(pdf, bytes) else (str(pdf), None)


def pdf_text(pdf: bytes | Path) -> str:
    """The text in reading order (pdftotext's default, not its -layout)."""
    name, data = _source(pdf)
    return _run("pdftotext", "-enc", "UTF-8", name, "-", data=data)


def flat(text: str) -> str:
    """Text without any whitespace: line breaks fall anywhere in Chinese."""
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Font:
    name: str
    type: str
    embedded: bool
    unicode: bool


def pdf_fonts(pdf: bytes | Path) -> list[Font]:
    name, data = _source(pdf)
    lines = _run("pdffonts", name, data=data).splitlines()[2:]
    fonts = []
    for line in lines:
        # name, type (may hold spaces), encoding, then emb sub uni "yes"/"no", object, generation
        match = re.match(
            r"(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line
        )
        assert match, f"unexpected pdffonts line: {line!r}"
        fonts.append(Font(match[1], match[2], match[4] == "yes", match[6] == "yes"))
    return fonts


def pdf_info(pdf: bytes | Path) -> dict[str, str]:
    name, data = _source(pdf)
    info = {}
    for line in _run("pdfinfo", name, data=data).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    top: float  # points from the top of the page
    bottom: float


def pdf_words(pdf: bytes | Path) -> list[Word]:
    """Every word with its page and vertical place (pdftotext -bbox)."""
    name, data = _source(pdf)
    words, page = [], 0
    for line in _run("pdftotext", "-bbox", "-enc", "UTF-8", name, "-", data=data).splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*)</word>', line)
        if match:
            words.append(Word(page, match[3], float(match[1]), float(match[2])))
    return words
