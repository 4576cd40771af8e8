"""Drives the 办件 journey like a citizen (taps counted) and reads back what the hub stored.

Loaded by path from the case UI tests (the test folders are not packages).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from drivers.idcard.samples import sample_resident
from drivers.printer.render import render_escpos
from kiosk.app import Terminal
from ui.main_window import KioskWindow
from ui.screens.case_screen import CaseJourney
from ui.widgets.form_fields import ChoiceField

RESIDENCE = "QR00240001-990101-GA"
BIRTH = "GG00515001-990101-WJ"
FLEXIBLE = "GG00124003-990101-RS"
ID_NUMBER = "11010519491231002X"
WAIT = 20000


@dataclass
class Citizen:
    """Drives the kiosk like a citizen and counts what they do."""

    qtbot: QtBot
    window: KioskWindow
    taps: int = 0  # every tap, keypad keys included
    keys: int = 0  # of which keypad digits
    keystrokes: int = 0  # characters typed with the pinyin keyboard (not taps here)
    log: list[str] = field(default_factory=list)

    @property
    def journey(self) -> CaseJourney:
        return self.window.case

    def tap(self, widget: QWidget) -> None:
        self.qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT)
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        self.taps += 1

    def at(self, page: str) -> None:
        try:
            self.qtbot.waitUntil(lambda: self.log[-1:] == [page], timeout=WAIT)
        except Exception:
            shown = [
                label.text()
                for label in self.window.findChildren(QLabel, "FieldError")
                if label.isVisible() and label.text()
            ]
            raise AssertionError(f"not at {page} (log {self.log}); messages: {shown}") from None

    def type_text(self, edit: QLineEdit, text: str) -> None:
        """Free text as the hosted pinyin keyboard delivers it (an input-method commit):
        one tap into the field; the characters are counted apart from taps."""
        self.taps += 1
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)
        assert edit.text().endswith(text)
        self.keystrokes += len(text)

    def type_digits(self, edit: QLineEdit, digits: str) -> None:
        """Digits on the form's own keypad: tap the field, then each key."""
        self.tap(edit)
        self.qtbot.waitUntil(lambda: edit.hasFocus(), timeout=WAIT)
        keypad = self.journey.form_view.keypad  # type: ignore[union-attr]
        for key in digits:
            self.tap(keypad.keys[key])
            self.keys += 1

    def field(self, name: str) -> Any:
        view = self.journey.form_view
        assert view is not None
        return view.fields[name]

    def go_to(self, field: str | QWidget) -> Any:
        """下一步 until ``field`` (a form field's name, or a group row's widget) is on screen,
        the screens before it answered."""
        view = self.journey.form_view
        assert view is not None
        widget = view.fields[field] if isinstance(field, str) else field
        for _screen in range(view.screen_count + 4):  # a group row's screens come on top
            if widget in view.shown():
                break
            self.tap(self.journey.form_next)
        assert widget in view.shown(), f"{field} not reached: screen {view.screen_index}"
        return widget

    def finish_form(self) -> None:
        """下一步 on each screen left of the form, to the materials."""
        view = self.journey.form_view
        assert view is not None
        for _screen in range(view.screen_count - view.screen_index):
            self.tap(self.journey.form_next)
        self.at("materials")

    def choose(self, name: str, *options: str) -> None:
        widget = self.field(name)
        assert isinstance(widget, ChoiceField)
        for option in options:
            self.tap(widget.buttons[option])


def open(qtbot: QtBot, terminal: Terminal) -> Citizen:
    window = KioskWindow(terminal)
    qtbot.addWidget(window)
    window.resize(window.design_size)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
    citizen = Citizen(qtbot, window)
    window.case.page_changed.connect(citizen.log.append)
    return citizen


def begin(citizen: Citizen, event: str, item_code: str) -> None:
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.tap(journey.find_page.event_buttons[event])
    citizen.tap(journey.find_page.result_buttons[item_code])
    citizen.at("guide")
    citizen.tap(journey.guide_page.apply)  # type: ignore[arg-type]
    citizen.at("identifying")


def birth_case_to_review(qtbot: QtBot, terminal: Terminal) -> Citizen:
    """A citizen with a card fills 生育登记 (one material, pickup) up to the review page."""
    citizen = open(qtbot, terminal)
    journey = citizen.journey
    begin(citizen, "生育", BIRTH)
    card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    capture(citizen, "id_card")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    return citizen


