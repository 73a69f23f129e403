"""``job_contents``: a queued job's file bytes, sealed, for Celery workers elsewhere.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06

Hand-written to match ``JobContentTable`` in docpipe.store.models (the
autogenerate comparison in tests/test_store.py covers it). A row lives from
``docpipe submit`` (or a watch daemon with a broker) until a worker finishes
the job; PostgreSQL keeps large values out of line (TOAST).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_contents",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["watch_jobs.id"],
            name=op.f("fk_job_contents_job_id_watch_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_contents")),
    )


def downgrade() -> None:
    op.drop_table("job_contents")
