"""Sans-I/O APDU side of the PC/SC card profiles (REFERENCE.md §1.4).

Three profiles, tried in this order by the PC/SC transport:

* **SAM pseudo-card**: readers with a built-in SAM that present the ID card as a card whose ATR
  contains ``90 00``; ``FF B0 P1 00 00`` reads page P1 (0..5) of the 1284-byte stream
  ``textLen photoLen text(256) photo(1024)`` — the same layout as a GA 467 ``30 01`` reply's data,
  so page 0 carries the text block from offset 4 and pages 1..5 the rest (252+256*3+4 photo bytes).
* **Social security card**: SELECT the 社会保障 application, then EF05 and EF06, READ RECORD n
  for each field; each record is ``tag len value`` with tag == record number.
* **Plain contactless**: ``00 36 00 00 08`` returns the 8-byte card id only (no SAM, no data).

Checked against public vendor code: the SSC AID, ``00 B2 07 2C 0B`` for the card number, the
EF05/EF06 record numbers and lengths, sex as one ASCII digit and ethnicity / birth date as BCD
(a7082633/HDOS_VC6 HD_XJDLL.cpp, yxsylyh/hiquotion_cpp SIDCardOperation.h). Not confirmed by a
second source: which readers present the ``FF B0`` pseudo-card and the exact page layout (the
layout here is the only one consistent with "text at offset 4 of page 0, 252 photo bytes at
offset 4 of page 1, 4 bytes in page 5"), and which regions' cards ask for a PIN before EF06
(``69 82`` is reported as "needs its PIN").
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Final

from drivers.idcard import ga467
from drivers.idcard.document import CardType, IdDocument, parse_text_block
from drivers.idcard.errors import TextBlockError

logger = logging.getLogger(__name__)

# "sx1.sh." + 社会保障 (GBK)
SSC_AID: Final = b"sx1.sh." + "社会保障".encode("gbk")
SELECT_SSC: Final = bytes([0x00, 0xA4, 0x04, 0x00, len(SSC_AID)]) + SSC_AID
GET_CARD_UID: Final = bytes([0x00, 0x36, 0x00, 0x00, 0x08])
PSEUDO_PAGES: Final = 6
PSEUDO_STREAM_LEN: Final = 4 + ga467.TEXT_LEN + ga467.PHOTO_LEN  # 1284

EF05: Final = 0xEF05
EF06: Final = 0xEF06
EF05_RECORDS: Final = (0x01, 0x05, 0x06, 0x07)
EF06_RECORDS: Final = (0x08, 0x09, 0x0A, 0x0B, 0x0D)

SW_OK: Final = 0x9000
SW_SECURITY_NOT_SATISFIED: Final = 0x6982
NO_SAM_NOTE: Final = "this reader has no SAM: only the card id can be read, not the card's data"


def select_file(fid: int) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x00, 0x02]) + fid.to_bytes(2, "big")


def read_record(record: int, le: int = 0) -> bytes:
    # P2 = 04: "record number in P1" in the currently selected file.
    return bytes([0x00, 0xB2, record, 0x04, le])


def pseudo_read(page: int) -> bytes:
    return bytes([0xFF, 0xB0, page, 0x00, 0x00])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le])


@dataclass(frozen=True, slots=True)
class RApdu:
    data: bytes
    sw: int

    @classmethod
    def parse(cls, raw: bytes) -> RApdu:
        if len(raw) < 2:
            raise TextBlockError("a card response is shorter than its two status bytes")
        return cls(raw[:-2], int.from_bytes(raw[-2:], "big"))

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK

    def __repr__(self) -> str:  # data may be personal: show only the status and size
        return f"RApdu(sw={self.sw:04X}, {len(self.data)} bytes)"


def follow_up(command: bytes, response: RApdu) -> bytes | None:
    """The command to send next for T=0 status words (61xx: GET RESPONSE; 6Cxx: resend with Le)."""
    sw1, sw2 = response.sw >> 8, response.sw & 0xFF
    if sw1 == 0x61:
        return get_response(sw2)
    if sw1 == 0x6C and len(command) >= 5:
        return command[:4] + bytes([sw2])
    return None


def looks_like_pseudo_card(atr: bytes) -> bool:
    return b"\x90\x00" in atr


def parse_pseudo_stream(pages: list[bytes]) -> IdDocument:
    stream = b"".join(pages)
    if len(stream) < PSEUDO_STREAM_LEN:
        raise TextBlockError(
            f"the reader's pseudo-card returned {len(stream)} of {PSEUDO_STREAM_LEN} bytes"
        )
    stream = stream[:PSEUDO_STREAM_LEN]
    try:
        payload = ga467.parse_read_data(stream, with_fingerprint=False)
    except ga467.FrameLengthError:
        # The layout of the four bytes before the text is not documented (see the module's
        # docstring): when they are not the GA 467 lengths, the text block at offset 4 still
        # decides. It must validate; the prefix (lengths, nothing personal) goes to the log.
        prefix = stream[:4].hex(" ")
        try:
            document = parse_text_block(
                stream[4 : 4 + ga467.TEXT_LEN], stream[4 + ga467.TEXT_LEN :]
            )
        except TextBlockError as exc:
            raise TextBlockError(
                f"the reader's pseudo-card stream is malformed (prefix {prefix}): {exc.message}"
            ) from exc
        logger.info(
            "pseudo-card prefix %s is not the GA 467 lengths; its text block is valid", prefix
        )
        return document
    return parse_text_block(payload.text, payload.photo)


def split_pseudo_stream(text: bytes, photo: bytes) -> list[bytes]:
    """Pages 0..5 for a pseudo-card holding ``text`` and ``photo`` (the virtual card uses it)."""
    stream = ga467.encode_read_data(text, photo)
    return [stream[offset : offset + 256] for offset in range(0, len(stream), 256)]


def parse_record(data: bytes, record: int) -> bytes:
    """The value of a ``tag len value`` record whose tag must be ``record``."""
    if len(data) < 2 or data[0] != record or data[1] > len(data) - 2:
        raise TextBlockError(f"social security record {record:02X} is malformed")
    return data[2 : 2 + data[1]]


def encode_record(record: int, value: bytes) -> bytes:
    return bytes([record, len(value)]) + value


def _bcd_date(value: bytes, what: str) -> datetime.date | None:
    digits = value.hex()
    if not digits.strip("0f"):
        return None
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise TextBlockError(f"the social security card's {what} is not a BCD date") from exc


def _ascii(value: bytes, what: str) -> str | None:
    try:
        text = value.decode("ascii")
    except UnicodeDecodeError as exc:
        raise TextBlockError(f"the social security card's {what} is not ASCII") from exc
    return text.strip(" \x00") or None


def _digit_code(value: bytes, width: int) -> str | None:
    """Sex and ethnicity come as one byte: an ASCII digit, or BCD (``01`` for 汉)."""
    if not value:
        return None
    if len(value) == 1 and 0x30 <= value[0] <= 0x39 and width == 1:
        return chr(value[0])
    digits = value.hex()[-width:]
    return digits if digits.isdigit() else None


def social_security_document(records: dict[int, bytes]) -> IdDocument:
    """Build the document from the record values (record number -> value)."""
    name_raw = records.get(0x09, b"")
    try:
        name = name_raw.decode("gbk").strip(" \x00") or None
    except UnicodeDecodeError as exc:
        raise TextBlockError("the social security card's name is not GBK text") from exc
    return IdDocument(
        card_type=CardType.SOCIAL_SECURITY,
        card_number=_ascii(records.get(0x07, b""), "card number"),
        valid_from=_bcd_date(records.get(0x05, b""), "issue date"),
        valid_to=_bcd_date(records.get(0x06, b""), "expiry date"),
        id_number=_ascii(records.get(0x08, b""), "social security number"),
        name=name,
        gender_code=_digit_code(records.get(0x0A, b""), 1),
        ethnicity_code=_digit_code(records.get(0x0B, b""), 2),
        birth_date=_bcd_date(records.get(0x0D, b""), "birth date"),
    )


def social_security_records(doc: IdDocument) -> dict[int, bytes]:
    """The inverse (for the virtual social security card)."""

    def bcd(value: object) -> bytes:
        return bytes.fromhex(value.strftime("%Y%m%d")) if isinstance(value, datetime.date) else b""

    return {
        0x01: b"\x00" * 16,
        0x05: bcd(doc.valid_from),
        0x06: bcd(doc.valid_to),
        0x07: (doc.card_number or "").encode("ascii"),
        0x08: (doc.id_number or "").encode("ascii"),
        0x09: (doc.name or "").encode("gbk").ljust(30, b" "),
        0x0A: (doc.gender_code or "").encode("ascii"),
        0x0B: bytes.fromhex(doc.ethnicity_code) if doc.ethnicity_code else b"",
        0x0D: bcd(doc.birth_date),
    }


def card_uid_document(uid: bytes) -> IdDocument:
    return IdDocument(card_type=CardType.CARD_UID, card_uid=uid.hex().upper(), note=NO_SAM_NOTE)
