"""Which columns hold file names and paths, and how they are kept redacted.

A column that holds a file name or a path (they often name a person:
``ahmet_yilmaz_kimlik.jpg``) keeps a keyed hash plus the extension; its companion
``*_sealed`` column holds the original, sealed. The store holds no crypto: whoever
loads the vault key hands it a ``NameCodec`` (``docpipe.redact.names.NameSealer``)
through ``Store.use_vault_key``. Without one (``redact`` off) names are stored as
given and the sealed columns stay empty.

``seal_clear_names`` converts rows written in clear (before migration 0007, or by a
run with ``redact`` off) the first time a store gets the key; ``reseal_names`` moves
every name to a new key inside ``docpipe vault rotate``'s transaction.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from docpipe.store.models import DocumentSourceTable, DocumentTable, JobTable


class NameCodec(Protocol):
    def stored(self, value: str) -> str: ...
    def seal(self, value: str) -> str: ...
    def open(self, token: str) -> str: ...


#: (table, clear-or-stored column, sealed column) for every name and path the store keeps.
SEALED_COLUMNS: tuple[tuple[type[Any], str, str], ...] = (
    (DocumentTable, "file_name", "name_sealed"),
    (DocumentTable, "source_path", "path_sealed"),
    (DocumentSourceTable, "file_name", "name_sealed"),
    (JobTable, "name", "name_sealed"),
    (JobTable, "work_path", "work_sealed"),
    (JobTable, "final_path", "final_sealed"),
)


def redacted(codec: NameCodec | None, value: str | None) -> tuple[str | None, str | None]:
    """(what the name's column stores, the sealed original) for one value."""
    if codec is None or value is None or value == "":
        return value, None
    return codec.stored(value), codec.seal(value)


def original(codec: NameCodec | None, stored: str | None, sealed: str | None) -> str | None:
    """The name as given, when the codec can open it; else what is stored."""
    if codec is None or not sealed:
        return stored
    return codec.open(sealed)


def seal_clear_names(session: Session, codec: NameCodec) -> int:
    """Redact every name still stored in clear; returns the number of values sealed."""
    sealed = 0
    for table, column, companion in SEALED_COLUMNS:
        clear_col, sealed_col = getattr(table, column), getattr(table, companion)
        rows = session.scalars(
            select(table).where(sealed_col.is_(None), clear_col.is_not(None), clear_col != "")
        ).all()
        for row in rows:
            value = getattr(row, column)
            setattr(row, column, codec.stored(value))
            setattr(row, companion, codec.seal(value))
            sealed += 1
    return sealed


def reseal_names(session: Session, old: NameCodec, new: NameCodec) -> int:
    """Re-seal and re-hash every sealed name under a new key (a vault rotation)."""
    moved = 0
    for table, column, companion in SEALED_COLUMNS:
        sealed_col = getattr(table, companion)
        for row in session.scalars(select(table).where(sealed_col.is_not(None))).all():
            value = old.open(getattr(row, companion))
            setattr(row, column, new.stored(value))
            setattr(row, companion, new.seal(value))
            moved += 1
    return moved
