"""Maintenance access: a PIN kept only as a slow hash, and a lockout after wrong guesses.

Kiosks stand in public halls: people try to get into the settings. The PIN is stored as
``scrypt$N$r$p$salt$hash`` (``kiosk admin-pin`` makes the line for the configuration); five
wrong PINs lock maintenance for five minutes.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable

from kiosk.errors import ConfigError

logger = logging.getLogger(__name__)

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    if not (4 <= len(pin) <= 12 and pin.isdigit()):
        raise ConfigError("a maintenance PIN is 4 to 12 digits")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
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
    """Validate a configured hash's shape (the config loader calls this)."""
    parts = stored.split("$")
    if stored and (len(parts) != 6 or parts[0] != "scrypt"):
        raise ValueError("must be empty or a line made by `kiosk admin-pin`")
    return stored


class AdminGate:
    """Checks PINs against the configured hash, with the lockout."""

    def __init__(self, pin_hash: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._hash = pin_hash
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    @property
    def enabled(self) -> bool:
        return bool(self._hash)

    def locked_for(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def try_pin(self, pin: str) -> bool:
        if not self.enabled or self.locked_for() > 0:
            return False
        if verify_pin(pin, self._hash):
            self._failures = 0
            logger.info("maintenance opened")
            return True
        self._failures += 1
        logger.warning("wrong maintenance PIN (%d in a row)", self._failures)
        if self._failures >= MAX_FAILURES:
            self._failures = 0
            self._locked_until = self._clock() + LOCKOUT_SECONDS
            logger.warning("maintenance locked for %d s", LOCKOUT_SECONDS)
        return False
