"""The reader interface every transport implements, and ``open_reader(uri)``.

URIs: ``serial:/dev/ttyUSB0?baud=115200`` (``baud=auto`` tries 115200 then 9600; default 115200),
``pcsc`` or ``pcsc:NAME-SUBSTRING``, ``sim`` (the demo's simulated reader with the fictional
sample card on it), ``sim:social-security`` (the sample social security card on it),
``sim:staff-card`` (a bare contactless card: only its id) and ``sim:empty`` (no card until one
is placed programmatically).
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.parse
from typing import Protocol, Self, runtime_checkable

from drivers.idcard.document import IdDocument
from drivers.idcard.errors import NoCardError, ReaderUriError

logger = logging.getLogger(__name__)


@runtime_checkable
class IdCardReader(Protocol):
    """What the monitor and the CLI need from a reader. All calls block; none is thread-safe."""

    description: str  # e.g. "serial /dev/ttyUSB0 @115200"; never personal data

    def open(self) -> None:
        """Connect to the device; :class:`ReaderUnavailableError` if it is not there."""

    def close(self) -> None:
        """Release the device; safe to call twice."""

    def card_present(self) -> bool:
        """Whether a card is on the reader now (a quick probe)."""
        ...

    def read_card(self) -> IdDocument:
        """Read the card that is on the reader now (with the transport's own retries)."""
        ...

    def read(self, timeout: float, cancel: threading.Event | None = None) -> IdDocument:
        """Wait up to ``timeout`` seconds for a card and read it; :class:`NoCardError` if none."""
        ...


class PollingReader:
    """Shared behaviour: ``read()`` by polling ``card_present()``, context manager."""

    description = "reader"
    poll_interval = 0.05

    def open(self) -> None:  # pragma: no cover - every transport overrides it
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def card_present(self) -> bool:  # pragma: no cover
        raise NotImplementedError

    def read_card(self) -> IdDocument:  # pragma: no cover
        raise NotImplementedError

    def read(self, timeout: float, cancel: threading.Event | None = None) -> IdDocument:
        cancel = cancel or threading.Event()
        deadline = time.monotonic() + timeout
        while True:
            if self.card_present():
                return self.read_card()
            remaining = deadline - time.monotonic()
            if remaining <= 0 or cancel.wait(min(self.poll_interval, remaining)):
                raise NoCardError(f"no card was placed on the reader within {timeout:g} s")

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_reader(uri: str) -> IdCardReader:
    """Build the reader named by ``uri`` without opening it (the monitor opens and reopens it)."""
    scheme, _, rest = uri.partition(":")
    if scheme == "serial":
        from drivers.idcard.serial_reader import SerialReader

        parsed = urllib.parse.urlsplit(uri)
        port = parsed.path
        if not port:
            raise ReaderUriError(f"reader URI {uri!r} names no serial port")
        query = urllib.parse.parse_qs(parsed.query)
        baud_text = query.get("baud", ["115200"])[0]
        if baud_text == "auto":
            return SerialReader(port, baud=None)
        if not baud_text.isdigit():
            raise ReaderUriError(f"reader URI {uri!r}: baud must be a number or 'auto'")
        return SerialReader(port, baud=int(baud_text))
    if scheme == "pcsc":
        from drivers.idcard.pcsc_reader import PcscReader

        return PcscReader(rest or None)
    if scheme == "sim":
        from drivers.idcard import samples
        from drivers.idcard.sim import SimulatedReader

        cards = {
            "": samples.sample_resident,
            "social-security": samples.sample_social_security,
            "staff-card": samples.sample_staff_card,
        }
        if rest == "empty":
            return SimulatedReader(card=None)
        if rest not in cards:
            raise ReaderUriError(
                f"reader URI {uri!r}: use sim, sim:social-security, sim:staff-card or sim:empty"
            )
        return SimulatedReader(card=cards[rest]())
    raise ReaderUriError(
        f"unknown reader URI {uri!r}: use serial:/dev/ttyUSB0?baud=115200, pcsc[:NAME] or sim"
    )


def open_reader(uri: str) -> IdCardReader:
    """Build and open the reader named by ``uri``."""
    reader = make_reader(uri)
    reader.open()
    return reader
