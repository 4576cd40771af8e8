"""A simulated reader for the demo and for tests of code above the transports.

A card is placed and removed programmatically; ``read()`` waits on a condition, not a poll loop.
"""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from drivers.idcard.document import IdDocument, parse_text_block
from drivers.idcard.errors import IdCardError, NoCardError, ReaderUnavailableError
from drivers.idcard.photo import decode_photo, load_decoder


class SimulatedReader:
    description = "simulated reader"

    def __init__(self, card: IdDocument | bytes | None = None) -> None:
        self._cond = threading.Condition()
        self._card: IdDocument | bytes | None = card
        self._fail_next: IdCardError | None = None
        self._plugged = True
        self._open = False

    # --- what the demo (or a test) does to the "hardware" ------------------------------

    def place_card(self, card: IdDocument | bytes) -> None:
        """Put a document (or a raw 256-byte text block) on the reader."""
        with self._cond:
            self._card = card
            self._cond.notify_all()

    def remove_card(self) -> None:
        with self._cond:
            self._card = None
            self._cond.notify_all()

    def fail_next_read(self, error: IdCardError) -> None:
        """Make the next ``read_card`` raise ``error`` (a demo of the failure screens)."""
        with self._cond:
            self._fail_next = error

    def unplug(self) -> None:
        with self._cond:
            self._plugged = False
            self._cond.notify_all()

    def plug(self) -> None:
        with self._cond:
            self._plugged = True
            self._cond.notify_all()

    # --- the reader interface -----------------------------------------------------------

    def open(self) -> None:
        load_decoder()
        with self._cond:
            self._check_plugged()
            self._open = True

    def close(self) -> None:
        with self._cond:
            self._open = False

    def card_present(self) -> bool:
        with self._cond:
            self._check_plugged()
            return self._card is not None

    def read_card(self) -> IdDocument:
        with self._cond:
            self._check_plugged()
            card, error, self._fail_next = self._card, self._fail_next, None
        if error is not None:
            raise error
        if card is None:
            raise NoCardError("there is no card on the simulated reader")
        doc = parse_text_block(card) if isinstance(card, bytes) else card
        return replace(doc, photo_image=decode_photo(doc.photo_wlt))

    def read(self, timeout: float, cancel: threading.Event | None = None) -> IdDocument:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._card is None:
                self._check_plugged()
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (cancel is not None and cancel.is_set()):
                    raise NoCardError(f"no card was placed on the reader within {timeout:g} s")
                # Bounded waits so that a cancel event set from outside is noticed.
                self._cond.wait(min(remaining, 0.1))
        return self.read_card()

    def _check_plugged(self) -> None:
        if not self._plugged:
            raise ReaderUnavailableError("the simulated reader is unplugged")

    def __enter__(self) -> SimulatedReader:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
