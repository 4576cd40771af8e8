"""Reusable kiosk widgets, and small factories that give widgets their QSS object names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton


def make_label(text: str = "", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setObjectName(name)
    return widget


def make_button(text: str = "", name: str = "") -> QPushButton:
    """A touch button. It never takes the focus: a tap must leave the field being typed into
    (and the keyboard under it) where they are, or the page would move under the finger and the
    tap land nowhere."""
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return widget
