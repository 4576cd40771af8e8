"""Community workers: PINs only as scrypt hashes; sign-in, wrong PIN, lockout."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_settings, settings_from_dict
from kiosk.errors import ConfigError
from kiosk.staff import (
    MAX_FAILURES,
    SignInFailed,
    StaffMember,
    StaffRegistry,
    hash_pin,
    is_pin_hash,
    verify_pin,
)

CONFIG = Path(__file__).resolve().parents[2] / "config"


def test_hash_is_salted_slow_and_verifies() -> None:
    first, second = hash_pin("246810"), hash_pin("246810")
    assert first != second  # salted
    assert "246810" not in first and is_pin_hash(first)
    assert first.startswith("scrypt$16384$8$1$")
    assert verify_pin("246810", first) and not verify_pin("246811", first)
    assert not verify_pin("246810", "plain:246810")


def test_sign_in_and_lockout() -> None:
    now = [1000.0]
    member = StaffMember("S1", "李社工", "990101198503050032", hash_pin("1234"))
    staff = StaffRegistry([member], clock=lambda: now[0])
    assert staff.sign_in("S1", "1234").worker is member
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailed, match="不正确"):
            staff.sign_in("S1", "0000")
    with pytest.raises(SignInFailed, match="五分钟"):
        staff.sign_in("S1", "1234")  # even the right PIN, while locked
    now[0] += 301
    assert staff.sign_in("S1", "1234").worker.number == "S1"
    with pytest.raises(SignInFailed):
        staff.sign_in("S9", "1234")


def test_community_config_stores_no_plain_pin() -> None:
    settings = load_settings(CONFIG / "community.toml", environ={})
    (worker,) = settings.community.staff
    assert is_pin_hash(worker.pin_hash) and verify_pin("246810", worker.pin_hash)
    text = (CONFIG / "community.toml").read_text(encoding="utf-8")
    assert 'pin = "' not in text


def test_config_refuses_a_plain_pin() -> None:
    raw = {
        "terminal": {"id": "C1", "hall_name": "社区"},
        "community": {
            "staff": [
                {
                    "number": "S1",
                    "name": "李",
                    "id_number": "990101198503050032",
                    "pin_hash": "1234",
                }
            ]
        },
    }
    with pytest.raises(ConfigError, match=r"community\.staff\.0\.pin_hash"):
        settings_from_dict(raw, source="t.toml", environ={})
    raw["community"]["staff"][0]["pin_hash"] = hash_pin("1234")  # type: ignore[index]
    assert settings_from_dict(raw, source="t.toml", environ={}).community.staff
