"""办件 end to end: from home to a printed receipt, over the real hub on loopback.

Three items with different forms and materials; each test asserts what the hub stored (form,
materials' hashes, delivery) and what the receipt says, and counts the citizen's taps. Also the
search and guide pages and the messages next to fields.
"""

from __future__ import annotations

from collections.abc import Callable

import case_driver as d
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit
from pytestqt.qtbot import QtBot
from screen_checks import assert_in_view, kiosk_window

from kiosk.app import Terminal
from kiosk.journeys.case.service import estimate_due
from ui.widgets.form_fields import GroupField, LineField


def test_residence_permit_with_group_address_and_ems(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "居住", d.RESIDENCE)
    d.card(terminal)
    citizen.at("form")
    assert journey.form_page.step.text() == "第2步，共9步"  # 4 form screens, 2 of delivery
    assert journey.form_page.step.isVisible() and journey.find_page.step.isHidden()
    address = citizen.field("residence_address")
    assert isinstance(address, LineField)
    citizen.type_text(address.edit, "示例区幸福路8号3栋201")
    citizen.type_digits(citizen.go_to("residence_since").edit, "20250301")
    citizen.go_to("reason")
    citizen.choose("reason", "就业")
    family = citizen.go_to("family")
    assert isinstance(family, GroupField)
    citizen.tap(family.add_button)  # the member is filled on screens of their own
    row = family.rows[0].members
    citizen.type_text(row["name"].edit, "王小二")
    citizen.tap(row["relation"].buttons["子女"])
    citizen.type_digits(citizen.go_to(row["id_number"]).edit, "110105201501010017")
    assert row["birth_date"].value() == "20150101"  # filled from the ID number
    assert row["birth_date"].edit.displayText() == "2015年01月01日"  # in its slots
    row["id_number"].edit.setText("110105201601010014")  # corrected: the filled date follows
    assert row["birth_date"].value() == "20160101"
    row["id_number"].edit.setText("110105201501010017")
    citizen.go_to("family")  # back to the list of members, the new one in it
    assert family.rows[0].summary() == "王小二  子女  1101**********0017  20150101"
    citizen.type_digits(citizen.go_to("phone").edit, "13800001234")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "residence_proof", pages=2)
    citizen.tap(journey.materials_page.bring_buttons["photo"])
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[d.ems()])
    # 居住证: its applicants live away from their card's address, so a typed one is the
    # default (kiosk_guide: ems_to = "typed"); the card's is offered, in full (wiped with the
    # session), and chosen here.
    delivery = journey.delivery_page
    assert delivery.other_address.isChecked() and not delivery.card_address.isChecked()
    assert delivery.ems_fee.isVisible()  # what the post costs, from the catalog
    assert delivery.ems_fee.text() == "邮费 12 元，收件时付给快递员。"
    assert delivery.address_edit.isVisible() and delivery.address_edit.text() == ""
    citizen.tap(delivery.next)
    assert delivery.error.text() == "请填写收件地址，写到门牌号。" and citizen.log[-1] == "delivery"
    citizen.tap(delivery.card_address)
    assert delivery.card_address_line.text() == "北京市朝阳区示例路1号示例小区"  # in full
    assert delivery.card_address_line.isVisible() and not delivery.address_edit.isVisible()
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    assert journey.review_page.step.text() == "第9步，共9步"
    summary = journey.review_page.shown_text()
    assert "张*例" in summary and "1101**********002X" in summary
    assert "北京市朝阳区****" in summary and "138****1234" in summary
    assert "示例路1号" not in summary and d.ID_NUMBER not in summary
    d.submit(citizen)

    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    spoken = citizen.window.voice.spoken  # the case journey guides by voice too
    assert "请核对申请信息，无误后点提交" in spoken
    assert any(receipt.number in said and "回执" in said for said in spoken)
    stored = d.stored(terminal, receipt.number)
    assert stored["applicant_name"] == "张示例"
    assert stored["form"]["residence_address"] == "示例区幸福路8号3栋201"
    assert stored["form"]["residence_since"] == "2025-03-01"
    assert stored["form"]["reason"] == "就业"
    assert stored["form"]["family"] == [  # a group arrives as rows, each column by its kind
        {
            "name": "王小二",
            "relation": "子女",
            "id_number": "110105201501010017",
            "birth_date": "2015-01-01",
        }
    ]
    assert stored["delivery"] == "ems"
    assert stored["delivery_address"] == "北京市朝阳区示例路1号示例小区"
    draft = journey.draft
    assert draft is not None
    assert stored["hashes"] == {c: m.sha256 for c, m in draft.materials.items()}
    assert draft.materials["residence_proof"].pages == 2
    text = d.receipt_text(citizen)
    assert receipt.number in text and "居住证申领" in text
    assert "EMS" in text and "北京市朝阳区****" in text and "张*例" in text
    flat = text.replace("\n", "")  # the notice wraps on paper
    by = receipt.bring_by  # five working days (the item's bring_within_days) after today
    assert by == estimate_due(receipt.submitted_at.date(), 5)
    assert (
        f"请于{by:%Y年%m月%d日}前到窗口（示例区公安分局（街道受理））提交：近期一寸免冠照片" in flat
    )
    assert "示例路1号" not in text and "（查询进度、评价服务时核对用）" in text
    # On screen too, in a box of its own: what is still to bring, and to whom.
    assert journey.receipt_page.next_step.text() == (
        f"请于{by.isoformat()}前到窗口提交：近期一寸免冠照片\n办理部门：示例区公安分局（街道受理）"
    )
    assert journey.receipt_page.qr.text_value == receipt.tracking_code
    d.report(citizen, "居住证申领", record_property)
    # A regression guard: buttons, not digits. 33 in portrait: the form's four screens, the
    # member's two and the delivery's two each end with a 下一步 (all on screen in every look),
    # and two are this test's own (a 下一步 refused for want of an address, the card's chosen).
    assert citizen.taps - citizen.keys <= 33

    # The receipt code: printed as 验证码 and carried by the QR (the proof for 好差评).
    assert receipt.tracking_code.endswith(":" + receipt.verification_code)
    assert len(receipt.verification_code) == 8 and f"验证码：{receipt.verification_code}" in text
    page = journey.receipt_page
    assert page.rate.isVisible() and page.rate.text() == "评价本次服务"
    assert page.rate.height() >= 80 and page.done.height() >= 80

    rated: list[object] = []
    journey.rate_case_requested.connect(rated.append)
    citizen.tap(page.done)
    qtbot.waitUntil(lambda: citizen.window.stack.currentWidget() is citizen.window.home)
    assert rated == []  # "完成" just ends: 好差评 is offered, never started for the citizen
    assert journey.receipt is None and journey.draft is None  # wiped with the session
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the old form goes
    widgets = [*journey.findChildren(QAbstractButton), *journey.findChildren(QLineEdit)]
    left = [w.text() for w in widgets if w.text()]
    assert not [text for text in left if "示例路1号" in text or "13800001234" in text]
    d.assert_no_plain_pages(terminal.data_dir)  # the pages lived in memory, then the outbox


