"""The watch daemon's job table, and ``documents.ettn`` for duplicate invoices.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Hand-written to match ``JobTable`` in docpipe.store.models (the autogenerate
comparison in tests/test_store.py covers it). The partial unique index allows
one active (queued or processing) job per file name and inbox; both SQLite
and PostgreSQL support partial indexes.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATE_CHECK = "state IN ('queued', 'processing', 'done', 'failed', 'vanished')"
ACTIVE = "state IN ('queued', 'processing')"


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("ettn", sa.String(length=40), nullable=True))
        batch.create_index(op.f("ix_documents_ettn"), ["ettn"])
    op.create_table(
        "watch_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbox", sa.Text(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=255), nullable=True),
        sa.Column("lease_until", _utc(), nullable=True),
        sa.Column("work_path", sa.Text(), nullable=True),
        sa.Column("final_path", sa.Text(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("peak_rss_kb", sa.BigInteger(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("started_at", _utc(), nullable=True),
        sa.Column("finished_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watch_jobs")),
        sa.CheckConstraint(STATE_CHECK, name=op.f("ck_watch_jobs_state")),
    )
    with op.batch_alter_table("watch_jobs") as batch:
        batch.create_index(op.f("ix_watch_jobs_state"), ["state"])
        batch.create_index(op.f("ix_watch_jobs_finished_at"), ["finished_at"])
        batch.create_index(
            op.f("uq_watch_jobs_active"),
            ["inbox", "name"],
            unique=True,
            sqlite_where=sa.text(ACTIVE),
            postgresql_where=sa.text(ACTIVE),
        )


def downgrade() -> None:
    op.drop_table("watch_jobs")
    with op.batch_alter_table("documents") as batch:
        batch.drop_index(op.f("ix_documents_ettn"))
        batch.drop_column("ettn")
