"""The Qt Virtual Keyboard (pinyin, English, digits) hosted inside the kiosk window.

Under a kiosk compositor (cage) there is no input-method protocol and no desktop keyboard, so
the keyboard lives in the app: an ``InputPanel`` in a :class:`QQuickWidget` at the bottom of the
window (:class:`ui.widgets.keyboard_panel.KeyboardPanel`), shown while a text field that asks for
it has focus. The environment must select the virtual keyboard input context before the
QApplication exists: :func:`prepare_environment`.
"""

from __future__ import annotations

import os

WANTS_KEYBOARD = "wantsKeyboard"  # dynamic property on a QLineEdit that takes free text


def prepare_environment() -> None:
    """Select the in-app virtual keyboard; call before creating the QApplication."""
    os.environ.setdefault("QT_IM_MODULE", "qtvirtualkeyboard")
    # Noise the keyboard's QML prints about itself while loading (missing PipeWire for key
    # clicks, a QML property override): nothing an engineer can act on.
    rules = os.environ.get("QT_LOGGING_RULES", "")
    quiet = "qt.qml.propertyCache.append=false;qt.multimedia.symbolsresolver=false"
    os.environ["QT_LOGGING_RULES"] = ";".join(r for r in (rules, quiet) if r)
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")
    if os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        # No GPU there: Qt Quick's software renderer draws the keyboard. Chosen by environment,
        # not QQuickWindow.setGraphicsApi: Qt Quick loads with the keyboard, not at start-up.
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
