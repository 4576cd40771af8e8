"""Reports against an independent computation: a few simulated days written through the hub's
API (hub.simulator), then every report and dimension compared, cell by cell, with figures
computed here from the simulation's own log, never from the hub's database.

The days: a Monday, a Tuesday with window W04 paused all day (its housing tickets are never
called: given up), a Saturday nobody came. Runs on PostgreSQL too (KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import json
import math
import tomllib
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.app import sample_calendar
from hub.db import REPORT_BIN_EDGES
from hub.embedded import EmbeddedHub
from hub.reports.queue import percentile
from hub.simulator import Day, SimLog, SimTicket, simulate
from kiosk.api.client import HubClient
from kiosk.cli import main
from tests.hub import idle_log
from tests.hub.conftest import PG_URL, FakeClock, _reset_pg

TZ = ZoneInfo("Asia/Shanghai")
MONDAY, TUESDAY, SATURDAY = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 7)
FIRST, LAST = date(2026, 3, 1), date(2026, 3, 8)
TODAY = date(2026, 3, 9)
D = m.Dimension
pytestmark = pytest.mark.slow
# The sample clerks' departments, from the file the hub loaded them from.
STAFF = Path(__file__).parents[2] / "config" / "catalog" / "staff.toml"
DEPARTMENTS = {c["staff_no"]: c["department"] for c in tomllib.loads(STAFF.read_text())["staff"]}


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedHub, SimLog]]:
    if PG_URL:
        _reset_pg(PG_URL)
    clock = FakeClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
    hub = EmbeddedHub(tmp_path_factory.mktemp("reports"), clock=clock, db_url=PG_URL)
    hub.start()
    try:
        days = [Day(MONDAY, 45), Day(TUESDAY, 45, paused_windows=("W04",)), Day(SATURDAY, 0)]
        log = simulate(hub.base_url, hub.admin_token, clock, days, seed=7)
        clock.set(datetime(2026, 3, 9, 1, tzinfo=UTC))  # the next Monday morning
        yield hub, log
    finally:
        hub.stop()


# -- the independent computation -------------------------------------------------------------


def nearest_rank(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[math.ceil(p * len(ordered)) - 1]


def minutes_of(values: list[float]) -> list[float | None]:
    if not values:
        return [None, None, None]
    figures = (sum(values) / len(values), nearest_rank(values, 0.5), nearest_rank(values, 0.9))
    return [round(x / 60, 2) for x in figures]


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def seconds(start: datetime | None, end: datetime | None) -> float:
    assert start is not None and end is not None
    return (end - start).total_seconds()


def local(at: datetime) -> datetime:
    return at.astimezone(TZ)


def ticket_key(by: m.Dimension) -> Callable[[SimTicket], Any]:
    return {
        D.ALL: lambda t: "all",
        D.SITE: lambda t: t.site,
        D.QUEUE: lambda t: t.queue,
        D.WINDOW: lambda t: t.counter or "",
        D.CLERK: lambda t: t.clerk or "",
        D.ITEM: lambda t: t.item or "",
        D.DEPARTMENT: lambda t: DEPARTMENTS.get(t.clerk or "", ""),  # who served it
        D.DAY: lambda t: t.day.isoformat(),
        D.HOUR: lambda t: local(t.issued_at).hour,
        D.WEEKDAY: lambda t: t.day.isoweekday(),
    }[by]


def idle_key(by: m.Dimension) -> Callable[[idle_log.Stretch], Any] | None:
    """What a window's idle stretch counts under; None: a queue's or an item's row has none."""
    return {
        D.ALL: lambda s: "all",
        D.SITE: lambda s: s.site,
        D.WINDOW: lambda s: s.window,
        D.CLERK: lambda s: s.clerk,
        D.DEPARTMENT: lambda s: DEPARTMENTS.get(s.clerk, ""),
        D.DAY: lambda s: s.day.isoformat(),
        D.HOUR: lambda s: s.hour,
        D.WEEKDAY: lambda s: s.day.isoweekday(),
    }.get(by)


