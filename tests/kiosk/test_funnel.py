"""The kiosk side of the funnel, headless: the journeys' states are the contract's steps, a run
follows a flow and says how it ended, and the store keeps a batch (and its id) until the hub
has it."""

from __future__ import annotations

import enum
import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from contract import models as m
from drivers.idcard.samples import sample_resident
from kiosk.funnel.store import RunStore
from kiosk.funnel.trail import JourneyRecorder
from kiosk.identity import holder_of
from kiosk.journeys.case.flow import CaseState
from kiosk.journeys.checkin.flow import CheckInState
from kiosk.journeys.complaint.flow import ComplaintState
from kiosk.journeys.credit.flow import CreditState
from kiosk.journeys.progress.flow import ProgressState
from kiosk.journeys.rating.flow import RatingFlow, RatingState, Subject
from kiosk.journeys.ticket.flow import IssueFailure, TicketFlow, TicketState

J, R = m.JourneyName, m.RunOutcome
CST = timezone(timedelta(hours=8))
STATES: dict[m.JourneyName, type[enum.Enum]] = {
    J.TICKET: TicketState,
    J.CASE: CaseState,
    J.CHECKIN: CheckInState,
    J.PROGRESS: ProgressState,
    J.RATING: RatingState,
    J.CREDIT: CreditState,
    J.COMPLAINT: ComplaintState,
}


@pytest.mark.parametrize("journey", list(J))
def test_a_journeys_states_are_the_funnels_steps_in_order(journey: m.JourneyName) -> None:
    states = [s.value for s in STATES[journey] if s.name != "DONE"]
    assert tuple(states) == m.JOURNEY_STEPS[journey].steps


class Kept(list[m.JourneyRun]):
    def __call__(self, run: m.JourneyRun) -> None:
        self.append(run)


def recorder(kept: Kept) -> JourneyRecorder:
    return JourneyRecorder(kept, clock=lambda: datetime(2026, 3, 2, 9, 41, 17, 5, tzinfo=CST))


def test_a_real_name_ticket_is_counted_with_nothing_of_the_holder() -> None:
    kept = Kept()
    runs = recorder(kept)
    flow = TicketFlow()
    runs.begin("ticket", flow.machine)
    flow.choose("general", real_name=True)
    card = sample_resident()
    flow.presented(holder=holder_of(card))
    flow.failed(IssueFailure("hub_unreachable"))
    flow.retry()  # issuing again: a step reached twice counts once
    flow.issued(object())  # type: ignore[arg-type]
    flow.dismiss()  # DONE: back to the window, which ends the session
    run = runs.end("journey")
    assert kept == [run] and run is not None
    assert run.steps == ["choosing", "identifying", "issuing", "failed", "showing"]
    assert (run.ended_at, run.outcome) == ("showing", R.FINISHED)
    assert run.started_hour == datetime(2026, 3, 2, 9, tzinfo=CST)
    text = run.model_dump_json()
    assert set(json.loads(text)) == {"journey", "steps", "ended_at", "outcome", "started_hour"}
    for needle in (card.name or "", card.id_number or "", (card.id_number or "")[-6:], "general"):
        assert needle not in text
    assert runs.end("finish") is None  # ended once


@pytest.mark.parametrize(
    ("walk", "why", "ended_at", "outcome"),
    [
        ([], "finish", "choosing", R.GAVE_UP),  # 结束办理 on the first page
        (["back"], "journey", "choosing", R.GAVE_UP),  # the way home
        (["real_name"], "idle", "identifying", R.TIMED_OUT),
        (["real_name", "back"], "idle", "choosing", R.TIMED_OUT),  # went back, then left
        (["real_name", "present", "fail"], "finish", "failed", R.FAILED),
        (["real_name", "present", "fail"], "idle", "failed", R.FAILED),
        (["choose", "issued"], "idle", "showing", R.FINISHED),  # walked off with the ticket
        (["choose", "issued", "dismiss"], "journey", "showing", R.FINISHED),
    ],
)
def test_how_a_ticket_run_ended(
    walk: list[str], why: str, ended_at: str, outcome: m.RunOutcome
) -> None:
    kept = Kept()
    runs = recorder(kept)
    flow = TicketFlow()
    runs.begin("ticket", flow.machine)
    steps = {
        "back": flow.back,
        "real_name": lambda: flow.choose("general", real_name=True),
        "choose": lambda: flow.choose("general"),
        "present": lambda: flow.presented(code="YM1:I:x"),
        "fail": lambda: flow.failed(IssueFailure("hub_failure")),
        "issued": lambda: flow.issued(object()),  # type: ignore[arg-type]
        "dismiss": flow.dismiss,
    }
    for step in walk:
        steps[step]()
    run = runs.end(why)
    assert run is not None and (run.ended_at, run.outcome) == (ended_at, outcome)