def test_birth_registration_date_and_electronic_delivery(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "生育", d.BIRTH)
    d.card(terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    d.capture(citizen, "id_card", pages=2)  # both spouses' cards
    citizen.tap(journey.materials_page.bring_buttons["marriage"])
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")  # electronic only: chosen already
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    stored = d.stored(terminal, receipt.number)
    assert stored["form"] == {"expected_date": "2027-03-15", "phone": "13900005678"}
    assert stored["delivery"] == "electronic" and stored["delivery_address"] is None
    assert set(stored["hashes"]) == {"id_card"}
    text = d.receipt_text(citizen)
    assert "生育登记服务" in text and "电子送达" in text
    assert "提交：结婚证" in text.replace("\n", "")
    d.report(citizen, "生育登记服务", record_property)


def test_flexible_employment_multi_choice_number_and_pickup(
    qtbot: QtBot, themed: object, terminal: Terminal, record_property: Callable[..., None]
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "就业", d.FLEXIBLE)
    d.card(terminal)
    citizen.at("form")
    citizen.choose("insurances", "企业职工基本养老保险", "职工基本医疗保险")
    citizen.type_digits(citizen.go_to("monthly_base").edit, "4500")
    citizen.type_text(citizen.go_to("occupation").edit, "网约车司机")
    citizen.type_digits(citizen.go_to("phone").edit, "13700002222")
    citizen.finish_form()
    d.capture(citizen, "id_card")
    d.capture(citizen, "employment")
    citizen.tap(journey.materials_page.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[d.pickup()])
    citizen.tap(journey.delivery_page.next)  # the way the result comes
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    stored = d.stored(terminal, receipt.number)
    assert stored["form"]["insurances"] == ["企业职工基本养老保险", "职工基本医疗保险"]
    assert stored["form"]["monthly_base"] == "4500"
    assert stored["form"]["occupation"] == "网约车司机"
    assert "spouse_id" not in stored["form"]
    assert stored["delivery"] == "pickup"
    assert set(stored["hashes"]) == {"id_card", "employment"}
    text = d.receipt_text(citizen)
    assert "窗口领取" in text and "灵活就业人员社会保险参保登记" in text
    d.report(citizen, "灵活就业人员社会保险参保登记", record_property)


def test_form_messages_appear_next_to_fields_and_block(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    """Each screen's problems are said next to their fields when 下一步 is tapped there, and
    hold the citizen on that screen until they are mended."""
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "就业", d.FLEXIBLE)
    d.card(terminal)
    citizen.at("form")
    view = journey.form_view
    assert view is not None
    view.set_values({"monthly_base": "45X", "spouse_id": "110105194912310021", "phone": "1370000"})
    expected = {
        "insurances": "请选择参保险种。",
        "monthly_base": "这里只能填数字，例如 3000。",
        "occupation": "请填写从事职业。",
        "spouse_id": "身份证号码有误，请逐位核对。",
        "phone": "电话号码不对，手机号是 1 开头的 11 位数字。",
    }
    mended = {
        "insurances": ["失业保险"],
        "monthly_base": "4500",
        "occupation": "网约车司机",
        "spouse_id": "",
        "phone": "13700002222",
    }
    said: list[str] = []
    for _screen in range(view.screen_count):
        here = [name for name, widget in view.fields.items() if widget in view.shown()]
        citizen.tap(journey.form_next)
        for name, widget in view.fields.items():
            if name in here:
                assert widget.error.isVisible() and widget.error.text() == expected[name], name
            else:  # not checked before the citizen has seen it
                assert widget.error.isHidden(), name
        assert citizen.log[-1] == "form" and [w for w in view.shown() if w in view.fields.values()]
        said += here
        view.set_values({name: mended[name] for name in here})
        citizen.tap(journey.form_next)
        assert all(view.fields[name].error.isHidden() for name in here)
    assert sorted(said) == sorted(expected)
    citizen.at("materials")


def test_date_address_choice_and_group_rows_are_checked_next_to_each_field(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    d.begin(citizen, "居住", d.RESIDENCE)
    d.card(terminal)
    citizen.at("form")
    citizen.type_text(citizen.field("residence_address").edit, "幸福路")
    citizen.type_digits(citizen.field("residence_since").edit, "20251341")
    citizen.tap(journey.form_next)
    assert citizen.log[-1] == "form"  # blocked: nothing goes on with a wrong answer
    expected = {
        citizen.field("residence_address"): "地址太短，请写到门牌号，例如“幸福路8号3栋201”。",
        citizen.field("residence_since"): "日期不对，请把年、月、日填完整，例如 2025年03月01日。",
    }
    for widget, message in expected.items():
        assert widget.error.isVisible() and widget.error.text() == message, message
    citizen.field("residence_address").set_value("示例区幸福路8号3栋201")
    citizen.field("residence_since").set_value("20250301")
    reason = citizen.go_to("reason")
    citizen.tap(journey.form_next)
    assert reason.error.isVisible() and reason.error.text() == "请选择申领事由。"
    citizen.choose("reason", "就业")
    family = citizen.go_to("family")
    citizen.tap(family.add_button)
    row = family.rows[0].members
    citizen.tap(journey.form_next)  # the member's first screen, nothing filled
    assert row["name"].error.text() == "请填写姓名。" and row["name"].error.isVisible()
    assert row["relation"].error.text() == "请选择关系。" and row["relation"].error.isVisible()
    citizen.type_text(row["name"].edit, "王小二")
    citizen.tap(row["relation"].buttons["子女"])
    citizen.type_digits(citizen.go_to(row["id_number"]).edit, "11010520150101")
    citizen.type_digits(citizen.go_to(row["birth_date"]).edit, "2015")
    citizen.tap(journey.form_next)
    expected = {
        row["id_number"]: "身份证号码应为 18 位，最后一位可以是 X。",
        row["birth_date"]: "日期不对，请把年、月、日填完整，例如 2025年03月01日。",
    }
    for widget, message in expected.items():
        assert widget.error.isVisible() and widget.error.text() == message, message
    assert not citizen.field("phone").error.isVisible()
    assert citizen.log[-1] == "form" and view_row(citizen) is family.rows[0]


def view_row(citizen: d.Citizen) -> object:
    view = citizen.journey.form_view
    assert view is not None
    return view.row


def test_search_by_pinyin_initials_and_guide(
    qtbot: QtBot, themed: object, terminal: Terminal
) -> None:
    citizen = d.open(qtbot, terminal)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.type_text(journey.find_page.search, "jzz")
    qtbot.waitUntil(lambda: d.RESIDENCE in journey.find_page.result_buttons, timeout=d.WAIT)
    assert next(iter(journey.find_page.result_buttons)) == d.RESIDENCE
    citizen.tap(journey.find_page.result_buttons[d.RESIDENCE])
    citizen.at("guide")
    guide = journey.guide_page.details.text()
    assert "15 个工作日" in guide and "居住证暂行条例" in guide and "居住证明" in guide
    assert "申请对象：离开常住户口所在地" in guide and "需原件" not in guide
    assert journey.guide_page.apply.isEnabled()
    citizen.tap(journey.guide_page.back)
    citizen.at("finding")
    journey.find_page.search.clear()
    citizen.type_text(journey.find_page.search, "身份证换领")
    code = "QR00231001-990101-GA"  # window only (not a kiosk channel)
    citizen.tap(journey.find_page.result_buttons[code])
    citizen.at("guide")
    assert not journey.guide_page.apply.isEnabled()
    assert "窗口" in journey.guide_page.where.text()


@pytest.mark.parametrize(
    ("orientation", "look"),
    [
        ("portrait", "zh"),
        ("portrait", "en"),
        ("portrait", "elder"),
        ("landscape", "zh"),
        ("landscape", "en"),
        # Elder mode on a landscape screen: the 88 px number and the larger header leave too
        # little height, and that page scrolls (as every page may; test_layout_fits).
    ],
)
def test_the_receipt_buttons_need_no_scrolling(
    qtbot: QtBot, themed: object, terminal: Terminal, orientation: str, look: str
) -> None:
    """Both "评价本次服务" and "完成" are on screen at once: on a wide screen the details, the QR
    and the paper sit beside the buttons instead of pushing them below the fold."""
    from datetime import date, datetime

    from contract.models import DeliveryMethod
    from contract.payloads import case_tracking_code, new_receipt_code
    from kiosk.documents import receipt_layout
    from kiosk.journeys.case.service import ReceiptData

    window = kiosk_window(qtbot, terminal, orientation)
    if look == "elder":
        window.home.elder_button.click()
    if look == "en":
        window.home.language_button.click()
    code = new_receipt_code()
    data = ReceiptData(
        number="YM202603020000011",
        provisional=False,
        entry_id="e" * 32,
        item_name="居住证申领",
        item_code=d.RESIDENCE,
        applicant_name="张示例",
        applicant_id=d.ID_NUMBER,
        agent_name="",
        materials=("居民身份证", "居住证明"),
        bring=("近期一寸免冠照片",),
        department="示例区公安分局（街道受理）",
        bring_by=date(2026, 3, 9),
        submitted_at=datetime(2026, 3, 2, 9, 30).astimezone(),
        promised_date=date(2026, 3, 23),
        promised_days=15,
        delivery=DeliveryMethod.EMS,
        address="北京市朝阳区示例路1号示例小区",
        tracking_code=case_tracking_code("YM202603020000011", code),
        verification_code=code,
    )
    png = terminal.printer.print_receipt(receipt_layout(data, "示例大厅"), data.number)
    journey = window.case
    window.open_journey("case")
    page = journey.receipt_page
    page.show_receipt(data, True, png)
    journey._show(page, "receipt")
    assert_in_view((page.rate, page.done), journey._holders[page].viewport())
    # What is still to bring, and to whom, in a box of its own above the fold.
    assert page.next_step.isVisible()
    assert_in_view((page.next_step,), journey._holders[page].viewport())
    window.end_session("finish")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_form_keys_and_the_way_on_need_no_scrolling(
    qtbot: QtBot, themed: object, community_terminal: Terminal, orientation: str
) -> None:
    """Every key and "下一步" are on screen at once, the form scrolling on its own above the
    keypad (portrait) or beside it (landscape, shorter keys, still over 80 px)."""

    window = kiosk_window(qtbot, community_terminal, orientation)
    citizen = d.Citizen(qtbot, window)
    window.case.page_changed.connect(citizen.log.append)
    d.begin(citizen, "居住", d.RESIDENCE)
    d.card(community_terminal)
    citizen.at("form")
    journey = window.case
    view = journey.form_view
    assert view is not None
    view.set_values({"residence_address": "示例区幸福路8号3栋201"})
    citizen.go_to("residence_since")  # a date: the keypad is shown with it
    assert view.keypad.isVisible()
    assert_in_view(view.keypad.keys.values(), journey._holders[journey.form_page].viewport())
    assert all(key.height() >= 80 for key in view.keypad.keys.values())
    # "下一步" is pinned under the scrolling page, on screen above the finish bar (in the
    # header in landscape).
    footer = journey.form_page.footer
    assert footer.isAncestorOf(journey.form_next) and journey.form_next.isVisible()
    bottom = footer.mapTo(window, footer.rect().bottomLeft()).y()
    bar = window.finish_bar
    assert bottom <= (
        window.height()
        if orientation == "landscape"
        else bar.mapTo(window, bar.rect().topLeft()).y()
    )
    window.end_session("finish")


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_the_capture_panel_takes_the_page(
    qtbot: QtBot, themed: object, community_terminal: Terminal, orientation: str
) -> None:
    """While a material is photographed, the list and the way on step aside: the preview and
    the three capture buttons are on screen without scrolling; done, the list is back."""

    window = kiosk_window(qtbot, community_terminal, orientation)
    citizen = d.Citizen(qtbot, window)
    window.case.page_changed.connect(citizen.log.append)
    d.begin(citizen, "生育", d.BIRTH)
    d.card(community_terminal)
    citizen.at("form")
    citizen.type_digits(citizen.field("expected_date").edit, "20270315")
    citizen.type_digits(citizen.go_to("phone").edit, "13900005678")
    citizen.finish_form()
    materials = window.case.materials_page
    citizen.tap(materials.capture_buttons["id_card"])
    viewport = window.case._holders[materials].viewport()
    assert_in_view((materials.retake, materials.shoot, materials.done), viewport)
    assert not materials.list_box.isVisible() and not materials.next.isVisible()
    citizen.tap(materials.shoot)
    qtbot.waitUntil(lambda: materials.done.isEnabled() and materials._pages == 1, timeout=20000)
    citizen.tap(materials.done)
    qtbot.waitUntil(lambda: not materials.panel.isVisible(), timeout=20000)
    assert materials.list_box.isVisible() and materials.next.isVisible()
    window.end_session("finish")
