"""A GA 467 SAM reader emulator on a pseudo-terminal, for tests, benchmarks and bench work.

The host side opens ``emulator.port`` with pyserial exactly as it would open /dev/ttyUSB0. The
emulator answers find/select/read/status like a reader, and can misbehave on request: no card,
select failure, corrupted checksums, frames split into delayed pieces, garbage before a frame,
silence, and being unplugged (the pty closed) and plugged back (a new pty behind the same path).
``pace=True`` sends every reply at wire speed for the configured baud rate (10 bits a byte).
"""

from __future__ import annotations

import enum
import logging
import os
import select
import termios
import threading
import time
import tty
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from drivers.idcard import ga467
from drivers.idcard.document import IdDocument, encode_address_continuation, encode_text_block
from drivers.idcard.errors import ProtocolError
from drivers.idcard.ga467 import Command, Sw3

logger = logging.getLogger(__name__)


class Fault(enum.Enum):
    """A misbehaviour applied to the next reply (queued with :meth:`ReaderEmulator.inject`)."""

    BAD_CHECKSUM = "bad_checksum"
    SPLIT_DELAYED = "split_delayed"  # reply sent in 3 pieces, 50 ms apart
    GARBAGE_BEFORE = "garbage_before"
    SILENT = "silent"  # no reply at all
    SELECT_FAILS = "select_fails"  # applies to the next SELECT only
    SAM_FAILURE = "sam_failure"  # SW3 60 to the next command


@dataclass(frozen=True, slots=True)
class EmulatedCard:
    text: bytes
    photo: bytes
    address_block: bytes | None = None  # None: the card has no 30 03 continuation

    @classmethod
    def from_document(cls, doc: IdDocument) -> EmulatedCard:
        long_address = bool(doc.address and len(doc.address) > 35)
        return cls(
            text=encode_text_block(doc),
            photo=doc.photo_wlt or bytes(ga467.PHOTO_LEN),
            address_block=encode_address_continuation(doc.address) if long_address else None,
        )


