"""Schema migrations: alembic, configured in code (no ``alembic.ini``).

Theory of operation
-------------------
The revisions live in the package (``hub/alembic/versions/``, shipped in the wheel with
``env.py`` and ``script.py.mako``), so a hub embedded in a kiosk migrates its database on start
just like a standalone one. ``upgrade(engine)`` does all its work on one connection in one
transaction, handed to ``env.py`` through ``Config.attributes["connection"]``: on SQLite that
transaction holds the writers' lock from its first statement (``BEGIN IMMEDIATE``, see
``hub.db``), so two hubs starting together migrate once. Revisions are written in batch mode
(``render_as_batch``): SQLite changes most things by copying a table into a new one, so while
migrating there it does not enforce foreign keys (dropping the old copy would otherwise delete or
refuse the rows pointing at it) and checks them all before committing. ``upgrade`` is idempotent.

Before alembic the hub kept its own ``schema_version`` table, versions 1 to 7. A database that has
that table and no ``alembic_version`` is *adopted*: below version 7 it first runs the remaining
legacy steps (``LEGACY_STEPS``, frozen: they must never change), then it is stamped at
``BASELINE`` — the revision that creates exactly schema 7 on an empty database — without touching
its rows. An empty database runs the revisions from ``BASELINE``. Either way ``schema_version``
stays (it is part of schema 7) and gains one row, version 8 "moved to alembic": a hub from before
alembic reads it as a newer schema and refuses to start rather than run on tables it does not
know. Nothing reads ``schema_version`` once ``alembic_version`` exists.

A database at a revision this code does not know, or with a ``schema_version`` above 7 and no
``alembic_version``, was written by a newer hub: ``SchemaTooNew``, and it is left as it was.

A new revision: ``PYTHONPATH=. python tools/hub_revision.py "what it does"`` autogenerates one
against a scratch database at head; review it by hand (batch operations, data moves): it is frozen
once released.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import Script, ScriptDirectory
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    func,
    inspect,
    select,
)
from sqlalchemy.engine import Engine

from hub.db import UtcDateTime, make_engine

logger = logging.getLogger(__name__)

SCRIPT_LOCATION = Path(__file__).with_name("alembic")
BASELINE = "schema7"  # the revision that creates schema_version 7's tables on an empty database
LEGACY_LATEST = 7
ALEMBIC_MARKER = LEGACY_LATEST + 1  # the schema_version row that turns pre-alembic hubs away


class SchemaTooNew(RuntimeError):
    """The database was migrated by a newer hub: refused rather than guessed at."""


def config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, in code; ``connection`` is the one ``env.py`` migrates."""
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    # Date first: revision files sort in the order they were written.
    cfg.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The newest revision of this code (two heads after a merge of branches: alembic refuses)."""
    revision = ScriptDirectory.from_config(config()).get_current_head()
    assert revision is not None, "no revision in hub/alembic/versions"
    return revision


def current_revision(engine: Engine) -> str | None:
    """The database's alembic revision; None for an empty or not yet adopted database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> str | None:
    """Bring the database to ``head()``, adopting a pre-alembic one on the way; return the
    revision it had before (None: it was empty or kept only ``schema_version``)."""
    script = ScriptDirectory.from_config(config())
    known = {revision.revision for revision in script.walk_revisions()}
    with _migrating(engine) as connection:
        before = MigrationContext.configure(connection).get_current_heads()
        unknown = [revision for revision in before if revision not in known]
        if unknown:
            raise SchemaTooNew(
                f"The hub database is at schema revision {', '.join(unknown)}, which this hub "
                f"does not know (its newest is {script.get_current_head()}): a newer hub "
                "migrated it."
            )
        if not before:
            legacy = _legacy_version(connection)
            if legacy > LEGACY_LATEST:
                raise SchemaTooNew(
                    f"The hub database is at schema version {legacy}, newer than this hub "
                    f"({LEGACY_LATEST})."
                )
            if legacy:
                _adopt(connection, legacy)
        command.upgrade(config(connection), "head")
        _mark_moved(connection)
    after = script.get_current_head()
    if before != (after,):
        logger.info("hub schema migrated from %s to %s", ", ".join(before) or "nothing", after)
    return before[0] if before else None


