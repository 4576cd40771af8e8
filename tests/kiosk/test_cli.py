"""The command line as an engineer meets it: help, and one clear line for a bad config."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main

KIOSK = [sys.executable, "-m", "kiosk"]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("run", "demo"):
        assert f"    {command} " in out


def test_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text('[terminal]\nid = "K1"\nhall_name = "大厅"\nidle_timeout = "soon"\n', "utf-8")
    done = subprocess.run(
        [*KIOSK, "run", "--config", str(config)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert str(config) in done.stderr and "terminal.idle_timeout" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_config_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [*KIOSK, "run", "--config", str(tmp_path / "nope.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "file not found" in done.stderr
