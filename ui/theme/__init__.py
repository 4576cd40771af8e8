"""The kiosk's look: one QSS theme (plus the elder variant's overrides) and the CJK font."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "Source Han Sans SC")


def apply_theme(app: QApplication, *, elder: bool = False) -> None:
    families = set(QFontDatabase.families())
    family = next((f for f in CJK_FAMILIES if f in families), None)
    if family:
        font = QFont(family)
        font.setPixelSize(34)
        app.setFont(font)
    folder = resources.files(__package__)
    sheet = folder.joinpath("kiosk.qss").read_text("utf-8")
    if elder:
        sheet += "\n" + folder.joinpath("elder.qss").read_text("utf-8")
    app.setStyleSheet(sheet)
