"""Helpers for the tests that look at what is on screen: a kiosk window in a given orientation,
and whether widgets can be seen in a scroll area's viewport without scrolling."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui.main_window import KioskWindow


def kiosk_window(qtbot: QtBot, terminal: Terminal, orientation: str = "portrait") -> KioskWindow:
    window = KioskWindow(terminal, orientation=orientation)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    return window


def assert_in_view(widgets: Iterable[QWidget], viewport: QWidget) -> None:
    """Each widget's bottom edge lies within ``viewport``: seen without scrolling."""
    QApplication.processEvents()
    for widget in widgets:
        bottom = widget.mapTo(viewport, widget.rect().bottomLeft()).y()
        name = widget.text() if isinstance(widget, QAbstractButton) else type(widget).__name__
        assert 0 < bottom <= viewport.height(), (name, bottom, viewport.height())
