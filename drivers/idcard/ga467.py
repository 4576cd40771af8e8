"""Sans-I/O codec for the GA 467 frame protocol spoken by SAM identity-card readers.

Frame, both directions: ``AA AA AA 96 69 | LEN_H LEN_L | body | CHK``. LEN (big-endian) counts
every byte after itself, CHK included; CHK is the XOR of LEN_H .. last body byte. A command body
is ``CMD PARA [data]``; a response body is ``SW1 SW2 SW3 [data]``.

Theory of operation of :class:`FrameParser` (h11 style): ``feed()`` appends bytes, ``next_frame()``
returns one complete :class:`Frame` or :data:`NEED_DATA`. Bytes before a preamble are dropped
(counted in ``discarded``) so the parser resynchronises after line noise. A frame with a bad
checksum or an impossible length raises a named error *after* the parser has skipped past the
bad preamble, so the caller may simply keep calling ``next_frame()``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Final

from drivers.idcard.errors import FrameChecksumError, FrameLengthError

PREAMBLE: Final = b"\xaa\xaa\xaa\x96\x69"
HEADER_LEN: Final = len(PREAMBLE) + 2
# The longest real reply is 30 10 (text + photo + fingerprint): LEN 0x090A. Anything far above
# is noise that happens to follow a preamble; refusing it early keeps a resync cheap.
MAX_LEN: Final = 4096
MIN_LEN: Final = 3  # two body bytes (CMD PARA or SW1 SW2... ) + CHK

TEXT_LEN: Final = 256
PHOTO_LEN: Final = 1024
FINGERPRINT_LEN: Final = 1024
ADDRESS_BLOCK_LEN: Final = 70


class Command(enum.Enum):
    """Command bodies (CMD, PARA) a host sends to the reader."""

    STATUS = (0x11, 0xFF)  # reader/SAM status
    SAM_ID = (0x12, 0xFF)
    FIND_CARD = (0x20, 0x01)
    SELECT_CARD = (0x20, 0x02)
    READ_TEXT_PHOTO = (0x30, 0x01)
    READ_TEXT_PHOTO_FP = (0x30, 0x10)
    READ_NEW_ADDRESS = (0x30, 0x03)  # 70-byte UCS-2LE continuation of the address

    @property
    def body(self) -> bytes:
        return bytes(self.value)

    @classmethod
    def from_body(cls, body: bytes) -> Command | None:
        for command in cls:
            if command.body == body[:2]:
                return command
        return None


class Sw3(enum.IntEnum):
    """Every SW3 status code, with its meaning (see :attr:`meaning`)."""

    OK = 0x90
    NO_CONTENT = 0x91
    CARD_FOUND = 0x9F
    CHECKSUM_ERROR = 0x10
    LENGTH_ERROR = 0x11
    COMMAND_ERROR = 0x21
    UNAUTHORIZED = 0x23
    UNRECOGNIZED = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    VERIFICATION_ERROR = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_NUMBER_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORIZED = 0x66
    FIND_CARD_FAILED = 0x80
    SELECT_CARD_FAILED = 0x81

    @property
    def meaning(self) -> str:
        return _SW3_MEANINGS[self]

    @property
    def is_success(self) -> bool:
        return self in (Sw3.OK, Sw3.NO_CONTENT, Sw3.CARD_FOUND)


_SW3_MEANINGS: Final = {
    Sw3.OK: "operation succeeded",
    Sw3.NO_CONTENT: "operation succeeded, no content",
    Sw3.CARD_FOUND: "card found",
    Sw3.CHECKSUM_ERROR: "the reader received a frame with a bad checksum",
    Sw3.LENGTH_ERROR: "the reader received a frame with a bad length",
    Sw3.COMMAND_ERROR: "the reader does not know this command",
    Sw3.UNAUTHORIZED: "operation not authorized",
    Sw3.UNRECOGNIZED: "unrecognized error",
    Sw3.CARD_AUTH_SAM_FAILED: "the card failed to authenticate the SAM",
    Sw3.SAM_AUTH_CARD_FAILED: "the SAM failed to authenticate the card",
    Sw3.VERIFICATION_ERROR: "information verification error",
    Sw3.UNKNOWN_CARD_TYPE: "unknown card type",
    Sw3.READ_FAILED: "reading the card failed",
    Sw3.RANDOM_NUMBER_FAILED: "getting a random number failed",
    Sw3.SAM_SELF_TEST_FAILED: "the SAM self-test failed",
    Sw3.SAM_NOT_AUTHORIZED: "the SAM is not authorized",
    Sw3.FIND_CARD_FAILED: "no card found",
    Sw3.SELECT_CARD_FAILED: "selecting the card failed",
}


def describe_sw3(code: int) -> str:
    """A technician-facing sentence fragment for any SW3 byte, known or not."""
    try:
        return f"{Sw3(code).meaning} (SW3 {code:02X})"
    except ValueError:
        return f"undocumented status (SW3 {code:02X})"


def checksum(data: bytes) -> int:
    value = 0
    for byte in data:
        value ^= byte
    return value


def encode_frame(body: bytes) -> bytes:
    """Wrap ``body`` in preamble, length and checksum."""
    length = len(body) + 1
    if not MIN_LEN <= length <= MAX_LEN:
        raise FrameLengthError(f"a GA 467 frame body must be 2..{MAX_LEN - 1} bytes long")
    head = length.to_bytes(2, "big") + body
    return PREAMBLE + head + bytes([checksum(head)])


def encode_command(command: Command, data: bytes = b"") -> bytes:
    return encode_frame(command.body + data)


def encode_response(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return encode_frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True, slots=True)
class Frame:
    """One checked frame; ``body`` is everything between LEN and CHK."""

    body: bytes


@dataclass(frozen=True, slots=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes

    @property
    def status(self) -> Sw3 | None:
        try:
            return Sw3(self.sw3)
        except ValueError:
            return None

    @property
    def ok(self) -> bool:
        return self.sw1 == 0 and self.sw2 == 0 and self.sw3 in (Sw3.OK, Sw3.NO_CONTENT)

    @classmethod
    def from_frame(cls, frame: Frame) -> Response:
        body = frame.body
        if len(body) < 3:
            raise FrameLengthError("a GA 467 response frame is shorter than its three status bytes")
        return cls(body[0], body[1], body[2], body[3:])


class _NeedData(enum.Enum):
    NEED_DATA = "need data"


NEED_DATA: Final = _NeedData.NEED_DATA


class FrameParser:
    """Incremental frame parser: feed any chunks, take whole frames out."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self.discarded = 0  # bytes dropped while looking for a preamble

    def feed(self, data: bytes) -> None:
        self._buffer += data

    @property
    def pending(self) -> int:
        return len(self._buffer)

    def next_frame(self) -> Frame | _NeedData:
        buf = self._buffer
        start = buf.find(PREAMBLE)
        if start < 0:
            # Keep a tail that may be the start of a preamble split across chunks.
            keep = _preamble_prefix_len(buf)
            self._drop(len(buf) - keep)
            return NEED_DATA
        self._drop(start)
        if len(buf) < HEADER_LEN:
            return NEED_DATA
        length = int.from_bytes(buf[5:7], "big")
        if not MIN_LEN <= length <= MAX_LEN:
            self._drop(1)  # skip this preamble; a real one may follow
            raise FrameLengthError(f"GA 467 frame length {length} is outside {MIN_LEN}..{MAX_LEN}")
        end = HEADER_LEN + length
        if len(buf) < end:
            return NEED_DATA
        head = bytes(buf[5 : end - 1])
        if checksum(head) != buf[end - 1]:
            self._drop(1)
            raise FrameChecksumError("GA 467 frame checksum mismatch")
        body = bytes(buf[HEADER_LEN : end - 1])
        del buf[:end]
        return Frame(body)

    def _drop(self, count: int) -> None:
        if count > 0:
            del self._buffer[:count]
            self.discarded += count


