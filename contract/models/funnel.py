"""Journey runs (the kiosk funnel): how far citizens got in each journey, and where they left.

When a citizen's session at a kiosk ends, the terminal keeps one **run** of the journey they were
in: the journey, the steps it reached (step names, in the order first reached), the step it
ended at, how it ended and the hour it started. That is all: no session id, no ticket or case
number, nothing of the person — step names are lower-case letters, so a run cannot carry a
name, an ID number or a phone number. Sessions are counted, never identified.

Runs go to the hub in batches (``POST /terminals/me/journey-runs``); a batch is named by an id
the terminal draws once and keeps, so a batch sent again after a lost answer is not counted
twice. The journeys and their steps are listed here, in journey order, for both sides: the
kiosk's flows walk these states (tests/kiosk/test_funnel.py holds them to it) and the hub's
funnel report lists the steps in this order.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Self

from pydantic import AwareDatetime, Field, StringConstraints, model_validator

from contract.models.common import MAX_INT, ContractModel
from contract.models.reports import FIRST_REPORT_DAY, LAST_REPORT_DAY

MAX_RUN_STEPS = 32  # a journey's steps, with room to grow
MAX_BATCH_RUNS = 500  # runs in one batch
StepName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,31}$")]
BatchId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class JourneyName(enum.StrEnum):
    """The citizen's journeys at a kiosk, in the order home offers them."""

    TICKET = "ticket"  # 取号
    CASE = "case"  # 自助办事
    CHECKIN = "checkin"  # 预约签到
    PROGRESS = "progress"  # 进度查询
    RATING = "rating"  # 好差评
    CREDIT = "credit"  # 信用查询
    COMPLAINT = "complaint"  # 投诉建议


class RunOutcome(enum.StrEnum):
    """How a run ended. A journey that reached its goal is finished however the session ended
    after (a citizen who walks off with the ticket is served); one that ended on a refusal or
    a failure the journey showed is failed; otherwise the idle timer ended it (timed out) or
    the citizen did (gave up: 结束办理, or the way home)."""

    FINISHED = "finished"
    GAVE_UP = "gave_up"
    TIMED_OUT = "timed_out"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class JourneySteps:
    steps: tuple[str, ...]  # in journey order
    goals: frozenset[str]  # reaching one of these is what the citizen came for
    failures: frozenset[str]  # ending at one of these is a failure


JOURNEY_STEPS: dict[JourneyName, JourneySteps] = {
    JourneyName.TICKET: JourneySteps(
        ("choosing", "identifying", "issuing", "showing", "failed"),
        frozenset({"showing"}),
        frozenset({"failed"}),
    ),
    JourneyName.CASE: JourneySteps(
        (
            "finding",
            "guide",
            "identifying",
            "company",  # which company applies (items serving companies)
            "form",
            "materials",
            "delivery",
            "review",
            "storing",
            "receipt",
            "failed",
        ),
        frozenset({"receipt"}),
        frozenset({"failed"}),
    ),
    JourneyName.CHECKIN: JourneySteps(
        ("waiting", "checking", "showing", "refused"),
        frozenset({"showing"}),
        frozenset({"refused"}),
    ),
    JourneyName.PROGRESS: JourneySteps(
        ("collecting", "looking", "listing", "showing", "refused"),
        frozenset({"showing"}),
        frozenset({"refused"}),
    ),
    JourneyName.RATING: JourneySteps(
        ("scanning", "checking", "rating", "submitting", "thanked", "refused"),
        frozenset({"thanked"}),
        frozenset({"refused"}),
    ),
    JourneyName.CREDIT: JourneySteps(
        ("identifying", "looking", "showing", "refused"),
        frozenset({"showing"}),
        frozenset({"refused"}),
    ),
    JourneyName.COMPLAINT: JourneySteps(
        ("about", "writing", "contact", "sending", "sent", "failed"),
        frozenset({"sent"}),
        frozenset({"failed"}),
    ),
}


class JourneyRun(ContractModel):
    """One citizen's run through one journey: no more than this leaves the terminal."""

    journey: JourneyName
    steps: list[StepName] = Field(min_length=1, max_length=MAX_RUN_STEPS)  # first reached first
    ended_at: StepName  # the step the citizen was at when the session ended
    outcome: RunOutcome
    started_hour: AwareDatetime  # the hour the run started, hall time: minutes are always 0

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        known = JOURNEY_STEPS[self.journey]
        unknown = [step for step in self.steps if step not in known.steps]
        if unknown:
            raise ValueError(f"{self.journey.value} has no step {unknown[0]!r}")
        if len(set(self.steps)) != len(self.steps):
            raise ValueError("a step is listed twice")
        if self.ended_at not in self.steps:
            raise ValueError("the run ended at a step it did not reach")
        if self.outcome is RunOutcome.FINISHED and not known.goals & set(self.steps):
            raise ValueError(f"a finished {self.journey.value} run reaches {sorted(known.goals)}")
        hour = self.started_hour
        if (hour.minute, hour.second, hour.microsecond) != (0, 0, 0):
            raise ValueError("started_hour is an hour (minutes and seconds 0)")
        if not FIRST_REPORT_DAY <= hour.date() <= LAST_REPORT_DAY:
            raise ValueError(f"started_hour is between {FIRST_REPORT_DAY} and {LAST_REPORT_DAY}")
        return self


class JourneyRunBatch(ContractModel):
    """``POST /terminals/me/journey-runs``: runs this terminal kept, under an id it drew once
    (the same id when it sends the same batch again)."""

    batch_id: BatchId
    runs: list[JourneyRun] = Field(min_length=1, max_length=MAX_BATCH_RUNS)


class JourneyRunsReceived(ContractModel):
    batch_id: BatchId
    runs: int = Field(ge=0, le=MAX_INT)  # runs the batch holds, counted once
    received_at: datetime  # when the hub first received the batch
    repeated: bool = False  # the batch had been received before: nothing counted again
