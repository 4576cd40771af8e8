"""A company's case (法人) from the kiosk to acceptance at a window: the agent (经办人) proves who
they are with their own card on a real PC/SC stack (pcscd + vsmartcard-vpcd), the company's code
is typed wrong and caught at once, then read from the business licence's QR on the hall camera;
the case reaches the hub with the company as applicant, and a clerk accepts it at the counter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from case_ui import driver as d
from idcard_vpcd import SocialSecurityCard, VpcdSlot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from contract import models as m
from drivers.idcard import samples
from kiosk.app import Terminal, build_terminal, demo_settings
from kiosk.config import settings_from_dict
from ui.counter.window import CounterWindow
from ui.screens.case_company import NAME_FIELD, REPRESENTATIVE_FIELD, CompanyScreen
from ui.theme import apply_theme

pytestmark = pytest.mark.pcsc

FOOD = "XK00405003-990101-SJ"  # 食品经营许可: companies only
USCC = "91320102MA1N8UJK25"
LICENCE_QR = f"https://www.gsxt.gov.cn/index.html?uniscid={USCC}"


@pytest.fixture
def counter(tmp_path: Path) -> Iterator[Terminal]:
    """A window terminal (W01) with the hall's hub embedded."""
    raw = demo_settings("counter", data_dir=tmp_path / "counter", voice="mock").model_dump(
        mode="json"
    )
    raw["devices"].update(id_reader="none", camera="none")
    settings = settings_from_dict(raw, source="company case test (counter)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "counter-printed") as terminal:
        yield terminal


@pytest.fixture
def kiosk(tmp_path: Path, vpcd: VpcdSlot, counter: Terminal) -> Iterator[Terminal]:
    """A hall kiosk on the counter's hub: its reader vpcd's, its camera seeing the licence."""
    hub = counter.local_hub
    assert hub is not None
    token_file = tmp_path / "token"
    token_file.write_text(hub.register_terminal("HALL-K09"), encoding="utf-8")
    raw = demo_settings("hall", data_dir=tmp_path / "kiosk", voice="mock").model_dump(mode="json")
    raw["api"].update(base_url=hub.base_url, token_file=str(token_file))
    raw["devices"].update(id_reader="pcsc:Virtual PCD", camera="sim:" + LICENCE_QR)
    settings = settings_from_dict(raw, source="company case test (kiosk)", environ={})
    with build_terminal(settings, printed_dir=tmp_path / "kiosk-printed") as terminal:
        yield terminal


def test_a_companys_case_from_the_kiosk_to_acceptance_at_the_window(
    qtbot: QtBot,
    qapp: QApplication,
    vpcd: VpcdSlot,
    kiosk: Terminal,
    counter: Terminal,
    sign_in_clerk: Callable[..., None],
) -> None:
    apply_theme(qapp)
    citizen = d.open(qtbot, kiosk)
    journey = citizen.journey
    citizen.tap(citizen.window.home.tiles["case"])
    citizen.at("finding")
    citizen.type_text(journey.find_page.search, "食品经营")
    qtbot.waitUntil(lambda: FOOD in journey.find_page.result_buttons, timeout=d.WAIT)
    citizen.tap(journey.find_page.result_buttons[FOOD])
    citizen.at("guide")
    assert journey.guide_page.apply.isEnabled()  # offered at the kiosk
    citizen.tap(journey.guide_page.apply)
    citizen.at("identifying")

    agent = samples.sample_social_security()
    vpcd.insert(SocialSecurityCard(agent))  # the agent's own card, read over PC/SC
    citizen.at("company")
    page = journey.company_page
    assert page.shown_screen is CompanyScreen.CODE  # companies only: no "for myself"
    assert journey.draft.applicant.source is m.IdentitySource.SOCIAL_SECURITY_CARD
    citizen.type_text(page.code_edit, USCC[:-1] + "6")  # one character mistyped
    assert "校验位" in page.code_check.text()  # caught as it is typed
    citizen.tap(page.next)
    assert page.shown_screen is CompanyScreen.CODE and citizen.log[-1] == "company"
    citizen.tap(page.scan_button)  # the licence's QR to the hall camera
    qtbot.waitUntil(lambda: page.shown_screen is CompanyScreen.NAMES, timeout=d.WAIT)
    assert page.code_edit.text() == USCC and page.entry.from_licence
    names = page.names
    assert names is not None
    citizen.tap(page.next)  # nothing typed yet: said next to the fields
    assert page.shown_screen is CompanyScreen.NAMES
    citizen.type_text(names.fields[NAME_FIELD].edit, "示例餐饮管理有限公司")
    citizen.type_text(names.fields[REPRESENTATIVE_FIELD].edit, "王大明")
    citizen.tap(page.next)
    citizen.at("form")
    assert journey.draft.company == m.Company(
        uscc=USCC, name="示例餐饮管理有限公司", legal_representative="王大明"
    )
    citizen.choose("main_format", "热食类食品制售")
    citizen.type_digits(citizen.go_to("phone").edit, "13800001234")
    citizen.finish_form()
    materials = journey.materials_page
    citizen.tap(materials.next)  # the authorisation letter is needed for a company's case
    assert "授权委托书" in materials.missing.text()
    for spec in journey.draft.item.materials:
        d.capture(citizen, spec.code)
    citizen.tap(materials.next)
    citizen.at("delivery")
    citizen.tap(journey.delivery_page.method_buttons[m.DeliveryMethod.PICKUP])
    citizen.tap(journey.delivery_page.next)
    citizen.tap(journey.delivery_page.next)  # the phone number
    citizen.at("review")
    review = journey.review_page.shown_text()
    assert "申请单位：示例餐饮管理有限公司（9132**********JK25）" in review
    assert "经办人：张*例（1101**********002X）" in review and USCC not in review
    d.submit(citizen)
    receipt = journey.receipt
    assert receipt is not None and not receipt.provisional
    assert receipt.company_name == "示例餐饮管理有限公司"
    citizen.window.end_session("finish")
    vpcd.remove()

    assert counter.counter is not None
    window = CounterWindow(counter.counter, counter.settings.terminal.hall_name)
    qtbot.addWidget(window)
    try:
        window.show()
        sign_in_clerk(qtbot, window)
        window.open_workbench(receipt.number)
        bench = window.workbench
        qtbot.waitUntil(lambda: bench.case is not None, timeout=10000)
        summary = bench.summary.text()
        assert "申请单位：示例餐饮管理有限公司" in summary
        assert f"统一社会信用代码：{USCC}" in summary and "法定代表人：王大明" in summary
        assert "经办人：" in summary and "已核验" in summary  # the card-proven agent
        assert "申请人：" not in summary
        qtbot.mouseClick(bench.all_ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "✓" in bench.materials.item(0).text(), timeout=10000)
        qtbot.mouseClick(bench.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: bench.case is not None and bench.case.state is m.CaseState.ACCEPTED,
            timeout=10000,
        )
        assert bench.case is not None and bench.case.company is not None
        assert bench.case.company.name == "示例餐饮管理有限公司"
    finally:
        window.refresh_timer.stop()
