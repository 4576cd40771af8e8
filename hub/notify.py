"""Several hub processes on one PostgreSQL ring each other's event bells (see ``hub.events``).

Theory of operation. A commit that appended events also sends ``NOTIFY hub_events``: it is sent
in the same transaction (``pg_notify``), so PostgreSQL delivers it at commit and never for a
rollback. Each hub process keeps one connection listening on that channel, on a thread, and rings
its own bell for every notification another process sent; the payload names the sending bell, so
a process does not ring twice for its own commits, and says when the commit changed a queue's
wait rate (``hub.estimate``): the other processes then forget the rates they keep. A dropped
connection is reopened with backoff, the bell rung and the rates forgotten once then for
whatever was committed meanwhile. On SQLite there is one hub
process: nothing is sent or listened to.
"""

from __future__ import annotations

import logging
import select
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from hub.events import Bell

if TYPE_CHECKING:
    import psycopg

logger = logging.getLogger(__name__)

CHANNEL = "hub_events"
APPLICATION_NAME = "yimen-hub-events"  # how a DBA tells the listening connection apart
FIRST_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0
# A server that vanished without closing the connection (a cable, a failover) is noticed by TCP
# keepalives within about 25 s: the wait then fails and the listener reconnects.
KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
}


WAIT_RATES = "wait-rates"  # the payload's second word when the commit changed wait rates


def notify(session: Session, bell: Bell, *, wait_rates: bool = False) -> None:
    """Tell the other hub processes, at this transaction's commit, that it appended events
    (and whether it changed wait rates)."""
    payload = f"{bell.name} {WAIT_RATES}" if wait_rates else bell.name
    session.connection().execute(sql_select(func.pg_notify(CHANNEL, payload)))


def _nothing() -> None:
    pass


@contextmanager
def listening(
    engine: Engine, bell: Bell, on_wait_rates: Callable[[], None] = _nothing
) -> Iterator[None]:
    """While the hub serves, on PostgreSQL: ring ``bell`` for the other processes' events, and
    call ``on_wait_rates`` when they changed wait rates."""
    if engine.dialect.name != "postgresql":
        yield
        return
    if engine.dialect.driver != "psycopg":
        logger.warning(
            "the %s driver cannot listen for other hub processes' events: streams show only"
            " this process's until the database URL says postgresql+psycopg://",
            engine.dialect.driver,
        )
        yield
        return
    listener = Listener(engine, bell, on_wait_rates)
    listener.start()
    try:
        yield
    finally:
        listener.stop()


class Listener:
    """A thread that rings ``bell`` when another hub process on the database committed events."""

    def __init__(
        self,
        engine: Engine,
        bell: Bell,
        on_wait_rates: Callable[[], None] = _nothing,
        *,
        connect_timeout: float = 10.0,
    ) -> None:
        self.engine = engine
        self.bell = bell
        self.on_wait_rates = on_wait_rates
        self.connect_timeout = connect_timeout
        self._stop = threading.Event()
        self._wake, self._waker = socket.socketpair()  # stop() wakes a waiting listener at once
        self._thread = threading.Thread(target=self._run, name="hub-events-listener", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._waker.send(b"\0")
        self._thread.join(timeout)
        if not self._thread.is_alive():  # (else still connecting: it stops when it is through)
            self._wake.close()
            self._waker.close()

    def _run(self) -> None:
        import psycopg

        backoff = FIRST_BACKOFF_SECONDS
        while not self._stop.is_set():
            try:
                with self._connect() as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    backoff = FIRST_BACKOFF_SECONDS
                    # What other processes committed while it was not listening.
                    self.on_wait_rates()
                    self.bell.ring()
                    self._listen(connection)
            except (psycopg.Error, OSError) as exc:
                if self._stop.is_set():
                    break
                logger.warning(
                    "listening for other hub processes' events failed, again in %.1f s: %s",
                    backoff,
                    str(exc).strip(),
                )
                self._stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)

    def _connect(self) -> psycopg.Connection[tuple[object, ...]]:
        import psycopg

        args, params = self.engine.dialect.create_connect_args(self.engine.url)
        params.update(KEEPALIVES, application_name=APPLICATION_NAME)
        params["connect_timeout"] = max(1, round(self.connect_timeout))
        return psycopg.connect(*args, **params, autocommit=True)

    def _listen(self, connection: psycopg.Connection[tuple[object, ...]]) -> None:
        while not self._stop.is_set():
            select.select([connection.fileno(), self._wake.fileno()], [], [])
            for note in connection.notifies(timeout=0):
                sender, _, what = note.payload.partition(" ")
                if sender != self.bell.name:
                    if what == WAIT_RATES:
                        self.on_wait_rates()
                    self.bell.ring()
