from __future__ import annotations

import enum

import pytest

from kiosk.journeys.machine import FlowError, StateMachine


class S(enum.Enum):
    A = 1
    B = 2


class E(enum.Enum):
    GO = 1
    BACK = 2


def test_fires_known_transitions_and_notifies() -> None:
    machine = StateMachine(S.A, {(S.A, E.GO): S.B, (S.B, E.BACK): S.A})
    seen: list[S] = []
    stop = machine.on_change(seen.append)
    assert machine.fire(E.GO) is S.B
    stop()
    machine.fire(E.BACK)
    assert seen == [S.B]
    assert machine.state is S.A


def test_refuses_unknown_transition() -> None:
    machine = StateMachine(S.A, {(S.A, E.GO): S.B})
    assert not machine.accepts(E.BACK)
    with pytest.raises(FlowError, match="BACK is not allowed in state A"):
        machine.fire(E.BACK)
    assert machine.state is S.A
