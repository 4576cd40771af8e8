"""窗口收件 at the window terminal: the kiosk's own case journey taken with the citizen at the
counter (card on the window's reader, materials under the counter's document camera), then the
new case opened at the workbench, verified by the card, and accepted with its notice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import case_driver as d
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from contract import models as m
from kiosk.app import Terminal, build_terminal, demo_settings
from ui.app import equip_counter_window, follow_card_reads
from ui.counter.window import CounterWindow


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Terminal]:
    settings = demo_settings("counter", data_dir=tmp_path / "counter-data", voice="mock")
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


def test_a_walk_in_case_is_taken_at_the_window_and_accepted_at_once(
    qtbot: QtBot, themed: object, counter: Terminal, sign_in_clerk: Callable[..., None]
) -> None:
    assert counter.counter is not None and counter.cases is not None
    window = CounterWindow(counter.counter, counter.settings.terminal.hall_name)
    qtbot.addWidget(window)
    equip_counter_window(window, counter)
    notices: list[m.Notice] = []
    window.notice_printer = notices.append
    stop = follow_card_reads(counter, window)
    try:
        window.resize(1920, 1080)
        window.show()
        sign_in_clerk(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F12)
        page = window.walk_in
        assert page is not None and window.pages.currentWidget() is page
        journey = page.journey
        clerk = d.Citizen(
            qtbot, cast(Any, SimpleNamespace(case=journey, findChildren=journey.findChildren))
        )
        journey.page_changed.connect(clerk.log.append)
        clerk.at("finding")
        clerk.tap(journey.find_page.event_buttons["生育"])
        clerk.tap(journey.find_page.result_buttons[d.BIRTH])
        clerk.at("guide")
        clerk.tap(journey.guide_page.apply)
        clerk.at("identifying")
        d.card(counter)  # the citizen's card on the window's reader
        clerk.at("form")
        clerk.type_digits(clerk.field("expected_date").edit, "20270315")
        clerk.type_digits(clerk.go_to("phone").edit, "13900005678")
        clerk.finish_form()
        d.capture(clerk, "id_card")  # under the counter's document camera
        clerk.tap(journey.materials_page.next)
        clerk.at("delivery")
        clerk.tap(journey.delivery_page.next)  # the way the result comes
        clerk.tap(journey.delivery_page.next)  # the phone number
        clerk.at("review")
        d.submit(clerk)
        receipt = journey.receipt
        assert receipt is not None and not receipt.provisional
        assert d.stored(counter, receipt.number)["channel"] == "hall"
        clerk.tap(journey.receipt_page.done)
        bench = window.workbench
        qtbot.waitUntil(lambda: window.pages.currentWidget() is bench, timeout=d.WAIT)
        qtbot.waitUntil(lambda: bench.case is not None, timeout=d.WAIT)
        assert bench.case is not None and bench.case.case_number == receipt.number
        assert bench.case.identity_verified  # the card read at the window proved who applies
        assert journey.receipt is None  # the walk-in's session ended: its data is gone
        qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(notices) == 1, timeout=d.WAIT)
        assert notices[0].kind is m.NoticeKind.ACCEPTANCE
    finally:
        stop()
        window.refresh_timer.stop()