def expected_queue(
    log: SimLog,
    by: m.Dimension,
    today: date = TODAY,
    *,
    now: datetime | None = None,
    sites: frozenset[str] | None = None,
) -> dict[Any, list[Any]]:
    """The queue report from the log: tickets of ``sites`` (None: all), windows idle at them
    (today up to ``now``)."""
    groups: dict[Any, list[SimTicket]] = defaultdict(list)
    for ticket in log.tickets.values():
        if sites is None or ticket.site in sites:
            groups[ticket_key(by)(ticket)].append(ticket)
    idle: dict[Any, float] = defaultdict(float)
    keyed = idle_key(by)
    for stretch in idle_log.stretches(log, today=today, now=now):
        if keyed is not None and (sites is None or stretch.site in sites):
            idle[keyed(stretch)] += stretch.seconds
    for key in idle:
        groups.setdefault(key, [])
    if by is D.DAY:
        for n in range((LAST - FIRST).days + 1):
            groups.setdefault((FIRST + timedelta(days=n)).isoformat(), [])
    rows = {}
    for key, tickets in groups.items():
        done = [t for t in tickets if t.state == "done"]
        started = [t for t in tickets if t.started_at]
        called = [t for t in tickets if t.called_at]
        rated = [t for t in done if t.rating is not None]
        waits = [seconds(t.issued_at, t.called_at) for t in called if not t.transferred_from]
        walks = [seconds(t.last_called_at, t.started_at) for t in started]
        services = [seconds(t.started_at, t.ended_at) for t in done]
        given_up = [t for t in tickets if t.state == "issued" and t.day < today]
        no_appointments = None if by in (D.SITE, D.WINDOW, D.CLERK, D.DEPARTMENT) else 0
        rows[key] = [
            len(tickets), len(done), sum(t.state == "no_show" for t in tickets), len(given_up),
            sum(t.state == "transferred" for t in tickets),
            *minutes_of(waits), *minutes_of(walks), *minutes_of(services),
            share(sum(t.recalls == 0 for t in started), len(started)),
            share(sum(t.recalls > 0 for t in called), len(called)),
            len(rated), share(len(rated), len(done)), no_appointments, None,
            None if keyed is None else round(idle[key] / 60, 2),
        ]  # fmt: skip
    return rows


def rating_key(by: m.Dimension) -> Callable[[SimTicket], Any]:
    assert_rated = lambda t: t.rated_at  # noqa: E731
    return {
        D.DAY: lambda t: local(assert_rated(t)).date().isoformat(),
        D.HOUR: lambda t: local(assert_rated(t)).hour,
        D.WEEKDAY: lambda t: local(assert_rated(t)).isoweekday(),
    }.get(by, ticket_key(by))


def due_date(rated_at: datetime) -> date:
    """15 working days after the rating, by the sample hall's calendar."""
    return sample_calendar().add_working_days(local(rated_at).date(), 15)


def expected_ratings(
    log: SimLog,
    by: m.Dimension,
    today: date = TODAY,
    *,
    sites: frozenset[str] | None = None,
) -> dict[Any, list[Any]]:
    groups: dict[Any, list[SimTicket]] = defaultdict(list)
    voided: dict[Any, int] = defaultdict(int)
    for ticket in log.tickets.values():
        if sites is not None and ticket.site not in sites:
            continue
        if ticket.rated_at is not None and FIRST <= local(ticket.rated_at).date() <= LAST:
            if ticket.follow_up == "voided":
                voided[rating_key(by)(ticket)] += 1
            else:
                groups[rating_key(by)(ticket)].append(ticket)
    for key in voided:
        groups.setdefault(key, [])
    if by is D.DAY:
        for n in range((LAST - FIRST).days + 1):
            groups.setdefault((FIRST + timedelta(days=n)).isoformat(), [])
    rows = {}
    for key, rated in groups.items():
        levels = [sum(t.rating == level for t in rated) for level in (5, 4, 3, 2, 1)]
        bad = [t for t in rated if t.rating is not None and t.rating <= 2]
        answered = [t for t in bad if t.follow_up == "answered"]
        on_time = [
            t for t in answered
            if t.answered_at and t.rated_at and local(t.answered_at).date() <= due_date(t.rated_at)
        ]  # fmt: skip
        overdue = [
            t for t in bad if not t.follow_up and t.rated_at and due_date(t.rated_at) < today
        ]
        reasons = [sum(reason.value in t.reasons for t in bad) for reason in m.BadReason]
        rows[key] = [
            len(rated), *levels, share(levels[0] + levels[1], len(rated)),
            len(bad), share(len(bad), len(rated)), len(answered), share(len(on_time), len(bad)),
            len(overdue), voided[key], *reasons,
        ]  # fmt: skip
    return rows


