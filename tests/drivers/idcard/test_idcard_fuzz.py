"""Hypothesis fuzzing: only the module's own errors may escape the parsers."""

from __future__ import annotations

import contextlib
import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drivers.idcard import apdu, ga467
from drivers.idcard.decode import decode_saved
from drivers.idcard.document import (
    PERMANENT,
    CardType,
    IdDocument,
    encode_text_block,
    parse_text_block,
)
from drivers.idcard.errors import ProtocolError, TextBlockError
from drivers.idcard.ga467 import NEED_DATA, Frame, FrameParser, Sw3
from drivers.idcard.tables import ETHNICITIES

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

bodies = st.binary(min_size=2, max_size=64)
noise = st.binary(max_size=40)


def drain(parser: FrameParser) -> tuple[list[bytes], int]:
    frames, errors = [], 0
    while True:
        try:
            result = parser.next_frame()
        except ProtocolError:
            errors += 1
            continue
        if result is NEED_DATA:
            return frames, errors
        assert isinstance(result, Frame)
        frames.append(result.body)


@FUZZ
@given(st.lists(st.binary(max_size=64), max_size=20))
def test_random_chunks_raise_only_protocol_errors(chunks: list[bytes]) -> None:
    parser = FrameParser()
    for chunk in chunks:
        parser.feed(chunk)
        drain(parser)


@FUZZ
@given(st.lists(st.tuples(noise, bodies), min_size=1, max_size=6), st.data())
def test_frames_survive_noise_and_any_chunking(
    items: list[tuple[bytes, bytes]], data: st.DataObject
) -> None:
    stream = b"".join(junk.replace(b"\xaa", b"\x00") + ga467.encode_frame(b) for junk, b in items)
    cuts = sorted(data.draw(st.lists(st.integers(0, len(stream)), max_size=10)))
    parser = FrameParser()
    bodies_seen: list[bytes] = []
    start = 0
    for cut in [*cuts, len(stream)]:
        parser.feed(stream[start:cut])
        start = cut
        got, errors = drain(parser)
        bodies_seen += got
        assert errors == 0
    assert bodies_seen == [b for _, b in items]


@FUZZ
@given(st.binary(min_size=256, max_size=256))
def test_random_text_blocks_raise_only_text_block_errors(raw: bytes) -> None:
    try:
        doc = parse_text_block(raw)
    except TextBlockError:
        return
    doc.to_json_dict()
    repr(doc)


@FUZZ
@given(st.text(min_size=128, max_size=128))
def test_random_ucs2_text_blocks_raise_only_text_block_errors(text: str) -> None:
    raw = text.encode("utf-16-le", errors="surrogatepass")[:256].ljust(256, b" ")
    with contextlib.suppress(TextBlockError):
        parse_text_block(raw).to_json_dict()


@FUZZ
@given(st.binary(max_size=1400))
def test_random_read_replies_and_files_raise_only_protocol_errors(raw: bytes) -> None:
    for candidate in (raw, ga467.encode_response(Sw3.OK, raw) if len(raw) < 4000 else raw):
        with contextlib.suppress(ProtocolError):
            decode_saved(candidate).to_json_dict()


@FUZZ
@given(st.dictionaries(st.sampled_from([5, 6, 7, 8, 9, 10, 11, 13]), st.binary(max_size=32)))
def test_random_social_security_records_raise_only_text_block_errors(
    records: dict[int, bytes],
) -> None:
    with contextlib.suppress(TextBlockError):
        apdu.social_security_document(records).to_json_dict()


cjk = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=15)
dates = st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31))


@FUZZ
@given(
    name=cjk,
    gender=st.sampled_from(["1", "2"]),
    ethnicity=st.sampled_from(sorted(ETHNICITIES)),
    birth=dates,
    address=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=35),
    number=st.from_regex(r"\A[0-9]{17}[0-9X]\Z"),
    valid_from=dates,
    valid_to=st.one_of(dates, st.just(PERMANENT)),
)
def test_resident_blocks_round_trip(
    name: str,
    gender: str,
    ethnicity: str,
    birth: datetime.date,
    address: str,
    number: str,
    valid_from: datetime.date,
    valid_to: datetime.date | str,
) -> None:
    doc = IdDocument(
        card_type=CardType.RESIDENT,
        name=name,
        gender_code=gender,
        ethnicity_code=ethnicity,
        birth_date=birth,
        address=address or None,
        id_number=number,
        issuer="示例公安局",
        valid_from=valid_from,
        valid_to=valid_to,  # type: ignore[arg-type]
    )
    block = encode_text_block(doc)
    assert len(block) == 256
    assert parse_text_block(block) == doc
