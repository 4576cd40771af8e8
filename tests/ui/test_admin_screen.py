"""Maintenance: hidden gesture + PIN, self-tests on the demo's devices, reprint, back home."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.admin import hash_pin
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.main_window import KioskWindow
from ui.widgets.header import SECRET_TAPS

PIN = "2468"


@pytest.fixture
def admin_terminal(tmp_path: Path) -> Iterator[Terminal]:
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="none").model_dump(mode="json")
    raw["admin"]["pin_hash"] = hash_pin(PIN)
    settings = settings_from_dict(raw, source="test", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as terminal:
        yield terminal


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, admin_terminal: Terminal) -> KioskWindow:
    win = KioskWindow(admin_terminal)
    qtbot.addWidget(win)
    win.resize(win.design_size)
    win.show()
    return win


def gesture(qtbot: QtBot, window: KioskWindow) -> None:
    where = window.header.hall_name.geometry().center()
    for _ in range(SECRET_TAPS):
        qtbot.mouseClick(window.header, Qt.MouseButton.LeftButton, pos=where)


def enter_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    pad = window.pin_overlay
    for digit in pin:
        qtbot.mouseClick(pad.keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)


def test_gesture_and_pin_open_maintenance(qtbot: QtBot, window: KioskWindow) -> None:
    where = window.header.hall_name.geometry().center()
    for _ in range(SECRET_TAPS - 1):  # one tap short: nothing
        qtbot.mouseClick(window.header, Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseClick(window.header, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))
    assert not window.pin_overlay.isVisible()

    gesture(qtbot, window)
    assert window.pin_overlay.isVisible()
    enter_pin(qtbot, window, "1111")
    assert window.pin_overlay.isVisible()
    assert "不正确" in window.pin_overlay.message.text()
    assert window.pin_overlay.field.text() == ""
    enter_pin(qtbot, window, PIN)
    assert not window.pin_overlay.isVisible()
    assert window.stack.currentWidget() is window.admin
    assert "printer: ok" in window.admin.devices.text()

    qtbot.mouseClick(window.admin.buttons["close"], Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home


def test_self_tests_on_the_demo_devices(qtbot: QtBot, window: KioskWindow) -> None:
    gesture(qtbot, window)
    enter_pin(qtbot, window, PIN)
    admin = window.admin
    result = admin.result

    qtbot.mouseClick(admin.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "测试页已打印" in result.text(), timeout=10000)
    assert admin.picture.pixmap() is not None and not admin.picture.pixmap().isNull()

    qtbot.mouseClick(admin.buttons["reprint"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "失败" in result.text(), timeout=10000)  # nothing issued yet

    qtbot.mouseClick(admin.buttons["card"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(admin.place_card, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "读卡成功" in result.text(), timeout=15000)
    assert "1101**********002X" in result.text()
    assert "张示例" not in result.text() and "11010519491231002X" not in result.text()

    qtbot.mouseClick(admin.buttons["camera"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "摄像头正常" in result.text(), timeout=15000)

    window.end_session("idle")  # the engineer walked away
    assert window.stack.currentWidget() is window.home
    assert result.text() == ""  # nothing of the test card is left on the screen


def test_reprint_last_ticket(qtbot: QtBot, window: KioskWindow, admin_terminal: Terminal) -> None:
    ticket = admin_terminal.ticket_desk.take_ticket("general").ticket
    gesture(qtbot, window)
    enter_pin(qtbot, window, PIN)
    qtbot.mouseClick(window.admin.buttons["reprint"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "已补打" in window.admin.result.text(), timeout=10000)
    printed = admin_terminal.printer.printed_dir / f"ticket-{ticket.number}.txt"
    assert ticket.number in printed.read_text(encoding="utf-8")


def test_no_pin_configured_means_no_maintenance(
    qtbot: QtBot, themed: QApplication, terminal: Terminal
) -> None:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.show()
    gesture(qtbot, window)
    assert not window.pin_overlay.isVisible()


def test_outbox_status_and_catalog_refresh(
    qtbot: QtBot, window: KioskWindow, admin_terminal: Terminal
) -> None:
    gesture(qtbot, window)
    enter_pin(qtbot, window, PIN)
    result = window.admin.result
    qtbot.mouseClick(window.admin.buttons["outbox"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "待上传 0 件" in result.text(), timeout=10000)
    qtbot.mouseClick(window.admin.buttons["catalog"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "事项目录" in result.text(), timeout=10000)
    assert admin_terminal.cases is not None
    version = admin_terminal.cases.catalog.catalog.version
    assert version in result.text()
