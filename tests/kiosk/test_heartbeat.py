"""The terminal's heartbeat, to a hub served on 127.0.0.1: what it says (devices, outbox, version,
uptime, the last error), that a hub out of reach only costs that one beat, and that every
terminal the composition root builds starts beating and stops when it closes."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from drivers.health import DeviceHealth, HealthState
from hub import fleet
from hub.embedded import EmbeddedHub
from kiosk import __version__, app
from kiosk.api.client import HubClient
from kiosk.app import build_terminal, demo_settings
from kiosk.devices import DeviceBoard
from kiosk.heartbeat import HeartbeatSender, LastError

WAITING_SINCE = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as server:
        yield server


def view(hub: EmbeddedHub, terminal_id: str) -> fleet.TerminalView:
    return next(v for v in fleet.fleet(hub.context) if v.status.terminal_id == terminal_id)


def test_a_heartbeat_tells_the_hub_how_the_terminal_is(hub: EmbeddedHub) -> None:
    board = DeviceBoard()
    board.report(DeviceHealth("printer", HealthState.DOWN, "paper_out", "no paper at the sensor"))
    board.report(DeviceHealth("idcard", HealthState.OK))
    last_error = LastError()
    log = logging.getLogger("kiosk.test_heartbeat")
    log.addHandler(last_error)
    try:
        log.warning("only a warning")  # not an error: not said
        assert last_error.text == ""
        log.error("case %s refused by the hub: %d", "YM-1", 503)
    finally:
        log.removeHandler(last_error)
    with HubClient(hub.base_url, token=hub.register_terminal("K-1")) as client:
        sender = HeartbeatSender(client, board, lambda: (3, WAITING_SINCE), last_error)
        assert sender.send_once()
    status = view(hub, "K-1").status
    assert [(d.device, d.state, d.reason) for d in status.devices] == [
        ("printer", "down", "paper_out"),
        ("idcard", "ok", ""),
    ]
    assert status.outbox_depth == 3 and status.oldest_waiting_at == WAITING_SINCE
    assert status.software_version == __version__ and status.uptime_seconds is not None
    assert status.last_error == "kiosk.test_heartbeat: case YM-1 refused by the hub: 503"
    assert "凭条打印机：缺纸。" in [f.text for f in view(hub, "K-1").findings]


def test_a_long_error_is_cut_to_what_the_hub_takes() -> None:
    last_error = LastError()
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "%s", ("y" * 500,), None)
    last_error.emit(record)
    assert len(last_error.text) == 200


def test_a_hub_out_of_reach_costs_only_that_beat(hub: EmbeddedHub) -> None:
    token = hub.register_terminal("K-2")
    with HubClient("http://127.0.0.1:9", token=token, connect_timeout=0.5) as nowhere:
        sender = HeartbeatSender(nowhere, DeviceBoard(), None, LastError())
        started = time.monotonic()
        assert not sender.send_once()
        assert time.monotonic() - started < 5
    assert view(hub, "K-2").status.last_seen_at is None


def test_every_terminal_built_beats_until_it_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    beats: list[Any] = []

    class Quick(HeartbeatSender):
        def __init__(self, *args: Any, **options: Any) -> None:
            super().__init__(*args, **{**options, "period": 0.2, "first_after": 0.0})

        def send_once(self) -> bool:
            sent = super().send_once()
            beats.append(sent)
            return sent

    monkeypatch.setattr(app, "HeartbeatSender", Quick)
    settings = demo_settings("hall", data_dir=tmp_path, voice="none")
    with build_terminal(settings) as terminal:
        deadline = time.monotonic() + 10
        while sum(beats) < 2:
            assert time.monotonic() < deadline, "no heartbeat reached the hub"
            time.sleep(0.05)
        assert terminal.local_hub is not None
    assert not [t for t in threading.enumerate() if t.name == "heartbeat"]
    assert all(beats)  # every beat the terminal sent was taken
