"""Community workers (全科社工) who submit on a citizen's behalf (代办).

A worker signs in once per shift with two factors: staff number + PIN, or a card + PIN. The card
is either an enrolled staff card (a bare contactless card: the reader gives only its UID, matched
against ``card_uid``) or the worker's own resident ID card or social security card (matched by
``id_number``); a card alone never signs in. The configuration holds only a slow hash of each
PIN, in the same scrypt format as the maintenance PIN (``kiosk admin-pin`` or
``kiosk.admin.hash_pin`` makes one), compared in constant time.

Five wrong PINs lock the worker for five minutes, counted across both ways in, so switching from
number to card does not buy more guesses. An unknown number or card is refused with the same
words (and the same scrypt cost) as a wrong PIN: the screen never tells who is registered. No
card UID or ID number is logged, only the staff number of a worker who signed in.
The shift remembers the outbox entries it submitted, for the worker's list of today's cases.
"""

from __future__ import annotations

import enum
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from drivers.idcard.document import CardType
from kiosk.admin import hash_pin, verify_pin
from kiosk.errors import KioskError

if TYPE_CHECKING:
    from drivers.idcard.document import IdDocument
    from kiosk.config import StaffEntry

__all__ = [
    "CardKind",
    "Refusal",
    "Shift",
    "SignInFailed",
    "StaffCard",
    "StaffMember",
    "StaffRegistry",
    "hash_pin",
    "staff_card_of",
    "verify_pin",
]

logger = logging.getLogger(__name__)

SCHEME = "scrypt"
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300.0
# ISO 14443 UIDs are 4, 7 or 10 bytes; the resident ID card's physical id (00 36) is 8.
CARD_UID_PATTERN = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{16}|[0-9A-F]{20})$")


class Refusal(enum.Enum):
    """Why a sign-in was refused (the UI words it in the citizen's language)."""

    WRONG_NUMBER_OR_PIN = "wrong_number_or_pin"
    WRONG_CARD_OR_PIN = "wrong_card_or_pin"
    LOCKED = "locked"


_REFUSALS = {
    Refusal.WRONG_NUMBER_OR_PIN: "工号或密码不正确。",
    Refusal.WRONG_CARD_OR_PIN: "卡片未登记或密码不正确。",
    Refusal.LOCKED: "尝试次数过多，请五分钟后再试。",
}


class SignInFailed(KioskError):
    """Wrong staff number, card or PIN, or too many attempts."""

    def __init__(self, reason: Refusal) -> None:
        super().__init__(_REFUSALS[reason])
        self.reason = reason


class CardKind(enum.Enum):
    STAFF_CARD = "staff_card"  # an enrolled bare contactless card, by its UID
    ID_CARD = "id_card"  # the worker's own resident ID card, by ID number
    SOCIAL_SECURITY_CARD = "social_security_card"  # the worker's own 社保卡, by ID number


@dataclass(frozen=True, slots=True)
class StaffCard:
    """A card presented at the sign-in page: the first factor (the PIN is the second)."""

    kind: CardKind
    value: str  # the card's UID (upper-case hex) or the holder's ID number

    def __repr__(self) -> str:  # reprs end up in logs: never the UID or the number
        return f"StaffCard(kind={self.kind.value})"


def staff_card_of(document: IdDocument) -> StaffCard | None:
    """The credential a read card offers, or None when it cannot be one (no UID, no number)."""
    if document.card_type is CardType.CARD_UID and document.card_uid:
        uid = document.card_uid.upper()
        return StaffCard(CardKind.STAFF_CARD, uid) if CARD_UID_PATTERN.match(uid) else None
    kinds = {
        CardType.RESIDENT: CardKind.ID_CARD,
        CardType.SOCIAL_SECURITY: CardKind.SOCIAL_SECURITY_CARD,
    }
    kind = kinds.get(document.card_type)
    if kind is None or not document.id_number or document.id_number_valid is False:
        return None
    return StaffCard(kind, document.id_number.upper())


@dataclass(frozen=True, slots=True)
class StaffMember:
    number: str
    name: str
    id_number: str
    pin_hash: str
    card_uid: str | None = None  # an enrolled staff card (upper-case hex), if any

    def __repr__(self) -> str:
        return f"StaffMember(number={self.number!r})"


@dataclass
class Shift:
    worker: StaffMember
    started_at: datetime
    entry_ids: list[str] = field(default_factory=list)  # outbox entries submitted this shift
    by_card: CardKind | None = None  # how the worker signed in (None: staff number)


def is_pin_hash(text: str) -> bool:
    parts = text.split("$")
    return len(parts) == 6 and parts[0] == SCHEME and all(parts[1:])


def members_from_settings(entries: Iterable[StaffEntry]) -> list[StaffMember]:
    return [StaffMember(e.number, e.name, e.id_number, e.pin_hash, e.card_uid) for e in entries]


class StaffRegistry:
    def __init__(
        self, members: Iterable[StaffMember], *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        listed = list(members)
        self._members = {m.number: m for m in listed}
        self._by_uid = {m.card_uid.upper(): m for m in listed if m.card_uid}
        self._by_id_number = {m.id_number.upper(): m for m in listed}
        self._failures: dict[str, list[float]] = {}
        self._clock = clock
        self._decoy: str | None = None

    def __bool__(self) -> bool:
        return bool(self._members)

    def sign_in(self, number: str, pin: str) -> Shift:
        member = self._members.get(number)
        self._check(number, member, pin, Refusal.WRONG_NUMBER_OR_PIN)
        assert member is not None
        logger.info("community worker %s signed in", number)
        return Shift(member, datetime.now().astimezone())

    def sign_in_with_card(self, card: StaffCard, pin: str) -> Shift:
        if card.kind is CardKind.STAFF_CARD:
            member = self._by_uid.get(card.value)
        else:
            member = self._by_id_number.get(card.value)
        # A known worker's failures count on the worker (whichever way in); an unknown card's on
        # a digest of the card, so that nothing personal is kept as a key either.
        key = member.number if member else "card:" + hashlib.sha256(card.value.encode()).hexdigest()
        self._check(key, member, pin, Refusal.WRONG_CARD_OR_PIN)
        assert member is not None
        logger.info("community worker %s signed in by %s", member.number, card.kind.value)
        return Shift(member, datetime.now().astimezone(), by_card=card.kind)

    def _check(self, key: str, member: StaffMember | None, pin: str, wrong: Refusal) -> None:
        now = self._clock()
        recent = [t for t in self._failures.get(key, []) if now - t < LOCKOUT_SECONDS]
        if len(recent) >= MAX_FAILURES:
            raise SignInFailed(Refusal.LOCKED)
        # An unknown worker costs one scrypt too, so the time taken does not tell who exists.
        ok = verify_pin(pin, member.pin_hash if member else self._decoy_hash())
        if member is None or not ok:
            self._failures[key] = [*recent, now]
            logger.warning("community worker sign-in refused")
            raise SignInFailed(wrong)
        self._failures.pop(key, None)

    def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = hash_pin("000000")
        return self._decoy
