"""Real-name 取号 ([ticket] real_name = true): the ID card on the reader or an identity QR from
the hub, the number at the hub keyed to the person, the hub's one-open-ticket refusal worded
for the citizen, and nothing of the ID left once the session ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_idle_wipe_identity import all_texts, holds

from contract.privacy import mask_id
from drivers.idcard.samples import sample_resident
from drivers.printer.render import render_escpos
from hub.db import Ticket
from kiosk.journeys.ticket.flow import TicketState
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

CARD = sample_resident()
NUMBER = CARD.id_number or ""


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, real_name_hall: Hall) -> Iterator[KioskWindow]:
    win = KioskWindow(real_name_hall.terminal)
    win.resize(win.design_size)
    win.show()
    try:
        yield win
    finally:
        win.runner.wait()
        win.close()
        win.deleteLater()


def choose(qtbot: QtBot, window: KioskWindow, category: str) -> None:
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    qtbot.mouseClick(journey.category_buttons[category], Qt.MouseButton.LeftButton)
    assert journey.flow.state is TicketState.IDENTIFYING
    assert journey.currentWidget() is journey.identify_page
    assert journey.inputs.listening


def stored_digests(hall: Hall) -> list[str | None]:
    with hall.hub.context.sessions() as session:
        return list(session.execute(select(Ticket.id_digest)).scalars())


def take_card_away(qtbot: QtBot, hall: Hall) -> None:
    """Remove the card and wait until the reader has noticed (the next journey that listens
    is told the reader's current state first)."""
    from drivers.idcard import CardRemoved

    hall.remove_card()
    monitor = hall.terminal.devices.id_monitor
    assert monitor is not None
    seen: list[object] = []
    stop = monitor.subscribe(seen.append)
    try:
        qtbot.waitUntil(lambda: any(isinstance(e, CardRemoved) for e in seen), timeout=10000)
    finally:
        stop()


def home(qtbot: QtBot, window: KioskWindow, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)


def test_card_ticket_then_the_same_person_is_refused_a_second(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    hall, journey = real_name_hall, window.ticket
    choose(qtbot, window, "general")
    # This hall's kiosk has no camera: only the card is offered.
    assert journey.identify_page.card_option.isVisibleTo(journey.identify_page)
    assert not journey.identify_page.qr_option.isVisibleTo(journey.identify_page)
    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    outcome = journey.flow.outcome
    assert outcome is not None
    first = outcome.ticket.number

    # At the hub the ticket is keyed to the person (a keyed digest, never the number itself).
    assert stored_digests(hall) == [hall.hub.context.id_digest(NUMBER)]
    # On screen and on paper: masked only.
    assert journey.holder_label.text().endswith(mask_id(NUMBER))
    assert not any(NUMBER in text for text in all_texts(window))
    assert outcome.paper_png is not None
    raw = outcome.paper_png.with_suffix(".bin").read_bytes()
    transcript = render_escpos(raw, hall.terminal.printer.profile.paper).transcript
    assert f"实名取号：{mask_id(NUMBER)}" in transcript and NUMBER not in transcript
    assert window.session.identity is not None
    home(qtbot, window, journey.done_button)
    assert window.session.identity is None
    take_card_away(qtbot, hall)

    # The same card again in the same queue: the hub's refusal, worded, and nothing else.
    choose(qtbot, window, "general")
    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.failed_page, timeout=20000)
    assert journey.failed_page.title.text() == "不能重复取号"
    expected = f"您已有一个未办结的号码 {first}，请留意叫号，无需重复取号。"
    assert journey.error_label.text() == expected
    assert journey.retry_button.isHidden()
    assert len(stored_digests(hall)) == 1
    assert any(first in said for said in window.voice.spoken)  # the refusal is spoken too
    home(qtbot, window, window.finish_button)  # 结束办理: the one way out
    hall.remove_card()


def test_identity_qr_ticket_and_a_code_that_is_not_one(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    hall, journey = real_name_hall, window.ticket
    hall.show_qr("https://example.com/not-an-identity")
    choose(qtbot, window, "business")
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.failed_page, timeout=20000)
    assert journey.failed_page.title.text() == "无法识别该二维码"
    assert journey.retry_button.isVisible()
    assert not stored_digests(hall)

    # "重新刷证或扫码" asks again; the citizen now shows a dynamic identity code from the hub.
    hall.show_qr(hall.hub.issue_identity_code("张示例", NUMBER))
    qtbot.mouseClick(journey.retry_button, Qt.MouseButton.LeftButton)
    assert journey.identify_page.qr_option.isVisibleTo(
        journey.identify_page
    )  # a camera now: both ways offered
    assert journey.identify_page.card_option.isVisibleTo(journey.identify_page)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    assert journey.holder_label.text().endswith(mask_id(NUMBER))
    assert stored_digests(hall) == [hall.hub.context.id_digest(NUMBER)]
    outcome = journey.flow.outcome
    assert outcome is not None
    stored = hall.terminal.client.get_ticket(outcome.ticket.ticket_id)
    assert stored.category_code == "business"
    assert not any(NUMBER in text for text in all_texts(window))


def test_finishing_wipes_the_real_name_holder(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    hall, journey = real_name_hall, window.ticket
    choose(qtbot, window, "social_security")
    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    journey._countdown.stop()  # the citizen taps "结束办理" rather than waiting
    old, old_flow = window.session, journey.flow
    assert holds(old_flow)  # the flow held the holder while the ticket was up
    assert old.held["ticket"] is old_flow and old.identity is not None
    assert any(mask_id(NUMBER) in text for text in all_texts(window))

    qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    hall.remove_card()
    qtbot.waitUntil(lambda: not window.left_card_alert.isVisible(), timeout=5000)  # card taken
    leftovers = [t for t in all_texts(window) if NUMBER in t or mask_id(NUMBER) in t]
    assert not leftovers, leftovers
    # The ended session's own objects are empty (the new session's were never filled).
    assert old.ended and not old.holds_personal_data
    assert not holds(old_flow), "the ended session's ticket flow still holds the holder"
    assert not holds(vars(journey))
    pictures = [w.objectName() for w in window.findChildren(QLabel) if not w.pixmap().isNull()]
    assert not pictures, pictures
    assert not journey.inputs.listening


def test_refusals_in_english(qtbot: QtBot, real_name_hall: Hall, window: KioskWindow) -> None:
    import re

    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    hall = real_name_hall

    def chinese_left() -> list[str]:
        page = window.ticket.currentWidget()
        return [
            w.text()
            for w in page.findChildren(QWidget)
            if isinstance(w, QLabel | QPushButton) and w.isVisible() and cjk.search(w.text())
        ]

    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    journey = window.ticket  # the screens were rebuilt in English
    hall.show_qr("hello")
    choose(qtbot, window, "general")
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.failed_page, timeout=20000)
    assert journey.failed_page.title.text() == "This QR code is not recognised"
    assert not chinese_left()
    qtbot.mouseClick(journey.retry_button, Qt.MouseButton.LeftButton)
    assert journey.currentWidget() is journey.identify_page
    assert not chinese_left()

    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    assert journey.holder_label.text() == f"ID: {mask_id(NUMBER)}"
    outcome = journey.flow.outcome
    assert outcome is not None
    home(qtbot, window, journey.done_button)
    take_card_away(qtbot, hall)
    hall.terminal.devices.camera = None  # the phone is put away (Hall stops the camera)
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    journey = window.ticket  # the screens were rebuilt in English
    choose(qtbot, window, "general")
    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.failed_page, timeout=20000)
    assert journey.failed_page.title.text() == "You already have a ticket"
    assert outcome.ticket.number in journey.error_label.text()
    assert not chinese_left()
    hall.remove_card()


