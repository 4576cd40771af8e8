"""The case journey in English (only catalog data stays Chinese) and in elder mode."""

from __future__ import annotations

import re
from typing import Any

import case_driver as d
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _untranslated(citizen: Any, data: set[str]) -> list[str]:
    """Chinese left on screen once the catalog's own words (item data) are taken out."""
    journey = citizen.journey
    leftover = []
    for widget in journey.findChildren(QWidget):
        if not widget.isVisibleTo(journey) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        for word in sorted(data, key=len, reverse=True):
            text = text.replace(word, "")
        if CJK.search(text):
            leftover.append(f"{widget.objectName()}: {widget.text()}")
    return leftover


def _catalog_words(terminal: Terminal) -> set[str]:
    """The catalog's own words and the sample person's (data, not interface text)."""
    assert terminal.cases is not None
    item = terminal.cases.catalog
    catalog = item.refresh() and item.catalog
    guide = terminal.cases.guide
    data = {g.summary for g in guide.items.values()} | {g.who for g in guide.items.values()}
    data |= set(guide.events) | {"张*例", "张示例", "1101**********002X", "北京市朝阳区****"}
    for entry in catalog.items:
        data |= {entry.name, entry.department, entry.legal_basis, entry.item_type.value}
        data |= {f.label for f in entry.form} | {o for f in entry.form for o in f.options}
        data |= {m.name for m in entry.materials} | {m.note for m in entry.materials if m.note}
        data |= {entry.fee.basis} if entry.fee.basis else set()
    data.discard("")
    return data


