"""The kiosk shell: finish, idle wipe, lockdown, languages, elder mode, layout under stretch."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.stretch import StretchTranslator

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, terminal: Terminal) -> Iterator[KioskWindow]:
    win = KioskWindow(terminal)
    qtbot.addWidget(win)
    win.resize(win.design_size)
    win.show()
    yield win
    win.languages.switch("zh_CN")


def take_ticket(qtbot: QtBot, window: KioskWindow) -> None:
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    first = next(iter(journey.category_buttons.values()))
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=10000)


RESIDENCE_PERMIT = "QR00240001-990101-GA"  # 居住证申领: its queue (户政出入境) is real-name


def visit_ticket_pages(qtbot: QtBot, window: KioskWindow, check: Callable[[str], None]) -> None:
    """取号 by item, then the identity page an item of a real-name queue leads to."""
    journey, devices = window.ticket, window.terminal.devices
    # The demo camera shows a receipt's QR: in view, the identity page would refuse it at once.
    camera, devices.camera = devices.camera, None
    try:
        qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
        qtbot.mouseClick(journey.choose_page.mode_buttons["item"], Qt.MouseButton.LeftButton)
        shown = lambda: [b.isVisible() for b in journey.item_buttons.values()]  # noqa: E731
        qtbot.waitUntil(lambda: bool(shown()) and all(shown()), timeout=10000)  # a turn later
        check("ticket by item")
        qtbot.mouseClick(journey.item_buttons[RESIDENCE_PERMIT], Qt.MouseButton.LeftButton)
        assert journey.currentWidget() is journey.identify_page
        check("ticket identity")
        qtbot.mouseClick(journey.identify_page.back_button, Qt.MouseButton.LeftButton)
        window.end_session("finish")
    finally:
        devices.camera = camera


def visible_texts(root: QWidget) -> list[tuple[QWidget, str]]:
    found: list[tuple[QWidget, str]] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton) and widget.text():
            found.append((widget, widget.text()))
    return found


def test_finish_ends_the_session_at_once(qtbot: QtBot, window: KioskWindow) -> None:
    assert window.finish_bar.isHidden()
    take_ticket(qtbot, window)
    assert window.finish_bar.isVisible()
    session_id = window.session.id
    number = window.ticket.number_label.text()
    assert number
    with qtbot.waitSignal(window.session_ended) as ended:
        qtbot.mouseClick(window.finish_button, Qt.MouseButton.LeftButton)
    assert ended.args == ["finish"]
    assert window.stack.currentWidget() is window.home
    assert window.session.id != session_id
    assert all(number not in text for _, text in visible_texts(window))
    assert window.ticket.qr.text_value == ""


def test_idle_warns_then_wipes(qtbot: QtBot, window: KioskWindow) -> None:
    window.idle.set_timeout(0.3)
    window.overlay.countdown_s = 2
    take_ticket(qtbot, window)
    window.ticket._countdown.stop()  # keep the ticket up: this test is about the idle path
    qtbot.waitUntil(window.overlay.isVisible, timeout=5000)
    assert "还需要更多时间吗" in window.overlay.question.text()

    # "继续办理" gives the time back and keeps the citizen's ticket on screen.
    qtbot.mouseClick(window.overlay.continue_button, Qt.MouseButton.LeftButton)
    assert not window.overlay.isVisible()
    assert window.ticket.number_label.text()

    qtbot.waitUntil(window.overlay.isVisible, timeout=5000)
    with qtbot.waitSignal(window.session_ended, timeout=10000) as ended:
        pass
    assert ended.args == ["idle"]
    assert window.stack.currentWidget() is window.home
    assert window.ticket.number_label.text() == ""
    assert window.ticket.flow.outcome is None  # no flow object still holds the ticket


def test_touch_postpones_idle(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    # Short from now on (the running countdown restarts with it): the menu's loading, slower
    # than 0.8 s on a busy machine, is not what this test is about.
    window.idle.set_timeout(0.8)
    for _ in range(4):
        qtbot.wait(300)
        qtbot.mouseClick(journey.choose_page.title, Qt.MouseButton.LeftButton)  # no button
    assert not window.overlay.isVisible()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ],
)
def test_escape_attempts_do_nothing_in_kiosk_mode(
    qtbot: QtBot,
    themed: QApplication,
    terminal: Terminal,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier,
) -> None:
    win = KioskWindow(terminal, kiosk_mode=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.keyClick(win, key, modifier)
    assert win.isVisible()
    assert not win.close()  # closing the window is refused
    assert win.isVisible()
    win.shut_down()
    assert not win.isVisible()


def test_english_leaves_no_chinese_on_any_screen(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    assert window.languages.current == "en"

    def check(screen: str) -> None:
        leftover = [
            (w.objectName() or type(w).__name__, text)
            for w, text in visible_texts(window)
            if CJK.search(text) and w.objectName() != "LanguageToggle"  # "中文" is the way back
        ]
        assert not leftover, f"untranslated on {screen}: {leftover}"

    check("home")
    visit_ticket_pages(qtbot, window, check)
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)  # English again
    take_ticket(qtbot, window)
    check("ticket")
    window.idle.set_timeout(0.1)
    window.idle.arm()
    qtbot.waitUntil(window.overlay.isVisible, timeout=5000)
    check("idle overlay")
    window.end_session("finish")
    assert window.languages.current == "zh_CN"  # the next citizen starts in the default language


def test_elder_mode_is_large_and_resets(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    assert window.session.elder_mode
    take_ticket(qtbot, window)
    for widget, _ in visible_texts(window):
        assert widget.font().pixelSize() >= 30 or widget.fontInfo().pixelSize() >= 30, widget
    assert window.ticket.number_label.fontInfo().pixelSize() >= 200
    window.end_session("finish")
    assert not window.session.elder_mode
    assert window.home.tiles["ticket"].title.fontInfo().pixelSize() < 80


def test_stretched_strings_are_not_clipped(qtbot: QtBot, window: KioskWindow) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window._build_screens()

        def check(screen: str) -> None:
            QCoreApplication.processEvents()
            for widget, _ in visible_texts(window):
                if isinstance(widget, QLabel) and widget.wordWrap():
                    needed = widget.heightForWidth(widget.width())
                    assert widget.height() >= needed, f"{screen}: {widget.text()!r} clipped"
                else:
                    hint = widget.sizeHint().width()
                    assert widget.width() >= hint, f"{screen}: {widget.text()!r} clipped"

        check("home")
        visit_ticket_pages(qtbot, window, check)
        take_ticket(qtbot, window)
        check("ticket")
    finally:
        app.removeTranslator(stretch)


def test_every_ui_string_has_an_english_translation() -> None:
    """The .ts file is complete: no entry left unfinished for a translator."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    import ui

    ts = Path(ui.__file__).parent / "translations" / "yimen_en.ts"
    unfinished = [
        m.findtext("source")
        for m in ET.parse(ts).iter("message")
        if (t := m.find("translation")) is not None
        and (t.get("type") in ("unfinished", "vanished", "obsolete") or not "".join(t.itertext()))
    ]
    assert not unfinished


