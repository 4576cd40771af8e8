"""The acceptance workbench in the window terminal, clicked through over a real hub on loopback:
from "call next" to "accepted, notice sent to the printer" for a kiosk-submitted case in a few
clicks (the count is the issue's figure), the material shown page by page, the citizen's card
unmasking them, a 补正 listing every ticked material, a case another clerk holds."""

from __future__ import annotations

import hashlib
import io
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from contract import models as m
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.counter.desk import CounterDesk
from ui.counter.window import CounterWindow

APPLICANT = m.Person(name="李四", id_number="11010519491231002X")
WAIT = 10000


def two_page_pdf() -> bytes:
    """A material as the kiosk's document camera makes one: JPEG pages in a PDF (Pillow)."""
    pages = [Image.new("RGB", (620, 877), colour) for colour in ("white", "lightyellow")]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=75)
    return out.getvalue()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # Monday 09:30 in Beijing
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self.now


class Clicks:
    """The clerk's clicks and keys, counted (the issue asks for six or fewer)."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot, self.count = qtbot, 0

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        self.count += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())

    def key(self, widget: QWidget, key: Qt.Key) -> None:
        self.count += 1
        self.qtbot.keyClick(widget, key)


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[EmbeddedHub]:
    with EmbeddedHub(tmp_path / "hub", clock=Clock()) as server:
        yield server


@pytest.fixture
def kiosk(hub: EmbeddedHub) -> Iterator[HubClient]:
    with HubClient(hub.base_url, token=hub.register_terminal("KIOSK-01")) as client:
        yield client


@pytest.fixture
def open_window(
    qtbot: QtBot, hub: EmbeddedHub, sign_in_clerk: Callable[..., None]
) -> Callable[[str, str], CounterWindow]:
    """A window terminal at window ``code`` with clerk ``staff_no`` signed in."""

    def open_at(code: str, staff_no: str) -> CounterWindow:
        token = hub.register_terminal(f"WIN-{code}", mode=m.TerminalMode.COUNTER)
        client = HubClient(hub.base_url, token=token, retries=0)
        window = CounterWindow(CounterDesk(client, code), "示例区政务服务中心")
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        sign_in_clerk(qtbot, window, staff_no)
        return window

    return open_at


@pytest.fixture
def window(open_window: Callable[[str, str], CounterWindow]) -> Iterator[CounterWindow]:
    window = open_window("W01", "S001")
    yield window
    window.refresh_timer.stop()
    window.retry_timer.stop()
    window.desk.client.close()


@pytest.fixture
def submit(
    kiosk: HubClient, case_request: Callable[..., m.CaseCreate]
) -> Callable[[], m.CaseReceipt]:
    """A kiosk's 生育登记 case for APPLICANT, its two-page material uploaded."""

    def make() -> m.CaseReceipt:
        material = two_page_pdf()
        request = case_request(
            name=APPLICANT.name, id_number=APPLICANT.id_number, material=material
        )
        receipt = kiosk.create_case(request, idempotency_key=uuid.uuid4().hex)
        kiosk.upload_material(receipt.case_id, "id_card", material)
        return receipt

    return make


def printed_notices(window: CounterWindow) -> list[m.Notice]:
    notices: list[m.Notice] = []
    window.notice_printer = notices.append
    return notices


def test_from_call_next_to_accepted_and_notice_printed_in_four_clicks(
    qtbot: QtBot, window: CounterWindow, kiosk: HubClient, submit: Callable[[], m.CaseReceipt]
) -> None:
    receipt = submit()
    kiosk.issue_ticket(m.TicketIssueRequest(category_code="general", id_number=APPLICANT.id_number))
    notices = printed_notices(window)
    clerk = Clicks(qtbot)
    clerk.key(window, Qt.Key.Key_F1)  # call next: the citizen's cases appear beside them
    qtbot.waitUntil(lambda: window.citizen_cases.count() == 1, timeout=WAIT)
    bench = window.workbench
    cases = window.citizen_cases
    clerk.click(cases.viewport(), cases.visualItemRect(cases.item(0)).center())  # the case
    qtbot.waitUntil(lambda: bench.case is not None, timeout=WAIT)
    assert window.pages.currentWidget() is bench
    assert "李*" in bench.summary.text() and "李四" not in bench.summary.text()
    qtbot.waitUntil(lambda: bench.viewer.pages == 2, timeout=WAIT)  # its pages, on screen
    clerk.click(bench.all_ok_button)
    qtbot.waitUntil(lambda: "✓" in bench.materials.item(0).text(), timeout=WAIT)
    clerk.click(bench.accept_button)
    qtbot.waitUntil(lambda: len(notices) == 1, timeout=WAIT)
    assert clerk.count == 4  # the issue's goal: six or fewer
    assert (
        notices[0].kind is m.NoticeKind.ACCEPTANCE and notices[0].case_number == receipt.case_number
    )
    assert bench.case is not None and bench.case.state is m.CaseState.ACCEPTED
    assert "已受理" in bench.message.text() and not bench.accept_button.isEnabled()


