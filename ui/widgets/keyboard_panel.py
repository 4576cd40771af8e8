"""The hosted virtual keyboard's widget: the Qt Virtual Keyboard's ``InputPanel``
(keyboard_panel.qml) in a :class:`QQuickWidget`; see :mod:`ui.widgets.virtual_keyboard`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtQuick import QQuickItem
from PySide6.QtQuickWidgets import QQuickWidget
from PySide6.QtWidgets import QWidget

QML = Path(__file__).with_name("keyboard_panel.qml")


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
