"""The simulated reader presents every kind of card the terminal meets: resident ID card, social
security card, a bare contactless card (only its UID), or none."""

from __future__ import annotations

import pytest

from drivers.idcard import samples
from drivers.idcard.document import CardType
from drivers.idcard.errors import NoCardError, ReaderUriError
from drivers.idcard.reader import make_reader, open_reader


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("sim", samples.sample_resident()),
        ("sim:social-security", samples.sample_social_security()),
        ("sim:staff-card", samples.sample_staff_card()),
    ],
)
def test_sim_uris_place_their_card(uri: str, expected: object) -> None:
    with open_reader(uri) as reader:
        assert reader.read(timeout=1) == expected


def test_social_security_card_carries_no_address_and_no_photo() -> None:
    with open_reader("sim:social-security") as reader:
        doc = reader.read(timeout=1)
    assert doc.card_type is CardType.SOCIAL_SECURITY
    assert doc.id_number_valid and doc.name == "张示例"
    assert doc.address is None and not doc.has_photo and doc.photo_image is None


def test_staff_card_is_only_a_uid() -> None:
    with open_reader("sim:staff-card") as reader:
        doc = reader.read(timeout=1)
    assert doc.card_type is CardType.CARD_UID
    assert doc.card_uid == samples.SAMPLE_STAFF_CARD_UID
    assert doc.name is None and doc.id_number is None
    assert doc.to_json_dict()["card_uid"] == "5A3C9E0104D2B7F6"


def test_cards_are_swapped_on_an_empty_sim_reader() -> None:
    with open_reader("sim:empty") as reader:
        with pytest.raises(NoCardError):
            reader.read(timeout=0.05)
        reader.place_card(samples.sample_social_security())  # type: ignore[attr-defined]
        assert reader.read(timeout=1).card_type is CardType.SOCIAL_SECURITY
        reader.place_card(samples.sample_staff_card())  # type: ignore[attr-defined]
        assert reader.read(timeout=1).card_type is CardType.CARD_UID


def test_an_unknown_sim_card_names_the_choices() -> None:
    with pytest.raises(ReaderUriError, match="sim:social-security, sim:staff-card"):
        make_reader("sim:passport")