def _preamble_prefix_len(buf: bytearray) -> int:
    for size in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-size:] == PREAMBLE[:size]:
            return size
    return 0


@dataclass(frozen=True, slots=True)
class ReadPayload:
    """The data of a successful ``30 01`` / ``30 10`` reply, split into its blocks."""

    text: bytes
    photo: bytes
    fingerprint: bytes = b""


def parse_read_data(data: bytes, *, with_fingerprint: bool | None = None) -> ReadPayload:
    """Split ``textLen photoLen [fpLen] text photo [fp]``.

    ``with_fingerprint=None`` decides from the total length (the 30 01 and 30 10 replies differ).
    """
    if with_fingerprint is None:
        announced = int.from_bytes(data[0:2], "big") + int.from_bytes(data[2:4], "big")
        with_fingerprint = len(data) >= 6 and len(data) != 4 + announced
    head = 6 if with_fingerprint else 4
    if len(data) < head:
        raise FrameLengthError("GA 467 read reply is too short for its length fields")
    text_len = int.from_bytes(data[0:2], "big")
    photo_len = int.from_bytes(data[2:4], "big")
    fp_len = int.from_bytes(data[4:6], "big") if with_fingerprint else 0
    if text_len != TEXT_LEN or photo_len > PHOTO_LEN or fp_len > FINGERPRINT_LEN:
        raise FrameLengthError(
            f"GA 467 read reply announces text {text_len}, photo {photo_len}, "
            f"fingerprint {fp_len} bytes"
        )
    if len(data) != head + text_len + photo_len + fp_len:
        raise FrameLengthError(
            f"GA 467 read reply carries {len(data) - head} bytes, its header announces "
            f"{text_len + photo_len + fp_len}"
        )
    text = data[head : head + text_len]
    photo = data[head + text_len : head + text_len + photo_len]
    fingerprint = data[head + text_len + photo_len :]
    return ReadPayload(text=text, photo=photo, fingerprint=fingerprint)


def encode_read_data(text: bytes, photo: bytes, fingerprint: bytes | None = None) -> bytes:
    """The inverse of :func:`parse_read_data` (used by the reader emulator and the tests)."""
    head = len(text).to_bytes(2, "big") + len(photo).to_bytes(2, "big")
    if fingerprint is not None:
        head += len(fingerprint).to_bytes(2, "big")
    return head + text + photo + (fingerprint or b"")
