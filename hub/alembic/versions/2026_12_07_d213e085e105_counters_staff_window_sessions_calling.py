"""Counters: clerks registered at the hub, window sessions and states, calling with idempotency.

Revision ID: d213e085e105
Revises: 8fb3c0fae4f7
Create Date: 2026-12-07 03:40:31.474214
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d213e085e105"
down_revision: str | Sequence[str] | None = "8fb3c0fae4f7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "counter_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("counter_code", sa.String(length=64), nullable=False),
        sa.Column("staff_no", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("counter_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_counter_events_counter_code"), ["counter_code"], unique=False
        )

    op.create_table(
        "counter_requests",
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("idempotency_key", sa.String(length=64), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("terminal_id", "idempotency_key"),
    )
    op.create_table(
        "staff",
        sa.Column("staff_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("department", sa.String(length=100), nullable=False),
        sa.Column("category_codes", sa.JSON(), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("card_uid", sa.String(length=20), nullable=True),
        sa.Column("id_digest", sa.String(length=64), nullable=True),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("staff_no"),
        sa.UniqueConstraint("card_uid"),
        sa.UniqueConstraint("id_digest"),
    )
    op.create_table(
        "counter_sessions",
        sa.Column("counter_code", sa.String(length=64), nullable=False),
        sa.Column("terminal_id", sa.String(length=64), nullable=False),
        sa.Column("staff_no", sa.String(length=64), nullable=False),
        sa.Column("signed_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("pause_reason", sa.String(length=16), nullable=True),
        sa.Column("pause_note", sa.String(length=100), nullable=False),
        sa.Column("state_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chosen_categories", sa.JSON(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_code"],
            ["counters.code"],
        ),
        sa.ForeignKeyConstraint(
            ["staff_no"],
            ["staff.staff_no"],
        ),
        sa.PrimaryKeyConstraint("counter_code"),
        sa.UniqueConstraint("staff_no"),
    )
    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_no", sa.String(length=64), nullable=True))

    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_no", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("detail", sa.JSON(), nullable=True))

    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_called_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("for_counter", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("for_staff", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("note", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("staff_no", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_column("outcome")
        batch_op.drop_column("staff_no")
        batch_op.drop_column("note")
        batch_op.drop_column("for_staff")
        batch_op.drop_column("for_counter")
        batch_op.drop_column("last_called_at")

    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.drop_column("detail")
        batch_op.drop_column("staff_no")

    with op.batch_alter_table("evaluations", schema=None) as batch_op:
        batch_op.drop_column("staff_no")

    op.drop_table("counter_sessions")
    op.drop_table("staff")
    op.drop_table("counter_requests")
    with op.batch_alter_table("counter_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_counter_events_counter_code"))

    op.drop_table("counter_events")
