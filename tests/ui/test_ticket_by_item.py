"""取号 by item: find the 事项 by pinyin initials or Chinese, get a ticket in its queue that
names it — on screen, at the hub (over HTTP) and on paper (decoded from the ESC/POS bytes)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from drivers.printer.render import render_escpos
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.main_window import KioskWindow

EMPLOYMENT = "GG00230005-990101-RS"  # 就业创业证申领, queued under 社保医保 (social_security)
PENSION = "GG00123001-990101-RS"  # 城乡居民基本养老保险参保登记, social_security
RESIDENCE_PERMIT = "QR00240001-990101-GA"  # 居住证申领, 户政出入境 (residence)
BUSINESS = "XK00402001-990101-SJ"  # 个体工商户设立登记, 企业开办 (business)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def offered_terminal(tmp_path: Path) -> Iterator[Terminal]:
    """A kiosk that offers only three of the hall's queues (not 企业开办, not 不动产登记)."""
    raw = demo_settings("hall", data_dir=tmp_path / "data", voice="mock").model_dump(mode="json")
    raw["ticket"]["categories"] = ["general", "social_security", "residence"]
    raw["devices"]["camera"] = "none"  # the demo camera's receipt QR would answer the ID page
    settings = settings_from_dict(raw, source="test (three queues)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "printed") as built:
        yield built


@pytest.fixture
def window(qtbot: QtBot, themed: QApplication, offered_terminal: Terminal) -> KioskWindow:
    win = KioskWindow(offered_terminal)
    qtbot.addWidget(win)
    win.resize(win.design_size)
    win.show()
    return win


def open_items(qtbot: QtBot, window: KioskWindow) -> None:
    journey = window.ticket
    qtbot.mouseClick(window.home.tiles["ticket"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.choose_page, timeout=10000)
    page = journey.choose_page
    assert page.mode_row.isVisible()
    qtbot.mouseClick(page.mode_buttons["item"], Qt.MouseButton.LeftButton)
    assert page.item_panel.isVisible() and not page.category_panel.isVisible()


def search(qtbot: QtBot, window: KioskWindow, text: str) -> list[str]:
    """Type as the hosted pinyin keyboard delivers text (an input-method commit)."""
    page = window.ticket.choose_page
    page.search.clear()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(page.search, event)
    assert page.search.text() == text
    return list(page.item_buttons)


def test_by_item_search_and_ticket(qtbot: QtBot, window: KioskWindow) -> None:
    terminal, journey = window.terminal, window.ticket
    pages: list[str] = []
    journey.page_changed.connect(pages.append)
    open_items(qtbot, window)
    page = journey.choose_page
    # Without a query every item of the offered queues is listed; the others are not.
    listed = set(page.item_buttons)
    assert {EMPLOYMENT, PENSION, RESIDENCE_PERMIT} <= listed
    assert BUSINESS not in listed  # 企业开办 is not offered at this kiosk
    # Pinyin initials (就业创业 -> jycy) and Chinese find the same item; nonsense finds nothing.
    assert search(qtbot, window, "jycy") == [EMPLOYMENT]
    assert page.item_buttons[EMPLOYMENT].text() == "就业创业证申领"
    assert PENSION in search(qtbot, window, "养老")
    assert search(qtbot, window, "个体工商") == []  # found by the case search, not offered here
    assert page.empty.isVisible()
    assert search(qtbot, window, "就业创业") == [EMPLOYMENT]
    assert not page.empty.isVisible()

    qtbot.mouseClick(page.item_buttons[EMPLOYMENT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=10000)
    assert "identifying" not in pages  # real-name is off and 社保医保 does not ask for it
    outcome = journey.flow.outcome
    assert outcome is not None and outcome.printed
    ticket = outcome.ticket
    assert ticket.number.startswith("B")  # 社保医保's prefix: the item's queue
    assert "就业创业证申领" in journey.item_label.text()
    assert journey.category_label.text() == "社保医保"
    assert not journey.holder_label.isVisible()

    stored = terminal.client.get_ticket(ticket.ticket_id)  # asked back over HTTP
    assert (stored.category_code, stored.item_code) == ("social_security", EMPLOYMENT)
    assert outcome.paper_png is not None
    raw = outcome.paper_png.with_suffix(".bin").read_bytes()
    job = render_escpos(raw, terminal.printer.profile.paper)
    assert ticket.number in job.transcript
    assert "办理事项：就业创业证申领" in job.transcript
    assert "实名" not in job.transcript

    # Done: home, and the next citizen finds the category view and an empty search.
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.item_label.text() == "" and page.search.text() == ""
    assert page.mode == "category"


def test_a_real_name_item_asks_for_identity_even_with_real_name_off(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """居住证申领 queues under 户政出入境, which the hub itself takes by real name only."""
    journey = window.ticket
    open_items(qtbot, window)
    assert search(qtbot, window, "jzz") == [RESIDENCE_PERMIT]
    qtbot.mouseClick(journey.choose_page.item_buttons[RESIDENCE_PERMIT], Qt.MouseButton.LeftButton)
    assert journey.currentWidget() is journey.identify_page
    assert "居住证申领" in journey.identify_page.what.text()
    assert journey.inputs.listening
    qtbot.mouseClick(journey.identify_page.back_button, Qt.MouseButton.LeftButton)
    assert journey.currentWidget() is journey.choose_page
    assert not journey.inputs.listening


def test_english_by_item_page_is_all_english(qtbot: QtBot, window: KioskWindow) -> None:
    """The catalog's English names on the item buttons, English everywhere else; an English
    name finds its item."""
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    open_items(qtbot, window)
    page = window.ticket.choose_page
    shown = lambda: [b.isVisible() for b in page.item_buttons.values()]  # noqa: E731
    qtbot.waitUntil(lambda: bool(shown()) and all(shown()), timeout=10000)  # a turn later
    leftover = [
        w.text()
        for w in page.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisibleTo(page) and CJK.search(w.text())
    ]
    assert not leftover
    assert page.item_buttons  # the items are there, in the catalog's English names
    # A long name is on two lines, and the scrolling list gives its button the height of both.
    assert "\n" in page.item_buttons[EMPLOYMENT].text()
    assert all(b.height() >= b.sizeHint().height() for b in page.item_buttons.values())
    assert not CJK.search(page.search.placeholderText())
    assert search(qtbot, window, "residence permit") == [RESIDENCE_PERMIT]
    button = page.item_buttons[RESIDENCE_PERMIT]
    assert button.text() == "Applying for a residence permit"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    journey = window.ticket
    assert journey.identify_page.what.text() == '"Applying for a residence permit" needs your ID'
    qtbot.mouseClick(journey.identify_page.back_button, Qt.MouseButton.LeftButton)
    assert search(qtbot, window, "employment") == [EMPLOYMENT]
    qtbot.mouseClick(page.item_buttons[EMPLOYMENT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=10000)
    name = "Getting an employment and entrepreneurship certificate"
    assert journey.item_label.text() == f"For: {name}"
    shown = journey.ticket_page
    assert not [
        w.text()
        for w in shown.findChildren(QWidget)
        if isinstance(w, QLabel | QAbstractButton) and w.isVisibleTo(shown) and CJK.search(w.text())
    ]
    window.end_session("finish")


def test_long_item_names_break_at_a_conjunction() -> None:
    from ui.widgets.button_text import two_lines

    assert two_lines("就业创业证申领") == "就业创业证申领"
    assert two_lines("困难残疾人生活补贴和重度残疾人护理补贴申领") == (
        "困难残疾人生活补贴和\n重度残疾人护理补贴申领"
    )
    assert (
        two_lines("城乡居民基本养老保险参保登记城乡居民")
        == "城乡居民基本养老保\n险参保登记城乡居民"
    )


def test_long_english_names_break_between_words() -> None:
    from ui.widgets.button_text import shown_as_is, two_lines

    assert two_lines("Applying for a residence permit") == "Applying for a residence permit"
    assert two_lines("Joining basic pension insurance (urban and rural residents)") == (
        "Joining basic pension insurance\n(urban and rural residents)"
    )
    assert shown_as_is("Social & medical") == "Social && medical"  # "&" shown, no shortcut
