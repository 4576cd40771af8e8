"""Dynamic identity codes: the hub signs them (Ed25519) and resolves them for terminals.

A code carries only a random 16-byte subject reference, its validity window and the hub's
signature (format in ``contract.payloads``); who the subject is stays in the hub's database.
The private key lives in the hub's data dir (``identity-ed25519.pem``, 0600); without a data dir
(an in-memory hub) a key is made for the life of the process.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from contract import models as m
from contract import payloads
from hub.context import HubContext
from hub.db import IdentitySubject
from hub.problems import HubProblem

logger = logging.getLogger(__name__)

KEY_FILE = "identity-ed25519.pem"


def load_or_create_key(data_dir: Path | None, name: str = KEY_FILE) -> Ed25519PrivateKey:
    """The hub's Ed25519 key kept in ``data_dir/name`` (0600), made on first use."""
    if data_dir is None:
        logger.info("no hub data dir: %s is a per-process key", name)
        return Ed25519PrivateKey.generate()
    path = Path(data_dir) / name
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


def public_key(ctx: HubContext) -> m.IdentityPublicKey:
    raw = ctx.signing_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return m.IdentityPublicKey(
        public_key=base64.b64encode(raw).decode(), key_id=hashlib.sha256(raw).hexdigest()[:16]
    )


def issue(ctx: HubContext, request: m.IdentityCodeIssue) -> m.IdentityCodeIssued:
    subject = secrets.token_bytes(16)
    now = ctx.now()
    code = payloads.identity_code(subject, ctx.signing_key, now=now, ttl=request.ttl_seconds)
    parsed = payloads.classify(code, identity_public_key=ctx.signing_key.public_key(), now=now)
    assert parsed.issued_at is not None and parsed.expires_at is not None
    with ctx.transaction() as session:
        session.add(
            IdentitySubject(
                subject=subject.hex(),
                name=request.name,
                id_number=request.id_number.upper(),
                issued_at=datetime.fromtimestamp(parsed.issued_at, UTC),
                expires_at=datetime.fromtimestamp(parsed.expires_at, UTC),
            )
        )
    return m.IdentityCodeIssued(
        code=code, expires_at=datetime.fromtimestamp(parsed.expires_at, UTC)
    )


def _invalid() -> HubProblem:
    return HubProblem(
        422,
        m.ProblemCode.IDENTITY_CODE_INVALID,
        "Identity code invalid",
        "无法识别该二维码，请出示本人有效的身份码或刷身份证。",
    )


def resolve(ctx: HubContext, request: m.IdentityResolve) -> m.IdentityResolved:
    parsed = payloads.classify(
        request.code, identity_public_key=ctx.signing_key.public_key(), now=ctx.now()
    )
    if parsed.kind is not payloads.PayloadKind.IDENTITY:
        raise _invalid()
    if parsed.status is payloads.PayloadStatus.EXPIRED:
        raise HubProblem(
            410,
            m.ProblemCode.IDENTITY_CODE_EXPIRED,
            "Identity code expired",
            "身份码已过期，请在手机上刷新后重新出示。",
        )
    if parsed.status is not payloads.PayloadStatus.VALID or parsed.subject is None:
        raise _invalid()
    with ctx.sessions() as session:
        row = session.get(IdentitySubject, parsed.subject.hex())
    if row is None:  # signed by us but unknown: a wiped database, or a key reused elsewhere
        raise _invalid()
    return m.IdentityResolved(
        name=row.name, id_number=row.id_number, issued_at=row.issued_at, expires_at=row.expires_at
    )