def test_the_card_unmasks_and_a_supplement_lists_every_ticked_material(
    qtbot: QtBot, window: CounterWindow, submit: Callable[[], m.CaseReceipt]
) -> None:
    receipt = submit()
    notices = printed_notices(window)
    bench = window.workbench
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.pages.currentWidget() is bench
    bench.number.setText(receipt.case_number.lower())
    qtbot.keyClick(bench.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bench.case is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: bench.viewer.pages == 2, timeout=WAIT)
    qtbot.mouseClick(bench.viewer.next, Qt.MouseButton.LeftButton)
    assert bench.viewer.page == 1 and not bench.viewer.next.isEnabled()
    bench.card_read(m.CardAtWindow(id_number=APPLICANT.id_number, name="李四"))  # on the reader
    qtbot.waitUntil(lambda: "李四" in bench.summary.text(), timeout=WAIT)
    assert "13900139000" in bench.summary.text()
    bench.defective_reason.setText("复印件不清晰")
    qtbot.mouseClick(bench.defective_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不合格" in bench.materials.item(0).text(), timeout=WAIT)
    qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不合格" in bench.message.text(), timeout=WAIT)  # refused: 补正
    qtbot.mouseClick(bench.supplement_button, Qt.MouseButton.LeftButton)
    form = bench.supplement_form
    boxes = {box.text(): box for box, _reason, _spec in form.boxes}
    assert boxes["夫妻双方居民身份证"].isChecked()  # the defective one, already ticked
    assert boxes["结婚证"].isChecked()  # declared nowhere: missing
    qtbot.mouseClick(form.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(notices) == 1, timeout=WAIT)
    assert [line.name for line in notices[0].lines] == ["夫妻双方居民身份证", "结婚证"]
    assert notices[0].lines[0].reason == "复印件不清晰"
    assert bench.case is not None and bench.case.state is m.CaseState.SUPPLEMENT_REQUESTED


def test_a_case_another_clerk_holds_is_view_only(
    qtbot: QtBot,
    window: CounterWindow,
    submit: Callable[[], m.CaseReceipt],
    open_window: Callable[[str, str], CounterWindow],
) -> None:
    receipt = submit()
    window.open_workbench(receipt.case_number)
    qtbot.waitUntil(lambda: window.workbench.case is not None, timeout=WAIT)
    other = open_window("W02", "S002")
    try:
        other.open_workbench(receipt.case_number)
        qtbot.waitUntil(lambda: other.workbench.case is not None, timeout=WAIT)
        bench = other.workbench
        assert "S001" in bench.message.text()
        buttons: list[QPushButton] = [
            bench.accept_button,
            bench.supplement_button,
            bench.all_ok_button,
        ]
        assert not any(b.isEnabled() for b in buttons)
        qtbot.waitUntil(lambda: bench.viewer.pages == 2, timeout=WAIT)  # viewing stays possible
    finally:
        other.refresh_timer.stop()
        other.desk.client.close()


def test_the_notice_prints_and_a_printer_fault_keeps_it_for_reprint(
    qtbot: QtBot,
    window: CounterWindow,
    kiosk: HubClient,
    submit: Callable[[], m.CaseReceipt],
    tmp_path: Path,
) -> None:
    from drivers.printer.profile import PrinterProfile
    from kiosk.counter.notice_printing import NoticePrinting
    from kiosk.printing import TicketPrinter
    from ui.counter.notice_pdf import render_notice_pdf

    bench = window.workbench
    # An A4 queue on a CUPS that is not there (nothing listens on port 9): the notice is kept.
    broken = NoticePrinting.on_cups(
        "示例区政务服务中心", "notices", "127.0.0.1:9", render_pdf=render_notice_pdf, job_wait=5
    )
    window.attach_notice_printing(broken)
    for _ in range(2):
        receipt = submit()
        window.open_workbench(receipt.case_number)
        qtbot.waitUntil(
            lambda n=receipt.case_number: bench.case is not None and bench.case.case_number == n,
            timeout=WAIT,
        )
        qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "已保留" in bench.notice_line.text(), timeout=WAIT)
        bench.notice_line.clear()
    qtbot.waitUntil(lambda: bench.reprint_button.isVisible(), timeout=WAIT)
    assert "2" in bench.reprint_button.text() and len(broken.pending.kept) == 2
    # The slip printer works: a notice printed there says so, and no reprint is offered.
    printer = TicketPrinter("virtual", PrinterProfile(), tmp_path / "printed")
    window.attach_notice_printing(NoticePrinting("示例区政务服务中心", slip_printer=printer))
    receipt = submit()
    window.open_workbench(receipt.case_number)
    qtbot.waitUntil(
        lambda: bench.case is not None and bench.case.case_number == receipt.case_number,
        timeout=WAIT,
    )
    qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "告知书已打印" in bench.notice_line.text(), timeout=WAIT)
    assert list((tmp_path / "printed").glob("*.png"))


