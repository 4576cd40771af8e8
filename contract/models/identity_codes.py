"""Dynamic identity QR codes: issue, resolve, the public key."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from contract.models.common import ContractModel, IdNumber


class IdentityCodeIssue(ContractModel):
    """Demo/test issuance of a dynamic identity code (a provincial platform does this for real)."""

    name: str = Field(min_length=1, max_length=50)
    id_number: IdNumber
    ttl_seconds: int = Field(default=120, ge=10, le=3600)


class IdentityCodeIssued(ContractModel):
    code: str  # the QR text, ``YM1:I:...``: an opaque signed reference, no personal data
    expires_at: datetime


class IdentityResolve(ContractModel):
    code: str = Field(min_length=1, max_length=4096)


class IdentityResolved(ContractModel):
    name: str
    id_number: str
    issued_at: datetime
    expires_at: datetime


class IdentityPublicKey(ContractModel):
    algorithm: str = "Ed25519"
    public_key: str  # raw 32-byte key, base64
    key_id: str  # first 16 hex digits of its SHA-256
