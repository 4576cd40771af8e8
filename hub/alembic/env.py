"""Alembic environment of the hub: run by ``hub.migrations`` only, never from an ``alembic.ini``.

The caller hands over an open connection inside its transaction (``config.attributes
["connection"]``): the revisions, the adoption of a pre-alembic database and the version stamp
then commit or roll back together.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from hub.db import Base, UtcDateTime


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    # A revision is frozen: write the column type the database sees, not a class of today's code.
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("hub migrations run through hub.migrations (no alembic.ini, no offline)")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters most things by copying the table
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
