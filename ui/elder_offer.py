"""Elder mode offered, not imposed: a citizen whose card or identity code shows an age of
``[terminal] elder_offer_age`` or more sees a large 大字模式 button beside 结束办理 and hears what
it does. A tap makes the screens larger where the citizen is; nothing they did is lost. The
offer is made once a session and goes with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QPushButton

from contract.idnumber import age_on
from ui.widgets import make_button


class ElderOffer(QObject):
    accepted = Signal()

    def __init__(self, from_age: int, speak: Callable[[str], None]) -> None:
        super().__init__()
        self._from_age = from_age  # 0: never offered
        self._speak = speak
        self._made = False  # this session
        self.button: QPushButton = make_button(name="ElderOffer")
        self.button.hide()
        self.button.clicked.connect(self._accept)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("大字模式"))

    def consider(self, id_number: str, *, elder_now: bool) -> None:
        """A journey identified someone: offer elder mode if their age calls for it."""
        if self._made or elder_now or not self._from_age:
            return
        age = age_on(id_number, date.today())
        if age is None or age < self._from_age:
            return
        self._made = True
        self.button.show()
        self._speak(self.tr("如果字太小，请点屏幕上的「大字模式」，字会变大，时间也更充裕。"))

    def reset(self) -> None:
        """A new session: no offer made yet."""
        self._made = False
        self.button.hide()

    def _accept(self) -> None:
        self.button.hide()
        self.accepted.emit()
