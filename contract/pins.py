"""PINs kept only as a slow hash: ``scrypt$N$r$p$salt$hash``, compared in constant time.

One format for every PIN: a terminal's maintenance PIN and community workers (in the terminal's
configuration), the clerks registered at the hub, and the web console's managers' passwords.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The stored form of ``pin``; ValueError unless it is 4 to 12 digits."""
    if not (4 <= len(pin) <= 12 and pin.isdigit()):
        raise ValueError("a PIN is 4 to 12 digits")
    return hash_secret(pin, salt=salt)


def hash_secret(secret: str, *, salt: bytes | None = None) -> str:
    """The stored form of any PIN or password (``verify_pin`` checks either)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(
        secret.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_pin_hash(stored: str) -> str:
    """Validate a stored hash's shape (configuration loaders call this)."""
    parts = stored.split("$")
    if stored and (len(parts) != 6 or parts[0] != "scrypt"):
        raise ValueError("must be empty or a line made by `kiosk admin-pin`")
    return stored
