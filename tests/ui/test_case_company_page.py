"""The company step's page on its own: for an item serving people too, whom the application is
for; a licence QR of another format, or none, told apart; the way back through its screens."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from contract.models import AUTHORISATION_MATERIAL, CatalogItem, IdentitySource
from drivers.camera.camera import CameraWorker
from kiosk.identity import Identity
from ui.bridge import BackgroundRunner
from ui.screens.case_company import CompanyPage, CompanyScreen

RECORDS = "GG00310004-990101-BDC"  # 不动产登记资料查询, made to serve companies too below
AGENT = Identity("张示例", "11010519491231002X", IdentitySource.ID_CARD)
USCC = "91320102MA1N8UJK25"


def both_kinds() -> CatalogItem:
    items = tomllib.loads(Path("config/catalog/items.toml").read_text("utf-8"))["items"]
    raw = next(i for i in items if i["code"] == RECORDS)
    optional = {"code": AUTHORISATION_MATERIAL, "name": "授权委托书", "required": False}
    return CatalogItem.model_validate(
        {
            **raw,
            "applicant_types": ["person", "company"],
            "materials": [*raw["materials"], optional],
        }
    )


class Camera:
    """What the hall camera sees: a simulated camera showing ``text`` (or none)."""

    def __init__(self) -> None:
        self.worker: CameraWorker | None = None

    def show(self, text: str) -> None:
        self.close()
        self.worker = CameraWorker("sim:" + text)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()

    def __call__(self) -> CameraWorker | None:
        return self.worker


@pytest.fixture
def camera() -> Iterator[Camera]:
    held = Camera()
    yield held
    held.close()


@pytest.fixture
def page(qtbot: QtBot, themed: QApplication, camera: Camera) -> CompanyPage:
    shown = CompanyPage(BackgroundRunner(), camera)
    qtbot.addWidget(shown)
    shown.resize(1080, 1400)
    shown.show()
    return shown


def test_whom_first_for_an_item_serving_people_and_companies(
    qtbot: QtBot, page: CompanyPage
) -> None:
    entered: list[object] = []
    said: list[str] = []
    page.entered.connect(entered.append)
    page.say.connect(said.append)
    page.begin(both_kinds(), AGENT, returning=False)
    assert page.shown_screen is CompanyScreen.WHOM
    assert said == []  # the journey says the page it opens: not twice
    assert page.for_self.isVisible() and not page.code_edit.isVisible()
    assert not page.next.isVisible()  # the two choices are the ways on
    page.for_self.click()
    assert entered == [None]  # the person applies for themselves
    page.begin(both_kinds(), AGENT, returning=False)
    page.for_company.click()
    assert page.shown_screen is CompanyScreen.CODE and page.code_edit.isVisible()
    assert said == [page.prompt()] and "统一社会信用代码" in said[0]
    assert page.go_back() is False and page.shown_screen is CompanyScreen.WHOM
    assert page.go_back() is True  # the journey's step before: the identity


def test_a_qr_that_is_no_licence_is_told_apart_and_a_licence_fills_the_code(
    qtbot: QtBot, page: CompanyPage, camera: Camera
) -> None:
    page.begin(both_kinds(), AGENT, returning=False)
    page.for_company.click()
    camera.show("https://example.co.uk/company/12345678")  # another country's register
    page.scan_button.click()
    qtbot.waitUntil(lambda: "不是营业执照" in page.status.text(), timeout=20000)
    assert page.shown_screen is CompanyScreen.CODE and page.code_edit.text() == ""
    camera.show(f"https://www.gsxt.gov.cn/index.html?uniscid={USCC}")
    page.scan_button.click()
    qtbot.waitUntil(lambda: page.shown_screen is CompanyScreen.NAMES, timeout=20000)
    assert page.code_edit.text() == USCC and not page.status.isVisible()
    assert page.go_back() is False and page.shown_screen is CompanyScreen.CODE


def test_a_code_is_checked_as_it_is_typed(qtbot: QtBot, page: CompanyPage) -> None:
    page.begin(both_kinds(), AGENT, returning=False)
    page.for_company.click()
    page.code_edit.setText("")
    qtbot.keyClicks(page.code_edit, "9132")
    assert page.code_check.text() == ""  # still short: no fault while typing
    page.next.click()
    assert "还差 14 位" in page.code_check.text()
    qtbot.keyClicks(page.code_edit, "o")  # the letter O, never in a code (typed lower case)
    assert page.code_edit.text() == "9132O"
    assert "不含 I、O、S、V、Z" in page.code_check.text()
