"""Community workers (全科社工) who submit on a citizen's behalf (代办).

A worker signs in once per shift with staff number and PIN. The configuration holds only a slow
hash of each PIN, in the same scrypt format as the maintenance PIN (``kiosk admin-pin`` or
``kiosk.admin.hash_pin`` makes one), compared in constant time. Five wrong
PINs lock the number for five minutes, so a PIN cannot be guessed at the screen.
The shift remembers the outbox entries it submitted, for the worker's list of today's cases.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from kiosk.admin import hash_pin, verify_pin
from kiosk.errors import KioskError

__all__ = ["Shift", "SignInFailed", "StaffMember", "StaffRegistry", "hash_pin", "verify_pin"]

logger = logging.getLogger(__name__)

SCHEME = "scrypt"
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
