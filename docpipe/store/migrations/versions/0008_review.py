"""Review: ``approved`` and ``rejected`` statuses, who reviewed a document, corrected fields.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

Hand-written to match ``DocumentTable`` and ``ExtractionTable`` in
docpipe.store.models (the autogenerate comparison in tests/test_store.py covers
it). The status CHECK constraints grow by the two review outcomes; SQLite changes
a CHECK only by copying the table, which ``batch_alter_table`` does.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_CHECK = "status IN ('ok', 'needs_review', 'failed')"
NEW_CHECK = "status IN ('ok', 'needs_review', 'failed', 'approved', 'rejected')"


def _check(table: str, check: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(op.f(f"ck_{table}_status"), type_="check")
        batch.create_check_constraint(op.f(f"ck_{table}_status"), check)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("reviewed_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("extractions") as batch:
        batch.add_column(sa.Column("corrected_fields", sa.JSON(), nullable=True))
    for table in ("documents", "extractions"):
        _check(table, NEW_CHECK)


def downgrade() -> None:
    # A reviewed document goes back to what the pipeline said: needs_review.
    for table in ("documents", "extractions"):
        op.execute(
            sa.text(
                f"UPDATE {table} SET status = 'needs_review' "
                "WHERE status IN ('approved', 'rejected')"
            )
        )
        _check(table, OLD_CHECK)
    with op.batch_alter_table("extractions") as batch:
        batch.drop_column("corrected_fields")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("reviewed_at")
        batch.drop_column("reviewed_by")
