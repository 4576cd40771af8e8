"""The web console over HTTP: who may sign in and what each manager sees, the pages' tables
and charts against the reports themselves, the downloads, and bad input said on the page.

Two simulated days at two sites ("hall", "community-1") written through the hub's API; the
figures the pages show are compared with ``hub.reports.run`` (whose own figures are checked
against the simulation's log in test_hub_reports.py). Runs on PostgreSQL too."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from openpyxl import load_workbook

from contract import models as m
from hub import managers, reports
from hub.embedded import EmbeddedHub
from hub.reports.export import shown, to_csv
from hub.simulator import Day, simulate
from kiosk.cli import main
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg

MONDAY, TUESDAY = date(2026, 3, 2), date(2026, 3, 3)
PERIOD = {"from": "2026-03-01", "to": "2026-03-08"}
DISTRICT, HALL = ("district", "区政务办"), ("hall1", "王经理")
PASSWORD = "correct-horse-1"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    if PG_URL:
        _reset_pg(PG_URL)
    clock = FakeClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
    server = EmbeddedHub(tmp_path_factory.mktemp("console"), clock=clock, db_url=PG_URL)
    server.start()
    try:
        days = [Day(MONDAY, 30), Day(TUESDAY, 30, paused_windows=("W04",))]
        simulate(server.base_url, server.admin_token, clock, days, seed=11)
        clock.set(datetime(2026, 3, 9, 1, tzinfo=UTC))
        managers.add_manager(server.context, *DISTRICT, [], PASSWORD)
        managers.add_manager(server.context, *HALL, ["community-1"], PASSWORD)
        yield server
    finally:
        server.stop()


def signed_in(hub: EmbeddedHub, login: str) -> httpx.Client:
    client = httpx.Client(base_url=hub.base_url, timeout=30)
    answer = client.post("/console/sign-in", data={"login": login, "password": PASSWORD})
    assert answer.status_code == 303 and answer.headers["location"] == "/console/reports/queue"
    return client


@pytest.fixture
def district(hub: EmbeddedHub) -> Iterator[httpx.Client]:
    client = signed_in(hub, DISTRICT[0])
    yield client
    client.close()


@pytest.fixture
def hall_manager(hub: EmbeddedHub) -> Iterator[httpx.Client]:
    client = signed_in(hub, HALL[0])
    yield client
    client.close()


class Page(HTMLParser):
    """What a test reads of a page: the report table's cells, the chart's bars, the links."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.bars: list[str] = []
        self.links: dict[str, str] = {}  # id or class -> href (the first of each)
        self.drills: list[str] = []
        self.problem = ""
        self._cell: list[str] | None = None
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._in.append(a.get("id") or a.get("class") or tag)
        if tag == "tr" and "tbody" in self._stack():
            self.rows.append([])
        if tag == "td":
            self._cell = []
        if tag == "rect" and a.get("class") == "bar":
            self.bars.append(a.get("data-value") or "")
        if tag == "a" and a.get("href"):
            key = a.get("id") or a.get("class") or ""
            self.links.setdefault(key, a["href"] or "")
            if a.get("class") == "drill":
                self.drills.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        if self._in:
            self._in.pop()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._in and self._in[-1] == "problem":
            self.problem += data

    def _stack(self) -> list[str]:
        return self._in


def page_of(client: httpx.Client, name: str, **query: str) -> tuple[int, Page]:
    answer = client.get(f"/console/reports/{name}", params={**PERIOD, **query})
    assert answer.headers["content-type"].startswith("text/html")
    return answer.status_code, Page(answer.text)


def report(hub: EmbeddedHub, name: str, by: str, sites: set[str] | None = None) -> m.ReportTable:
    first, last = (date.fromisoformat(PERIOD[k]) for k in ("from", "to"))
    return reports.run(
        hub.context, m.ReportName(name), first, last, m.Dimension(by),
        frozenset(sites) if sites else None,
    )  # fmt: skip


def shown_rows(table: m.ReportTable) -> list[list[str]]:
    """The cells after the key as the page writes them."""
    columns = table.columns[1:]
    return [[shown(v, c) for v, c in zip(r[1:], columns, strict=True)] for r in table.rows]


# -- signing in -------------------------------------------------------------------------------


def test_every_page_and_download_asks_to_sign_in_first(hub: EmbeddedHub) -> None:
    with httpx.Client(base_url=hub.base_url) as anyone:
        for path in ("/console/reports/queue", "/console/reports/queue.xlsx", "/console/"):
            answer = anyone.get(path, follow_redirects=True)
            assert answer.url.path == "/console/sign-in", path
            assert 'id="password"' in answer.text


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(hub: EmbeddedHub) -> None:
    with httpx.Client(base_url=hub.base_url) as anyone:
        wrong = anyone.post("/console/sign-in", data={"login": "district", "password": "nope"})
        unknown = anyone.post("/console/sign-in", data={"login": "nobody", "password": PASSWORD})
        for answer in (wrong, unknown):
            assert answer.status_code == 401 and "set-cookie" not in answer.headers
            assert Page(answer.text).problem == "账号或密码不正确。"
        assert 'value="district"' in wrong.text  # the login stays typed in


