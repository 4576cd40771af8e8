"""The composition root: what `kiosk demo` builds is real and wired (hub, devices, printer)."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path

import pytest

from contract.payloads import PayloadKind, classify
from drivers.camera.scanner import scan_first
from drivers.health import HealthState
from drivers.idcard import CardRead
from drivers.idcard.samples import sample_resident
from kiosk import app
from kiosk.app import DEMO_CAMERA, build_terminal, demo_settings, installed_local_hub
from kiosk.errors import ConfigError


def test_demo_terminal_wires_hub_devices_and_printer(tmp_path: Path) -> None:
    settings = demo_settings("community", data_dir=tmp_path, voice="none")
    assert settings.printer.paper_width == 58  # the mode's own file, on embedded defaults
    with build_terminal(settings) as terminal:
        assert terminal.client.base_url.startswith("http://127.0.0.1:")
        assert terminal.ticket_desk.categories()  # the embedded hub answers over HTTP
        devices = terminal.devices
        assert devices.board.get("printer").state is HealthState.OK

        # The demo's ID reader reads the sample card when the demo places it.
        assert devices.id_monitor is not None and devices.sim_reader is not None
        events: queue.Queue[object] = queue.Queue()
        devices.id_monitor.subscribe(events.put)
        devices.sim_reader.place_card(sample_resident())
        while not isinstance(event := events.get(timeout=10), CardRead):
            pass
        assert event.document.id_number_valid
        assert event.document.id_number == "11010519491231002X"

        # The demo's camera shows a QR that the kiosk recognises.
        assert devices.camera is not None
        devices.camera.start()
        try:
            scanned = scan_first(devices.camera, timeout=10)
        finally:
            devices.camera.stop()
        assert scanned is not None and scanned.text == DEMO_CAMERA.removeprefix("sim:")
        assert classify(scanned.text, now=time.time()).kind is PayloadKind.CASE_TRACKING
    # Closing the terminal stopped the reader's monitor thread.
    assert not [t for t in threading.enumerate() if t.name == "idcard-monitor"]


def test_the_embedded_hub_is_injected(tmp_path: Path) -> None:
    """The core never imports the hub: the composition root runs whatever local hub it is
    given, and finds the installed one through its entry point otherwise."""
    from hub.embedded import EmbeddedHub

    started: list[Path] = []

    def local_hub(folder: Path) -> EmbeddedHub:
        started.append(folder)
        return EmbeddedHub(folder)

    settings = demo_settings("hall", data_dir=tmp_path, voice="none")
    with build_terminal(settings, local_hub=local_hub) as terminal:
        assert terminal.ticket_desk.categories()
    assert started == [tmp_path / "hub"]
    assert installed_local_hub() is EmbeddedHub


def test_no_hub_installed_is_a_config_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "entry_points", lambda group: [])
    with pytest.raises(ConfigError, match=r"api\.base_url"):
        app.installed_local_hub()


def test_pages_a_killed_session_left_on_disk_are_deleted_at_start(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Older versions kept captured pages in the data folder: a session killed mid-capture
    left them there. The next start deletes them and says how many, never whose."""
    left = tmp_path / "captures" / "003-id_card"
    left.mkdir(parents=True)
    for name in ("id_card-p01.jpg", "id_card.pdf"):
        (left / name).write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    settings = demo_settings("hall", data_dir=tmp_path, voice="none")
    with caplog.at_level("WARNING"), build_terminal(settings):
        assert not (tmp_path / "captures").exists()
    assert "deleted 2 captured page files" in caplog.text
