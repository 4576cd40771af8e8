"""Report figures kept per department too: report_days' key as long as a department's name,
and the kept days cleared (they have no department rows; a report computes them again).

Revision ID: e4eac64fd260
Revises: 6bb7a55515ca
Create Date: 2026-12-07 20:22:56.710305
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e4eac64fd260"
down_revision: str | Sequence[str] | None = "6bb7a55515ca"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM report_days")
    op.execute("DELETE FROM report_rolled_days")
    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.alter_column(
            "key",
            existing_type=sa.VARCHAR(length=64),
            type_=sa.String(length=100),
            existing_nullable=False,
        )


def downgrade() -> None:
    op.execute("DELETE FROM report_days")
    op.execute("DELETE FROM report_rolled_days")
    with op.batch_alter_table("report_days", schema=None) as batch_op:
        batch_op.alter_column(
            "key",
            existing_type=sa.String(length=100),
            type_=sa.VARCHAR(length=64),
            existing_nullable=False,
        )
