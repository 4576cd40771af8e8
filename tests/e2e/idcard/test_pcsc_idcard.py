"""PC/SC for real: pcscd + vsmartcard-vpcd + our virtual cards, read through pyscard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from idcard_events import EventLog
from idcard_vpcd import (
    ContactlessIdCard,
    Pcscd,
    SamPseudoCard,
    SocialSecurityCard,
    VirtualCard,
    VpcdSlot,
    wait_until_empty,
)

from drivers.health import HealthState
from drivers.idcard import apdu, samples
from drivers.idcard.document import CardType
from drivers.idcard.errors import CardReadError, NoCardError, ReaderUnavailableError
from drivers.idcard.monitor import CardMonitor, CardRead, CardReadFailed, ReaderHealth
from drivers.idcard.reader import make_reader, open_reader

pytestmark = pytest.mark.pcsc

READER_URI = "pcsc:Virtual PCD"
ROOT = Path(__file__).resolve().parents[3]
UID = bytes.fromhex("5A1D00C0FFEE0042")


def test_social_security_card(vpcd: VpcdSlot) -> None:
    card = SocialSecurityCard(samples.sample_social_security())
    vpcd.insert(card)
    with open_reader(READER_URI) as reader:
        doc = reader.read(timeout=20)
    assert doc == samples.sample_social_security()
    assert doc.to_json_dict()["card_type"] == "social_security"
    assert card.apdus[0] == apdu.SELECT_SSC
    # The card insists on the right Le (6Cxx), so every record was asked for twice.
    assert sum(1 for c in card.apdus if c[:2] == b"\x00\xb2") == 2 * 9


def test_sam_pseudo_card(vpcd: VpcdSlot) -> None:
    card = SamPseudoCard(samples.sample_resident())
    vpcd.insert(card)
    with open_reader(READER_URI) as reader:
        doc = reader.read(timeout=20)
    assert doc == samples.sample_resident()
    assert doc.photo_wlt == samples.SAMPLE_WLT and doc.photo_image is None
    assert [c[2] for c in card.apdus] == [0, 1, 2, 3, 4, 5]


def test_bare_contactless_card_gives_the_card_id_and_says_no_sam(vpcd: VpcdSlot) -> None:
    vpcd.insert(ContactlessIdCard(UID))
    with open_reader(READER_URI) as reader:
        doc = reader.read(timeout=20)
    assert doc.card_type is CardType.CARD_UID
    assert doc.card_uid == UID.hex().upper()
    assert doc.name is None and doc.id_number is None
    assert doc.note is not None and "no SAM" in doc.note


def test_social_security_card_that_needs_a_pin(vpcd: VpcdSlot) -> None:
    vpcd.insert(SocialSecurityCard(samples.sample_social_security(), needs_pin=True))
    with open_reader(READER_URI) as reader, pytest.raises(CardReadError, match="PIN"):
        reader.read(timeout=20)


def test_unknown_card_is_a_named_error(vpcd: VpcdSlot) -> None:
    vpcd.insert(VirtualCard())
    with open_reader(READER_URI) as reader, pytest.raises(CardReadError, match="neither"):
        reader.read(timeout=20)


def test_card_removed_mid_read(vpcd: VpcdSlot) -> None:
    vpcd.remove_after_apdus = 2  # gone after pages 0 and 1 of six
    vpcd.insert(SamPseudoCard(samples.sample_resident()))
    with open_reader(READER_URI) as reader:
        with pytest.raises(CardReadError) as info:
            reader.read(timeout=20)
        assert vpcd.removed.wait(10)
        assert not isinstance(info.value, ReaderUnavailableError)
    wait_until_empty()


def test_no_card_times_out(pcscd: Pcscd) -> None:
    with open_reader(READER_URI) as reader, pytest.raises(NoCardError):
        reader.read(timeout=0.5)


def test_no_matching_reader(pcscd: Pcscd) -> None:
    with pytest.raises(ReaderUnavailableError, match="no PC/SC reader matching"):
        open_reader("pcsc:No Such Reader 9000")


def test_monitor_reports_removal_mid_read_as_a_failed_read(vpcd: VpcdSlot) -> None:
    log = EventLog()
    with CardMonitor(make_reader(READER_URI), poll_interval=0.05) as monitor:
        monitor.subscribe(log)
        log.wait_for(lambda e: isinstance(e, ReaderHealth) and e.health.state is HealthState.OK)
        vpcd.remove_after_apdus = 3
        vpcd.insert(SamPseudoCard(samples.sample_resident()))
        failed = log.wait_for(lambda e: isinstance(e, CardReadFailed))
        assert isinstance(failed, CardReadFailed) and "removed" in failed.reason
        log.wait_for(lambda e: type(e).__name__ == "CardRemoved")
        vpcd.remove_after_apdus = None
        vpcd.insert(ContactlessIdCard(UID))
        read = log.wait_for(lambda e: isinstance(e, CardRead))
        assert isinstance(read, CardRead) and read.document.card_uid == UID.hex().upper()


def test_monitor_survives_a_pcscd_restart(pcscd: Pcscd, vpcd: VpcdSlot) -> None:
    if not pcscd.owned:
        pytest.skip("pcscd was already running when the tests started: not ours to restart")
    log = EventLog()
    with CardMonitor(make_reader(READER_URI), poll_interval=0.05, reconnect_interval=0.2) as mon:
        mon.subscribe(log)
        vpcd.insert(SocialSecurityCard(samples.sample_social_security()))
        log.wait_for(lambda e: isinstance(e, CardRead))
        restarted = threading.Event()

        def restart() -> None:
            pcscd.restart()
            restarted.set()

        worker = threading.Thread(target=restart)
        worker.start()
        down = log.wait_for(
            lambda e: isinstance(e, ReaderHealth) and e.health.state is HealthState.DOWN
        )
        assert isinstance(down, ReaderHealth) and down.health.reason == "unplugged"
        worker.join(60)
        assert restarted.is_set()
        mark = len(log)
        vpcd.insert(SamPseudoCard(samples.sample_resident()))
        log.wait_for(
            lambda e: isinstance(e, ReaderHealth) and e.health.state is HealthState.OK, start=mark
        )
        read = log.wait_for(lambda e: isinstance(e, CardRead), start=mark)
        assert isinstance(read, CardRead) and read.document == samples.sample_resident()


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "idcard", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )


def test_cli_reads_a_pcsc_card_as_json(vpcd: VpcdSlot) -> None:
    vpcd.insert(SocialSecurityCard(samples.sample_social_security()))
    result = run_cli("read", "--reader", READER_URI, "--timeout", "20", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["card_type"] == "social_security"
    assert (data["card_number"], data["gender"], data["ethnicity"]) == ("A00000001", "女", "汉")
    assert data["address"] is None and data["has_photo"] is False


def test_cli_says_no_sam_for_a_bare_card(vpcd: VpcdSlot) -> None:
    vpcd.insert(ContactlessIdCard(UID))
    result = run_cli("read", "--reader", READER_URI, "--timeout", "20")
    assert result.returncode == 0, result.stderr
    assert f"卡片ID: {UID.hex().upper()}" in result.stdout
    assert "no SAM" in result.stderr


def test_cli_exits_1_when_no_card_arrives(pcscd: Pcscd) -> None:
    result = run_cli("read", "--reader", READER_URI, "--timeout", "0.5", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "kiosk: no card was placed on the reader within 0.5 s"


def test_pseudo_card_without_the_atr_hint_is_still_read(vpcd: VpcdSlot) -> None:
    card = SamPseudoCard(samples.sample_foreign_pr())
    card.atr = ContactlessIdCard.atr  # no 90 00 in it
    vpcd.insert(card)
    with open_reader(READER_URI) as reader:
        assert reader.read(timeout=20) == samples.sample_foreign_pr()


def test_cards_swapped_faster_than_pcscd_polls_are_each_read(vpcd: VpcdSlot) -> None:
    with open_reader(READER_URI) as reader:
        for card, expected in [
            (SocialSecurityCard(samples.sample_social_security()), CardType.SOCIAL_SECURITY),
            (SamPseudoCard(samples.sample_permit()), CardType.HKMOTW_PERMIT),
            (ContactlessIdCard(UID), CardType.CARD_UID),
            (SamPseudoCard(samples.sample_resident()), CardType.RESIDENT),
        ]:
            vpcd.insert(card)  # closes the previous card's socket and connects at once
            assert reader.read(timeout=20).card_type is expected
