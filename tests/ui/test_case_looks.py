"""The case journey in English (only the citizen's own data and legal citations stay Chinese)
and in elder mode."""

from __future__ import annotations

import re
from typing import Any

import case_driver as d
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Terminal
from ui.stretch import StretchTranslator

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
# The sample card holder's own data, as the card has it and as the screens mask it.
PERSONAL = {
    "张*例",
    "张示例",
    "1101**********002X",
    "北京市朝阳区示例路1号示例小区",
    "北京市朝阳区****",
}


def _untranslated(citizen: Any, allowed: set[str]) -> list[str]:
    """Chinese left on screen once the words that may stay Chinese are taken out."""
    journey = citizen.journey
    leftover = []
    for widget in journey.findChildren(QWidget):
        if not widget.isVisibleTo(journey) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        for word in sorted(allowed, key=len, reverse=True):
            text = text.replace(word, "")
        if CJK.search(text):
            leftover.append(f"{widget.objectName()}: {widget.text()}")
    return leftover


def _may_stay_chinese(terminal: Terminal) -> set[str]:
    """What an English screen may show in Chinese: the citizen's own data (name, ID number,
    card address, their masked forms) and the items' legal bases (citations of Chinese law).
    Every other word of the catalog (names, departments, materials, notes, labels, options,
    events, guides) has its English."""
    assert terminal.cases is not None
    cache = terminal.cases.catalog
    catalog = cache.refresh() and cache.catalog
    return PERSONAL | {entry.legal_basis for entry in catalog.items}


