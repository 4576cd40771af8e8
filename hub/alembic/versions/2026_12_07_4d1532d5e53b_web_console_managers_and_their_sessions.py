"""The web console's managers (district office, hall managers) and their signed-in sessions.

Revision ID: 4d1532d5e53b
Revises: e4f704e18d2f
Create Date: 2026-12-07 20:20:40.993633
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4d1532d5e53b"
down_revision: str | Sequence[str] | None = "e4f704e18d2f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "managers",
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sites", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("login"),
    )
    op.create_table(
        "manager_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["login"], ["managers.login"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    with op.batch_alter_table("manager_sessions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_manager_sessions_expires_at"), ["expires_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_manager_sessions_login"), ["login"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("manager_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_manager_sessions_login"))
        batch_op.drop_index(batch_op.f("ix_manager_sessions_expires_at"))

    op.drop_table("manager_sessions")
    op.drop_table("managers")