def test_the_session_cookie_is_private_and_signing_out_ends_it(hub: EmbeddedHub) -> None:
    # The first report keeps the finished days (a second or more on a busy machine).
    client = httpx.Client(base_url=hub.base_url, timeout=30)
    answer = client.post("/console/sign-in", data={"login": "district", "password": PASSWORD})
    cookie = client.cookies["yimen_console"]
    attributes = answer.headers["set-cookie"].lower()
    assert "httponly" in attributes and "samesite=strict" in attributes
    assert "path=/console" in attributes
    assert client.get("/console/reports/queue").status_code == 200
    client.post("/console/sign-out")
    with httpx.Client(base_url=hub.base_url, cookies={"yimen_console": cookie}) as old:
        assert old.get("/console/reports/queue").headers["location"] == "/console/sign-in"
    client.close()


def test_a_new_password_signs_the_old_sessions_out(hub: EmbeddedHub) -> None:
    client = signed_in(hub, DISTRICT[0])
    managers.add_manager(hub.context, *DISTRICT, [], PASSWORD)  # reset by the engineer
    assert client.get("/console/reports/queue").status_code == 303
    client.close()


def test_guessing_from_one_address_is_stopped_for_a_while(tmp_path: Path) -> None:
    clock = FakeClock()
    with (
        EmbeddedHub(tmp_path, clock=clock) as server,
        httpx.Client(base_url=server.base_url) as guesser,
    ):
        managers.add_manager(server.context, "district", "区政务办", [], PASSWORD)

        def attempt(password: str) -> int:
            form = {"login": "district", "password": password}
            return guesser.post("/console/sign-in", data=form).status_code

        assert [attempt(f"guess-{n}") for n in range(10)] == [401] * 10
        assert attempt(PASSWORD) == 429  # even the right one, until the window has passed
        clock.advance(minutes=16)
        assert attempt(PASSWORD) == 303


# -- what each manager sees ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["queue", "ratings"])
def test_the_table_and_the_chart_show_the_reports_figures(
    hub: EmbeddedHub, district: httpx.Client, name: str
) -> None:
    status, page = page_of(district, name, by="site")
    table = report(hub, name, "site")
    assert status == 200 and table.rows, name
    assert [row[1:] for row in page.rows] == shown_rows(table)
    assert [row[0] for row in page.rows] == [str(r[0]) for r in table.rows]
    charted = {"queue": "wait_p90", "ratings": "good_rate"}[name]
    n = [c.key for c in table.columns].index(charted)
    drawn = [float(v) if v else None for v in page.bars]
    assert drawn == [None if r[n] is None else float(r[n]) for r in table.rows]  # type: ignore[arg-type]


def test_a_columns_heading_charts_that_column(hub: EmbeddedHub, district: httpx.Client) -> None:
    status, page = page_of(district, "queue", by="day", chart="issued")
    table = report(hub, "queue", "day")
    issued = [c.key for c in table.columns].index("issued")
    assert status == 200 and len(page.bars) == len(table.rows) == 8  # every day, empty too
    assert [float(v) for v in page.bars] == [float(r[issued]) for r in table.rows]  # type: ignore[arg-type]


def test_a_site_leads_down_to_its_windows(hub: EmbeddedHub, district: httpx.Client) -> None:
    _, page = page_of(district, "queue", by="site")
    assert len(page.drills) == 2
    hall = next(link for link in page.drills if link.endswith("site=hall"))
    answer = district.get(hall)
    windows = Page(answer.text)
    expected = report(hub, "queue", "window", {"hall"})
    assert answer.status_code == 200 and "by=window" in hall
    assert [row[1:] for row in windows.rows] == shown_rows(expected)
    assert "区政务办" in answer.text and 'id="crumbs"' in answer.text


def test_a_hall_manager_sees_only_their_site(
    hub: EmbeddedHub, hall_manager: httpx.Client, district: httpx.Client
) -> None:
    _, everything = page_of(district, "queue", by="site")
    _, theirs = page_of(hall_manager, "queue", by="site")
    assert [row[0] for row in everything.rows] == ["community-1", "hall"]
    assert [row[0] for row in theirs.rows] == ["community-1"]
    _, total = page_of(hall_manager, "queue", by="all")
    assert [row[1:] for row in total.rows] == shown_rows(
        report(hub, "queue", "all", {"community-1"})
    )
    for path in ("/console/reports/queue", "/console/reports/queue.csv"):
        answer = hall_manager.get(path, params={**PERIOD, "by": "window", "site": "hall"})
        assert answer.status_code == 403
        assert Page(answer.text).problem == "您无权查看站点 hall 的数据。"


