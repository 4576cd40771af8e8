"""投诉建议 end to end over the real hub on loopback: from the home tile through the choice, the
text typed on the hosted pinyin keyboard, consent and phone number, to the reference shown and
the slip printed (without the text or the number); no consent, no number sent; the session's
data gone at the end; a typed TS reference looked up in 进度查询."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import KioskWindow
from ui.screens.complaint_screen import ComplaintJourney

if TYPE_CHECKING:
    from conftest import Hall

    from hub.db import ComplaintRow

WAIT = 20000
PHONE = "13800138000"


def tap(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=WAIT)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def at(qtbot: QtBot, journey: ComplaintJourney, page: QWidget) -> None:
    qtbot.waitUntil(lambda: journey.currentWidget() is page, timeout=WAIT)


def stored(hall: Hall) -> list[ComplaintRow]:
    from sqlalchemy import select

    from hub.db import ComplaintRow

    with hall.hub.context.sessions() as session:
        return list(session.execute(select(ComplaintRow)).scalars())


def commit(widget: QWidget, text: str) -> None:
    """Text as the hosted pinyin keyboard delivers a chosen candidate (an input-method commit)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def open_complaint(qtbot: QtBot, window: KioskWindow) -> ComplaintJourney:
    tap(qtbot, window.home.tiles["complaint"])
    journey = window.complaint
    at(qtbot, journey, journey.about_page)
    return journey


def write(qtbot: QtBot, journey: ComplaintJourney, text: str) -> None:
    page = journey.write_page
    at(qtbot, journey, page)
    tap(qtbot, page.text_edit)
    qtbot.waitUntil(page.text_edit.hasFocus, timeout=WAIT)
    commit(page.text_edit, text)


