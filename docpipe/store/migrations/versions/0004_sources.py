"""``document_sources``: the further forms (PDF, XML, scan, photo) of one stored invoice.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Hand-written to match ``DocumentSourceTable`` in docpipe.store.models (the
autogenerate comparison in tests/test_store.py covers it).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=512), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=True),
        sa.Column("form", sa.String(length=20), nullable=False),
        sa.Column("karekod", sa.Boolean(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("matched_by", sa.String(length=32), nullable=False),
        sa.Column("ettn", sa.String(length=40), nullable=True),
        sa.Column("seller_digest", sa.String(length=64), nullable=True),
        sa.Column("invoice_number", sa.String(length=40), nullable=True),
        sa.Column("issue_date", sa.String(length=10), nullable=True),
        sa.Column("total", sa.String(length=40), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_document_sources_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_sources")),
    )
    for column in ("document_id", "sha256", "ettn", "seller_digest"):
        op.create_index(
            op.f(f"ix_document_sources_{column}"),
            "document_sources",
            [column],
            unique=column == "sha256",
        )


def downgrade() -> None:
    op.drop_table("document_sources")
