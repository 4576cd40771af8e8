"""The case journey over a real PC/SC stack: pcscd + vsmartcard-vpcd + our virtual cards, read
by the terminal's own CardMonitor (``devices.id_reader = "pcsc:Virtual PCD"``).

A social security card identifies the applicant; a bare contactless card is told apart at the
identity step and, enrolled, signs a community worker in with the PIN.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from case_ui import driver as d
from idcard_events import EventLog
from idcard_vpcd import ContactlessIdCard, SocialSecurityCard, VpcdSlot
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from contract.models import IdentitySource
from drivers.idcard import samples
from drivers.idcard.monitor import CardRead, CardRemoved
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.theme import apply_theme

pytestmark = pytest.mark.pcsc

UID = bytes.fromhex("04A1B2C3D4E5F607")
ELDERLY = "GG00618002-990101-MZ"


@pytest.fixture
def pcsc_point(tmp_path: Path, vpcd: VpcdSlot) -> Iterator[Terminal]:
    """A community point whose card reader is vpcd's, with S0001's staff card (UID) enrolled."""
    raw = demo_settings("community", data_dir=tmp_path / "data", voice="mock").model_dump(
        mode="json"
    )
    raw["devices"].update(id_reader="pcsc:Virtual PCD", camera="none")
    raw["community"]["staff"][0]["card_uid"] = UID.hex().upper()
    settings = settings_from_dict(raw, source="pcsc case test", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


def _lift(vpcd: VpcdSlot, terminal: Terminal) -> None:
    """Remove the virtual card and wait until the terminal's monitor has seen it go."""
    monitor = terminal.devices.id_monitor
    assert monitor is not None
    log = EventLog()
    unsubscribe = monitor.subscribe(log)
    try:
        start = len(log.events)  # after the replayed state
        vpcd.remove()
        log.wait_for(lambda e: isinstance(e, CardRemoved), timeout=30, start=start)
    finally:
        unsubscribe()


def test_social_security_card_on_pcsc_identifies_the_applicant(
    qtbot: QtBot, qapp: QApplication, vpcd: VpcdSlot, pcsc_point: Terminal
) -> None:
    apply_theme(qapp)
    citizen = d.open(qtbot, pcsc_point)
    journey = citizen.journey
    d.begin(citizen, "养老", ELDERLY)
    page = journey.identify_page

    vpcd.insert(ContactlessIdCard(UID))  # a card whose reader gets only the UID
    qtbot.waitUntil(lambda: "读不到身份信息" in page.status.text(), timeout=30000)
    assert citizen.log[-1] == "identifying"
    _lift(vpcd, pcsc_point)

    card = SocialSecurityCard(samples.sample_social_security())
    vpcd.insert(card)
    qtbot.waitUntil(lambda: citizen.log[-1:] == ["form"], timeout=30000)
    applicant = journey.draft.applicant
    assert applicant.source is IdentitySource.SOCIAL_SECURITY_CARD
    assert (applicant.name, applicant.id_number, applicant.address) == (
        "张示例",
        "11010519491231002X",
        "",
    )
    assert any(apdu[:2] == b"\x00\xb2" for apdu in card.apdus)  # really read over PC/SC
    shown = [w.text() for w in journey.form_view.findChildren(type(page.status), "ReadOnlyValue")]
    assert shown == ["张示例", "1101**********002X"]


def test_enrolled_staff_card_on_pcsc_signs_a_worker_in_with_the_pin(
    qtbot: QtBot, qapp: QApplication, vpcd: VpcdSlot, pcsc_point: Terminal
) -> None:
    apply_theme(qapp)
    monitor = pcsc_point.devices.id_monitor
    assert monitor is not None
    citizen = d.open(qtbot, pcsc_point)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    page = journey.staff_page
    log = EventLog()
    unsubscribe = monitor.subscribe(log)
    try:
        vpcd.insert(ContactlessIdCard(UID))
        read = log.wait_for(lambda e: isinstance(e, CardRead), timeout=30)
    finally:
        unsubscribe()
    assert isinstance(read, CardRead) and read.document.card_uid == UID.hex().upper()
    qtbot.waitUntil(lambda: "已读取工作人员卡" in page.card_label.text(), timeout=30000)
    for key in "246810":
        citizen.tap(page.keypad.keys[key])
    citizen.tap(page.ok)
    qtbot.waitUntil(lambda: "请取走卡片" in page.card_label.text(), timeout=30000)
    _lift(vpcd, pcsc_point)
    citizen.at("finding")
    shift = journey.desk.shift
    assert shift is not None and shift.worker.number == "S0001"
