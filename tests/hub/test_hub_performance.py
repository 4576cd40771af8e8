"""The monthly performance rating (绩效考评): the weights file checked entry by entry, the score
from known indicator values (scaled where a site has nothing to measure), ranks with ties, and
the month's table over a simulated March beside the February before it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from contract import models as m
from hub import reports
from hub.embedded import EmbeddedHub
from hub.problems import HubProblem
from hub.reports.performance import (
    DEFAULT_WEIGHTS,
    Weight,
    WeightsFileError,
    parse_weights,
    ranks,
    scores,
)
from hub.simulator import Day, simulate
from kiosk.cli import main
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg

GOOD = """
[[indicator]]
key = "bad_rate"
weight = 60
[[indicator]]
key = "wait_p90"
weight = 40
best = 5
worst = 45
"""


def weights_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "weights.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (GOOD.replace("weight = 40", "weight = 35"), "add up to 95; they must add up to 100"),
        (GOOD.replace('"bad_rate"', '"happiness"'), "indicator 1, key: 'happiness' is not one of"),
        (GOOD.replace("best = 5", "best = 50"), "indicator 2: best (50 min) must be under worst"),
        (GOOD.replace("worst = 45", ""), "indicator 2: a time needs best and worst"),
        (GOOD.replace("weight = 60", "weight = 60\nbest = 1"), "best and worst are for times"),
        (GOOD.replace("weight = 60", "weight = -60"), "indicator 1, weight: a number above 0"),
        (GOOD + '\n[[indicator]]\nkey = "bad_rate"\nweight = 0.5\n', "listed twice"),
        ("[[indicators]]\nkey = 1\n", "unknown key 'indicators'"),
        ("[[indicator]\n", "cannot be read"),
    ],
)
def test_a_wrong_weights_file_names_the_entry_and_what_is_allowed(
    tmp_path: Path, text: str, says: str
) -> None:
    with pytest.raises(WeightsFileError) as caught:
        parse_weights(weights_file(tmp_path, text))
    assert str(caught.value).startswith("weights.toml") and says in str(caught.value)


def test_the_score_weighs_each_indicator_and_scales_to_what_was_measured(tmp_path: Path) -> None:
    weights = parse_weights(weights_file(tmp_path, GOOD))
    assert weights == (Weight("bad_rate", 60), Weight("wait_p90", 40, best=5, worst=45))
    by_site = scores(
        weights,
        {
            "street-a": {"bad_rate": 0.05, "wait_p90": 25.0},  # 60 × 0.95 + 40 × 0.5
            "street-b": {"bad_rate": 0.0, "wait_p90": 4.0},  # full marks
            "point-c": {"bad_rate": None, "wait_p90": 45.0},  # no ratings: time alone, 0
            "point-d": {"bad_rate": 0.1, "wait_p90": None},  # no tickets: ratings alone
            "point-e": {"bad_rate": None, "wait_p90": None},
        },
    )
    assert by_site == {
        "street-a": 77.0, "street-b": 100.0, "point-c": 0.0, "point-d": 90.0, "point-e": None,
    }  # fmt: skip
    assert ranks({"a": 90.0, "b": 95.5, "c": 90.0, "d": None, "e": 12.0}) == {
        "a": 2, "b": 1, "c": 2, "d": None, "e": 4,
    }  # fmt: skip


@pytest.fixture(scope="module")
def two_months(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedHub]:
    """A Monday in February and two days in March at two sites, through the hub's API."""
    if PG_URL:
        _reset_pg(PG_URL)
    clock = FakeClock(datetime(2026, 2, 9, 0, tzinfo=UTC))
    hub = EmbeddedHub(tmp_path_factory.mktemp("performance"), clock=clock, db_url=PG_URL)
    hub.start()
    try:
        days = [Day(date(2026, 2, 9), 30), Day(date(2026, 3, 2), 30), Day(date(2026, 3, 3), 30)]
        simulate(hub.base_url, hub.admin_token, clock, days, seed=11)
        clock.set(datetime(2026, 4, 1, 1, tzinfo=UTC))
        yield hub
    finally:
        hub.stop()


def test_the_month_rates_each_site_from_its_reports(two_months: EmbeddedHub) -> None:
    hub = two_months
    march = reports.run(
        hub.context, m.ReportName.PERFORMANCE, date(2026, 3, 1), date(2026, 3, 31), m.Dimension.SITE
    )
    keys = [c.key for c in march.columns]
    assert keys[:5] == ["site", "score", "rank", "last_month", "change"]
    assert keys[5:] == [w.key for w in DEFAULT_WEIGHTS]
    assert sorted(row[0] for row in march.rows) == ["community-1", "hall"]

    def by_site(name: m.ReportName, first: date, last: date) -> dict[object, dict[str, object]]:
        table = reports.run(hub.context, name, first, last, m.Dimension.SITE)
        return {
            row[0]: dict(zip([c.key for c in table.columns], row, strict=True))
            for row in table.rows
        }

    def expected(first: date, last: date) -> dict[object, float | None]:
        queue = by_site(m.ReportName.QUEUE, first, last)
        rated = by_site(m.ReportName.RATINGS, first, last)
        values = {
            site: {
                "bad_rate": rated.get(site, {}).get("bad_rate"),
                "follow_up_on_time": rated.get(site, {}).get("on_time_rate"),
                "wait_p90": queue[site]["wait_p90"],
                "on_time_rate": None,  # the simulation submits no cases
                "second_supplement_rate": None,
            }
            for site in queue
        }
        return scores(DEFAULT_WEIGHTS, values)

    now = expected(date(2026, 3, 1), date(2026, 3, 31))
    before = expected(date(2026, 2, 1), date(2026, 2, 28))
    for site, score, rank, last_month, change, *_ in march.rows:
        assert score == now[site] and last_month == before[site]
        assert change == pytest.approx(now[site] - before[site], abs=0.05)  # type: ignore[operator]
        assert rank == ranks(now)[site]
    assert [row[2] for row in march.rows] == sorted(row[2] for row in march.rows)  # best first


