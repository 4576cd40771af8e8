"""Real-time status (``DLE EOT n``), sans I/O: requests, replies and their meaning, both sides.

Each reply is one byte of the form ``0xx1xx10`` (bits 1 and 4 set, 0 and 7 clear). The printer
side (:func:`status_reply`) is what the emulator answers; the host side (:func:`parse_reply`,
:class:`StatusReader`) is what the driver understands. Bits, per the ESC/POS reference:

- n=1 printer: bit 3 offline;
- n=2 offline cause: bit 2 cover open, bit 3 paper fed by the button, bit 5 stopped by paper
  end, bit 6 error;
- n=3 error cause: bit 3 autocutter error, bit 5 unrecoverable, bit 6 auto-recoverable;
- n=4 roll paper sensor: bits 2-3 paper near end, bits 5-6 paper out.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from drivers.health import DeviceHealth, HealthState
from drivers.printer.errors import PrinterError

_FIXED = 0x12
_MASK = 0x93


class StatusKind(enum.IntEnum):
    PRINTER = 1
    OFFLINE_CAUSE = 2
    ERROR_CAUSE = 3
    PAPER = 4


class StatusProtocolError(PrinterError):
    """The printer answered a status request with a byte that is not a status byte."""

    reason = "protocol"


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    online: bool = True
    cover_open: bool = False
    paper_near_end: bool = False
    paper_out: bool = False
    error: bool = False
    known: bool = True  # False: the transport cannot read (file:, some USB printers)

    def health(self, device: str = "printer") -> DeviceHealth:
        if not self.known:
            return DeviceHealth(device, HealthState.UNKNOWN, "no_status", "status not readable")
        for flag, reason in (
            (self.paper_out, "paper_out"),
            (self.cover_open, "cover_open"),
            (self.error, "error"),
            (not self.online, "offline"),
        ):
            if flag:
                return DeviceHealth(device, HealthState.DOWN, reason)
        if self.paper_near_end:
            return DeviceHealth(device, HealthState.DEGRADED, "paper_near_end")
        return DeviceHealth(device, HealthState.OK)


UNKNOWN_STATUS = PrinterStatus(known=False)
QUERY_KINDS = (StatusKind.PRINTER, StatusKind.OFFLINE_CAUSE, StatusKind.PAPER)


def status_request(kind: StatusKind) -> bytes:
    return bytes((0x10, 0x04, int(kind)))


def is_status_byte(value: int) -> bool:
    return value & _MASK == _FIXED


def status_reply(kind: int, status: PrinterStatus) -> bytes:
    """The printer's answer to ``DLE EOT kind`` (the emulator's side)."""
    value = _FIXED
    if kind == StatusKind.PRINTER:
        value |= 0x08 if not status.online else 0
    elif kind == StatusKind.OFFLINE_CAUSE:
        value |= (0x04 if status.cover_open else 0) | (0x20 if status.paper_out else 0)
        value |= 0x40 if status.error else 0
    elif kind == StatusKind.ERROR_CAUSE:
        value |= 0x20 if status.error else 0
    elif kind == StatusKind.PAPER:
        value |= (0x0C if status.paper_near_end else 0) | (0x60 if status.paper_out else 0)
    return bytes((value,))


def parse_reply(kind: StatusKind, value: int, status: PrinterStatus) -> PrinterStatus:
    """Fold one reply byte into ``status`` (start from ``PrinterStatus()``)."""
    if not is_status_byte(value):
        raise StatusProtocolError(f"printer sent {value:#04x}, not a status byte, for DLE EOT")
    if kind == StatusKind.PRINTER:
        return replace(status, online=not value & 0x08)
    if kind == StatusKind.OFFLINE_CAUSE:
        return replace(
            status,
            cover_open=bool(value & 0x04),
            paper_out=status.paper_out or bool(value & 0x20),
            error=status.error or bool(value & 0x40),
        )
    if kind == StatusKind.ERROR_CAUSE:
        return replace(status, error=status.error or bool(value & 0x60))
    # Either of the two near-end (or paper-end) bits counts: models wire one sensor to both.
    return replace(
        status,
        paper_near_end=bool(value & 0x0C),
        paper_out=status.paper_out or bool(value & 0x60),
    )


class StatusReader:
    """Host side of a status exchange: send :meth:`requests`, feed the reply bytes as they come.

    Bytes that are not status bytes before a reply (automatic status back, noise) are skipped, up
    to ``max_noise``; :attr:`done` turns true when every asked kind has its answer.
    """

    def __init__(self, kinds: tuple[StatusKind, ...] = QUERY_KINDS, max_noise: int = 16) -> None:
        self.kinds = kinds
        self.status = PrinterStatus()
        self._answered = 0
        self._noise = 0
        self._max_noise = max_noise

    def requests(self) -> bytes:
        return b"".join(status_request(kind) for kind in self.kinds)

    @property
    def done(self) -> bool:
        return self._answered == len(self.kinds)

    def feed(self, data: bytes) -> None:
        for value in data:
            if self.done:
                return
            if not is_status_byte(value):
                self._noise += 1
                if self._noise > self._max_noise:
                    raise StatusProtocolError(f"printer sent {value:#04x} instead of a status byte")
                continue
            self.status = parse_reply(self.kinds[self._answered], value, self.status)
            self._answered += 1
