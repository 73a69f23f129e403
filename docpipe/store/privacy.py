"""The store's KVKK tables: redacted text, vault entries, subject index, destruction log.

A mixin of ``Store`` (it uses the store's sessions and error mapping). Nothing
here ever sees a clear personal value: text arrives redacted, vault entries
sealed, subjects as keyed hashes; the destruction log holds categories and
counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from docpipe.errors import ConfigError
from docpipe.result import Protection
from docpipe.store.core import (
    DOCUMENT_TEXTS,
    SUBJECT_INDEX,
    VAULT_ENTRIES,
    VAULT_KEY,
    VAULT_KEY_FINGERPRINT,
    connection,
    insert_row,
    insert_rows,
)
from docpipe.store.models import (
    DestructionLogTable,
    DocumentTable,
    DocumentTextTable,
    JobTable,
    SubjectIndexTable,
    VaultEntryTable,
    VaultKeyTable,
    utcnow,
)
from docpipe.store.names import NameCodec, original, reseal_names, seal_clear_names
from docpipe.store.rows import document_row
from docpipe.store.views import DestructionView, DocumentRow


@dataclass(frozen=True)
class VaultEntry:
    document_id: int
    sha256: str
    field: str
    entity: str
    token: str


#: Re-keys one document's vault entries: new tokens (same order) and its subject rows.
Rekey = Callable[[list[VaultEntry]], tuple[list[str], list[tuple[str, str]]]]


def key_mismatch(recorded: str, given: str) -> ConfigError:
    return ConfigError(
        f"this database is sealed with another vault key (fingerprint {recorded[:8]}, "
        f"yours {given[:8]}): use the key it was sealed with, or move the database to a "
        "new key with `docpipe vault rotate --new-key FILE` run under the old one"
    )


class PrivacyMixin:
    _read: sessionmaker[Session]
    _write: sessionmaker[Session]
    _errors: Callable[[str], AbstractContextManager[None]]
    _key_fingerprint: str | None = None
    _names: NameCodec | None = None

    # -- the one vault key -----------------------------------------------------------------

    def vault_key_fingerprint(self) -> str | None:
        """The fingerprint of the key this database is sealed with; None before any seal."""
        with self._errors("reading the vault key fingerprint"), self._read() as session:
            row = session.get(VaultKeyTable, 1)
            return None if row is None else row.fingerprint

    def use_vault_key(self, fingerprint: str, names: NameCodec | None = None) -> None:
        """Refuse a key other than the database's now; the first sealed write records it.

        ``names`` (from the same key): file names and paths are stored through it from
        now on, and any still stored in clear are sealed now (docpipe.store.names).
        """
        recorded = self.vault_key_fingerprint()
        if recorded is not None and recorded != fingerprint:
            raise key_mismatch(recorded, fingerprint)
        self._key_fingerprint = fingerprint
        if names is not None and self._names is None:
            with self._errors("sealing stored file names"), self._write.begin() as session:
                if seal_clear_names(session, names):
                    self._claim_vault_key(session)
            self._names = names

    def stored_name(self, value: str) -> str:
        """What the store keeps for a file name or path (a keyed hash + extension)."""
        return value if self._names is None else self._names.stored(value)

    def original_names(self, document_id: int) -> tuple[str, str] | None:
        """A document's (file name, source path) as given; needs the key (``use_vault_key``)."""
        with self._errors("reading a document's file name"), self._read() as session:
            doc = session.get(DocumentTable, document_id)
            if doc is None:
                return None
            name = original(self._names, doc.file_name, doc.name_sealed) or ""
            path = original(self._names, doc.source_path, doc.path_sealed) or ""
            return name, path

    def _claim_vault_key(self, session: Session) -> None:
        """Inside a sealed write: record this store's key, or refuse if another one sealed."""
        if self._key_fingerprint is None:
            return
        recorded = connection(session).scalar(VAULT_KEY_FINGERPRINT)
        if recorded is None:
            try:
                with session.begin_nested():  # two first writers at once (PostgreSQL):
                    insert_row(session, VAULT_KEY, {"id": 1, "fingerprint": self._key_fingerprint})
            except IntegrityError:  # the other one recorded its key first: compare
                recorded = session.connection().scalar(VAULT_KEY_FINGERPRINT)
        if recorded is not None and recorded != self._key_fingerprint:
            raise key_mismatch(recorded, self._key_fingerprint)

    def rotate_vault_key(
        self,
        old: str,
        new: str,
        rekey: Rekey,
        names: tuple[NameCodec, NameCodec] | None = None,
    ) -> tuple[int, int]:
        """Re-seal every vault entry and rebuild the subject index under a new key, in one
        transaction, and record the new fingerprint. ``rekey`` (crypto stays out of the
        store) must return as many subject rows as a document had; if it cannot, it
        raises and nothing changes. ``names`` (old, new): file names and paths are
        re-hashed and re-sealed in the same transaction. Returns (vault entries,
        subject rows) written."""
        sealed = indexed = 0
        with self._errors("rotating the vault key"), self._write.begin() as session:
            row = session.get(VaultKeyTable, 1, with_for_update=True)
            if row is not None and row.fingerprint != old:
                raise key_mismatch(row.fingerprint, old)
            query = (
                select(VaultEntryTable, DocumentTable.sha256)
                .join(DocumentTable, DocumentTable.id == VaultEntryTable.document_id)
                .order_by(VaultEntryTable.document_id, VaultEntryTable.id)
            )
            by_document: dict[int, list[tuple[VaultEntryTable, VaultEntry]]] = {}
            for entry, sha in session.execute(query):
                view = VaultEntry(
                    entry.document_id, sha or "", entry.field, entry.entity, entry.token
                )
                by_document.setdefault(entry.document_id, []).append((entry, view))
            indexed_docs = set(session.scalars(select(SubjectIndexTable.document_id).distinct()))
            for document_id in sorted(indexed_docs | set(by_document)):
                pairs = by_document.get(document_id, [])
                tokens, subjects = rekey([view for _, view in pairs])
                for (entry, _), token in zip(pairs, tokens, strict=True):
                    entry.token = token
                old_rows = session.scalars(
                    select(SubjectIndexTable).where(SubjectIndexTable.document_id == document_id)
                ).all()
                wanted = dict.fromkeys(subjects)
                if len(wanted) < len({(r.digest, r.kind) for r in old_rows}):
                    raise ConfigError(
                        f"document {document_id}'s subject index cannot be rebuilt: its "
                        "identifiers are not in the vault; nothing was changed"
                    )
                for old_row in old_rows:
                    session.delete(old_row)
                for digest, kind in wanted:
                    session.add(
                        SubjectIndexTable(document_id=document_id, digest=digest, kind=kind)
                    )
                sealed += len(pairs)
                indexed += len(wanted)
            if names is not None:
                seal_clear_names(session, names[0])
                reseal_names(session, *names)
            if row is None:
                session.add(VaultKeyTable(id=1, fingerprint=new))
            else:
                row.fingerprint, row.rotated_at = new, utcnow()
        self._key_fingerprint = new
        if names is not None:
            self._names = names[1]
        return sealed, indexed

    # -- writing ---------------------------------------------------------------------------

    def _save_protection(
        self,
        session: Session,
        document_id: int,
        data: Protection,
        *,
        keep_text: bool = False,
        new: bool = False,
    ) -> None:
        """Replace the document's text, vault entries and subject rows (inside ``_save``).

        ``keep_text``: keep the stored text and redaction boxes. They describe the file the
        document row points to; a better form of the invoice (its XML, a text-layer PDF
        after a photo) upgrades the record but not that file, and its boxes would leave
        the file's personal data uncovered in a redacted export. ``new``: the document
        was inserted in this transaction, so there is nothing to delete first.
        """
        if data.vault or data.subjects:
            self._claim_vault_key(session)
        conn = connection(session)
        if not new:
            tables = (VAULT_ENTRIES, SUBJECT_INDEX) if keep_text else (
                DOCUMENT_TEXTS, VAULT_ENTRIES, SUBJECT_INDEX
            )  # fmt: skip
            for table in tables:
                conn.execute(delete(table).where(table.c.document_id == document_id))
        if data.text is not None and not keep_text:
            text_row = {
                "document_id": document_id,
                "text": data.text,
                "redacted": data.text_redacted,
                "boxes": {str(k): v for k, v in data.boxes.items()},
            }
            insert_rows(conn, DOCUMENT_TEXTS, [text_row])
        insert_rows(
            conn,
            VAULT_ENTRIES,
            [
                {"document_id": document_id, "field": name, "entity": entity, "token": token}
                for name, entity, token in data.vault
            ],
        )
        insert_rows(
            conn,
            SUBJECT_INDEX,
            [
                {"document_id": document_id, "digest": digest, "kind": kind}
                for digest, kind in dict.fromkeys(data.subjects)
            ],
        )

    # -- reading ---------------------------------------------------------------------------

    def get_text(self, document_id: int) -> str | None:
        """The document's stored (redacted) text, pages separated by form feeds."""
        with self._errors("reading a document's text"), self._read() as session:
            row = session.get(DocumentTextTable, document_id)
            return None if row is None else row.text

    def redaction_boxes(self, document_id: int) -> dict[int, list[list[float]]] | None:
        """Page -> boxes (page units) that hid personal data, as found when processed."""
        with self._errors("reading redaction boxes"), self._read() as session:
            row = session.get(DocumentTextTable, document_id)
            if row is None:
                return None
            return {int(k): v for k, v in (row.boxes or {}).items()}

    def vault_fields(self, document_id: int) -> list[str]:
        query = select(VaultEntryTable.field).where(VaultEntryTable.document_id == document_id)
        with self._errors("reading the vault"), self._read() as session:
            return sorted(session.scalars(query.order_by(VaultEntryTable.id)))

    def vault_entries(self, document_id: int) -> list[VaultEntry]:
        query = (
            select(VaultEntryTable, DocumentTable.sha256)
            .join(DocumentTable, DocumentTable.id == VaultEntryTable.document_id)
            .where(VaultEntryTable.document_id == document_id)
            .order_by(VaultEntryTable.id)
        )
        with self._errors("reading the vault"), self._read() as session:
            return [
                VaultEntry(row.document_id, sha or "", row.field, row.entity, row.token)
                for row, sha in session.execute(query)
            ]

    def count_vault_entries(self, document_ids: Sequence[int]) -> int:
        query = select(func.count()).where(VaultEntryTable.document_id.in_(document_ids))
        with self._errors("counting vault entries"), self._read() as session:
            return int(session.scalar(query) or 0)

    def find_subject(self, digests: Sequence[str]) -> list[DocumentRow]:
        """Documents indexed under any of ``digests`` (keyed hashes), oldest first."""
        ids = select(SubjectIndexTable.document_id).where(SubjectIndexTable.digest.in_(digests))
        query = select(DocumentTable).where(DocumentTable.id.in_(ids)).order_by(DocumentTable.id)
        with self._errors("searching the subject index"), self._read() as session:
            return [document_row(doc) for doc in session.scalars(query)]

    def documents_created_before(
        self, cutoff: datetime, *, doc_type: str | None = None, failed: bool = False
    ) -> list[DocumentRow]:
        """Documents stored before ``cutoff``: failed ones, or those of ``doc_type``
        (``None``: every non-failed document without a type)."""
        query = select(DocumentTable).where(DocumentTable.created_at < cutoff)
        if failed:
            query = query.where(DocumentTable.status == "failed")
        else:
            query = query.where(DocumentTable.status != "failed")
            if doc_type is None:
                query = query.where(DocumentTable.doc_type.is_(None))
            else:
                query = query.where(DocumentTable.doc_type == doc_type)
        with self._errors("finding documents past retention"), self._read() as session:
            return [document_row(doc) for doc in session.scalars(query.order_by(DocumentTable.id))]

    def original_files(self, document_ids: Sequence[int]) -> list[str]:
        """Files docpipe itself holds for these documents (the watch daemon's done/failed)."""
        query = select(JobTable.final_path, JobTable.final_sealed).where(
            JobTable.document_id.in_(document_ids), JobTable.final_path.is_not(None)
        )
        with self._errors("finding original files"), self._read() as session:
            paths = {original(self._names, p, t) for p, t in session.execute(query)}
            return sorted(p for p in paths if p)

    def list_destruction_log(self, *, limit: int = 100) -> list[DestructionView]:
        query = select(DestructionLogTable).order_by(DestructionLogTable.id.desc()).limit(limit)
        with self._errors("reading the destruction log"), self._read() as session:
            return [
                DestructionView(r.id, r.at, r.actor, r.reason, r.category, r.count, r.method)
                for r in session.scalars(query)
            ]

    # -- destroying ------------------------------------------------------------------------

    def destroy_documents(
        self,
        document_ids: Sequence[int],
        *,
        log: Sequence[tuple[str, int, str]],
        reason: str,
        actor: str,
        at: datetime | None = None,
    ) -> int:
        """Delete documents (extractions, text, vault entries and subject rows cascade),
        their watch jobs, and write ``log`` entries (category, count, method) in the
        same transaction. Returns the number of documents deleted."""
        with self._errors("destroying documents"), self._write.begin() as session:
            if session.get_bind().dialect.name == "sqlite":
                session.execute(text("PRAGMA secure_delete=ON"))  # overwrite freed pages
            deleted = 0
            for chunk in _chunks(list(document_ids), 500):
                for table in (DocumentTextTable, VaultEntryTable, SubjectIndexTable):
                    session.execute(delete(table).where(table.document_id.in_(chunk)))
                session.execute(delete(JobTable).where(JobTable.document_id.in_(chunk)))
                result: Any = session.execute(
                    delete(DocumentTable).where(DocumentTable.id.in_(chunk))
                )
                deleted += result.rowcount or 0
            for category, count, method in log:
                session.add(
                    DestructionLogTable(
                        at=at or utcnow(),
                        actor=actor,
                        reason=reason,
                        category=category,
                        count=count,
                        method=method,
                    )
                )
            return deleted

    def expire_destruction_log(self, cutoff: datetime) -> int:
        """Delete destruction-log entries older than ``cutoff`` (callers keep 3 years)."""
        with self._errors("expiring the destruction log"), self._write.begin() as session:
            result: Any = session.execute(
                delete(DestructionLogTable).where(DestructionLogTable.at < cutoff)
            )
            return result.rowcount or 0


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
