"""The terminal's own SQLite files (the outbox, the funnel's runs): one way to write to them."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def immediate(db: sqlite3.Connection, lock: threading.Lock) -> Iterator[sqlite3.Connection]:
    """A write transaction on a connection opened with ``isolation_level=None``: BEGIN
    IMMEDIATE takes the write lock at once (no upgrade to fail later); rolled back on any
    error, committed otherwise. ``lock`` keeps the process's threads to one at a time."""
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
