"""取号 on a real ESC/POS printer over TCP (the emulator): printed, then paper out, then back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.printer.emulator import PrinterEmulator
from drivers.printer.status import PrinterStatus
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.main_window import KioskWindow


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs") as emu:
        yield emu


@pytest.fixture
def tcp_terminal(tmp_path: Path, emulator: PrinterEmulator) -> Iterator[Terminal]:
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["devices"]["printer"] = f"tcp://127.0.0.1:{emulator.port}"
    settings = settings_from_dict(raw, source="test", environ={})
    with build_terminal(settings) as terminal:
        assert terminal.devices.printer_monitor is not None
        terminal.devices.printer_monitor.period = 0.2  # poll fast: this test waits on it
        yield terminal


def take(qtbot: QtBot, window: KioskWindow) -> None:
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    qtbot.mouseClick(next(iter(journey.category_buttons.values())), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=15000)


def test_paper_out_shows_the_ticket_on_screen(
    qtbot: QtBot, themed: QApplication, tcp_terminal: Terminal, emulator: PrinterEmulator
) -> None:
    window = KioskWindow(tcp_terminal)
    qtbot.addWidget(window)
    window.show()
    tile = window.home.tiles["ticket"]

    take(qtbot, window)
    outcome = window.ticket.flow.outcome
    assert outcome is not None and outcome.printed
    (job,) = emulator.wait_for_jobs(1, timeout=10)
    assert outcome.ticket.number in job.rendered.transcript
    window.end_session("finish")

    emulator.status = PrinterStatus(paper_out=True)
    qtbot.waitUntil(lambda: tile.notice.isVisible(), timeout=15000)
    assert "打印机缺纸" in tile.notice.text()
    assert tile.isEnabled()  # the number can still be taken: it is shown on screen

    take(qtbot, window)
    outcome = window.ticket.flow.outcome
    assert outcome is not None and not outcome.printed
    assert window.ticket.number_label.text() == outcome.ticket.number
    assert window.ticket.qr.text_value == outcome.ticket.follow_url
    assert "未能打印" in window.ticket.print_label.text()
    assert tcp_terminal.client.get_ticket(outcome.ticket.ticket_id).number == outcome.ticket.number
    assert len(emulator.jobs) == 1  # nothing was sent to the printer without paper
    window.end_session("finish")

    emulator.status = PrinterStatus()
    qtbot.waitUntil(lambda: not tile.notice.isVisible(), timeout=15000)
