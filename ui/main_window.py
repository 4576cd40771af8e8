"""The kiosk window: a header over a stack of screens, home first.

Each journey is a widget that starts fresh on entry and emits ``finished``; the window then
returns home. Only journeys that are built are offered: no dead tiles.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.app import Terminal
from ui.bridge import BackgroundRunner
from ui.screens.home_screen import HomeScreen, Tile
from ui.screens.ticket_screen import TicketJourney
from ui.widgets.header import Header

PORTRAIT = QSize(1080, 1920)
LANDSCAPE = QSize(1920, 1080)


class KioskWindow(QWidget):
    screen_changed = Signal(str)  # "home" or a journey's key

    def __init__(self, terminal: Terminal) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("一门通自助终端"))
        settings = terminal.settings
        self.runner = BackgroundRunner(self)
        self.header = Header(settings.terminal.hall_name, settings.terminal.locale)
        self.stack = QStackedWidget()
        landscape = settings.terminal.orientation == "landscape"
        self.home = HomeScreen(
            [Tile("ticket", self.tr("排队取号"), self.tr("到窗口办理业务，请先取号"))],
            columns=2 if landscape else 1,
        )
        self.ticket = TicketJourney(
            terminal.ticket_desk, self.runner, settings.ticket.return_home_after
        )
        self.journeys: dict[str, TicketJourney] = {"ticket": self.ticket}
        self.stack.addWidget(self.home)
        for journey in self.journeys.values():
            self.stack.addWidget(journey)
            journey.finished.connect(self.go_home)
        self.home.journey_chosen.connect(self.open_journey)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.design_size = LANDSCAPE if landscape else PORTRAIT

    def open_journey(self, key: str) -> None:
        journey = self.journeys[key]
        self.stack.setCurrentWidget(journey)
        journey.start()
        self.screen_changed.emit(key)

    def go_home(self) -> None:
        for journey in self.journeys.values():
            journey.wipe()
        self.stack.setCurrentWidget(self.home)
        self.screen_changed.emit("home")
