"""GA 467 frames: byte tables in both directions, fed whole and one byte at a time."""

from __future__ import annotations

import pytest

from drivers.idcard import ga467
from drivers.idcard.errors import FrameChecksumError, FrameLengthError
from drivers.idcard.ga467 import NEED_DATA, Command, Frame, FrameParser, Response, Sw3

# (command, frame) from REFERENCE.md §1.1, written out by hand.
COMMAND_TABLE = [
    (Command.STATUS, "AA AA AA 96 69 00 03 11 FF ED"),
    (Command.SAM_ID, "AA AA AA 96 69 00 03 12 FF EE"),
    (Command.FIND_CARD, "AA AA AA 96 69 00 03 20 01 22"),
    (Command.SELECT_CARD, "AA AA AA 96 69 00 03 20 02 21"),
    (Command.READ_TEXT_PHOTO, "AA AA AA 96 69 00 03 30 01 32"),
    (Command.READ_TEXT_PHOTO_FP, "AA AA AA 96 69 00 03 30 10 23"),
    (Command.READ_NEW_ADDRESS, "AA AA AA 96 69 00 03 30 03 30"),
]

# (sw3, data, frame): the sample replies of REFERENCE.md §1.1.
RESPONSE_TABLE = [
    (Sw3.CARD_FOUND, bytes(4), "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"),
    (Sw3.FIND_CARD_FAILED, b"", "AA AA AA 96 69 00 04 00 00 80 84"),
    (Sw3.OK, bytes(8), "AA AA AA 96 69 00 0C 00 00 90" + " 00" * 8 + " 9C"),
]


def parse_one_byte_at_a_time(raw: bytes) -> list[Frame]:
    parser = FrameParser()
    frames = []
    for byte in raw:
        parser.feed(bytes([byte]))
        while (frame := parser.next_frame()) is not NEED_DATA:
            assert isinstance(frame, Frame)
            frames.append(frame)
    return frames


@pytest.mark.parametrize(("command", "hex_frame"), COMMAND_TABLE)
def test_command_frames_both_directions(command: Command, hex_frame: str) -> None:
    raw = bytes.fromhex(hex_frame)
    assert ga467.encode_command(command) == raw
    frames = parse_one_byte_at_a_time(raw)
    assert [Command.from_body(f.body) for f in frames] == [command]


@pytest.mark.parametrize(("sw3", "data", "hex_frame"), RESPONSE_TABLE)
def test_response_frames_both_directions(sw3: Sw3, data: bytes, hex_frame: str) -> None:
    raw = bytes.fromhex(hex_frame)
    assert ga467.encode_response(sw3, data) == raw
    (frame,) = parse_one_byte_at_a_time(raw)
    assert Response.from_frame(frame) == Response(0, 0, sw3, data)


def test_the_wrong_public_find_card_sample_is_rejected() -> None:
    parser = FrameParser()
    parser.feed(bytes.fromhex("AA AA AA 96 69 00 03 20 01 21"))
    with pytest.raises(FrameChecksumError):
        parser.next_frame()


def test_every_sw3_code_has_a_name_and_a_meaning() -> None:
    codes = {0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47}
    codes |= {0x60, 0x66, 0x80, 0x81}
    assert {int(code) for code in Sw3} == codes
    meanings = [Sw3(code).meaning for code in codes]
    assert len(set(meanings)) == len(codes)
    assert ga467.describe_sw3(0x80) == "no card found (SW3 80)"
    assert "undocumented" in ga467.describe_sw3(0x55)


def test_garbage_before_a_frame_is_skipped_and_counted() -> None:
    good = ga467.encode_response(Sw3.OK, b"xyz")
    noise = b"\x00\xaa\xaa\x13\xaa\xaa\xaa\x96"  # includes a partial preamble
    frames = parse_one_byte_at_a_time(noise + good)
    assert [Response.from_frame(f).data for f in frames] == [b"xyz"]
    parser = FrameParser()
    parser.feed(noise + good)
    assert isinstance(parser.next_frame(), Frame)
    assert parser.discarded == len(noise)


def test_bad_checksum_is_named_and_the_parser_recovers() -> None:
    bad = bytearray(ga467.encode_response(Sw3.OK, b"abc"))
    bad[-1] ^= 0x01
    good = ga467.encode_response(Sw3.OK, b"def")
    parser = FrameParser()
    parser.feed(bytes(bad) + good)
    with pytest.raises(FrameChecksumError):
        parser.next_frame()
    frame = parser.next_frame()
    assert isinstance(frame, Frame)
    assert Response.from_frame(frame).data == b"def"


@pytest.mark.parametrize("length", [0, 1, 2, ga467.MAX_LEN + 1, 0xFFFF])
def test_impossible_length_is_named_and_the_parser_recovers(length: int) -> None:
    parser = FrameParser()
    parser.feed(ga467.PREAMBLE + length.to_bytes(2, "big") + ga467.encode_command(Command.STATUS))
    with pytest.raises(FrameLengthError):
        parser.next_frame()
    frame = parser.next_frame()
    assert isinstance(frame, Frame)
    assert Command.from_body(frame.body) is Command.STATUS


def test_frame_split_at_every_position() -> None:
    raw = ga467.encode_response(Sw3.OK, bytes(range(40)))
    for cut in range(1, len(raw)):
        parser = FrameParser()
        parser.feed(raw[:cut])
        assert parser.next_frame() is NEED_DATA
        parser.feed(raw[cut:])
        frame = parser.next_frame()
        assert isinstance(frame, Frame)
        assert Response.from_frame(frame).data == bytes(range(40))


def test_full_read_reply_is_1295_bytes_and_splits_into_blocks() -> None:
    text, photo = bytes(range(256)), bytes(1024)
    frame = ga467.encode_response(Sw3.OK, ga467.encode_read_data(text, photo))
    assert len(frame) == 1295
    assert frame[5:7] == b"\x05\x08"
    (parsed,) = parse_one_byte_at_a_time(frame)
    payload = ga467.parse_read_data(Response.from_frame(parsed).data)
    assert (payload.text, payload.photo, payload.fingerprint) == (text, photo, b"")


def test_read_reply_with_fingerprint_is_2321_bytes() -> None:
    text, photo, fp = bytes(256), bytes(1024), b"\x01" * 1024
    frame = ga467.encode_response(Sw3.OK, ga467.encode_read_data(text, photo, fp))
    assert len(frame) == 2321
    assert frame[5:7] == b"\x09\x0a"
    payload = ga467.parse_read_data(frame[10:-1])
    assert payload.fingerprint == fp


def test_read_reply_whose_lengths_disagree_is_refused() -> None:
    data = ga467.encode_read_data(bytes(256), bytes(1024))
    with pytest.raises(FrameLengthError):
        ga467.parse_read_data(data[:-1], with_fingerprint=False)
    with pytest.raises(FrameLengthError):
        ga467.parse_read_data(b"\x00\xff" + data[2:], with_fingerprint=False)


def test_encoding_refuses_a_body_that_does_not_fit() -> None:
    with pytest.raises(FrameLengthError):
        ga467.encode_frame(b"\x01")
    with pytest.raises(FrameLengthError):
        ga467.encode_frame(bytes(ga467.MAX_LEN))
