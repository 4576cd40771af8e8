"""Logging for a running terminal: the journal when systemd runs it (yimen-kiosk.service), else
a rotating file an engineer can read after the fact.

Our own code never logs names, full ID numbers or phone numbers; the file is still kept small and
rotated so that nothing lingers for long.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_to_file(folder: Path, level: int = logging.INFO) -> Path:
    path = folder / "kiosk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return path


def log_to_journal_or_file(
    folder: Callable[[], Path], level: int = logging.INFO, environ: Mapping[str, str] | None = None
) -> str:
    """Where the terminal's log goes: stderr when systemd connected it to the journal (it sets
    ``$JOURNAL_STREAM``; the journal stamps time and unit itself), else a file in ``folder()``."""
    env = os.environ if environ is None else environ
    if not env.get("JOURNAL_STREAM"):
        return str(log_to_file(folder(), level))
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    return "journal"
