"""Calls for help from kiosks (求助): one open call per terminal, listed by site.

Revision ID: a0efb9bddfa3
Revises: 7a43d6ce7c64
Create Date: 2026-12-07 12:15:25.737072
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a0efb9bddfa3"
down_revision: str | Sequence[str] | None = "7a43d6ce7c64"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = sa.text("state = 'open'")


def upgrade() -> None:
    op.create_table(
        "help_calls",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("site_code", sa.String(length=64), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("screen", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_by", sa.String(length=64), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("help_calls", schema=None) as batch_op:
        batch_op.create_index("ix_help_calls_site_state", ["site_code", "state"], unique=False)
        batch_op.create_index(
            "uq_help_calls_open_terminal",
            ["terminal_id"],
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        )


def downgrade() -> None:
    with op.batch_alter_table("help_calls", schema=None) as batch_op:
        batch_op.drop_index("uq_help_calls_open_terminal")
        batch_op.drop_index("ix_help_calls_site_state")
    op.drop_table("help_calls")
