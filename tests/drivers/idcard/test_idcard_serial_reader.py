"""The real serial transport (pyserial) against the GA 467 reader emulator on a pty."""

from __future__ import annotations

import threading
import time

import pytest

from drivers.idcard import ga467, samples
from drivers.idcard.document import parse_text_block
from drivers.idcard.emulator import Fault, ReaderEmulator
from drivers.idcard.errors import (
    CardReadError,
    NoCardError,
    ReaderStatusError,
    ReaderUnavailableError,
    ReaderUriError,
)
from drivers.idcard.ga467 import Command
from drivers.idcard.reader import make_reader, open_reader
from drivers.idcard.serial_reader import SerialReader, list_serial_ports


def reader_for(emulator: ReaderEmulator, **kwargs: object) -> SerialReader:
    reader = SerialReader(emulator.port, **kwargs)  # type: ignore[arg-type]
    reader.open()
    return reader


@pytest.mark.parametrize(
    "doc",
    [
        samples.sample_resident(),
        samples.sample_permit(),
        samples.sample_foreign_pr(),
        samples.sample_foreign_pr_2023(),
    ],
    ids=["resident", "J", "I", "Y"],
)
def test_reads_every_layout(emulator: ReaderEmulator, doc: object) -> None:
    emulator.place_card(doc)  # type: ignore[arg-type]
    with open_reader(f"serial:{emulator.port}?baud=115200") as reader:
        assert reader.read(timeout=5) == doc
    assert emulator.commands[:3] == [
        Command.FIND_CARD,
        Command.SELECT_CARD,
        Command.READ_TEXT_PHOTO,
    ]


def test_long_address_is_continued_from_the_30_03_block(emulator: ReaderEmulator) -> None:
    doc = samples.sample_resident(long_address=True)
    emulator.place_card(doc)
    with reader_for(emulator) as reader:
        assert reader.read(timeout=5).address == doc.address
    assert Command.READ_NEW_ADDRESS in emulator.commands


def test_reader_without_30_03_support_is_remembered(tmp_path: object) -> None:
    with ReaderEmulator(supports_address=False) as emu:
        emu.place_card(samples.sample_resident(long_address=True))
        with reader_for(emu) as reader:
            first = reader.read(timeout=5)
            reader.read(timeout=5)
        assert first.address is not None and len(first.address) == 35
        assert emu.commands.count(Command.READ_NEW_ADDRESS) == 1


def test_no_card_times_out_with_a_named_error(emulator: ReaderEmulator) -> None:
    with reader_for(emulator) as reader:
        started = time.monotonic()
        with pytest.raises(NoCardError, match=r"within 0\.3 s"):
            reader.read(timeout=0.3)
        assert time.monotonic() - started < 5


def test_card_placed_while_waiting_is_read(emulator: ReaderEmulator) -> None:
    with reader_for(emulator) as reader:
        assert reader.card_present() is False
        placer = threading.Timer(0.2, emulator.place_card, [samples.sample_resident()])
        placer.start()
        try:
            assert reader.read(timeout=10).id_number == "11010519491231002X"
        finally:
            placer.cancel()


@pytest.mark.parametrize(
    "faults",
    [
        [Fault.BAD_CHECKSUM],
        [Fault.GARBAGE_BEFORE],
        [Fault.SPLIT_DELAYED],
        [Fault.SILENT],
        [Fault.SELECT_FAILS],
        [Fault.GARBAGE_BEFORE, Fault.SPLIT_DELAYED, Fault.BAD_CHECKSUM],
    ],
    ids=["checksum", "garbage", "split", "silent", "select", "mixed"],
)
def test_transient_faults_are_retried(emulator: ReaderEmulator, faults: list[Fault]) -> None:
    emulator.place_card(samples.sample_resident())
    with reader_for(emulator, response_timeout=0.5) as reader:
        emulator.inject(*faults)
        assert reader.read(timeout=10) == samples.sample_resident()


def test_faults_during_the_big_read_reply_are_retried(emulator: ReaderEmulator) -> None:
    emulator.place_card(samples.sample_resident())
    with reader_for(emulator) as reader:
        assert reader.card_present()
        assert reader.transact(Command.SELECT_CARD).ok
        # The 1295-byte reply arrives corrupted, then (resent) in delayed pieces.
        emulator.inject(Fault.BAD_CHECKSUM, Fault.SPLIT_DELAYED)
        reply = reader.transact(Command.READ_TEXT_PHOTO)
        payload = ga467.parse_read_data(reply.data)
        assert parse_text_block(payload.text, payload.photo) == samples.sample_resident()
    assert emulator.commands.count(Command.READ_TEXT_PHOTO) == 2


