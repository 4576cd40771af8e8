"""进度查询 end to end: a case created and moved through its life cycle at the real hub (by the
kiosk and a counter terminal), then looked up with the receipt QR, the card or the keypad."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from screen_checks import assert_in_view, kiosk_window

from contract import models as m
from contract.payloads import case_tracking_code
from drivers.idcard.samples import sample_resident
from kiosk.api.client import new_idempotency_key
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

CARD = sample_resident()  # 张示例, 11010519491231002X (fictional)
ITEM = "GG00123001-990101-RS"
PDF = b"%PDF-1.4 a scanned ID card\n"


def submit_case(hall: Hall, receipt_code: str | None = None) -> m.CaseReceipt:
    request = m.CaseCreate(
        item_code=ITEM,
        applicant=m.Person(name="张示例", id_number=CARD.id_number or ""),
        form={"phone": "13800000000", "grade": "500元"},
        materials=[
            m.MaterialDeclaration(
                code="id_card",
                name="居民身份证",
                sha256=hashlib.sha256(PDF).hexdigest(),
                size=len(PDF),
            )
        ],
        delivery=m.DeliveryMethod.ELECTRONIC,
        receipt_code=receipt_code,
    )
    client = hall.terminal.client
    receipt = client.create_case(request, idempotency_key=new_idempotency_key())
    client.upload_material(receipt.case_id, "id_card", PDF)
    return receipt


def live_through(hall: Hall, case_id: str) -> None:
    """Supplement asked and given, accepted, processed, finished, sent by EMS."""
    A = m.CaseAction
    deadline = hall.clock().date() + timedelta(days=10)
    for step in (
        m.CaseTransition(
            action=A.REQUEST_SUPPLEMENT,
            reason="缴费档次证明不清晰",
            materials=["缴费档次确认书", "户口簿本人页"],
            deadline=deadline,
        ),
        m.CaseTransition(action=A.SUPPLEMENT),
        m.CaseTransition(action=A.ACCEPT),
        m.CaseTransition(action=A.PROCESS),
        m.CaseTransition(action=A.FINISH, result_code="approved", certificate_number="CB-0001"),
        m.CaseTransition(action=A.DELIVER, delivery=m.DeliveryMethod.EMS, waybill="EA123456789CN"),
    ):
        hall.counter.transition_case(case_id, step)


def open_progress(qtbot: QtBot, window: KioskWindow) -> None:
    qtbot.mouseClick(window.home.tiles["progress"], Qt.MouseButton.LeftButton)
    journey = window.progress
    qtbot.waitUntil(lambda: journey.currentWidget() is journey.collect_page, timeout=5000)


def wait_page(qtbot: QtBot, window: KioskWindow, name: str) -> None:
    journey = window.progress
    page = getattr(journey, name)
    qtbot.waitUntil(lambda: journey.currentWidget() is page, timeout=20000)


def type_digits(qtbot: QtBot, window: KioskWindow, field: object, text: str) -> None:
    journey = window.progress
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # the keypad now types here
    for char in text:
        qtbot.mouseClick(journey.keypad.keys[char], Qt.MouseButton.LeftButton)


def test_receipt_qr_and_card_show_the_whole_timeline(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    receipt = submit_case(hall)
    live_through(hall, receipt.case_id)
    hall.show_qr(case_tracking_code(receipt.case_number))
    open_progress(qtbot, window)
    journey = window.progress
    qtbot.waitUntil(lambda: journey.case_field.text() == receipt.case_number, timeout=20000)
    assert journey.currentWidget() is journey.collect_page  # no proof yet: nothing shown
    hall.place_card(CARD)
    wait_page(qtbot, window, "status_page")

    texts = "\n".join(journey.timeline.texts)
    for expected in (
        "已提交申请",
        "需要补正材料",
        "缴费档次确认书、户口簿本人页",
        "已受理",
        "办理中",
        "已办结",
        "办理结果：准予",  # the window's code in plain words, not "approved"
        "CB-0001",
        "已送达",
        "邮寄送达",
        "EA123456789CN",
    ):
        assert expected in texts, expected
    summary = journey.summary_label.text()
    assert receipt.case_number in summary and "张*" in summary and "张示例" not in summary
    assert journey.flow.id_number is None  # the proof was dropped once the hub answered
    assert window.session.identity is None
    hall.remove_card()
    qtbot.mouseClick(journey.done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.timeline.texts == [] and journey.flow.status is None


def test_a_receipt_qr_with_its_code_shows_the_timeline_at_once(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    receipt = submit_case(hall, receipt_code="K7Q2M9XD")
    hall.show_qr(case_tracking_code(receipt.case_number, "K7Q2M9XD"))
    open_progress(qtbot, window)
    wait_page(qtbot, window, "status_page")  # the printed receipt in hand is the proof
    journey = window.progress
    assert receipt.case_number in journey.summary_label.text()
    assert "已提交申请" in journey.timeline.texts
    assert journey.flow.receipt_code == "" and window.session.identity is None


def test_typed_number_and_last_six(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    window = hall_window
    receipt = submit_case(hall)
    open_progress(qtbot, window)
    journey = window.progress
    # The number's letters are shown before the field: the citizen types the digits after them.
    assert journey.case_prefix.text() == "YM" and journey.case_prefix.isVisible()
    type_digits(qtbot, window, journey.case_field, receipt.case_number.removeprefix("YM"))
    assert journey.keypad.keys["C"].text() == "清空"  # a case number has no X
    assert not journey.search_button.isEnabled()  # no proof yet
    type_digits(qtbot, window, journey.last6_field, (CARD.id_number or "")[-6:])
    assert journey.keypad.keys["C"].text() == "X"  # an ID number's last six may end in X
    assert journey.search_button.isEnabled()
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "status_page")
    assert "已提交申请" in journey.timeline.texts
    assert journey.last6_field.text() == ""


def test_a_wrong_last_six_shows_nothing(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    window = hall_window
    receipt = submit_case(hall)
    open_progress(qtbot, window)
    journey = window.progress
    type_digits(qtbot, window, journey.case_field, receipt.case_number.removeprefix("YM"))
    type_digits(qtbot, window, journey.last6_field, "123456")
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "refused_page")
    assert "不正确" in journey.refusal_title.text()
    assert journey.flow.status is None and journey.timeline.texts == []
    # "重新查询" starts over with empty fields.
    qtbot.mouseClick(journey.retry_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "collect_page")
    assert journey.case_field.text() == "" and journey.last6_field.text() == ""


def test_a_qr_that_is_no_receipt(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    hall.show_qr("https://example.org/not-a-receipt")
    open_progress(qtbot, hall_window)
    wait_page(qtbot, hall_window, "refused_page")
    assert "不是受理回执" in hall_window.progress.refusal_title.text()


def test_the_card_alone_lists_the_citizens_cases(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    older = submit_case(hall)
    live_through(hall, older.case_id)
    hall.clock.advance(minutes=5)
    newer = submit_case(hall)
    qtbot.waitUntil(lambda: window.voice.available, timeout=5000)
    open_progress(qtbot, window)
    journey = window.progress
    hall.place_card(CARD)
    wait_page(qtbot, window, "list_page")
    assert window.voice.spoken[-1] == "请选择要查看的办件"  # each step is spoken
    texts = [b.text() for b in journey.case_buttons]
    assert len(texts) == 2
    assert newer.case_number in texts[0] and "已提交申请" in texts[0]  # newest first
    assert older.case_number in texts[1] and "已送达" in texts[1]
    assert journey.flow.id_number is None and window.session.identity is None
    hall.remove_card()

    qtbot.mouseClick(journey.case_buttons[1], Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "status_page")
    assert "EA123456789CN" in "\n".join(journey.timeline.texts)
    assert window.voice.spoken[-1] == "办理进度：已送达"  # where the case is now, said
    assert journey.to_list_button.isVisible()
    qtbot.mouseClick(journey.to_list_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "list_page")
    qtbot.mouseClick(journey.list_done_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    assert journey.case_buttons == [] and journey.flow.cases == []


def test_a_card_without_cases_is_told_so(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    open_progress(qtbot, hall_window)
    hall.place_card(CARD)
    wait_page(qtbot, hall_window, "refused_page")
    assert "没有查到您的办件" in hall_window.progress.refusal_title.text()


def test_one_case_by_card_is_shown_at_once(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    receipt = submit_case(hall)
    open_progress(qtbot, hall_window)
    hall.place_card(CARD)
    wait_page(qtbot, hall_window, "status_page")
    journey = hall_window.progress
    assert receipt.case_number in journey.summary_label.text()
    assert not journey.to_list_button.isVisible()


def test_progress_in_english_and_stretched(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from PySide6.QtCore import QCoreApplication
    from test_checkin import unclipped, untranslated

    from ui.stretch import StretchTranslator

    window = hall_window
    receipt = submit_case(hall)
    live_through(hall, receipt.case_id)
    # The case's own data (masked name, what staff wrote) is the hub's, in Chinese; the item is
    # named in the catalog's English.
    data = (
        "张*例",
        "缴费档次证明不清晰",
        "缴费档次确认书",
        "户口簿本人页",
    )
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    open_progress(qtbot, window)
    assert not untranslated(window)
    journey = window.progress
    type_digits(qtbot, window, journey.case_field, receipt.case_number.removeprefix("YM"))
    type_digits(qtbot, window, journey.last6_field, (CARD.id_number or "")[-6:])
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "status_page")
    assert not untranslated(window, data)
    assert "Joining basic pension insurance (urban and rural residents)" in (
        journey.summary_label.text()
    )
    assert "EMS waybill: EA123456789CN" in journey.timeline.texts
    window.end_session("finish")

    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window._build_screens()
        open_progress(qtbot, window)
        unclipped(window, "progress entry")
        journey = window.progress
        type_digits(qtbot, window, journey.case_field, receipt.case_number.removeprefix("YM"))
        type_digits(qtbot, window, journey.last6_field, (CARD.id_number or "")[-6:])
        qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
        wait_page(qtbot, window, "status_page")
        unclipped(window, "progress timeline")
    finally:
        app.removeTranslator(stretch)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_landscape_keypad_and_search_need_no_scrolling(
    qtbot: QtBot, hall: Hall, language: str
) -> None:
    """On a landscape screen the keypad stands beside the fields and "查询" under them: every
    key and both buttons are on screen without scrolling."""

    window = kiosk_window(qtbot, hall.terminal, "landscape")
    if language == "en":
        window.home.language_button.click()
    open_progress(qtbot, window)
    journey = window.progress
    page = journey.collect_page
    buttons = (journey.search_button, window.finish_button)
    assert_in_view((*journey.keypad.keys.values(), *buttons), page)
    window.end_session("finish")


def test_a_complaint_slips_qr_shows_its_status(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    """投诉建议: the reference alone (printed as the slip's QR) shows where it stands."""
    complaint = m.ComplaintCreate(
        kind=m.ComplaintKind.SUGGESTION, about=m.ComplaintAbout.HALL, text="建议增加座位。"
    )
    receipt = hall.terminal.client.submit_complaint(complaint, idempotency_key="slip")
    window = hall_window
    hall.show_qr(receipt.reference)
    open_progress(qtbot, window)
    wait_page(qtbot, window, "status_page")
    journey = window.progress
    assert receipt.reference in journey.summary_label.text()
    assert "建议" in journey.summary_label.text()
    assert "已收到，等待转交12345" in journey.timeline.texts
    assert "建议增加座位。" not in journey.timeline.texts


def test_a_complaints_reference_typed_on_the_keypad(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    """The slip's TS number typed: 查投诉建议 puts TS before the digits and asks no proof."""
    complaint = m.ComplaintCreate(
        kind=m.ComplaintKind.COMPLAINT, about=m.ComplaintAbout.WINDOW, subject="W01", text="慢"
    )
    receipt = hall.terminal.client.submit_complaint(complaint, idempotency_key="typed")
    window = hall_window
    open_progress(qtbot, window)
    journey = window.progress
    qtbot.mouseClick(journey.kind_buttons["complaint"], Qt.MouseButton.LeftButton)
    assert journey.case_prefix.text() == "TS" and not journey.last6_field.isVisible()
    type_digits(qtbot, window, journey.case_field, receipt.reference.removeprefix("TS")[:-1])
    assert not journey.search_button.isEnabled()  # one digit short
    type_digits(qtbot, window, journey.case_field, receipt.reference[-1])
    assert journey.search_button.isEnabled()
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "status_page")
    assert receipt.reference in journey.summary_label.text()
    assert "投诉" in journey.summary_label.text()
    assert "已收到，等待转交12345" in journey.timeline.texts

    # Another number: back to case numbers (YM, with a proof), as the page first offers them.
    qtbot.mouseClick(journey.again_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "collect_page")
    assert journey.case_prefix.text() == "YM" and journey.last6_field.isVisible()
    qtbot.mouseClick(journey.kind_buttons["complaint"], Qt.MouseButton.LeftButton)
    type_digits(qtbot, window, journey.case_field, "202603029999990")  # nobody's
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "refused_page")
    assert journey.refusal_title.text() == "未找到该投诉建议"
