"""The performance bulletin (绩效考评通报) as PDF, read back with poppler: the title with the month,
every site in the performance report's order with its figures, the sites without data last, the
font embedded and subsetted, the table's heading on every page; over HTTP with the admin token,
and from ``kiosk report performance --pdf``; a wrong month refused, a month without data a
bulletin that says so, a missing Chinese font one sentence naming what to install."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.auth import register_terminal
from hub.embedded import EmbeddedHub
from hub.reports import fonts
from hub.reports.bulletin import wrap
from hub.sim_year import district_layout, simulate_model, write_log
from hub.simulator import Day
from kiosk.cli import main
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg

HALLS = [f"hall-{n:02d}" for n in range(1, 4)]
POINTS = [f"community-{n:02d}" for n in range(1, 58)]  # 60 sites: more than a page
IDLE = "community-idle"  # a point with a kiosk and nobody coming
NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
TITLE = "政务服务绩效考评通报（2026年11月）"
URL = "/api/v1/reports/performance/bulletin"
ISSUER = "示例区政务服务管理办公室"


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    """Three days in October and three in November at 60 sites, and a point nobody visits."""
    for tool in ("pdftotext", "pdfinfo", "pdffonts"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: install poppler-utils (make apt)")
    if PG_URL:
        _reset_pg(PG_URL)
    clock = FakeClock(datetime(2026, 12, 3, 2, tzinfo=UTC))
    hub = EmbeddedHub(tmp_path_factory.mktemp("bulletin"), clock=clock, db_url=PG_URL)
    hub.start()
    try:
        ctx = hub.context
        layout = district_layout(ctx, HALLS, POINTS)
        days = [Day(date(2026, 10, 12) + timedelta(days=n), 360) for n in range(3)]
        days += [Day(date(2026, 11, 9) + timedelta(days=n), 360) for n in range(3)]
        write_log(ctx, simulate_model(layout, days, sites=HALLS + POINTS, seed=7, rate_share=0.5))
        idle = m.TerminalRegistration(terminal_id="kiosk-idle", site_code=IDLE)
        register_terminal(ctx, idle)
        reports.keep_finished_days(ctx, date(2026, 10, 1), NOVEMBER[1])
        yield hub
    finally:
        hub.stop()


def get(hub: EmbeddedHub, query: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.get(f"{hub.base_url}{URL}?{query}", headers=headers, timeout=120)


def poppler(tool: str, pdf: Path, *options: str) -> str:
    to_stdout = ["-"] if tool == "pdftotext" else []
    done = subprocess.run([tool, *options, str(pdf), *to_stdout], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert found is not None
    return int(found[1])


def table_lines(text: str) -> list[list[str]]:
    """The ranking table's rows as printed (a rank or a dash, then a site code)."""
    site = r"(?:hall|community)-\w+|nowhere"
    return [
        line.split() for line in text.splitlines() if re.match(rf"\s*(\d+|—)\s+({site})\s", line)
    ]


def expected_lines(table: m.ReportTable, sites: set[str] | None = None) -> list[list[str]]:
    """The performance report's rows as the bulletin should print them, worked out here."""
    keys = [c.key for c in table.columns]
    kinds = {c.key: c.kind for c in table.columns}
    lines = []
    for row in table.rows:
        if row[1] is None or (sites is not None and row[0] not in sites):
            continue
        values = dict(zip(keys, row, strict=True))
        change = values["change"]
        assert isinstance(change, int | float | None)
        shown_change = (
            "—" if change is None
            else "持平" if change == 0
            else f"{'↑' if change > 0 else '↓'}{abs(change):.1f}"
        )  # fmt: skip
        indicators = []
        for key in keys[5:]:
            value = values[key]
            assert isinstance(value, int | float | None)
            indicators.append(
                "—" if value is None
                else f"{value * 100:.1f}%" if kinds[key] is m.ColumnKind.RATE
                else f"{value:.1f}"
            )  # fmt: skip
        score = values["score"]
        assert isinstance(score, float)
        lines.append([str(values["rank"]), str(row[0]), f"{score:.1f}", shown_change, *indicators])
    return lines


@pytest.fixture(scope="module")
def november(district: EmbeddedHub) -> m.ReportTable:
    return reports.run(district.context, m.ReportName.PERFORMANCE, *NOVEMBER, m.Dimension.SITE)


