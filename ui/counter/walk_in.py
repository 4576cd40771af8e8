"""窗口收件: a walk-in's case taken at the window with the kiosk's own case journey.

The same pages, form engine and outbox as the kiosk (ui.screens.case_screen): the clerk picks the
item, the citizen's card on the window's reader fills in who applies, the form is filled in with
them, the materials go under the counter's document camera, and the case is submitted (channel
"hall") with its receipt printed. When the journey ends with the hub's case number, the
workbench opens the case, verified by the card, to be accepted at once.

Each walk-in is a session of its own (kiosk.session): when it ends — done, or the clerk leaves
it — the journey forgets the citizen's data as a kiosk does.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.session import Session
from ui.screens.case_screen import CaseJourney
from ui.widgets import make_button


class WalkInPage(QWidget):
    """The journey with a bar above it; ``done`` carries the new case's number ("" when the
    clerk left, or the receipt is provisional: the hub has not numbered it yet)."""

    done = Signal(str)

    def __init__(self, make_journey: Callable[[Callable[[], Session]], CaseJourney]) -> None:
        super().__init__()
        self.session = Session()
        self.session.end()  # nothing to hold before the first walk-in
        self.journey = journey = make_journey(lambda: self.session)
        title = QLabel(self.tr("窗口收件"))
        title.setObjectName("PanelTitle")
        self.leave_button = make_button(self.tr("放弃并返回受理台"))
        self.leave_button.clicked.connect(lambda: self._end(""))
        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addStretch(1)
        bar.addWidget(self.leave_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.addLayout(bar)
        layout.addWidget(journey, 1)
        journey.finished.connect(self._finished)

    def start(self) -> None:
        """A new walk-in: a fresh session, the journey from the item's choice."""
        self.session.end()
        self.session = Session()
        self.session.on_end(self.journey.wipe)
        self.journey.start()

    def _finished(self) -> None:
        receipt = self.journey.receipt
        number = receipt.number if receipt is not None and not receipt.provisional else ""
        self._end(number)

    def _end(self, number: str) -> None:
        self.session.end()  # the citizen's answers and pages leave this terminal's screen
        self.done.emit(number)
