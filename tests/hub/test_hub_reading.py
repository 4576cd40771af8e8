"""Reading sessions: they see the last commit without waiting for a writer, and cannot write."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import select

from hub.db import KeyValue
from hub.embedded import EmbeddedHub


def test_a_read_runs_beside_a_writer_and_sees_the_last_commit(hub: EmbeddedHub) -> None:
    ctx = hub.context
    written, release = threading.Event(), threading.Event()

    def writer() -> None:
        with ctx.transaction() as session:
            session.add(KeyValue(key="pending", value="not yet committed"))
            session.flush()  # the write lock is held from here until the commit
            written.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert written.wait(10)
        began = time.monotonic()
        with ctx.reading() as session:
            pending = session.execute(select(KeyValue).where(KeyValue.key == "pending")).first()
        assert time.monotonic() - began < 1  # did not wait for the writer's commit
        assert pending is None
    finally:
        release.set()
        thread.join(10)
    with ctx.reading() as session:
        assert session.get(KeyValue, "pending") is not None


def test_a_reading_session_refuses_to_write(hub: EmbeddedHub) -> None:
    with pytest.raises(RuntimeError, match="cannot write"), hub.context.reading() as session:
        session.add(KeyValue(key="sneaked", value="in"))
        session.commit()
    with hub.context.reading() as session:
        assert session.get(KeyValue, "sneaked") is None
