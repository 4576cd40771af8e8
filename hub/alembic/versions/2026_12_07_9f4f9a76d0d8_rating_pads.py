"""Rating pads as terminals of their own: a window remembers its pad and the service to rate.

Revision ID: 9f4f9a76d0d8
Revises: 55af719cfc90
Create Date: 2026-12-07 04:08:52.250577
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9f4f9a76d0d8"
down_revision: str | Sequence[str] | None = "55af719cfc90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("counter_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rating_ticket_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("rating_since", sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table("counters", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pad_terminal_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("counters", schema=None) as batch_op:
        batch_op.drop_column("pad_terminal_id")

    with op.batch_alter_table("counter_sessions", schema=None) as batch_op:
        batch_op.drop_column("rating_since")
        batch_op.drop_column("rating_ticket_id")
