"""The acceptance workbench: who holds a case, who accepted it, material reviews, notices.

Revision ID: 7a43d6ce7c64
Revises: 4611f5890991
Create Date: 2026-12-07 06:26:06.960499
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7a43d6ce7c64"
down_revision: str | Sequence[str] | None = "4611f5890991"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "case_notices",
        sa.Column("notice_number", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_no", sa.String(length=64), nullable=False),
        sa.Column("late_lines", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.case_id"],
        ),
        sa.PrimaryKeyConstraint("notice_number"),
    )
    with op.batch_alter_table("case_notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_notices_case_id"), ["case_id"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_by", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("held_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("handler_no", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_handler_no"), ["handler_no"], unique=False)

    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verdict", sa.String(length=16), nullable=True))
        batch_op.add_column(
            sa.Column("verdict_reason", sa.String(length=200), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("materials", schema=None) as batch_op:
        batch_op.drop_column("verdict_reason")
        batch_op.drop_column("verdict")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_handler_no"))
        batch_op.drop_column("handler_no")
        batch_op.drop_column("held_at")
        batch_op.drop_column("held_by")

    with op.batch_alter_table("case_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_notices_case_id"))

    op.drop_table("case_notices")
