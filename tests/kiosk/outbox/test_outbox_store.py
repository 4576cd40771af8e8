"""The outbox store on its own: durable write, provisional receipt, encryption at rest."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.errors import ConfigError, UsageError
from kiosk.outbox.crypto import OutboxCorrupt
from kiosk.outbox.store import PROVISIONAL_MESSAGE, EntryState, Outbox

ID_NUMBER = "11010519491231002X"
NAME = "王小明"


def open_outbox(tmp_path: Path, key: str = "outbox.key") -> Outbox:
    clock = lambda: datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # noqa: E731
    return Outbox(tmp_path / "outbox.sqlite3", tmp_path / key, terminal_id="K01", clock=clock)


def test_submit_gives_a_true_provisional_receipt(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        first = outbox.submit(*case_factory("1"))
        second = outbox.submit(*case_factory("2"))
        assert first.message == PROVISIONAL_MESSAGE == "已提交，待上传"
        assert first.state is EntryState.PENDING and first.case_number is None
        assert (first.provisional_number, second.provisional_number) == (
            "K01-20260302-0001",
            "K01-20260302-0002",
        )
        assert outbox.depth() == 2
    # Durable: a fresh connection (as after a restart) sees both, with their payloads.
    with open_outbox(tmp_path) as again:
        case, materials = again.load(first.entry_id)
        assert case.applicant.name == NAME and set(materials) == {
            "application",
            "id_card",
            "premises",
        }
        assert again.receipt(second.entry_id).provisional_number.endswith("0002")


def test_files_hold_no_plaintext_personal_data(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        for i in range(3):
            outbox.submit(*case_factory(str(i)))
        blobs = b"".join(p.read_bytes() for p in tmp_path.glob("outbox.sqlite3*"))
    assert len(blobs) > 30_000  # materials are in there, sealed
    for secret in (NAME, ID_NUMBER, "13912345678", "日用百货", "%PDF"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "gb18030"):
            assert secret.encode(encoding) not in blobs, (secret, encoding)


def test_key_file_is_created_private_and_checked(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        outbox.submit(*case_factory())
    key = tmp_path / "outbox.key"
    assert key.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "outbox.sqlite3").stat().st_mode & 0o077 == 0
    os.chmod(key, 0o644)
    with pytest.raises(ConfigError, match="chmod 600"):
        open_outbox(tmp_path)


def test_wrong_key_cannot_read_and_says_so(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        entry = outbox.submit(*case_factory()).entry_id
    with open_outbox(tmp_path, key="other.key") as wrong, pytest.raises(OutboxCorrupt):
        wrong.load(entry)


def test_blobs_cannot_be_swapped_between_entries(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        a = outbox.submit(*case_factory("a")).entry_id
        b = outbox.submit(*case_factory("b")).entry_id
    db = sqlite3.connect(tmp_path / "outbox.sqlite3")
    (payload_a,) = db.execute("SELECT payload FROM entries WHERE entry_id = ?", (a,)).fetchone()
    db.execute("UPDATE entries SET payload = ? WHERE entry_id = ?", (payload_a, b))
    db.commit()
    db.close()
    with open_outbox(tmp_path) as outbox, pytest.raises(OutboxCorrupt):
        outbox.load(b)


def test_materials_must_match_their_declarations(tmp_path: Path, case_factory: Any) -> None:
    case, materials = case_factory()
    with open_outbox(tmp_path) as outbox:
        with pytest.raises(UsageError, match="SHA-256"):
            outbox.submit(case, {**materials, "id_card": b"something else"})
        with pytest.raises(UsageError):
            outbox.submit(case, {"application": materials["application"]})
        assert outbox.status().pending == 0  # nothing half-written


def test_delivery_bookkeeping_and_status(tmp_path: Path, case_factory: Any) -> None:
    with open_outbox(tmp_path) as outbox:
        a = outbox.submit(*case_factory("a")).entry_id
        b = outbox.submit(*case_factory("b")).entry_id
        c = outbox.submit(*case_factory("c")).entry_id
        outbox.mark_failed(a, "hub unreachable", next_attempt_at=1e12)
        assert [e.entry_id for e in outbox.due(now=1e9)] == [b, c]
        assert [e.entry_id for e in outbox.due(now=1e9, force=True)] == [a, b, c]
        outbox.mark_delivered(b, "case-b", "YM202603020000017")
        outbox.mark_rejected(c, "unknown_item", "没有找到该办理事项。")
        status = outbox.status()
        assert (status.pending, status.delivered, status.rejected) == (1, 1, 1)
        assert status.last_error == "hub unreachable"
        delivered = outbox.receipt(b)
        assert (
            delivered.case_number == "YM202603020000017"
            and delivered.message == "已上传至政务服务平台"
        )
        with pytest.raises(Exception, match="no payload"):
            outbox.load(b)  # the personal data is gone once the hub has it
        assert outbox.receipt(c).state is EntryState.REJECTED


def test_provisional_numbers_fit_the_receipt_qr_whatever_the_terminal_id(
    tmp_path: Path, case_factory: Any
) -> None:
    from contract.payloads import case_tracking_code

    clock = lambda: datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # noqa: E731
    longest = "hall_k.01-" + "x" * 14  # the longest id the config allows (24 characters)
    for terminal_id in ("hall_k.01", longest):
        folder = tmp_path / terminal_id
        with Outbox(
            folder / "o.sqlite3", folder / "o.key", terminal_id=terminal_id, clock=clock
        ) as box:
            number = box.submit(*case_factory("1")).provisional_number
        assert number.startswith(terminal_id.upper().replace("_", "-").replace(".", "-"))
        assert case_tracking_code(number).startswith("YM1:C:")  # raises if it does not fit
