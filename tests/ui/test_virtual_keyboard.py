"""The hosted virtual keyboard types pinyin into our own widgets (no desktop keyboard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.widgets.keyboard_panel import KeyboardPanel
from ui.widgets.virtual_keyboard import WANTS_KEYBOARD


def test_pinyin_through_the_hosted_keyboard(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    panel = KeyboardPanel()
    layout.addWidget(field)
    layout.addWidget(panel)
    qtbot.addWidget(window)
    window.resize(1080, 900)
    window.show()
    assert panel.loaded, panel.errors()
    field.setFocus()
    qtbot.waitUntil(lambda: panel.key_center("n") is not None, timeout=10000)

    def tap(label: str) -> None:
        point = panel.key_center(label)
        assert point is not None, f"no key {label!r} on the keyboard"
        qtbot.mouseClick(panel, Qt.MouseButton.LeftButton, pos=point)

    tap("n")
    tap("i")
    assert field.text() == ""  # still composing: pinyin, not letters
    tap("简体中文")  # the space bar commits the first candidate
    qtbot.waitUntil(lambda: field.text() != "", timeout=5000)
    assert field.text() == "你"
    assert field.hasFocus()


def test_kiosk_window_hosts_the_keyboard_for_free_text(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    address = QLineEdit()
    address.setProperty(WANTS_KEYBOARD, True)
    phone = QLineEdit()  # digits come from the numeric keypad, not this keyboard
    window.home.body.addWidget(address)
    window.home.body.addWidget(phone)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    address.setFocus()
    qtbot.waitUntil(lambda: window.keyboard is not None and window.keyboard.isVisible())
    phone.setFocus()
    qtbot.waitUntil(lambda: window.keyboard is not None and not window.keyboard.isVisible())
    address.setFocus()
    qtbot.waitUntil(lambda: window.keyboard is not None and window.keyboard.isVisible())
    qtbot.keyClicks(address, "No. 8")  # a physical keyboard still types
    assert address.text() == "No. 8"

    # The keyboard's own hide key (it asks the input method to hide): the keyboard goes and
    # the field lets go of the focus; a tap on the field brings the keyboard back.
    assert QGuiApplication.inputMethod().isVisible()
    QGuiApplication.inputMethod().hide()
    qtbot.waitUntil(lambda: not window.keyboard.isVisible())
    assert not address.hasFocus()
    qtbot.mouseClick(address, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.keyboard is not None and window.keyboard.isVisible())
    window.shut_down()
