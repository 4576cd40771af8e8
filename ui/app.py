"""Start the Qt application around a built terminal."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.theme import apply_theme


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("yimen-kiosk")
    apply_theme(app)
    return app


def run_window(terminal: Terminal, *, fullscreen: bool, windowed: bool = False) -> int:
    app = application()
    window = KioskWindow(terminal)
    if fullscreen:
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        window.showFullScreen()
    else:
        size = window.design_size
        screen = app.primaryScreen().availableGeometry()
        if windowed or size.height() > screen.height():
            size = size.scaled(screen.size() * 0.95, Qt.AspectRatioMode.KeepAspectRatio)
        window.resize(size)
        window.show()
    return app.exec()
