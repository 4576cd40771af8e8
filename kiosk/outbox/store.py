"""The outbox store: cases written to SQLite (WAL, synchronous=FULL) before anything is sent.

Theory of operation: ``submit`` commits the encrypted case and its materials in one transaction
and only then returns the provisional receipt, so "已提交，待上传" is true the moment it is shown.
The entry id doubles as the hub's Idempotency-Key: resending after a crash, a timeout or a lost
answer can only ever find the same case. An entry is marked delivered only when the hub has
answered with its case number and has every material; then its payload is deleted (the outbox
keeps nothing personal once the hub has it).
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from contract import models as m
from kiosk.errors import KioskError, UsageError
from kiosk.local_db import immediate
from kiosk.outbox.crypto import Sealer, load_or_create_key

PROVISIONAL_MESSAGE = "已提交，待上传"
DELIVERED_MESSAGE = "已上传至政务服务平台"
REJECTED_MESSAGE = "平台未受理，请联系工作人员"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    entry_id TEXT PRIMARY KEY,
    provisional_number TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    case_id TEXT,
    case_number TEXT,
    delivered_at TEXT,
    due_date TEXT,
    reject_code TEXT,
    reject_message TEXT,
    payload BLOB
);
CREATE TABLE IF NOT EXISTS blobs (
    entry_id TEXT NOT NULL REFERENCES entries(entry_id),
    code TEXT NOT NULL,
    media_type TEXT NOT NULL,
    content BLOB NOT NULL,
    PRIMARY KEY (entry_id, code)
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_due ON entries (state, next_attempt_at);
"""


