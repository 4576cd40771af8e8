"""The health poller against the TCP emulator: OK, near end, paper out, printer gone."""

from __future__ import annotations

import threading

from drivers.health import DeviceHealth, HealthState
from drivers.printer.emulator import PrinterEmulator
from drivers.printer.monitor import PrinterMonitor
from drivers.printer.printer import open_printer
from drivers.printer.profile import PrinterProfile
from drivers.printer.status import PrinterStatus

PROFILE = PrinterProfile(timeout=30)


def test_poll_once_follows_the_printer(emulator: PrinterEmulator) -> None:
    uri = f"tcp://127.0.0.1:{emulator.port}"
    monitor = PrinterMonitor(lambda: open_printer(uri, PROFILE))
    seen: list[DeviceHealth] = []
    monitor.health.subscribe(seen.append)
    try:
        assert monitor.poll_once() == DeviceHealth("printer", HealthState.OK)
        assert monitor.poll_once().state is HealthState.OK  # unchanged: not published again
        emulator.status = PrinterStatus(paper_near_end=True)
        assert monitor.poll_once().reason == "paper_near_end"
        emulator.status = PrinterStatus(online=False, paper_out=True)
        assert monitor.poll_once() == DeviceHealth("printer", HealthState.DOWN, "paper_out")
        emulator.stop()
        gone = monitor.poll_once()
        assert (gone.state, gone.usable) == (HealthState.DOWN, False)
        assert gone.reason in ("connection_lost", "unreachable", "timeout")
    finally:
        monitor.stop()
    assert [h.reason for h in seen] == ["", "paper_near_end", "paper_out", gone.reason]
    assert len(emulator.connections) == 1  # one kept connection while the printer was there


def test_background_thread_publishes_and_stops_at_once(emulator: PrinterEmulator) -> None:
    uri = f"tcp://127.0.0.1:{emulator.port}"
    emulator.status = PrinterStatus(online=False, cover_open=True)
    monitor = PrinterMonitor(lambda: open_printer(uri, PROFILE), period=3600)
    arrived = threading.Event()
    states: list[DeviceHealth] = []

    def on_health(health: DeviceHealth) -> None:
        states.append(health)
        arrived.set()

    monitor.health.subscribe(on_health)
    monitor.start()
    try:
        assert arrived.wait(30)
    finally:
        monitor.stop(timeout=30)  # returns at once although the period is an hour
    assert states == [DeviceHealth("printer", HealthState.DOWN, "cover_open")]
    late: list[DeviceHealth] = []
    monitor.health.subscribe(late.append)  # a late subscriber gets the current state
    assert late == states
