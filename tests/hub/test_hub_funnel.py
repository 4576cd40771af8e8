"""The funnel report against an independent computation from a known set of journey runs (sent
over HTTP by the kiosks) — a journey nobody finished (case), a step nobody reached, a day with
no runs (Wednesday), runs either side of the period and of a midnight, three kiosks on two
sites. Runs on PostgreSQL too (KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.cli import main
from tests.hub.test_hub_journey_runs import SITES, admin, register_kiosks, send

TZ = ZoneInfo("Asia/Shanghai")
FIRST, LAST = date(2026, 3, 2), date(2026, 3, 8)  # Monday to Sunday
WEDNESDAY = date(2026, 3, 4)
D = m.Dimension
J = m.JourneyName
R = m.RunOutcome


@dataclass(frozen=True)
class Sent:
    """A run as a kiosk sent it, with the kiosk (the independent computation's input)."""

    terminal: str
    run: m.JourneyRun

    @property
    def local(self) -> datetime:
        return self.run.started_hour.astimezone(TZ)


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def run(
    journey: J, steps: str, outcome: m.RunOutcome, when: datetime, ended_at: str = ""
) -> m.JourneyRun:
    reached = steps.split()
    return m.JourneyRun(
        journey=journey,
        steps=reached,
        ended_at=ended_at or reached[-1],
        outcome=outcome,
        started_hour=when,
    )


MON, TUE, THU = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 5)
RUNS = [
    # Monday at the hall: tickets taken, one given up at the choice, one failed.
    Sent("K1", run(J.TICKET, "choosing issuing showing", R.FINISHED, at(MON, 9))),
    Sent("K1", run(J.TICKET, "choosing issuing showing", R.FINISHED, at(MON, 9))),
    Sent("K1", run(J.TICKET, "choosing", R.GAVE_UP, at(MON, 10))),
    Sent("K2", run(J.TICKET, "choosing identifying issuing failed", R.FAILED, at(MON, 10))),
    # A real-name ticket: back from identifying to the choice, then given up there.
    Sent(
        "K2",
        run(J.TICKET, "choosing identifying", R.GAVE_UP, at(MON, 11), ended_at="choosing"),
    ),
    # Just after midnight: Monday in the hall, Sunday in UTC.
    Sent("K1", run(J.TICKET, "choosing issuing showing", R.FINISHED, at(MON, 0))),
    # Cases: nobody finished one.
    Sent("K1", run(J.CASE, "finding guide identifying form", R.GAVE_UP, at(MON, 14))),
    Sent(
        "K2",
        run(
            J.CASE,
            "finding guide identifying form materials delivery review",
            R.TIMED_OUT,
            at(TUE, 15),
        ),
    ),
    Sent(
        "S1",
        run(
            J.CASE,
            "finding guide identifying form materials delivery review storing failed",
            R.FAILED,
            at(TUE, 15),
        ),
    ),
    Sent("S1", run(J.CASE, "finding", R.TIMED_OUT, at(THU, 8))),
    # Check-in at the street and the hall.
    Sent("S1", run(J.CHECKIN, "waiting checking showing", R.FINISHED, at(TUE, 9))),
    Sent("S1", run(J.CHECKIN, "waiting checking refused", R.FAILED, at(THU, 9))),
    Sent("K1", run(J.CHECKIN, "waiting", R.TIMED_OUT, at(THU, 16))),
    # A rating offered after a case: it starts at checking (nobody scanned).
    Sent("K2", run(J.RATING, "checking rating submitting thanked", R.FINISHED, at(THU, 11))),
    Sent("K2", run(J.TICKET, "choosing issuing showing", R.FINISHED, at(THU, 11))),
    # Outside the period: the Sunday before (hall time) and the Monday after.
    Sent("K1", run(J.PROGRESS, "collecting looking showing", R.FINISHED, at(date(2026, 3, 1), 23))),
    Sent("K1", run(J.TICKET, "choosing", R.GAVE_UP, at(date(2026, 3, 9), 9))),
]


# -- the independent computation -------------------------------------------------------------


def key_of(sent: Sent, by: m.Dimension) -> Any:
    local = sent.local
    return {
        D.ALL: "all",
        D.SITE: SITES[sent.terminal],
        D.TERMINAL: sent.terminal,
        D.DAY: local.date().isoformat(),
        D.HOUR: local.hour,
        D.WEEKDAY: local.isoweekday(),
    }[by]


def expected(sent: list[Sent], by: m.Dimension, first: date, last: date) -> list[list[Any]]:
    """The funnel's rows worked out from the runs themselves, one loop per cell."""
    inside = [s for s in sent if first <= s.local.date() <= last]
    journeys = [j for j in J if any(s.run.journey is j for s in inside)]
    keys = {key_of(s, by) for s in inside}
    if by is D.DAY:
        keys |= {(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)}
    rows = []
    for key in sorted(keys):
        for journey in journeys:
            mine = [s.run for s in inside if key_of(s, by) == key and s.run.journey is journey]
            for step in m.JOURNEY_STEPS[journey].steps:
                reached = sum(1 for r in mine if step in r.steps)
                ends = [
                    sum(1 for r in mine if r.ended_at == step and r.outcome is outcome)
                    for outcome in (R.GAVE_UP, R.TIMED_OUT, R.FAILED, R.FINISHED)
                ]
                share = round(reached / len(mine), 4) if mine else None
                rows.append([key, journey.value, step, reached, share, *ends])
    return rows


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def tokens(hub: EmbeddedHub) -> dict[str, str]:
    return register_kiosks(hub)


