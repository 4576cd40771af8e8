"""Every page fits the screen in every look: portrait and landscape, Chinese, English, elder,
and every string 40% longer (ui.stretch).

The window keeps the screen's size; a page taller than the screen scrolls vertically, and no
page may need more width than the screen has (nothing cut off at the side).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QScrollArea, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from drivers.health import DeviceHealth, HealthState
from kiosk.app import Terminal
from ui import fit_check
from ui.main_window import KioskWindow
from ui.stretch import StretchTranslator

LOOKS = ["zh", "en", "elder", "stretched"]


@pytest.fixture
def look(request: pytest.FixtureRequest) -> Iterator[str]:
    """The look's name; strings stretched for "stretched" (before the window is built)."""
    name: str = request.param
    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator() if name == "stretched" else None
    if stretch is not None:
        app.installTranslator(stretch)
    yield name
    if stretch is not None:
        app.removeTranslator(stretch)


def pages(root: QStackedWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for index in range(root.count()):
        page = root.widget(index)
        assert page is not None
        found.append(page)
        found += [p for s in page.findChildren(QStackedWidget) for p in pages(s)]
    return found


def shown(qtbot: QtBot, terminal: Terminal, orientation: str, look: str) -> KioskWindow:
    window = KioskWindow(terminal, orientation=orientation)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    if look == "en":
        window.home.language_button.click()
    if look == "elder":
        window.home.elder_button.click()
    if look == "stretched":
        assert window.home.elder_button.text().endswith("长")
    return window


def overflow(page: QWidget, room: QWidget) -> str:
    if isinstance(page, QScrollArea):
        inner = page.widget()
        assert inner is not None
        need = inner.minimumSizeHint().width()
        have = page.viewport().width() if page.isVisible() else room.width()
        return f"needs {need}px wide, has {have}" if need > have else ""
    need = page.minimumSizeHint()
    if need.width() > room.width() or need.height() > room.height():
        return f"needs {need.toTuple()}, has {room.size().toTuple()}"
    return ""


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("look", LOOKS, indirect=True)
def test_every_page_fits(
    qtbot: QtBot, themed: QApplication, terminal: Terminal, orientation: str, look: str
) -> None:
    window = shown(qtbot, terminal, orientation, look)
    QApplication.processEvents()
    problems = [
        f"{type(page).__name__}: {problem}"
        for page in pages(window.stack)
        if (problem := overflow(page, window.stack))
    ]
    assert not problems
    assert window.size() == window.design_size


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("look", LOOKS, indirect=True)
def test_ticket_item_list_fits(
    qtbot: QtBot, themed: QApplication, terminal: Terminal, orientation: str, look: str
) -> None:
    """取号 by item lists the catalog's own (long) names: none may need more width than the
    screen has, in any look."""
    window = shown(qtbot, terminal, orientation, look)
    journey = window.ticket
    window.home.tiles["ticket"].click()
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    journey.choose_page.mode_buttons["item"].click()
    QApplication.processEvents()
    assert len(journey.item_buttons) >= 10
    assert not overflow(journey.choose_page, window.stack)
    window.end_session("finish")


TROUBLES = {
    "printer": [DeviceHealth("printer", HealthState.DOWN, "paper_out")],
    # The longest notices: every device a citizen's card or code is read with, and the printer.
    "everything": [
        DeviceHealth("printer", HealthState.DOWN, "paper_out"),
        DeviceHealth("idcard", HealthState.DOWN, "no_reader"),
        DeviceHealth("camera", HealthState.DOWN, "no_camera"),
    ],
}


@pytest.mark.parametrize("trouble", list(TROUBLES))
@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
@pytest.mark.parametrize("look", LOOKS, indirect=True)
def test_home_with_devices_down_fits(
    qtbot: QtBot,
    themed: QApplication,
    terminal: Terminal,
    orientation: str,
    look: str,
    trouble: str,
) -> None:
    """A notice on the tile of every journey a device is down for: home still shows every
    tile whole without scrolling, nothing past the side (an English notice once pushed the
    page off it)."""
    window = shown(qtbot, terminal, orientation, look)
    board = terminal.devices.board
    before = [board.get(health.device) for health in TROUBLES[trouble]]
    for health in TROUBLES[trouble]:
        board.report(health)
    tile = window.home.tiles["ticket"]
    try:
        qtbot.waitUntil(tile.notice.isVisible, timeout=5000)
        assert not tile.hint.isVisible()  # the notice in its place
        try:
            qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
        except qtbot.TimeoutError:
            raise AssertionError(fit_check.faults(window)) from None
    finally:
        for health in before:
            board.report(health)
    qtbot.waitUntil(lambda: not tile.notice.isVisible(), timeout=5000)
    assert tile.hint.isVisible()