def bin_of(seconds: float) -> tuple[float, float]:
    """The histogram bin ``seconds`` falls in (the open last bin: its edge, where the estimate
    stays)."""
    n = max(i for i, edge in enumerate(REPORT_BIN_EDGES) if edge <= max(seconds, 0))
    last = n + 1 == len(REPORT_BIN_EDGES)
    return REPORT_BIN_EDGES[n], REPORT_BIN_EDGES[n if last else n + 1]


def bin_around(seconds: float) -> tuple[float, float]:
    """Where an estimate may be for a value known to 0.01 minutes: its bin, or a neighbour's
    when the value is that close to an edge."""
    return bin_of(seconds - 0.6)[0], bin_of(seconds + 0.6)[1]


def assert_same(table: m.ReportTable, expected: dict[Any, list[Any]]) -> None:
    got = {row[0]: row[1:] for row in table.rows}
    assert sorted(got, key=str) == sorted(expected, key=str), f"{table.name} by {table.by}"
    for key, cells in expected.items():
        for column, want, have in zip(table.columns[1:], cells, got[key], strict=True):
            where = f"{table.name} by {table.by.value}, {key!r}, {column.key}"
            if want is None or have is None:
                assert have == want, where
            elif column.key.endswith(("_p50", "_p90")):  # estimated within its bin
                low, high = bin_around(want * 60)
                assert low / 60 - 0.006 <= have <= high / 60 + 0.006, where
            elif column.kind is m.ColumnKind.MINUTES:
                assert have == pytest.approx(want, abs=0.011), where
            else:
                assert have == pytest.approx(want, abs=1e-4), where


# -- the tests -------------------------------------------------------------------------------


def test_the_simulation_covers_what_the_reports_must_handle(
    simulated: tuple[EmbeddedHub, SimLog],
) -> None:
    """The slice has every case the reports distinguish, or the comparisons below prove less."""
    _, log = simulated
    tickets = list(log.tickets.values())
    states = {t.state for t in tickets}
    assert {"done", "no_show", "transferred", "issued"} <= states
    assert any(t.transferred_from for t in tickets)
    assert any(t.recalls for t in tickets if t.started_at)
    assert any(t.rating is not None and t.rating <= 2 for t in tickets)
    assert len({t.site for t in tickets}) == 2
    assert not any(t.counter == "W04" for t in tickets if t.day == TUESDAY)
    assert not any(t.day == SATURDAY for t in tickets)
    idle = idle_log.stretches(log, today=TODAY)  # windows idle while people waited
    assert {s.window for s in idle} >= {"W01", "W02"} and sum(s.seconds for s in idle) > 300
    assert not any(s.window == "W04" and s.day == TUESDAY for s in idle)  # paused all day


EXPECTED = {m.ReportName.QUEUE: expected_queue, m.ReportName.RATINGS: expected_ratings}


@pytest.mark.parametrize("by", reports.DIMENSIONS[m.ReportName.QUEUE])  # ratings' are the same
@pytest.mark.parametrize("name", list(EXPECTED))
def test_report_matches_the_simulation(
    simulated: tuple[EmbeddedHub, SimLog], name: m.ReportName, by: m.Dimension
) -> None:
    hub, log = simulated
    table = reports.run(hub.context, name, FIRST, LAST, by)
    assert_same(table, EXPECTED[name](log, by))


