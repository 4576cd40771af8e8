"""One citizen's visit: everything personal the terminal holds, and how it forgets it.

A session starts at the first tap after home and ends on "结束办理", on idle timeout or when a
journey finishes. Ending it drops every reference to personal data (identity, form answers,
captured pages) and deletes captured files, so that the next citizen finds nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


@dataclass
class Session:
    locale: str = "zh_CN"
    elder_mode: bool = False
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    identity: Any = None  # the document read from a card or resolved from an identity QR
    answers: dict[str, Any] = field(default_factory=dict)
    captured_files: list[Path] = field(default_factory=list)
    _on_end: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def on_end(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` when the session ends (screens clear what they showed)."""
        self._on_end.append(callback)

    def end(self) -> None:
        for path in self.captured_files:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                logger.warning("could not delete a captured page: %s", exc.strerror)
        self.captured_files.clear()
        self.identity = None
        self.answers.clear()
        callbacks, self._on_end = self._on_end, []
        for callback in callbacks:
            callback()
        logger.info("session %s ended", self.id)

    @property
    def holds_personal_data(self) -> bool:
        return self.identity is not None or bool(self.answers) or bool(self.captured_files)
