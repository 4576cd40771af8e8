"""Voice on every step: each page, and each screen inside a long page (the form's screens, the
delivery's phone screen, the rating's reasons), says what to do there."""

from __future__ import annotations

import case_driver as d
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_case_form_screens import RESIDENCE_ANSWERS, residence_form

from contract import models as m
from kiosk.app import Terminal
from ui.main_window import KioskWindow


class Ears:
    """What the window's voice said since the last question."""

    def __init__(self, qtbot: QtBot, window: KioskWindow) -> None:
        qtbot.waitUntil(lambda: window.voice.available, timeout=d.WAIT)
        self._voice = window.voice
        self._heard = len(window.voice.spoken)

    def new(self) -> list[str]:
        if len(self._voice.spoken) < self._heard:  # a session ended: the voice forgot
            self._heard = 0
        said = self._voice.spoken[self._heard :]
        self._heard = len(self._voice.spoken)
        return said


def test_each_step_of_an_application_is_spoken(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    ears = Ears(qtbot, citizen.window)
    d.begin(citizen, "生育", d.BIRTH)
    said = ears.new()
    assert "请选择或搜索您要办理的事项" in said
    assert any("办事指南" in s and "生育登记" in s for s in said)  # the guide names the item
    assert said[-1] == "请刷身份证或社保卡，或出示手机上的身份码"

    d.card(terminal)
    citizen.at("form")
    view = journey.form_view
    assert view is not None
    said = ears.new()
    assert said[0].startswith("请填写：") and all(t in said[0] for t in view.shown_titles())
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    assert "请拍摄申请材料，或选择到窗口提交" in ears.new()
    materials = journey.materials_page
    citizen.tap(materials.capture_buttons["id_card"])  # the capture panel guides aloud too
    assert ears.new() == ["正在拍摄：夫妻双方居民身份证。请将材料平放在拍摄区内，一次拍一页。"]
    citizen.tap(materials.shoot)
    qtbot.waitUntil(lambda: materials._pages == 1, timeout=d.WAIT)
    assert ears.new() == ["拍好了。还有下一页就继续拍，没有了就点“这份材料拍完了”。"]
    citizen.tap(materials.done)
    qtbot.waitUntil(lambda: not materials.panel.isVisible(), timeout=d.WAIT)
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    assert ears.new()[-1] == "请选择领取办理结果的方式"
    citizen.tap(journey.delivery_page.next)  # the phone number's screen
    assert ears.new() == ["请确认联系电话，然后点下一步"]
    citizen.tap(journey.delivery_page.next)
    citizen.at("review")
    assert ears.new()[-1] == "请核对申请信息，无误后点提交"
    d.submit(citizen)
    assert "回执" in ears.new()[-1]

    # Rating the case: the reasons are asked for aloud when a level needs them.
    window = citizen.window
    citizen.tap(journey.receipt_page.rate)
    rating = window.rating
    qtbot.waitUntil(lambda: rating.flow.state.value == "rating", timeout=d.WAIT)
    assert ears.new()[-1] == "请您评价本次服务"
    qtbot.mouseClick(rating.picker.level_buttons[m.Rating.SATISFIED], Qt.MouseButton.LeftButton)
    assert ears.new() == []  # 好评 needs no reasons: nothing more to ask
    qtbot.mouseClick(rating.picker.level_buttons[m.Rating.UNSATISFIED], Qt.MouseButton.LeftButton)
    assert ears.new() == ["请选择不满意的原因，可以多选，然后点提交评价"]
    window.end_session("finish")


def test_each_screen_of_a_long_form_is_spoken(
    qtbot: QtBot, themed: object, community_terminal: Terminal
) -> None:
    citizen = residence_form(qtbot, community_terminal, "portrait", elder=False)
    journey = citizen.journey
    view = journey.form_view
    assert view is not None and view.screen_count > 1  # the form has screens of its own
    ears = Ears(qtbot, citizen.window)
    first = view.shown_titles()
    citizen.tap(journey.form_next)  # nothing typed: problems shown, and how on
    assert ears.new() == ["请按红色提示修改，再点下一步"]
    answers = {**RESIDENCE_ANSWERS, "phone": "13800001234"}
    view.set_values({k: v for k, v in answers.items() if view.fields[k] in view.shown()})
    citizen.tap(journey.form_next)  # the next screen: its own fields said
    said = ears.new()
    assert view.shown_titles() != first
    assert len(said) == 1 and said[0].startswith("请填写：")
    assert all(title in said[0] for title in view.shown_titles())
    citizen.tap(journey.form_back)  # and back
    said = ears.new()
    assert len(said) == 1 and all(title in said[0] for title in first)
    citizen.window.end_session("finish")


def test_the_typed_identity_says_what_to_type(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    ears = Ears(qtbot, citizen.window)
    d.begin(citizen, "生育", d.BIRTH)  # 生育登记 allows a typed identity
    ears.new()
    page = citizen.journey.identify_page
    citizen.tap(page.manual_button)
    assert ears.new() == ["请填写您的姓名，与身份证上一致，然后点下一步"]
    page.name_edit.setText("李示例")
    citizen.tap(page.name_next)
    assert ears.new() == ["请输入18位身份证号码，然后点确认身份信息"]
    citizen.tap(page.back)  # back to the name: said again
    assert ears.new() == ["请填写您的姓名，与身份证上一致，然后点下一步"]
    citizen.window.end_session("finish")
