"""Schema migrations: a small versioned table instead of alembic.

Why not alembic: the hub also runs embedded inside a kiosk from an installed wheel, where an
``alembic.ini`` and a script directory are extra moving parts; the schema is small and must work
on SQLite (no ALTER for most changes) and PostgreSQL alike. Each step below is a function run in
one transaction and recorded in ``schema_version``; ``upgrade`` is idempotent and refuses a
database written by a newer hub rather than guessing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.engine import Engine

from hub.db import Base, SchemaVersion

logger = logging.getLogger(__name__)


class SchemaTooNew(RuntimeError):
    pass


def _create(connection: Connection, *names: str) -> None:
    tables = [Base.metadata.tables[name] for name in names]
    Base.metadata.create_all(connection, tables=tables)


V1_TABLES = (
    "terminals", "ticket_categories", "ticket_sequences", "tickets", "ticket_events", "counters",
    "catalog_items", "cases", "case_events", "case_sequences", "materials", "appointments",
    "evaluations", "hub_settings",
)  # fmt: skip


def _add_column(connection: Connection, table: str, column: str, ddl: str) -> None:
    """Add a column unless the table already has it: tables are created from the current
    models, so on a fresh database the column exists by the time this step runs."""
    if column not in {c["name"] for c in inspect(connection).get_columns(table)}:
        connection.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {ddl}")


def _v3_step(connection: Connection) -> None:
    _add_column(connection, "ticket_categories", "step", "INTEGER NOT NULL DEFAULT 1")


def _v4_follow_up(connection: Connection) -> None:
    timestamp = (
        "TIMESTAMP WITH TIME ZONE" if connection.dialect.name == "postgresql" else "DATETIME"
    )
    _add_column(connection, "evaluations", "follow_up", "TEXT")
    _add_column(connection, "evaluations", "followed_up_at", timestamp)


def _v5_identity_source(connection: Connection) -> None:
    _add_column(connection, "cases", "applicant_identity_source", "VARCHAR(24)")


def _v6_ticket_item(connection: Connection) -> None:
    _add_column(connection, "tickets", "item_code", "VARCHAR(64)")


def _v7_receipt_code(connection: Connection) -> None:
    _add_column(connection, "cases", "receipt_code_hash", "VARCHAR(64)")


# (version, description, step). Append only: never edit a released step; each step names the
# tables it creates or the columns it adds, so a fresh database and an upgraded one end up the same.
MIGRATIONS: tuple[tuple[int, str, Callable[[Connection], None]], ...] = (
    (1, "initial schema", lambda c: _create(c, *V1_TABLES)),
    (2, "identity code subjects", lambda c: _create(c, "identity_subjects")),
    (3, "ticket number step", _v3_step),
    (4, "evaluation follow-up", _v4_follow_up),
    (5, "case identity source", _v5_identity_source),
    (6, "ticket item", _v6_ticket_item),
    (7, "case receipt code hash", _v7_receipt_code),
)
LATEST = MIGRATIONS[-1][0]


def _version_table() -> Table:
    return cast(Table, SchemaVersion.__table__)


def current_version(engine: Engine) -> int:
    with engine.connect() as connection:
        if not inspect(connection).has_table(SchemaVersion.__tablename__):
            return 0
        versions = connection.execute(select(SchemaVersion.version)).scalars().all()
        return max(versions, default=0)


def upgrade(engine: Engine) -> int:
    """Bring the database to ``LATEST``; return the version it had before."""
    before = current_version(engine)
    if before > LATEST:
        raise SchemaTooNew(
            f"The hub database is at schema version {before}, newer than this hub ({LATEST})."
        )
    for version, description, step in MIGRATIONS:
        if version <= before:
            continue
        with engine.begin() as connection:
            if version == 1:
                _version_table().create(connection, checkfirst=True)
            step(connection)
            connection.execute(
                _version_table()
                .insert()
                .values(version=version, applied_at=datetime.now(UTC), description=description)
            )
        logger.info("hub schema migrated to version %d (%s)", version, description)
    return before
