"""Complaints and suggestions (投诉建议) and the hub's outbox of forwards to the 12345 platform.

Revision ID: 4d8f1671326e
Revises: eddd232efe68
Create Date: 2026-12-07 23:50:04.876627

Three new tables: the complaints (the phone number only with consent, erased once forwarded),
the forwards not yet taken by the platform, and the gap-free daily sequence of references.
Downgrading drops them with what they hold.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4d8f1671326e"
down_revision: str | Sequence[str] | None = "eddd232efe68"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "complaint_sequences",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    op.create_table(
        "complaints",
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("site_code", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("about", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=True),
        sa.Column("subject_name", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("phone_given", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("forwarded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("platform_reference", sa.String(length=64), nullable=True),
        sa.Column("replied_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("reference"),
        sa.UniqueConstraint("terminal_id", "idempotency_key"),
    )
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaints_site_code"), ["site_code"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_complaints_submitted_at"), ["submitted_at"], unique=False
        )

    op.create_table(
        "complaint_forwards",
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["reference"],
            ["complaints.reference"],
        ),
        sa.PrimaryKeyConstraint("reference"),
    )
    with op.batch_alter_table("complaint_forwards", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_forwards_next_attempt_at"), ["next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("complaint_forwards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_forwards_next_attempt_at"))

    op.drop_table("complaint_forwards")
    with op.batch_alter_table("complaints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaints_submitted_at"))
        batch_op.drop_index(batch_op.f("ix_complaints_site_code"))

    op.drop_table("complaints")
    op.drop_table("complaint_sequences")
