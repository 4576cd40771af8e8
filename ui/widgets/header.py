"""The header on every screen: the hall's name and the date and time."""

from __future__ import annotations

import time

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.widgets import make_label

SECRET_TAPS = 5  # taps on the hall's name within SECRET_WINDOW seconds open maintenance
SECRET_WINDOW = 3.0


class Header(QWidget):
    secret_gesture = Signal()

    def __init__(
        self,
        hall_name: str,
        locale: str = "zh_CN",
        hall_name_en: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._names = {"zh_CN": hall_name, "en": hall_name_en or hall_name}
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # paint the QSS background
        self.hall_name = make_label(hall_name, "HallName")
        self.hall_name.setWordWrap(True)  # a long (English) name takes two lines, not more width
        self.clock = make_label(name="Clock")
        self._layout = layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.addWidget(self.hall_name, 1)
        layout.addWidget(self.clock)
        self._short = False  # the date without year and weekday (set_short_clock)
        self._taps: list[float] = []
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.retranslate(locale)

    def add_trailing(self, widget: QWidget) -> None:
        """Put ``widget`` at the header's right end, after the clock."""
        self._layout.addWidget(widget)
        self._layout.setContentsMargins(40, 12, 24, 12)

    def set_short_clock(self, short: bool) -> None:
        """Show the day and time only (no year, no weekday): on a narrow (portrait) screen the
        header then has room for a button beside the hall's name on one line."""
        self._short = short
        self.retranslate(self._language)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.hall_name.geometry().contains(event.position().toPoint()):
            now = time.monotonic()
            self._taps = [t for t in self._taps if now - t < SECRET_WINDOW] + [now]
            if len(self._taps) >= SECRET_TAPS:
                self._taps = []
                self.secret_gesture.emit()
        super().mousePressEvent(event)

    def retranslate(self, locale: str) -> None:
        self._language = locale
        self.hall_name.setText(self._names.get(locale, self._names["zh_CN"]))
        if locale == "en":
            self._locale = QLocale(QLocale.Language.English)
            self._format = "d MMM  HH:mm" if self._short else "ddd d MMM yyyy  HH:mm"
        else:
            self._locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            self._format = "M月d日  HH:mm" if self._short else "yyyy年M月d日 dddd  HH:mm"
        self.tick()

    def tick(self) -> None:
        self.clock.setText(self._locale.toString(QDateTime.currentDateTime(), self._format))
