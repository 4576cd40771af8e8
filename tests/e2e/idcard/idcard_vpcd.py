"""Virtual cards for vsmartcard-vpcd, and the pcscd process the PC/SC tests need.

vpcd wire protocol (REFERENCE.md §1.5): every message is a 2-byte big-endian length + payload.
A 1-byte payload is control (00 power off, 01 power on, 02 reset, 04 ATR request: only 04 is
answered, with the ATR); a longer payload is a C-APDU answered by one R-APDU. Closing the socket
removes the card.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

from drivers.idcard import apdu
from drivers.idcard.document import IdDocument, encode_text_block
from drivers.idcard.pcsc_reader import list_pcsc_readers

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963
VPCD_READER = "Virtual PCD"
SW_OK = b"\x90\x00"


# --- sans-I/O framing -------------------------------------------------------------------


def encode_message(payload: bytes) -> bytes:
    return len(payload).to_bytes(2, "big") + payload


class MessageReader:
    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._buffer += data

    def next_message(self) -> bytes | None:
        if len(self._buffer) < 2:
            return None
        size = int.from_bytes(self._buffer[:2], "big")
        if len(self._buffer) < 2 + size:
            return None
        payload = bytes(self._buffer[2 : 2 + size])
        del self._buffer[: 2 + size]
        return payload


def with_tck(atr_hex: str) -> bytes:
    """An ATR that announces T=1 ends with TCK, the XOR of every byte after TS."""
    atr = bytes.fromhex(atr_hex)
    tck = 0
    for byte in atr[1:]:
        tck ^= byte
    return atr + bytes([tck])


# --- the cards --------------------------------------------------------------------------


class VirtualCard:
    atr = bytes.fromhex("3B 00")

    def __init__(self) -> None:
        self.apdus: list[bytes] = []

    def answer(self, command: bytes) -> bytes:
        self.apdus.append(command)
        return self.process(command)

    def process(self, command: bytes) -> bytes:
        return b"\x6d\x00"  # instruction not supported


class SocialSecurityCard(VirtualCard):
    """A contact 社会保障卡 with the SSC application, EF05 and EF06 as TLV records."""

    atr = bytes.fromhex("3B 6C 00 02 86 38 31 53 43 53 55 50 30 31 41 30")

    def __init__(self, doc: IdDocument, *, needs_pin: bool = False, strict_le: bool = True) -> None:
        super().__init__()
        self.records = apdu.social_security_records(doc)
        self.needs_pin = needs_pin
        self.strict_le = strict_le  # answer 6Cxx to a wrong Le, as T=0 cards do
        self.selected_app = False
        self.selected_file: int | None = None

    def process(self, command: bytes) -> bytes:
        if command == apdu.SELECT_SSC:
            self.selected_app = True
            return SW_OK
        if command[:2] == b"\x00\xa4" and command[2] == 0x02:
            fid = int.from_bytes(command[5:7], "big")
            if not self.selected_app or fid not in (apdu.EF05, apdu.EF06):
                return b"\x6a\x82"
            self.selected_file = fid
            return SW_OK
        if command[:2] == b"\x00\xb2" and self.selected_file is not None:
            if self.needs_pin:
                return b"\x69\x82"
            number = command[2]
            allowed = apdu.EF05_RECORDS if self.selected_file == apdu.EF05 else apdu.EF06_RECORDS
            if number not in allowed and number not in (0x02, 0x03, 0x04, 0x0C):
                return b"\x6a\x83"
            record = apdu.encode_record(number, self.records.get(number, b""))
            le = command[4] if len(command) >= 5 else 0
            if self.strict_le and le != len(record):
                return bytes([0x6C, len(record)])
            return record + SW_OK
        if command[:2] == b"\x00\xa4":
            return b"\x6a\x82"
        return b"\x6d\x00"


class SamPseudoCard(VirtualCard):
    """A reader's built-in SAM presenting the ID card as a pseudo-card (FF B0 pages)."""

    atr = with_tck("3B 8A 80 01 49 44 43 41 52 44 90 00 80 11")  # historical bytes hold 90 00

    def __init__(self, doc: IdDocument) -> None:
        super().__init__()
        self.pages = apdu.split_pseudo_stream(encode_text_block(doc), doc.photo_wlt or bytes(1024))

    def process(self, command: bytes) -> bytes:
        if command[:2] == b"\xff\xb0" and command[2] < len(self.pages):
            return self.pages[command[2]] + SW_OK
        return b"\x6a\x86"