def test_the_bulletin_ranks_every_site_as_the_performance_report_does(
    district: EmbeddedHub, november: m.ReportTable, tmp_path: Path
) -> None:
    answer = get(district, "month=2026-11", district.admin_token)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    disposition = answer.headers["content-disposition"]
    assert 'filename="performance-bulletin-2026-11.pdf"' in disposition
    pdf = tmp_path / "bulletin.pdf"
    pdf.write_bytes(answer.content)

    text = poppler("pdftotext", pdf, "-layout")
    assert TITLE in text and "印发日期：2026年12月3日" in text
    assert "差评率：权重20%，越低越好" in text  # the weights in force, from the stored ones
    rows = table_lines(text)
    expected = expected_lines(november)
    assert len(expected) >= 50 and len({line[2] for line in expected}) > 10  # scores differ
    assert rows[: len(expected)] == expected  # rank order, every figure
    silent = sorted({IDLE} | {str(r[0]) for r in november.rows if r[1] is None})
    assert [row[1:3] for row in rows[len(expected) :]] == [[site, "无数据"] for site in silent]
    assert f"本月参加考评的大厅和站点共{len(expected)}个，另有{len(silent)}个本月无数据" in text

    fonts_listed = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts_listed and all(re.search(r"\byes\s+yes\s+yes\b", f) for f in fonts_listed)
    assert len(answer.content) < 200_000  # the font subsetted: the whole one is 16 MB

    count = pages(pdf)
    assert count >= 2
    for page in range(1, count + 1):
        on_page = poppler("pdftotext", pdf, "-layout", "-f", str(page), "-l", str(page))
        assert re.search(r"排名\s+大厅或站点\s+得分\s+较上月", on_page), f"page {page}"
        assert re.search(rf"第\s*{page}\s*页\s*/\s*共\s*{count}\s*页", on_page), f"page {page}"


def test_some_sites_keep_their_district_rank_on_fewer_pages(
    district: EmbeddedHub, november: m.ReportTable, tmp_path: Path
) -> None:
    wanted = {"hall-02", str(november.rows[-1][0]), "nowhere"}
    query = "&".join(f"site={site}" for site in sorted(wanted))
    answer = get(district, f"month=2026-11&{query}", district.admin_token)
    assert answer.status_code == 200, answer.text
    pdf = tmp_path / "some.pdf"
    pdf.write_bytes(answer.content)
    text = poppler("pdftotext", pdf, "-layout")
    rows = table_lines(text)
    expected = expected_lines(november, wanted)
    assert rows[: len(expected)] == expected and rows[-1][:3] == ["—", "nowhere", "无数据"]
    assert pages(pdf) == 1
    assert "排名为在全部" in text


def test_without_the_admin_token_no_bulletin(district: EmbeddedHub) -> None:
    assert get(district, "month=2026-11").status_code == 401
    assert get(district, "month=2026-11", "not-the-admin-token").status_code == 403


@pytest.mark.parametrize(
    ("month", "says"),
    [
        ("2026-13", "'2026-13' is not a month"),
        ("0000-01", "'0000-01' is not a month"),
        ("2026-1", "month"),
        ("November", "month"),
        ("1999-12", "Reports cover 2000-01-01 to 2099-12-31"),
        ("2100-01", "Reports cover 2000-01-01 to 2099-12-31"),
    ],
)
def test_a_wrong_month_is_a_problem(district: EmbeddedHub, month: str, says: str) -> None:
    answer = get(district, f"month={month}", district.admin_token)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == m.PROBLEM_MEDIA_TYPE
    problem = answer.json()
    assert problem["code"] == "validation_failed" and says in answer.text


def test_a_month_without_data_is_a_bulletin_saying_so(
    district: EmbeddedHub, tmp_path: Path
) -> None:
    answer = get(district, "month=2000-01", district.admin_token)  # no month before it either
    assert answer.status_code == 200, answer.text
    pdf = tmp_path / "empty.pdf"
    pdf.write_bytes(answer.content)
    text = poppler("pdftotext", pdf, "-layout")
    assert "政务服务绩效考评通报（2000年1月）" in text
    assert "本月无数据：61个大厅和站点本月均无可供考评的数据。" in text
    rows = table_lines(text)
    assert len(rows) == 61 and all(row[0] == "—" and row[2] == "无数据" for row in rows)


