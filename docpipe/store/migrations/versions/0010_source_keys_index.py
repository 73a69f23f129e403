"""An index on ``document_sources`` (seller_digest, invoice_number, issue_date).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

``identity.find_invoice`` looked at every stored form of the seller to find one with
the same invoice number and date; with this index the database finds it, however
many invoices of that seller are stored. Matches ``DocumentSourceTable`` (the
autogenerate comparison in tests/test_store.py covers it).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_document_sources_seller_keys",
        "document_sources",
        ["seller_digest", "invoice_number", "issue_date"],
    )


def downgrade() -> None:
    op.drop_index("ix_document_sources_seller_keys", table_name="document_sources")
