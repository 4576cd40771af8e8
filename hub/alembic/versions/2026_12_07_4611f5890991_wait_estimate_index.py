"""The wait estimate's index: a queue's services of this day and the last working day, newest first.

Revision ID: 4611f5890991
Revises: 65e8bd34bf3f
Create Date: 2026-12-07 06:14:02.481167
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "4611f5890991"
down_revision: str | Sequence[str] | None = "65e8bd34bf3f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECENT = ["category_code", "state", "service_date", "ended_at", "started_at"]


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_category_state_ended")
        batch_op.create_index("ix_tickets_recent_services", RECENT, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_recent_services")
        batch_op.create_index(
            "ix_tickets_category_state_ended", ["category_code", "state", "ended_at"], unique=False
        )
