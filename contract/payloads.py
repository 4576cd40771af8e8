"""QR payload formats shared by the kiosk and the hub: build them, and classify scanned text.

Qt-free and I/O-free. Every format is versioned text made only of characters in QR's
alphanumeric mode (``0-9 A-Z $%*+-./:`` and space), which packs 5.5 bits per character
instead of 8, so a payload fits a small, easily scanned symbol:

    YM1:A:<REF>:<C>      appointment code (reference issued by the hub, one check character)
    YM1:C:<CASE>:<C>:<K> case receipt code (case number, one check character, receipt code)
    YM1:C:<CASE>:<C>     the same, printed before receipts carried a code (still read)
    YM1:T:<REF>:<C>      ticket follow code (queue ticket reference, one check character)
    YM1:I:<BASE32>       identity code: dynamic, Ed25519-signed by the hub, expiring
    <public_url>/c/<CASE>:<C>:<K>   a case receipt as a link: a phone opens the case's progress
                         page at the hub, and the kiosk reads it as the YM1:C form

``<C>`` is an ISO 7064 MOD 37,36 check character over the reference's letters and digits; it
catches every single mistyped character when a citizen reads the number out or types it.

``<K>`` is the receipt code: 8 random characters the terminal draws for each case before it
stores it, printed as the receipt's 验证码. Case numbers are sequential, so anyone can make up
a valid ``YM1:C`` text; only the paper receipt carries ``<K>``, and the hub lets a case be
rated only with it (it keeps a hash). The progress lookup asks for its own proof and reads
both forms.

The identity body (RFC 4648 base32, unpadded) is, big-endian::

    u8 n | subject (n bytes, 1..32, an opaque reference, never personal data)
    | u32 issued_at | u32 expires_at (Unix seconds) | 64-byte Ed25519 signature

The signature covers ``b"YM1:I:"`` plus everything before it, so neither the kind nor the
version can be swapped. A v6-M symbol (41x41 modules) holds an identity code with a 16-byte
subject.

:func:`classify` never raises: unknown, malformed or tampered text becomes a :class:`Payload`
with a ``status`` and a machine ``reason``, and :attr:`Payload.message_key` names what to tell
the citizen (the UI words it).
"""

from __future__ import annotations

import base64
import binascii
import enum
import re
import secrets
import struct
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # the caller brings the key: cryptography loads with it, not with this module
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

VERSION = 1
PREFIX = f"YM{VERSION}:"
MAX_TEXT = 4096  # far beyond any QR symbol (version 40 holds 4,296 alphanumeric characters)
MAX_SUBJECT = 32
DEFAULT_CLOCK_SKEW = 60.0  # seconds a terminal's clock may run behind the hub's

_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Letters and digits; inner hyphens allowed so hub numbers such as 2026-000123 stay readable.
_REF_RE = re.compile(r"[0-9A-Z](?:[0-9A-Z-]{0,38}[0-9A-Z])?")
# Receipt codes: letters and digits without 0/O and 1/I (a citizen may read one out), 40 bits.
RECEIPT_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECEIPT_CODE_LENGTH = 8
_RECEIPT_CODE_RE = re.compile(r"[0-9A-Z]{8,16}")  # what a reader accepts (the hub's model too)
_SIG_LEN = 64
_TIMES = struct.Struct(">II")
_ID_TAG = b"YM1:I:"


class PayloadKind(enum.Enum):
    APPOINTMENT = "appointment"
    CASE_TRACKING = "case_tracking"
    TICKET = "ticket"
    IDENTITY = "identity"
    URL = "url"
    UNKNOWN = "unknown"


class PayloadStatus(enum.Enum):
    VALID = "valid"  # well formed; for identity codes also signed by the hub and current
    EXPIRED = "expired"  # an identity code past its expiry (genuine, if a key was given)
    INVALID = "invalid"  # malformed, failed check character, bad signature, not yet valid
    UNVERIFIED = "unverified"  # an identity code read without the hub's key: ask the hub


class Reason(enum.Enum):
    NONE = ""
    UNRECOGNISED = "unrecognised"  # not one of our formats and not a URL
    UNSUPPORTED_VERSION = "unsupported_version"  # YM2: and later, from a newer hub
    MALFORMED = "malformed"
    BAD_CHECK = "bad_check"
    BAD_SIGNATURE = "bad_signature"
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    NO_KEY = "no_key"


@dataclass(frozen=True, slots=True)
class Payload:
    kind: PayloadKind
    status: PayloadStatus
    text: str  # the scanned text, unchanged (bounded to MAX_TEXT characters)
    reason: Reason = Reason.NONE
    reference: str = ""  # appointment/ticket reference, case number, or the URL
    subject: bytes | None = None  # identity codes: the hub's opaque subject reference
    issued_at: int | None = None  # identity codes: Unix seconds
    expires_at: int | None = None
    receipt_code: str = ""  # case receipts: the code that proves the receipt ("" before codes)

    @property
    def ok(self) -> bool:
        return self.status is PayloadStatus.VALID

    @property
    def message_key(self) -> str:
        """A key the UI translates into what the citizen should do next."""
        if self.status is PayloadStatus.VALID:
            return f"qr.{self.kind.value}"
        if self.kind is PayloadKind.IDENTITY:
            return f"qr.identity.{self.status.value}"
        if self.reason is Reason.UNSUPPORTED_VERSION:
            return "qr.unsupported_version"
        if self.kind is PayloadKind.UNKNOWN:
            return "qr.unknown"
        return "qr.damaged"


