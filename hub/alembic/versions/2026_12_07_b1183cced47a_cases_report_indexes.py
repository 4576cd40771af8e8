"""The cases report's indexes: cases by submission time (a period's cases), each case's events
by state and time (covering what the report asks of a case, in place of the case_id index it
leads with), and the few 补正 notices naming lines an earlier one missed (partial).

Revision ID: b1183cced47a
Revises: b699f7ae985f
Create Date: 2026-12-07 21:01:48.045256
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b1183cced47a"
down_revision: str | Sequence[str] | None = "b699f7ae985f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LATE = sa.text("late_lines > 0")


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_submitted_at"), ["submitted_at"], unique=False)
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_events_case_id_state_at", ["case_id", "state", "at"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_case_events_case_id"))
    with op.batch_alter_table("case_notices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_case_notices_late_case_id",
            ["case_id"],
            unique=False,
            sqlite_where=LATE,
            postgresql_where=LATE,
        )


def downgrade() -> None:
    with op.batch_alter_table("case_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_case_notices_late_case_id")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_case_id"), ["case_id"], unique=False)
        batch_op.drop_index("ix_case_events_case_id_state_at")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_submitted_at"))
