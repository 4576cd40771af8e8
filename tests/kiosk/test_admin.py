from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.admin import MAX_FAILURES, AdminGate, hash_pin, verify_pin
from kiosk.config import settings_from_dict
from kiosk.errors import ConfigError


def test_hash_is_salted_slow_and_verifies() -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second and "2468" not in first
    assert first.startswith("scrypt$16384$8$1$")
    assert verify_pin("2468", first) and verify_pin("2468", second)
    assert not verify_pin("2469", first)
    assert not verify_pin("2468", "garbage") and not verify_pin("2468", "scrypt$x$y$z$a$b")


@pytest.mark.parametrize("pin", ["123", "abcd", "1234567890123", ""])
def test_only_4_to_12_digits(pin: str) -> None:
    with pytest.raises(ConfigError, match="4 to 12 digits"):
        hash_pin(pin)


def test_lockout_after_repeated_failures() -> None:
    now = [1000.0]
    gate = AdminGate(hash_pin("2468"), clock=lambda: now[0])
    for _ in range(MAX_FAILURES):
        assert not gate.try_pin("0000")
    assert gate.locked_for() == pytest.approx(300)
    assert not gate.try_pin("2468")  # even the right PIN waits out the lockout
    now[0] += 301
    assert gate.try_pin("2468")


def test_no_hash_means_no_maintenance() -> None:
    gate = AdminGate("")
    assert not gate.enabled and not gate.try_pin("2468")


def test_config_rejects_a_plaintext_pin() -> None:
    raw = {"terminal": {"id": "K1", "hall_name": "大厅"}, "admin": {"pin_hash": "2468"}}
    with pytest.raises(ConfigError, match=r"admin\.pin_hash: must be empty or a line made by"):
        settings_from_dict(raw, source="k.toml", environ={})


def test_cli_makes_the_config_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "admin-pin", "--stdin"],
        input="2468\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    line = done.stdout.strip()
    assert line.startswith('pin_hash = "scrypt$') and "2468" not in line
    assert verify_pin("2468", line.split('"')[1])
    bad = subprocess.run(
        [sys.executable, "-m", "kiosk", "admin-pin", "--stdin"],
        input="12\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2 and "4 to 12 digits" in bad.stderr and "Traceback" not in bad.stderr
