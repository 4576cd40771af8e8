"""Reusable kiosk widgets, and small factories that give widgets their QSS object names."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton


def make_label(text: str = "", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    return widget


def make_button(text: str = "", name: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    return widget


def shown_as_is(text: str) -> str:
    """Data (a catalog name) for a button's text: an "&" in it is shown, not taken as the
    marker of a keyboard shortcut ("Social & medical", not "Social _medical")."""
    return text.replace("&", "&&")
