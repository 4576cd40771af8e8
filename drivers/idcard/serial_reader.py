"""GA 467 SAM readers on a serial or USB-serial line (pyserial around the sans-I/O codec)."""

from __future__ import annotations

import logging
import termios
import time
from dataclasses import replace
from typing import Any

from drivers.idcard import ga467
from drivers.idcard.document import IdDocument, parse_text_block
from drivers.idcard.errors import (
    CardReadError,
    IdCardError,
    ProtocolError,
    ReaderError,
    ReaderStatusError,
    ReaderUnavailableError,
)
from drivers.idcard.ga467 import Command, Response, Sw3
from drivers.idcard.photo import decode_photo, load_decoder
from drivers.idcard.reader import PollingReader

logger = logging.getLogger(__name__)

AUTO_BAUDS = (115200, 9600)


class _NoAnswer(ReaderError):
    pass


def list_serial_ports() -> list[str]:
    """Candidate ports for a SAM reader: USB-serial adapters first, then native ports."""
    from serial.tools import list_ports

    ports = sorted(list_ports.comports(), key=lambda p: (p.vid is None, p.device))
    return [port.device for port in ports]


class SerialReader(PollingReader):
    """find card -> select -> read, with a response timeout and retries per command.

    ``baud=None`` probes 115200 then 9600 with the status command when opening.
    """

    def __init__(
        self,
        port: str,
        baud: int | None = 115200,
        *,
        response_timeout: float = 1.0,
        read_timeout: float = 3.0,
        retries: int = 2,
        read_address: bool = True,
    ) -> None:
        self.port = port
        self.baud = baud
        self.response_timeout = response_timeout
        self.read_timeout = read_timeout
        self.retries = retries
        self.read_address = read_address
        self._serial: Any = None
        self.description = f"serial {port}"

    # --- connection ---------------------------------------------------------------------

    def open(self) -> None:
        if self._serial is not None:
            return
        load_decoder()
        if self.baud is not None:
            self._connect(self.baud)
            return
        for baud in AUTO_BAUDS:
            self._connect(baud)
            try:
                self.transact(Command.STATUS, timeout=0.5, retries=0)
            except IdCardError:  # silence or garbage at this speed: try the next one
                self.close()
                continue
            self.baud = baud
            return
        raise ReaderUnavailableError(
            f"no GA 467 reader answers on {self.port} at {' or '.join(map(str, AUTO_BAUDS))} baud"
        )

    def _connect(self, baud: int) -> None:
        import serial

        try:
            self._serial = serial.Serial(self.port, baudrate=baud, timeout=self.response_timeout)
        except (serial.SerialException, OSError, ValueError) as exc:
            raise ReaderUnavailableError(
                f"cannot open serial port {self.port}: {_open_failure(exc)}"
            ) from exc
        self.description = f"serial {self.port} @{baud}"
        # A find-card exchange is 25 bytes: about 2 ms at 115200 baud, 26 ms at 9600. Polling
        # every 20 ms at high speed keeps "card placed -> read starts" near 10 ms on average
        # while using about a tenth of the line; at 9600 a slower poll leaves room for reads.
        self.poll_interval = 0.02 if baud >= 57600 else 0.1
        logger.info("opened %s", self.description)

    def close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except Exception:  # closing a vanished device may fail; it is gone either way
                logger.debug("closing %s failed", self.port, exc_info=True)
            self._serial = None

    # --- commands -----------------------------------------------------------------------

    def transact(
        self, command: Command, *, timeout: float | None = None, retries: int | None = None
    ) -> Response:
        """Send ``command`` and return the reader's reply, retrying lost or corrupted frames."""
        timeout = self.response_timeout if timeout is None else timeout
        attempts = 1 + (self.retries if retries is None else retries)
        last: IdCardError | None = None
        for attempt in range(attempts):
            try:
                response = self._exchange(ga467.encode_command(command), timeout)
            except (ProtocolError, _NoAnswer) as exc:
                logger.info("%s on %s, attempt %d: %s", command.name, self.port, attempt + 1, exc)
                last = exc
                continue
            if response.sw3 in (Sw3.CHECKSUM_ERROR, Sw3.LENGTH_ERROR):
                # The reader received our frame corrupted: sending it again is the fix.
                last = ReaderStatusError(ga467.describe_sw3(response.sw3), response.sw3)
                continue
            return response
        if isinstance(last, _NoAnswer):
            raise ReaderUnavailableError(f"the reader on {self.port} does not answer")
        raise CardReadError(f"the reader on {self.port} keeps sending corrupted frames ({last})")

    def _exchange(self, frame: bytes, timeout: float) -> Response:
        import serial

        port = self._require_open()
        try:
            port.reset_input_buffer()  # drop the tail of a frame we gave up on
            port.write(frame)
            parser = ga467.FrameParser()
            deadline = time.monotonic() + timeout
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _NoAnswer(f"no reply within {timeout:g} s")
                port.timeout = remaining
                parser.feed(port.read(max(1, port.in_waiting)))
                result = parser.next_frame()
                if result is not ga467.NEED_DATA:
                    assert isinstance(result, ga467.Frame)
                    return Response.from_frame(result)
        except (serial.SerialException, OSError, termios.error) as exc:
            # termios.error: tcflush on a pty whose other end is gone (the USB-serial analogue).
            self.close()
            raise ReaderUnavailableError(f"the serial port {self.port} failed: {exc}") from exc

    def _require_open(self) -> Any:
        if self._serial is None:
            raise ReaderUnavailableError(f"the serial port {self.port} is not open")
        return self._serial

    # --- the reader interface -----------------------------------------------------------

    def card_present(self) -> bool:
        response = self.transact(Command.FIND_CARD)
        if response.sw3 == Sw3.CARD_FOUND:
            return True
        if response.sw3 == Sw3.FIND_CARD_FAILED:
            return False
        raise ReaderStatusError(
            f"the reader on {self.port} failed to look for a card: "
            f"{ga467.describe_sw3(response.sw3)}",
            response.sw3,
        )

    def read_card(self) -> IdDocument:
        for attempt in range(1 + self.retries):
            selected = self.transact(Command.SELECT_CARD)
            if selected.sw3 == Sw3.OK:
                break
            logger.info("select failed on %s (attempt %d)", self.port, attempt + 1)
            if not self.card_present():
                raise CardReadError("the card was removed before it could be read")
        else:
            raise ReaderStatusError(
                f"the card could not be selected: {ga467.describe_sw3(selected.sw3)}",
                selected.sw3,
            )
        reply = self.transact(Command.READ_TEXT_PHOTO, timeout=self.read_timeout)
        if not reply.ok:
            raise ReaderStatusError(
                f"reading the card failed: {ga467.describe_sw3(reply.sw3)}", reply.sw3
            )
        payload = ga467.parse_read_data(reply.data, with_fingerprint=False)
        doc = parse_text_block(payload.text, payload.photo)
        if self.read_address:
            doc = self._add_address(doc)
        doc = replace(doc, photo_image=decode_photo(doc.photo_wlt))
        logger.info("read %r on %s", doc, self.description)
        return doc

    def _add_address(self, doc: IdDocument) -> IdDocument:
        reply = self.transact(Command.READ_NEW_ADDRESS)
        if reply.sw3 in (Sw3.COMMAND_ERROR, Sw3.UNRECOGNIZED):
            logger.info("the reader on %s has no 30 03 address block", self.port)
            self.read_address = False
            return doc
        if reply.ok and reply.data:
            return doc.with_address_continuation(reply.data[: ga467.ADDRESS_BLOCK_LEN])
        return doc


def _open_failure(exc: Exception) -> str:
    errno = getattr(exc, "errno", None)
    if errno == 2:
        return "no such device (is the reader plugged in?)"
    if errno == 13:
        return "permission denied (is the user in the dialout group?)"
    if errno == 16:
        return "the port is busy (another program uses it)"
    return str(exc)
