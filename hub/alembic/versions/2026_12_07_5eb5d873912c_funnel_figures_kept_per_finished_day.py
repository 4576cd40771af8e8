"""The kiosk funnel's figures kept per finished day (funnel_days, per dimension, site, key,
journey and step), and the days kept (funnel_rolled_days): computed when a report first needs
them, cleared when a late batch of runs arrives for one of them.

Revision ID: 5eb5d873912c
Revises: b1183cced47a
Create Date: 2026-12-07 21:57:44.622766
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5eb5d873912c"
down_revision: str | Sequence[str] | None = "b1183cced47a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "funnel_days",
        sa.Column("dimension", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("site", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("journey", sa.String(length=16), nullable=False),
        sa.Column("step", sa.String(length=32), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=False),
        sa.Column("gave_up", sa.Integer(), nullable=False),
        sa.Column("timed_out", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("finished", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("dimension", "day", "site", "key", "journey", "step"),
    )
    op.create_table(
        "funnel_rolled_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("rolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )


def downgrade() -> None:
    op.drop_table("funnel_rolled_days")
    op.drop_table("funnel_days")
