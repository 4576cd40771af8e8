"""The scripted demo tour: tap through every journey headless and keep a picture of each screen.

Used by ``kiosk demo --tour OUTDIR`` (and ``make demo`` without a display) so that a reviewer
without a touch screen sees what a citizen would see, and what the printer would print.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QPushButton, QWidget

from kiosk.app import Terminal
from kiosk.errors import KioskError
from ui.app import application
from ui.main_window import KioskWindow


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


def run_tour(terminal: Terminal, out: Path, timeout: float = 30.0) -> list[Path]:
    application()
    window = KioskWindow(terminal)
    window.resize(window.design_size)
    window.show()
    written: list[Path] = []
    try:
        wait_until(window.isVisible, timeout, "the window")
        written.append(snapshot(window, out / "01-home.png"))

        journey = window.ticket
        tap(window.home.tiles["ticket"])
        wait_until(lambda: journey.currentWidget() is journey.choose_page, timeout, "categories")
        written.append(snapshot(window, out / "02-ticket-categories.png"))

        first = next(iter(journey.category_buttons.values()))
        tap(first)
        wait_until(lambda: journey.currentWidget() is journey.ticket_page, timeout, "the ticket")
        written.append(snapshot(window, out / "03-ticket-issued.png"))
        outcome = journey.flow.outcome
        if outcome is not None and outcome.paper_png is not None:
            printed = out / outcome.paper_png.name
            if outcome.paper_png.resolve() != printed.resolve():
                shutil.copyfile(outcome.paper_png, printed)
            written.append(printed)

        tap(journey.done_button)
        wait_until(lambda: window.stack.currentWidget() is window.home, timeout, "home")
    finally:
        window.runner.wait()
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    return written