class _Malformed(Exception):
    """Internal: the text is in one of our formats but does not parse."""


def check_character(reference: str) -> str:
    """The ISO 7064 MOD 37,36 (hybrid) check character over the letters and digits."""
    modulus = 36
    product = modulus
    for char in reference:
        if char == "-":
            continue
        value = _ALNUM.index(char)
        total = (product + value) % modulus or modulus
        product = (total * 2) % (modulus + 1)
    return _ALNUM[(modulus + 1 - product) % modulus]


def _reference_code(kind_letter: str, reference: str) -> str:
    if not isinstance(reference, str) or not _REF_RE.fullmatch(reference):
        raise ValueError(
            f"a reference must be 1-40 characters of 0-9, A-Z and inner hyphens, got {reference!r}"
        )
    return f"{PREFIX}{kind_letter}:{reference}:{check_character(reference)}"


def appointment_code(reference: str) -> str:
    """The QR text for an appointment the hub booked under ``reference``."""
    return _reference_code("A", reference)


def new_receipt_code() -> str:
    """A fresh receipt code (``secrets``: it is the proof that the receipt is held)."""
    return "".join(secrets.choice(RECEIPT_CODE_ALPHABET) for _ in range(RECEIPT_CODE_LENGTH))


def case_tracking_code(case_number: str, receipt_code: str = "") -> str:
    """The QR text printed on a receipt: progress lookup, and (with its code) 好差评.
    Without ``receipt_code`` it is the older form, which names the case but proves nothing."""
    text = _reference_code("C", case_number)
    if not receipt_code:
        return text
    if not isinstance(receipt_code, str) or not _RECEIPT_CODE_RE.fullmatch(receipt_code):
        raise ValueError("a receipt code must be 8-16 characters of 0-9 and A-Z")
    return f"{text}:{receipt_code}"


def case_tracking_url(public_url: str, case_number: str, receipt_code: str) -> str:
    """The receipt's QR as a link to the hub's progress page (``public_url`` is the address
    phones reach the hub at); it carries the receipt code, without which the page shows nothing."""
    code = case_tracking_code(case_number, receipt_code)
    if not receipt_code:
        raise ValueError("a receipt link needs the receipt code")
    return f"{public_url.rstrip('/')}/c/{code.removeprefix(PREFIX + 'C:')}"


def case_reference(path_tail: str) -> tuple[str, str] | None:
    """(case number, receipt code) from the tail of a receipt link (``<CASE>:<C>:<K>``), when
    well formed and its check character matches; otherwise None."""
    found = classify(f"{PREFIX}C:{path_tail[:MAX_TEXT]}", now=0.0)
    if not found.ok or found.kind is not PayloadKind.CASE_TRACKING or not found.receipt_code:
        return None
    return found.reference, found.receipt_code


def ticket_code(reference: str) -> str:
    """The QR text printed on a queue ticket to follow it on a phone."""
    return _reference_code("T", reference)


def _epoch(moment: float | datetime) -> float:
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            raise ValueError("a datetime for payload times must be timezone-aware")
        return moment.timestamp()
    return float(moment)


def _b32encode(data: bytes) -> str:
    return base64.b32encode(data).decode("ascii").rstrip("=")


def _b32decode(text: str) -> bytes:
    if not text or len(text) % 8 in (1, 3, 6):  # lengths no byte string encodes to
        raise _Malformed
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except (binascii.Error, ValueError) as exc:
        raise _Malformed from exc
    if _b32encode(data) != text:  # stray padding bits: one code, one spelling
        raise _Malformed
    return data


def identity_code(
    subject: bytes,
    private_key: Ed25519PrivateKey,
    *,
    now: float | datetime,
    ttl: float,
) -> str:
    """A dynamic identity code for ``subject`` (opaque, never personal data), valid ``ttl`` s."""
    if not isinstance(subject, bytes) or not 1 <= len(subject) <= MAX_SUBJECT:
        raise ValueError(f"an identity subject must be 1-{MAX_SUBJECT} bytes")
    if ttl <= 0:
        raise ValueError("an identity code needs a positive ttl")
    issued = int(_epoch(now))
    expires = issued + max(1, round(ttl))
    if not (issued >= 0 and expires < 2**32):
        raise ValueError("identity code times must fall between 1970 and 2106")
    body = bytes([len(subject)]) + subject + _TIMES.pack(issued, expires)
    signature = private_key.sign(_ID_TAG + body)
    return f"{PREFIX}I:{_b32encode(body + signature)}"


