"""A journey run: the steps one citizen's journey reached, and how it ended.

Theory of operation: when a journey opens for a citizen, :meth:`JourneyRecorder.begin` starts a
:class:`JourneyTrail` on the journey's flow: it notes the state the flow is in, then every state
it moves to — the states are the funnel's steps (``contract.models.JOURNEY_STEPS``; DONE, the
way back to the window, is none) — and the last one it was at. When the citizen's session ends
(:meth:`JourneyRecorder.end`, with the window's reason), the trail stops following the flow and
becomes a :class:`~contract.models.JourneyRun`: the steps reached in the order first reached, the
step it ended at, how it ended (:func:`outcome_of`) and the hour it started. Nothing else is
read from the flow: its data (the person, the case, the ticket) never reaches the run.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kiosk.journeys.machine import StateMachine

if TYPE_CHECKING:  # the contract's models load with the first journey, not with the kiosk
    from contract.models import JourneyName, JourneyRun, RunOutcome

logger = logging.getLogger(__name__)

# The window's reasons for ending a session that mean the idle timer ended it.
TIMED_OUT = frozenset({"idle"})


def local_now() -> datetime:
    return datetime.now().astimezone()


def outcome_of(journey: JourneyName, steps: list[str], ended_at: str, why: str) -> RunOutcome:
    """Finished when the journey reached what the citizen came for (however the session ended
    after); failed when it ended on a refusal or failure; else timed out (``why`` is the idle
    timer) or given up."""
    from contract.models import JOURNEY_STEPS, RunOutcome

    spec = JOURNEY_STEPS[journey]
    if spec.goals.intersection(steps):
        return RunOutcome.FINISHED
    if ended_at in spec.failures:
        return RunOutcome.FAILED
    if why in TIMED_OUT:
        return RunOutcome.TIMED_OUT
    return RunOutcome.GAVE_UP


class JourneyTrail:
    """The steps one run of ``journey`` has reached so far, following its flow's machine."""

    def __init__(
        self, journey: JourneyName, machine: StateMachine[Any, Any], started: datetime
    ) -> None:
        from contract.models import JOURNEY_STEPS

        self.journey = journey
        self.started_hour = started.replace(minute=0, second=0, microsecond=0)
        self.steps: list[str] = []
        self.at = ""
        self._known = JOURNEY_STEPS[journey].steps
        self._step(machine.state)
        self._unsubscribe = machine.on_change(self._step)

    def _step(self, state: enum.Enum) -> None:
        step = str(state.value)
        if step not in self._known:
            return  # DONE: the journey hands the citizen back to the window
        self.at = step
        if step not in self.steps:
            self.steps.append(step)

    def close(self, why: str) -> JourneyRun | None:
        """Stop following the flow; the run (None if it never reached a step)."""
        from contract.models import JourneyRun

        self._unsubscribe()
        if not self.steps:
            return None
        outcome = outcome_of(self.journey, self.steps, self.at, why)
        return JourneyRun(
            journey=self.journey,
            steps=self.steps,
            ended_at=self.at,
            outcome=outcome,
            started_hour=self.started_hour,
        )


class JourneyRecorder:
    """Begins a run when a journey opens for a citizen, and hands it to ``keep`` when their
    session ends. One run at a time: a journey opened while another runs ends that one."""

    def __init__(
        self, keep: Callable[[JourneyRun], None], *, clock: Callable[[], datetime] = local_now
    ) -> None:
        self._keep = keep
        self._clock = clock
        self._trail: JourneyTrail | None = None

    @property
    def running(self) -> JourneyName | None:
        return self._trail.journey if self._trail is not None else None

    def begin(self, journey: str, machine: StateMachine[Any, Any]) -> None:
        """``journey`` (a home tile's key) opened for the citizen, its flow walking ``machine``."""
        from contract.models import JourneyName

        self.end("journey")
        try:
            name = JourneyName(journey)
        except ValueError:
            logger.warning("no funnel for the journey %r", journey)
            return
        self._trail = JourneyTrail(name, machine, self._clock())

    def end(self, why: str) -> JourneyRun | None:
        """The citizen's session ended (``why``: the window's reason): keep the run, if any."""
        trail, self._trail = self._trail, None
        if trail is None:
            return None
        run = trail.close(why)
        if run is not None:
            try:  # a full disk must not stop the session from ending
                self._keep(run)
            except Exception:
                logger.exception("a journey run could not be kept")
        return run
