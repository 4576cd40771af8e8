"""Encryption at rest for the outbox: AES-256-GCM with a key kept in a 0600 file.

Each sealed blob is ``version byte || 12-byte random nonce || ciphertext+tag``; the entry id and
the blob's role are bound in as associated data, so a blob cannot be moved to another entry.

cryptography loads with the first blob sealed or opened, not when the outbox opens at start-up.
"""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.errors import ConfigError, KioskError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"
_NONCE = 12


class OutboxCorrupt(KioskError):
    """A sealed blob does not open: wrong key file, or the outbox was tampered with."""


def load_or_create_key(path: Path) -> bytes:
    """Read the 32-byte key (base64 in the file) or create it with mode 0600."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = os.urandom(32)  # what AESGCM.generate_key(bit_length=256) returns
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return load_or_create_key(path)  # another process created it first
        with os.fdopen(fd, "wb") as handle:
            handle.write(base64.b64encode(key) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        return key
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ConfigError(
            f"The outbox key file {path} is readable by others (mode {mode:o}); chmod 600 it."
        )
    try:
        key = base64.b64decode(path.read_bytes().strip(), validate=True)
    except (ValueError, OSError) as exc:
        raise ConfigError(f"The outbox key file {path} cannot be read: {exc}") from exc
    if len(key) != 32:
        raise ConfigError(f"The outbox key file {path} does not hold a 256-bit key.")
    return key


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("an outbox key is 32 bytes")
        self._key = key
        self._cipher: AESGCM | None = None

    @property
    def _aead(self) -> AESGCM:
        if self._cipher is None:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            self._cipher = AESGCM(self._key)
        return self._cipher

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(_NONCE)
        return _VERSION + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if blob[:1] != _VERSION:
            raise OutboxCorrupt("An outbox entry has an unknown format version.")
        try:
            return self._aead.decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], aad)
        except InvalidTag as exc:
            raise OutboxCorrupt(
                "An outbox entry cannot be decrypted: wrong key file or damaged outbox."
            ) from exc
