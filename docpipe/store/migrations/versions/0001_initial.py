"""Initial tables: documents, extractions, audit_events.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Hand-written to match docpipe.store.models; tests compare the two with
alembic's autogenerate and fail on any difference. Names are wrapped in
``op.f()`` so the metadata's naming convention does not prefix them again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUS_CHECK = "status IN ('ok', 'needs_review', 'failed')"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=512), nullable=False),
        sa.Column("media_type", sa.String(length=127), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(length=64), nullable=True),
        sa.Column("doc_type_confidence", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error_stage", sa.String(length=64), nullable=True),
        sa.Column("error_category", sa.String(length=64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_documents_status")),
    )
    with op.batch_alter_table("documents") as batch:
        batch.create_index(op.f("ix_documents_sha256"), ["sha256"], unique=True)
        batch.create_index(op.f("ix_documents_doc_type"), ["doc_type"])
        batch.create_index(op.f("ix_documents_status"), ["status"])
        batch.create_index(op.f("ix_documents_created_at"), ["created_at"])

    op.create_table(
        "extractions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("engine", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=255), nullable=True),
        sa.Column("schema_name", sa.String(length=128), nullable=False),
        sa.Column("schema_version", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("checks", sa.JSON(), nullable=False),
        sa.Column("durations", sa.JSON(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extractions")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_extractions_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.CheckConstraint(STATUS_CHECK, name=op.f("ck_extractions_status")),
    )
    with op.batch_alter_table("extractions") as batch:
        batch.create_index(op.f("ix_extractions_document_id"), ["document_id"])

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=50), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_audit_events_document_id_documents"),
            ondelete="SET NULL",
        ),
    )
    with op.batch_alter_table("audit_events") as batch:
        batch.create_index(op.f("ix_audit_events_at"), ["at"])
        batch.create_index(op.f("ix_audit_events_action"), ["action"])
        batch.create_index(op.f("ix_audit_events_document_id"), ["document_id"])


def downgrade() -> None:
    op.drop_table("audit_events")
    op.drop_table("extractions")
    op.drop_table("documents")
