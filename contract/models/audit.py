"""The audit chain's shared vocabulary: what kinds of acts it records, and a signed head.

A signed head is what the hub gives a third party (the notary of 第三方监督公证) once a day: the
chain's last sequence number and hash on that date, signed with the hub's audit key (Ed25519).
What is signed is ``signed_message(date, sequence, head_hash)``: the canonical JSON of those
three, so that a notary can check a head with any Ed25519 tool (``hub.audit`` describes the
chain itself).
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from contract.models.common import MAX_INT, ContractModel

# An SM3 digest, hex (64 characters, lowercase).
ChainHash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class AuditKind(enum.StrEnum):
    """What a record attests. The one list of kinds: a new kind of act is added here."""

    SUBMISSION = "submission"  # a case submitted (from a kiosk, a community point, a window)
    DECISION = "decision"  # a step of a case by a clerk: 受理, 补正, 不予受理, 办结, 送达...
    RATING = "rating"  # a 好差评 given
    ADMIN = "admin"  # an administrator's act: imports, managers, terminals
    COMPLAINT = "complaint"  # a complaint or suggestion to the one number (一号)


class SignedHead(ContractModel):
    """``GET /audit/head``: the chain's head on a day, signed by the hub."""

    date: date
    sequence: int = Field(ge=0, le=MAX_INT)
    head_hash: ChainHash
    signed_at: datetime
    algorithm: str = "Ed25519"
    # The hub's audit public key (raw 32 bytes, base64), and the signature (base64).
    public_key: str = Field(max_length=64)
    signature: str = Field(max_length=128)


def signed_message(day: date, sequence: int, head_hash: str) -> bytes:
    """The bytes a head's signature covers."""
    statement = {"date": day.isoformat(), "head_hash": head_hash, "sequence": sequence}
    return json.dumps(statement, sort_keys=True, separators=(",", ":")).encode()
