"""Run the store's Alembic migrations from code; no alembic.ini needed.

``upgrade(engine)`` brings a database to head inside one transaction. Two
processes starting at once are serialised: PostgreSQL by a transaction-scoped
advisory lock, SQLite by ``BEGIN IMMEDIATE`` (the second waits, then finds the
schema at head and does nothing).

For a new revision (developers only)::

    from alembic import command
    from docpipe.store.migrate import alembic_config
    command.revision(alembic_config(url="sqlite:///dev.db"), autogenerate=True, message="...")
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, text

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (with Mako and Pygments: 0.13 s) is imported where a migration runs, not with
# the store: a ``docpipe run`` worker opens a store its parent has migrated already.

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Any fixed 64-bit number; identifies docpipe's migration lock in pg_locks.
_PG_LOCK_KEY = 0x646F6370697065  # "docpipe"

#: Execution option read by the SQLite "begin" listener in repository.py.
SQLITE_BEGIN_OPTION = "docpipe_sqlite_begin"


def alembic_config(*, connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config pointing at the packaged migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    cfg.set_main_option("path_separator", "os")
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database behind ``engine`` to head (idempotent)."""
    from alembic import command

    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if is_sqlite else None
        if raw is not None:
            # Batch migrations copy and drop tables; with foreign keys on, dropping
            # documents would cascade. The pragma only works outside a transaction.
            raw.execute("PRAGMA foreign_keys=OFF")
            conn.execution_options(**{SQLITE_BEGIN_OPTION: "BEGIN IMMEDIATE"})
        try:
            with conn.begin():
                if engine.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
                command.upgrade(alembic_config(connection=conn), "head")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
