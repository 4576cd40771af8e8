"""The baselines of bench/hub.py's ticket figures: the least a FastAPI + SQLite endpoint can do.

    python bench/minimal_endpoint.py sqlite3|sqlalchemy DB_FILE

Prints ``serving on http://127.0.0.1:PORT`` and serves ``POST /tickets``: read a small JSON
body, insert one row and commit it, answer a small JSON body. It is served the way
``kiosk hub serve`` is (one uvicorn process on a socket from ``hub.listen``, no access log) and
commits the way the hub does (WAL, ``synchronous=FULL``, ``BEGIN IMMEDIATE``). ``sqlite3``
inserts with the standard library alone; ``sqlalchemy`` with an ORM session on the hub's own
engine (``hub.db.make_engine``), the stack the hub is built on. The difference between the hub
and these is the hub's own work: auth, numbering, limits, the waiting estimate, its models.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

sys.path[0] = str(Path(__file__).resolve().parent.parent)  # bench/hub.py would shadow `hub`


class TicketRequest(BaseModel):
    category_code: str


class Issued(BaseModel):
    ticket_id: str
    category_code: str


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "tickets"
    ticket_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    category_code: Mapped[str] = mapped_column(String(64))


def with_sqlite3(db_file: str) -> Callable[[str], None]:
    local = threading.local()

    def insert(category: str) -> None:
        if not hasattr(local, "db"):
            local.db = sqlite3.connect(db_file, isolation_level=None, check_same_thread=False)
            local.db.execute("PRAGMA busy_timeout=60000")  # first: the others wait, not fail
            local.db.execute("PRAGMA synchronous=FULL")
        local.db.execute("BEGIN IMMEDIATE")
        local.db.execute("INSERT INTO tickets VALUES (?, ?)", (uuid.uuid4().hex, category))
        local.db.execute("COMMIT")

    with sqlite3.connect(db_file) as db:
        # WAL once, before any client: switching it needs the database to itself, and 50
        # threads each switching it at their first insert could fail with "database is locked".
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS tickets (id TEXT PRIMARY KEY, category TEXT)")
    return insert


def with_sqlalchemy(db_file: str) -> Callable[[str], None]:
    from hub.db import make_engine

    engine = make_engine(f"sqlite:///{db_file}")
    Base.metadata.create_all(engine)

    def insert(category: str) -> None:
        with Session(engine) as session, session.begin():
            session.add(Row(ticket_id=uuid.uuid4().hex, category_code=category))

    return insert


def main(kind: str, db_file: str) -> None:
    import uvicorn
    from fastapi import FastAPI

    from hub.listen import listening_socket

    insert = {"sqlite3": with_sqlite3, "sqlalchemy": with_sqlalchemy}[kind](db_file)
    app = FastAPI()

    @app.post("/tickets", status_code=201)
    def issue(body: TicketRequest) -> Issued:
        insert(body.category_code)
        return Issued(ticket_id=uuid.uuid4().hex, category_code=body.category_code)

    sock = listening_socket("127.0.0.1", 0)
    print(f"serving on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main(*sys.argv[1:3])
