"""A kiosk-submitted case accepted at the window's workbench, its 受理通知书 printed through a
real cupsd into cups-pdf and read back: the whole path a clerk's click takes to paper."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cupsd import PrivateCups, Queue
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.counter.desk import CounterDesk
from kiosk.counter.notice_printing import NoticePrinting
from tests.pdf_reading import flat, pdf_text
from ui.counter.notice_pdf import render_notice_pdf
from ui.counter.window import CounterWindow

HALL = "示例区政务服务中心"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub") as server:
        yield server


def test_accepting_a_kiosk_case_prints_its_notice_through_cups(
    qtbot: QtBot,
    hub: EmbeddedHub,
    cups: PrivateCups,
    queue: Queue,
    case_request: Callable[..., m.CaseCreate],
    sign_in_clerk: Callable[..., None],
) -> None:
    material = b"%PDF-1.4 id card copy"
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-CUPS")) as kiosk:
        request = case_request(material=material)
        receipt = kiosk.create_case(request, idempotency_key=uuid.uuid4().hex)
        kiosk.upload_material(receipt.case_id, "id_card", material)
    token = hub.register_terminal("WIN-CUPS", mode=m.TerminalMode.COUNTER)
    client = HubClient(hub.base_url, token=token)
    window = CounterWindow(CounterDesk(client, "W01"), HALL)
    qtbot.addWidget(window)
    window.attach_notice_printing(
        NoticePrinting.on_cups(HALL, queue.name, cups.server, render_pdf=render_notice_pdf)
    )
    try:
        window.show()
        sign_in_clerk(qtbot, window)
        window.open_workbench(receipt.case_number)
        bench = window.workbench
        qtbot.waitUntil(lambda: bench.case is not None, timeout=10000)
        began = time.perf_counter()
        qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
        # The GUI thread keeps running while the decision and the printing go on.
        qtbot.waitUntil(lambda: bool(list(queue.out.glob("*.pdf"))), timeout=60000)
        (pdf,) = cups.wait_for_pdf(queue.name)  # and finished writing
        took = time.perf_counter() - began
        qtbot.waitUntil(lambda: "告知书已打印" in bench.notice_line.text(), timeout=10000)
        text = flat(pdf_text(pdf))
        for words in ("受理通知书", receipt.case_number, "李四", "生育登记服务", "S001"):
            assert words in text
        print(f"受理 click -> notice PDF in the cups-pdf folder: {took * 1000:.0f} ms")
    finally:
        window.refresh_timer.stop()
        client.close()
