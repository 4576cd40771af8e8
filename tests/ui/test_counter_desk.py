"""A clerk's morning at the calling desk, keyed and clicked through the UI, over a real hub on
loopback: sign in, call through priorities and appointments, recall limits, a chosen number with
and without a reason, no-show before and after the calls, transfer, park and call back, pause
and resume (the estimate at a kiosk changes), a double key press, the hub lost mid-call."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from contract import models as m
from hub.db import CounterEvent, EvaluationRow, TicketEvent
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubUnreachable
from kiosk.counter.desk import CounterDesk
from kiosk.counter.pad import PadDesk
from ui.counter.rating_pad import PadPoller, RatingPad
from ui.counter.window import ACTIONS, CounterWindow

PIN = "246810"  # the sample clerks' (config/catalog/staff.toml)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Beijing
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now

    def advance(self, **delta: float) -> None:
        with self._lock:
            self.now += timedelta(**delta)


class Hall:
    def __init__(self, hub: EmbeddedHub, clock: Clock, kiosk: HubClient) -> None:
        self.hub, self.clock, self.kiosk = hub, clock, kiosk

    def ticket(self, category: str = "general", **kw: Any) -> m.TicketIssued:
        self.clock.advance(seconds=1)
        return self.kiosk.issue_ticket(m.TicketIssueRequest(category_code=category, **kw))


@pytest.fixture
def hall(tmp_path: Path) -> Iterator[Hall]:
    clock = Clock()
    with (
        EmbeddedHub(tmp_path / "hub", clock=clock) as hub,
        HubClient(hub.base_url, token=hub.register_terminal("KIOSK-01")) as kiosk,
    ):
        yield Hall(hub, clock, kiosk)


@pytest.fixture
def window(qtbot: QtBot, hall: Hall) -> Iterator[CounterWindow]:
    token = hall.hub.register_terminal("WIN-02", mode=m.TerminalMode.COUNTER)
    with HubClient(hall.hub.base_url, token=token, retries=0) as client:
        desk = CounterWindow(CounterDesk(client, "W02"), "示例区政务服务中心")
        qtbot.addWidget(desk)
        desk.resize(1366, 768)
        desk.show()
        desk.start()
        yield desk
        desk.refresh_timer.stop()
        desk.retry_timer.stop()


def sign_in(qtbot: QtBot, window: CounterWindow, staff_no: str = "S002", pin: str = PIN) -> None:
    page = window.sign_in_page
    page.staff_no.setText(staff_no)
    page.pin.setText(pin)
    qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)


def signed_in(qtbot: QtBot, window: CounterWindow) -> None:
    sign_in(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=10000)


def key(qtbot: QtBot, window: CounterWindow, name: str) -> None:
    """Press an action's F-key and wait for the hub's answer."""
    f_key = next(k for k, _label, n in ACTIONS if n == name)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{f_key}"))
    qtbot.waitUntil(lambda: not window.busy, timeout=10000)


def serving(qtbot: QtBot, window: CounterWindow, number: str) -> None:
    qtbot.waitUntil(
        lambda: window.current is not None and window.current.number == number, timeout=10000
    )


def test_wrong_pins_then_a_lockout_are_said_on_the_sign_in_page(
    qtbot: QtBot, window: CounterWindow
) -> None:
    for _ in range(4):
        sign_in(qtbot, window, pin="111111")
        qtbot.waitUntil(lambda: window.sign_in_page.message.text() == "工号或密码不正确。")
        window.sign_in_page.message.clear()
    sign_in(qtbot, window, pin="111111")
    qtbot.waitUntil(lambda: "五分钟" in window.sign_in_page.message.text(), timeout=10000)
    assert window.pages.currentWidget() is window.sign_in_page


def test_a_clerks_morning(qtbot: QtBot, window: CounterWindow, hall: Hall) -> None:
    first = hall.ticket()  # A001
    hall.ticket("social_security")  # B001
    elder = hall.ticket(priority=m.Priority.PRIORITY)  # A002
    signed_in(qtbot, window)
    qtbot.waitUntil(lambda: window.waiting.rowCount() == 3, timeout=10000)
    assert window.buttons["call_next"].isEnabled() and not window.buttons["finish"].isEnabled()

    key(qtbot, window, "call_next")  # 老弱病残孕 first
    serving(qtbot, window, elder.number)
    key(qtbot, window, "no_show")
    assert "至少呼叫 2 次" in window.message.text()
    key(qtbot, window, "recall")
    assert "秒后再重呼" in window.message.text()
    hall.clock.advance(seconds=20)
    key(qtbot, window, "recall")
    assert window.current is not None and window.current.calls == 2
    key(qtbot, window, "start")
    assert window.buttons["finish"].isEnabled()
    key(qtbot, window, "finish")
    assert window.side.currentWidget() is window.finish_form
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    assert window.finish_form.hint.text() == "请选择办理结果。"  # never pre-selected
    qtbot.mouseClick(window.finish_form.buttons[3], Qt.MouseButton.LeftButton)  # 咨询
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is None and not window.busy, timeout=10000)
    assert window.message.text() == f"{elder.number} 已办结。"

    key(qtbot, window, "call_number")  # B001 out of turn: a reason is required
    form = window.call_form
    form.number.setCurrentText("B001")
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "跳号呼叫须填写原因" in window.message.text(), timeout=10000)
    key(qtbot, window, "call_number")
    form.number.setCurrentText("B001")
    form.reason.setText("已预约的社保咨询")
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    serving(qtbot, window, "B001")
    key(qtbot, window, "park")  # the citizen fetches a document
    qtbot.waitUntil(lambda: window.parked.count() == 1, timeout=10000)
    key(qtbot, window, "call_next")
    serving(qtbot, window, first.number)
    key(qtbot, window, "start")
    key(qtbot, window, "finish")
    qtbot.mouseClick(window.finish_form.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is None and not window.busy, timeout=10000)
    window._parked_double_clicked(window.parked.item(0))  # called back: no reason needed
    serving(qtbot, window, "B001")


def test_transfer_to_another_window_keeps_priority(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    elder = hall.ticket(priority=m.Priority.PRIORITY)
    signed_in(qtbot, window)
    key(qtbot, window, "call_next")
    serving(qtbot, window, elder.number)
    key(qtbot, window, "transfer")
    qtbot.waitUntil(lambda: window.side.currentWidget() is window.transfer_form, timeout=10000)
    form = window.transfer_form
    form.counter.setCurrentIndex(form.counter.findData("W01"))
    form.note.setText("需核对材料原件")
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已转移" in window.message.text(), timeout=10000)
    token = hall.hub.register_terminal("WIN-01", mode=m.TerminalMode.COUNTER)
    with HubClient(hall.hub.base_url, token=token) as other:
        other.sign_in_clerk("W01", m.ClerkSignIn(staff_no="S001", pin=PIN))
        moved = other.call_next("W01")
    assert moved.priority is m.Priority.PRIORITY and moved.issued_at == elder.issued_at
    assert moved.note == "需核对材料原件"


def test_a_pause_stops_calling_and_the_kiosk_estimate_grows(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    hall.ticket()
    signed_in(qtbot, window)
    before = hall.ticket().estimated_wait_minutes
    key(qtbot, window, "pause")
    qtbot.mouseClick(window.pause_form.buttons[2], Qt.MouseButton.LeftButton)  # 后台办件
    qtbot.mouseClick(window.pause_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: window.state_label.text().startswith("暂停服务 · 后台办件"), timeout=10000
    )
    assert not window.buttons["call_next"].isEnabled()
    after = hall.ticket().estimated_wait_minutes
    assert before is not None and after is not None and after > before
    key(qtbot, window, "pause")  # F9 again resumes
    qtbot.waitUntil(lambda: window.state_label.text() == "服务中", timeout=10000)
    assert window.buttons["call_next"].isEnabled()


def test_a_double_key_press_calls_one_citizen(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    hall.ticket()
    hall.ticket()
    signed_in(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.keyClick(window, Qt.Key.Key_F1)  # before the first answer: the desk is busy
    qtbot.waitUntil(lambda: window.current is not None and not window.busy, timeout=10000)
    with hall.hub.context.sessions() as session:
        calls = session.execute(select(TicketEvent).where(TicketEvent.state == "called")).all()
    assert len(calls) == 1


def test_the_hub_lost_mid_call_leaves_the_click_uncertain_until_it_answers(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    hall.ticket()
    signed_in(qtbot, window)
    client = window.desk.client
    real = client.call_next
    lost = {"left": 2}

    def flaky(code: str, *, key: str | None = None) -> m.CounterTicket:
        answer = real(code, key=key)  # the hub does it; the answer never arrives
        if lost["left"]:
            lost["left"] -= 1
            raise HubUnreachable("connection reset")
        return answer

    client.call_next = flaky  # type: ignore[method-assign]
    window.retry_timer.setInterval(200)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.retry_button.isVisible(), timeout=10000)
    assert "结果未确认" in window.message.text()
    assert not window.buttons["call_next"].isEnabled()
    qtbot.waitUntil(lambda: window.current is not None, timeout=10000)
    assert not window.retry_button.isVisible() and window.current.calls == 1
    with hall.hub.context.sessions() as session:
        calls = session.execute(select(TicketEvent).where(TicketEvent.state == "called")).all()
    assert len(calls) == 1


@pytest.fixture
def pad(qtbot: QtBot, window: CounterWindow) -> RatingPad:
    rating_pad = RatingPad(window.desk, "示例区政务服务中心")
    qtbot.addWidget(rating_pad)
    window.attach_pad(rating_pad)
    rating_pad.show()
    return rating_pad


def serve_and_finish(qtbot: QtBot, window: CounterWindow, hall: Hall) -> m.TicketIssued:
    ticket = hall.ticket()
    signed_in(qtbot, window)
    key(qtbot, window, "call_next")
    key(qtbot, window, "start")
    key(qtbot, window, "finish")
    qtbot.mouseClick(window.finish_form.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current is None and not window.busy, timeout=10000)
    return ticket


def test_the_pad_shows_the_clerk_then_records_the_citizens_rating(
    qtbot: QtBot, window: CounterWindow, pad: RatingPad, hall: Hall
) -> None:
    hall.ticket()
    signed_in(qtbot, window)
    key(qtbot, window, "call_next")
    qtbot.waitUntil(lambda: pad.clerk.text() == "王示例", timeout=10000)
    assert "S002" in pad.clerk_details.text() and "A001" in pad.status.text()
    qtbot.waitUntil(lambda: pad.photo.pixmap() is not None and not pad.photo.pixmap().isNull())
    key(qtbot, window, "start")
    key(qtbot, window, "finish")
    qtbot.mouseClick(window.finish_form.buttons[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.finish_form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.rate_page, timeout=10000)
    assert pad.picker.checked_levels == [] and not pad.submit.isEnabled()  # nothing chosen
    qtbot.mouseClick(pad.picker.level_buttons[m.Rating.VERY_UNSATISFIED], Qt.MouseButton.LeftButton)
    assert not pad.submit.isEnabled()  # a bad rating needs a reason
    reason = pad.picker.reason_buttons[m.BadReason.LONG_WAIT]
    qtbot.mouseClick(reason, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.thanks_page, timeout=10000)
    with hall.hub.context.sessions() as session:
        row = session.execute(select(EvaluationRow)).scalar_one()
    assert (row.level, row.reasons, row.channel) == (1, ["long_wait"], "4")
    assert (row.counter_code, row.staff_no) == ("W02", "S002")


def test_a_pad_left_unanswered_records_not_rated_and_no_rating(
    qtbot: QtBot, window: CounterWindow, pad: RatingPad, hall: Hall
) -> None:
    pad.timer.setInterval(10)  # the hall's 30 s, quickly
    ticket = serve_and_finish(qtbot, window, hall)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.rate_page, timeout=10000)
    qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.serving_page, timeout=10000)

    def recorded() -> bool:
        with hall.hub.context.sessions() as session:
            kinds = session.execute(select(CounterEvent.kind)).scalars().all()
            return "not_rated" in kinds

    qtbot.waitUntil(recorded, timeout=10000)
    with hall.hub.context.sessions() as session:
        assert session.execute(select(EvaluationRow)).first() is None
        event = session.execute(
            select(CounterEvent).where(CounterEvent.kind == "not_rated")
        ).scalar_one()
    assert event.detail == {"ticket": ticket.ticket_id}


def test_the_citizens_card_at_the_window_verifies_or_is_flagged(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    holder, stranger = "11010519491231002X", "110105195001011111"
    hall.ticket(id_number=holder)  # real-name: the hub knows whose ticket it is
    signed_in(qtbot, window)
    key(qtbot, window, "call_next")
    qtbot.waitUntil(lambda: window.citizen is not None, timeout=10000)
    assert "请在读卡器上读取" in window.person.text()
    window.card_read(stranger, "李四")
    qtbot.waitUntil(lambda: "不是取号人" in window.message.text(), timeout=10000)
    assert "⚠ 所刷证件不是取号人本人" in window.person.text() and "李四" not in window.person.text()
    window.card_read(holder, "张三")
    qtbot.waitUntil(lambda: "已核验" in window.person.text(), timeout=10000)
    assert "办事人：张三（已核验）" in window.person.text()


def test_a_clerk_signs_in_with_a_staff_card_and_the_pin(
    qtbot: QtBot, window: CounterWindow
) -> None:
    from drivers.idcard.document import CardType, IdDocument

    window.card_seen(IdDocument(card_type=CardType.CARD_UID))  # a card with nothing to go on
    assert window.sign_in_page.message.text() == "无法识别这张卡片，请输入工号。"
    window.card_seen(IdDocument(card_type=CardType.CARD_UID, card_uid="04a1b2c3d4e5f6"))
    assert window.sign_in_page.message.text() == "已读取卡片，请输入密码。"
    window.sign_in_page.pin.setText(PIN)
    qtbot.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=10000)
    assert window.session is not None and window.session.clerk is not None
    assert window.session.clerk.staff_no == "S001"  # the sample card is 李示例's


def test_a_pad_terminal_of_its_own_asks_for_the_windows_finished_service(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    token = hall.hub.register_terminal("PAD-02", mode=m.TerminalMode.RATING_PAD)
    with HubClient(hall.hub.base_url, token=token) as client:
        pad = RatingPad(PadDesk(client, "W02"), "示例区政务服务中心")
        qtbot.addWidget(pad)
        poller = PadPoller(pad, PadDesk(client, "W02"))
        poller.timer.setInterval(100)
        pad.show()
        ticket = serve_and_finish(qtbot, window, hall)
        poller.start()
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.rate_page, timeout=10000)
        assert pad.ticket_id == ticket.ticket_id
        qtbot.mouseClick(pad.picker.level_buttons[m.Rating.SATISFIED], Qt.MouseButton.LeftButton)
        qtbot.mouseClick(pad.submit, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.thanks_page, timeout=10000)
        pad.back.setInterval(10)
        qtbot.waitUntil(lambda: pad.pages.currentWidget() is pad.serving_page, timeout=10000)
        qtbot.wait(500)  # polls after the answer do not ask again
        assert pad.pages.currentWidget() is pad.serving_page
        poller.timer.stop()
    with hall.hub.context.sessions() as session:
        row = session.execute(select(EvaluationRow)).scalar_one()
    assert (row.subject_id, row.staff_no, row.counter_code) == (ticket.ticket_id, "S002", "W02")


def test_a_dead_reader_is_said_on_the_desk_with_what_to_do_instead(
    qtbot: QtBot, window: CounterWindow, hall: Hall
) -> None:
    from drivers.health import DeviceHealth, HealthState

    down = {"idcard": DeviceHealth("idcard", HealthState.DOWN, "unplugged")}
    window.show_devices(down)
    assert "请输入工号和密码登录" in window.sign_in_page.message.text()
    hall.ticket(id_number="11010519491231002X")
    signed_in(qtbot, window)
    key(qtbot, window, "call_next")
    qtbot.waitUntil(lambda: window.citizen is not None, timeout=10000)
    assert window.device_label.text() == "身份证读卡器暂不可用：请手工核对身份证件"
    assert "读卡器暂不可用：请手工核对群众的身份证件" in window.person.text()
    window.show_devices({"idcard": DeviceHealth("idcard", HealthState.OK)})
    assert window.device_label.text() == "" and "请在读卡器上读取" in window.person.text()


def test_the_hub_killed_mid_call_and_back_answers_the_same_click(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The real thing: the hub process goes away under the desk, then comes back on the same
    port with the same database; the uncertain click is answered, one citizen called."""
    folder = tmp_path / "hub"
    first = EmbeddedHub(folder)
    first.start()
    port = int(first.base_url.rsplit(":", 1)[1])
    kiosk_token = first.register_terminal("KIOSK-K")
    token = first.register_terminal("WIN-K", mode=m.TerminalMode.COUNTER)
    with HubClient(first.base_url, token=kiosk_token) as kiosk:
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
    with HubClient(first.base_url, token=token, retries=0, connect_timeout=1) as client:
        window = CounterWindow(CounterDesk(client, "W01"), "示例区政务服务中心")
        qtbot.addWidget(window)
        window.show()
        window.start()
        window.sign_in_page.staff_no.setText("S001")
        window.sign_in_page.pin.setText(PIN)
        qtbot.mouseClick(window.sign_in_page.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=10000)
        window.refresh_timer.stop()
        first.stop()  # the hub is gone
        window.retry_timer.setInterval(200)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: window.retry_button.isVisible(), timeout=10000)
        assert "结果未确认" in window.message.text() and window.current is None
        with EmbeddedHub(folder, port=port) as second:  # back, same port, same database
            qtbot.waitUntil(lambda: window.current is not None, timeout=15000)
            assert window.current.number == "A001" and not window.retry_button.isVisible()
            with second.context.sessions() as session:
                called = session.execute(
                    select(TicketEvent).where(TicketEvent.state == "called")
                ).all()
            assert len(called) == 1
            window.retry_timer.stop()
