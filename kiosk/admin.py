"""Maintenance access: a PIN kept only as a slow hash, and a lockout after wrong guesses.

Kiosks stand in public halls: people try to get into the settings. The PIN is stored as
``scrypt$N$r$p$salt$hash`` (``kiosk admin-pin`` makes the line for the configuration); five
wrong PINs lock maintenance for five minutes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from contract import pins
from contract.pins import check_pin_hash, verify_pin
from kiosk.errors import ConfigError

__all__ = [
    "LOCKOUT_SECONDS",
    "MAX_FAILURES",
    "AdminGate",
    "check_pin_hash",
    "hash_pin",
    "verify_pin",
]

logger = logging.getLogger(__name__)

MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    try:
        return pins.hash_pin(pin, salt=salt)
    except ValueError:
        raise ConfigError("a maintenance PIN is 4 to 12 digits") from None


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