def test_a_hub_without_sites_has_a_bulletin_of_no_data(tmp_path: Path) -> None:
    # A hub of its own on SQLite: the ``hub`` fixture would empty the PostgreSQL database this
    # module's district lives in, under the tests that come after.
    with EmbeddedHub(tmp_path / "empty") as hub:
        answer = get(hub, "month=2026-11", hub.admin_token)
    assert answer.status_code == 200, answer.text
    pdf = tmp_path / "none.pdf"
    pdf.write_bytes(answer.content)
    assert "本月无数据：没有可供考评的大厅或站点。" in poppler("pdftotext", pdf, "-layout")


def test_the_command_writes_the_same_bulletin_under_its_issuer(
    district: EmbeddedHub,
    november: m.ReportTable,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = tmp_path / "cli.pdf"
    db = ["--db", district.db_url]
    assert main(["report", "performance", "--month", "2026-11", "--json", *db]) == 0  # by site
    assert m.ReportTable.model_validate_json(capsys.readouterr().out).rows == november.rows
    month = ["--month", "2026-11", "--bulletin-issuer", ISSUER]
    assert main(["report", "performance", *month, "--pdf", str(pdf), *db]) == 0
    text = poppler("pdftotext", pdf, "-layout")
    assert TITLE in text and ISSUER in text
    expected = expected_lines(november)
    assert table_lines(text)[: len(expected)] == expected


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--month", "2026-13"], "--month '2026-13' is not a month (YYYY-MM, such as 2026-11)."),
        (["--month", "1999-12"], "Reports cover 2000-01-01 to 2099-12-31."),
        (["--from", "2026-11-02", "--to", "2026-11-30"], "the bulletin is of a whole month"),
        (["--month", "2026-11", "--bulletin-font", "/nowhere/font.ttf"], "does not exist"),
    ],
)
def test_the_command_refuses_in_one_sentence(
    district: EmbeddedHub,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: list[str],
    says: str,
) -> None:
    pdf = tmp_path / "no.pdf"
    command = ["report", "performance", *options, "--pdf", str(pdf), "--db", district.db_url]
    assert main(command) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert not pdf.exists()


def test_a_font_without_chinese_names_what_to_set(
    district: EmbeddedHub, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    latin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if not Path(latin).exists():
        pytest.skip("fonts-dejavu-core is not installed")
    command = ["report", "performance", "--month", "2026-11", "--pdf", str(tmp_path / "x.pdf")]
    assert main([*command, "--bulletin-font", latin, "--db", district.db_url]) == 2
    assert "has no Chinese characters: name a .ttf, .otf or .ttc font" in capsys.readouterr().err
    settings = district.context.settings
    settings.bulletin_font = latin
    try:
        answer = get(district, "month=2026-11", district.admin_token)
    finally:
        settings.bulletin_font = None
    assert answer.status_code == 503 and "fonts-noto-cjk" in answer.json()["detail"]


def test_no_chinese_font_anywhere_says_what_to_install(
    district: EmbeddedHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fonts, "CANDIDATES", ())
    monkeypatch.setattr(fonts, "_fontconfig_choice", lambda: None)
    answer = get(district, "month=2026-11", district.admin_token)
    assert answer.status_code == 503
    assert answer.headers["content-type"] == m.PROBLEM_MEDIA_TYPE
    assert "install the Debian package fonts-noto-cjk" in answer.json()["title"]


def test_fontconfig_finds_a_chinese_font_where_the_known_paths_have_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    monkeypatch.setattr(fonts, "CANDIDATES", ("/nowhere/NotoSansCJK-Regular.ttc",))
    faces = fonts.chinese_font(None)
    assert fonts.face_with_chinese(faces.regular.path) == faces.regular


def test_the_simplified_chinese_face_of_noto_cjk_is_taken() -> None:
    noto = Path(fonts.CANDIDATES[0])
    if not noto.exists():
        pytest.skip("fonts-noto-cjk is not installed")
    faces = fonts.chinese_font(str(noto))
    assert faces.regular == fonts.Face(noto, 2)  # JP, KR, SC, TC, HK
    assert faces.bold == fonts.Face(noto.with_name("NotoSansCJK-Bold.ttc"), 2)


def test_chinese_text_is_broken_without_a_mark_starting_a_line_or_a_number_cut() -> None:
    def measure(text: Any) -> float:
        return float(len(text))

    assert wrap("甲乙丙丁，戊己", 4, measure) == ["甲乙丙", "丁，戊己"]
    assert wrap("等候时间为2026分钟", 7, measure) == ["等候时间为", "2026分钟"]
    assert wrap("权重（百分之三十）", 3, measure) == ["权重", "（百分", "之三", "十）"]
    assert wrap("一二三四五六", 4, measure, indent=2) == ["一二", "三四五六"]
