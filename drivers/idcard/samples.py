"""Clearly fictional sample documents for the demo, the emulators and the tests.

Every name and address says 示例 (sample); the resident number is the public sample
11010519491231002X. None of these people exist.
"""

from __future__ import annotations

import datetime

from drivers.idcard.apdu import NO_SAM_NOTE
from drivers.idcard.document import PERMANENT, CardType, IdDocument

# A deterministic stand-in for the 1024 WLT bytes: it is raw card data for the transports to
# carry, never shown as a picture (no decoder can turn it into a face).
SAMPLE_WLT = bytes((index * 7 + 0x57) & 0xFF for index in range(1024))


def sample_resident(*, long_address: bool = False) -> IdDocument:
    address = "北京市朝阳区示例路1号示例小区"
    if long_address:
        address = (
            "北京市朝阳区示例街道示例社区示例路一百二十三号示例小区九号楼三单元五〇二室附一号示例"
        )
    return IdDocument(
        card_type=CardType.RESIDENT,
        name="张示例",
        gender_code="2",
        ethnicity_code="01",
        birth_date=datetime.date(1949, 12, 31),
        address=address,
        id_number="11010519491231002X",
        issuer="北京市公安局朝阳分局",
        valid_from=datetime.date(2015, 6, 1),
        valid_to=PERMANENT,
        photo_wlt=SAMPLE_WLT,
    )


def sample_permit() -> IdDocument:
    return IdDocument(
        card_type=CardType.HKMOTW_PERMIT,
        name="陈示例",
        gender_code="1",
        birth_date=datetime.date(1980, 1, 1),
        address="示例地址",
        id_number="810000198001010014",
        issuer="示例出入境管理局",
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 1, 1),
        pass_number="H90000001",
        issue_count="01",
        photo_wlt=SAMPLE_WLT,
    )


def sample_foreign_pr() -> IdDocument:
    return IdDocument(
        card_type=CardType.FOREIGN_PR,
        name_en="SAMPLE, EXAMPLE",
        name="示例",
        gender_code="1",
        id_number="UTO110075010101",
        nationality="UTO",
        birth_date=datetime.date(1975, 1, 1),
        valid_from=datetime.date(2015, 1, 1),
        valid_to=datetime.date(2025, 1, 1),
        issuer="1500",
        photo_wlt=SAMPLE_WLT,
    )


def sample_foreign_pr_2023() -> IdDocument:
    return IdDocument(
        card_type=CardType.FOREIGN_PR_2023,
        name="马示例",
        name_en="EXAMPLESON, SAMPLE ALEXANDER MAXIMILIAN",  # 39 chars: crosses the 35-char cut
        gender_code="1",
        issue_count="00",
        birth_date=datetime.date(1985, 5, 5),
        id_number="933011198505050019",
        nationality="UTO",
        valid_from=datetime.date(2023, 12, 1),
        valid_to=datetime.date(2033, 12, 1),
        photo_wlt=SAMPLE_WLT,
    )


def sample_social_security() -> IdDocument:
    return IdDocument(
        card_type=CardType.SOCIAL_SECURITY,
        name="张示例",
        gender_code="2",
        ethnicity_code="01",
        birth_date=datetime.date(1949, 12, 31),
        id_number="11010519491231002X",
        card_number="A00000001",
        valid_from=datetime.date(2018, 3, 1),
        valid_to=datetime.date(2028, 3, 1),
    )


SAMPLE_STAFF_CARD_UID = "5A3C9E0104D2B7F6"  # 8 bytes, as a plain PC/SC reader reports it


def sample_staff_card() -> IdDocument:
    """A bare contactless card (a staff badge): a reader gets only its physical id."""
    return IdDocument(card_type=CardType.CARD_UID, card_uid=SAMPLE_STAFF_CARD_UID, note=NO_SAM_NOTE)
