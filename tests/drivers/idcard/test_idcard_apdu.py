"""PC/SC profile payloads (sans-I/O): social security records, pseudo-card pages, T=0 chains."""

from __future__ import annotations

import datetime

import pytest

from drivers.idcard import apdu, samples
from drivers.idcard.document import CardType, encode_text_block
from drivers.idcard.errors import TextBlockError


def test_ssc_select_command_bytes() -> None:
    expected = "00 A4 04 00 0F 73 78 31 2E 73 68 2E C9 E7 BB E1 B1 A3 D5 CF"
    assert bytes.fromhex(expected) == apdu.SELECT_SSC
    assert apdu.select_file(apdu.EF05) == bytes.fromhex("00 A4 02 00 02 EF 05")
    assert apdu.read_record(7, 0x0B) == bytes.fromhex("00 B2 07 04 0B")
    assert bytes.fromhex("00 36 00 00 08") == apdu.GET_CARD_UID
    assert apdu.pseudo_read(3) == bytes.fromhex("FF B0 03 00 00")


# Record bytes written out by hand: tag, length, value.
RECORDS = {
    0x05: "05 04 20 18 03 01",
    0x06: "06 04 20 28 03 01",
    0x07: "07 09 41 30 30 30 30 30 30 30 31",  # A00000001
    0x08: "08 12 " + b"11010519491231002X".hex(" "),
    0x09: "09 1E " + ("张示例".encode("gbk") + b" " * 24).hex(" "),
    0x0A: "0A 01 32",  # ASCII '2'
    0x0B: "0B 01 01",  # BCD 01
    0x0D: "0D 04 19 49 12 31",
}


def test_social_security_records_both_directions() -> None:
    values = {n: apdu.parse_record(bytes.fromhex(raw), n) for n, raw in RECORDS.items()}
    doc = apdu.social_security_document(values)
    assert doc == samples.sample_social_security()
    assert doc.to_json_dict()["gender"] == "女"
    encoded = apdu.social_security_records(doc)
    for number, raw in RECORDS.items():
        assert apdu.encode_record(number, encoded[number]) == bytes.fromhex(raw)


def test_social_security_sex_and_ethnicity_may_be_binary() -> None:
    doc = apdu.social_security_document({0x0A: b"\x01", 0x0B: b"\x56"})
    assert (doc.gender, doc.ethnicity) == ("男", "基诺")


@pytest.mark.parametrize(
    ("raw", "number"),
    [("06 04 20 28 03 01", 0x05), ("05 09 20 18", 0x05), ("05", 0x05)],
)
def test_malformed_records_are_named(raw: str, number: int) -> None:
    with pytest.raises(TextBlockError):
        apdu.parse_record(bytes.fromhex(raw), number)


def test_bad_bcd_date_and_bad_name_are_named() -> None:
    with pytest.raises(TextBlockError, match="BCD date"):
        apdu.social_security_document({0x0D: bytes.fromhex("19491331")})
    with pytest.raises(TextBlockError, match="GBK"):
        apdu.social_security_document({0x09: b"\xff\xff"})


def test_pseudo_card_pages_both_directions() -> None:
    doc = samples.sample_resident()
    text = encode_text_block(doc)
    pages = apdu.split_pseudo_stream(text, samples.SAMPLE_WLT)
    assert [len(p) for p in pages] == [256, 256, 256, 256, 256, 4]
    assert pages[0][:4] == b"\x01\x00\x04\x00"
    assert pages[0][4:] == text[:252]  # the text block starts at offset 4 of page 0
    assert pages[1][4:] == samples.SAMPLE_WLT[:252]  # and the photo at offset 4 of page 1
    assert apdu.parse_pseudo_stream(pages) == doc
    with pytest.raises(TextBlockError):
        apdu.parse_pseudo_stream(pages[:5])


def test_t0_follow_ups() -> None:
    command = apdu.read_record(7)
    assert apdu.follow_up(command, apdu.RApdu(b"", 0x6C0B)) == bytes.fromhex("00 B2 07 04 0B")
    assert apdu.follow_up(command, apdu.RApdu(b"", 0x6110)) == bytes.fromhex("00 C0 00 00 10")
    assert apdu.follow_up(command, apdu.RApdu(b"", 0x9000)) is None
    with pytest.raises(TextBlockError):
        apdu.RApdu.parse(b"\x90")
    assert "0102" not in repr(apdu.RApdu(b"\x01\x02", 0x9000))


def test_card_uid_document_says_there_is_no_sam() -> None:
    doc = apdu.card_uid_document(bytes.fromhex("0102030405060708"))
    assert doc.card_type is CardType.CARD_UID
    assert doc.card_uid == "0102030405060708"
    assert "no SAM" in (doc.note or "")
    assert doc.to_json_dict()["card_type"] == "card_uid"


def test_atr_profile_hint() -> None:
    assert apdu.looks_like_pseudo_card(bytes.fromhex("3B 8A 80 01 49 44 43 41 52 44 90 00 80 11"))
    assert not apdu.looks_like_pseudo_card(bytes.fromhex("3B 88 80 01 00 00 00 00 33 81 81 00"))
    assert samples.sample_social_security().valid_to == datetime.date(2028, 3, 1)


def test_pseudo_card_with_another_prefix_is_read_when_its_text_block_is_valid(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The four bytes before the text are not documented: a reader that puts something else
    there is still read, and the prefix is logged for the record (nothing personal in it)."""
    doc = samples.sample_resident()
    pages = apdu.split_pseudo_stream(encode_text_block(doc), samples.SAMPLE_WLT)
    pages[0] = b"\x00\x00\x00\x00" + pages[0][4:]
    with caplog.at_level("INFO", logger="drivers.idcard.apdu"):
        assert apdu.parse_pseudo_stream(pages) == doc
    assert "00 00 00 00" in caplog.text
    assert doc.name is not None and doc.name not in caplog.text

    garbled = [b"\x00\x00\x00\x00" + bytes([0xFF]) * 252, *pages[1:]]
    with pytest.raises(TextBlockError, match="prefix 00 00 00 00"):
        apdu.parse_pseudo_stream(garbled)
