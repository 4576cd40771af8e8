"""No name and no full ID number in any log line, whatever the path a read takes."""

from __future__ import annotations

import logging

import pytest
from idcard_events import EventLog
from idcard_vpcd import SamPseudoCard, SocialSecurityCard, VpcdSlot, wait_until_empty

from drivers.idcard import samples
from drivers.idcard.emulator import Fault, ReaderEmulator
from drivers.idcard.errors import CardReadError
from drivers.idcard.monitor import CardMonitor, CardRead, CardReadFailed
from drivers.idcard.reader import make_reader, open_reader
from drivers.idcard.sim import SimulatedReader
from kiosk.cli import main

SECRETS = ("张示例", "陈示例", "11010519491231002X", "810000198001010014", "北京市朝阳区示例")


def assert_clean(caplog: pytest.LogCaptureFixture) -> None:
    assert caplog.records, "the reads logged nothing: the check would be empty"
    for record in caplog.records:
        line = record.getMessage() + (record.exc_text or "")
        for secret in SECRETS:
            assert secret not in line, f"personal data in log: {record.name}: {line}"


@pytest.mark.pcsc
def test_no_personal_data_in_logs(
    caplog: pytest.LogCaptureFixture, vpcd: VpcdSlot, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    # Serial: a good read, a retried corrupted read, a failed select, and the monitor.
    with ReaderEmulator() as emu:
        emu.place_card(samples.sample_resident(long_address=True))
        with open_reader(f"serial:{emu.port}") as reader:
            reader.read(timeout=5)
            emu.inject(Fault.BAD_CHECKSUM, Fault.GARBAGE_BEFORE)
            reader.read(timeout=5)
        log = EventLog()
        with CardMonitor(make_reader(f"serial:{emu.port}"), poll_interval=0.05) as monitor:
            monitor.subscribe(log)
            log.wait_for(lambda e: isinstance(e, CardRead))
            logging.getLogger("test").info("event %s", log.events)
    # PC/SC: the pseudo-card and the social security card.
    vpcd.insert(SamPseudoCard(samples.sample_permit()))
    with open_reader("pcsc:Virtual PCD") as reader:
        reader.read(timeout=20)
    vpcd.remove()
    wait_until_empty()
    vpcd.insert(SocialSecurityCard(samples.sample_social_security()))
    with open_reader("pcsc:Virtual PCD") as reader:
        reader.read(timeout=20)
    # The simulated reader through the monitor, with a failure.
    sim = SimulatedReader()
    log = EventLog()
    with CardMonitor(sim, poll_interval=0.02) as monitor:
        monitor.subscribe(log)
        sim.fail_next_read(CardReadError("the card could not be selected"))
        sim.place_card(samples.sample_resident())
        log.wait_for(lambda e: isinstance(e, CardReadFailed))
        logging.getLogger("test").info("event %s", log.events)
    # The CLI at debug level (its human output goes to stdout, not to the log).
    assert main(["-v", "idcard", "read", "--reader", "sim"]) == 0
    assert "张示例" in capsys.readouterr().out
    assert_clean(caplog)