def new_revision(message: str) -> Path:
    """Write a revision autogenerated against a scratch SQLite database at head (developers:
    review it by hand before committing)."""
    engine = make_engine("sqlite://")
    try:
        upgrade(engine)
        with engine.begin() as connection:
            script = command.revision(config(connection), message, autogenerate=True)
    finally:
        engine.dispose()
    assert isinstance(script, Script)
    return Path(script.path)


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One connection, one transaction; on SQLite foreign keys are not enforced while it runs
    (batch mode drops and recreates tables) and are all checked before it commits."""
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        if not isinstance(raw, sqlite3.Connection):
            with connection.begin():
                yield connection
            return
        # PRAGMA foreign_keys is ignored inside a transaction: set on the driver's connection
        # before the first statement begins one.
        enforced = bool(raw.execute("PRAGMA foreign_keys").fetchone()[0])
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left rows with broken references: {broken}")
        finally:
            raw.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")


# --- the pre-alembic mechanism, frozen -------------------------------------------------------
# Tables as these steps knew them: never today's models, which move on.
_LEGACY = MetaData()
_SCHEMA_VERSION = Table(
    "schema_version",
    _LEGACY,
    Column("version", Integer, primary_key=True),
    Column("applied_at", UtcDateTime(), nullable=False),
    Column("description", String(200), nullable=False),
)
_IDENTITY_SUBJECTS = Table(
    "identity_subjects",
    _LEGACY,
    Column("subject", String(64), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("id_number", String(32), nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)


def _legacy_version(connection: Connection) -> int:
    if not inspect(connection).has_table(_SCHEMA_VERSION.name):
        return 0
    return connection.execute(select(func.max(_SCHEMA_VERSION.c.version))).scalar() or 0


def _add_column(connection: Connection, table: str, column: str, ddl: str) -> None:
    # Some pre-alembic hubs created a table from models that already had the column.
    if column not in {c["name"] for c in inspect(connection).get_columns(table)}:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")


def _v4_follow_up(connection: Connection) -> None:
    timestamp = (
        "TIMESTAMP WITH TIME ZONE" if connection.dialect.name == "postgresql" else "DATETIME"
    )
    _add_column(connection, "evaluations", "follow_up", "TEXT")
    _add_column(connection, "evaluations", "followed_up_at", timestamp)


# (version, description, step) from version 2 on: a database at version 1 or later has version 1's
# tables, and an empty one is created by the alembic baseline.
LEGACY_STEPS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (2, "identity code subjects", lambda c: _IDENTITY_SUBJECTS.create(c, checkfirst=True)),
    (3, "ticket number step",
     lambda c: _add_column(c, "ticket_categories", "step", "INTEGER NOT NULL DEFAULT 1")),
    (4, "evaluation follow-up", _v4_follow_up),
    (5, "case identity source",
     lambda c: _add_column(c, "cases", "applicant_identity_source", "VARCHAR(24)")),
    (6, "ticket item", lambda c: _add_column(c, "tickets", "item_code", "VARCHAR(64)")),
    (7, "case receipt code hash",
     lambda c: _add_column(c, "cases", "receipt_code_hash", "VARCHAR(64)")),
)  # fmt: skip


def _record(connection: Connection, version: int, description: str) -> None:
    connection.execute(
        _SCHEMA_VERSION.insert().values(
            version=version, applied_at=datetime.now(UTC), description=description
        )
    )


def _adopt(connection: Connection, legacy: int) -> None:
    for version, description, step in LEGACY_STEPS:
        if version > legacy:
            step(connection)
            _record(connection, version, description)
            logger.info("hub schema: legacy step %d (%s)", version, description)
    command.stamp(config(connection), BASELINE)
    logger.info("hub schema at schema_version %d adopted by alembic at %s", legacy, BASELINE)


def _mark_moved(connection: Connection) -> None:
    if _legacy_version(connection) < ALEMBIC_MARKER:
        _record(connection, ALEMBIC_MARKER, "moved to alembic (alembic_version)")