def classify(
    text: str,
    *,
    identity_public_key: Ed25519PublicKey | None = None,
    now: float | datetime,
    clock_skew: float = DEFAULT_CLOCK_SKEW,
) -> Payload:
    """What a scanned QR text is, and whether it can be trusted. Never raises on any text."""
    if not isinstance(text, str):
        return Payload(PayloadKind.UNKNOWN, PayloadStatus.INVALID, "", Reason.MALFORMED)
    moment = _epoch(now)  # a naive datetime is the caller's bug: that one does raise
    text = text[:MAX_TEXT]
    stripped = text.strip()
    try:
        if stripped.startswith(PREFIX):
            return _classify_ours(
                text, stripped[len(PREFIX) :], identity_public_key, moment, clock_skew
            )
        if re.match(r"YM[0-9]+:", stripped):
            return Payload(
                PayloadKind.UNKNOWN, PayloadStatus.INVALID, text, Reason.UNSUPPORTED_VERSION
            )
        return _classify_foreign(text, stripped)
    except Exception:  # a bug here must cost one scan, never the kiosk
        return Payload(PayloadKind.UNKNOWN, PayloadStatus.INVALID, text, Reason.MALFORMED)


_KIND_LETTERS = {
    "A": PayloadKind.APPOINTMENT,
    "C": PayloadKind.CASE_TRACKING,
    "T": PayloadKind.TICKET,
}


def _classify_ours(
    text: str,
    rest: str,
    key: Ed25519PublicKey | None,
    now: float,
    skew: float,
) -> Payload:
    letter, _, fields = rest.partition(":")
    if letter in _KIND_LETTERS:
        kind = _KIND_LETTERS[letter]
        reference, sep, check = fields.partition(":")
        code = ""
        if kind is PayloadKind.CASE_TRACKING and check.count(":") == 1:
            check, code = check.split(":")
            if not _RECEIPT_CODE_RE.fullmatch(code):
                return Payload(kind, PayloadStatus.INVALID, text, Reason.MALFORMED)
        if not sep or len(check) != 1 or not _REF_RE.fullmatch(reference):
            return Payload(kind, PayloadStatus.INVALID, text, Reason.MALFORMED)
        if check_character(reference) != check:
            return Payload(kind, PayloadStatus.INVALID, text, Reason.BAD_CHECK)
        return Payload(kind, PayloadStatus.VALID, text, reference=reference, receipt_code=code)
    if letter == "I":
        return _classify_identity(text, fields, key, now, skew)
    return Payload(PayloadKind.UNKNOWN, PayloadStatus.INVALID, text, Reason.MALFORMED)


def _classify_identity(
    text: str,
    field: str,
    key: Ed25519PublicKey | None,
    now: float,
    skew: float,
) -> Payload:
    def outcome(
        status: PayloadStatus,
        reason: Reason,
        subject: bytes | None = None,
        times: tuple[int, int] | tuple[None, None] = (None, None),
    ) -> Payload:
        return Payload(PayloadKind.IDENTITY, status, text, reason, "", subject, *times)

    try:
        raw = _b32decode(field)
    except _Malformed:
        return outcome(PayloadStatus.INVALID, Reason.MALFORMED)
    if not raw or not 1 <= raw[0] <= MAX_SUBJECT or len(raw) != 1 + raw[0] + _TIMES.size + _SIG_LEN:
        return outcome(PayloadStatus.INVALID, Reason.MALFORMED)
    body, signature = raw[:-_SIG_LEN], raw[-_SIG_LEN:]
    subject = body[1 : 1 + body[0]]
    issued, expires = _TIMES.unpack(body[1 + body[0] :])
    if expires <= issued:
        return outcome(PayloadStatus.INVALID, Reason.MALFORMED)
    times = (issued, expires)
    if key is not None:
        from cryptography.exceptions import InvalidSignature  # loaded already: the key is its

        try:
            key.verify(signature, _ID_TAG + body)
        except InvalidSignature:
            return outcome(PayloadStatus.INVALID, Reason.BAD_SIGNATURE)
    # Without the key an expired code is still worth telling apart: forging one gains nothing.
    if now >= expires:
        return outcome(PayloadStatus.EXPIRED, Reason.EXPIRED, subject, times)
    if key is None:
        return outcome(PayloadStatus.UNVERIFIED, Reason.NO_KEY, subject, times)
    if now + skew < issued:
        return outcome(PayloadStatus.INVALID, Reason.NOT_YET_VALID, subject, times)
    return outcome(PayloadStatus.VALID, Reason.NONE, subject, times)


def _classify_foreign(text: str, stripped: str) -> Payload:
    if re.match(r"(?i)https?://", stripped) and not any(c.isspace() for c in stripped):
        parts = urlsplit(stripped)
        if parts.hostname:
            _, sep, tail = parts.path.rpartition("/c/")
            receipt = case_reference(tail) if sep and "/" not in tail else None
            if receipt is not None:  # a receipt's link: the same as its YM1:C code
                number, code = receipt
                return Payload(
                    PayloadKind.CASE_TRACKING,
                    PayloadStatus.VALID,
                    text,
                    reference=number,
                    receipt_code=code,
                )
            return Payload(PayloadKind.URL, PayloadStatus.VALID, text, reference=stripped)
    return Payload(PayloadKind.UNKNOWN, PayloadStatus.INVALID, text, Reason.UNRECOGNISED)
