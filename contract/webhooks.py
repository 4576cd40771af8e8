"""Signed webhooks between the hub and the 12345 platform: HMAC-SHA256 over the timestamp and
the exact body bytes, with a secret both sides hold.

    X-Yimen-Timestamp: 1767225600            (Unix seconds when it was sent)
    X-Yimen-Signature: sha256=<hex of HMAC-SHA256(secret, b"<timestamp>." + body)>

The receiver recomputes the signature over the bytes it received (never a re-serialisation)
and refuses a timestamp further than ``TOLERANCE_SECONDS`` from its own clock, so a captured
request cannot be replayed later.
"""

from __future__ import annotations

import hashlib
import hmac

TIMESTAMP_HEADER = "X-Yimen-Timestamp"
SIGNATURE_HEADER = "X-Yimen-Signature"
TOLERANCE_SECONDS = 300


def signature(secret: bytes, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: bytes, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


def verify(
    secret: bytes, timestamp: str | None, given: str | None, body: bytes, now: float
) -> bool:
    """Whether the request is signed with ``secret`` and recent (``now``: Unix seconds)."""
    if not timestamp or not given or not timestamp.isdigit():
        return False
    if abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, int(timestamp), body), given)
