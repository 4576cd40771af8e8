"""The window terminal's reader over a real PC/SC stack (pcscd + vsmartcard-vpcd + our virtual
social security card): the citizen's card read at the counter shows their case in full at the
workbench, the way ``kiosk run`` wires the reader (ui.app.follow_card_reads)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from idcard_vpcd import SocialSecurityCard, VpcdSlot
from pytestqt.qtbot import QtBot

from contract import models as m
from drivers.idcard import samples
from kiosk.api.client import HubClient
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.app import follow_card_reads
from ui.counter.window import CounterWindow

pytestmark = pytest.mark.pcsc


@pytest.fixture
def counter(tmp_path: Path, vpcd: VpcdSlot) -> Iterator[Terminal]:
    """A window terminal (W01) on its own hub, its card reader vpcd's."""
    raw = demo_settings("counter", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["devices"].update(id_reader="pcsc:Virtual PCD", camera="none")
    settings = settings_from_dict(raw, source="pcsc counter test", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


def test_the_citizens_card_on_the_counters_reader_unmasks_their_case(
    qtbot: QtBot,
    vpcd: VpcdSlot,
    counter: Terminal,
    case_request: Callable[..., m.CaseCreate],
    sign_in_clerk: Callable[..., None],
) -> None:
    document = samples.sample_social_security()
    hub = counter.local_hub
    assert hub is not None and counter.counter is not None
    request = case_request(name=document.name, id_number=document.id_number)
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-PCSC")) as kiosk:
        receipt = kiosk.create_case(request, idempotency_key=uuid.uuid4().hex)
    window = CounterWindow(counter.counter, counter.settings.terminal.hall_name)
    qtbot.addWidget(window)
    stop = follow_card_reads(counter, window)
    try:
        window.show()
        sign_in_clerk(qtbot, window)
        window.open_workbench(receipt.case_number)
        bench = window.workbench
        qtbot.waitUntil(lambda: bench.case is not None, timeout=10000)
        assert bench.case is not None and not bench.case.identity_verified
        vpcd.insert(SocialSecurityCard(document))  # the citizen's card on the window's reader
        qtbot.waitUntil(
            lambda: bench.case is not None and bench.case.identity_verified, timeout=30000
        )
        assert document.name in bench.summary.text()
    finally:
        stop()
        window.refresh_timer.stop()
