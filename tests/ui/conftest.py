"""UI test fixtures: a real terminal over the embedded hub on loopback, and a leak check."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtWidgets import QApplication

from contract import models as m
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.theme import apply_theme

if TYPE_CHECKING:
    from drivers.camera.camera import CameraWorker
    from drivers.idcard import IdDocument


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    # Qt's mock speech engine: prompts are "spoken" (and recorded) without a sound device.
    settings = demo_settings("hall", data_dir=tmp_path / "data", voice="mock")
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built


@pytest.fixture
def themed(qapp: QApplication) -> QApplication:
    apply_theme(qapp)
    return qapp


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves top-level widgets behind (napari's make_napari_viewer habit)."""
    before = set(qapp.topLevelWidgets())
    yield
    qapp.processEvents()
    leaked = [w for w in qapp.topLevelWidgets() if w not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
    assert not leaked, f"top-level widgets left open: {leaked}"


class SettableClock:
    """The hub's clock: a fixed working day, moved by tests (no sleeping, any weekday)."""

    def __init__(self) -> None:
        from datetime import UTC, datetime

        self._now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Beijing
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        with self._lock:
            self._now += timedelta(**delta)


@dataclass
class Hall:
    """A hub on loopback with a settable clock, a kiosk terminal over it, a counter terminal
    for staff steps (serving tickets, accepting cases), and the kiosk's simulated devices."""

    hub: EmbeddedHub
    clock: SettableClock
    terminal: Terminal
    counter: HubClient
    cameras: list[CameraWorker] = field(default_factory=list)

    def show_qr(self, text: str) -> None:
        """A citizen holds up a phone or paper showing ``text`` as a QR to the kiosk camera."""
        from drivers.camera.camera import CameraWorker

        old = self.terminal.devices.camera
        self.terminal.devices.camera = CameraWorker("sim:" + text)
        self.cameras.append(self.terminal.devices.camera)
        if old is not None:
            old.stop()

    def place_card(self, document: IdDocument) -> None:
        reader = self.terminal.devices.sim_reader
        assert reader is not None
        reader.place_card(document)

    def remove_card(self, timeout: float = 20.0) -> None:
        """Lift the card and wait until the monitor has seen it go, as a citizen's hand is
        slower than its poll (a card still seen at a session's end counts as left behind)."""
        from drivers.idcard import CardRemoved

        reader, monitor = self.terminal.devices.sim_reader, self.terminal.devices.id_monitor
        assert reader is not None and monitor is not None
        gone = threading.Event()
        unsubscribe = monitor.card_events.subscribe(
            lambda event: gone.set() if isinstance(event, CardRemoved) else None
        )
        try:
            reader.remove_card()
            assert gone.wait(timeout), "the card monitor did not see the card go"
        finally:
            unsubscribe()


@contextmanager
def open_hall(tmp_path: Path, ticket: dict[str, Any] | None = None) -> Iterator[Hall]:
    """A :class:`Hall`; ``ticket`` overrides keys of the kiosk's [ticket] section."""
    from contract.models import TerminalMode
    from kiosk.config import settings_from_dict

    clock = SettableClock()
    with EmbeddedHub(tmp_path / "hub", clock=clock) as hub:
        token_file = tmp_path / "kiosk-token"
        token_file.write_text(hub.register_terminal("kiosk-hall-01") + "\n", encoding="utf-8")
        raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(
            mode="json"
        )
        raw["api"]["base_url"] = hub.base_url
        raw["api"]["token_file"] = str(token_file)
        raw["devices"]["camera"] = "none"  # each test shows its own QR (Hall.show_qr)
        raw["ticket"].update(ticket or {})
        settings = settings_from_dict(raw, source="hall test", environ={})
        counter_token = hub.register_terminal("counter-01", mode=TerminalMode.COUNTER)
        with (
            build_terminal(settings, printed_dir=tmp_path / "printed") as terminal,
            HubClient(hub.base_url, token=counter_token) as counter,
        ):
            # The sample all-rounder clerk (全科) works W01 (PIN in config/catalog/staff.toml).
            counter.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin="246810"))
            world = Hall(hub, clock, terminal, counter)
            try:
                yield world
            finally:
                for camera in world.cameras:
                    camera.stop()


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    with open_hall(tmp_path) as world:
        yield world


@pytest.fixture
def real_name_hall(tmp_path: Path) -> Iterator[Hall]:
    """A hall whose kiosk takes every ticket by real name ([ticket] real_name = true)."""
    with open_hall(tmp_path, {"real_name": True}) as world:
        yield world


@pytest.fixture
def hall_window(qtbot: object, themed: QApplication, hall: Hall) -> Iterator[object]:
    """The kiosk window over ``hall``; closed (devices released) before the hall goes."""
    from ui.main_window import KioskWindow

    window = KioskWindow(hall.terminal)
    window.resize(window.design_size)
    window.show()
    try:
        yield window
    finally:
        window.runner.wait()
        window.close()
        window.deleteLater()


@pytest.fixture
def community_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A community service point (代办 workers configured) over its own embedded hub."""
    settings = demo_settings("community", data_dir=tmp_path / "community-data", voice="mock")
    with build_terminal(settings, printed_dir=tmp_path / "community-printed") as built:
        yield built


@pytest.fixture
def hub_outside(tmp_path: Path) -> Iterator[Any]:
    """A hub the test can stop and start again (same port), for a terminal that uses it by URL."""
    from hub.embedded import EmbeddedHub

    hub = EmbeddedHub(tmp_path / "outside-hub")
    hub.start()
    hub.port = int(hub.base_url.rsplit(":", 1)[1])  # a restart listens on the same port
    yield hub
    hub.stop()


@pytest.fixture
def terminal_on_outside_hub(tmp_path: Path, hub_outside: Any) -> Iterator[Terminal]:
    token_file = tmp_path / "token"
    token_file.write_text(hub_outside.register_terminal("HALL-K01"), encoding="utf-8")
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["api"].update(base_url=hub_outside.base_url, token_file=str(token_file))
    raw["api"].update(connect_timeout=1.0, read_timeout=5.0)
    raw["cases"]["wait_for_number"] = 2.0
    settings = settings_from_dict(raw, source="test (outside hub)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built


@pytest.fixture
def terminal_with_identity_qr(tmp_path: Path, hub_outside: Any) -> Iterator[Terminal]:
    """A terminal whose (simulated) camera shows a citizen's dynamic identity QR from the hub."""
    token_file = tmp_path / "token"
    token_file.write_text(hub_outside.register_terminal("HALL-K02"), encoding="utf-8")
    code = hub_outside.issue_identity_code("王示例", "11010519491231002X", ttl_seconds=600)
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["api"].update(base_url=hub_outside.base_url, token_file=str(token_file))
    raw["devices"]["camera"] = "sim:" + code
    settings = settings_from_dict(raw, source="test (identity QR)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built
