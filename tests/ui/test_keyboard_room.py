"""Room above the on-screen keyboard: while text is typed, the page keeps the field, what it
finds and its action in view; a tap on that action lands; 收起键盘 gives the page back."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from screen_checks import kiosk_window

from kiosk.app import Terminal
from ui import fit_check
from ui.widgets import make_button
from ui.widgets.keyboard_room import KeyboardRoom

RESIDENCE = "QR00240001-990101-GA"


def slow_tap(qtbot: QtBot, button: QWidget) -> None:
    """A finger's tap: down, the layout passes that follow, up where the finger went down."""
    for _ in range(5):  # where the button is once the page has settled
        QApplication.processEvents()
    window = button.window()
    handle = window.windowHandle()
    assert handle is not None
    at = button.mapTo(window, button.rect().center())
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    for _ in range(5):
        QApplication.processEvents()
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    QApplication.processEvents()


class _Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.edit = QLineEdit()
        self.edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not focused as the page opens
        self.browse = QLabel("browse")
        self.browse.setFixedHeight(300)
        self.gone = QLabel("hidden before typing")
        self.gone.hide()
        self.hint = QLabel("while typing")
        self.action = QPushButton("go")  # a plain button: it takes the focus when tapped
        self.kiosk_action = make_button("go")  # the kiosk's: it never does
        self.other = QPushButton("elsewhere")
        for widget in (
            self.edit,
            self.browse,
            self.gone,
            self.hint,
            self.action,
            self.kiosk_action,
            self.other,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.room = KeyboardRoom(self.edit, [self.browse, self.gone], [self.hint])
        self.put_away = self.room.make_put_away_button()
        layout.addWidget(self.put_away)


def test_typing_puts_aside_and_the_rest_comes_back_as_it_was(qtbot: QtBot) -> None:
    page = _Page()
    qtbot.addWidget(page)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    assert page.browse.isVisible() and not page.hint.isVisible()
    assert not page.put_away.isVisible()
    page.edit.setFocus()
    qtbot.waitUntil(lambda: page.room.typing)
    assert not page.browse.isVisible() and page.hint.isVisible() and page.put_away.isVisible()
    page.other.setFocus()  # a tap elsewhere: the keyboard goes
    assert not page.room.typing
    assert page.browse.isVisible() and not page.hint.isVisible()
    assert not page.gone.isVisible()  # hidden before typing: still hidden
    page.edit.setFocus()
    qtbot.mouseClick(page.put_away, Qt.MouseButton.LeftButton)
    assert not page.edit.hasFocus() and not page.room.typing and page.browse.isVisible()


def test_an_action_tapped_while_typing_is_not_lost(qtbot: QtBot) -> None:
    """An action that took the focus would put the keyboard away as the finger goes down and
    move under it: the tap would be lost. Kept off the focus, it lands."""
    page = _Page()
    qtbot.addWidget(page)
    page.resize(400, 900)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    taps: list[str] = []
    page.action.clicked.connect(lambda: taps.append("go"))
    page.edit.setFocus()
    qtbot.waitUntil(lambda: page.room.typing)
    slow_tap(qtbot, page.action)
    assert taps == [] and not page.room.typing  # it took the focus and moved: lost
    page.edit.setFocus()
    qtbot.waitUntil(lambda: page.room.typing)
    page.kiosk_action.clicked.connect(lambda: taps.append("kiosk"))
    slow_tap(qtbot, page.kiosk_action)
    assert taps == ["kiosk"] and page.room.typing


def test_search_results_stay_in_view_above_the_keyboard_in_landscape(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    window = kiosk_window(qtbot, terminal, "landscape")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    journey = window.case
    qtbot.mouseClick(window.home.tiles["case"], Qt.MouseButton.LeftButton)
    page = journey.find_page
    qtbot.waitUntil(lambda: journey.current_page() is page and page.browse.isVisible())
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: window.keyboard is not None and window.keyboard.isVisible())
    page.search.setText("jzz")
    assert not page.browse.isVisible()
    qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
    # 收起键盘: the life events are back, what was typed kept.
    put_away = page.keyboard_room.put_away_button
    assert put_away is not None and put_away.isVisible()
    qtbot.mouseClick(put_away, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.keyboard.isVisible() and page.browse.isVisible())
    assert page.search.text() == "jzz"
    # Typing again, the result chosen with the keyboard up: one tap.
    qtbot.mouseClick(page.search, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.waitUntil(lambda: window.keyboard.isVisible() and not page.browse.isVisible())
    slow_tap(qtbot, page.result_buttons[RESIDENCE])
    qtbot.waitUntil(lambda: journey.current_page() is journey.guide_page)
    qtbot.waitUntil(lambda: not window.keyboard.isVisible())
    window.end_session("finish")
