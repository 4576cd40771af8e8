"""The audit chain: every submission, counter decision, rating and admin action, hash-chained.

Theory of operation. ``append(session, kind, reference, attested)`` adds one record inside the
transaction of the act it attests, so the act and its record commit together or not at all. A
record is:

- ``seq``: 1, 2, 3… without gaps;
- ``kind``: a ``contract.models.AuditKind`` value (submission, decision, rating, admin, complaint);
- ``reference``: what the act was about — a case id, an evaluation id, a terminal id, a digest —
  never a name, an ID number or a phone number;
- ``at``: the time, UTC, as ISO 8601 text with microseconds (kept as the text that was hashed);
- ``body``: the canonical JSON (sorted keys, no spaces, UTF-8, no floats) of what it attests:
  digests and references only;
- ``prev_hash`` and ``hash`` = SM3(prev_hash ‖ record bytes), hex, where the record bytes are the
  UTF-8 of the JSON array ``[seq, kind, reference, at]``, a newline, and the body. The first
  record's ``prev_hash`` is 64 zeros.

Anyone holding the table can recompute it (``kiosk audit verify``): any change to a record
changes its hash, and every later ``prev_hash`` with it; a deleted record leaves a gap in
``seq``, or a head (``audit_head``) past the last record. Someone who can rewrite the database
could recompute the whole chain after a change: that is what the signed heads are for
(hub.audit_notary) — once a third party keeps a day's signed head, every record up to it is
fixed.

Serialised appends: the head row (made by the migration) is read ``FOR UPDATE``, so on
PostgreSQL concurrent appenders (several hub processes) queue on its row lock until the first
commits; on SQLite the transaction already holds the database's write lock (``BEGIN
IMMEDIATE``). ``append`` flushes the session first and then takes the lock, and callers append
last in their transaction: the lock is held only until the commit, and never while waiting for
another row.

Receipts: a receipt's verification code is drawn by the kiosk (it prints the receipt even before
the hub has the case); the hub keeps only its salted hash (hub.cases.receipt_code_hash), and the
submission record attests that hash. So a code can be checked against the chain
(``kiosk audit check-receipt``): it belongs to the case's record, and the chain up to that record
is intact.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from cryptography.hazmat.primitives import hashes
from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from contract.models import AuditKind
from hub.db import AuditHead, AuditRecord

GENESIS = "0" * 64
HEAD_ID = 1
# Plain statements, built once (building one costs more than running it), on the
# transaction's connection: no unit of work to go through.
_INSERT = insert(cast(Table, AuditRecord.__table__))
_LOCK_HEAD = select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID).with_for_update()
_MOVE_HEAD = (
    update(AuditHead)
    .where(AuditHead.id == HEAD_ID)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)
_CHUNK = 10_000  # rows fetched or inserted at a time
# Built once: json.dumps builds an encoder per call when given options, a third of the cost.
_BODY = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
_HEADER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical(attested: dict[str, Any]) -> str:
    """The body's text: sorted keys, no spaces, UTF-8 as is. Floats are refused (their text
    is not the same everywhere): money goes as integer fen or as a string."""
    _refuse_floats(attested)
    return _BODY(attested)


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("an audit record holds no floats")
    if isinstance(value, dict):
        for item in value.values():
            _refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)


def record_bytes(seq: int, kind: str, reference: str, at: str, body: str) -> bytes:
    return f"{_HEADER([seq, kind, reference, at])}\n{body}".encode()


def chain_hash(prev_hash: str, data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(bytes.fromhex(prev_hash))
    digest.update(data)
    return digest.finalize().hex()


def timestamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class Entry:
    """A record as written: its columns, hashed."""

    seq: int
    kind: str
    reference: str
    at: str
    body: str
    prev_hash: str
    hash: str

    def row(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "reference": self.reference,
            "at": self.at,
            "body": self.body,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def chained(
    seq: int,
    prev_hash: str,
    kind: AuditKind,
    reference: str,
    attested: dict[str, Any],
    at: datetime,
) -> Entry:
    """The record that follows (``seq - 1``, ``prev_hash``)."""
    if not 0 < len(reference) <= 80:
        raise ValueError("an audit reference is 1 to 80 characters")
    body = canonical(attested)
    stamp = timestamp(at)
    data = record_bytes(seq, kind.value, reference, stamp, body)
    return Entry(seq, kind.value, reference, stamp, body, prev_hash, chain_hash(prev_hash, data))


def append(
    session: Session,
    kind: AuditKind,
    reference: str,
    attested: dict[str, Any],
    *,
    at: datetime | None = None,
) -> Entry:
    """Add the record of an act to the chain, in the act's own transaction (call it last)."""
    session.flush()  # the act's own rows first: no row lock is taken after the head's
    connection = session.connection()
    head = connection.execute(_LOCK_HEAD).one()
    entry = chained(head.seq + 1, head.hash, kind, reference, attested, at or datetime.now(UTC))
    connection.execute(_INSERT, entry.row())
    connection.execute(_MOVE_HEAD, {"new_seq": entry.seq, "new_hash": entry.hash})
    return entry


