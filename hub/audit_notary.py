"""What a third party checks of the audit chain (hub.audit): signed daily heads, and receipts.

Once a day (the hub's background keeper, ``keep_daily_head``) the hub signs the chain's head —
the date, the last record's number and its hash (``contract.models.signed_message``) — with its
audit key (Ed25519, ``audit-ed25519.pem`` in the data dir, 0600), keeps it
(``audit_signed_heads``), and exports it as ``audit-heads/YYYY-MM-DD.json`` in the data dir and
at ``GET /api/v1/audit/head``. A notary who keeps these files can later prove that no record up
to a kept head was changed: ``kiosk audit verify --head FILE`` recomputes the chain and compares
the head's record with the signed hash.

A receipt's code is checked against the case's submission record: the record attests the
code's salted hash (hub.cases.receipt_code_hash), and the chain up to that record must hold.
"""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import models as m
from hub import audit
from hub.cases import receipt_code_hash
from hub.context import HubContext
from hub.db import AuditRecord, AuditSignedHead, CaseRow

logger = logging.getLogger(__name__)

KEY_FILE = "audit-ed25519.pem"
HEADS_DIR = "audit-heads"


class HeadFileError(Exception):
    """A signed head file that cannot be read as one (the sentence says why)."""


def public_key_text(ctx: HubContext) -> str:
    raw = ctx.audit_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode()


def _view(row: AuditSignedHead) -> m.SignedHead:
    return m.SignedHead(
        date=row.day,
        sequence=row.seq,
        head_hash=row.hash,
        signed_at=row.signed_at,
        public_key=row.public_key,
        signature=row.signature,
    )


def sign_head(ctx: HubContext, day: date) -> m.SignedHead | None:
    """Sign the chain's head as the head of ``day`` (None: that day has one already)."""
    now = ctx.now()
    try:
        with ctx.transaction() as session:
            if session.get(AuditSignedHead, day) is not None:
                return None
            seq, head_hash = audit.head(session)
            signature = ctx.audit_key.sign(m.signed_message(day, seq, head_hash))
            row = AuditSignedHead(
                day=day,
                seq=seq,
                hash=head_hash,
                signed_at=now,
                public_key=public_key_text(ctx),
                signature=base64.b64encode(signature).decode(),
            )
            session.add(row)
            session.flush()
            signed = _view(row)
    except IntegrityError:  # another hub process signed this day's head just now
        return None
    export(ctx, signed)
    return signed


def keep_daily_head(ctx: HubContext) -> m.SignedHead | None:
    """The keeper's round: today's head signed, unless it is already (and its file written,
    should an earlier round have signed it but failed to write it)."""
    today = ctx.today()
    signed = sign_head(ctx, today)
    if signed is not None:
        logger.info("audit chain head %d signed for %s", signed.sequence, signed.date)
        return signed
    kept = head_of(ctx, today)
    if kept is not None and ctx.data_dir is not None and not _head_path(ctx, today).exists():
        export(ctx, kept)
    return None


def _head_path(ctx: HubContext, day: date) -> Path:
    assert ctx.data_dir is not None
    return Path(ctx.data_dir) / HEADS_DIR / f"{day.isoformat()}.json"


def export(ctx: HubContext, signed: m.SignedHead) -> Path | None:
    """Write the head to ``audit-heads/YYYY-MM-DD.json`` in the data dir (whole or not at all)."""
    if ctx.data_dir is None:
        return None
    path = _head_path(ctx, signed.date)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")  # hub processes never share one
    partial.write_text(signed.model_dump_json(indent=1) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def latest_head(ctx: HubContext) -> m.SignedHead | None:
    with ctx.reading() as session:
        row = session.execute(
            select(AuditSignedHead).order_by(AuditSignedHead.day.desc()).limit(1)
        ).scalar_one_or_none()
        return None if row is None else _view(row)


def head_of(ctx: HubContext, day: date) -> m.SignedHead | None:
    with ctx.reading() as session:
        row = session.get(AuditSignedHead, day)
        return None if row is None else _view(row)


# -- checking what a third party holds --------------------------------------------------------


def read_head_file(path: Path) -> m.SignedHead:
    try:
        return m.SignedHead.model_validate_json(path.read_bytes())
    except OSError as exc:
        raise HeadFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    except ValidationError as exc:
        raise HeadFileError(f"{path} is not a signed head of the audit chain.") from exc


def signature_holds(signed: m.SignedHead) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(base64.b64decode(signed.public_key))
        key.verify(
            base64.b64decode(signed.signature),
            m.signed_message(signed.date, signed.sequence, signed.head_hash),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


def head_matches(session: Session, signed: m.SignedHead) -> bool:
    """The chain's record at the signed number has the signed hash (0: the empty chain)."""
    if signed.sequence == 0:
        return signed.head_hash == audit.GENESIS
    found = session.execute(
        select(AuditRecord.hash).where(AuditRecord.seq == signed.sequence)
    ).scalar()
    return found == signed.head_hash


@dataclass(frozen=True, slots=True)
class ReceiptCheck:
    found: bool  # the case has a submission record
    code_matches: bool  # the code's hash is the one the record attests
    seq: int | None = None  # the submission record
    chain: audit.Verified | None = None  # the chain up to it


def check_receipt(session: Session, case_number: str, code: str) -> ReceiptCheck:
    case_id = session.execute(
        select(CaseRow.case_id).where(CaseRow.case_number == case_number.strip().upper())
    ).scalar()
    if case_id is None:
        return ReceiptCheck(found=False, code_matches=False)
    record = session.execute(
        select(AuditRecord.seq, AuditRecord.body)
        .where(
            AuditRecord.reference == case_id,
            AuditRecord.kind == m.AuditKind.SUBMISSION.value,
        )
        .order_by(AuditRecord.seq)
        .limit(1)
    ).one_or_none()
    if record is None:  # a case submitted before the chain began
        return ReceiptCheck(found=False, code_matches=False)
    try:
        attested = json.loads(record.body)
    except ValueError:
        attested = {}
    matches = (
        isinstance(attested, dict)
        and attested.get("case_number") == case_number.strip().upper()
        and attested.get("receipt_code_hash") == receipt_code_hash(case_id, code.strip().upper())
    )
    return ReceiptCheck(True, matches, record.seq, audit.verify(session, upto=record.seq))
