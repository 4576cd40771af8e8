"""The case form a screen at a time: the fields dealt onto screens that fit the window in each
look, a group's rows filled on screens of their own, each screen a step of the application,
problems shown on the screen they belong to."""

from __future__ import annotations

import case_driver as d
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from screen_checks import kiosk_window

from kiosk.app import Terminal
from ui import fit_check
from ui.widgets.form_fields import FieldWidget, GroupField
from ui.widgets.form_view import FormView

RESIDENCE_ANSWERS = {
    "residence_address": "示例区幸福路8号3栋201",
    "residence_since": "20250301",
    "reason": "就业",
}
MEMBER = {"name": "王小二", "relation": "子女", "id_number": "110105201501010017"}


def residence_form(qtbot: QtBot, terminal: Terminal, orientation: str, elder: bool) -> d.Citizen:
    window = kiosk_window(qtbot, terminal, orientation)
    if elder:
        qtbot.mouseClick(window.home.elder_button, Qt.MouseButton.LeftButton)
    citizen = d.Citizen(qtbot, window)
    window.case.page_changed.connect(citizen.log.append)
    d.begin(citizen, "居住", d.RESIDENCE)
    d.card(terminal)
    citizen.at("form")
    return citizen


def fits(qtbot: QtBot, window: QWidget, where: object) -> None:
    """Nothing on screen out of view or cut off, once the layout has settled (a tap's layout
    passes are posted events: on a loaded machine they may still be pending)."""
    try:
        qtbot.waitUntil(lambda: fit_check.faults(window) == [], timeout=3000)
    except AssertionError:
        raise AssertionError(f"{where}: {fit_check.faults(window)}") from None


def portrait_form(qtbot: QtBot, terminal: Terminal) -> tuple[d.Citizen, FormView]:
    citizen = residence_form(qtbot, terminal, "portrait", elder=False)
    view = citizen.journey.form_view
    assert view is not None
    return citizen, view


@pytest.mark.parametrize(
    ("orientation", "elder"), [("portrait", False), ("landscape", False), ("portrait", True)]
)
def test_every_screen_of_the_form_fits_and_is_a_step(
    qtbot: QtBot, themed: object, community_terminal: Terminal, orientation: str, elder: bool
) -> None:
    """Screen by screen, with every message shown: nothing below the fold or cut off, and the
    step indicator counting each screen (identity, the form's screens, materials, delivery's
    two, review)."""
    citizen = residence_form(qtbot, community_terminal, orientation, elder)
    window, journey = citizen.window, citizen.journey
    view = journey.form_view
    assert view is not None
    total = 1 + view.screen_count + 4  # materials, delivery (two), review
    assert view.screen_count >= 2  # the residence form does not fit one screen in any look
    steps = []
    family = view.fields["family"]
    assert isinstance(family, GroupField)
    for screen in range(view.screen_count):
        assert view.screen_index == screen
        steps.append(journey.form_page.step.text())
        fits(qtbot, window, screen)
        if family in view.shown():  # optional: a member is added, on screens of its own
            citizen.tap(family.add_button)
            while view.row is not None:
                citizen.tap(journey.form_next)  # nothing filled: the messages on screen
                fits(qtbot, window, "a member's screen with its messages")
                for name, widget in family.rows[0].members.items():
                    if widget in view.shown() and name in MEMBER:
                        widget.set_value(MEMBER[name])
                citizen.tap(journey.form_next)
            fits(qtbot, window, "the members listed")
        else:
            citizen.tap(journey.form_next)  # nothing filled: each field's message on screen
            assert view.screen_index == screen
            assert any(w.error.isVisible() for w in view.shown() if isinstance(w, FieldWidget))
            fits(qtbot, window, f"screen {screen} with its messages")
            answers = {**RESIDENCE_ANSWERS, "phone": "13800001234"}
            view.set_values({k: v for k, v in answers.items() if view.fields[k] in view.shown()})
        citizen.tap(journey.form_next)
    assert steps == [f"第{2 + i}步，共{total}步" for i in range(view.screen_count)]
    citizen.at("materials")
    assert journey.materials_page.step.text() == f"第{total - 3}步，共{total}步"
    window.end_session("finish")


