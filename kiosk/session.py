"""One citizen's visit: everything personal the terminal holds, and how it forgets it.

A session starts at the first tap after home and ends on "结束办理", on idle timeout or when a
journey finishes. :meth:`Session.end` is the only way to wipe: it tells the screens to clear
what they showed, makes every journey's state it holds forget the citizen (a flow's holder, a
case draft's answers and captured pages, which only ever live in memory), and drops the
identity, so that the next citizen finds nothing.

Journeys register with the session: each new flow is :meth:`held <Session.hold>` by the
session of the moment. A job still working for the citizen when the session ends (a case being
stored reads its draft) takes the state over with :meth:`Session.release` and forgets it itself
when it is done.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

logger = logging.getLogger(__name__)


class Forgettable(Protocol):
    """A journey's personal state (a flow, a draft): ``forget`` drops everything personal."""

    def forget(self) -> None: ...


@dataclass
class Session:
    locale: str = "zh_CN"
    elder_mode: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    identity: Any = None  # the document read from a card or resolved from an identity QR
    held: dict[str, Forgettable] = field(default_factory=dict)  # journey key -> its state
    ended: bool = False
    _on_end: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def on_end(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the session ends (screens clear what they showed)."""
        self._on_end.append(callback)

    def hold(self, key: str, state: Forgettable) -> None:
        """``state`` is this citizen's: forgotten when the session ends (a state it replaces
        is forgotten now)."""
        previous = self.held.get(key)
        if previous is not None and previous is not state:
            previous.forget()
        self.held[key] = state

    def release(self, key: str) -> Forgettable | None:
        """Hand a journey's state to a job still working on it: the session no longer
        forgets it; the job must (see the module's docstring)."""
        return self.held.pop(key, None)

    def end(self) -> None:
        if self.ended:
            return
        callbacks, self._on_end = self._on_end, []
        for callback in callbacks:
            callback()
        for state in self.held.values():
            state.forget()
        self.held.clear()
        self.identity = None
        self.ended = True
        logger.info("session %s ended", self.id)

    @property
    def holds_personal_data(self) -> bool:
        return self.identity is not None or bool(self.held)