def test_the_tile_needs_the_reader_or_the_camera(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    from drivers.health import DeviceHealth, HealthState

    board = real_name_hall.terminal.devices.board
    tile = window.home.tiles["ticket"]
    before = {device: board.get(device) for device in ("camera", "idcard")}
    try:
        board.report(DeviceHealth("camera", HealthState.DOWN, "unplugged"))
        qtbot.waitUntil(tile.notice.isVisible, timeout=5000)
        assert tile.isEnabled() and "请刷身份证取号" in tile.notice.text()
        board.report(DeviceHealth("idcard", HealthState.DOWN, "unplugged"))
        qtbot.waitUntil(lambda: not tile.isEnabled(), timeout=5000)
        assert "无法实名取号" in tile.notice.text()
    finally:
        for health in before.values():
            board.report(health)
    qtbot.waitUntil(lambda: tile.isEnabled() and not tile.notice.isVisible(), timeout=5000)


def test_an_expired_identity_code_is_asked_for_again(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    hall, journey = real_name_hall, window.ticket
    hall.show_qr(hall.hub.issue_identity_code("张示例", NUMBER, ttl_seconds=30))
    hall.clock.advance(minutes=5)  # the hub's clock: the code expired on the phone meanwhile
    choose(qtbot, window, "general")
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.failed_page, timeout=20000)
    assert journey.failed_page.title.text() == "身份码已过期"
    assert journey.retry_button.text() == "重新刷证或扫码"
    assert not stored_digests(hall) and journey.flow.holder is None
    qtbot.mouseClick(journey.retry_button, Qt.MouseButton.LeftButton)
    assert journey.currentWidget() is journey.identify_page and journey.inputs.listening
    hall.place_card(CARD)  # the citizen uses the card instead
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    assert stored_digests(hall) == [hall.hub.context.id_digest(NUMBER)]
    hall.remove_card()


def test_a_late_answer_for_the_last_citizen_is_dropped(
    qtbot: QtBot, real_name_hall: Hall, window: KioskWindow
) -> None:
    """The hub answers the last citizen's request after they pressed 结束办理 and the next one
    is already waiting for their own number: that answer must not land on their screen."""
    from kiosk.api.errors import HubUnreachable
    from kiosk.identity import Identity

    journey = window.ticket
    choose(qtbot, window, "general")
    last = journey.flow
    last.presented(holder=Identity("", NUMBER))  # their request is on its way to the hub
    window.end_session("finish")
    choose(qtbot, window, "business")
    journey.flow.presented(holder=Identity("", "360426199101010071"))
    journey._failed(last, HubUnreachable("late"), [Identity("", NUMBER)])
    assert journey.flow.state is TicketState.ISSUING and journey.flow.failure is None
    assert window.session.identity is None  # the late job's holder was not adopted either
    window.end_session("finish")
