"""Community workers: PINs only as scrypt hashes; sign-in by number or card, wrong PIN, unknown
card, lockout across both ways in; staff cards in the configuration."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from drivers.idcard.document import IdDocument
from drivers.idcard.samples import (
    sample_permit,
    sample_resident,
    sample_social_security,
    sample_staff_card,
)
from kiosk.config import load_settings, settings_from_dict
from kiosk.errors import ConfigError
from kiosk.staff import (
    MAX_FAILURES,
    CardKind,
    SignInFailed,
    StaffCard,
    StaffMember,
    StaffRegistry,
    hash_pin,
    is_pin_hash,
    members_from_settings,
    staff_card_of,
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


# --- card + PIN -----------------------------------------------------------------------------

WORKER_ID = "990101198503050032"
UID = "5A3C9E0104D2B7F6"


def _registry(now: list[float]) -> StaffRegistry:
    members = [
        StaffMember("S1", "李社工", WORKER_ID, hash_pin("1234"), card_uid=UID),
        StaffMember("S2", "王社工", "11010519491231002X", hash_pin("5678")),
    ]
    return StaffRegistry(members, clock=lambda: now[0])


def test_a_read_card_offers_the_right_credential() -> None:
    staff_card = staff_card_of(sample_staff_card())
    assert staff_card == StaffCard(CardKind.STAFF_CARD, UID)
    resident = replace(sample_resident(), id_number=WORKER_ID)
    assert staff_card_of(resident) == StaffCard(CardKind.ID_CARD, WORKER_ID)
    social = staff_card_of(sample_social_security())
    assert social == StaffCard(CardKind.SOCIAL_SECURITY_CARD, "11010519491231002X")
    lower = replace(sample_staff_card(), card_uid=UID.lower())
    assert staff_card_of(lower) == StaffCard(CardKind.STAFF_CARD, UID)
    # Neither a UID of an unknown length nor a number failing its check character is a card.
    assert staff_card_of(replace(sample_staff_card(), card_uid="ABC")) is None
    assert staff_card_of(replace(sample_resident(), id_number="110105194912310021")) is None
    assert staff_card_of(sample_permit()) is None  # only the worker's own ID or 社保卡
    assert UID not in repr(staff_card) and WORKER_ID not in repr(staff_card_of(resident))


@pytest.mark.parametrize(
    ("document", "number", "kind"),
    [
        (sample_staff_card(), "S1", CardKind.STAFF_CARD),
        (replace(sample_resident(), id_number=WORKER_ID), "S1", CardKind.ID_CARD),
        (sample_social_security(), "S2", CardKind.SOCIAL_SECURITY_CARD),
    ],
)
def test_card_and_pin_sign_in(document: IdDocument, number: str, kind: CardKind) -> None:
    staff = _registry([0.0])
    card = staff_card_of(document)
    assert card is not None
    pin = "1234" if number == "S1" else "5678"
    shift = staff.sign_in_with_card(card, pin)
    assert shift.worker.number == number and shift.by_card is kind
    with pytest.raises(SignInFailed, match="卡片未登记或密码不正确"):
        staff.sign_in_with_card(card, "0000")  # the card alone never signs in


def test_unknown_card_is_refused_like_a_wrong_pin_and_logs_nothing_personal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    staff = _registry([0.0])
    caplog.set_level(logging.DEBUG)
    unknown = StaffCard(CardKind.STAFF_CARD, "0102030405060708")
    with pytest.raises(SignInFailed) as refused:
        staff.sign_in_with_card(unknown, "1234")
    known = staff_card_of(sample_staff_card())
    assert known is not None
    with pytest.raises(SignInFailed) as wrong:
        staff.sign_in_with_card(known, "0000")
    assert refused.value.message == wrong.value.message  # no hint of who is registered
    worker_s2 = staff_card_of(sample_resident())  # S2 is registered with this ID number
    assert worker_s2 is not None
    assert staff.sign_in_with_card(worker_s2, "5678").worker.number == "S2"
    staff.sign_in_with_card(known, "1234")
    logged = caplog.text
    for secret in (UID, "0102030405060708", WORKER_ID, "11010519491231002X", "1234", "李社工"):
        assert secret not in logged
    assert "S1 signed in by staff_card" in logged


def test_lockout_counts_card_and_number_together() -> None:
    now = [1000.0]
    staff = _registry(now)
    card = staff_card_of(sample_staff_card())
    assert card is not None
    for attempt in range(MAX_FAILURES):
        with pytest.raises(SignInFailed, match="不正确"):
            if attempt % 2:
                staff.sign_in("S1", "0000")
            else:
                staff.sign_in_with_card(card, "0000")
    for locked in (
        lambda: staff.sign_in_with_card(card, "1234"),
        lambda: staff.sign_in("S1", "1234"),
    ):
        with pytest.raises(SignInFailed, match="五分钟"):
            locked()
    assert staff.sign_in("S2", "5678").worker.number == "S2"  # other workers are not locked
    now[0] += 301
    assert staff.sign_in_with_card(card, "1234").worker.number == "S1"


def test_an_unknown_card_is_locked_out_too() -> None:
    now = [0.0]
    staff = _registry(now)
    unknown = StaffCard(CardKind.STAFF_CARD, "0102030405060708")
    for _ in range(MAX_FAILURES):
        with pytest.raises(SignInFailed, match="不正确"):
            staff.sign_in_with_card(unknown, "1234")
    with pytest.raises(SignInFailed, match="五分钟"):
        staff.sign_in_with_card(unknown, "1234")


def _raw(*staff: dict[str, str]) -> dict[str, Any]:
    return {"terminal": {"id": "C1", "hall_name": "社区"}, "community": {"staff": list(staff)}}


def _entry(number: str, id_number: str, **extra: str) -> dict[str, str]:
    return {
        "number": number,
        "name": "李",
        "id_number": id_number,
        "pin_hash": hash_pin("1234"),
        **extra,
    }


@pytest.mark.parametrize("uid", ["04A1B2C3", "04a1b2c3d4e5f6", UID, "0102030405060708090A"])
def test_config_takes_a_card_uid_in_hex(uid: str) -> None:
    settings = settings_from_dict(
        _raw(_entry("S1", WORKER_ID, card_uid=uid)), source="t", environ={}
    )
    (entry,) = settings.community.staff
    assert entry.card_uid == uid.upper()
    (member,) = members_from_settings(settings.community.staff)
    assert member.card_uid == uid.upper()


@pytest.mark.parametrize("uid", ["", "04A1B2", "04A1B2C3D4", "04:A1:B2:C3", "GGA1B2C3", "0" * 22])
def test_config_refuses_a_malformed_card_uid(uid: str) -> None:
    with pytest.raises(ConfigError, match=r"community\.staff\.0\.card_uid: must be the card's id"):
        settings_from_dict(_raw(_entry("S1", WORKER_ID, card_uid=uid)), source="t", environ={})


@pytest.mark.parametrize(
    ("first", "second", "what"),
    [
        (_entry("S1", WORKER_ID), _entry("S1", "11010519491231002X"), "number"),
        (_entry("S1", WORKER_ID), _entry("S2", WORKER_ID), "id_number"),
        (
            _entry("S1", WORKER_ID, card_uid=UID),
            _entry("S2", "11010519491231002X", card_uid=UID.lower()),
            "card_uid",
        ),
    ],
)
def test_config_refuses_two_workers_with_one_number_or_card(
    first: dict[str, str], second: dict[str, str], what: str
) -> None:
    with pytest.raises(ConfigError, match=f"two workers have the same {what}") as error:
        settings_from_dict(_raw(first, second), source="t", environ={})
    assert WORKER_ID not in error.value.message and "scrypt" not in error.value.message
