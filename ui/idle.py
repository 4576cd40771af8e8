"""Idle watching: one application-wide event filter, a countdown overlay, then the wipe.

Theory of operation: every touch, click or key anywhere in the application restarts the idle
timer. When it runs out while a citizen's session is open, an overlay asks "还需要更多时间吗？"
and counts down; a tap on "继续办理" (or anywhere on the overlay) gives the time back. At zero
the window ends the session: personal data is wiped and home returns. Nothing counts down on the
home screen, where there is nothing to forget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from ui.widgets import make_button, make_label
from ui.widgets.overlay import CenteredOverlay

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
}


class IdleWatcher(QObject):
    """Emits ``timed_out`` after ``timeout_s`` seconds without input while ``armed``."""

    timed_out = Signal()

    def __init__(self, timeout_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(timeout_s * 1000))
        self._timer.timeout.connect(self.timed_out)
        self.armed = False

    def install(self) -> None:
        """Start watching the application's input (the window does once home is painted)."""
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def set_timeout(self, seconds: float) -> None:
        self._timer.setInterval(int(seconds * 1000))

    @property
    def timeout(self) -> float:
        """Seconds without a touch before the "more time?" question."""
        return self._timer.interval() / 1000

    def arm(self) -> None:
        self.armed = True
        self._timer.start()

    def disarm(self) -> None:
        self.armed = False
        self._timer.stop()

    def poke(self) -> None:
        if self.armed:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and (
            event.type() != QEvent.Type.MouseMove or _buttons_down(event)
        ):
            self.poke()
        return False

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def _buttons_down(event: QEvent) -> bool:
    return isinstance(event, QMouseEvent) and event.buttons() != Qt.MouseButton.NoButton


class IdleOverlay(CenteredOverlay):
    """Covers the window with the "more time?" question and a countdown."""

    more_time = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, countdown_s: int = 20) -> None:
        super().__init__(parent)
        self.countdown_s = countdown_s
        self._left = countdown_s
        self.question = make_label(name="Title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.seconds = make_label("", "IdleSeconds")
        self.seconds.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = make_label("", "Subtitle")
        self.explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain.setWordWrap(True)
        self.continue_button = make_button(name="Primary")
        self.continue_button.clicked.connect(self._continue)
        for widget in (self.question, self.seconds, self.explain, self.continue_button):
            self.box.addWidget(widget)
        self._tick_timer = QTimer(self, interval=1000)
        self._tick_timer.timeout.connect(self._tick)

    def start(self) -> None:
        # Worded now, not when built: the citizen may have switched language meanwhile.
        self.question.setText(self.tr("还需要更多时间吗？"))
        self.continue_button.setText(self.tr("继续办理"))
        self._left = self.countdown_s
        self._render()
        self.cover_parent()
        self._tick_timer.start()

    def stop(self) -> None:
        self._tick_timer.stop()
        self.hide()

    def _continue(self) -> None:
        self.stop()
        self.more_time.emit()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self.stop()
            self.expired.emit()
        else:
            self._render()

    def _render(self) -> None:
        self.seconds.setText(str(self._left))
        self.explain.setText(self.tr("%n 秒后将结束办理，并清除您的信息", "", self._left))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._continue()
