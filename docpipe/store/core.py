"""The store's hot path in SQLAlchemy Core: what every stored document writes and reads.

The ORM's unit of work (identity map, change tracking, one flush per dependent row)
cost about 8 ms a page for the handful of rows a document writes; these statements
write the same rows with the same values (column defaults such as ``created_at`` and
the JSON and UTC types apply in Core too) at a fraction of that. They run on the
caller's session, inside its transaction, so one document is still one commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select
from sqlalchemy.orm import Session

from docpipe.store.models import (
    AuditEventTable,
    DocumentSourceTable,
    DocumentTable,
    DocumentTextTable,
    ExtractionTable,
    SubjectIndexTable,
    VaultEntryTable,
    VaultKeyTable,
)

AUDIT_EVENTS = cast(Table, AuditEventTable.__table__)
DOCUMENTS = cast(Table, DocumentTable.__table__)
DOCUMENT_SOURCES = cast(Table, DocumentSourceTable.__table__)
DOCUMENT_TEXTS = cast(Table, DocumentTextTable.__table__)
EXTRACTIONS = cast(Table, ExtractionTable.__table__)
SUBJECT_INDEX = cast(Table, SubjectIndexTable.__table__)
VAULT_ENTRIES = cast(Table, VaultEntryTable.__table__)
VAULT_KEY = cast(Table, VaultKeyTable.__table__)


# Built once: building a statement costs about as much as running it.
#: the document stored with these bytes (every column: ``rows.document_row``)
DOCUMENT_BY_SHA256 = select(DOCUMENTS).where(DOCUMENTS.c.sha256 == bindparam("sha256"))
#: the invoice record a form with these bytes is attached to
SOURCE_OWNER = (
    select(DOCUMENT_SOURCES.c.document_id)
    .where(DOCUMENT_SOURCES.c.sha256 == bindparam("sha256"))
    .limit(1)
)
SOURCE_ID = select(DOCUMENT_SOURCES.c.id).where(DOCUMENT_SOURCES.c.sha256 == bindparam("sha256"))
VAULT_KEY_FINGERPRINT = select(VAULT_KEY.c.fingerprint).where(VAULT_KEY.c.id == 1)
_INSERTS = {
    table.name: insert(table)
    for table in (
        AUDIT_EVENTS,
        DOCUMENTS,
        DOCUMENT_SOURCES,
        DOCUMENT_TEXTS,
        EXTRACTIONS,
        SUBJECT_INDEX,
        VAULT_ENTRIES,
        VAULT_KEY,
    )
}


def connection(db: Session | Connection) -> Connection:
    """The connection of a session's transaction (a session asked once per write: asking
    costs about as much as a statement). Statements on it do not autoflush: a caller
    that also adds ORM rows flushes them first."""
    return db if isinstance(db, Connection) else db.connection()


def insert_row(db: Session | Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert one row; return its id (``RETURNING`` on PostgreSQL, the rowid on SQLite)."""
    key = connection(db).execute(_INSERTS[table.name], values).inserted_primary_key
    assert key is not None and key[0] is not None
    return int(key[0])


def insert_rows(db: Session | Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows in the order given (ids ascend in that order), in one round trip."""
    if rows:
        connection(db).execute(_INSERTS[table.name], list(rows))


def insert_audit(
    db: Session | Connection,
    *,
    actor: str,
    action: str,
    document_id: int | None,
    details: dict[str, Any],
) -> int:
    """One audit event; ``details`` hold ids and field names only, never values."""
    values = {"actor": actor, "action": action, "document_id": document_id, "details": details}
    return insert_row(db, AUDIT_EVENTS, values)
