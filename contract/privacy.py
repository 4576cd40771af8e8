"""Masking personal data: one set of rules for screens, printouts, hub responses and logs.

Personal data on paper and on screen is masked as GB/T 35273 asks: a receipt left on the counter
or a screen seen over a shoulder must not give away who applied or where they live.
"""

from __future__ import annotations

import re


def mask_name(name: str) -> str:
    """张三 -> 张*, 王小明 -> 王*明, 欧阳娜娜 -> 欧**娜."""
    name = name.strip()
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_id(number: str) -> str:
    """3201**********123X: region prefix and the last four kept, as the brief's examples."""
    number = number.strip()
    if len(number) >= 12:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    if len(number) <= 2:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 2) + number[-1]


def mask_case_number(number: str) -> str:
    """YM2026030200001**7 style: the prefix and date kept, the sequence hidden but its end (a
    case number with the last six of an ID number is proof enough to look a case up)."""
    number = number.strip()
    if len(number) <= 6:
        return "*" * len(number)
    return number[:10] + "*" * (len(number) - 12) + number[-2:]


def mask_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


_ADDRESS_HEAD = re.compile(r"^.{0,12}?(?:区|县|旗)|^.{0,9}?市")


def mask_address(address: str) -> str:
    """Keep the administrative area (up to the district or county), mask the rest with a fixed
    ``****`` so the length of the street part is not revealed either."""
    address = address.strip()
    match = _ADDRESS_HEAD.match(address)
    head = match.group(0) if match else address[: min(6, len(address) // 2)]
    return head + "****"
