"""multipart/form-data: a byte table both ways, input one byte at a time, malformed bodies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import multipart
from contract.multipart import (
    NEED_DATA,
    Event,
    Finished,
    MalformedMultipart,
    MultipartParser,
    Part,
    PartData,
    PartEnded,
    PartStarted,
    boundary_of,
    encode,
)

BOUNDARY = b"xyz"
# A body as curl sends it (preamble-free, CRLF everywhere), and the parts it carries.
TABLE = (
    b"--xyz\r\n"
    b'Content-Disposition: form-data; name="case"\r\n'
    b"Content-Type: application/json\r\n"
    b"\r\n"
    b'{"a": 1}\r\n'
    b"--xyz\r\n"
    b'Content-Disposition: form-data; name="id_card"; filename="id card.pdf"\r\n'
    b"Content-Type: application/pdf\r\n"
    b"\r\n"
    b"%PDF\r\n--xy not a boundary\r\n"
    b"--xyz--\r\n"
)
PARTS = [
    ("case", None, "application/json", b'{"a": 1}'),
    ("id_card", "id card.pdf", "application/pdf", b"%PDF\r\n--xy not a boundary"),
]


def parse(body: bytes, boundary: bytes = BOUNDARY, step: int | None = None) -> list[Event]:
    """Every event of ``body`` fed ``step`` bytes at a time (all at once by default)."""
    parser = MultipartParser(boundary)
    events: list[Event] = []
    step = step or len(body) or 1
    for i in range(0, len(body), step):
        parser.feed(body[i : i + step])
        events += _drain(parser)
    parser.feed(b"")
    return events + _drain(parser)


def _drain(parser: MultipartParser) -> list[Event]:
    events: list[Event] = []
    while (event := parser.next_event()) is not NEED_DATA:
        assert not isinstance(event, type(NEED_DATA))
        events.append(event)
    return events


def parts_of(events: list[Event]) -> list[tuple[str, str | None, str | None, bytes]]:
    parts: list[tuple[str, str | None, str | None, bytes]] = []
    assert events[-1] == Finished() and Finished() not in events[:-1]
    for event in events[:-1]:
        if isinstance(event, PartStarted):
            parts.append((event.name, event.filename, event.content_type, b""))
        elif isinstance(event, PartData):
            name, filename, kind, data = parts[-1]
            parts[-1] = (name, filename, kind, data + event.data)
        else:
            assert isinstance(event, PartEnded)
    return parts


@pytest.mark.parametrize("step", [None, 1, 2, 7])
def test_the_table_parses_in_any_chunking(step: int | None) -> None:
    assert parts_of(parse(TABLE, step=step)) == PARTS


def test_the_encoder_writes_the_table_but_for_its_boundary() -> None:
    parts = [Part(name, data, kind or "", filename) for name, filename, kind, data in PARTS]
    content_type, body = encode(parts)
    boundary = boundary_of(content_type)
    assert boundary is not None and boundary.startswith(b"yimen-")
    assert body.replace(boundary, BOUNDARY) == TABLE


def test_the_boundary_never_occurs_in_a_part(monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = iter(["0" * 32, "1" * 32])
    monkeypatch.setattr(multipart.secrets, "token_hex", lambda _n: next(tokens))
    content_type, _ = encode([Part("a", b"yimen-" + b"0" * 32)])
    assert content_type.endswith("boundary=yimen-" + "1" * 32)


def test_a_preamble_an_epilogue_and_padding_are_ignored() -> None:
    body = (
        b"This is a preamble.\r\n--xyz \t\r\n"
        b'Content-Disposition: form-data; name="a"\r\n\r\nA\r\n'
        b"--xyz--\r\nan epilogue"
    )
    assert parts_of(parse(body, step=3)) == [("a", None, None, b"A")]


def test_an_empty_part_and_escaped_names() -> None:
    body = b'--xyz\r\nContent-Disposition: form-data; name="a\\"b"\r\n\r\n\r\n--xyz--'
    assert parts_of(parse(body)) == [('a"b', None, None, b"")]


@pytest.mark.parametrize(
    "content_type, boundary",
    [
        ("multipart/form-data; boundary=abc", b"abc"),
        ('Multipart/Form-Data; charset=utf-8; boundary="a b:c"', b"a b:c"),
        ("multipart/form-data", None),
        ("multipart/form-data; boundary=", None),
        ("multipart/form-data; boundary=" + "a" * 71, None),
        ("multipart/mixed; boundary=abc", None),
        ("application/json", None),
        ('multipart/form-data; boundary="abc', None),
        ("multipart/form-data; boundary=é", None),
        (None, None),
    ],
)
def test_boundary_of(content_type: str | None, boundary: bytes | None) -> None:
    assert boundary_of(content_type) == boundary


@pytest.mark.parametrize(
    "name, body",
    [
        ("empty", b""),
        ("no boundary", b"just some bytes"),
        ("ends after the boundary", b"--xyz"),
        ("ends in headers", b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n'),
        ("ends in a part", b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nAB'),
        ("no closing delimiter", b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n'),
        (
            "text after a boundary",
            b'--xyzzy\r\nContent-Disposition: form-data; name="a"\r\n\r\nA\r\n--xyz--',
        ),
        ("no disposition", b"--xyz\r\nContent-Type: text/plain\r\n\r\nA\r\n--xyz--"),
        ("no name", b"--xyz\r\nContent-Disposition: form-data\r\n\r\nA\r\n--xyz--"),
        ("not form-data", b'--xyz\r\nContent-Disposition: inline; name="a"\r\n\r\nA\r\n--xyz--'),
        ("header without colon", b"--xyz\r\nbroken\r\n\r\nA\r\n--xyz--"),
        ("headers not UTF-8", b'--xyz\r\nContent-Disposition: form-data; name="\xff"\r\n\r\n'),
        ("headers too long", b"--xyz\r\nX: " + b"a" * 9000 + b"\r\n\r\n--xyz--"),
    ],
)
def test_malformed_bodies_are_refused(name: str, body: bytes) -> None:
    with pytest.raises(MalformedMultipart):
        parse(body, step=5)


def test_the_parser_holds_no_part_content() -> None:
    parser = MultipartParser(BOUNDARY)
    parser.feed(b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n')
    assert isinstance(parser.next_event(), PartStarted)
    for _ in range(100):
        parser.feed(bytes(10_000))
        event = parser.next_event()
        assert isinstance(event, PartData) and len(event.data) >= 10_000 - len(BOUNDARY) - 4
    assert len(parser._buffer) < 16


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.from_regex(r"[A-Za-z0-9_.-]{1,20}", fullmatch=True), st.binary(max_size=300)),
        max_size=5,
    ),
    st.integers(min_value=1, max_value=64),
)
def test_what_is_encoded_parses_back(pairs: list[tuple[str, bytes]], step: int) -> None:
    content_type, body = encode([Part(name, data) for name, data in pairs])
    boundary = boundary_of(content_type)
    assert boundary is not None
    parsed = parts_of(parse(body, boundary, step=step))
    assert [(name, data) for name, _f, _k, data in parsed] == pairs


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=1, max_value=16))
def test_any_bytes_parse_or_are_refused(body: bytes, step: int) -> None:
    """Never another exception, and what parses parses the same in any chunking."""
    try:
        parts = parts_of(parse(b"--xyz\r\n" + body, step=step))
    except MalformedMultipart:
        return
    assert parts == parts_of(parse(b"--xyz\r\n" + body))
