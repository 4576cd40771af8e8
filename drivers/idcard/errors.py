"""Errors of the identity-document drivers.

Split the h11 way: :class:`ProtocolError` subclasses mean the bytes we were given are wrong
(a corrupted frame, an undecodable text block); :class:`ReaderError` subclasses mean the device
or the card did not do what was asked. Every message is one sentence without personal data.
"""

from __future__ import annotations

from drivers.errors import DeviceError


class IdCardError(DeviceError):
    """Root of every identity-document error."""


class ProtocolError(IdCardError):
    """Bytes that cannot be decoded (a frame, a text block, an APDU response)."""


class FrameChecksumError(ProtocolError):
    """A GA 467 frame whose XOR checksum does not match (line noise or a cut frame)."""


class FrameLengthError(ProtocolError):
    """A GA 467 frame whose length field is impossible, or whose payload lengths disagree."""


class TextBlockError(ProtocolError):
    """A 256-byte text block (or a social security record) that cannot be decoded."""


class ReaderError(IdCardError):
    """The reader or the card failed an operation."""


class ReaderUnavailableError(ReaderError):
    """The reader is absent, unplugged, or its service (pcscd) is not running."""


class NoCardError(ReaderError):
    """No card arrived within the timeout."""


class CardReadError(ReaderError):
    """A card is there but could not be read (select failed, SAM refused, card removed...)."""


class ReaderStatusError(CardReadError):
    """The SAM reader answered with a non-success SW3 status code."""

    def __init__(self, message: str, sw3: int) -> None:
        super().__init__(message)
        self.sw3 = sw3


class ReaderUriError(IdCardError):
    """A reader URI that names no usable transport (bad input: exit code 2)."""

    exit_code = 2
