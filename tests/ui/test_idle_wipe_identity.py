"""The idle wipe after a journey that showed a name and an ID number: when the idle timer
runs out, no widget's text, no flow object, no session field and no picture still holds them."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from contract import models as m
from contract.privacy import mask_id, mask_name
from drivers.idcard.samples import sample_resident
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

CARD = sample_resident()
NAME = CARD.name or ""
NUMBER = CARD.id_number or ""
NEEDLES = (NAME, NUMBER, mask_name(NAME), mask_id(NUMBER), NUMBER[-6:])


def all_texts(root: QWidget) -> list[str]:
    """Every text any widget holds, shown or hidden."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
    return found


def holds(value: Any, depth: int = 0) -> list[str]:
    """Needles found in an object graph (strings, containers, dataclasses, plain objects)."""
    if depth > 5 or value is None:
        return []
    if isinstance(value, str):
        return [n for n in NEEDLES if n and n in value]
    if isinstance(value, bytes | int | float | bool | date):
        return []
    if isinstance(value, dict):
        return [h for k, v in value.items() for h in holds(k, depth + 1) + holds(v, depth + 1)]
    if isinstance(value, list | tuple | set | frozenset):
        return [h for item in value for h in holds(item, depth + 1)]
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return [h for f in fields for h in holds(getattr(value, f.name), depth + 1)]
    if hasattr(value, "model_dump"):
        return holds(value.model_dump(), depth + 1)
    if hasattr(value, "__dict__") and type(value).__module__.startswith("kiosk."):
        return holds(vars(value), depth + 1)
    return []


def test_idle_timeout_forgets_the_card_holder(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    day = hall.clock().astimezone(ZoneInfo("Asia/Shanghai")).date()
    hall.terminal.client.book_appointment(
        m.AppointmentBook(
            category_code="general", id_number=NUMBER, slot_date=day, slot_start="09:00"
        )
    )
    window.idle.set_timeout(0.5)
    window.overlay.countdown_s = 1
    qtbot.mouseClick(window.home.tiles["checkin"], Qt.MouseButton.LeftButton)
    journey = window.checkin
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.wait_page, timeout=5000)
    hall.place_card(CARD)
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.ticket_page, timeout=20000)
    journey._countdown.stop()  # the citizen walked away: only the idle timer acts now
    hall.remove_card()

    # The journey showed who checked in, masked; the session held the card.
    shown = all_texts(window)
    assert any(mask_name(NAME) in t for t in shown)
    assert any(mask_id(NUMBER) in t for t in shown)
    assert not any(NAME in t or NUMBER in t for t in shown)  # never unmasked on screen
    # What the session of this citizen held: asserted empty after it ended (not the next one's).
    old = window.session
    old_flow, old_held = journey.flow, dict(old.held)
    assert old.identity is not None
    assert holds(old_flow) and old_held["checkin"] is old_flow
    assert not journey.paper_preview.pixmap().isNull()

    with qtbot.waitSignal(window.session_ended, timeout=20000) as ended:
        pass
    assert ended.args == ["idle"]
    assert window.stack.currentWidget() is window.home

    leftovers = [t for t in all_texts(window) if any(n and n in t for n in NEEDLES)]
    assert not leftovers, leftovers
    assert old.ended and old.identity is None and not old.held
    assert not holds(old_flow), "the citizen's flow still holds personal data"
    for key, state in old_held.items():
        assert not holds(state), f"{key} still holds personal data"
    assert window.session is not old and not window.session.holds_personal_data
    pictures = [
        label.objectName() for label in window.findChildren(QLabel) if not label.pixmap().isNull()
    ]
    assert not pictures, f"pictures still cached: {pictures}"
    assert not journey.inputs.listening  # no device still listened to for the gone citizen
