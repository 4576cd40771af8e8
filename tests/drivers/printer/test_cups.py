"""The CUPS client without a CUPS: servers as ``lp -h`` names them, and a server that is not
there. Printing through a real cupsd is in tests/e2e/cups_a4."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from drivers.printer.cups import (
    CupsConfigError,
    CupsQueue,
    CupsUnavailable,
    resolve_server,
    split_server,
)


@pytest.mark.parametrize(
    ("server", "host", "port"),
    [
        ("printhost", "printhost", 631),
        ("printhost:8631", "printhost", 8631),
        ("192.168.1.20:631", "192.168.1.20", 631),
        ("[fe80::1]", "fe80::1", 631),
        ("[::1]:8631", "::1", 8631),
        ("::1", "::1", 631),
    ],
)
def test_servers(server: str, host: str, port: int) -> None:
    assert split_server(server) == (host, port)


@pytest.mark.parametrize("server", ["printhost:", "printhost:http", "printhost:70000", ":631"])
def test_bad_servers(server: str) -> None:
    with pytest.raises(CupsConfigError, match="not a CUPS server") as caught:
        split_server(server)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("queue", ["", "a b", "a/b", "a#b", "x" * 128])
def test_bad_queue_names(queue: str) -> None:
    with pytest.raises(CupsConfigError, match="not a CUPS queue name"):
        CupsQueue(queue)


def test_this_machines_cups(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CUPS_SERVER", "spool.example:631")
    assert resolve_server("") == "spool.example:631"
    assert resolve_server("other") == "other"
    monkeypatch.delenv("CUPS_SERVER")
    assert resolve_server("") in ("/run/cups/cups.sock", "localhost:631")


def test_no_scheduler_is_cups_unavailable(tmp_path: Path) -> None:
    with pytest.raises(CupsUnavailable, match="no socket"):
        CupsQueue("notices", str(tmp_path / "cups.sock"), timeout=2).status()
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    with pytest.raises(CupsUnavailable, match="connection refused") as caught:
        CupsQueue("notices", f"127.0.0.1:{port}", timeout=2).print_pdf(b"%PDF", "t")
    assert f"127.0.0.1:{port}" in caught.value.message
    assert caught.value.notice.startswith("打印服务（CUPS）未运行")
