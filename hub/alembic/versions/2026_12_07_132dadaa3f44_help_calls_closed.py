"""Calls for help end: closed (the citizen left, or nobody answered in time), with closed_at.

Revision ID: 132dadaa3f44
Revises: a0efb9bddfa3
Create Date: 2026-12-07 14:59:45.144057

The new state is a value of the existing ``state`` column; the one-open-call index is unchanged
(a closed call is no longer open). Downgrading drops the time only: an older hub lists open and
answered calls, so it passes closed ones by.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "132dadaa3f44"
down_revision: str | Sequence[str] | None = "a0efb9bddfa3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("help_calls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("help_calls", schema=None) as batch_op:
        batch_op.drop_column("closed_at")