def test_a_paused_window_and_an_empty_day_show_as_such(
    simulated: tuple[EmbeddedHub, SimLog],
) -> None:
    hub, _ = simulated
    by_day = reports.run(hub.context, m.ReportName.QUEUE, FIRST, LAST, D.DAY)
    saturday = next(row for row in by_day.rows if row[0] == SATURDAY.isoformat())
    assert saturday[1:6] == [0, 0, 0, 0, 0] and saturday[6] is None  # no figures, no wait
    housing = reports.run(hub.context, m.ReportName.QUEUE, TUESDAY, TUESDAY, D.QUEUE)
    row = next(r for r in housing.rows if r[0] == "housing")
    assert row[1] > 0 and row[2] == 0 and row[4] == row[1]  # every housing ticket given up


def test_today_is_counted_from_its_tickets_beside_the_kept_days(
    simulated: tuple[EmbeddedHub, SimLog],
) -> None:
    """On Tuesday afternoon Monday's figures are kept, Tuesday's come from its tickets (its
    waiting tickets are not given up yet); both added up give the period's figures."""
    hub, log = simulated
    clock = hub.clock
    assert isinstance(clock, FakeClock)
    clock.set(datetime(2026, 3, 3, 8, tzinfo=UTC))
    try:
        for by in (D.ALL, D.WINDOW, D.HOUR, D.DAY):
            table = reports.run(hub.context, m.ReportName.QUEUE, FIRST, TUESDAY, by)
            tuesday = SimLog(
                tickets={k: t for k, t in log.tickets.items() if t.day <= TUESDAY},
                sites=log.sites,
                windows=log.windows,
            )
            expected = expected_queue(tuesday, by, today=TUESDAY, now=clock())
            if by is D.DAY:
                expected = {k: v for k, v in expected.items() if k <= TUESDAY.isoformat()}
            assert_same(table, expected)
    finally:
        clock.set(datetime(2026, 3, 9, 1, tzinfo=UTC))


