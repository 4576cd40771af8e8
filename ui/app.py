"""Start the Qt application around a built terminal."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import Terminal
from ui.main_window import PORTRAIT, KioskWindow
from ui.theme import apply_theme
from ui.widgets.virtual_keyboard import prepare_environment


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        prepare_environment()
        app = QApplication(sys.argv[:1])
        app.setApplicationName("yimen-kiosk")
    apply_theme(app)
    return app


def run_window(terminal: Terminal, *, fullscreen: bool, windowed: bool = False) -> int:
    """Full-screen and locked down for citizens, or a window for trying it on a desktop."""
    app = application()
    if fullscreen:
        window = KioskWindow(terminal, kiosk_mode=True)
        window.setWindowFlags(
            Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        window.showFullScreen()
        return app.exec()
    screen = app.primaryScreen().availableGeometry()
    orientation = None
    portrait_fits = screen.width() >= PORTRAIT.width() and screen.height() >= PORTRAIT.height()
    if windowed or not portrait_fits:
        # A desktop screen rarely holds a 1920-pixel-tall kiosk: show the landscape layout.
        orientation = "landscape" if screen.width() > screen.height() else "portrait"
    window = KioskWindow(terminal, orientation=orientation)
    window.resize(window.design_size.boundedTo(screen.size() * 0.95))
    window.show()
    return app.exec()
