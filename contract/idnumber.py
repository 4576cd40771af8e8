"""GB 11643 citizen identity numbers: check character, region decoding, masking for logs."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Final

_WEIGHTS: Final = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS: Final = "10X98765432"


def check_character(first17: str) -> str:
    """The 18th character for 17 digits (GB 11643, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def is_valid(number: str) -> bool:
    """18 characters, check character right, embedded birth date a real date.

    Also right for 2023 foreign permanent-residence numbers (they start with 9 and use the same
    check); the region is deliberately not required: new codes appear every year.
    """
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    if check_character(number[:17]) != number[17].upper():
        return False
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Region:
    """Where a number was assigned (GB/T 2260), as far as the bundled table knows."""

    code: str
    province: str | None
    city: str | None
    district: str | None


def decode_region(number: str) -> Region | None:
    """Province / city / district names for the first six digits, from python-stdnum's table."""
    code = number[:6]
    if len(code) != 6 or not code.isdigit() or not code.isascii():
        return None
    year = int(number[6:10]) if len(number) >= 10 and number[6:10].isdigit() else None
    province = _lookup(code[:2] + "0000", year, key="province")
    if province is None:
        return None
    city = _lookup(code[:4] + "00", year) if code[2:4] != "00" else None
    if city in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        city = None  # placeholders in the table, not names
    district = _lookup(code, year) if code[4:6] != "00" else None
    return Region(code=code, province=province, city=city, district=district)


def _lookup(code: str, year: int | None, key: str = "county") -> str | None:
    from stdnum import numdb  # imported here: the table is parsed on first use, not at import

    props: dict[str, str] = {}
    for _part, part_props in numdb.get("cn/loc").info(code):
        props.update(part_props)
    if key == "province":
        # The province entry is the two-digit prefix; info() returns it first.
        return props.get("province")
    return _pick_name(props.get("county"), year) if len(props) > 1 else None


def _pick_name(names: str | None, year: int | None) -> str | None:
    """Entries look like ``朝阳区`` or ``[-2010]崇文区,...``: pick the one valid in ``year``."""
    if not names:
        return None
    for name in names.split(","):
        if not name.startswith("["):
            return name
        span, _, label = name[1:].partition("]")
        start, _, end = span.partition("-")
        if year is not None and ((start and year < int(start)) or (end and year > int(end))):
            continue
        return label
    return None


def mask(number: str | None) -> str:
    """``1101**********002X``: enough for a technician to match a log line, nothing more."""
    if not number:
        return "-"
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
