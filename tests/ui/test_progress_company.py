"""进度查询 of a company's case (法人): the case number typed, the business licence's QR scanned
as the proof, at the real hub; a licence QR of another format gets its own clear refusal."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_progress import open_progress, type_digits, wait_page

from contract import models as m
from kiosk.api.client import new_idempotency_key
from ui.main_window import KioskWindow

if TYPE_CHECKING:
    from conftest import Hall

FOOD = "XK00405003-990101-SJ"  # 食品经营许可: companies only
USCC = "91320102MA1N8UJK25"
LICENCE = f"http://www.gsxt.gov.cn/index.html?uniscid={USCC}"


def submit_company_case(hall: Hall) -> m.CaseReceipt:
    codes = ("application", "authorisation", "licence", "layout", "safety_rules")
    materials = [
        m.MaterialDeclaration(
            code=code, name=code, sha256=hashlib.sha256(code.encode()).hexdigest(), size=len(code)
        )
        for code in codes
    ]
    request = m.CaseCreate(
        item_code=FOOD,
        applicant=m.Person(name="李经办", id_number="11010519491231002X"),
        identity_source=m.IdentitySource.ID_CARD,
        company=m.Company(uscc=USCC, name="示例餐饮管理有限公司", legal_representative="王大明"),
        form={"main_format": "热食类食品制售", "phone": "13800138000"},
        materials=materials,
        channel=m.Channel.HALL,
    )
    return hall.terminal.client.create_case(request, idempotency_key=new_idempotency_key())


def test_a_licence_qr_proves_the_companys_case(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    window = hall_window
    receipt = submit_company_case(hall)
    hall.show_qr(LICENCE)  # the licence held up to the camera: the company's code is the proof
    open_progress(qtbot, window)
    journey = window.progress
    qtbot.waitUntil(lambda: "营业执照" in journey.proof_label.text(), timeout=10000)
    assert USCC not in journey.proof_label.text()  # shown masked
    assert not journey.last6_field.isVisible()
    type_digits(qtbot, window, journey.case_field, receipt.case_number.removeprefix("YM"))
    assert journey.search_button.isEnabled()
    qtbot.mouseClick(journey.search_button, Qt.MouseButton.LeftButton)
    wait_page(qtbot, window, "status_page")
    assert receipt.case_number in journey.summary_label.text()
    assert "已提交申请" in journey.timeline.texts
    assert journey.flow.uscc == ""  # the proof is dropped once the answer is in


def test_a_licence_qr_without_a_code_is_refused_clearly(
    qtbot: QtBot, hall: Hall, hall_window: KioskWindow
) -> None:
    hall.show_qr("http://www.gsxt.gov.cn/%7BF3A1B2C3D4E5%7D")  # a token, no code in it
    open_progress(qtbot, hall_window)
    wait_page(qtbot, hall_window, "refused_page")
    assert "没有统一社会信用代码" in hall_window.progress.refusal_title.text()