class ReaderEmulator:
    def __init__(
        self,
        *,
        baud: int = 115200,
        pace: bool = False,
        link: Path | None = None,
        supports_address: bool = True,
        strict_baud: bool = False,
        halt_after_read: bool = False,
    ) -> None:
        self.baud = baud
        self.pace = pace
        self.link = link
        self.supports_address = supports_address
        # A real line at the wrong speed delivers garbage: with strict_baud the emulator stays
        # silent unless the host set the pty to our baud rate (pyserial sets it via termios).
        self.strict_baud = strict_baud
        # Some readers leave a read card halted: "find card" says 80 until it is lifted and
        # placed again. With this flag the emulator does the same.
        self.halt_after_read = halt_after_read
        self._halted = False
        self.commands: list[Command | None] = []  # every command received, for assertions
        self._lock = threading.Lock()
        self._card: EmulatedCard | None = None
        self._faults: deque[Fault] = deque()
        self._master = -1
        self._slave = -1
        self._slave_name = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.card_placed_at: float | None = None

    @property
    def port(self) -> str:
        return str(self.link) if self.link else self._slave_name

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> ReaderEmulator:
        self._master, self._slave = os.openpty()
        # Raw mode now: until pyserial opens the slave, the default line discipline would echo
        # our replies back to us and mangle bytes like CR.
        tty.setraw(self._slave)
        self._slave_name = os.ttyname(self._slave)
        if self.link is not None:
            tmp = self.link.with_name(self.link.name + ".new")
            tmp.unlink(missing_ok=True)
            tmp.symlink_to(self._slave_name)
            tmp.replace(self.link)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._serve, args=(self._master, self._stop), name="ga467-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1

    def unplug(self) -> None:
        """Close the pty: the host's next read or write fails as with a pulled USB cable."""
        self.stop()
        if self.link is not None:
            self.link.unlink(missing_ok=True)

    def replug(self) -> None:
        """A fresh pty behind the same ``link`` path (the adapter enumerated again)."""
        self.start()

    def __enter__(self) -> ReaderEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the "hardware" -----------------------------------------------------------------

    def place_card(self, card: IdDocument | EmulatedCard) -> None:
        if isinstance(card, IdDocument):
            card = EmulatedCard.from_document(card)
        with self._lock:
            self._card = card
            self._halted = False
            self.card_placed_at = time.perf_counter()

    def remove_card(self) -> None:
        with self._lock:
            self._card = None

    def inject(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    # --- serving ------------------------------------------------------------------------

    def _serve(self, master: int, stop: threading.Event) -> None:
        parser = ga467.FrameParser()
        while not stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except OSError:
                return  # the pty was closed under us (unplug)
            if self.strict_baud and not self._host_speed_matches():
                continue
            parser.feed(data)
            while True:
                try:
                    frame = parser.next_frame()
                except ProtocolError:
                    self._write(master, ga467.encode_response(Sw3.CHECKSUM_ERROR), None)
                    continue
                if frame is ga467.NEED_DATA:
                    break
                assert isinstance(frame, ga467.Frame)
                command = Command.from_body(frame.body)
                with self._lock:
                    self.commands.append(command)
                    fault = self._take_fault(command)
                    reply = self._reply(command, fault)
                if fault is not Fault.SILENT:
                    self._write(master, reply, fault)

    def _host_speed_matches(self) -> bool:
        try:
            speed = termios.tcgetattr(self._slave)[5]  # ospeed, as set by the host's pyserial
        except (OSError, termios.error):
            return False
        return bool(speed == getattr(termios, f"B{self.baud}", None))

    def _take_fault(self, command: Command | None) -> Fault | None:
        if not self._faults:
            return None
        if self._faults[0] is Fault.SELECT_FAILS and command is not Command.SELECT_CARD:
            return None
        return self._faults.popleft()

    def _reply(self, command: Command | None, fault: Fault | None) -> bytes:
        card = self._card
        if fault is Fault.SAM_FAILURE:
            return ga467.encode_response(Sw3.SAM_SELF_TEST_FAILED)
        if command is None:
            return ga467.encode_response(Sw3.COMMAND_ERROR)
        if command is Command.STATUS:
            return ga467.encode_response(Sw3.OK)
        if command is Command.SAM_ID:
            return ga467.encode_response(Sw3.OK, bytes(range(16)))
        if command is Command.FIND_CARD:
            if card is None or self._halted:
                return ga467.encode_response(Sw3.FIND_CARD_FAILED)
            return ga467.encode_response(Sw3.CARD_FOUND, bytes(4))
        if card is None:
            return ga467.encode_response(
                Sw3.SELECT_CARD_FAILED if command is Command.SELECT_CARD else Sw3.READ_FAILED
            )
        if command is Command.SELECT_CARD:
            if fault is Fault.SELECT_FAILS:
                return ga467.encode_response(Sw3.SELECT_CARD_FAILED)
            return ga467.encode_response(Sw3.OK, bytes(8))
        if command is Command.READ_TEXT_PHOTO:
            self._halted = self.halt_after_read
            return ga467.encode_response(Sw3.OK, ga467.encode_read_data(card.text, card.photo))
        if command is Command.READ_TEXT_PHOTO_FP:
            data = ga467.encode_read_data(card.text, card.photo, b"")
            return ga467.encode_response(Sw3.OK, data)
        if not self.supports_address:
            return ga467.encode_response(Sw3.COMMAND_ERROR)
        if card.address_block is None:
            return ga467.encode_response(Sw3.NO_CONTENT)
        return ga467.encode_response(Sw3.OK, card.address_block)

    def _write(self, master: int, reply: bytes, fault: Fault | None) -> None:
        if fault is Fault.BAD_CHECKSUM:
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        if fault is Fault.GARBAGE_BEFORE:
            reply = b"\x00\xaa\xaa\x13\x37\xaa\xaa\xaa\x96" + reply
        pieces = [reply]
        if fault is Fault.SPLIT_DELAYED:
            third = max(1, len(reply) // 3)
            pieces = [reply[:third], reply[third : 2 * third], reply[2 * third :]]
        try:
            for index, piece in enumerate(pieces):
                if index:
                    self._stop.wait(0.05)
                self._send(master, piece)
        except OSError:
            logger.debug("emulator write failed (host gone)")

    def _send(self, master: int, data: bytes) -> None:
        if not self.pace:
            _write_all(master, data)
            return
        # Wire speed: 8N1 is 10 bits a byte. A slice is released when its last byte would have
        # arrived on a real line (never earlier), against a running deadline so that scheduling
        # jitter does not accumulate.
        byte_time = 10 / self.baud
        start = time.perf_counter()
        for offset in range(0, len(data), 16):
            piece = data[offset : offset + 16]
            delay = start + (offset + len(piece)) * byte_time - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            _write_all(master, piece)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
