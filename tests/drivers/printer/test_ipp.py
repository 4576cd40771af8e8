"""IPP messages as bytes, both ways: a request as CUPS reads it, a response as CUPS writes it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.printer import ipp
from drivers.printer.ipp import Attribute, Group, Op, Tag, attr

GET_PRINTER_ATTRIBUTES = (
    b"\x01\x01"  # IPP/1.1
    b"\x00\x0b"  # Get-Printer-Attributes
    b"\x00\x00\x00\x07"  # request id
    b"\x01"  # operation attributes
    b"\x47\x00\x12attributes-charset\x00\x05utf-8"
    b"\x48\x00\x1battributes-natural-language\x00\x05zh-cn"
    b"\x45\x00\x0bprinter-uri\x00\x20ipp://localhost/printers/notices"
    b"\x42\x00\x14requesting-user-name\x00\x05kiosk"
    b"\x44\x00\x14requested-attributes\x00\x0dprinter-state"
    b"\x44\x00\x00\x00\x19printer-is-accepting-jobs"  # an additional value: no name
    b"\x03"  # end of attributes
)

PAUSED_PRINTER = (
    b"\x01\x01\x00\x00\x00\x00\x00\x07"  # successful-ok
    b"\x01"
    b"\x47\x00\x12attributes-charset\x00\x05utf-8"
    b"\x48\x00\x1battributes-natural-language\x00\x05zh-cn"
    b"\x04"  # printer attributes
    b"\x23\x00\x0dprinter-state\x00\x04\x00\x00\x00\x05"  # stopped
    b"\x44\x00\x15printer-state-reasons\x00\x06paused"
    b"\x44\x00\x00\x00\x0fmedia-jam-error"
    b"\x22\x00\x19printer-is-accepting-jobs\x00\x01\x01"
    b"\x41\x00\x15printer-state-message\x00\x0dPaper jam \xe5\x8d\xa1"
    b"\x03"
)


def test_a_request_is_the_bytes_cups_reads() -> None:
    request = ipp.Request(
        Op.GET_PRINTER_ATTRIBUTES,
        7,
        ipp.operation_attributes(
            "ipp://localhost/printers/notices",
            "kiosk",
            (
                attr(
                    "requested-attributes",
                    Tag.KEYWORD,
                    "printer-state",
                    "printer-is-accepting-jobs",
                ),
            ),
        ),
    )
    assert ipp.encode_request(request) == GET_PRINTER_ATTRIBUTES
    with_data = ipp.Request(Op.PRINT_JOB, 1, request.operation_attributes, b"%PDF-1.4")
    assert ipp.encode_request(with_data).endswith(b"\x03%PDF-1.4")


def test_a_response_decodes_and_encodes_back() -> None:
    response = ipp.decode_response(PAUSED_PRINTER)
    assert response.ok and response.request_id == 7
    found = response.attributes(Group.PRINTER)
    assert ipp.integer(found, "printer-state") == ipp.PrinterState.STOPPED
    assert ipp.keywords(found, "printer-state-reasons") == ("paused", "media-jam-error")
    assert found["printer-is-accepting-jobs"].value is True
    assert ipp.keywords(found, "printer-state-message") == ("Paper jam 卡",)
    assert "printer-state" not in response.attributes(Group.OPERATION)
    assert ipp.encode_response(response) == PAUSED_PRINTER


@pytest.mark.parametrize("size", range(len(PAUSED_PRINTER)))
def test_every_truncation_is_a_decode_error(size: int) -> None:
    with pytest.raises(ipp.IppDecodeError):
        ipp.decode_response(PAUSED_PRINTER[:size])


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"HTTP/1.1 200 OK\r\n\r\n", "version"),
        (b"\x01\x01\x00\x00\x00\x00\x00\x01\x21\x00\x01a\x00\x04\x00\x00\x00\x01\x03", "outside"),
        (
            b"\x01\x01\x00\x00\x00\x00\x00\x01\x04\x21\x00\x00\x00\x04\x00\x00\x00\x01\x03",
            "without",
        ),
        (b"\x01\x01\x00\x00\x00\x00\x00\x01\x04\x21\x00\x01a\x00\x02\x00\x01\x03", "integer of 2"),
        (b"\x01\x01\x00\x00\x00\x00\x00\x01\x04\x22\x00\x01a\x00\x02\x00\x01\x03", "boolean of 2"),
    ],
)
def test_bytes_that_are_not_ipp_are_named(data: bytes, why: str) -> None:
    with pytest.raises(ipp.IppDecodeError, match=why):
        ipp.decode_response(data)


def test_our_own_mistakes_are_encode_errors() -> None:
    for bad in (
        Attribute("job-id", Tag.INTEGER, ("7",)),
        Attribute("job-id", Tag.INTEGER, (True,)),
        Attribute("flag", Tag.BOOLEAN, (1,)),
        Attribute("job-name", Tag.NAME, ()),
        Attribute("job-name", Tag.NAME, ("x" * 40000,)),
    ):
        with pytest.raises(ipp.IppEncodeError):
            ipp.encode_request(ipp.Request(Op.PRINT_JOB, 1, (bad,)))


def test_status_names() -> None:
    assert ipp.Response(ipp.NOT_FOUND, 1).status_name == "client-error-not-found"
    assert ipp.Response(0x0BAD, 1).status_name == "status 0x0bad"
    assert ipp.Response(ipp.OK_IGNORED_OR_SUBSTITUTED, 1).ok


_names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=30)
_attributes = st.one_of(
    st.builds(
        lambda n, v: attr(n, Tag.INTEGER, *v),
        _names,
        st.lists(st.integers(-(2**31), 2**31 - 1), min_size=1, max_size=3),
    ),
    st.builds(lambda n, v: attr(n, Tag.BOOLEAN, v), _names, st.booleans()),
    st.builds(
        lambda n, v: attr(n, Tag.TEXT, *v), _names, st.lists(st.text(max_size=40), min_size=1)
    ),
)


@given(
    st.integers(0, 0xFFFF),
    st.integers(0, 2**31 - 1),
    st.lists(
        st.tuples(
            st.sampled_from([Group.OPERATION, Group.JOB, Group.PRINTER]), st.lists(_attributes)
        ),
        max_size=4,
    ),
)
def test_responses_round_trip(status: int, request_id: int, groups: list) -> None:  # type: ignore[type-arg]
    response = ipp.Response(status, request_id, tuple((g, tuple(a)) for g, a in groups))
    decoded = ipp.decode_response(ipp.encode_response(response))
    # two groups of the same tag in a row stay two groups; values come back as sent
    assert decoded == response


def test_request_ids_wrap_and_never_repeat_zero() -> None:
    ids = ipp.RequestIds(last=0x7FFFFFFE)
    assert [ids.next(), ids.next(), ids.next()] == [0x7FFFFFFF, 1, 2]
