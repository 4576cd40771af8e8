"""The done button of a journey's last page: it counts down and takes the citizen home."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton


class ReturnHomeCountdown(QObject):
    """Shows "完成（N 秒后返回首页）" on ``button`` and emits ``expired`` when N reaches 0."""

    expired = Signal()

    def __init__(self, button: QPushButton, parent: QObject) -> None:
        super().__init__(parent)
        self.button = button
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self._tick)
        self._left = 0

    def start(self, seconds: int) -> None:
        self._left = seconds
        self._show()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def isActive(self) -> bool:
        return self._timer.isActive()

    def _tick(self) -> None:
        self._left -= 1
        if self._left > 0:
            self._show()
            return
        self._timer.stop()
        self.expired.emit()

    def _show(self) -> None:
        self.button.setText(self.tr("完成（%n 秒后返回首页）", "", self._left))
