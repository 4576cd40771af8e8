"""The header on every screen: the hall's name and the date and time."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QWidget

from ui.widgets import make_label


class Header(QWidget):
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
        self.clock = make_label(name="Clock")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(40, 28, 40, 28)
        layout.addWidget(self.hall_name, 1)
        layout.addWidget(self.clock)
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.retranslate(locale)

    def retranslate(self, locale: str) -> None:
        self.hall_name.setText(self._names.get(locale, self._names["zh_CN"]))
        if locale == "en":
            self._locale, self._format = QLocale(QLocale.Language.English), "ddd d MMM yyyy  HH:mm"
        else:
            self._locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
            self._format = "yyyy年M月d日 dddd  HH:mm"
        self.tick()

    def tick(self) -> None:
        self.clock.setText(self._locale.toString(QDateTime.currentDateTime(), self._format))
