"""``vault_key``: the fingerprint of the one vault key a database is sealed with.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

Hand-written to match ``VaultKeyTable`` in docpipe.store.models (the
autogenerate comparison in tests/test_store.py covers it). A database sealed
before this revision has no row; the first sealed write (or a rotation)
records the key then.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "vault_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rotated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vault_key")),
    )


def downgrade() -> None:
    op.drop_table("vault_key")
