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
