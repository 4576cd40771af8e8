"""Community workers (全科社工) who submit on a citizen's behalf (代办).

A worker signs in once per shift with staff number and PIN. The configuration holds only a slow
hash of each PIN (scrypt, salted; ``hash_pin`` makes one), compared in constant time. Five wrong
PINs lock the number for five minutes, so a PIN cannot be guessed at the screen.
The shift remembers the outbox entries it submitted, for the worker's list of today's cases.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.errors import KioskError

logger = logging.getLogger(__name__)

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # ~16 MiB and tens of ms per check: slow for a guesser, fine for a tap
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0


class SignInFailed(KioskError):
    """Wrong staff number or PIN, or too many attempts (the message can be shown)."""


@dataclass(frozen=True, slots=True)
class StaffMember:
    number: str
    name: str
    id_number: str
    pin_hash: str

    def __repr__(self) -> str:
        return f"StaffMember(number={self.number!r})"


@dataclass
class Shift:
    worker: StaffMember
    started_at: datetime
    entry_ids: list[str] = field(default_factory=list)  # outbox entries submitted this shift


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$salt$hash`` (base64): what the configuration stores instead of the PIN."""
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=N, r=R, p=P, dklen=32)
    b64 = base64.b64encode
    return f"{SCHEME}${N}${R}${P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
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
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def is_pin_hash(text: str) -> bool:
    parts = text.split("$")
    return len(parts) == 6 and parts[0] == SCHEME and all(parts[1:])


class StaffRegistry:
    def __init__(
        self, members: Iterable[StaffMember], *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._members = {m.number: m for m in members}
        self._failures: dict[str, list[float]] = {}
        self._clock = clock

    def __bool__(self) -> bool:
        return bool(self._members)

    def sign_in(self, number: str, pin: str) -> Shift:
        now = self._clock()
        recent = [t for t in self._failures.get(number, []) if now - t < LOCKOUT_SECONDS]
        if len(recent) >= MAX_FAILURES:
            raise SignInFailed("尝试次数过多，请五分钟后再试。")
        member = self._members.get(number)
        if member is None or not verify_pin(pin, member.pin_hash):
            self._failures[number] = [*recent, now]
            logger.warning("community worker sign-in refused")
            raise SignInFailed("工号或密码不正确。")
        self._failures.pop(number, None)
        logger.info("community worker %s signed in", number)
        return Shift(member, datetime.now().astimezone())