def test_a_complaint_about_a_window_from_home_to_the_printed_slip(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    journey = open_complaint(qtbot, window)
    about = journey.about_page
    assert not about.next_button.isEnabled()  # nothing chosen for the citizen
    tap(qtbot, about.kind_buttons["complaint"])
    tap(qtbot, about.about_buttons["window"])
    qtbot.waitUntil(lambda: "W01" in about.list_buttons, timeout=WAIT)  # the hall's windows
    assert not about.next_button.isEnabled()
    tap(qtbot, about.list_buttons["W01"])
    tap(qtbot, about.next_button)

    # The text, on the hosted keyboard: pinyin "ni" and the space bar commit 你.
    page = journey.write_page
    at(qtbot, journey, page)
    assert not page.next_button.isEnabled()
    tap(qtbot, page.text_edit)
    keyboard = window.keyboard
    qtbot.waitUntil(lambda: keyboard is not None and keyboard.isVisible(), timeout=WAIT)
    assert keyboard is not None
    qtbot.waitUntil(lambda: keyboard.key_center("n") is not None, timeout=WAIT)
    for label in ("n", "i", "简体中文"):
        point = keyboard.key_center(label)
        assert point is not None, label
        qtbot.mouseClick(keyboard, Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: page.text() == "你", timeout=WAIT)
    commit(page.text_edit, "好，窗口工作人员中午提前离岗。")
    text = page.text()
    assert text == "你好，窗口工作人员中午提前离岗。"
    assert str(len(text)) in page.count_label.text() and "2000" in page.count_label.text()
    # The field and the way on stay in view above the keyboard.
    for widget in (page.text_edit, page.next_button):
        bottom = widget.mapTo(window, widget.rect().bottomLeft()).y()
        assert bottom <= keyboard.mapTo(window, keyboard.rect().topLeft()).y(), widget
    tap(qtbot, page.next_button)

    contact = journey.contact_page
    at(qtbot, journey, contact)
    assert not contact.phone_field.isVisible()  # no number field before the consent
    tap(qtbot, contact.consent_buttons["yes"])
    assert contact.phone_field.isVisible() and not contact.submit_button.isEnabled()
    for digit in PHONE:
        tap(qtbot, contact.keypad.keys[digit])
    tap(qtbot, contact.submit_button)

    sent = journey.sent_page
    at(qtbot, journey, sent)
    reference = sent.reference_label.text()
    assert reference.startswith("TS") and len(reference) == 17
    assert "1号窗口" in sent.about_label.text()
    # At the hub: what the citizen chose and wrote, and the number they agreed to leave.
    [row] = stored(hall)
    assert (row.reference, row.kind, row.about, row.subject) == (
        reference,
        "complaint",
        "window",
        "W01",
    )
    assert (row.text, row.phone, row.phone_given) == (text, PHONE, True)
    # The slip: the reference, what it is about, where to follow it; not the text or number.
    printed = hall.terminal.printer.printed_dir / f"complaint-{reference}.txt"
    slip = "".join(line.strip() for line in printed.read_text(encoding="utf-8").splitlines())
    for said in (reference, "W01", "在进度查询中查看处理情况", "12345"):
        assert said in slip, said
    for secret in ("离岗", PHONE):
        assert secret not in slip, secret
    assert "取走" in sent.print_label.text()

    flow = journey.flow
    tap(qtbot, sent.done_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=WAIT)
    # The session is over: nothing of the complaint is left, in the flow or on a page.
    assert (flow.text, flow.phone, flow.key, flow.receipt) == ("", "", "", None)
    assert journey.flow is not flow and journey.flow.text == ""
    assert page.text() == "" and contact.phone_field.text() == ""
    assert sent.reference_label.text() == ""


def test_no_consent_no_number(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    journey = open_complaint(qtbot, hall_window)
    about = journey.about_page
    tap(qtbot, about.kind_buttons["suggestion"])
    tap(qtbot, about.about_buttons["hall"])
    tap(qtbot, about.next_button)
    write(qtbot, journey, "等候区座位太少，建议增加。")
    tap(qtbot, journey.write_page.next_button)
    contact = journey.contact_page
    at(qtbot, journey, contact)
    tap(qtbot, contact.consent_buttons["yes"])
    for digit in PHONE:
        tap(qtbot, contact.keypad.keys[digit])
    assert journey.flow.phone == PHONE
    tap(qtbot, contact.consent_buttons["no"])  # changed their mind: the number goes
    assert contact.phone_field.text() == "" and not contact.phone_field.isVisible()
    tap(qtbot, contact.submit_button)
    at(qtbot, journey, journey.sent_page)
    [row] = stored(hall)
    assert (row.kind, row.about, row.subject) == ("suggestion", "hall", None)
    assert (row.phone, row.phone_given) == (None, False)


def test_an_unknown_staff_number_is_refused_in_the_hubs_words(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    journey = open_complaint(qtbot, hall_window)
    about = journey.about_page
    tap(qtbot, about.kind_buttons["complaint"])
    tap(qtbot, about.about_buttons["clerk"])
    # The clerk signed in at W01 is offered; a number can be typed instead.
    qtbot.waitUntil(lambda: "S001" in about.list_buttons, timeout=WAIT)
    tap(qtbot, about.staff_field)
    commit(about.staff_field, "s999")
    assert about.pick() is not None and about.pick().subject == "S999"  # type: ignore[union-attr]
    tap(qtbot, about.next_button)
    write(qtbot, journey, "态度不好")
    tap(qtbot, journey.write_page.next_button)
    at(qtbot, journey, journey.contact_page)
    tap(qtbot, journey.contact_page.submit_button)
    failed = journey.failed_page
    at(qtbot, journey, failed)
    assert "没有这个工号" in failed.problem.text()
    assert not stored(hall)
    # Back to change it: everything typed is still there; the clerk from the window this time.
    tap(qtbot, journey.change_button)
    at(qtbot, journey, journey.contact_page)
    tap(qtbot, journey.contact_page.back_button)
    at(qtbot, journey, journey.write_page)
    assert journey.write_page.text() == "态度不好"
    tap(qtbot, journey.write_page.back_button)
    at(qtbot, journey, about)
    tap(qtbot, about.list_buttons["S001"])
    assert about.staff_field.text() == ""
    tap(qtbot, about.next_button)
    tap(qtbot, journey.write_page.next_button)
    tap(qtbot, journey.contact_page.submit_button)
    at(qtbot, journey, journey.sent_page)
    [row] = stored(hall)
    assert (row.about, row.subject, row.text) == ("clerk", "S001", "态度不好")
