"""The hall's event log (GET /events): ticket, window and queue events, no personal data.

Revision ID: 65e8bd34bf3f
Revises: 9f4f9a76d0d8
Create Date: 2026-12-07 04:15:21.113312
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "65e8bd34bf3f"
down_revision: str | Sequence[str] | None = "9f4f9a76d0d8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hub_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("hub_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hub_events_at"), ["at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hub_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_events_at"))

    op.drop_table("hub_events")
