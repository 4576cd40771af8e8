"""Which applicant a card read at the identity step names, and what the case then records."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from contract.models import CatalogItem, Channel, DeliveryMethod, IdentitySource
from drivers.idcard.document import PERMANENT, IdDocument
from drivers.idcard.samples import (
    sample_permit,
    sample_resident,
    sample_social_security,
    sample_staff_card,
)
from kiosk.identity import CardRefusal, Identity, from_card
from kiosk.journeys.case.service import CaseDraft, build_case

TODAY = datetime.date(2026, 11, 27)


def test_social_security_card_names_the_applicant_without_an_address() -> None:
    found = from_card(sample_social_security(), TODAY)
    assert found == Identity("张示例", "11010519491231002X", IdentitySource.SOCIAL_SECURITY_CARD)
    assert isinstance(found, Identity) and found.address == ""
    assert "张示例" not in repr(found) and "002X" not in repr(found)


def test_resident_card_brings_its_address() -> None:
    found = from_card(sample_resident(), TODAY)
    assert isinstance(found, Identity)
    assert found.source is IdentitySource.ID_CARD
    assert found.address == "北京市朝阳区示例路1号示例小区"
    permit = from_card(replace(sample_permit(), valid_to=PERMANENT), TODAY)
    assert isinstance(permit, Identity) and permit.source is IdentitySource.ID_CARD


@pytest.mark.parametrize(
    ("document", "refusal"),
    [
        (sample_staff_card(), CardRefusal.NO_IDENTITY),
        (replace(sample_social_security(), name=None), CardRefusal.INCOMPLETE),
        (replace(sample_social_security(), id_number="110105194912310021"), CardRefusal.INCOMPLETE),
        (replace(sample_resident(), id_number=None), CardRefusal.INCOMPLETE),
        (
            replace(sample_social_security(), valid_to=datetime.date(2026, 11, 26)),
            CardRefusal.EXPIRED,
        ),
        (replace(sample_resident(), valid_to=datetime.date(2020, 1, 1)), CardRefusal.EXPIRED),
    ],
)
def test_cards_that_do_not_identify(document: IdDocument, refusal: CardRefusal) -> None:
    assert from_card(document, TODAY) is refusal


def test_a_card_valid_until_today_is_still_valid() -> None:
    card = replace(sample_social_security(), valid_to=TODAY)
    assert isinstance(from_card(card, TODAY), Identity)


def test_the_case_records_which_document_proved_identity() -> None:
    item = CatalogItem.model_validate(
        {
            "code": "GG00618002-990101-MZ",
            "basic_code": "GG00618002",
            "name": "老年人优待证办理",
            "item_type": "公共服务",
            "legal_basis": "示例",
            "level": "县级",
            "department": "民政局",
            "promised_days": 5,
            "delivery": ["pickup", "ems"],
        }
    )
    for source in IdentitySource:
        draft = CaseDraft(item, Identity("张示例", "11010519491231002X", source))
        draft.delivery = DeliveryMethod.PICKUP
        case = build_case(draft, [], Channel.COMMUNITY)
        assert case.identity_source is source
