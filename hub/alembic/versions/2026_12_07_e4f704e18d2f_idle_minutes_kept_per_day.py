"""Windows idle while their queues had people waiting: kept per finished day (report_days'
idle_seconds), found from the window log by day (counter_events.at indexed); the kept days are
cleared, to be computed again with it.

Revision ID: e4f704e18d2f
Revises: e4eac64fd260
Create Date: 2026-12-07 20:28:14.529595
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e4f704e18d2f"
down_revision: str | Sequence[str] | None = "e4eac64fd260"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("counter_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_counter_events_at"), ["at"], unique=False)
    op.execute("DELETE FROM report_days")
    op.execute("DELETE FROM report_rolled_days")
    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("idle_seconds", sa.Float(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.drop_column("idle_seconds")
    with op.batch_alter_table("counter_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counter_events_at"))