# -- downloads --------------------------------------------------------------------------------


def test_the_downloads_are_the_table_on_the_page(hub: EmbeddedHub, district: httpx.Client) -> None:
    _, page = page_of(district, "ratings", by="hour")
    table = report(hub, "ratings", "hour")
    csv_answer = district.get(page.links["csv"])
    assert csv_answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert "ratings-hour-2026-03-01-2026-03-08.csv" in csv_answer.headers["content-disposition"]
    assert csv_answer.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert csv_answer.content.decode("utf-8-sig") == to_csv(table)
    assert len(list(csv.reader(io.StringIO(to_csv(table))))) == len(table.rows) + 1
    xlsx = district.get(page.links["xlsx"])
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert cells == [[None if v is None else v for v in row] for row in table.rows]


# -- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status", "problem"),
    [
        ({"from": "2026-03-08", "to": "2026-03-01"}, 422, "结束日期早于开始日期。"),
        ({"from": "2026-02-30"}, 422, "日期应写作 年-月-日，例如 2026-11-01。"),
        ({"by": "colour"}, 422, "没有这种统计维度。"),
        ({"from": "1999-12-31"}, 422, "统计日期须在 2000-01-01 至 2099-12-31 之间。"),
    ],
)
def test_bad_choices_are_said_on_the_page(
    district: httpx.Client, query: dict[str, str], status: int, problem: str
) -> None:
    answer = district.get("/console/reports/queue", params={**PERIOD, **query})
    assert answer.status_code == status and Page(answer.text).problem == problem
    assert 'id="from"' in answer.text  # the form is still there to put it right


def test_a_report_that_has_no_such_rows_says_so(district: httpx.Client) -> None:
    status, page = page_of(district, "cases", by="window")
    assert status == 422 and "窗口" in page.problem
    assert district.get("/console/reports/colour").status_code == 404
    assert district.get("/console/reports/queue.pdf", params=PERIOD).status_code == 404


def test_a_period_with_nothing_in_it_is_an_empty_page(district: httpx.Client) -> None:
    answer = district.get(
        "/console/reports/queue", params={"from": "2025-01-01", "to": "2025-01-31", "by": "site"}
    )
    assert answer.status_code == 200 and 'id="empty"' in answer.text


def test_the_pages_are_whole_without_anything_from_outside(district: httpx.Client) -> None:
    text = district.get("/console/reports/queue", params={**PERIOD, "by": "day"}).text
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "<script" not in text and "<svg" in text


# -- the engineer's commands ------------------------------------------------------------------


def test_managers_are_added_and_removed_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    add = ["hub", "add-manager", "--data-dir", str(tmp_path)]
    assert main([*add, "hall2", "--name", "李经理", "--site", "hall-02"]) == 0
    out = capsys.readouterr().out
    assert "hall2 may sign in at /console and sees sites hall-02." in out
    password = re.search(r"password: (\S+)", out)
    assert password is not None and len(password.group(1)) >= 12
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main([*add, "hall3", "--name", "x", "--password-stdin"]) == 2
    assert "at least 10 characters" in capsys.readouterr().err
    assert main([*add, "Hall Two", "--name", "x"]) == 2
    assert "login 'Hall Two'" in capsys.readouterr().err
    assert main(["hub", "remove-manager", "--data-dir", str(tmp_path), "hall2"]) == 0
    assert main(["hub", "remove-manager", "--data-dir", str(tmp_path), "hall2"]) == 1
    assert "There is no manager 'hall2'." in capsys.readouterr().err


def test_the_performance_page_gives_the_bulletin_of_the_managers_sites(
    hub: EmbeddedHub, district: httpx.Client, hall_manager: httpx.Client, tmp_path: Path
) -> None:
    month = {"from": "2026-03-01", "to": "2026-03-31", "by": "site"}
    texts = {}
    for who, client in (("district", district), ("hall", hall_manager)):
        answer = client.get("/console/reports/performance", params=month)
        assert answer.status_code == 200, Page(answer.text).problem
        pdf = client.get(Page(answer.text).links["bulletin"])
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.headers["content-disposition"].startswith("attachment;")
        path = tmp_path / f"{who}.pdf"
        path.write_bytes(pdf.content)
        done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True)
        texts[who] = done.stdout.decode()
    assert "2026年3月" in texts["district"]
    assert "hall" in texts["district"].replace("community-1", "")
    assert "community-1" in texts["hall"] and "hall" not in texts["hall"].replace("community-1", "")