def test_english_leaves_only_personal_data_and_legal_bases_in_chinese(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)
    allowed = _may_stay_chinese(terminal)
    journey = citizen.journey
    pages = []
    citizen.tap(window.home.tiles["case"])
    citizen.at("finding")
    pages.append(("find", _untranslated(citizen, allowed)))
    citizen.tap(journey.find_page.event_buttons["生育"])
    pages.append(("find by event", _untranslated(citizen, allowed)))
    citizen.tap(journey.find_page.result_buttons[d.BIRTH])
    citizen.at("guide")
    pages.append(("guide", _untranslated(citizen, allowed)))
    citizen.tap(journey.guide_page.apply)  # type: ignore[arg-type]
    citizen.at("identifying")
    pages.append(("identify", _untranslated(citizen, allowed)))
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "2027")
    citizen.tap(journey.form_next)
    pages.append(("form with messages", _untranslated(citizen, allowed)))
    citizen.type_digits(citizen.field("expected_date").edit, "0315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    pages.append(("materials", _untranslated(citizen, allowed)))
    citizen.tap(journey.materials_page.capture_buttons["id_card"])
    citizen.tap(journey.materials_page.shoot)
    qtbot.waitUntil(lambda: journey.materials_page._pages == 1, timeout=d.WAIT)
    pages.append(("capture", _untranslated(citizen, allowed)))
    citizen.tap(journey.materials_page.done)
    qtbot.waitUntil(lambda: not journey.materials_page.panel.isVisible(), timeout=d.WAIT)
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    pages.append(("delivery", _untranslated(citizen, allowed)))
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    pages.append(("delivery phone", _untranslated(citizen, allowed)))
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    pages.append(("review", _untranslated(citizen, allowed)))
    d.submit(citizen)
    pages.append(("receipt", _untranslated(citizen, allowed)))
    assert [(name, left) for name, left in pages if left] == []
    assert journey.guide_page.title.text() == "Registering a pregnancy or birth"
    window.end_session("finish")


def test_every_items_guide_in_english(qtbot: QtBot, themed: object, terminal: Terminal) -> None:
    """Each item's guide page: name, summary, who may apply, type, department, materials and
    their notes, fee and its basis, delivery (and what EMS costs), all in English."""
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    journey = window.case
    assert terminal.cases is not None
    terminal.cases.catalog.refresh()
    catalog = terminal.cases.catalog.catalog
    page = journey.guide_page
    leftover = []
    for item in catalog.items:
        page.show_item(item, journey.channel, terminal.cases.guide.for_item(item.code))
        for label in (page.title, page.details, page.where):
            if CJK.search(label.text().replace(item.legal_basis, "")):
                leftover.append((item.code, label.text()))
    assert leftover == []
    id_card = next(i for i in catalog.items if i.code == "QR00231001-990101-GA")
    page.show_item(id_card, journey.channel, terminal.cases.guide.for_item(id_card.code))
    text = page.details.text()
    assert "Type: Official confirmation" in text
    assert "CNY 20 (set by National schedule of ID card production fees)" in text
    assert "EMS post (free)" in text
    window.end_session("finish")


def test_english_residence_permit_choices_groups_and_what_to_bring(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    """Options, a repeating group's columns, a material left to bring and its department, in
    English; the answers stored are the catalog's Chinese options all the same."""
    citizen = d.open(qtbot, terminal)
    window = citizen.window
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    window.case.page_changed.connect(citizen.log.append)
    allowed = _may_stay_chinese(terminal) | {"王小二", "王*二"}  # a family member, typed
    journey = citizen.journey
    pages: list[tuple[str, list[str]]] = []

    def check(name: str) -> None:
        pages.append((name, _untranslated(citizen, allowed)))

    citizen.tap(window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.find_page.event_buttons["居住"])
    assert journey.find_page.event_buttons["居住"].text() == "Housing"
    citizen.tap(journey.find_page.result_buttons[d.RESIDENCE])
    citizen.at("guide")
    check("guide")
    guide = journey.guide_page.details.text()
    assert "Who can apply: Chinese citizens living away" in guide
    assert "It can also be taken at the window" in guide  # a material's note
    assert "EMS post (CNY 12)" in guide
    citizen.tap(journey.guide_page.apply)  # type: ignore[arg-type]
    citizen.at("identifying")
    d.card(terminal)
    citizen.at("form")
    citizen.type_text(citizen.field("residence_address").edit, "示例区幸福路8号3栋201")
    allowed.add("示例区幸福路8号3栋201")
    citizen.type_digits(citizen.go_to("residence_since").edit, "20250301")
    citizen.go_to("reason")
    check("form, reason")
    assert citizen.field("reason").buttons["就业"].text() == "Work"
    citizen.choose("reason", "就业")
    family = citizen.go_to("family")
    check("form, family")
    citizen.tap(family.add_button)
    row = family.rows[0].members
    check("form, a family member")
    assert row["relation"].title.text() == "Relationship"
    citizen.type_text(row["name"].edit, "王小二")
    citizen.tap(row["relation"].buttons["子女"])
    citizen.type_digits(citizen.go_to(row["id_number"]).edit, "110105201501010017")
    check("form, a family member's ID number")
    citizen.go_to("family")
    check("form, the family listed")
    assert "Child" in family.rows[0].summary()
    citizen.type_digits(citizen.go_to("phone").edit, "13800001234")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "residence_proof")
    citizen.tap(journey.materials_page.bring_buttons["photo"])
    check("materials")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[d.pickup()])
    check("delivery")
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    check("review")
    review = journey.review_page.shown_text()
    assert "Reason for applying" in review and "Work" in review
    d.submit(citizen)
    check("receipt")
    assert [(name, left) for name, left in pages if left] == []
    next_step = journey.receipt_page.next_step.text()
    assert "Recent passport-style photo" in next_step
    assert "Public Security Sub-bureau, Sample District" in next_step
    receipt = journey.receipt
    assert receipt is not None
    # The printed receipt is bilingual: the window reads the Chinese, the citizen the English.
    paper = "".join(d.receipt_text(citizen).split())  # as wrapped on paper, spaces aside
    for words in (
        "受理回执",
        "Application receipt",
        "Applying for a residence permit",
        "Please bring to the window (Public Security Sub-bureau, Sample District (applications "
        f"at your street office)) by "
        f"{receipt.bring_by:%Y-%m-%d}: Recent passport-style photo",
    ):
        assert "".join(words.split()) in paper, words
    stored = d.stored(terminal, receipt.number)
    assert stored["form"]["reason"] == "就业"
    assert stored["form"]["family"][0]["relation"] == "子女"
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
    stretch = StretchTranslator()
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
    allowed = _may_stay_chinese(community_terminal) | {"李*工"}  # the worker, masked
    pages: list[tuple[str, list[str]]] = []
    _card_paths(
        citizen,
        community_terminal,
        lambda name: pages.append((name, _untranslated(citizen, allowed))),
    )
    assert len(pages) == 7
    assert [(name, left) for name, left in pages if left] == []
    window.end_session("finish")


def test_stretched_strings_are_not_clipped_on_the_card_paths(
    qtbot: QtBot, themed: object, community_terminal: Terminal
) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
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
