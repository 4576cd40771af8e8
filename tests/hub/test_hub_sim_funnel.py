"""The simulated year's journey runs (hub.sim_funnel): planned from tickets and cases, they are
sent here through the hub's API in the batches a kiosk would send (each hall and community
terminal registered as itself), and the same plan written in bulk into another database gives
the same funnel report, cell for cell, by every dimension. Runs on PostgreSQL too
(KIOSK_TEST_PG_URL)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from contract import models as m
from hub import reports
from hub.app import create_app, sample_calendar
from hub.embedded import EmbeddedHub
from hub.sim_cases import SimCase
from hub.sim_funnel import FIRST_HOUR, LAST_HOUR, SimRun, batches, plan_runs, write_runs
from hub.simulator import SimTicket
from kiosk.api.client import HubClient
from tests.hub.conftest import FakeClock

TZ = ZoneInfo("Asia/Shanghai")
FIRST, LAST = date(2026, 3, 2), date(2026, 3, 13)
SITES = ("hall", "community-1")
pytestmark = pytest.mark.slow


def tickets(n: int) -> list[SimTicket]:
    """``n`` tickets over the first week at a hall and a community point, one in ten moved to
    another queue (a transfer: no kiosk run)."""
    made: list[SimTicket] = []
    for k in range(n):
        day = FIRST + timedelta(days=k % 5)
        issued = datetime.combine(day, time(9), TZ) + timedelta(minutes=13 * k % 450)
        made.append(
            SimTicket(
                ticket_id=f"T{k}",
                site=SITES[k % 3 == 0],
                queue="residence" if k % 2 else "general",
                item=None,
                day=day,
                issued_at=issued.astimezone(UTC),
                transferred_from=f"T{k - 1}" if k % 10 == 9 else None,
            )
        )
    return made


def cases(n: int) -> list[SimCase]:
    made = []
    for k in range(n):
        channel = ("kiosk", "community", "hall", "online")[k % 4]
        site = "community-1" if channel == "community" else "hall"
        opened = time(8, 40) if channel == "community" else time(9, 10)  # a worker before 9
        submitted = datetime.combine(FIRST + timedelta(days=k % 5), opened, TZ)
        made.append(
            SimCase(
                case_id=f"SC{k:010d}",
                site=site,
                item="item",
                channel=channel,
                submitted_at=(submitted + timedelta(minutes=17 * k % 400)).astimezone(UTC),
                applicant_id="",
            )
        )
    return made


def plan() -> list[SimRun]:
    return plan_runs(
        tickets(400), cases(120), {"residence"}, sample_calendar(), last_day=LAST, seed=3
    )


def test_the_plan_has_every_journey_and_every_ending() -> None:
    runs = plan()
    assert {r.journey for r in runs} == set(m.JourneyName)
    assert {r.outcome for r in runs} == set(m.RunOutcome)
    for r in runs:
        r.run(TZ)  # each a run the contract takes
    ends = Counter((r.journey, r.ended_at, r.outcome) for r in runs)
    assert ends[m.JourneyName.TICKET, "choosing", m.RunOutcome.GAVE_UP] > 0
    assert ends[m.JourneyName.CASE, "guide", m.RunOutcome.GAVE_UP] > 0
    assert ends[m.JourneyName.CASE, "failed", m.RunOutcome.FAILED] > 0
    # A transfer takes no ticket; a real-name queue's ticket is identified.
    taken = [
        r for r in runs if r.journey is m.JourneyName.TICKET and r.outcome is m.RunOutcome.FINISHED
    ]
    checked_in = [
        r for r in runs if r.journey is m.JourneyName.CHECKIN and r.outcome is m.RunOutcome.FINISHED
    ]
    assert len(taken) + len(checked_in) == 360
    assert any("identifying" in r.steps for r in taken) and any(
        "identifying" not in r.steps for r in taken
    )
    # Cases run at kiosks and community points only, from the terminal that submitted them.
    submitted = [
        r for r in runs if r.journey is m.JourneyName.CASE and r.outcome is m.RunOutcome.FINISHED
    ]
    assert Counter(r.terminal for r in submitted) == {"kiosk-hall": 30, "agent-community-1": 30}
    # Within the hall's hours, but a community worker's case that started before 9.
    hours = {r.started_hour.astimezone(TZ).hour for r in runs if r.terminal.startswith("kiosk")}
    assert hours <= set(range(FIRST_HOUR, LAST_HOUR + 1))
    sent = list(batches(runs, TZ))
    assert sum(len(b.runs) for b in sent) == len(runs)
    assert all(len({r.terminal for r in b.runs}) == 1 for b in sent)


def test_the_bulk_writer_stores_what_the_hubs_api_stores(
    hub: EmbeddedHub, clock: FakeClock, tmp_path: Path
) -> None:
    runs = plan()
    clients: dict[str, HubClient] = {}
    try:
        for batch in batches(runs, TZ):
            if batch.terminal not in clients:
                mode = "community" if batch.terminal.startswith("agent") else "hall"
                answer = httpx.post(
                    f"{hub.base_url}/api/v1/terminals",
                    json={"terminal_id": batch.terminal, "mode": mode, "site_code": batch.site},
                    headers={"Authorization": f"Bearer {hub.admin_token}"},
                    timeout=30,
                )
                assert answer.status_code == 201, answer.text
                clients[batch.terminal] = HubClient(hub.base_url, token=answer.json()["token"])
            clock.set(batch.sent_at)
            sent = m.JourneyRunBatch(batch_id=batch.batch_id, runs=[r.run(TZ) for r in batch.runs])
            assert clients[batch.terminal].send_journey_runs(sent).runs == len(batch.runs)
    finally:
        for client in clients.values():
            client.close()
    after = datetime(2026, 3, 16, 2, tzinfo=UTC)
    copy = create_app(
        f"sqlite:///{tmp_path / 'copy.sqlite3'}", seed_sample=True, clock=lambda: after
    )
    ctx = copy.state.hub
    try:
        write_runs(ctx, runs)
        for by in reports.DIMENSIONS[m.ReportName.FUNNEL]:
            original = reports.run(hub.context, m.ReportName.FUNNEL, FIRST, LAST, by)
            assert original.rows
            assert reports.run(ctx, m.ReportName.FUNNEL, FIRST, LAST, by) == original, by
        point = frozenset({"community-1"})
        original = reports.run(
            hub.context, m.ReportName.FUNNEL, FIRST, LAST, m.Dimension.ALL, point
        )
        assert (
            reports.run(ctx, m.ReportName.FUNNEL, FIRST, LAST, m.Dimension.ALL, point) == original
        )
        table = reports.run(ctx, m.ReportName.FUNNEL, FIRST, LAST, m.Dimension.ALL)
        first_steps = ("choosing", "finding", "waiting", "collecting", "about")
        firsts = [r for r in table.rows if r[2] in first_steps]
        rating = Counter(r.journey for r in runs)[m.JourneyName.RATING]
        assert sum(r[3] for r in firsts) + rating == len(runs)  # every run started once
    finally:
        ctx.engine.dispose()
