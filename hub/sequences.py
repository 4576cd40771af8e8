"""Gap-free counters in the database (ticket numbers, case numbers).

One statement takes the next value: ``INSERT ... ON CONFLICT DO UPDATE SET last_value =
last_value + 1 RETURNING last_value``, inside the caller's transaction. The first use of a key
inserts ``start``; every later one increments. Concurrent callers queue on the row lock
(PostgreSQL) or the database lock (SQLite, BEGIN IMMEDIATE), and a rolled-back caller gives its
value back. Hence unique and gap-free.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Executable, bindparam
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def next_value(session: Session, model: Any, keys: dict[str, Any], *, start: int) -> int:
    statement = _take_next(model, tuple(keys), session.get_bind().dialect.name)
    params = {f"key_{name}": value for name, value in keys.items()}
    # A plain statement on the transaction's connection: no unit of work to go through.
    value: int = session.connection().execute(statement, {**params, "start": start}).scalar_one()
    return value


@cache
def _take_next(model: Any, names: tuple[str, ...], dialect: str) -> Executable:
    """Built once per counter table: a statement costs more to build than to run."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values: dict[str, Any] = {name: bindparam(f"key_{name}") for name in names}
    return (
        insert(model)
        .values({**values, "last_value": bindparam("start")})
        .on_conflict_do_update(
            index_elements=list(names), set_={"last_value": model.last_value + 1}
        )
        .returning(model.last_value)
    )