@pytest.fixture
def funnel_hub(hub: EmbeddedHub, tokens: dict[str, str]) -> Iterator[EmbeddedHub]:
    for terminal, token in tokens.items():
        received = send(hub, token, [s.run for s in RUNS if s.terminal == terminal])
        assert received.runs == sum(1 for s in RUNS if s.terminal == terminal)
        assert not received.repeated
    yield hub


def rows_of(hub: EmbeddedHub, by: m.Dimension, sites: frozenset[str] | None = None) -> Any:
    return reports.run(hub.context, m.ReportName.FUNNEL, FIRST, LAST, by, sites).rows


# -- the report ------------------------------------------------------------------------------


@pytest.mark.parametrize("by", [D.ALL, D.SITE, D.TERMINAL, D.DAY, D.HOUR, D.WEEKDAY])
def test_the_funnel_matches_the_runs(funnel_hub: EmbeddedHub, by: m.Dimension) -> None:
    assert rows_of(funnel_hub, by) == expected(RUNS, by, FIRST, LAST)


def test_what_the_funnel_says_of_the_known_runs(funnel_hub: EmbeddedHub) -> None:
    table = reports.run(funnel_hub.context, m.ReportName.FUNNEL, FIRST, LAST, D.ALL)
    assert [c.key for c in table.columns] == [
        "all", "journey", "step", "reached", "reached_rate",
        "gave_up", "timed_out", "failed", "finished",
    ]  # fmt: skip
    rows = {(r[1], r[2]): r[3:] for r in table.rows}
    # Steps in journey order, not alphabetical; journeys in home's order; none without runs.
    assert [r[2] for r in table.rows if r[1] == "ticket"] == [
        "choosing", "identifying", "issuing", "showing", "failed",
    ]  # fmt: skip
    assert list(dict.fromkeys(r[1] for r in table.rows)) == ["ticket", "case", "checkin", "rating"]
    # Seven tickets started in the week (the Monday after and the Sunday before are out).
    assert rows[("ticket", "choosing")] == [7, 1.0, 2, 0, 0, 0]
    assert rows[("ticket", "showing")] == [4, round(4 / 7, 4), 0, 0, 0, 4]
    assert rows[("ticket", "failed")] == [1, round(1 / 7, 4), 0, 0, 1, 0]
    # Nobody finished a case; nobody reached its receipt.
    assert rows[("case", "receipt")] == [0, 0.0, 0, 0, 0, 0]
    assert sum(r[8] for r in table.rows if r[1] == "case") == 0
    assert rows[("case", "review")][:2] == [2, 0.5] and rows[("case", "review")][3] == 1
    # The rating offered after a case never scanned: started at checking.
    assert rows[("rating", "scanning")] == [0, 0.0, 0, 0, 0, 0]
    assert rows[("rating", "thanked")] == [1, 1.0, 0, 0, 0, 1]
    # Every run ends once: the ends of a journey add up to its starts.
    for journey, started in (("ticket", 7), ("case", 4), ("checkin", 3), ("rating", 1)):
        assert sum(sum(r[5:]) for r in table.rows if r[1] == journey) == started


def test_a_day_with_no_runs_reads_zero(funnel_hub: EmbeddedHub) -> None:
    wednesday = [r for r in rows_of(funnel_hub, D.DAY) if r[0] == WEDNESDAY.isoformat()]
    journeys = (J.TICKET, J.CASE, J.CHECKIN, J.RATING)  # those with runs in the week
    assert len(wednesday) == sum(len(m.JOURNEY_STEPS[j].steps) for j in journeys)
    assert len(wednesday) == len([r for r in rows_of(funnel_hub, D.DAY) if r[0] == "2026-03-02"])
    assert all(r[3:] == [0, None, 0, 0, 0, 0] for r in wednesday)
    monday = {(r[1], r[2]): r[3] for r in rows_of(funnel_hub, D.DAY) if r[0] == "2026-03-02"}
    assert monday[("ticket", "choosing")] == 6  # with the one just after midnight


def test_a_report_kept_to_a_site(funnel_hub: EmbeddedHub) -> None:
    street = [s for s in RUNS if SITES[s.terminal] == "street"]
    own = rows_of(funnel_hub, D.TERMINAL, frozenset({"street"}))
    assert own == expected(street, D.TERMINAL, FIRST, LAST)
    assert {r[0] for r in own} == {"S1"} and {r[1] for r in own} == {"case", "checkin"}
    answer = httpx.get(
        f"{funnel_hub.base_url}/api/v1/reports/funnel",
        params={"from": str(FIRST), "to": str(LAST), "by": "terminal", "site": "street"},
        headers=admin(funnel_hub),
        timeout=30,
    )
    assert answer.status_code == 200
    assert m.ReportTable.model_validate(answer.json()).rows == own


