"""The scripted demo tour: tap through every journey headless and keep a picture of each screen.

Used by ``kiosk demo --tour OUTDIR`` (and ``make demo`` without a display) so that a reviewer
without a touch screen sees what a citizen would see — in portrait and landscape, in elder mode
and in English — and what the printer printed.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QPushButton, QWidget

from drivers.health import DeviceHealth, HealthState
from kiosk.app import Terminal
from kiosk.errors import KioskError
from ui.app import application
from ui.main_window import KioskWindow
from ui.tour_journeys import JourneyTour

# (name, orientation, language, elder mode)
VARIANTS = (
    ("portrait", "portrait", "zh_CN", False),
    ("elder", "portrait", "zh_CN", True),
    ("english", "portrait", "en", False),
    ("landscape", "landscape", "zh_CN", False),
)


class TourError(KioskError):
    pass


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TourError(f"demo tour: timed out waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def tap(button: QPushButton) -> None:
    button.click()
    QCoreApplication.processEvents()


def snapshot(widget: QWidget, path: Path) -> Path:
    QCoreApplication.processEvents()
    if not widget.grab().save(str(path)):
        raise TourError(f"demo tour: could not write {path}")
    return path


class _Tour:
    def __init__(self, terminal: Terminal, out: Path, timeout: float) -> None:
        self.terminal = terminal
        self.out = out
        self.timeout = timeout
        self.written: list[Path] = []
        self.count = 0
        self.journeys = JourneyTour(
            terminal, self.shot, lambda ok, what: wait_until(ok, timeout, what), tap
        )

    def shot(self, window: QWidget, variant: str, screen: str) -> None:
        self.count += 1
        self.written.append(snapshot(window, self.out / f"{self.count:02d}-{variant}-{screen}.png"))

    def run_variant(self, variant: str, orientation: str, language: str, elder: bool) -> None:
        window = KioskWindow(self.terminal, orientation=orientation)
        window.resize(window.design_size)
        window.show()
        try:
            wait_until(window.isVisible, self.timeout, "the window")
            if language != "zh_CN":
                tap(window.home.language_button)
            if elder:
                tap(window.home.elder_button)
            self.shot(window, variant, "home")
            self.take_ticket(window, variant)
            self.journeys.check_in(window, variant)
            self.journeys.progress(window, variant)
            self.journeys.rating(window, variant)
            if variant == "portrait":
                self.idle_warning(window, variant)
                self.printer_out(window, variant)
        finally:
            window.runner.wait()
            window.shut_down()
            window.deleteLater()
            QCoreApplication.processEvents()

    def take_ticket(self, window: KioskWindow, variant: str) -> None:
        journey = window.ticket
        tap(window.home.tiles["ticket"])
        wait_until(
            lambda: journey.currentWidget() is journey.choose_page, self.timeout, "categories"
        )
        self.shot(window, variant, "ticket-categories")
        tap(next(iter(journey.category_buttons.values())))
        wait_until(lambda: journey.currentWidget() is journey.ticket_page, self.timeout, "a ticket")
        self.shot(window, variant, "ticket-issued")
        outcome = journey.flow.outcome
        if outcome is not None and outcome.paper_png is not None:
            printed = self.out / outcome.paper_png.name
            if outcome.paper_png.resolve() != printed.resolve():
                shutil.copyfile(outcome.paper_png, printed)
            self.written.append(printed)
        tap(journey.done_button)
        wait_until(lambda: window.stack.currentWidget() is window.home, self.timeout, "home")

    def idle_warning(self, window: KioskWindow, variant: str) -> None:
        tap(window.home.tiles["ticket"])
        window.idle.set_timeout(0.2)
        window.idle.arm()
        wait_until(window.overlay.isVisible, self.timeout, "the idle warning")
        self.shot(window, variant, "idle-warning")
        window.end_session("finish")

    def printer_out(self, window: KioskWindow, variant: str) -> None:
        """How home tells citizens that the printer is out of paper (the demo pretends it is)."""
        board = self.terminal.devices.board
        before = board.get("printer")
        board.report(DeviceHealth("printer", HealthState.DOWN, "paper_out"))
        tile = window.home.tiles["ticket"]
        wait_until(tile.notice.isVisible, self.timeout, "the paper-out notice")
        self.shot(window, variant, "home-printer-out")
        board.report(before)
        wait_until(lambda: not tile.notice.isVisible(), self.timeout, "the notice to go")


def run_tour(terminal: Terminal, out: Path, timeout: float = 30.0) -> list[Path]:
    application()
    tour = _Tour(terminal, out, timeout)
    try:
        for variant in VARIANTS:
            tour.run_variant(*variant)
    finally:
        tour.journeys.close()
    return tour.written
