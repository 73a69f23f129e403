"""Sealed file names: names and paths stored as keyed hashes, the originals sealed.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-06

Hand-written to match the ``*_sealed`` columns in docpipe.store.models (the
autogenerate comparison in tests/test_store.py covers it). Adds the columns only:
a migration never sees the vault key (it comes from the settings, never from the
database), so rows written in clear before this revision are converted by
``docpipe.store.names.seal_clear_names`` the first time a process opens the
database with its key (every run, watch, reveal or rotation does), in one
transaction. Until then ``docpipe list`` masks what its detector finds in them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = {
    "documents": ("path_sealed", "name_sealed"),
    "document_sources": ("name_sealed",),
    "watch_jobs": ("name_sealed", "work_sealed", "final_sealed"),
}


def upgrade() -> None:
    for table, columns in _COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.add_column(sa.Column(column, sa.Text(), nullable=True))


def downgrade() -> None:
    for table, columns in _COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in reversed(columns):
                batch.drop_column(column)
