"""The funnel over days whose figures are kept (hub.reports.funnel_days) against the same
independent computation as tests/hub/test_hub_funnel.py: the whole week kept, part kept and
part counted live, and a batch that arrives late for a kept day. Runs on PostgreSQL too
(KIOSK_TEST_PG_URL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from contract import models as m
from hub.db import funnel_rolled_days
from hub.embedded import EmbeddedHub
from tests.hub.conftest import FakeClock
from tests.hub.test_hub_funnel import FIRST, LAST, RUNS, TUE, Sent, at, expected, rows_of, run
from tests.hub.test_hub_journey_runs import register_kiosks, send

D = m.Dimension
J = m.JourneyName
R = m.RunOutcome
DIMENSIONS = [D.ALL, D.SITE, D.TERMINAL, D.DAY, D.HOUR, D.WEEKDAY]


@pytest.fixture
def tokens(hub: EmbeddedHub) -> dict[str, str]:
    return register_kiosks(hub)


@pytest.fixture
def funnel_hub(hub: EmbeddedHub, tokens: dict[str, str]) -> EmbeddedHub:
    for terminal, token in tokens.items():
        send(hub, token, [s.run for s in RUNS if s.terminal == terminal])
    return hub


def kept_days(hub: EmbeddedHub) -> int:
    with hub.context.reading() as session:
        return int(session.execute(select(func.count()).select_from(funnel_rolled_days)).scalar())


@pytest.mark.parametrize("by", DIMENSIONS)
def test_the_kept_week_matches_the_runs(
    funnel_hub: EmbeddedHub, clock: FakeClock, by: m.Dimension
) -> None:
    clock.set(datetime(2026, 3, 10, 2, tzinfo=UTC))  # the Tuesday after
    assert rows_of(funnel_hub, by) == expected(RUNS, by, FIRST, LAST)
    assert kept_days(funnel_hub) == 7


@pytest.mark.parametrize("by", DIMENSIONS)
def test_kept_days_and_today_add_up(
    funnel_hub: EmbeddedHub, clock: FakeClock, by: m.Dimension
) -> None:
    clock.set(datetime(2026, 3, 5, 4, tzinfo=UTC))  # Thursday at noon: Monday to Wednesday kept
    assert rows_of(funnel_hub, by) == expected(RUNS, by, FIRST, LAST)
    assert kept_days(funnel_hub) == 3


def test_a_late_batch_changes_its_kept_day(
    funnel_hub: EmbeddedHub, tokens: dict[str, str], clock: FakeClock
) -> None:
    clock.set(datetime(2026, 3, 10, 2, tzinfo=UTC))
    before = rows_of(funnel_hub, D.DAY)
    assert kept_days(funnel_hub) == 7
    # After an outage, K1 sends Tuesday's runs a week late.
    late = [
        Sent("K1", run(J.TICKET, "choosing issuing showing", R.FINISHED, at(TUE, 10))),
        Sent("K1", run(J.CHECKIN, "waiting", R.GAVE_UP, at(TUE, 16))),
    ]
    assert send(funnel_hub, tokens["K1"], [s.run for s in late]).runs == 2
    assert kept_days(funnel_hub) == 6  # Tuesday's figures cleared
    after = rows_of(funnel_hub, D.DAY)
    assert after == expected(RUNS + late, D.DAY, FIRST, LAST)
    tuesday = [r for r in after if r[0] == TUE.isoformat() and r[1] == "ticket"]
    assert [r[3] for r in tuesday if r[2] == "showing"] == [1]  # none before
    assert [r for r in after if r[0] != TUE.isoformat()] == [
        r for r in before if r[0] != TUE.isoformat()
    ]
    for by in DIMENSIONS:
        assert rows_of(funnel_hub, by) == expected(RUNS + late, by, FIRST, LAST)