def test_touch_targets_are_at_least_80_px(qtbot: QtBot, window: KioskWindow) -> None:
    def check(screen: str) -> None:
        for widget, _ in visible_texts(window):
            if isinstance(widget, QAbstractButton):
                assert widget.height() >= 80, f"{screen}: {widget.text()!r} is {widget.height()}px"

    check("home")
    visit_ticket_pages(qtbot, window, check)
    take_ticket(qtbot, window)
    check("ticket")


def test_long_category_lists_scroll(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)  # bigger buttons
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    area = journey.category_scroll
    content = area.widget()
    assert content is not None
    buttons = list(journey.category_buttons.values())
    assert len(buttons) >= 5
    assert all(b.isVisibleTo(content) for b in buttons)
    # Every category is reachable: scrolled to the end, the last one is inside the viewport.
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    last = buttons[-1]
    top_left = last.mapTo(area.viewport(), last.rect().topLeft())
    assert area.viewport().rect().contains(top_left)


def test_closing_the_window_restores_language_and_look(
    qtbot: QtBot, themed: QApplication, terminal: Terminal
) -> None:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.show()
    window.home.language_button.click()
    window.home.elder_button.click()
    assert QCoreApplication.translate("HomeScreen", "您好，欢迎办理") == "Welcome"
    window.close()
    assert QCoreApplication.translate("HomeScreen", "您好，欢迎办理") == "您好，欢迎办理"
    assert "QWidget { font-size: 42px" not in themed.styleSheet()  # the elder sheet is gone


def test_no_stray_windows_after_the_screens_are_rebuilt(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    """A widget shown before it has a parent becomes a window of its own and takes the focus
    from the kiosk: after building and rebuilding every screen, the kiosk is the only window."""
    from PySide6.QtWidgets import QApplication

    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    window.toggle_language()
    window.toggle_elder_mode()
    QApplication.processEvents()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert shown == [window], [type(w).__name__ for w in shown]
    assert window.isActiveWindow()  # nothing took the focus away on the way
    window.end_session("finish")


def test_elder_mode_gives_half_as_long_again_to_read(
    qtbot: QtBot, window: KioskWindow, terminal: Terminal
) -> None:
    idle, shown = (
        terminal.settings.terminal.idle_timeout,
        terminal.settings.ticket.return_home_after,
    )
    assert window.idle.timeout == idle
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    assert window.idle.timeout == idle * 1.5
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    journey = window.ticket
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    qtbot.mouseClick(next(iter(journey.category_buttons.values())), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=10000)
    assert f"{round(shown * 1.5)} 秒" in journey.done_button.text()  # the ticket stays longer
    window.end_session("finish")  # back to the hall's look, and its timeout
    assert window.idle.timeout == idle
