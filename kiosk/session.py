"""One citizen's visit: everything personal the terminal holds, and how it forgets it.

A session starts at the first tap after home and ends on "结束办理", on idle timeout or when a
journey finishes. :meth:`Session.end` is the only way to wipe: it tells the screens to clear
what they showed, makes every journey's state it holds forget the citizen (a flow's holder, a
case draft's answers and pages), deletes the captured files, and drops the identity, so that
the next citizen finds nothing.

Journeys register with the session: each new flow or draft is :meth:`held <Session.hold>` by
the session of the moment, each captured page :meth:`kept <Session.keep_file>`. A job still
working for the citizen when the session ends (a case being stored reads its pages) takes its
state and files over with :meth:`Session.release` and forgets them itself when it is done.
"""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
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
    captured_files: list[Path] = field(default_factory=list)  # files or folders of pages
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

    def keep_file(self, path: Path) -> None:
        """A file or folder with this citizen's data (captured pages): deleted at the end."""
        if path not in self.captured_files:
            self.captured_files.append(path)

    def release(self, key: str, files: Iterable[Path] = ()) -> Forgettable | None:
        """Hand a journey's state and files to a job still working on them: the session no
        longer forgets or deletes them; the job must (see the module's docstring)."""
        for path in files:
            if path in self.captured_files:
                self.captured_files.remove(path)
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
        removed = delete_files(self.captured_files)
        self.captured_files.clear()
        self.identity = None
        self.ended = True
        logger.info("session %s ended (%d captured files deleted)", self.id, removed)

    @property
    def holds_personal_data(self) -> bool:
        return self.identity is not None or bool(self.held) or bool(self.captured_files)


def delete_files(paths: Iterable[Path]) -> int:
    """Delete files and folders of a citizen's pages; returns how many of them were there."""
    removed = 0
    for path in paths:
        try:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except FileNotFoundError:
            continue
        except OSError as exc:
            logger.warning("could not delete a captured page: %s", exc.strerror)
    return removed