def test_a_member_is_added_on_screens_of_its_own_and_listed(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen, view = portrait_form(qtbot, terminal)
    journey = citizen.journey
    view.set_values(RESIDENCE_ANSWERS)
    family = citizen.go_to("family")
    assert isinstance(family, GroupField)
    step = journey.form_page.step.text()
    citizen.tap(family.add_button)
    row = family.rows[0]
    assert view.row is row and row.heading in view.shown() and family not in view.shown()
    assert row.title.text() == "随行家庭成员：第1位"
    assert journey.form_page.step.text() == step  # a detour inside the step, not a step
    citizen.tap(journey.form_back)  # nothing typed: the blank member is dropped
    assert view.row is None and family.rows == [] and view.shown() == [family]
    citizen.tap(family.add_button)
    row = family.rows[0]
    for name, widget in row.members.items():
        if name in MEMBER:
            widget.set_value(MEMBER[name])
    citizen.go_to("family")  # 下一步 through the member's screens, back to the list
    line = family.edit_buttons[0].parentWidget()
    shown = [label.text() for label in line.findChildren(type(row.title))]
    assert shown == ["1. 王小二  子女  1101**********0017  20150101"]  # ID masked in the list
    citizen.tap(family.edit_buttons[0])  # 修改: the same member again
    assert view.row is row and row.members["name"].edit.text() == "王小二"
    citizen.tap(row.remove)  # 删除这一位: gone, back to the list
    assert view.row is None and family.rows == [] and family.edit_buttons == []
    assert view.shown() == [family]


def test_a_member_with_a_problem_is_opened_where_the_problem_is(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen, view = portrait_form(qtbot, terminal)
    journey = citizen.journey
    view.set_values({**RESIDENCE_ANSWERS, "family": [{**MEMBER, "id_number": "1101052015"}]})
    family = citizen.go_to("family")
    assert isinstance(family, GroupField) and view.row is None
    citizen.tap(journey.form_next)
    member = family.rows[0].members["id_number"]
    assert view.row is family.rows[0] and member in view.shown()
    assert member.error.isVisible()
    assert member.error.text() == "身份证号码应为 18 位，最后一位可以是 X。"


def test_an_answer_spoiled_on_an_earlier_screen_is_shown_there(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    """The last 下一步 checks every answer once more: one changed behind the citizen's back
    (set by the program, as a card read may) takes them to its screen, not past it."""
    citizen, view = portrait_form(qtbot, terminal)
    journey = citizen.journey
    view.set_values({**RESIDENCE_ANSWERS, "phone": "13800001234"})
    citizen.go_to("phone")
    view.set_values({"residence_since": "2025"})
    citizen.tap(journey.form_next)
    assert citizen.log[-1] == "form" and view.screen_index == 0
    assert view.fields["residence_since"].error.isVisible()
    view.set_values({"residence_since": "20250301"})
    citizen.finish_form()


def test_the_keypad_shows_x_only_for_an_id_number(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    """The number pad with X for an ID number, 清空 for a date or a phone number; no pad at
    all on a screen without digits."""
    citizen, view = portrait_form(qtbot, terminal)
    corner = view.keypad.keys["C"]
    citizen.tap(view.fields["residence_since"].edit)
    assert corner.text() == "清空" and "X" not in view.keypad.keys
    view.set_values(RESIDENCE_ANSWERS)
    citizen.go_to("reason")
    assert view.keypad.isHidden()  # a choice: nothing to type
    family = citizen.go_to("family")
    assert isinstance(family, GroupField)
    citizen.tap(family.add_button)
    family.rows[0].members["name"].set_value("王小二")
    family.rows[0].members["relation"].set_value("子女")
    id_number = citizen.go_to(family.rows[0].members["id_number"])
    citizen.tap(id_number.edit)
    assert corner.text() == "X" and view.keypad.keys["X"] is corner
    citizen.tap(corner)
    assert id_number.edit.text() == "X"


def test_delivery_asks_the_way_then_the_phone_each_a_step(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.birth_case_to_review(qtbot, terminal)
    journey = citizen.journey
    page = journey.delivery_page
    review_step = journey.review_page.step.text()
    citizen.tap(journey.review_page.back)  # back from the review: to the phone number
    citizen.at("delivery")
    assert page.phone_edit.isVisible() and page.keypad.isVisible()
    assert not page.method_part.isVisible() and page.title.text() == "请确认联系电话"
    phone_step = page.step.text()
    page.phone_edit.setText("1390000")
    citizen.tap(page.next)
    assert page.error.text() == "电话号码不对，手机号是 1 开头的 11 位数字。"
    assert citizen.log[-1] == "delivery" and page.phone_edit.isVisible()
    citizen.tap(page.back)  # the way the result comes, a step before
    assert page.method_part.isVisible() and not page.keypad.isVisible()
    assert page.error.text() == ""
    number = int(phone_step[1 : phone_step.index("步")])
    assert page.step.text() == phone_step.replace(f"第{number}步", f"第{number - 1}步")
    assert review_step.startswith(f"第{number + 1}步")
    citizen.tap(page.next)
    page.phone_edit.setText("13900005678")
    citizen.tap(page.next)
    citizen.at("review")


def test_a_date_is_typed_into_year_month_and_day_slots(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen, view = portrait_form(qtbot, terminal)
    since = view.fields["residence_since"]
    assert since.edit.displayText() == "____年__月__日"  # the shape of the answer, shown
    citizen.type_digits(since.edit, "2025")
    assert since.edit.displayText() == "2025年__月__日"
    # A tap anywhere in the field: the next digit still goes into the first empty slot.
    qtbot.mouseClick(since.edit, Qt.MouseButton.LeftButton, pos=since.edit.rect().topLeft())
    for key in "0301":
        citizen.tap(view.keypad.keys[key])
    assert since.edit.displayText() == "2025年03月01日"
    assert since.value() == "20250301" and view.values()["residence_since"] == "20250301"
    citizen.tap(view.keypad.keys["⌫"])
    assert since.value() == "2025030"


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_field_being_typed_into_stays_in_view_under_the_keyboard(
    qtbot: QtBot, themed: object, terminal: Terminal, orientation: str
) -> None:
    """The hosted keyboard takes height: the form keeps its screens and its step count, and
    shows the field being typed into (with what still fits); all is back when it goes."""
    citizen = residence_form(qtbot, terminal, orientation, elder=False)
    window, journey = citizen.window, citizen.journey
    view = journey.form_view
    assert view is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    screen, screens, step = list(view.shown()), view.screen_count, journey.form_page.step.text()
    address = view.fields["residence_address"]
    assert address in screen and len(screen) > 1
    address.edit.setFocus()
    qtbot.waitUntil(lambda: window.keyboard is not None and window.keyboard.isVisible())
    qtbot.waitUntil(lambda: not all(w.isVisible() for w in screen))  # room made
    assert address.edit.isVisible() and address.edit.hasFocus()
    assert view.screen_count == screens and journey.form_page.step.text() == step
    fits(qtbot, window, "typing")
    window.setFocus()  # off the field: the keyboard goes, the screen is whole again
    qtbot.waitUntil(lambda: not window.keyboard.isVisible())
    qtbot.waitUntil(lambda: all(w.isVisible() for w in screen))
    assert view.shown() == screen