def test_a_rating_given_after_its_day_counts_in_that_day(
    simulated: tuple[EmbeddedHub, SimLog],
) -> None:
    hub, log = simulated
    before = reports.run(hub.context, m.ReportName.QUEUE, MONDAY, MONDAY, D.ALL)
    late = next(
        t
        for t in log.tickets.values()
        if t.day == MONDAY and t.state == "done" and t.rating is None
    )
    pad = hub.register_terminal("pad-late", mode=m.TerminalMode.RATING_PAD)
    answer = httpx.post(
        f"{hub.base_url}/api/v1/evaluations",
        json={"subject_type": "ticket", "subject_id": late.ticket_id, "rating": 5},
        headers={"Authorization": f"Bearer {pad}"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    late.rating, late.rated_at = 5, datetime(2026, 3, 9, 1, tzinfo=UTC)  # the log says so too
    after = reports.run(hub.context, m.ReportName.QUEUE, MONDAY, MONDAY, D.ALL)
    rated = [c.key for c in after.columns].index("rated")
    assert after.rows[0][rated] == before.rows[0][rated] + 1


def test_percentiles_are_estimated_within_the_bin_of_the_nearest_rank() -> None:
    def histogram(values: list[float]) -> list[int]:
        bins = [0] * len(REPORT_BIN_EDGES)
        for v in values:
            bins[max(i for i, edge in enumerate(REPORT_BIN_EDGES) if edge <= v)] += 1
        return bins

    # Ties: five 120 s around the middle. The median is rank 5: in the bin 120-150 s, with
    # one value (60 s) below it, so fourth of the bin's five, at 3.5/5 of its width.
    values = [300.0, 60, 120, 120, 120, 540, 120, 180, 120, 240]
    assert nearest_rank(values, 0.5) == 120
    assert percentile(histogram(values), 0.5) == pytest.approx(120 + 30 * 3.5 / 5)
    assert nearest_rank(values, 0.9) == 300  # alone in 300-360 s: its middle
    assert percentile(histogram(values), 0.9) == 330
    assert percentile(histogram([7.0]), 0.9) == 7.5  # one value: the middle of 0-15 s
    assert percentile(histogram([30000.0, 1]), 0.9) == 21600  # the open last bin: its edge
    assert percentile([0] * len(REPORT_BIN_EDGES), 0.5) is None


# -- over HTTP and from the command line -------------------------------------------------


def _get(hub: EmbeddedHub, path: str, token: str | None = None) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token or hub.admin_token}"}
    return httpx.get(f"{hub.base_url}/api/v1{path}", headers=headers, timeout=30)


def test_the_report_endpoint_answers_the_table(simulated: tuple[EmbeddedHub, SimLog]) -> None:
    hub, log = simulated
    answer = _get(hub, f"/reports/queue?from={FIRST}&to={LAST}&by=window")
    assert answer.status_code == 200
    table = m.ReportTable.model_validate(answer.json())
    assert_same(table, expected_queue(log, D.WINDOW))
    assert _get(hub, f"/reports/queue?from={FIRST}&to={LAST}", token="wrong").status_code == 403


@pytest.mark.parametrize(
    ("query", "says"),
    [
        (f"/reports/queue?from={LAST}&to={FIRST}", "ends"),
        (f"/reports/queue?from={FIRST}&to={LAST}&by=street", "by"),
        (f"/reports/visits?from={FIRST}&to={LAST}", "name"),
        ("/reports/queue?from=2020-01-01&to=2026-01-01", "731"),
        (f"/reports/queue?from=2026-02-30&to={LAST}", "from"),
        ("/reports/ratings?from=9999-12-30&to=9999-12-31", "2099-12-31"),
        ("/reports/queue?from=0001-01-01&to=0001-01-02", "2000-01-01"),
    ],
)
def test_bad_report_requests_get_a_clear_problem(
    simulated: tuple[EmbeddedHub, SimLog], query: str, says: str
) -> None:
    hub, _ = simulated
    answer = _get(hub, query)
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert says in answer.text


def test_the_command_writes_json_csv_and_xlsx(
    simulated: tuple[EmbeddedHub, SimLog], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    hub, log = simulated
    db = hub.db_url
    period = ["--from", str(FIRST), "--to", str(LAST), "--db", db]
    assert main(["report", "ratings", *period, "--by", "clerk", "--json"]) == 0
    table = m.ReportTable.model_validate(json.loads(capsys.readouterr().out))
    # The command's hub runs on the real clock: the deadlines passed long ago.
    assert_same(table, expected_ratings(log, D.CLERK, today=datetime.now(TZ).date()))

    assert (
        main(["report", "queue", *period, "--by", "queue", "--csv", str(tmp_path / "q.csv")]) == 0
    )
    lines = (tmp_path / "q.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("队列 Queue,取号数 Tickets issued,")
    assert len(lines) == 1 + len(expected_queue(log, D.QUEUE))

    assert (
        main(["report", "queue", *period, "--by", "day", "--xlsx", str(tmp_path / "q.xlsx")]) == 0
    )
    sheet = load_workbook(tmp_path / "q.xlsx").active
    assert sheet is not None
    heading = [c.value for c in sheet[2]]
    assert heading[:2] == ["日期 Day", "取号数 Tickets issued"]
    days = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert days == [(FIRST + timedelta(days=n)).isoformat() for n in range(8)]

    assert main(["report", "queue", "--from", str(LAST), "--to", str(FIRST), "--db", db]) == 2
    assert "before it starts" in capsys.readouterr().err


def test_the_bulk_writer_stores_what_the_hub_stores(
    simulated: tuple[EmbeddedHub, SimLog], tmp_path: Path
) -> None:
    """The year of the benchmark is written in bulk (hub.sim_year); the same log written that
    way into an SQLite file gives every report the hub's own database gives, cell for cell."""
    from hub.app import create_app
    from hub.sim_year import write_log

    hub, log = simulated
    today = datetime(2026, 3, 9, 1, tzinfo=UTC)
    copy = create_app(
        f"sqlite:///{tmp_path / 'copy.sqlite3'}", seed_sample=True, clock=lambda: today
    )
    ctx = copy.state.hub
    try:
        write_log(ctx, log)
        for name in EXPECTED:  # the simulation submits no cases
            for by in reports.DIMENSIONS[name]:
                original = reports.run(hub.context, name, FIRST, LAST, by)
                assert reports.run(ctx, name, FIRST, LAST, by) == original, f"{name} by {by}"
    finally:
        ctx.engine.dispose()


def test_the_hub_keeps_finished_days_in_the_background(tmp_path: Path) -> None:
    """With ``report_keep_minutes`` set (``kiosk hub serve`` sets 30) the days already over are
    kept without a report asking; today never is."""
    import time

    from sqlalchemy import select

    from hub.context import HubSettings
    from hub.db import report_rolled_days

    clock = FakeClock(datetime(2026, 3, 2, 2, tzinfo=UTC))
    settings = HubSettings(report_keep_minutes=0.01)  # every 0.6 s
    # SQLite always: the module's simulated hub holds the test PostgreSQL database.
    hub = EmbeddedHub(tmp_path / "hub", clock=clock, settings=settings)
    hub.start()
    try:
        token = hub.register_terminal("kiosk-keep")
        for day in (2, 3):
            clock.set(datetime(2026, 3, day, 2, tzinfo=UTC))
            answer = httpx.post(
                f"{hub.base_url}/api/v1/tickets",
                json={"category_code": "general"},
                headers={"Authorization": f"Bearer {token}"},
                timeout=30,
            )
            assert answer.status_code == 201
        clock.set(datetime(2026, 3, 4, 2, tzinfo=UTC))
        deadline, kept = time.monotonic() + 20, set()
        while time.monotonic() < deadline and kept != {MONDAY, TUESDAY}:
            time.sleep(0.2)
            with hub.context.reading() as session:
                kept = set(session.execute(select(report_rolled_days.c.day)).scalars())
        assert kept == {MONDAY, TUESDAY}  # not Wednesday, still under way
    finally:
        hub.stop()


@pytest.mark.parametrize("by", [D.ALL, D.WINDOW, D.DAY])
@pytest.mark.parametrize("name", list(EXPECTED))
def test_a_report_kept_to_one_site_counts_that_site_alone(
    simulated: tuple[EmbeddedHub, SimLog], name: m.ReportName, by: m.Dimension
) -> None:
    """What a hall manager sees: the tickets (and their ratings) issued at their hall's kiosks."""
    hub, log = simulated
    table = reports.run(hub.context, name, FIRST, LAST, by, frozenset({"hall"}))
    assert_same(table, EXPECTED[name](log, by, sites=frozenset({"hall"})))
    answer = _get(hub, f"/reports/{name.value}?from={FIRST}&to={LAST}&by={by.value}&site=hall")
    assert m.ReportTable.model_validate(answer.json()) == table


def test_no_day_before_anything_happened_is_computed(
    hub: EmbeddedHub, client: HubClient, clock: FakeClock
) -> None:
    """A new hub's first report does not compute (and keep) empty days one by one (it made the
    console's first page take seconds); from the first window's sign-in — its idle time, before
    any ticket — every finished day is kept."""
    from sqlalchemy import select

    from hub.db import report_rolled_days
    from tests.hub.conftest import sign_in

    def kept() -> set[date]:
        with hub.context.reading() as session:
            return set(session.execute(select(report_rolled_days.c.day)).scalars())

    clock.set(datetime(2026, 3, 10, 1, tzinfo=UTC))
    reports.run(hub.context, m.ReportName.QUEUE, date(2026, 2, 1), date(2026, 3, 9), D.DAY)
    assert kept() == set()
    token = hub.register_terminal("counter-keep", mode=m.TerminalMode.COUNTER)
    with HubClient(hub.base_url, token=token) as window:
        sign_in(window, "W01")  # Tuesday the 10th: signed in, no ticket yet
        clock.set(datetime(2026, 3, 11, 1, tzinfo=UTC))
        client.issue_ticket(m.TicketIssueRequest(category_code="general"))
    clock.set(datetime(2026, 3, 12, 1, tzinfo=UTC))
    reports.run(hub.context, m.ReportName.QUEUE, date(2026, 2, 1), date(2026, 3, 11), D.DAY)
    assert kept() == {date(2026, 3, 10), date(2026, 3, 11)}