def test_a_receipt_held_to_the_counters_camera_opens_its_case(
    qtbot: QtBot, window: CounterWindow, submit: Callable[[], m.CaseReceipt], hub: EmbeddedHub
) -> None:
    from contract.payloads import case_tracking_url
    from drivers.camera.camera import CameraWorker

    receipt = submit()
    bench = window.workbench
    window.open_workbench()
    link = case_tracking_url(hub.base_url, receipt.case_number, "ABCD2345")  # the receipt's QR
    bench.set_camera(CameraWorker("sim:" + link))
    qtbot.mouseClick(bench.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.case is not None, timeout=WAIT)
    assert bench.case is not None and bench.case.case_number == receipt.case_number
    bench.set_camera(CameraWorker("sim:" + "https://example.com/not-a-receipt"))
    qtbot.mouseClick(bench.scan_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "不是受理回执" in bench.message.text(), timeout=WAIT)


def test_a_company_case_shows_the_company_and_its_agent_and_is_accepted(
    qtbot: QtBot, window: CounterWindow, kiosk: HubClient, tmp_path: Path
) -> None:
    """法人: the company (name, USCC, legal representative) and the agent (经办人) who came with
    their own card apart on the summary; acceptance as for anyone."""
    pdf = two_page_pdf()
    codes = ("application", "authorisation", "licence", "layout", "safety_rules")
    request = m.CaseCreate(
        item_code="XK00405003-990101-SJ",  # 食品经营许可: companies only
        applicant=APPLICANT,
        identity_source=m.IdentitySource.ID_CARD,
        company=m.Company(
            uscc="91320102ma1n8ujk25", name="示例餐饮管理有限公司", legal_representative="王大明"
        ),
        form={"main_format": "热食类食品制售", "phone": "13800138000"},
        materials=[
            m.MaterialDeclaration(
                code=code, name=code, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf)
            )
            for code in codes
        ],
        channel=m.Channel.HALL,
    )
    contents = dict.fromkeys(codes, pdf)
    receipt = kiosk.create_case_with_materials(request, contents, idempotency_key="company")
    notices = printed_notices(window)
    bench = window.workbench
    qtbot.keyClick(window, Qt.Key.Key_F11)
    bench.number.setText(receipt.case_number)
    qtbot.keyClick(bench.number, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bench.case is not None, timeout=WAIT)
    summary = bench.summary.text()
    assert "申请单位：示例餐饮管理有限公司" in summary
    assert "统一社会信用代码：91320102MA1N8UJK25" in summary  # upper-cased; card-proven agent
    assert "法定代表人：王大明" in summary
    assert "经办人：李四  11010519491231002X（已核验，请查验授权委托书）" in summary
    assert "申请人：" not in summary  # the agent is not taken for the applicant
    window.grab().save(str(tmp_path / "company-case.png"))
    qtbot.mouseClick(bench.all_ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "✓" in bench.materials.item(0).text(), timeout=WAIT)
    qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(notices) == 1, timeout=WAIT)
    assert bench.case is not None and bench.case.state is m.CaseState.ACCEPTED
    assert bench.case.company is not None and bench.case.company.name == "示例餐饮管理有限公司"
