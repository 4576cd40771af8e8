"""The 256-byte text block of all four layouts, both directions, plus the ID-number rules."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

import pytest

from contract.privacy import mask_id
from drivers.idcard import photo, samples
from drivers.idcard.document import (
    PERMANENT,
    CardType,
    IdDocument,
    encode_address_continuation,
    encode_text_block,
    parse_text_block,
)
from drivers.idcard.errors import TextBlockError

JSON_KEYS = [
    "card_type",
    "name",
    "name_en",
    "gender",
    "gender_code",
    "ethnicity",
    "ethnicity_code",
    "nationality",
    "birth_date",
    "address",
    "id_number",
    "id_number_valid",
    "issuer",
    "valid_from",
    "valid_to",
    "pass_number",
    "issue_count",
    "card_number",
    "card_uid",
    "has_photo",
]


def block(fields: dict[int, str]) -> bytes:
    """A text block built by hand from (byte offset -> text), independent of the encoder."""
    raw = bytearray("\u0020".encode("utf-16-le") * 128)
    for offset, text in fields.items():
        encoded = text.encode("utf-16-le")
        raw[offset : offset + len(encoded)] = encoded
    return bytes(raw)


RESIDENT = block(
    {
        0: "张示例",
        30: "2",
        32: "01",
        36: "19491231",
        52: "北京市朝阳区示例路1号示例小区",
        122: "11010519491231002X",
        158: "北京市公安局朝阳分局",
        188: "20150601",
        204: "长期",
    }
)
PERMIT = block(
    {
        0: "陈示例",
        30: "1",
        36: "19800101",
        52: "示例地址",
        122: "810000198001010014",
        158: "示例出入境管理局",
        188: "20200101",
        204: "20250101",
        220: "H90000001",
        238: "01",
        248: "J",
    }
)
FOREIGN_OLD = block(
    {
        0: "SAMPLE, EXAMPLE",
        120: "1",
        122: "UTO110075010101",
        152: "UTO",
        158: "示例",
        188: "20150101",
        204: "20250101",
        220: "19750101",
        240: "1500",
        248: "I",
    }
)
FOREIGN_2023 = block(
    {
        0: "马示例",
        30: "1",
        32: "00",
        36: "19850505",
        52: "EXAMPLESON, SAMPLE ALEXANDER MAXIMI",  # characters 1-35
        122: "933011198505050019",
        188: "20231201",
        204: "20331201",
        220: "LIAN",  # characters 36-39
        242: "UTO",
        248: "Y",
    }
)

TABLE = [
    (RESIDENT, samples.sample_resident()),
    (PERMIT, samples.sample_permit()),
    (FOREIGN_OLD, samples.sample_foreign_pr()),
    (FOREIGN_2023, samples.sample_foreign_pr_2023()),
]


@pytest.mark.parametrize(("raw", "doc"), TABLE, ids=["resident", "J", "I", "Y"])
def test_text_block_both_directions(raw: bytes, doc: IdDocument) -> None:
    parsed = parse_text_block(raw, doc.photo_wlt)
    assert parsed == doc
    assert encode_text_block(doc) == raw


def test_resident_json_is_complete_and_typed() -> None:
    data = parse_text_block(RESIDENT, samples.SAMPLE_WLT).to_json_dict()
    assert list(data) == JSON_KEYS
    assert data["card_type"] == "resident"
    assert (data["gender"], data["gender_code"]) == ("女", "2")
    assert (data["ethnicity"], data["ethnicity_code"]) == ("汉", "01")
    assert data["birth_date"] == "1949-12-31"
    assert (data["valid_from"], data["valid_to"]) == ("2015-06-01", "长期")
    assert data["id_number_valid"] is True
    assert data["has_photo"] is True
    assert data["pass_number"] is None


def test_2023_english_name_is_joined_across_the_cut() -> None:
    doc = parse_text_block(FOREIGN_2023)
    assert doc.name_en == "EXAMPLESON, SAMPLE ALEXANDER MAXIMILIAN"
    assert doc.card_type is CardType.FOREIGN_PR_2023
    assert doc.id_number_valid is True  # check digit only: 9xxxxx is not a region
    assert doc.region is None


def test_2023_english_name_cut_inside_a_word_keeps_the_word() -> None:
    name = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO"  # 41 chars, no spaces
    raw = block({52: name[:35], 220: name[35:], 248: "Y"})
    assert parse_text_block(raw).name_en == name


def test_old_pr_card_fields() -> None:
    doc = parse_text_block(FOREIGN_OLD)
    assert (doc.name_en, doc.name, doc.nationality) == ("SAMPLE, EXAMPLE", "示例", "UTO")
    assert doc.id_number_valid is True
    assert doc.birth_date == datetime.date(1975, 1, 1)
    bad = parse_text_block(block({122: "UT0110075010101", 248: "I"}))
    assert bad.id_number_valid is False


def test_address_continuation_from_the_30_03_block() -> None:
    doc = samples.sample_resident(long_address=True)
    full = doc.address
    assert full is not None and len(full) > 35
    first = parse_text_block(encode_text_block(doc))
    assert first.address == full[:35]
    continued = first.with_address_continuation(encode_address_continuation(full))
    assert continued.address == full
    assert first.with_address_continuation(" ".encode("utf-16-le") * 35) == first


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({248: "Q"}, "unknown card type"),
        ({36: "19491332"}, "not a real date"),
        ({36: "1949123"}, "not a YYYYMMDD date"),
        ({204: "永久"}, "not a YYYYMMDD date"),
        ({30: "M"}, "gender code"),
    ],
)
def test_undecodable_blocks_get_named_errors(fields: dict[int, str], message: str) -> None:
    with pytest.raises(TextBlockError, match=message):
        parse_text_block(block(fields))


def test_wrong_size_and_broken_ucs2_are_named() -> None:
    with pytest.raises(TextBlockError, match="256 bytes"):
        parse_text_block(RESIDENT[:-2])
    broken = bytearray(RESIDENT)
    broken[0:2] = b"\x00\xd8"  # a lone high surrogate
    with pytest.raises(TextBlockError, match="not UCS-2"):
        parse_text_block(bytes(broken))


def test_blank_fields_are_none_and_permanent_is_kept() -> None:
    doc = parse_text_block(block({204: PERMANENT}))
    assert doc.valid_to == PERMANENT
    assert doc.name is None and doc.birth_date is None and doc.id_number_valid is None


def test_masking_and_repr_never_show_personal_data() -> None:
    doc = samples.sample_resident()
    assert mask_id(doc.id_number or "") == "1101**********002X"
    for text in (repr(doc), str(doc), repr(samples.sample_social_security())):
        assert "张示例" not in text and "11010519491231002X" not in text
        assert "1101**********002X" in text


def test_photo_is_none_without_a_decoder_and_decoded_with_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KIOSK_WLT_LIBRARY", "/nonexistent/libwlt2bmp.so")
    photo.set_photo_decoder(None)
    assert photo.find_vendor_decoder(names=("surely-no-such-wlt-library",)) is None
    seen: list[bytes] = []

    def fake_vendor(wlt: bytes) -> bytes:
        seen.append(wlt)
        return b"BM" + bytes(10)

    photo.set_photo_decoder(fake_vendor)
    try:
        assert photo.decode_photo(samples.SAMPLE_WLT) == b"BM" + bytes(10)
        assert photo.decode_photo(None) is None
        assert seen == [samples.SAMPLE_WLT]
    finally:
        photo.set_photo_decoder(None)


def test_a_failing_vendor_decoder_does_not_fail_the_read(caplog: pytest.LogCaptureFixture) -> None:
    def broken(wlt: bytes) -> bytes:
        raise RuntimeError("vendor bug")

    photo.set_photo_decoder(broken)
    try:
        with caplog.at_level(logging.ERROR):
            assert photo.decode_photo(samples.SAMPLE_WLT) is None
        assert "WLT photo decoder failed" in caplog.text
    finally:
        photo.set_photo_decoder(None)


@pytest.fixture(autouse=True)
def _no_vendor_decoder() -> Iterator[None]:
    photo.set_photo_decoder(None)
    yield
    photo.set_photo_decoder(None)
