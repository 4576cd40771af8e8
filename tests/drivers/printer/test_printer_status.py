"""DLE EOT status: byte tables in both directions, fed whole and one byte at a time."""

from __future__ import annotations

import pytest

from drivers.health import HealthState
from drivers.printer.status import (
    PrinterStatus,
    StatusKind,
    StatusProtocolError,
    StatusReader,
    parse_reply,
    status_reply,
    status_request,
)

# status, replies to DLE EOT 1, 2, 3, 4, health state and reason
TABLE = [
    (PrinterStatus(), b"\x12\x12\x12\x12", HealthState.OK, ""),
    (
        PrinterStatus(paper_near_end=True),
        b"\x12\x12\x12\x1e",
        HealthState.DEGRADED,
        "paper_near_end",
    ),
    (
        PrinterStatus(online=False, paper_out=True, paper_near_end=True),
        b"\x1a\x32\x12\x7e",
        HealthState.DOWN,
        "paper_out",
    ),
    (
        PrinterStatus(online=False, cover_open=True),
        b"\x1a\x16\x12\x12",
        HealthState.DOWN,
        "cover_open",
    ),
    (PrinterStatus(online=False, error=True), b"\x1a\x52\x32\x12", HealthState.DOWN, "error"),
    (PrinterStatus(online=False), b"\x1a\x12\x12\x12", HealthState.DOWN, "offline"),
]


def test_requests_are_dle_eot_n() -> None:
    assert [status_request(k) for k in StatusKind] == [
        b"\x10\x04\x01",
        b"\x10\x04\x02",
        b"\x10\x04\x03",
        b"\x10\x04\x04",
    ]


@pytest.mark.parametrize(("status", "replies", "state", "reason"), TABLE)
def test_printer_side_replies(
    status: PrinterStatus, replies: bytes, state: HealthState, reason: str
) -> None:
    assert b"".join(status_reply(kind, status) for kind in StatusKind) == replies


@pytest.mark.parametrize("one_by_one", [False, True], ids=["whole", "byte-by-byte"])
@pytest.mark.parametrize(("status", "replies", "state", "reason"), TABLE)
def test_host_side_parses_replies(
    status: PrinterStatus, replies: bytes, state: HealthState, reason: str, one_by_one: bool
) -> None:
    reader = StatusReader(tuple(StatusKind))
    assert reader.requests() == b"\x10\x04\x01\x10\x04\x02\x10\x04\x03\x10\x04\x04"
    chunks = [replies[i : i + 1] for i in range(4)] if one_by_one else [replies]
    for chunk in chunks:
        assert not reader.done
        reader.feed(chunk)
    assert reader.done
    assert reader.status == status
    health = reader.status.health()
    assert (health.state, health.reason) == (state, reason)


def test_python_escpos_masks_agree_with_our_paper_replies() -> None:
    from escpos.constants import RT_MASK_LOWPAPER, RT_MASK_NOPAPER

    out = status_reply(StatusKind.PAPER, PrinterStatus(paper_out=True, paper_near_end=True))[0]
    low = status_reply(StatusKind.PAPER, PrinterStatus(paper_near_end=True))[0]
    assert out & RT_MASK_NOPAPER == RT_MASK_NOPAPER
    assert low & RT_MASK_LOWPAPER == RT_MASK_LOWPAPER and low & RT_MASK_NOPAPER != RT_MASK_NOPAPER


def test_noise_before_a_reply_is_skipped_but_not_forever() -> None:
    reader = StatusReader((StatusKind.PAPER,), max_noise=2)
    reader.feed(b"\x00\xff\x7e")
    assert reader.done and reader.status.paper_out
    with pytest.raises(StatusProtocolError):
        StatusReader((StatusKind.PAPER,), max_noise=2).feed(b"\x00\x01\x02")


def test_a_non_status_byte_is_a_protocol_error() -> None:
    with pytest.raises(StatusProtocolError):
        parse_reply(StatusKind.PRINTER, 0x00, PrinterStatus())


def test_unknown_status_is_unknown_health() -> None:
    assert PrinterStatus(known=False).health().state is HealthState.UNKNOWN
