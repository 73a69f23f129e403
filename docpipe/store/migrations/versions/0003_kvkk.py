"""KVKK: redacted document text, the vault, the subject index and the destruction log.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Hand-written to match the models in docpipe.store.models (the autogenerate
comparison in tests/test_store.py covers it, on SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["document_id"],
        ["documents.id"],
        name=op.f(f"fk_{table}_document_id_documents"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "document_texts",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("redacted", sa.Boolean(), nullable=False),
        sa.Column("boxes", sa.JSON(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        _document_fk("document_texts"),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_texts")),
    )
    op.create_table(
        "vault_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        _document_fk("vault_entries"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_entries")),
    )
    op.create_index(op.f("ix_vault_entries_document_id"), "vault_entries", ["document_id"])
    op.create_table(
        "subject_index",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        _document_fk("subject_index"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_index")),
    )
    op.create_index(op.f("ix_subject_index_document_id"), "subject_index", ["document_id"])
    op.create_index(op.f("ix_subject_index_digest"), "subject_index", ["digest"])
    op.create_table(
        "destruction_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=50), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_log")),
    )
    op.create_index(op.f("ix_destruction_log_at"), "destruction_log", ["at"])


def downgrade() -> None:
    op.drop_table("destruction_log")
    op.drop_table("subject_index")
    op.drop_table("vault_entries")
    op.drop_table("document_texts")