def test_a_rating_offered_after_a_case_starts_at_checking() -> None:
    kept = Kept()
    runs = recorder(kept)
    flow = RatingFlow(Subject(m.SubjectType.CASE, "", "YM20260302000001", from_receipt=True))
    runs.begin("rating", flow.machine)
    run = runs.end("idle")
    assert run is not None and run.steps == ["checking"] and run.outcome is R.TIMED_OUT


def test_one_run_at_a_time_and_none_for_an_unknown_journey() -> None:
    kept = Kept()
    runs = recorder(kept)
    first, second = TicketFlow(), TicketFlow()
    runs.begin("ticket", first.machine)
    runs.begin("ticket", second.machine)  # the first ends: given up where it was
    assert [r.outcome for r in kept] == [R.GAVE_UP]
    first.choose("general")  # no longer followed
    runs.begin("lottery", TicketFlow().machine)  # no such journey: the second ends, no run
    assert runs.running is None and len(kept) == 2
    second.choose("general")
    assert runs.end("finish") is None and kept[1].steps == ["choosing"]


def test_a_run_that_cannot_be_kept_does_not_stop_the_session() -> None:
    def full_disk(run: m.JourneyRun) -> None:
        raise OSError(28, "No space left on device")

    runs = JourneyRecorder(full_disk)
    runs.begin("ticket", TicketFlow().machine)
    run = runs.end("finish")
    assert run is not None and runs.running is None


def run_at(hour: int, journey: m.JourneyName = J.TICKET) -> m.JourneyRun:
    step = m.JOURNEY_STEPS[journey].steps[0]
    return m.JourneyRun(
        journey=journey,
        steps=[step],
        ended_at=step,
        outcome=R.GAVE_UP,
        started_hour=datetime(2026, 3, 2, hour, tzinfo=UTC),
    )


def test_a_batch_keeps_its_id_and_its_runs_until_delivered(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite3"
    store = RunStore(path)
    for hour in range(5):
        store.keep(run_at(hour))
    first = store.next_batch(size=3)
    assert first is not None and [r.started_hour.hour for r in first.runs] == [0, 1, 2]
    store.keep(run_at(9))
    store.close()
    # A restart (or a lost answer) before delivery: the same batch, same id, same runs.
    store = RunStore(path)
    again = store.next_batch(size=3)
    assert again == first
    assert store.delivered(first.batch_id) == 3 and store.depth() == 3
    rest = store.next_batch(size=3)
    assert rest is not None and rest.batch_id != first.batch_id
    assert [r.started_hour.hour for r in rest.runs] == [3, 4, 9]
    store.delivered(rest.batch_id)
    assert store.next_batch() is None and store.depth() == 0
    store.close()


def test_the_store_is_bounded_and_skips_what_it_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "runs.sqlite3"
    store = RunStore(path, max_kept=3)
    for hour in range(5):
        store.keep(run_at(hour))
    assert store.depth() == 3  # the two oldest made room
    with sqlite3.connect(path) as db:
        db.execute('UPDATE runs SET run = \'{"journey": "lottery"}\' WHERE seq = 3')
    batch = store.next_batch()
    assert batch is not None and [r.started_hour.hour for r in batch.runs] == [3, 4]
    store.close()


def test_a_run_refuses_what_a_run_is_not() -> None:
    good = run_at(9).model_dump(mode="json")
    with pytest.raises(ValidationError, match="no step"):
        m.JourneyRun.model_validate({**good, "journey": "case"})
    with pytest.raises(ValidationError, match="finished"):
        m.JourneyRun.model_validate({**good, "outcome": "finished"})
    with pytest.raises(ValidationError, match="an hour"):
        m.JourneyRun.model_validate({**good, "started_hour": "2026-03-02T09:30:00+08:00"})
    with pytest.raises(ValidationError, match="pattern"):
        m.JourneyRun.model_validate({**good, "steps": ["a" * 33]})
    with pytest.raises(ValidationError):
        m.JourneyRun.model_validate({**good, "name": "王示例"})
