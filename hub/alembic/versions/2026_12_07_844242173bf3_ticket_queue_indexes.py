"""Ticket queue indexes: people ahead and the wait estimate read by index, flat through the day.

Revision ID: 844242173bf3
Revises: schema7
Create Date: 2026-12-07 01:33:19.045532
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "844242173bf3"
down_revision: str | Sequence[str] | None = "schema7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_category_state_ended", ["category_code", "state", "ended_at"], unique=False
        )
        batch_op.create_index(
            "ix_tickets_queue_state", ["category_code", "service_date", "state"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_queue_state")
        batch_op.drop_index("ix_tickets_category_state_ended")
