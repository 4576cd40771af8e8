"""Logging for a running terminal: a rotating file an engineer can read after the fact.

Our own code never logs names, full ID numbers or phone numbers; the file is still kept small and
rotated so that nothing lingers for long.
"""

from __future__ import annotations

import logging
import logging.handlers
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