def append_many(session: Session, acts: Iterable[tuple[AuditKind, str, dict[str, Any]]]) -> int:
    """Many records at once, in chunks (a benchmark's million): the same hashing as ``append``."""
    session.flush()
    head = session.connection().execute(_LOCK_HEAD).one()
    seq, prev = head.seq, head.hash
    now = datetime.now(UTC)
    batch: list[dict[str, Any]] = []
    for kind, reference, attested in acts:
        entry = chained(seq + 1, prev, kind, reference, attested, now)
        seq, prev = entry.seq, entry.hash
        batch.append(entry.row())
        if len(batch) == _CHUNK:
            session.connection().execute(_INSERT, batch)
            batch = []
    if batch:
        session.connection().execute(_INSERT, batch)
    session.connection().execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": prev})
    return seq - head.seq


def admin(session: Session, action: str, reference: str, at: datetime, **facts: Any) -> Entry:
    """An administrator's act (an import, a manager added, a terminal registered...)."""
    return append(session, AuditKind.ADMIN, reference, {"action": action, **facts}, at=at)


def digest(text: str | bytes) -> str:
    """SHA-256, hex: how a record names what it must not hold (a login, a file, a comment)."""
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


# -- verifying -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Broken:
    """The first record that does not hold: its number, and what it is (when it is there)."""

    seq: int
    problem: str
    kind: str | None = None
    reference: str | None = None

    def describe(self) -> str:
        what = f" ({self.kind}, {self.reference})" if self.kind else ""
        return f"record {self.seq}{what} {self.problem}"


@dataclass(frozen=True, slots=True)
class Verified:
    records: int  # how many were checked
    head_seq: int  # the last good record's number (0: none)
    head_hash: str  # and its hash
    broken: Broken | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def head(session: Session) -> tuple[int, str]:
    row = session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == HEAD_ID)
    ).one()
    return row.seq, row.hash


def verify(session: Session, upto: int | None = None) -> Verified:
    """Walk the chain from record 1 (to ``upto``, else to the end and the head row), recomputing
    every hash; stop at the first record that does not hold."""
    columns = AuditRecord.__table__.c
    query = select(
        columns.seq,
        columns.kind,
        columns.reference,
        columns.at,
        columns.body,
        columns.prev_hash,
        columns.hash,
    ).order_by(columns.seq)
    if upto is not None:
        query = query.where(columns.seq <= upto)
    rows = session.execute(query.execution_options(yield_per=_CHUNK))
    expected, prev = 1, GENESIS
    broken = _walk(rows, expected, prev)
    if isinstance(broken, Broken):
        return Verified(broken.seq - 1, broken.seq - 1, _last_hash(session, broken.seq), broken)
    expected, prev = broken
    last = expected - 1
    if upto is not None:
        if last < upto:
            return Verified(last, last, prev, Broken(upto, "is missing"))
        return Verified(last, last, prev)
    stored_seq, stored_hash = head(session)
    if stored_seq > last:
        problem = f"is missing (the chain's head is record {stored_seq})"
        return Verified(last, last, prev, Broken(last + 1, problem))
    if (stored_seq, stored_hash) != (last, prev):
        return Verified(last, last, prev, Broken(last, "is not the head the hub keeps"))
    return Verified(last, last, prev)


def _walk(rows: Iterable[Any], expected: int, prev: str) -> Broken | tuple[int, str]:
    """The first broken record, or the next number and the last hash."""
    sm3 = hashes.SM3()
    for seq, kind, reference, at, body, prev_hash, stored in rows:
        if seq != expected:
            return Broken(expected, f"is missing (the chain goes on at {seq})")
        if prev_hash != prev:
            return Broken(seq, "does not follow the record before it", kind, reference)
        digest = hashes.Hash(sm3)
        digest.update(bytes.fromhex(prev))
        digest.update(record_bytes(seq, kind, reference, at, body))
        computed = digest.finalize().hex()
        if computed != stored:
            return Broken(seq, "was changed: its hash does not match it", kind, reference)
        expected, prev = seq + 1, stored
    return expected, prev


def _last_hash(session: Session, seq: int) -> str:
    """The hash of the record before ``seq`` (the last that held)."""
    if seq <= 1:
        return GENESIS
    found = session.execute(select(AuditRecord.hash).where(AuditRecord.seq == seq - 1)).scalar()
    return found or GENESIS
