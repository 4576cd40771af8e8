"""The clerk's calling desk in English (Qt Linguist): only the hall's data stays Chinese."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.counter.desk import CounterDesk
from ui.counter.window import CounterWindow
from ui.i18n import Languages

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PIN = "246810"  # the sample clerks' (config/catalog/staff.toml)
MONDAY_MORNING = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 in Beijing


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    languages = Languages("en")
    assert languages.current == "en"
    yield
    languages.switch("zh_CN")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub", clock=lambda: MONDAY_MORNING) as embedded:
        yield embedded


def chinese_texts(page: QWidget, data: set[QWidget]) -> list[str]:
    """The Chinese left in the labels, buttons and placeholders of ``page`` (hidden side forms
    too), but in the widgets that show the hall's data."""
    texts = [
        w.text()
        for w in page.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w not in data
    ]
    texts += [w.placeholderText() for w in page.findChildren(QLineEdit)]
    return [text for text in texts if CJK.search(text)]


def test_the_desk_reads_in_english_but_the_halls_names(
    qtbot: QtBot, english: None, hub: EmbeddedHub
) -> None:
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-01")) as kiosk:
        kiosk.issue_ticket(m.TicketIssueRequest(category_code="general"))
        kiosk.issue_ticket(
            m.TicketIssueRequest(category_code="general", priority=m.Priority.PRIORITY)
        )
    token = hub.register_terminal("WIN-02", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token, retries=0) as client:
        window = CounterWindow(CounterDesk(client, "W02"), "示例区政务服务中心")
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.start()
        page = window.sign_in_page
        qtbot.waitUntil(lambda: page.title.text() != "W02 · Staff sign-in", timeout=10000)
        assert page.title.text().endswith(" · Staff sign-in")  # the window's name, then English
        assert page.button.text() == "Sign in"
        hall_name = {w for w in page.findChildren(QLabel) if w.text() == "示例区政务服务中心"}
        assert hall_name
        assert not chinese_texts(page, {*hall_name, page.title})

        page.staff_no.setText("S002")
        page.pin.setText(PIN)
        qtbot.mouseClick(page.button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.desk_page, timeout=10000)
        qtbot.waitUntil(lambda: window.waiting.rowCount() == 2, timeout=10000)
        assert window.buttons["call_next"].text() == "Call next  F1"
        assert window.waiting_title.text() == "Waiting (2)"
        data = {window.window_name, window.clerk_label}
        assert not chinese_texts(window.desk_page, data)
        headers = [window.waiting.horizontalHeaderItem(c).text() for c in range(4)]
        assert headers == ["Number", "Queue", "Type", "Waited"]
        kinds = {window.waiting.item(row, 2).text() for row in range(2)}
        assert kinds == {"Priority", "Regular"}
        assert window.waiting.item(0, 3).text().endswith(" min")

        qtbot.keyClick(window, Qt.Key.Key_F1)
        qtbot.waitUntil(lambda: window.current is not None and not window.busy, timeout=10000)
        assert window.message.text().startswith("Called ")
        data.add(window.details)  # the ticket's queue, from the hall's catalog
        assert not chinese_texts(window.desk_page, data)
        window.refresh_timer.stop()
        window.retry_timer.stop()
