"""Work that waits for a widget's first paint: start-up shows home before it does anything else.

A zero timer set before the window is shown runs before its first paint (the paint waits for the
window system's expose event), so start-up work queued that way delays the first screen. This
waits for the paint itself, then runs the work in the next turn of the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


def after_first_paint(widget: QWidget, work: Callable[[], None]) -> None:
    """Run ``work`` once, just after ``widget`` is first painted; never if the widget goes
    first (or is never shown)."""
    _AfterPaint(widget, work)


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, work: Callable[[], None]) -> None:
        super().__init__(widget)  # goes with the widget, and the work with it
        self._work = work
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint has reached the screen
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._work()
