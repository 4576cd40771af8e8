"""Cases keep a keyed digest of the applicant's ID number, to find a ticket holder's cases at the
window without the number; existing cases get theirs computed here.

Revision ID: 55af719cfc90
Revises: d213e085e105
Create Date: 2026-12-07 04:09:02.000000
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "55af719cfc90"
down_revision: str | Sequence[str] | None = "d213e085e105"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applicant_id_digest", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_cases_applicant_id_digest", ["applicant_id_digest"], unique=False)
    bind = op.get_bind()
    pepper = bind.execute(
        sa.text("SELECT value FROM hub_settings WHERE key = 'id_pepper'")
    ).scalar_one_or_none()
    if pepper is None:
        return  # no secrets yet: no cases either
    key = bytes.fromhex(pepper)
    rows = bind.execute(sa.text("SELECT case_id, applicant_id_number FROM cases")).all()
    for case_id, number in rows:  # the same digest as HubContext.id_digest
        digest = hmac.new(key, number.strip().upper().encode(), "sha256").hexdigest()
        bind.execute(
            sa.text("UPDATE cases SET applicant_id_digest = :d WHERE case_id = :c"),
            {"d": digest, "c": case_id},
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index("ix_cases_applicant_id_digest")
        batch_op.drop_column("applicant_id_digest")
