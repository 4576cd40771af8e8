"""``kiosk outbox status|drain [--json]`` against a real hub on loopback."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from hub.embedded import EmbeddedHub
from kiosk.cli import main
from kiosk.outbox.store import Outbox


def args(tmp_path: Path, *extra: str) -> list[str]:
    return ["--outbox", str(tmp_path / "o.sqlite3"), "--key-file", str(tmp_path / "o.key"), *extra]


def test_status_of_a_missing_outbox_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outbox", "status", *args(tmp_path, "--json")]) == 0
    assert json.loads(capsys.readouterr().out)["pending"] == 0
    assert list(tmp_path.iterdir()) == []
    assert (
        main(
            [
                "outbox",
                "drain",
                *args(tmp_path, "--hub", "http://127.0.0.1:9", "--token-file", "/dev/null"),
            ]
        )
        == 2
    )
    assert "no outbox" in capsys.readouterr().err


def test_status_and_drain(
    tmp_path: Path, case_factory: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    with Outbox(tmp_path / "o.sqlite3", tmp_path / "o.key", terminal_id="K01") as outbox:
        for i in range(2):
            outbox.submit(*case_factory(str(i)))
    assert main(["outbox", "status", *args(tmp_path, "--json")]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["pending"], status["delivered"]) == (2, 0)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    token_file = tmp_path / "token"
    token_file.write_text("whatever\n")
    assert (
        main(
            [
                "outbox",
                "drain",
                *args(tmp_path, "--hub", dead, "--token-file", str(token_file), "--json"),
            ]
        )
        == 1
    )
    assert json.loads(capsys.readouterr().out) == {
        "delivered": 0,
        "failed": 2,
        "rejected": 0,
        "remaining": 2,
    }

    with EmbeddedHub(tmp_path / "hub") as hub:
        token_file.write_text(hub.register_terminal("K01") + "\n")
        drain = [
            "outbox",
            "drain",
            *args(tmp_path, "--hub", hub.base_url, "--token-file", str(token_file)),
        ]
        assert main(drain) == 0
        assert "delivered 2" in capsys.readouterr().out
    assert main(["outbox", "status", *args(tmp_path)]) == 0
    assert "pending 0, delivered 2, rejected 0" in capsys.readouterr().out


def test_drain_without_hub_settings_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    monkeypatch.delenv("KIOSK_HUB_URL", raising=False)
    assert main(["outbox", "drain", *args(tmp_path)]) == 2
    assert "--hub" in capsys.readouterr().err
