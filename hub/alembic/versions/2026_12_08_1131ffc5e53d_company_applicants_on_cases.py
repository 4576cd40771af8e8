"""Company applicants (法人) on cases: the applicant type, and the company's USCC (with its keyed
digest for lookups), name and legal representative.

Revision ID: 1131ffc5e53d
Revises: 3780dbfb3f4c
Create Date: 2026-12-08 00:51:25.921447

Every case from before is a person's: the server default says so.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "1131ffc5e53d"
down_revision: str | Sequence[str] | None = "3780dbfb3f4c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "applicant_type", sa.String(length=16), server_default="person", nullable=False
            )
        )
        batch_op.add_column(sa.Column("company_uscc", sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column("company_uscc_digest", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("company_name", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column("company_legal_representative", sa.String(length=100), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_cases_applicant_type"), ["applicant_type"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cases_company_uscc_digest"), ["company_uscc_digest"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_company_uscc_digest"))
        batch_op.drop_index(batch_op.f("ix_cases_applicant_type"))
        batch_op.drop_column("company_legal_representative")
        batch_op.drop_column("company_name")
        batch_op.drop_column("company_uscc_digest")
        batch_op.drop_column("company_uscc")
        batch_op.drop_column("applicant_type")
