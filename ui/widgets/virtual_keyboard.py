"""The Qt Virtual Keyboard (pinyin, English, digits) hosted inside the kiosk window.

Under a kiosk compositor (cage) there is no input-method protocol and no desktop keyboard, so
the keyboard lives in the app: an ``InputPanel`` in a :class:`QQuickWidget` at the bottom of the
window, shown while a text field that asks for it has focus. The environment must select the
virtual keyboard input context before the QApplication exists: :func:`prepare_environment`.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtQuick import QQuickItem, QQuickWindow, QSGRendererInterface
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QWidget

QML = Path(__file__).with_name("keyboard_panel.qml")
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
        # No GPU there: Qt Quick's software renderer draws the keyboard.
        QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


class KeyboardPanel(QQuickWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        # Taps on keys must not take the focus from the field being typed into.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setSource(QUrl.fromLocalFile(str(QML)))
        self.setMinimumHeight(400)

    @property
    def loaded(self) -> bool:
        return self.status() is QQuickWidget.Status.Ready

    def key_center(self, label: str) -> QPoint | None:
        """Where the key showing ``label`` is, in this widget's coordinates (tests, tour)."""
        root = self.rootObject()
        found = _find_key(root, label) if root is not None else None
        if found is None:
            return None
        center = found.mapToItem(root, QPointF(found.width() / 2, found.height() / 2))
        return center.toPoint()


def _find_key(item: QQuickItem, label: str) -> QQuickItem | None:
    for child in item.childItems():
        if child.isVisible() and child.property("text") == label and child.width() > 0:
            return child
        found = _find_key(child, label)
        if found is not None:
            return found
    return None
