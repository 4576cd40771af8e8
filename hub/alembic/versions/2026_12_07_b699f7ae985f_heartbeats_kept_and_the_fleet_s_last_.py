"""Each terminal's heartbeats kept (terminal_heartbeats), and on the terminal its uptime, its
outbox's oldest waiting case, its last error and what it was asked to do (reload, restart).

Revision ID: b699f7ae985f
Revises: f8205b370153
Create Date: 2026-12-07 20:51:50.563873
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b699f7ae985f"
down_revision: str | Sequence[str] | None = "f8205b370153"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "terminal_heartbeats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outbox_depth", sa.Integer(), nullable=False),
        sa.Column("devices", sa.JSON(), nullable=False),
        sa.Column("software_version", sa.String(length=32), nullable=False),
        sa.Column("uptime_seconds", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("terminal_heartbeats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_terminal_heartbeats_at"), ["at"], unique=False)
        batch_op.create_index(
            "ix_terminal_heartbeats_terminal_at", ["terminal_id", "at"], unique=False
        )

    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("uptime_seconds", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("oldest_waiting_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("last_error", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("command", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("command_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("terminals", schema=None) as batch_op:
        batch_op.drop_column("command_id")
        batch_op.drop_column("command")
        batch_op.drop_column("last_error")
        batch_op.drop_column("oldest_waiting_at")
        batch_op.drop_column("uptime_seconds")

    with op.batch_alter_table("terminal_heartbeats", schema=None) as batch_op:
        batch_op.drop_index("ix_terminal_heartbeats_terminal_at")
        batch_op.drop_index(batch_op.f("ix_terminal_heartbeats_at"))

    op.drop_table("terminal_heartbeats")
