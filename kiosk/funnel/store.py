"""Journey runs kept on disk until the hub has them.

A run holds nothing personal (contract.models.funnel), so the store is plain SQLite (WAL), not
sealed like the case outbox. Runs go out in batches: :meth:`RunStore.next_batch` names the
oldest runs with a batch id drawn once and written with them before anything is sent, and
hands the same batch back — same id, same runs — until :meth:`RunStore.delivered` drops it.
So a batch whose answer was lost is sent again under its id, and the hub counts it once.

The store is bounded: past ``max_kept`` runs (months of a busy kiosk without its hub) the
oldest not yet in a batch make room, with a warning in the log.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.local_db import immediate

if TYPE_CHECKING:  # the contract's models load with the first run kept or sent
    from contract.models import JourneyRun

logger = logging.getLogger(__name__)

MAX_KEPT = 100_000
BATCH_SIZE = 500  # contract.models.MAX_BATCH_RUNS

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run TEXT NOT NULL,
    batch_id TEXT
);
CREATE INDEX IF NOT EXISTS runs_batch ON runs (batch_id);
"""


@dataclass(frozen=True, slots=True)
class Batch:
    batch_id: str
    runs: list[JourneyRun]


class RunStore:
    def __init__(self, path: Path, *, max_kept: int = MAX_KEPT) -> None:
        self.path = Path(path)
        self.max_kept = max_kept
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _tx(self) -> AbstractContextManager[sqlite3.Connection]:
        return immediate(self._db, self._lock)

    def keep(self, run: JourneyRun) -> None:
        with self._tx() as db:
            db.execute("INSERT INTO runs (run) VALUES (?)", (run.model_dump_json(),))
            (kept,) = db.execute("SELECT count(*) FROM runs").fetchone()
            if kept > self.max_kept:
                dropped = db.execute(
                    "DELETE FROM runs WHERE seq IN (SELECT seq FROM runs WHERE batch_id IS NULL"
                    " ORDER BY seq LIMIT ?)",
                    (kept - self.max_kept,),
                ).rowcount
                logger.warning("journey runs: %d oldest dropped (%d kept)", dropped, kept)

    def depth(self) -> int:
        """Runs the hub does not have yet."""
        with self._lock:
            (n,) = self._db.execute("SELECT count(*) FROM runs").fetchone()
        return int(n)

    def next_batch(self, size: int = BATCH_SIZE) -> Batch | None:
        """The batch to send: the one already named (sent before, not delivered), else the
        ``size`` oldest runs under a new id; None when nothing waits."""
        from pydantic import ValidationError

        from contract.models import JourneyRun

        while True:
            with self._tx() as db:
                batch_id, rows = self._name_batch(db, size)
                runs = []
                for seq, text in rows:
                    try:
                        runs.append(JourneyRun.model_validate_json(text))
                    except ValidationError:  # written by another version, or damaged
                        logger.warning("journey run %d cannot be read; dropped", seq)
                        db.execute("DELETE FROM runs WHERE seq = ?", (seq,))
            if not rows:
                return None
            if runs:
                return Batch(batch_id, runs)

    @staticmethod
    def _name_batch(db: sqlite3.Connection, size: int) -> tuple[str, list[tuple[int, str]]]:
        named = db.execute(
            "SELECT batch_id FROM runs WHERE batch_id IS NOT NULL ORDER BY seq LIMIT 1"
        ).fetchone()
        if named is not None:
            batch_id = str(named[0])
        else:
            batch_id = uuid.uuid4().hex
            db.execute(
                "UPDATE runs SET batch_id = ? WHERE seq IN"
                " (SELECT seq FROM runs ORDER BY seq LIMIT ?)",
                (batch_id, size),
            )
        rows = db.execute(
            "SELECT seq, run FROM runs WHERE batch_id = ? ORDER BY seq", (batch_id,)
        ).fetchall()
        return batch_id, [(int(seq), str(text)) for seq, text in rows]

    def delivered(self, batch_id: str) -> int:
        """The hub has the batch (or will never take it): its runs go."""
        with self._tx() as db:
            return db.execute("DELETE FROM runs WHERE batch_id = ?", (batch_id,)).rowcount