def test_persistent_select_failure_is_a_named_error(emulator: ReaderEmulator) -> None:
    emulator.place_card(samples.sample_resident())
    with reader_for(emulator, retries=2) as reader:
        emulator.inject(*[Fault.SELECT_FAILS] * 3)
        with pytest.raises(ReaderStatusError, match="could not be selected") as info:
            reader.read(timeout=5)
        assert info.value.sw3 == ga467.Sw3.SELECT_CARD_FAILED


def test_persistent_corruption_is_a_named_error(emulator: ReaderEmulator) -> None:
    emulator.place_card(samples.sample_resident())
    with reader_for(emulator, retries=1) as reader:
        emulator.inject(Fault.BAD_CHECKSUM, Fault.BAD_CHECKSUM)
        with pytest.raises(CardReadError, match="corrupted frames"):
            reader.card_present()


def test_sam_failure_is_reported_with_its_meaning(emulator: ReaderEmulator) -> None:
    with reader_for(emulator) as reader:
        emulator.inject(Fault.SAM_FAILURE)
        with pytest.raises(ReaderStatusError, match="SAM self-test failed"):
            reader.card_present()


def test_silent_reader_is_unavailable(emulator: ReaderEmulator) -> None:
    with reader_for(emulator, response_timeout=0.2, retries=1) as reader:
        emulator.inject(Fault.SILENT, Fault.SILENT)
        with pytest.raises(ReaderUnavailableError, match="does not answer"):
            reader.card_present()


def test_unplugged_port_is_unavailable_and_reopens_after_replug(
    emulator: ReaderEmulator,
) -> None:
    emulator.place_card(samples.sample_resident())
    reader = reader_for(emulator)
    try:
        assert reader.card_present()
        emulator.unplug()
        with pytest.raises(ReaderUnavailableError):
            reader.card_present()
        with pytest.raises(ReaderUnavailableError, match="no such device"):
            reader.open()
        emulator.replug()
        emulator.place_card(samples.sample_resident())
        reader.open()
        assert reader.read(timeout=5).id_number == "11010519491231002X"
    finally:
        reader.close()


@pytest.mark.parametrize("baud", [9600, 115200])
def test_baud_auto_detection(baud: int) -> None:
    with ReaderEmulator(baud=baud, strict_baud=True) as emu:
        emu.place_card(samples.sample_resident())
        reader = make_reader(f"serial:{emu.port}?baud=auto")
        with reader:
            assert isinstance(reader, SerialReader) and reader.baud == baud
            assert reader.read(timeout=5).name == "张示例"


def test_baud_auto_detection_names_the_speeds_it_tried() -> None:
    with ReaderEmulator(baud=57600, strict_baud=True) as emu:
        reader = SerialReader(emu.port, baud=None, response_timeout=0.3)
        with pytest.raises(ReaderUnavailableError, match="115200 or 9600"):
            reader.open()


def test_wire_speed_pacing_takes_wire_time(emulator: ReaderEmulator) -> None:
    paced = ReaderEmulator(pace=True, baud=115200).start()
    try:
        paced.place_card(samples.sample_resident())
        with reader_for(paced) as reader:
            assert reader.card_present()
            reader.transact(Command.SELECT_CARD)
            started = time.perf_counter()
            reader.transact(Command.READ_TEXT_PHOTO)
            elapsed = time.perf_counter() - started
        assert elapsed >= 1295 * 10 / 115200 * 0.9  # the wire time is a floor, not a target
    finally:
        paced.stop()


@pytest.mark.parametrize(
    "uri", ["serial:", "serial:/dev/ttyS0?baud=fast", "usb:1234", "sim:other", "pcsc-x"]
)
def test_bad_uris_are_usage_errors(uri: str) -> None:
    with pytest.raises(ReaderUriError) as info:
        make_reader(uri)
    assert info.value.exit_code == 2


def test_candidate_ports_are_device_paths() -> None:
    assert all(port.startswith("/dev/") for port in list_serial_ports())
