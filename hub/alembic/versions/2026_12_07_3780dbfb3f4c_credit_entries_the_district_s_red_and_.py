"""Credit entries: the district's 守信 (red) and 失信 (black) lists, for 信用查询.

Revision ID: 3780dbfb3f4c
Revises: 4d8f1671326e
Create Date: 2026-12-07 23:52:37.723560

A new table only (``kiosk hub import-credit`` fills it). Each entry is keyed by the subject's
keyed digest, never its ID number or credit code; an entry imported again (same subject, list,
source and date) is the same entry, hence the unique constraint.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3780dbfb3f4c"
down_revision: str | Sequence[str] | None = "4d8f1671326e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "credit_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("subject_digest", sa.String(length=64), nullable=False),
        sa.Column("subject_kind", sa.String(length=8), nullable=False),
        sa.Column("list_kind", sa.String(length=8), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("batch", sa.String(length=32), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("subject_digest", "list_kind", "source", "listed_on"),
    )
    with op.batch_alter_table("credit_entries", schema=None) as batch_op:
        batch_op.create_index("ix_credit_entries_source", ["source"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_credit_entries_subject_digest"), ["subject_digest"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("credit_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_credit_entries_subject_digest"))
        batch_op.drop_index("ix_credit_entries_source")
    op.drop_table("credit_entries")