@pytest.mark.parametrize("by", [D.QUEUE, D.WINDOW, D.CLERK, D.ITEM])
def test_dimensions_the_funnel_has_not_are_refused(
    funnel_hub: EmbeddedHub, by: m.Dimension
) -> None:
    answer = httpx.get(
        f"{funnel_hub.base_url}/api/v1/reports/funnel",
        params={"from": str(FIRST), "to": str(LAST), "by": by.value},
        headers=admin(funnel_hub),
        timeout=30,
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"] == m.PROBLEM_MEDIA_TYPE
    problem = answer.json()
    assert problem["code"] == "validation_failed"
    assert f"no {by.value} rows" in problem["title"] and "terminal" in problem["title"]
    assert problem["detail"].startswith("自助终端办事报表不能按")


@pytest.mark.parametrize("name", [m.ReportName.QUEUE, m.ReportName.RATINGS, m.ReportName.CASES])
def test_the_other_reports_have_no_terminal_rows(hub: EmbeddedHub, name: m.ReportName) -> None:
    answer = httpx.get(
        f"{hub.base_url}/api/v1/reports/{name.value}",
        params={"from": str(FIRST), "to": str(LAST), "by": "terminal"},
        headers=admin(hub),
        timeout=30,
    )
    assert answer.status_code == 422 and "no terminal rows" in answer.json()["title"]


def test_the_command_prints_and_exports_the_funnel(
    funnel_hub: EmbeddedHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    period = ["--from", str(FIRST), "--to", str(LAST), "--db", funnel_hub.db_url]
    assert main(["report", "funnel", *period, "--by", "terminal", "--json"]) == 0
    table = m.ReportTable.model_validate(json.loads(capsys.readouterr().out))
    assert table.rows == expected(RUNS, D.TERMINAL, FIRST, LAST)

    assert main(["report", "funnel", *period]) == 0
    text = capsys.readouterr().out.splitlines()
    assert text[1].split() == ["合计", "办事类型", "步骤", "到达人次", "到达率", "在此放弃",
                               "在此超时", "在此失败", "在此完成"]  # fmt: skip
    assert text[2].split() == ["all", "ticket", "choosing", "7", "100.0%", "2", "0", "0", "0"]

    csv = tmp_path / "funnel.csv"
    assert main(["report", "funnel", *period, "--by", "site", "--csv", str(csv)]) == 0
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(
        "大厅或站点 Hall or site,办事类型 Journey,步骤 Step,到达人次 Reached"
    )
    assert len(lines) == 1 + len(expected(RUNS, D.SITE, FIRST, LAST))

    xlsx = tmp_path / "funnel.xlsx"
    assert main(["report", "funnel", *period, "--by", "hour", "--xlsx", str(xlsx)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    got = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert got == expected(RUNS, D.HOUR, FIRST, LAST)

    assert main(["report", "funnel", *period, "--by", "window"]) == 2
    assert "no window rows" in capsys.readouterr().err


def test_a_batch_sent_twice_is_reported_once(hub: EmbeddedHub, tokens: dict[str, str]) -> None:
    batch = m.JourneyRunBatch(batch_id=uuid.uuid4().hex, runs=[RUNS[0].run, RUNS[3].run])
    with HubClient(hub.base_url, token=tokens["K1"]) as client:
        client.send_journey_runs(batch)
        assert client.send_journey_runs(batch).repeated
    table = reports.run(hub.context, m.ReportName.FUNNEL, FIRST, LAST, D.ALL)
    assert [r[3] for r in table.rows if r[2] == "choosing"] == [2]


# -- in the web console -----------------------------------------------------------------------


def test_the_console_shows_the_funnel_of_the_managers_sites(funnel_hub: EmbeddedHub) -> None:
    from hub import managers
    from tests.hub.test_hub_console import Page

    period = {"from": FIRST.isoformat(), "to": LAST.isoformat(), "by": "site"}
    site = SITES["K1"]
    for login, sites in (("district", None), ("hall", frozenset([site]))):
        managers.add_manager(funnel_hub.context, login, "经理", sorted(sites or []), "password-123")
        with httpx.Client(base_url=funnel_hub.base_url) as browser:
            form = {"login": login, "password": "password-123"}
            browser.post("/console/sign-in", data=form)
            answer = browser.get("/console/reports/funnel", params=period)
            assert answer.status_code == 200, Page(answer.text).problem
            page = Page(answer.text)
            rows = rows_of(funnel_hub, D.SITE, sites)
            assert rows and [r[:3] for r in page.rows] == [[str(v) for v in r[:3]] for r in rows]
            drawn = [float(v) if v else None for v in page.bars]  # the share of starts
            assert drawn == [None if r[4] is None else float(r[4]) for r in rows]
            assert 'value="terminal"' in answer.text and 'value="window"' not in answer.text