def test_the_month_rates_each_department_by_what_is_its_own(two_months: EmbeddedHub) -> None:
    """Per department: its ratings and follow-ups (and its items' cases); the wait, the hall's,
    is left out of the table and of the score."""
    hub = two_months
    march = (date(2026, 3, 1), date(2026, 3, 31))
    table = reports.run(hub.context, m.ReportName.PERFORMANCE, *march, m.Dimension.DEPARTMENT)
    keys = [c.key for c in table.columns]
    own = [w.key for w in DEFAULT_WEIGHTS if w.key != "wait_p90"]
    assert keys[:5] == ["department", "score", "rank", "last_month", "change"]
    assert keys[5:] == own
    rated = reports.run(hub.context, m.ReportName.RATINGS, *march, m.Dimension.DEPARTMENT)
    columns = [c.key for c in rated.columns]
    values = {
        row[0]: {
            "bad_rate": row[columns.index("bad_rate")],
            "follow_up_on_time": row[columns.index("on_time_rate")],
        }
        for row in rated.rows
    }
    weights = tuple(w for w in DEFAULT_WEIGHTS if w.key != "wait_p90")
    expected = scores(weights, values)
    assert {row[0]: row[1] for row in table.rows} == expected
    assert len(expected) >= 3  # the sample clerks' departments, each rated
    assert {row[0]: row[2] for row in table.rows} == ranks(expected)


def test_a_department_is_not_rated_by_the_halls_calling_alone(two_months: EmbeddedHub) -> None:
    from hub.reports.performance import store_weights

    hub = two_months
    with hub.context.transaction() as session:
        store_weights(session, (Weight("wait_p90", 100, best=5, worst=45),))
    try:
        with pytest.raises(HubProblem) as caught:
            reports.run(
                hub.context,
                m.ReportName.PERFORMANCE,
                date(2026, 3, 1),
                date(2026, 3, 31),
                m.Dimension.DEPARTMENT,
            )
        assert caught.value.status == 422 and "department" in caught.value.title
    finally:
        with hub.context.transaction() as session:
            store_weights(session, DEFAULT_WEIGHTS)


@pytest.mark.parametrize(
    ("first", "last", "by", "says"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), m.Dimension.WINDOW, "per site or per department"),
        (date(2026, 3, 2), date(2026, 3, 31), m.Dimension.SITE, "one month"),
        (date(2026, 3, 1), date(2026, 4, 30), m.Dimension.SITE, "one month"),
    ],
)
def test_the_rating_is_of_one_month_per_site(
    two_months: EmbeddedHub, first: date, last: date, by: m.Dimension, says: str
) -> None:
    with pytest.raises(HubProblem) as caught:
        reports.run(two_months.context, m.ReportName.PERFORMANCE, first, last, by)
    assert caught.value.status == 422 and says in caught.value.title


def test_the_first_month_reports_cover_is_rated_without_the_month_before(
    two_months: EmbeddedHub,
) -> None:
    """December 1999 is out of the reports' range: January 2000 has no last month, not a 422."""
    first, last = m.FIRST_REPORT_DAY, date(2000, 1, 31)
    table = reports.run(two_months.context, m.ReportName.PERFORMANCE, first, last, m.Dimension.SITE)
    assert table.rows == [] and table.date_from == first
    with pytest.raises(HubProblem) as caught:  # the month itself is still checked
        reports.run(
            two_months.context,
            m.ReportName.PERFORMANCE,
            date(1999, 12, 1),
            date(1999, 12, 31),
            m.Dimension.SITE,
        )
    assert caught.value.status == 422 and "2000-01-01" in caught.value.title


def test_the_district_loads_its_weights_and_a_wrong_file_changes_nothing(
    two_months: EmbeddedHub, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", two_months.db_url]
    wrong = weights_file(tmp_path, GOOD.replace("weight = 40", "weight = 45"))
    assert main(["hub", "import-weights", str(wrong), *db]) == 2
    assert "add up to 105" in capsys.readouterr().err
    month = ["--from", "2026-03-01", "--to", "2026-03-31", "--by", "site", *db]
    assert main(["report", "performance", *month, "--json"]) == 0
    table = m.ReportTable.model_validate_json(capsys.readouterr().out)
    assert [c.key for c in table.columns][5:] == [w.key for w in DEFAULT_WEIGHTS]

    try:
        assert main(["hub", "import-weights", str(weights_file(tmp_path, GOOD)), *db]) == 0
        capsys.readouterr()
        assert main(["report", "performance", *month, "--json"]) == 0
        table = m.ReportTable.model_validate_json(capsys.readouterr().out)
        assert [c.key for c in table.columns][5:] == ["bad_rate", "wait_p90"]
    finally:  # the sample file gives the default weights the other tests expect
        sample = Path(__file__).parents[2] / "config" / "performance.toml"
        assert main(["hub", "import-weights", str(sample), *db]) == 0
