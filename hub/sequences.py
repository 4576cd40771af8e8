"""Gap-free counters in the database (ticket numbers, case numbers).

The row is created on first use (``INSERT ... ON CONFLICT DO NOTHING``) and incremented with
``UPDATE ... RETURNING`` inside the caller's transaction: concurrent callers queue on the row lock
(PostgreSQL) or the database lock (SQLite, BEGIN IMMEDIATE), and a rolled-back caller gives its
value back. Hence unique and gap-free.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def next_value(session: Session, model: Any, keys: dict[str, Any], *, start: int) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(model).values(**keys, last_value=start - 1).on_conflict_do_nothing())
    conditions = [getattr(model, name) == value for name, value in keys.items()]
    value: int = session.execute(
        update(model)
        .where(*conditions)
        .values(last_value=model.last_value + 1)
        .returning(model.last_value)
    ).scalar_one()
    return value