class EntryState(enum.StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class ProvisionalReceipt:
    """What the citizen is told: true at every moment (queued, delivered, or refused)."""

    entry_id: str
    provisional_number: str
    state: EntryState
    message: str
    created_at: datetime
    case_number: str | None
    due_date: date | None = None  # the hub's promised date, once delivered


@dataclass(frozen=True, slots=True)
class PendingEntry:
    entry_id: str
    attempts: int
    case_id: str | None


@dataclass(frozen=True, slots=True)
class OutboxStatus:
    pending: int
    delivered: int
    rejected: int
    oldest_pending_at: datetime | None
    last_error: str | None


def number_prefix(terminal_id: str) -> str:
    """The terminal id as a provisional number starts: upper case, "_" and "." as "-", so the
    number fits the receipt QR's alphabet (0-9, A-Z, inner hyphens)."""
    return re.sub(r"[_.]", "-", terminal_id.upper()).strip("-") or "K"


class Outbox:
    def __init__(
        self,
        path: Path,
        key_file: Path,
        *,
        terminal_id: str,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.path = Path(path)
        self.terminal_id = terminal_id
        self._clock = clock
        self._sealer = Sealer(load_or_create_key(Path(key_file)))
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a commit survives power loss
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA secure_delete=ON")  # delivered payloads are overwritten, not freed
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(entries)")}
        if "due_date" not in columns:  # an outbox written before the hub's date was kept
            self._db.execute("ALTER TABLE entries ADD COLUMN due_date TEXT")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate(self._db, self._lock)

    # -- writing

    def submit(self, case: m.CaseCreate, materials: dict[str, bytes]) -> ProvisionalReceipt:
        """Store the case durably; return the provisional receipt (nothing is sent here)."""
        declared = {d.code: d for d in case.materials}
        if set(declared) != set(materials):
            raise UsageError("The materials given do not match the case's declarations.")
        for code, content in materials.items():
            if hashlib.sha256(content).hexdigest() != declared[code].sha256:
                raise UsageError(f"Material {code} does not match its declared SHA-256.")
        entry_id = uuid.uuid4().hex
        now = self._clock()
        payload = self._sealer.seal(case.model_dump_json().encode(), _aad(entry_id, "case"))
        with self._tx() as db:
            day = now.astimezone().strftime("%Y%m%d")
            db.execute(
                "INSERT INTO counters VALUES (?, 0) ON CONFLICT(name) DO NOTHING", (f"day:{day}",)
            )
            (seq,) = db.execute(
                "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
                (f"day:{day}",),
            ).fetchone()
            number = f"{number_prefix(self.terminal_id)}-{day}-{seq:04d}"
            db.execute(
                "INSERT INTO entries (entry_id, provisional_number, state, created_at, payload)"
                " VALUES (?, ?, ?, ?, ?)",
                (entry_id, number, EntryState.PENDING.value, now.isoformat(), payload),
            )
            for code, content in materials.items():
                sealed = self._sealer.seal(content, _aad(entry_id, f"material:{code}"))
                db.execute(
                    "INSERT INTO blobs VALUES (?, ?, ?, ?)",
                    (entry_id, code, declared[code].media_type, sealed),
                )
        return self.receipt(entry_id)

    def mark_case_created(self, entry_id: str, case_id: str, case_number: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE entries SET case_id = ?, case_number = ? WHERE entry_id = ?",
                (case_id, case_number, entry_id),
            )

    def mark_delivered(
        self, entry_id: str, case_id: str, case_number: str, due_date: date | None = None
    ) -> None:
        """The hub has the case: keep its number and promised date (the receipt prints both),
        drop the payload."""
        with self._tx() as db:
            db.execute(
                "UPDATE entries SET state = ?, case_id = ?, case_number = ?, delivered_at = ?,"
                " due_date = ?, payload = NULL, last_error = NULL WHERE entry_id = ?",
                (
                    EntryState.DELIVERED.value,
                    case_id,
                    case_number,
                    self._clock().isoformat(),
                    due_date.isoformat() if due_date else None,
                    entry_id,
                ),
            )
            db.execute("DELETE FROM blobs WHERE entry_id = ?", (entry_id,))

    def mark_failed(self, entry_id: str, error: str, next_attempt_at: float) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE entries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                " WHERE entry_id = ?",
                (error[:300], next_attempt_at, entry_id),
            )

    def mark_rejected(self, entry_id: str, code: str, message: str) -> None:
        # The payload is kept: staff must be able to look at what the platform refused.
        with self._tx() as db:
            db.execute(
                "UPDATE entries SET state = ?, reject_code = ?, reject_message = ?,"
                " attempts = attempts + 1 WHERE entry_id = ?",
                (EntryState.REJECTED.value, code, message[:300], entry_id),
            )

    # -- reading

    def due(self, now: float, *, force: bool = False) -> list[PendingEntry]:
        """Pending entries whose next attempt is due (all of them with ``force``), oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT entry_id, attempts, case_id FROM entries WHERE state = ?"
                " AND (? OR next_attempt_at <= ?) ORDER BY created_at, rowid",
                (EntryState.PENDING.value, force, now),
            ).fetchall()
        return [PendingEntry(entry_id=r[0], attempts=r[1], case_id=r[2]) for r in rows]

    def next_due_at(self) -> float | None:
        with self._lock:
            (value,) = self._db.execute(
                "SELECT MIN(next_attempt_at) FROM entries WHERE state = ?",
                (EntryState.PENDING.value,),
            ).fetchone()
        return value

    def load(self, entry_id: str) -> tuple[m.CaseCreate, dict[str, tuple[str, bytes]]]:
        """The decrypted case and its materials (code -> (media type, bytes))."""
        with self._lock:
            row = self._db.execute(
                "SELECT payload FROM entries WHERE entry_id = ?", (entry_id,)
            ).fetchone()
            blobs = self._db.execute(
                "SELECT code, media_type, content FROM blobs WHERE entry_id = ?", (entry_id,)
            ).fetchall()
        if row is None or row[0] is None:
            raise KioskError(f"Outbox entry {entry_id} has no payload (already delivered?).")
        case = m.CaseCreate.model_validate_json(self._sealer.open(row[0], _aad(entry_id, "case")))
        materials = {
            code: (media, self._sealer.open(content, _aad(entry_id, f"material:{code}")))
            for code, media, content in blobs
        }
        return case, materials

    def receipt(self, entry_id: str) -> ProvisionalReceipt:
        with self._lock:
            row = self._db.execute(
                "SELECT provisional_number, state, created_at, case_number, due_date FROM entries"
                " WHERE entry_id = ?",
                (entry_id,),
            ).fetchone()
        if row is None:
            raise KioskError(f"No outbox entry {entry_id}.")
        state = EntryState(row[1])
        message = {
            EntryState.PENDING: PROVISIONAL_MESSAGE,
            EntryState.DELIVERED: DELIVERED_MESSAGE,
            EntryState.REJECTED: REJECTED_MESSAGE,
        }[state]
        return ProvisionalReceipt(
            entry_id=entry_id,
            provisional_number=row[0],
            state=state,
            message=message,
            created_at=datetime.fromisoformat(row[2]),
            case_number=row[3],
            due_date=date.fromisoformat(row[4]) if row[4] else None,
        )

    def find_provisional(self, number: str) -> ProvisionalReceipt | None:
        """The entry a provisional receipt printed here names (for 好差评 from home), or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT entry_id FROM entries WHERE provisional_number = ?", (number,)
            ).fetchone()
        return None if row is None else self.receipt(row[0])

    def depth(self) -> int:
        """Entries still waiting to upload (reported in the terminal's heartbeat)."""
        return self.status().pending

    def status(self) -> OutboxStatus:
        with self._lock:
            return _status(self._db)


def read_status(path: Path) -> OutboxStatus:
    """The status of an outbox file without its key and without creating anything."""
    if not Path(path).exists():
        return OutboxStatus(0, 0, 0, None, None)
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _status(db)
    finally:
        db.close()


def _status(db: sqlite3.Connection) -> OutboxStatus:
    counts = dict(db.execute("SELECT state, COUNT(*) FROM entries GROUP BY state").fetchall())
    oldest, error = db.execute(
        "SELECT MIN(created_at), (SELECT last_error FROM entries WHERE state = ?"
        " AND last_error IS NOT NULL ORDER BY rowid DESC LIMIT 1)"
        " FROM entries WHERE state = ?",
        (EntryState.PENDING.value, EntryState.PENDING.value),
    ).fetchone()
    return OutboxStatus(
        pending=counts.get(EntryState.PENDING.value, 0),
        delivered=counts.get(EntryState.DELIVERED.value, 0),
        rejected=counts.get(EntryState.REJECTED.value, 0),
        oldest_pending_at=datetime.fromisoformat(oldest) if oldest else None,
        last_error=error,
    )


def _aad(entry_id: str, role: str) -> bytes:
    return f"yimen-outbox:{entry_id}:{role}".encode()
