"""A transition table and the little machine that walks it."""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Generic, TypeVar

from kiosk.errors import KioskError

S = TypeVar("S", bound=enum.Enum)
E = TypeVar("E", bound=enum.Enum)


class FlowError(KioskError):
    """The caller fired an event the current state does not accept (a programming error)."""


class StateMachine(Generic[S, E]):
    def __init__(self, initial: S, transitions: Mapping[tuple[S, E], S]) -> None:
        self._state = initial
        self._transitions = dict(transitions)
        self._listeners: list[Callable[[S], None]] = []

    @property
    def state(self) -> S:
        return self._state

    def accepts(self, event: E) -> bool:
        return (self._state, event) in self._transitions

    def fire(self, event: E) -> S:
        try:
            self._state = self._transitions[(self._state, event)]
        except KeyError:
            raise FlowError(
                f"event {event.name} is not allowed in state {self._state.name}"
            ) from None
        for listener in list(self._listeners):
            listener(self._state)
        return self._state

    def on_change(self, listener: Callable[[S], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None
