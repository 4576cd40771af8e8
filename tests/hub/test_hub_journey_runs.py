"""Journey runs received from kiosks over HTTP: stored with the terminal and its site, a batch
sent again counted once (the same id with other runs refused), a bad batch answered with a
problem+json 422 and nothing stored, and only kiosks may send. Runs on PostgreSQL too
(KIOSK_TEST_PG_URL)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select

from contract import models as m
from hub.db import JourneyRunBatchRow, JourneyRunRow, JourneyRunStepRow
from hub.embedded import EmbeddedHub
from kiosk.api.client import HubClient
from kiosk.api.errors import HubRejected

TZ = ZoneInfo("Asia/Shanghai")
SITES = {"K1": "hall", "K2": "hall", "S1": "street"}
TAKEN = m.JourneyRun(
    journey=m.JourneyName.TICKET,
    steps=["choosing", "issuing", "showing"],
    ended_at="showing",
    outcome=m.RunOutcome.FINISHED,
    started_hour=datetime(2026, 3, 2, 9, tzinfo=TZ),
)
FAILED = m.JourneyRun(
    journey=m.JourneyName.TICKET,
    steps=["choosing", "identifying", "issuing", "failed"],
    ended_at="failed",
    outcome=m.RunOutcome.FAILED,
    started_hour=datetime(2026, 3, 2, 10, tzinfo=TZ),
)


def admin(hub: EmbeddedHub) -> dict[str, str]:
    return {"Authorization": f"Bearer {hub.admin_token}"}


def register(hub: EmbeddedHub, terminal_id: str, site: str, mode: str = "hall") -> str:
    answer = httpx.post(
        f"{hub.base_url}/api/v1/terminals",
        json={"terminal_id": terminal_id, "mode": mode, "site_code": site},
        headers=admin(hub),
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["token"])


def send(hub: EmbeddedHub, token: str, runs: list[m.JourneyRun]) -> m.JourneyRunsReceived:
    with HubClient(hub.base_url, token=token) as client:
        batch = m.JourneyRunBatch(batch_id=uuid.uuid4().hex, runs=runs)
        return client.send_journey_runs(batch)


def register_kiosks(hub: EmbeddedHub) -> dict[str, str]:
    """The kiosks of SITES registered, with their tokens."""
    return {terminal: register(hub, terminal, site) for terminal, site in SITES.items()}


@pytest.fixture
def tokens(hub: EmbeddedHub) -> dict[str, str]:
    return register_kiosks(hub)


def counts(hub: EmbeddedHub) -> tuple[int, int, int]:
    with hub.context.reading() as session:
        return tuple(  # type: ignore[return-value]
            session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (JourneyRunBatchRow, JourneyRunRow, JourneyRunStepRow)
        )


def test_a_batch_sent_again_counts_once(hub: EmbeddedHub, tokens: dict[str, str]) -> None:
    batch = m.JourneyRunBatch(batch_id=uuid.uuid4().hex, runs=[TAKEN, FAILED])
    with HubClient(hub.base_url, token=tokens["K1"]) as client:
        first = client.send_journey_runs(batch)
        again = client.send_journey_runs(batch)
    assert (first.runs, first.repeated) == (2, False)
    assert (again.runs, again.repeated, again.received_at) == (2, True, first.received_at)
    assert counts(hub) == (1, 2, 3 + 4)
    # Over HTTP: 201 the first time, 200 after.
    body = batch.model_dump(mode="json")
    answer = httpx.post(
        f"{hub.base_url}/api/v1/terminals/me/journey-runs",
        json=body,
        headers={"Authorization": f"Bearer {tokens['K1']}"},
        timeout=30,
    )
    assert answer.status_code == 200 and answer.json()["repeated"] is True
    # The same id from another terminal is another batch.
    assert send_as(hub, tokens["K2"], body).status_code == 201
    assert counts(hub) == (2, 4, 14)
    # The same id with other runs: refused, nothing counted.
    other = {**body, "runs": body["runs"][:1]}
    refused = send_as(hub, tokens["K1"], other)
    assert refused.status_code == 409 and refused.json()["code"] == "idempotency_key_reused"
    assert counts(hub) == (2, 4, 14)


def test_runs_keep_the_terminal_and_its_site(hub: EmbeddedHub, tokens: dict[str, str]) -> None:
    send(hub, tokens["S1"], [TAKEN])
    with hub.context.reading() as session:
        row = session.execute(select(JourneyRunRow)).scalar_one()
        steps = session.execute(select(JourneyRunStepRow.step)).scalars().all()
    assert (row.terminal_id, row.site_code, row.journey) == ("S1", "street", "ticket")
    assert (row.ended_at, row.outcome) == ("showing", "finished")
    assert row.started_at == TAKEN.started_hour
    assert sorted(steps) == ["choosing", "issuing", "showing"]


def send_as(hub: EmbeddedHub, token: str, body: Any) -> httpx.Response:
    return httpx.post(
        f"{hub.base_url}/api/v1/terminals/me/journey-runs",
        json=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


GOOD_RUN = {
    "journey": "ticket",
    "steps": ["choosing", "issuing", "showing"],
    "ended_at": "showing",
    "outcome": "finished",
    "started_hour": "2026-03-02T09:00:00+08:00",
}


def batch_of(*runs: dict[str, Any], batch_id: str | None = None) -> dict[str, Any]:
    return {"batch_id": batch_id or uuid.uuid4().hex, "runs": list(runs)}


BAD_BATCHES = {
    "unknown journey": batch_of({**GOOD_RUN, "journey": "lottery"}),
    "unknown step": batch_of({**GOOD_RUN, "steps": ["choosing", "paying", "showing"]}),
    "a step of another journey": batch_of(
        {**GOOD_RUN, "steps": ["finding"], "ended_at": "finding", "outcome": "gave_up"}
    ),
    "too many steps": batch_of({**GOOD_RUN, "steps": ["choosing"] * 33}),
    "a step twice": batch_of({**GOOD_RUN, "steps": ["choosing", "showing", "choosing"]}),
    "no steps": batch_of({**GOOD_RUN, "steps": []}),
    "over-long step name": batch_of({**GOOD_RUN, "steps": ["choosing" * 5], "ended_at": "x"}),
    "over-long journey name": batch_of({**GOOD_RUN, "journey": "ticket" * 50}),
    "a phone number for a step": batch_of(
        {**GOOD_RUN, "steps": ["choosing", "13900139000"], "ended_at": "choosing"}
    ),
    "a name for a step": batch_of({**GOOD_RUN, "steps": ["李四"], "ended_at": "李四"}),
    "ended at a step not reached": batch_of({**GOOD_RUN, "ended_at": "failed"}),
    "finished without its goal": batch_of(
        {**GOOD_RUN, "steps": ["choosing"], "ended_at": "choosing"}
    ),
    "unknown outcome": batch_of({**GOOD_RUN, "outcome": "vanished"}),
    "minutes in the hour": batch_of({**GOOD_RUN, "started_hour": "2026-03-02T09:17:00+08:00"}),
    "no time zone": batch_of({**GOOD_RUN, "started_hour": "2026-03-02T09:00:00"}),
    "last century": batch_of({**GOOD_RUN, "started_hour": "1999-03-02T09:00:00+08:00"}),
    "a session id besides": batch_of({**GOOD_RUN, "session": "3f2a9c"}),
    "an ID number besides": batch_of({**GOOD_RUN, "id_number": "11010519491231002X"}),
    "no runs": batch_of(),
    "too many runs": batch_of(*[GOOD_RUN] * 501),
    "no batch id": {"runs": [GOOD_RUN]},
    "a batch id not hex": batch_of(GOOD_RUN, batch_id="ZZ" * 16),
    "runs not a list": {"batch_id": uuid.uuid4().hex, "runs": GOOD_RUN},
    "a list for a batch": [GOOD_RUN],
    "a number for a batch": 7,
}


@pytest.mark.parametrize("why", list(BAD_BATCHES))
def test_a_bad_batch_is_a_422_problem(hub: EmbeddedHub, tokens: dict[str, str], why: str) -> None:
    answer = send_as(hub, tokens["K1"], BAD_BATCHES[why])
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == m.PROBLEM_MEDIA_TYPE
    assert answer.json()["code"] == "validation_failed"
    assert counts(hub) == (0, 0, 0)


def test_a_good_batch_of_the_same_shape_is_taken(hub: EmbeddedHub, tokens: dict[str, str]) -> None:
    """The bad batches above are bad for what they change, not for the good run they start from."""
    answer = send_as(hub, tokens["K1"], batch_of(*[GOOD_RUN] * 500))
    assert answer.status_code == 201 and answer.json()["runs"] == 500
    assert counts(hub) == (1, 500, 1500)


def test_a_body_that_is_not_json_is_a_problem_too(hub: EmbeddedHub, tokens: dict[str, str]) -> None:
    answer = httpx.post(
        f"{hub.base_url}/api/v1/terminals/me/journey-runs",
        content=b'{"batch_id": "',
        headers={"Authorization": f"Bearer {tokens['K1']}", "Content-Type": "application/json"},
        timeout=30,
    )
    assert answer.status_code == 400 and answer.json()["code"] == "malformed_body"


def test_only_kiosks_send_runs(hub: EmbeddedHub) -> None:
    counter = register(hub, "W-01", "hall", mode="counter")
    with HubClient(hub.base_url, token=counter) as client, pytest.raises(HubRejected) as refused:
        client.send_journey_runs(m.JourneyRunBatch(batch_id=uuid.uuid4().hex, runs=[TAKEN]))
    assert refused.value.status == 403
    nobody = send_as(hub, "not-a-token", batch_of(GOOD_RUN))
    assert nobody.status_code == 401
    assert counts(hub) == (0, 0, 0)
