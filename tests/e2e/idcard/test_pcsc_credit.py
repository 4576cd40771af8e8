"""信用查询 over real parts: cards read by pcscd + vsmartcard-vpcd + our virtual cards, the hub on
loopback with the district's lists imported, the slip printed to the TCP printer emulator. Each
card gets its own holder's record, printed masked, and nothing of it stays on the terminal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from idcard_events import EventLog
from idcard_vpcd import SocialSecurityCard, VpcdSlot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from drivers.idcard import samples
from drivers.idcard.monitor import CardRemoved
from drivers.printer.emulator import PrinterEmulator
from hub.credit.lists import import_credit_file
from hub.embedded import EmbeddedHub
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.main_window import KioskWindow
from ui.theme import apply_theme

pytestmark = pytest.mark.pcsc

LISTED = samples.sample_social_security()  # 11010519491231002X: on the black list
OTHER = dataclasses.replace(LISTED, name="李示例", id_number="320102198001011238")
WAIT = 30000


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[PrinterEmulator]:
    with PrinterEmulator(tmp_path / "paper") as emulator:
        yield emulator


@pytest.fixture
def kiosk(tmp_path: Path, vpcd: VpcdSlot, printer: PrinterEmulator) -> Iterator[Terminal]:
    with EmbeddedHub(tmp_path / "hub") as hub:
        lists = tmp_path / "lists.csv"
        lists.write_text(
            "subject_type,id,list,source,listed_on,reason\n"
            f"person,{LISTED.id_number},black,区发改委,2026-01-05,拒不履行法院判决\n"
            f"person,{OTHER.id_number},red,省公共信用信息平台,2025-12-01,纳税信用A级\n",
            encoding="utf-8",
        )
        import_credit_file(hub.context, lists)
        token = tmp_path / "token"
        token.write_text(hub.register_terminal("kiosk-pcsc") + "\n", encoding="utf-8")
        raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(
            mode="json"
        )
        raw["api"].update(base_url=hub.base_url, token_file=str(token))
        raw["devices"].update(
            id_reader="pcsc:Virtual PCD", camera="none", printer=f"tcp://127.0.0.1:{printer.port}"
        )
        settings = settings_from_dict(raw, source="pcsc credit test", environ={})
        with build_terminal(settings) as terminal:
            yield terminal


def lift(vpcd: VpcdSlot, terminal: Terminal) -> None:
    """Take the card away and wait until the terminal's monitor has seen it go (a card still
    seen when the session ends is the last citizen's, left behind)."""
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


def record_for(qtbot: QtBot, window: KioskWindow, vpcd: VpcdSlot, card: object) -> str:
    qtbot.mouseClick(window.home.tiles["credit"], Qt.MouseButton.LeftButton)
    journey = window.journeys["credit"]
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.identify_page, timeout=10000)
    vpcd.insert(card)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.record_page, timeout=WAIT)
    return "\n".join(
        label.text()
        for label in (journey.subject_label, journey.status_label, journey.entries_label)
    )


def test_each_card_prints_its_own_record_and_nothing_stays(
    qtbot: QtBot,
    qapp: QApplication,
    vpcd: VpcdSlot,
    kiosk: Terminal,
    printer: PrinterEmulator,
) -> None:
    apply_theme(qapp)
    window = KioskWindow(kiosk)
    qtbot.addWidget(window)
    window.show()
    journey = window.journeys["credit"]

    shown = record_for(qtbot, window, vpcd, SocialSecurityCard(LISTED))
    assert "1101**********002X" in shown and "失信" in shown and "区发改委" in shown
    qtbot.mouseClick(journey.print_button, Qt.MouseButton.LeftButton)
    (job,) = printer.wait_for_jobs(1, timeout=20)
    slip = job.rendered.transcript
    assert "信用记录查询结果" in slip and "1101**********002X" in slip and "失信" in slip
    assert "区发改委" in slip and "2026-01-05" in slip and "拒不履行法院判决" in slip
    assert LISTED.id_number not in slip and "省公共信用信息平台" not in slip
    lift(vpcd, kiosk)
    window.end_session("finish")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=10000)
    assert journey.flow.record is None and journey.entries_label.text() == ""

    shown = record_for(qtbot, window, vpcd, SocialSecurityCard(OTHER))
    assert "3201**********1238" in shown and "守信" in shown and "区发改委" not in shown
    qtbot.mouseClick(journey.print_button, Qt.MouseButton.LeftButton)
    second = printer.wait_for_jobs(2, timeout=20)[1].rendered.transcript
    assert "3201**********1238" in second and "省公共信用信息平台" in second
    assert "区发改委" not in second and OTHER.id_number not in second
    lift(vpcd, kiosk)
    window.end_session("finish")
    window.runner.wait()

    for path in Path(kiosk.data_dir).rglob("*"):  # the terminal's own files: nothing of either
        if path.is_file():
            data = path.read_bytes()
            for needle in (LISTED.id_number, OTHER.id_number, "1101**********002X", "区发改委"):
                assert needle.encode() not in data, path
    window.close()
