"""好差评 of a case: offered on its receipt page ("评价本次服务": the applicant's data wiped, the
rating opened in a fresh session), and later from home with its printed receipt's QR — the case
submitted through the case journey, the receipt printed as ESC/POS bytes and its QR decoded
back, shown to the (simulated) camera; the provisional receipt of an offline submission;
receipts the hub does not know, forged ones (the right number, not the printed code) and old
ones without a code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import case_driver as d
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import text as sql

from contract import models as m
from contract.payloads import case_tracking_code, classify, new_receipt_code
from drivers.camera.camera import CameraWorker
from drivers.printer.render import render_escpos
from kiosk.app import Terminal
from kiosk.journeys.rating.flow import receipt_ref
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

WAIT = 20000


def submit_birth_case(
    qtbot: QtBot, terminal: Terminal, *, hub: Any = None, leave: bool = True
) -> tuple[Any, str]:
    """A citizen applies for 生育登记 through the case journey (the hub stopped at 提交 when
    ``hub`` is given); returns the citizen and the QR decoded from the printed bytes, having
    tapped "完成" (unless ``leave`` is False: still on the receipt page)."""
    citizen = d.birth_case_to_review(qtbot, terminal)
    journey = citizen.journey
    if hub is not None:
        hub.stop()
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None
    printed = journey.printer.printed_dir / f"receipt-{receipt.number}.bin"
    job = render_escpos(printed.read_bytes(), journey.printer.profile.paper)
    assert len(job.qr_payloads) == 1
    qr = job.qr_payloads[0]
    # What a camera will read off the paper: number, check character and the receipt code.
    assert qr == case_tracking_code(receipt.number, receipt.verification_code)
    assert classify(qr, now=0).receipt_code == receipt.verification_code
    terminal.devices.sim_reader.remove_card()  # type: ignore[union-attr]
    if leave:
        citizen.tap(journey.receipt_page.done)
        qtbot.waitUntil(lambda: citizen.window.stack.currentWidget() is citizen.window.home)
    return citizen, qr


def show_qr(terminal: Terminal, text: str, cameras: list[CameraWorker]) -> None:
    old = terminal.devices.camera
    terminal.devices.camera = CameraWorker("sim:" + text)
    cameras.append(terminal.devices.camera)
    if old is not None:
        old.stop()


def open_rating(qtbot: QtBot, window: KioskWindow, page: str) -> None:
    qtbot.mouseClick(window.home.tiles["rating"], Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, page)


def wait_page(qtbot: QtBot, window: KioskWindow, name: str) -> None:
    journey = window.rating
    target = getattr(journey, name)
    qtbot.waitUntil(lambda: journey.currentWidget() is target, timeout=WAIT)


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def shown_texts(window: KioskWindow) -> str:
    return " ".join(w.text() for w in window.rating.findChildren(QLabel) if w.isVisible())


def forged(qr: str) -> str:
    """The same receipt QR with a made-up code: what someone who knows the number can print."""
    number, check, code = qr.split(":")[2:]
    guess = new_receipt_code()
    while guess == code:
        guess = new_receipt_code()
    return f"YM1:C:{number}:{check}:{guess}"


def evaluations(hub: Any, case_number: str) -> list[tuple[str, int]]:
    with hub.context.engine.connect() as db:
        rows = db.execute(
            sql(
                "SELECT e.subject_type, e.level FROM evaluations e"
                " JOIN cases c ON c.case_id = e.subject_id WHERE c.case_number = :n"
            ),
            {"n": case_number},
        )
        return [(kind, level) for kind, level in rows]


def test_rate_a_case_from_home_with_its_printed_receipt(
    qtbot: QtBot, themed: object, hub_outside: Any, terminal_on_outside_hub: Terminal
) -> None:
    terminal = terminal_on_outside_hub
    cameras: list[CameraWorker] = []
    try:
        citizen, qr = submit_birth_case(qtbot, terminal)
        window = citizen.window
        number = qr.split(":")[2]
        assert not number.startswith("HALL-K01-")  # the hub's number, not a provisional one

        # Someone who knows the number (they are sequential) prints a QR with a made-up code:
        # refused as an unknown case, and nothing is stored in the citizen's place.
        show_qr(terminal, forged(qr), cameras)
        open_rating(qtbot, window, "refused_page")
        journey = window.rating
        assert journey.refusal_title.text() == "未找到该办件"
        assert number not in shown_texts(window)
        assert evaluations(hub_outside, number) == []
        click(qtbot, window.finish_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

        # Later, from home: 好差评, the receipt held up to the camera.
        show_qr(terminal, qr, cameras)
        open_rating(qtbot, window, "rate_page")
        assert number in journey.subject_label.text()
        assert journey.item_label.text() == "办理事项：生育登记服务"
        shown = shown_texts(window)
        for private in ("张示例", "张*例", d.ID_NUMBER, d.ID_NUMBER[-4:], "13900005678"):
            assert private not in shown  # a rating shows no personal data
        assert journey.picker.checked_levels == [] and not journey.submit_button.isEnabled()
        click(qtbot, journey.picker.level_buttons[m.Rating.SATISFIED])
        click(qtbot, journey.submit_button)
        wait_page(qtbot, window, "thanks_page")
        assert evaluations(hub_outside, number) == [("case", int(m.Rating.SATISFIED))]
        click(qtbot, journey.thanks_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

        # The same receipt again (a new session): one evaluation per case.
        open_rating(qtbot, window, "refused_page")
        assert journey.refusal_title.text() == "该办件已评价过"
        assert evaluations(hub_outside, number) == [("case", int(m.Rating.SATISFIED))]
    finally:
        for camera in cameras:
            camera.stop()


def test_a_provisional_receipt_is_rated_once_its_case_is_uploaded(
    qtbot: QtBot, themed: object, hub_outside: Any, terminal_on_outside_hub: Terminal
) -> None:
    terminal = terminal_on_outside_hub
    assert terminal.cases is not None
    outbox = terminal.cases.service.outbox
    cameras: list[CameraWorker] = []
    try:
        citizen, qr = submit_birth_case(qtbot, terminal, hub=hub_outside, leave=False)
        window = citizen.window
        provisional = qr.split(":")[2]
        assert provisional.startswith("HALL-K01-")

        # "评价本次服务" on the provisional receipt: the same answer as scanning it would give.
        journey = window.rating
        citizen.tap(citizen.journey.receipt_page.rate)
        wait_page(qtbot, window, "refused_page")
        assert journey.refusal_title.text() == "办件尚未上传，暂不能评价"
        assert citizen.journey.receipt is None  # the applicant's journey is over
        click(qtbot, window.finish_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

        # Still offline: the case is in this terminal's outbox, not at the hub yet.
        show_qr(terminal, qr, cameras)
        open_rating(qtbot, window, "refused_page")
        assert journey.refusal_title.text() == "办件尚未上传，暂不能评价"
        assert "再扫描此回执即可评价" in journey.refusal_label.text()
        click(qtbot, window.finish_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

        # The hub is back and the outbox delivers the case: the same receipt now rates it.
        hub_outside.start()
        terminal.cases.service.sender.notify()
        found = outbox.find_provisional(provisional)
        assert found is not None
        entry = found.entry_id
        qtbot.waitUntil(lambda: outbox.receipt(entry).case_number is not None, timeout=60000)
        number = outbox.receipt(entry).case_number
        assert number is not None and number != provisional
        open_rating(qtbot, window, "rate_page")
        assert number in journey.subject_label.text()  # the hub's number, shown as such
        assert journey.item_label.text() == "办理事项：生育登记服务"
        click(qtbot, journey.picker.level_buttons[m.Rating.VERY_UNSATISFIED])
        click(qtbot, journey.picker.reason_buttons[m.BadReason.SYSTEM])
        click(qtbot, journey.submit_button)
        wait_page(qtbot, window, "thanks_page")
        assert evaluations(hub_outside, number) == [("case", int(m.Rating.VERY_UNSATISFIED))]
    finally:
        for camera in cameras:
            camera.stop()


def test_rate_this_service_from_the_receipt_page(
    qtbot: QtBot, themed: object, hub_outside: Any, terminal_on_outside_hub: Terminal
) -> None:
    """ "评价本次服务" ends the case journey as "完成" would (the applicant's data goes) and
    opens 好差评 for that case in a fresh session: case number and item name, nothing else."""
    from test_idle_wipe_identity import NEEDLES, all_texts, holds

    terminal = terminal_on_outside_hub
    cameras: list[CameraWorker] = []
    try:
        citizen, qr = submit_birth_case(qtbot, terminal, leave=False)
        window, case = citizen.window, citizen.journey
        receipt = case.receipt
        assert receipt is not None and not receipt.provisional
        number = receipt.number
        page = case.receipt_page
        assert page.rate.isVisible() and page.done.isVisible()
        ended: list[str] = []
        window.session_ended.connect(ended.append)
        before, draft = window.session, case.draft
        assert draft is not None and before.held["case"] is case.flow and holds(draft)
        pages = [m.pdf for m in draft.materials.values()]  # in memory, until the session ends
        assert pages and all(page.startswith(b"%PDF-") for page in pages)

        citizen.tap(page.rate)
        rating = window.rating
        wait_page(qtbot, window, "rate_page")
        assert ended == ["rate"] and window.session is not before
        assert window.stack.currentWidget() is rating and window.finish_bar.isVisible()
        # Wiped exactly as on finish: no draft, no receipt, no pages, no text anywhere.
        assert case.draft is None and case.receipt is None
        assert before.ended and not before.holds_personal_data
        assert holds(draft) == [] and not draft.materials and draft.applicant is None
        d.assert_no_plain_pages(terminal.data_dir)
        private = (*NEEDLES, "13900005678", "139****5678")
        texts = " ".join(all_texts(window))
        assert not [p for p in private if p in texts]
        assert holds(case.flow) == [] and holds(rating.flow) == []
        assert number in rating.subject_label.text()
        assert rating.item_label.text() == "办理事项：生育登记服务"
        assert rating.picker.checked_levels == [] and not rating.submit_button.isEnabled()

        click(qtbot, rating.picker.level_buttons[m.Rating.VERY_SATISFIED])
        click(qtbot, rating.submit_button)
        wait_page(qtbot, window, "thanks_page")
        assert evaluations(hub_outside, number) == [("case", int(m.Rating.VERY_SATISFIED))]
        click(qtbot, rating.thanks_button)
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)

        # The printed receipt, from home later: the same case, rated once.
        show_qr(terminal, qr, cameras)
        open_rating(qtbot, window, "refused_page")
        assert rating.refusal_title.text() == "该办件已评价过"
    finally:
        for camera in cameras:
            camera.stop()


def test_an_old_receipt_without_a_code_is_told_it_cannot_be_rated_by_scan(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    """Receipts printed before codes existed: still read for progress, not accepted for 好差评."""
    from test_progress import submit_case

    created = submit_case(hall)  # a case without a code (a counter or an older terminal)
    hall.show_qr(case_tracking_code(created.case_number))
    open_rating(qtbot, hall_window, "refused_page")
    journey = hall_window.rating
    assert journey.refusal_title.text() == "这张回执不能扫码评价"
    assert "服务台" in journey.refusal_label.text()
    assert evaluations(hall.hub, created.case_number) == []


def test_receipts_the_hub_does_not_know(qtbot: QtBot, hall: Hall, hall_window: KioskWindow) -> None:
    window = hall_window
    journey = window.rating
    # A provisional receipt another terminal printed: only that terminal knows its case.
    code = new_receipt_code()
    hall.show_qr(case_tracking_code("HALL-K09-20260302-0003", code))
    open_rating(qtbot, window, "refused_page")
    assert journey.refusal_title.text() == "临时编号的回执暂不能在此评价"
    assert "当时办理的那台自助机" in journey.refusal_label.text()  # plain words, not 终端
    click(qtbot, window.finish_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home, timeout=5000)
    # A well-formed hub number the hub never issued.
    hall.show_qr(case_tracking_code("YM202603029999990", code))
    open_rating(qtbot, window, "refused_page")
    assert journey.refusal_title.text() == "未找到该办件"


def test_a_case_created_at_the_hub_is_rated_from_its_receipt_qr(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    """The receipt's QR as the receipt code prints it, for a case made through the client."""
    from test_progress import submit_case

    code = new_receipt_code()
    created = submit_case(hall, receipt_code=code)
    hall.show_qr(case_tracking_code(created.case_number, code))  # a receipt's QR
    open_rating(qtbot, hall_window, "rate_page")
    journey = hall_window.rating
    assert created.case_number in journey.subject_label.text()
    assert created.item_name in journey.item_label.text()
    click(qtbot, journey.picker.level_buttons[m.Rating.BASIC])
    click(qtbot, journey.submit_button)
    wait_page(qtbot, hall_window, "thanks_page")
    assert hall.terminal.client.case_to_rate(receipt_ref(created.case_number, code)).evaluated


def test_case_receipt_rating_in_english_and_stretched(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    from PySide6.QtCore import QCoreApplication
    from test_checkin import unclipped, untranslated
    from test_progress import submit_case

    from ui.stretch import StretchTranslator

    window = hall_window
    code = new_receipt_code()
    created = submit_case(hall, receipt_code=code)
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    hall.show_qr(case_tracking_code(created.case_number, code))
    open_rating(qtbot, window, "rate_page")
    assert window.rating.item_label.text() == (
        "Service: Joining basic pension insurance (urban and rural residents)"
    )
    assert not untranslated(window)
    unclipped(window, "English rating levels")  # long English levels still fit the width
    window.end_session("finish")  # a new session starts in Chinese again
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    hall.show_qr(case_tracking_code("HALL-K09-20260302-0003", code))
    open_rating(qtbot, window, "refused_page")
    assert not untranslated(window)
    window.end_session("finish")
    qtbot.mouseClick(window.home.language_button, Qt.MouseButton.LeftButton)
    hall.show_qr(case_tracking_code(created.case_number))  # printed before receipt codes
    open_rating(qtbot, window, "refused_page")
    assert not untranslated(window)
    window.end_session("finish")

    app = QCoreApplication.instance()
    assert app is not None
    stretch = StretchTranslator()
    app.installTranslator(stretch)
    try:
        window._build_screens()
        hall.show_qr("hello")
        open_rating(qtbot, window, "refused_page")
        window.end_session("finish")
        qtbot.mouseClick(window.home.tiles["rating"], Qt.MouseButton.LeftButton)
        wait_page(qtbot, window, "scan_page")
        unclipped(window, "rating scan page")
        window.end_session("finish")
        hall.show_qr(case_tracking_code(created.case_number, code))
        open_rating(qtbot, window, "rate_page")
        unclipped(window, "rating a case from its receipt")
        window.end_session("finish")
        hall.show_qr(case_tracking_code(created.case_number))
        open_rating(qtbot, window, "refused_page")
        unclipped(window, "old receipt without a code refused")
        window.end_session("finish")
        hall.show_qr(case_tracking_code("HALL-K09-20260302-0004", code))
        open_rating(qtbot, window, "refused_page")
        unclipped(window, "provisional receipt refused")
    finally:
        app.removeTranslator(stretch)


def test_rating_from_a_receipt_keeps_the_citizens_language_and_elder_mode(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    """The same person is still at the screen: the fresh session keeps the look they chose."""
    from test_progress import submit_case

    from kiosk.journeys.rating.flow import receipt_subject

    window = hall_window
    code = new_receipt_code()
    created = submit_case(hall, receipt_code=code)
    click(qtbot, window.home.language_button)
    click(qtbot, window.home.elder_button)
    window.open_journey("case")
    before = window.session
    window.case.rate_case_requested.emit(receipt_subject(created.case_number, code))
    wait_page(qtbot, window, "rate_page")
    assert window.session is not before
    assert (window.session.locale, window.session.elder_mode) == ("en", True)
    assert window.rating.subject_label.text().startswith("Case number: ")
    window.end_session("finish")  # an ordinary end still restores the default look
    assert (window.session.locale, window.session.elder_mode) == ("zh_CN", False)