def capture(citizen: Citizen, code: str, pages: int = 1) -> None:
    materials = citizen.journey.materials_page
    citizen.tap(materials.capture_buttons[code])
    for n in range(1, pages + 1):
        citizen.tap(materials.shoot)
        citizen.qtbot.waitUntil(lambda n=n: materials._pages == n, timeout=WAIT)
    citizen.tap(materials.done)
    citizen.qtbot.waitUntil(lambda: not materials.panel.isVisible(), timeout=WAIT)


def submit(citizen: Citizen) -> None:
    citizen.tap(citizen.journey.review_page.submit)  # type: ignore[arg-type]
    citizen.at("receipt")


def stored(terminal: Terminal, number: str) -> dict[str, Any]:
    """The case as the hub keeps it, read from its database; materials' hashes checked."""
    import hashlib

    from sqlalchemy import text

    engine = hub_engine(terminal)
    with engine.connect() as db:
        case = (
            db.execute(text("SELECT * FROM cases WHERE case_number = :n"), {"n": number})
            .mappings()
            .one()
        )
        rows = db.execute(
            text("SELECT material_code, sha256, content FROM materials WHERE case_id = :c"),
            {"c": case["case_id"]},
        ).all()
    data = case["data"] if isinstance(case["data"], dict) else json.loads(case["data"])
    hashes = {}
    for code, sha, content in rows:
        assert content is not None and hashlib.sha256(content).hexdigest() == sha
        hashes[code] = sha
    return {**data, "applicant_name": case["applicant_name"], "hashes": hashes}


def hub_engine(terminal: Terminal) -> Any:
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    # NullPool: the connection is closed when the test is done with it.
    return create_engine(
        f"sqlite:///{terminal.data_dir / 'hub' / 'hub.sqlite3'}", poolclass=NullPool
    )


def receipt_text(citizen: Citizen) -> str:
    receipt = citizen.journey.receipt
    assert receipt is not None
    printed = citizen.journey.printer.printed_dir / f"receipt-{receipt.number}.bin"
    return render_escpos(printed.read_bytes(), citizen.journey.printer.profile.paper).transcript


def card(terminal: Terminal) -> None:
    assert terminal.devices.sim_reader is not None
    terminal.devices.sim_reader.place_card(sample_resident())


def ems() -> Any:
    from contract.models import DeliveryMethod

    return DeliveryMethod.EMS


def pickup() -> Any:
    from contract.models import DeliveryMethod

    return DeliveryMethod.PICKUP


def report(citizen: Citizen, item: str, record: Callable[[str, object], None]) -> None:
    """Record the counts (junit properties) and print them (pytest -s shows them)."""
    record("taps", citizen.taps)
    record("keypad_digits", citizen.keys)
    record("characters_typed", citizen.keystrokes)
    print(
        f"\ntaps home->submitted {item}: {citizen.taps} (of which {citizen.keys} keypad digits;"
        f" plus {citizen.keystrokes} characters typed)"
    )


def take_card_away(qtbot: QtBot, terminal: Terminal) -> None:
    """Lift the card from the simulated reader and wait until the terminal's monitor has seen
    it go (a card swapped faster than the monitor polls is, rightly, the same card)."""
    from drivers.idcard import CardRemoved

    reader, monitor = terminal.devices.sim_reader, terminal.devices.id_monitor
    assert reader is not None and monitor is not None
    gone: list[object] = []
    unsubscribe = monitor.subscribe(
        lambda event: gone.append(event) if isinstance(event, CardRemoved) else None
    )
    try:
        gone.clear()  # the replayed state may be "removed" already: wait for a fresh edge
        reader.remove_card()
        qtbot.waitUntil(lambda: bool(gone), timeout=WAIT)
    finally:
        unsubscribe()


# What a citizen's captured page looks like in the clear: a JPEG (JFIF, as OpenCV writes it) or a
# PDF. The outbox holds them encrypted, so neither signature may appear in any file.
PLAIN_PAGE_SIGNATURES = (b"%PDF-", b"\xff\xd8\xff\xe0\x00\x10JFIF")


def assert_no_plain_pages(folder: Path) -> None:
    """No file of the terminal's own under ``folder`` (its data folder) holds a page in the
    clear. The embedded hub's database (``hub/``) stands for the central platform, which keeps
    the case and its materials: it is not the terminal's."""
    found = [
        (str(path.relative_to(folder)), signature)
        for path in folder.rglob("*")
        if path.is_file()
        and not path.name.endswith(".png")  # printouts and previews
        and path.relative_to(folder).parts[0] != "hub"
        for signature in PLAIN_PAGE_SIGNATURES
        if signature in path.read_bytes()
    ]
    assert not found, found
