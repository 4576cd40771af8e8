"""The web console in Debian's chromium: a manager signs in, reads a report's table and chart,
goes down from the district to a site's windows, and downloads the table as XLSX, which opens
in openpyxl with the figures the hub's report gives; a hall manager cannot open another hall."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from contract import models as m
from hub import managers, reports
from hub.embedded import EmbeddedHub
from hub.reports.export import shown
from hub.simulator import Day, simulate
from tests.e2e.browser import chromium
from tests.hub.conftest import FakeClock

MONDAY = date(2026, 3, 2)
PERIOD = "from=2026-03-01&to=2026-03-08"
PASSWORD = "correct-horse-1"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    clock = FakeClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
    server = EmbeddedHub(tmp_path_factory.mktemp("console"), clock=clock)
    server.start()
    try:
        simulate(server.base_url, server.admin_token, clock, [Day(MONDAY, 30)], seed=5)
        clock.set(datetime(2026, 3, 9, 1, tzinfo=UTC))
        managers.add_manager(server.context, "district", "区政务办", [], PASSWORD)
        managers.add_manager(server.context, "hall1", "王经理", ["community-1"], PASSWORD)
        yield server
    finally:
        server.stop()


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def browser(downloads: Path) -> Iterator[Any]:
    with chromium(downloads=downloads) as driver:
        yield driver


def sign_in(browser: Any, hub: EmbeddedHub, login: str, password: str = PASSWORD) -> None:
    browser.get(f"{hub.base_url}/console/")
    assert browser.current_url.endswith("/console/sign-in")  # sent to sign in first
    browser.find_element(By.ID, "login").send_keys(login)
    browser.find_element(By.ID, "password").send_keys(password)
    button = browser.find_element(By.ID, "sign-in")
    button.click()
    # The next page (the report, or the sign-in page again with its problem) has replaced this
    # one: a busy machine answers the form slowly, and this page has no header to find.
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(button))


def table_rows(browser: Any) -> list[list[str]]:
    return [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        for row in browser.find_elements(By.CSS_SELECTOR, "#report tbody tr")
    ]


def run(hub: EmbeddedHub, by: str, sites: set[str] | None = None) -> m.ReportTable:
    first, last = date(2026, 3, 1), date(2026, 3, 8)
    chosen = frozenset(sites) if sites else None
    return reports.run(hub.context, m.ReportName.QUEUE, first, last, m.Dimension(by), chosen)


def test_a_manager_reads_goes_down_to_the_windows_and_downloads(
    hub: EmbeddedHub, browser: Any, downloads: Path
) -> None:
    sign_in(browser, hub, "district")
    assert browser.find_element(By.TAG_NAME, "header").text.startswith("一门通 · 数据中心")
    browser.get(f"{hub.base_url}/console/reports/queue?{PERIOD}&by=site")
    sites = run(hub, "site")
    assert [row[0] for row in table_rows(browser)] == ["community-1", "hall"]
    bars = browser.find_elements(By.CSS_SELECTOR, "#chart rect.bar")
    widths = [browser.execute_script("return arguments[0].getBBox().width", b) for b in bars]
    p90 = [c.key for c in sites.columns].index("wait_p90")
    assert len(widths) == 2 and all(w > 0 for w in widths)  # the chart is drawn
    longer = widths[0] > widths[1]
    assert longer == (sites.rows[0][p90] > sites.rows[1][p90])  # type: ignore[operator]

    browser.find_element(By.LINK_TEXT, "hall").click()  # down to the hall's windows
    WebDriverWait(browser, 10).until(lambda b: "by=window" in b.current_url)
    windows = run(hub, "window", {"hall"})
    expected = [
        [shown(v, c) for v, c in zip(r, windows.columns, strict=True)] for r in windows.rows
    ]
    assert [row[1:] for row in table_rows(browser)] == [row[1:] for row in expected]
    assert browser.find_element(By.ID, "crumbs").text == "全区 › hall"

    browser.find_element(By.ID, "xlsx").click()
    name = "queue-window-2026-03-01-2026-03-08.xlsx"
    deadline = time.monotonic() + 15
    while not (downloads / name).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    sheet = load_workbook(downloads / name).active
    assert sheet is not None
    assert [list(r) for r in sheet.iter_rows(min_row=3, values_only=True)] == windows.rows


def test_a_hall_manager_cannot_open_another_hall(hub: EmbeddedHub, browser: Any) -> None:
    sign_in(browser, hub, "hall1")
    browser.get(f"{hub.base_url}/console/reports/queue?{PERIOD}&by=site")
    assert [row[0] for row in table_rows(browser)] == ["community-1"]
    assert "王经理（community-1）" in browser.find_element(By.TAG_NAME, "header").text
    browser.get(f"{hub.base_url}/console/reports/queue?{PERIOD}&by=window&site=hall")
    assert browser.find_element(By.ID, "problem").text == "您无权查看站点 hall 的数据。"
    assert not browser.find_elements(By.ID, "report")


def test_a_wrong_password_is_said_and_nothing_opens(hub: EmbeddedHub, browser: Any) -> None:
    sign_in(browser, hub, "district", "not-the-password")
    assert browser.find_element(By.ID, "problem").text == "账号或密码不正确。"
    browser.get(f"{hub.base_url}/console/reports/queue")
    assert browser.current_url.endswith("/console/sign-in")
