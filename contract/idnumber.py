"""Identity numbers: the one check of a resident ID number (GB 11643) and of a unified social
credit code (GB 32100), region decoding. Masking for screens, slips and logs is
:mod:`contract.privacy`.

The check characters come from python-stdnum (``stdnum.cn.ric``, ``stdnum.cn.uscc``); its
``ric.validate`` is not used as a whole because it also requires the region to be in its table,
and new region codes appear every year (and 2023 foreign permanent-residence numbers start with
9). What counts here: 18 characters, 17 ASCII digits, a real birth date not in the future and not
before 1900, and the right check character. python-stdnum loads with the first check (its
utilities bring in ssl and pydoc): a kiosk checks no number before its home screen is up.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass


class IdProblem(enum.Enum):
    """Why a string is not a resident ID number (the kiosk words each next to the field)."""

    FORMAT = "format"  # not 18 characters of which 17 digits and a digit or X
    BIRTH_DATE = "birth_date"  # the embedded birth date is no real, past date
    CHECK_CHARACTER = "check_character"  # the 18th character does not match


def check_character(first17: str) -> str:
    """The 18th character for 17 digits (GB 11643, ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("17 digits are needed for a check character")
    from stdnum.cn import ric

    return str(ric.calc_check_digit(first17 + "0"))  # stdnum ignores the last character


def problem(number: str, *, today: datetime.date | None = None) -> IdProblem | None:
    """What is wrong with ``number`` as a resident ID number (upper- or lower-case x), or None."""
    number = number.strip().upper()
    head, last = number[:17], number[17:]
    if len(number) != 18 or not head.isascii() or not head.isdigit() or last not in "0123456789X":
        return IdProblem.FORMAT
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return IdProblem.BIRTH_DATE
    if born > (today or datetime.date.today()) or born.year < 1900:
        return IdProblem.BIRTH_DATE
    if check_character(head) != last:
        return IdProblem.CHECK_CHARACTER
    return None


def is_valid(number: str) -> bool:
    """A resident ID number that passes every check of :func:`problem`."""
    return problem(number) is None


def birth_date(number: str) -> datetime.date | None:
    """The birth date a valid resident ID number carries, else None."""
    number = number.strip().upper()
    if problem(number) is not None:
        return None
    return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def age_on(number: str, day: datetime.date) -> int | None:
    """Full years the holder of a valid resident ID number has lived on ``day``, else None."""
    born = birth_date(number)
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def looks_resident(number: str) -> bool:
    """Shaped like a resident ID number (18 characters, 17 digits first): other documents
    (old permanent-residence numbers, passports) are not held to GB 11643."""
    return len(number) == 18 and number[:17].isascii() and number[:17].isdigit()


def credit_code_valid(code: str) -> bool:
    """A unified social credit code (GB 32100: 18 characters, its check character right)."""
    from stdnum.cn import uscc

    code = code.strip().upper()
    return len(code) == 18 and bool(uscc.is_valid(code))


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
