"""The queue's index covers the waiting count (priority, issued_at, seq read from the index).

Revision ID: 8fb3c0fae4f7
Revises: 844242173bf3
Create Date: 2026-12-07 03:21:03.555280
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "8fb3c0fae4f7"
down_revision: str | Sequence[str] | None = "844242173bf3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WAITING = ["category_code", "service_date", "state", "priority", "issued_at", "seq"]


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_queue_state")
        batch_op.create_index("ix_tickets_queue_waiting", WAITING, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_queue_waiting")
        batch_op.create_index(
            "ix_tickets_queue_state", ["category_code", "service_date", "state"], unique=False
        )
