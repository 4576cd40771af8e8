"""A terminal on real parts for ``kiosk doctor``: the hub on loopback, the TCP printer emulator,
the GA 467 reader emulator on a pty, cameras from a video file and a photo."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn
from doctor_parts import TERMINAL, SkewedDate, Terminal

from drivers.idcard.emulator import ReaderEmulator
from drivers.printer.emulator import PrinterEmulator
from hub.embedded import EmbeddedHub


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as server:
        yield server


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "jobs") as emulator:
        yield emulator


@pytest.fixture
def reader(tmp_path: Path) -> Iterator[ReaderEmulator]:
    emulator = ReaderEmulator(link=tmp_path / "ttyIDCARD").start()
    yield emulator
    emulator.stop()


@pytest.fixture
def terminal(
    tmp_path: Path, hub: EmbeddedHub, printer: PrinterEmulator, reader: ReaderEmulator
) -> Terminal:
    folder = tmp_path / "terminal"
    folder.mkdir()
    return Terminal(
        folder,
        hub.base_url,
        hub.register_terminal(TERMINAL),
        f"tcp://127.0.0.1:{printer.port}",
        f"serial:{reader.port}?baud=115200",
    )


@pytest.fixture
def skewed_hub(tmp_path: Path) -> Iterator[Callable[[float], tuple[str, str]]]:
    """``start(skew)``: the hub's application served by uvicorn with its Date header ``skew``
    seconds off; returns (base URL, a terminal token)."""
    from contract.models import TerminalRegistration
    from hub.app import create_app
    from hub.auth import register_terminal
    from hub.listen import listening_socket

    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(skew: float) -> tuple[str, str]:
        data = tmp_path / "skewed-hub"
        data.mkdir()
        app = create_app(
            f"sqlite:///{data / 'hub.sqlite3'}",
            admin_token="admin",
            seed_sample=True,
            data_dir=data,
        )
        config = uvicorn.Config(
            SkewedDate(app, skew), log_level="warning", lifespan="on", date_header=False
        )
        server = uvicorn.Server(config)
        sock = listening_socket("127.0.0.1", 0)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        servers.append((server, thread))
        deadline = time.monotonic() + 30
        while not server.started:
            assert time.monotonic() < deadline, "the hub did not start"
            time.sleep(0.02)
        credentials = register_terminal(app.state.hub, TerminalRegistration(terminal_id=TERMINAL))
        return f"http://127.0.0.1:{sock.getsockname()[1]}", credentials.token

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(10)