class ContactlessIdCard(VirtualCard):
    """A resident ID card on a plain ISO 14443-B reader: only its 8-byte card id is readable."""

    # What PC/SC readers synthesise for ISO 14443-B: 3B 88 80 01 + ATQB data + protocol info.
    atr = with_tck("3B 88 80 01 00 00 00 00 33 81 81 00")

    def __init__(self, uid: bytes) -> None:
        super().__init__()
        self.uid = uid

    def process(self, command: bytes) -> bytes:
        if command == apdu.GET_CARD_UID:
            return self.uid + SW_OK
        if command[:2] == b"\x00\xa4":
            return b"\x6a\x82"
        return b"\x6d\x00"


# --- the socket side ----------------------------------------------------------------------


class VpcdSlot:
    """Insert a virtual card into vpcd (connect) and remove it (close), on a serving thread.

    ``remove_after_apdus=N`` makes the card vanish instead of answering its N+1-th APDU: a
    citizen pulling the card away mid-read.
    """

    def __init__(self, host: str = VPCD_HOST, port: int = VPCD_PORT) -> None:
        self.host = host
        self.port = port
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.card: VirtualCard | None = None
        self.remove_after_apdus: int | None = None
        self.removed = threading.Event()

    def insert(self, card: VirtualCard, timeout: float = 20.0) -> None:
        self.remove()
        self.card = card
        self.removed = threading.Event()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=2.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)  # vpcd opens its port when pcscd loads the driver
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock, card), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _serve(self, sock: socket.socket, card: VirtualCard) -> None:
        reader = MessageReader()
        try:
            while True:
                data = sock.recv(4096)
                if not data:
                    break
                reader.feed(data)
                while (message := reader.next_message()) is not None:
                    if len(message) == 1:
                        if message == b"\x04":
                            sock.sendall(encode_message(card.atr))
                        continue
                    if (
                        self.remove_after_apdus is not None
                        and len(card.apdus) >= self.remove_after_apdus
                    ):
                        sock.shutdown(socket.SHUT_RDWR)
                        return
                    sock.sendall(encode_message(card.answer(message)))
        except OSError:
            pass
        finally:
            self.removed.set()


# --- pcscd --------------------------------------------------------------------------------


def pcscd_running() -> bool:
    return subprocess.run(["pgrep", "-x", "pcscd"], capture_output=True).returncode == 0


def wait_for_reader(name: str = VPCD_READER, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for reader in list_pcsc_readers():
            if name in reader:
                return reader
        time.sleep(0.1)
    raise TimeoutError(f"PC/SC reader {name!r} did not appear within {timeout:g} s")


def wait_until_empty(name: str = VPCD_READER, timeout: float = 20.0) -> None:
    """Wait until pcscd has noticed that the card is gone (it polls the vpcd driver)."""
    from drivers.idcard.pcsc_reader import PcscReader

    reader = PcscReader(name)
    reader.open()
    try:
        deadline = time.monotonic() + timeout
        while reader.card_present():
            if time.monotonic() > deadline:
                raise TimeoutError(f"pcscd still sees a card in {name!r} after {timeout:g} s")
            time.sleep(0.05)
    finally:
        reader.close()


class Pcscd:
    """A pcscd we started (foreground, killed at the end), or one already running (reused)."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        return self.process is not None

    def start(self) -> None:
        binary = shutil.which("pcscd") or "/usr/sbin/pcscd"
        if self.process is None and pcscd_running():
            wait_for_reader()
            return
        log = open(self.log_dir / "pcscd.log", "ab")  # noqa: SIM115 - closed with the process
        self.process = subprocess.Popen(
            [binary, "--foreground"], stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ)
        )
        log.close()
        wait_for_reader()

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()
