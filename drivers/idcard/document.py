"""The identity document value, and the 256-byte text block of GA 467 readers, both directions.

The text block is UCS-2LE, fixed width, right-padded with spaces; the character at byte 248
names the layout (blank resident card, ``J`` HK/Macao/Taiwan permit, ``I`` old and ``Y`` 2023
foreign permanent-residence cards). Field tables: REFERENCE.md §1.2.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from contract import idnumber
from contract.privacy import mask_id
from drivers.idcard import tables
from drivers.idcard.errors import TextBlockError

TEXT_BLOCK_LEN: Final = 256
PERMANENT: Final = "长期"

ValidTo = datetime.date | Literal["长期"]


class CardType(enum.Enum):
    RESIDENT = "resident"
    HKMOTW_PERMIT = "hkmotw_permit"
    FOREIGN_PR = "foreign_pr"
    FOREIGN_PR_2023 = "foreign_pr_2023"
    SOCIAL_SECURITY = "social_security"
    CARD_UID = "card_uid"  # only the physical card id (a PC/SC reader without SAM)


_TYPE_CHARS: Final = {
    " ": CardType.RESIDENT,
    "J": CardType.HKMOTW_PERMIT,
    "I": CardType.FOREIGN_PR,
    "Y": CardType.FOREIGN_PR_2023,
}
_CHAR_OF_TYPE: Final = {card_type: char for char, card_type in _TYPE_CHARS.items()}


@dataclass(frozen=True, slots=True, repr=False)
class IdDocument:
    """One identity document as read. Fields match the JSON keys of ``kiosk idcard --json``.

    ``photo_wlt`` keeps the raw WLT photo (decoding needs a vendor library); ``photo_image`` is
    the decoded BMP when such a library was found, else None (show a neutral placeholder).
    """

    card_type: CardType
    name: str | None = None
    name_en: str | None = None
    gender_code: str | None = None
    ethnicity_code: str | None = None
    nationality: str | None = None
    birth_date: datetime.date | None = None
    address: str | None = None
    id_number: str | None = None
    issuer: str | None = None
    valid_from: datetime.date | None = None
    valid_to: ValidTo | None = None
    pass_number: str | None = None
    issue_count: str | None = None
    card_number: str | None = None
    card_uid: str | None = None
    photo_wlt: bytes | None = field(default=None, compare=False)
    photo_image: bytes | None = field(default=None, compare=False)
    note: str | None = None  # technician-facing remark, e.g. "the reader has no SAM"

    @property
    def gender(self) -> str | None:
        return tables.gender_name(self.gender_code)

    @property
    def ethnicity(self) -> str | None:
        return tables.ethnicity_name(self.ethnicity_code)

    @property
    def id_number_valid(self) -> bool | None:
        if not self.id_number:
            return None
        if self.card_type is CardType.FOREIGN_PR:
            return _old_pr_number_ok(self.id_number)
        return idnumber.is_valid(self.id_number)

    @property
    def region(self) -> idnumber.Region | None:
        if self.card_type in (CardType.FOREIGN_PR, CardType.FOREIGN_PR_2023):
            return None  # PR numbers are not in the GB/T 2260 table
        return idnumber.decode_region(self.id_number) if self.id_number else None

    @property
    def has_photo(self) -> bool:
        return bool(self.photo_wlt)

    def with_address_continuation(self, block: bytes) -> IdDocument:
        """Append the 70-byte UCS-2LE ``30 03`` block to the 35-character address."""
        more = _text(block, 0, len(block)) if block else None
        if not more:
            return self
        return replace(self, address=(self.address or "") + more)

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "card_type": self.card_type.value,
            "name": self.name,
            "name_en": self.name_en,
            "gender": self.gender,
            "gender_code": self.gender_code,
            "ethnicity": self.ethnicity,
            "ethnicity_code": self.ethnicity_code,
            "nationality": self.nationality,
            "birth_date": _iso(self.birth_date),
            "address": self.address,
            "id_number": self.id_number,
            "id_number_valid": self.id_number_valid,
            "issuer": self.issuer,
            "valid_from": _iso(self.valid_from),
            "valid_to": _iso(self.valid_to),
            "pass_number": self.pass_number,
            "issue_count": self.issue_count,
            "card_number": self.card_number,
            "card_uid": self.card_uid,
            "has_photo": self.has_photo,
        }

    def __repr__(self) -> str:
        # Never the name or the full number: reprs end up in logs and tracebacks.
        return (
            f"IdDocument(card_type={self.card_type.value}, "
            f"id_number={mask_id(self.id_number or '') or '-'}, has_photo={self.has_photo})"
        )

    __str__ = __repr__


def _iso(value: datetime.date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.isoformat()


def _old_pr_number_ok(number: str) -> bool:
    return len(number) == 15 and number[:3].isalpha() and number[3:].isdigit() and number.isascii()


# --- decoding -----------------------------------------------------------------------------


def _text(block: bytes, offset: int, size: int) -> str | None:
    raw = block[offset : offset + size]
    try:
        value = raw.decode("utf-16-le")
    except UnicodeDecodeError as exc:
        raise TextBlockError(f"text block bytes {offset}..{offset + size} are not UCS-2") from exc
    # Readers pad with spaces; some with NULs.
    value = value.replace("\x00", " ").strip()
    return value or None


def _date(block: bytes, offset: int, what: str) -> datetime.date | None:
    value = _text(block, offset, 16)
    if value is None:
        return None
    if len(value) != 8 or not value.isdigit() or not value.isascii():
        raise TextBlockError(f"the {what} in the text block is not a YYYYMMDD date")
    try:
        return datetime.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError as exc:
        raise TextBlockError(f"the {what} in the text block is not a real date") from exc


def _valid_to(block: bytes) -> ValidTo | None:
    """The end of validity: a date, or 长期 (permanent) kept as such."""
    if _text(block, 204, 16) == PERMANENT:
        return PERMANENT
    return _date(block, 204, "end of validity")


def _code(block: bytes, offset: int, size: int, what: str) -> str | None:
    value = _text(block, offset, size)
    if value is not None and not (value.isdigit() and value.isascii()):
        raise TextBlockError(f"the {what} code in the text block is not numeric")
    return value


def card_type_of(block: bytes) -> CardType:
    if len(block) != TEXT_BLOCK_LEN:
        raise TextBlockError(f"a text block has {TEXT_BLOCK_LEN} bytes, this one has {len(block)}")
    char = _text(block, 248, 2) or " "
    try:
        return _TYPE_CHARS[char]
    except KeyError:
        raise TextBlockError(f"unknown card type {char!r} in the text block") from None


def parse_text_block(block: bytes, photo_wlt: bytes | None = None) -> IdDocument:
    """Decode a 256-byte text block; raises :class:`TextBlockError` on anything undecodable."""
    card_type = card_type_of(block)
    if card_type in (CardType.RESIDENT, CardType.HKMOTW_PERMIT):
        is_permit = card_type is CardType.HKMOTW_PERMIT
        return IdDocument(
            card_type=card_type,
            name=_text(block, 0, 30),
            gender_code=_code(block, 30, 2, "gender"),
            ethnicity_code=_code(block, 32, 4, "ethnicity"),
            birth_date=_date(block, 36, "birth date"),
            address=_text(block, 52, 70),
            id_number=_text(block, 122, 36),
            issuer=_text(block, 158, 30),
            valid_from=_date(block, 188, "start of validity"),
            valid_to=_valid_to(block),
            pass_number=_text(block, 220, 18) if is_permit else None,
            issue_count=_code(block, 238, 4, "issue count") if is_permit else None,
            photo_wlt=photo_wlt or None,
        )
    if card_type is CardType.FOREIGN_PR:
        return IdDocument(
            card_type=card_type,
            name_en=_text(block, 0, 120),
            gender_code=_code(block, 120, 2, "gender"),
            id_number=_text(block, 122, 30),
            nationality=_text(block, 152, 6),
            name=_text(block, 158, 30),
            valid_from=_date(block, 188, "start of validity"),
            valid_to=_valid_to(block),
            birth_date=_date(block, 220, "birth date"),
            issuer=_text(block, 240, 8),
            photo_wlt=photo_wlt or None,
        )
    # The English name is one 46-character string cut after character 35: joining the raw
    # halves before stripping keeps a cut inside a word intact.
    english = _text(block[52:122] + block[220:242], 0, 92)
    return IdDocument(
        card_type=card_type,
        name=_text(block, 0, 30),
        gender_code=_code(block, 30, 2, "gender"),
        issue_count=_code(block, 32, 4, "renewal count"),
        birth_date=_date(block, 36, "birth date"),
        name_en=english,
        id_number=_text(block, 122, 36),
        valid_from=_date(block, 188, "start of validity"),
        valid_to=_valid_to(block),
        nationality=_text(block, 242, 6),
        photo_wlt=photo_wlt or None,
    )


# --- encoding (the reader emulator, the simulated reader and the byte-table tests) ---------


def _put(block: bytearray, offset: int, size: int, value: str | None) -> None:
    raw = (value or "").encode("utf-16-le")
    if len(raw) > size:
        raise TextBlockError(f"a value of {len(raw)} bytes does not fit the {size}-byte field")
    block[offset : offset + size] = raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def _date_text(value: datetime.date | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return value.strftime("%Y%m%d")


def encode_text_block(doc: IdDocument) -> bytes:
    """The 256-byte block a card of ``doc``'s layout carries (inverse of parse_text_block)."""
    block = bytearray(" ".encode("utf-16-le") * (TEXT_BLOCK_LEN // 2))
    if doc.card_type not in _CHAR_OF_TYPE:
        raise TextBlockError(f"{doc.card_type.value} documents have no GA 467 text block")
    if doc.card_type in (CardType.RESIDENT, CardType.HKMOTW_PERMIT):
        _put(block, 0, 30, doc.name)
        _put(block, 30, 2, doc.gender_code)
        _put(block, 32, 4, doc.ethnicity_code)
        _put(block, 36, 16, _date_text(doc.birth_date))
        _put(block, 52, 70, (doc.address or "")[:35])
        _put(block, 122, 36, doc.id_number)
        _put(block, 158, 30, doc.issuer)
        _put(block, 188, 16, _date_text(doc.valid_from))
        _put(block, 204, 16, _date_text(doc.valid_to))
        if doc.card_type is CardType.HKMOTW_PERMIT:
            _put(block, 220, 18, doc.pass_number)
            _put(block, 238, 4, doc.issue_count)
    elif doc.card_type is CardType.FOREIGN_PR:
        _put(block, 0, 120, doc.name_en)
        _put(block, 120, 2, doc.gender_code)
        _put(block, 122, 30, doc.id_number)
        _put(block, 152, 6, doc.nationality)
        _put(block, 158, 30, doc.name)
        _put(block, 188, 16, _date_text(doc.valid_from))
        _put(block, 204, 16, _date_text(doc.valid_to))
        _put(block, 220, 16, _date_text(doc.birth_date))
        _put(block, 240, 8, doc.issuer)
    else:
        english = doc.name_en or ""
        _put(block, 0, 30, doc.name)
        _put(block, 30, 2, doc.gender_code)
        _put(block, 32, 4, doc.issue_count)
        _put(block, 36, 16, _date_text(doc.birth_date))
        _put(block, 52, 70, english[:35])
        _put(block, 122, 36, doc.id_number)
        _put(block, 188, 16, _date_text(doc.valid_from))
        _put(block, 204, 16, _date_text(doc.valid_to))
        _put(block, 220, 22, english[35:])
        _put(block, 242, 6, doc.nationality)
    _put(block, 248, 2, _CHAR_OF_TYPE[doc.card_type])
    return bytes(block)


def encode_address_continuation(address: str | None) -> bytes:
    """The ``30 03`` block: characters 36..70 of the address, UCS-2LE, space padded."""
    block = bytearray(" ".encode("utf-16-le") * 35)
    _put(block, 0, 70, (address or "")[35:70])
    return bytes(block)
