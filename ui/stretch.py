"""A translation that makes every string 40% longer: a cheap test that layouts leave room for
translations (English and other languages run longer than the Chinese sources).

The demo tour shows every screen in this look, and ``ui.fit_check`` checks that nothing is cut
off; tests install it to check single screens.

It is a compiled translation (a .qm made from the sources listed in ``yimen_en.ts``), not a
Python ``QTranslator.translate`` override: Qt Quick translates on its type-loader thread while
the GUI thread waits for it (the on-screen keyboard loading), and a Python override there would
wait for the GUI thread's interpreter lock for ever.
"""

from __future__ import annotations

import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QObject, QTranslator

from kiosk.errors import KioskError
from ui.i18n import TS_DIR, cache_dir, lrelease

STRETCH = 0.4
FILLER = "长"
SOURCES = TS_DIR / "yimen_en.ts"  # every string of the UI, as pyside6-lupdate lists them


class StretchError(KioskError):
    pass


def stretched(text: str) -> str:
    """``text`` and ``FILLER`` characters 40% of its length (at least one)."""
    return text + FILLER * max(1, round(len(text) * STRETCH))


def stretched_ts(sources: Path = SOURCES) -> bytes:
    """A Qt Linguist source whose every translation is its source string stretched."""
    out = ET.Element("TS", version="2.1", language="zh_CN")  # Chinese: one plural form
    for context in ET.parse(sources).getroot().iter("context"):
        into = ET.SubElement(out, "context")
        ET.SubElement(into, "name").text = context.findtext("name")
        for message in context.iter("message"):
            copied = ET.SubElement(into, "message", message.attrib)
            source = message.findtext("source") or ""
            ET.SubElement(copied, "source").text = source
            if (comment := message.find("comment")) is not None:
                ET.SubElement(copied, "comment").text = comment.text
            translation = ET.SubElement(copied, "translation")
            if message.get("numerus") == "yes":
                ET.SubElement(translation, "numerusform").text = stretched(source)
            else:
                translation.text = stretched(source)
    return b"<!DOCTYPE TS>\n" + ET.tostring(out, encoding="utf-8")


def compiled_stretch(sources: Path = SOURCES) -> Path:
    """The stretched translation compiled into the user cache; made again when the sources
    (or this module) are newer."""
    qm = cache_dir() / "yimen_stretched.qm"
    newest = max(sources.stat().st_mtime, Path(__file__).stat().st_mtime)
    if qm.exists() and qm.stat().st_mtime >= newest:
        return qm
    qm.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(suffix=".ts", dir=qm.parent)
    try:
        with os.fdopen(handle, "wb") as ts:
            ts.write(stretched_ts(sources))
        if not lrelease(Path(name), qm):
            raise StretchError(f"cannot compile the stretched translation of {sources}")
    finally:
        Path(name).unlink(missing_ok=True)
    return qm


class StretchTranslator(QTranslator):
    """Every string of the UI 40% longer; install it on the application before building the
    screens (and remove it after)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        path = compiled_stretch()
        if not self.load(str(path)):
            raise StretchError(f"cannot load {path}")