def test_english_leaves_only_catalog_data_in_chinese(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)
    data = _catalog_words(terminal)
    journey = citizen.journey
    pages = []
    d.begin(citizen, "生育", d.BIRTH)
    pages.append(("identify", _untranslated(citizen, data)))
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "2027")
    citizen.tap(journey.form_next)
    pages.append(("form with messages", _untranslated(citizen, data)))
    citizen.type_digits(citizen.field("expected_date").edit, "0315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    citizen.tap(journey.materials_page.capture_buttons["id_card"])
    citizen.tap(journey.materials_page.shoot)
    qtbot.waitUntil(lambda: journey.materials_page._pages == 1, timeout=d.WAIT)
    pages.append(("capture", _untranslated(citizen, data)))
    citizen.tap(journey.materials_page.done)
    qtbot.waitUntil(lambda: not journey.materials_page.panel.isVisible(), timeout=d.WAIT)
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    pages.append(("delivery", _untranslated(citizen, data)))
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    pages.append(("delivery phone", _untranslated(citizen, data)))
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    pages.append(("review", _untranslated(citizen, data)))
    d.submit(citizen)
    pages.append(("receipt", _untranslated(citizen, data)))
    assert [(name, left) for name, left in pages if left] == []
    window.end_session("finish")


def test_elder_mode_makes_the_case_pages_large(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)

    def small_texts() -> list[str]:
        journey = citizen.journey
        return [
            widget.text()
            for widget in journey.findChildren(QWidget)
            if widget.isVisibleTo(journey)
            and isinstance(widget, QLabel | QAbstractButton)
            and widget.text()
            and widget.fontInfo().pixelSize() < 30
        ]

    d.begin(citizen, "居住", d.RESIDENCE)
    assert small_texts() == []
    d.card(terminal)
    citizen.at("form")
    citizen.tap(citizen.journey.form_next)
    assert small_texts() == []  # the messages too
    window.end_session("finish")


class _Stretch(QTranslator):
    """Every string 40% longer: translations must not be clipped (as tests/ui/test_shell.py)."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        text = source.replace("%n", str(n)) if n >= 0 else source
        return text + "长" * max(1, round(len(text) * 0.4))


def _clipped(journey: QWidget) -> list[str]:
    # A text just set is laid out over a few event rounds (the label, its page, the scroll area
    # holding the page): let those run before judging; a real clip stays after them.
    for _ in range(5):
        QCoreApplication.processEvents()
        if not (found := _clipped_now(journey)):
            break
    return found


def _clipped_now(journey: QWidget) -> list[str]:
    found = []
    for widget in journey.findChildren(QWidget):
        if not widget.isVisibleTo(journey) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if not widget.text():
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.height() < widget.heightForWidth(widget.width()):
                found.append(widget.text())
        elif widget.width() < widget.sizeHint().width():
            found.append(widget.text())
    return found


def test_stretched_strings_are_not_clipped_on_case_pages(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    stretch = _Stretch()
    app.installTranslator(stretch)
    try:
        citizen = d.open(qtbot, terminal)
        citizen.window._build_screens()
        citizen.window.case.page_changed.connect(citizen.log.append)
        journey = citizen.journey
        d.begin(citizen, "生育", d.BIRTH)
        assert journey.identify_page.title.text().endswith("长")  # the stretch is on
        assert _clipped(journey) == []
        d.card(terminal)
        citizen.at("form")
        citizen.tap(journey.form_next)
        assert _clipped(journey) == []
        citizen.type_digits(citizen.field("expected_date").edit, "20270315")
        citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
        citizen.finish_form()
        citizen.tap(journey.materials_page.capture_buttons["id_card"])
        assert _clipped(journey) == []
        citizen.tap(journey.materials_page.shoot)
        qtbot.waitUntil(lambda: journey.materials_page.done.isEnabled(), timeout=d.WAIT)
        citizen.tap(journey.materials_page.done)
        qtbot.waitUntil(lambda: not journey.materials_page.panel.isVisible(), timeout=d.WAIT)
        citizen.tap(journey.materials_page.next)
        citizen.at("delivery")
        assert _clipped(journey) == []
        citizen.tap(journey.delivery_page.next)  # the way the result comes
        assert _clipped(journey) == []
        citizen.tap(journey.delivery_page.next)  # the phone number
        citizen.at("review")
        assert _clipped(journey) == []
        d.submit(citizen)
        assert _clipped(journey) == []
    finally:
        app.removeTranslator(stretch)


def _card_paths(citizen: Any, terminal: Terminal, check: Any) -> None:
    """Walk the staff-card sign-in and the social security card's identity and delivery pages,
    calling ``check(page_name)`` on each state."""
    from drivers.idcard.samples import sample_social_security, sample_staff_card

    qtbot, journey = citizen.qtbot, citizen.journey
    reader = terminal.devices.sim_reader
    assert reader is not None
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.sign_in_button)
    citizen.at("staff")
    page = journey.staff_page
    check("staff sign-in")
    reader.place_card(sample_staff_card())
    qtbot.waitUntil(page.card_label.isVisible, timeout=d.WAIT)
    for key in "000000":
        citizen.tap(page.keypad.keys[key])
    citizen.tap(page.ok)
    qtbot.waitUntil(lambda: bool(page.error.text()), timeout=d.WAIT)
    check("staff card, wrong PIN")
    for key in "246810":
        citizen.tap(page.keypad.keys[key])
    citizen.tap(page.ok)
    qtbot.waitUntil(page.ok.isHidden, timeout=d.WAIT)
    check("staff card, take it away")
    d.take_card_away(qtbot, terminal)
    citizen.at("finding")
    check("worker bar")
    citizen.tap(journey.find_page.event_buttons["养老"])
    citizen.tap(journey.find_page.result_buttons["GG00618002-990101-MZ"])
    citizen.tap(journey.guide_page.apply)
    citizen.at("identifying")
    reader.place_card(sample_staff_card())
    qtbot.waitUntil(lambda: bool(journey.identify_page.status.text()), timeout=d.WAIT)
    check("identify, bare card")
    d.take_card_away(qtbot, terminal)
    reader.place_card(sample_social_security())
    citizen.at("form")
    d.take_card_away(qtbot, terminal)
    citizen.type_digits(citizen.go_to("phone").edit, "13600003333")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "photo")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[d.ems()])
    check("delivery without a card address")
    citizen.type_text(journey.delivery_page.address_edit, "北京市朝阳区示例路9号")
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    check("review with the identity source")


def test_card_paths_in_english(qtbot: QtBot, themed: object, community_terminal: Terminal) -> None:
    citizen = d.open(qtbot, community_terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)
    data = _catalog_words(community_terminal) | {"李*工"}  # the worker, masked
    pages: list[tuple[str, list[str]]] = []
    _card_paths(
        citizen, community_terminal, lambda name: pages.append((name, _untranslated(citizen, data)))
    )
    assert len(pages) == 7
    assert [(name, left) for name, left in pages if left] == []
    window.end_session("finish")


def test_stretched_strings_are_not_clipped_on_the_card_paths(
    qtbot: QtBot, themed: object, community_terminal: Terminal
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    stretch = _Stretch()
    app.installTranslator(stretch)
    try:
        citizen = d.open(qtbot, community_terminal)
        citizen.window._build_screens()
        citizen.window.case.page_changed.connect(citizen.log.append)
        clipped: list[tuple[str, list[str]]] = []
        _card_paths(
            citizen,
            community_terminal,
            lambda name: clipped.append((name, _clipped(citizen.journey))),
        )
        assert citizen.journey.staff_page.hint.text().endswith("长")  # the stretch is on
        assert [(name, texts) for name, texts in clipped if texts] == []
    finally:
        app.removeTranslator(stretch)
