"""The ``Store``: the only door to the database.

Every public method opens its own short session and returns frozen views, so
callers never deal with sessions. Every database failure surfaces as a one-line
``StoreError`` that names the database with its password hidden and never
carries SQL parameters (which could hold field values).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    URL,
    Engine,
    Select,
    bindparam,
    create_engine,
    event,
    func,
    make_url,
    select,
    update,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from docpipe.errors import StoreError
from docpipe.result import ErrorInfo, Protection, Result, Status
from docpipe.store import migrate
from docpipe.store.core import (
    DOCUMENT_BY_SHA256,
    DOCUMENTS,
    EXTRACTIONS,
    connection,
    insert_audit,
    insert_row,
)
from docpipe.store.models import AuditEventTable, DocumentTable, ExtractionTable, utcnow
from docpipe.store.names import NameCodec, redacted
from docpipe.store.privacy import PrivacyMixin
from docpipe.store.review import ReviewMixin
from docpipe.store.rows import audit_view, document_row, document_view
from docpipe.store.views import AuditEventView, DocumentRow, DocumentView

#: the document a result with these bytes is about, locked for the write
_EXISTING = (
    select(DOCUMENTS.c.id, DOCUMENTS.c.status)
    .where(DOCUMENTS.c.sha256 == bindparam("sha256"))
    .with_for_update()
)
#: the oldest stored, not failed document with this ETTN
_FIRST_BY_ETTN = (
    select(DOCUMENTS)
    .where(DOCUMENTS.c.ettn == bindparam("ettn"), DOCUMENTS.c.status != Status.failed.value)
    .order_by(DOCUMENTS.c.id)
    .limit(1)
)
_URL_HINT = (
    "set DOCPIPE_DATABASE_URL to e.g. sqlite:///docpipe.db or postgresql+psycopg://user@host/db"
)


class Store(PrivacyMixin, ReviewMixin):
    """Documents, extractions and audit events in one SQL database.

    ``Store(url)`` connects and migrates the schema to head (idempotent, safe
    when several processes start at once). Use it as a context manager, or
    call ``close()``. Thread-safe: one Store can serve many threads.
    """

    def __init__(
        self,
        url: str,
        *,
        migrate_schema: bool = True,
        echo: bool = False,
        durable_commits: bool = True,
    ) -> None:
        """``durable_commits=False``: SQLite commits without waiting for the disk (WAL with
        ``synchronous=NORMAL``). The database stays consistent whatever happens, and a
        crash of docpipe (killed, out of memory) loses nothing: a commit is in the WAL
        file, which the next opening reads. Only a power cut or an operating-system
        crash may roll back the last transactions, so this is for callers whose input
        files stay where they are (``docpipe run``): the next run finds those files
        missing from the store and processes them again. The watch daemon and the API
        move or delete a file once it is stored, so they keep the default, which waits
        for the disk at every commit (``synchronous=FULL``: 5 to 10 ms here). No effect
        on PostgreSQL, whose server decides."""
        self.url = _parse_url(url)
        self.safe_url = self.url.render_as_string(hide_password=True)
        self._durable_commits = durable_commits
        self._engine = self._create_engine(echo)
        if self.url.get_backend_name() == "sqlite":
            writer = self._engine.execution_options(
                **{migrate.SQLITE_BEGIN_OPTION: "BEGIN IMMEDIATE"}
            )
        else:
            writer = self._engine
        self._read = sessionmaker(self._engine, expire_on_commit=False)
        self._write = sessionmaker(writer, expire_on_commit=False)
        try:
            with self._errors("opening the database"):
                if migrate_schema:
                    migrate.upgrade(self._engine)
                else:
                    with self._engine.connect():
                        pass
        except BaseException:
            self._engine.dispose()
            raise

    @classmethod
    def open(cls, url: str) -> Store:
        return cls(url)

    @classmethod
    def open_existing(cls, url: str) -> Store:
        """A store over a docpipe database that exists already: what only reads or acts on
        what is stored (``list``, ``show``, ``export``, ``status``, ``reveal``, ``audit``,
        ``subject``, ``purge``, ...) never leaves an empty SQLite file, or empty tables in a
        PostgreSQL database, behind. One that is there is migrated to head as usual."""
        path = _sqlite_file(_parse_url(url))
        if path is not None and not path.is_file():
            raise StoreError(
                f"no database at {path}; run `docpipe run` first, or point --db / "
                "DOCPIPE_DATABASE_URL at the existing one"
            )
        store = cls(url, migrate_schema=False)
        try:
            with store._errors("opening the database"):
                with store._engine.connect() as conn:
                    initialised = migrate.current_revision(conn) is not None
                if not initialised:
                    raise StoreError(
                        f"the database at {path or store.safe_url} is not initialised (no "
                        "docpipe tables); run `docpipe run` first, or point --db / "
                        "DOCPIPE_DATABASE_URL at the existing one"
                    )
                migrate.upgrade(store._engine)
        except BaseException:
            store.close()
            raise
        return store

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.safe_url!r})"

    # -- reading -------------------------------------------------------------

    def find_by_sha256(self, sha256: str) -> DocumentRow | None:
        with self._errors("looking up a document"), self._read() as session:
            row = session.connection().execute(DOCUMENT_BY_SHA256, {"sha256": sha256}).first()
            return None if row is None else document_row(row)

    def find_by_ettn(self, ettn: str) -> DocumentRow | None:
        """The oldest stored, not failed document whose invoice has this ETTN."""
        with self._errors("looking up an ETTN"), self._read() as session:
            row = session.connection().execute(_FIRST_BY_ETTN, {"ettn": ettn.lower()}).first()
            return None if row is None else document_row(row)

    def get_document(self, document_id: int) -> DocumentView | None:
        with self._errors("reading a document"), self._read() as session:
            doc = session.get(DocumentTable, document_id)
            if doc is None:
                return None
            current = _current_extractions(session, [doc.id])
            return document_view(doc, current.get(doc.id))

    def list_documents(
        self,
        *,
        status: Status | str | None = None,
        doc_type: str | None = None,
        limit: int = 100,
        offset: int = 0,
        since: datetime | None = None,
        oldest_first: bool = False,
    ) -> list[DocumentView]:
        """Documents newest first (or oldest first), each with its current extraction."""
        query = _filtered(select(DocumentTable), status, doc_type, since)
        if oldest_first:
            query = query.order_by(DocumentTable.created_at, DocumentTable.id)
        else:
            query = query.order_by(DocumentTable.created_at.desc(), DocumentTable.id.desc())
        with self._errors("listing documents"), self._read() as session:
            docs = session.scalars(query.limit(limit).offset(offset)).all()
            current = _current_extractions(session, [d.id for d in docs])
            return [document_view(d, current.get(d.id)) for d in docs]

    def count_documents(
        self,
        *,
        status: Status | str | None = None,
        doc_type: str | None = None,
        since: datetime | None = None,
    ) -> int:
        query = _filtered(select(func.count()).select_from(DocumentTable), status, doc_type, since)
        with self._errors("counting documents"), self._read() as session:
            return int(session.scalar(query) or 0)

    def iter_extractions_for_export(
        self,
        *,
        status: Status | str | None = None,
        doc_type: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        batch_size: int = 500,
    ) -> Iterator[DocumentView]:
        """Documents that have an extraction, oldest id first, with the current one;
        ``since`` (inclusive) and ``until`` (exclusive) bound when they were stored.

        Reads in batches, each in its own short session, so a slow consumer
        (a CSV writer) holds no transaction open.
        """
        after = 0
        while True:
            query = _filtered(select(DocumentTable), status, doc_type)
            if since is not None:
                query = query.where(DocumentTable.created_at >= since)
            if until is not None:
                query = query.where(DocumentTable.created_at < until)
            query = (
                query.where(DocumentTable.id > after)
                .where(
                    select(ExtractionTable.id)
                    .where(ExtractionTable.document_id == DocumentTable.id)
                    .exists()
                )
                .order_by(DocumentTable.id)
                .limit(batch_size)
            )
            with self._errors("reading documents for export"), self._read() as session:
                docs = session.scalars(query).all()
                current = _current_extractions(session, [d.id for d in docs])
                batch = [document_view(d, current.get(d.id)) for d in docs]
            yield from (view for view in batch if view.extraction is not None)
            if len(docs) < batch_size:
                return
            after = docs[-1].id

    def list_audit(
        self, *, document_id: int | None = None, limit: int = 100
    ) -> list[AuditEventView]:
        """Audit events newest first, optionally for one document."""
        query = select(AuditEventTable).order_by(AuditEventTable.id.desc()).limit(limit)
        if document_id is not None:
            query = query.where(AuditEventTable.document_id == document_id)
        with self._errors("reading the audit log"), self._read() as session:
            return [audit_view(e) for e in session.scalars(query)]

    # -- writing -------------------------------------------------------------

    def save_result(
        self,
        result: Result,
        *,
        source_path: str,
        file_name: str,
        size_bytes: int | None,
        model: str | None = None,
        reprocess: bool = False,
        actor: str = "docpipe",
        protection: Protection | None = None,
        attach: Callable[[Session, int], object] | None = None,
    ) -> int:
        """Store one pipeline result in one transaction; return the document id.

        - new sha256: insert the document (+ extraction when ``result.record``
          is set) and an audit event ``ingest``;
        - known sha256 whose document failed (or ``reprocess=True``): update the
          document from the result, add the extraction, audit ``extract``;
        - known sha256 otherwise, or a ``duplicate`` result: write nothing and
          return the existing id.

        A concurrent insert of the same sha256 by another process is treated
        as "already there". Files that failed before they could be hashed
        (``sha256`` is None) are matched on ``source_path`` instead.
        ``protection`` (redacted text, vault entries, subject hashes) replaces
        the document's rows in the same transaction. ``attach(session, document_id)``
        runs in that transaction too, whichever of the three happened (the pipeline
        records an invoice's first form with it: one commit per document).
        """
        if result.status is Status.duplicate:
            return self._existing_id_for_duplicate(result)
        payload = _extraction_payload(result, model)  # checked before any write
        for attempt in range(2):
            try:
                with self._write.begin() as session:
                    document_id = self._save(
                        session,
                        result,
                        source_path=source_path,
                        file_name=file_name,
                        size_bytes=size_bytes,
                        payload=payload,
                        reprocess=reprocess,
                        actor=actor,
                        protection=protection,
                    )
                    if attach is not None:
                        attach(session, document_id)
                    return document_id
            except sa_exc.IntegrityError as error:
                if attempt == 0 and result.sha256 and self.find_by_sha256(result.sha256):
                    continue  # lost the race to another writer: now it is "already there"
                raise self._store_error(error, "saving a result") from None
            except sa_exc.SQLAlchemyError as error:
                raise self._store_error(error, "saving a result") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def add_audit(
        self,
        action: str,
        *,
        document_id: int | None = None,
        actor: str = "docpipe",
        details: dict[str, Any] | None = None,
    ) -> int:
        """Record an event; ``details`` must hold ids and field names only, never values."""
        with self._errors("writing the audit log"), self._write.begin() as session:
            return insert_audit(
                session, actor=actor, action=action, document_id=document_id, details=details or {}
            )

    # -- internals -----------------------------------------------------------

    def _save(
        self,
        session: Session,
        result: Result,
        *,
        source_path: str,
        file_name: str,
        size_bytes: int | None,
        payload: dict[str, Any] | None,
        reprocess: bool,
        actor: str,
        protection: Protection | None = None,
    ) -> int:
        """The rows of one result, written with Core statements (``docpipe.store.core``)."""
        conn = connection(session)
        found = self._find_existing(session, result, source_path)
        values = _document_values(result, source_path, file_name, size_bytes, self._names)
        if found is None:
            document_id = insert_row(conn, DOCUMENTS, {"sha256": result.sha256, **values})
            action = "ingest"
        elif found.status == Status.failed.value or reprocess:
            document_id = found.id
            if size_bytes is None:
                del values["size_bytes"]  # keep the size known from before
            conn.execute(
                update(DOCUMENTS)
                .where(DOCUMENTS.c.id == document_id)
                .values(**values, updated_at=utcnow())
            )
            action = "extract"
        else:
            return int(found.id)

        extraction_id: int | None = None
        if payload is not None:
            extraction_id = insert_row(conn, EXTRACTIONS, {"document_id": document_id, **payload})
        if protection is not None:
            # a document inserted just now has no rows to replace
            self._save_protection(session, document_id, protection, new=action == "ingest")

        details: dict[str, Any] = {"status": result.status.value, "extraction_id": extraction_id}
        if reprocess:
            details["reprocess"] = True
        if result.engine:
            details["engine"] = result.engine
        if protection is not None and protection.special_categories:
            # KVKK Art. 6: that a category was present (and dropped), never its value
            details["special_categories"] = list(protection.special_categories)
        insert_audit(conn, actor=actor, action=action, document_id=document_id, details=details)
        return document_id

    def _find_existing(self, session: Session, result: Result, source_path: str) -> Any:
        """The stored document's (id, status) this result is about, locked; or None."""
        if result.sha256 is not None:
            found = session.connection().execute(_EXISTING, {"sha256": result.sha256})
            return found.first()
        query = (
            select(DOCUMENTS.c.id, DOCUMENTS.c.status)
            .where(
                DOCUMENTS.c.sha256.is_(None),
                DOCUMENTS.c.source_path == self.stored_name(source_path),
                DOCUMENTS.c.status == Status.failed.value,
            )
            .order_by(DOCUMENTS.c.id.desc())
            .limit(1)
        )
        return session.connection().execute(query.with_for_update()).first()

    def _existing_id_for_duplicate(self, result: Result) -> int:
        if result.duplicate_of is not None:
            return result.duplicate_of
        existing = self.find_by_sha256(result.sha256) if result.sha256 else None
        if existing is None:
            raise ValueError("a duplicate result needs duplicate_of or a stored sha256")
        return existing.id

    def _create_engine(self, echo: bool) -> Engine:
        url = self.url
        backend = url.get_backend_name()
        kwargs: dict[str, Any] = {"echo": echo, "future": True}
        connect_args: dict[str, Any] = {}
        if backend == "sqlite":
            _make_sqlite_parent(url, self.safe_url)
            if "timeout" not in url.query:
                connect_args["timeout"] = 30
        else:
            kwargs["pool_pre_ping"] = True
            if backend == "postgresql" and "connect_timeout" not in url.query:
                connect_args["connect_timeout"] = 10
        if connect_args:
            kwargs["connect_args"] = connect_args
        try:
            engine = create_engine(url, **kwargs)
        except sa_exc.NoSuchModuleError:
            raise StoreError(
                f"unknown database kind '{url.drivername}' in {self.safe_url}; {_URL_HINT}."
            ) from None
        except ImportError as error:
            raise StoreError(_missing_driver_message(url, self.safe_url, error)) from None
        except sa_exc.ArgumentError as error:
            raise StoreError(
                f"invalid database URL {self.safe_url} ({_first_line(str(error))}); {_URL_HINT}."
            ) from None
        if backend == "sqlite":
            _install_sqlite_listeners(engine, self._durable_commits)
        return engine

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except sa_exc.SQLAlchemyError as error:
            raise self._store_error(error, doing) from None

    def _store_error(self, error: sa_exc.SQLAlchemyError, doing: str) -> StoreError:
        orig = getattr(error, "orig", None)
        reason = _first_line(str(orig) if orig is not None else type(error).__name__)
        if self.url.password:
            reason = reason.replace(str(self.url.password), "***")
        sqlite = self.url.get_backend_name() == "sqlite"
        if isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError):
            if sqlite:
                hint = (
                    "check that the database file and its directory exist and are writable, "
                    "and that no other program holds it locked"
                )
            else:
                hint = (
                    "check DOCPIPE_DATABASE_URL, that the server is running and reachable, "
                    "and the user name and password"
                )
            return StoreError(
                f"cannot use the database {self.safe_url} while {doing}: {reason}; {hint}."
            )
        return StoreError(f"database error while {doing} ({self.safe_url}): {reason}.")


# -- helpers -----------------------------------------------------------------


def _parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (sa_exc.ArgumentError, ValueError):
        # Do not echo the string: it may hold a password we could not parse out.
        raise StoreError(f"the database URL is not a valid SQLAlchemy URL; {_URL_HINT}.") from None
    if parsed.drivername in ("postgresql", "postgres"):
        # docpipe[postgres] installs psycopg 3; SQLAlchemy's default would be psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _missing_driver_message(url: URL, safe_url: str, error: ImportError) -> str:
    module = getattr(error, "name", None) or "its driver"
    if url.get_backend_name() == "postgresql":
        return (
            f"the PostgreSQL driver ({module}) is not installed for {safe_url}; "
            "install docpipe[postgres] (pip install 'docpipe[postgres]') "
            "and use a postgresql+psycopg:// URL."
        )
    return (
        f"the database driver {module} for {safe_url} is not installed; install it or {_URL_HINT}."
    )


def _sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL, or None (another backend, memory, a ``file:`` URI)."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return None if database.startswith("file:") else Path(database).expanduser()


def _make_sqlite_parent(url: URL, safe_url: str) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    parent = Path(database).expanduser().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"cannot create the directory {parent} for the database {safe_url} "
            f"({error.strerror or type(error).__name__}); choose a writable location."
        ) from None


def _install_sqlite_listeners(engine: Engine, durable_commits: bool = True) -> None:
    """WAL, foreign keys, and real transactions (pysqlite's own BEGIN handling is off);
    ``synchronous=NORMAL`` where commits need not wait for the disk (``Store``)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        try:
            _set_wal(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
            if not durable_commits:  # safe under WAL: consistent, only a power cut loses
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql(conn.get_execution_options().get(migrate.SQLITE_BEGIN_OPTION, "BEGIN"))


def _set_wal(cursor: Any, wait_s: float = 30.0) -> None:
    """Switch to WAL; while another process migrates a new file, SQLite answers "locked"
    at once (the busy timeout does not cover a journal-mode change), so wait and retry."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _filtered(
    query: Select[Any],
    status: Status | str | None,
    doc_type: str | None,
    since: datetime | None = None,
) -> Select[Any]:
    if since is not None:  # stored at or after
        query = query.where(DocumentTable.created_at >= since)
    if status is not None:
        query = query.where(DocumentTable.status == Status(status).value)
    if doc_type is not None:
        query = query.where(DocumentTable.doc_type == doc_type)
    return query


def _current_extractions(
    session: Session, document_ids: Sequence[int]
) -> dict[int, ExtractionTable]:
    if not document_ids:
        return {}
    newest = (
        select(func.max(ExtractionTable.id))
        .where(ExtractionTable.document_id.in_(document_ids))
        .group_by(ExtractionTable.document_id)
    )
    rows = session.scalars(select(ExtractionTable).where(ExtractionTable.id.in_(newest)))
    return {row.document_id: row for row in rows}


def _document_values(
    result: Result,
    source_path: str,
    file_name: str,
    size_bytes: int | None,
    names: NameCodec | None,
) -> dict[str, Any]:
    """The ``documents`` columns a result sets (all but ``sha256`` and the timestamps)."""
    stored_path, path_sealed = redacted(names, source_path)
    stored_name, name_sealed = redacted(names, file_name)
    ettn = (result.record or {}).get("ettn") if result.status is not Status.failed else None
    error = result.error
    if error is None and result.record is None and result.failed_checks:
        # no record, so no extraction row to hold the checks (an unrecognised document):
        # keep why it needs review, for the review queue (reasons never hold a value)
        reasons = "; ".join(dict.fromkeys(c.reason or c.name for c in result.failed_checks))
        error = ErrorInfo(stage="review", category="needs_review", reason=reasons)
    return {
        "source_path": stored_path,
        "path_sealed": path_sealed,
        "file_name": _clip(stored_name, 512) or "",
        "name_sealed": name_sealed,
        "media_type": _clip(result.media_type, 127),
        "size_bytes": size_bytes,
        "page_count": result.page_count,
        "doc_type": _clip(result.doc_type, 64),
        "doc_type_confidence": result.doc_type_confidence,
        "status": result.status.value,
        "ettn": _clip(str(ettn).lower(), 40) if ettn else None,
        "error_stage": _clip(error.stage, 64) if error else None,
        "error_category": _clip(error.category, 64) if error else None,
        "error_message": error.reason if error else None,
    }


def _extraction_payload(result: Result, model: str | None) -> dict[str, Any] | None:
    """The extraction row's columns, or None without a record; ValueError if unstorable."""
    if result.record is None:
        return None
    if not (result.engine and result.schema_name):
        raise ValueError("a result with a record needs engine and schema_name set")
    payload: dict[str, Any] = {
        "engine": _clip(result.engine, 64),
        "model": _clip(model, 255),
        "schema_name": _clip(result.schema_name, 128),
        "schema_version": _clip(result.schema_version, 32) or "",
        "status": result.status.value,
        "record": result.record,
        "evidence": {k: v.model_dump(mode="json") for k, v in result.evidence.items()},
        "checks": [c.model_dump(mode="json") for c in result.checks],
        "durations": dict(result.durations),
    }
    try:
        json.dumps(payload["record"])
    except (TypeError, ValueError) as error:
        # The message names a type ("Object of type set ..."), never a value.
        raise ValueError(
            f"the record is not JSON (use model_dump(mode='json')): {_first_line(str(error))}"
        ) from None
    return payload


def _clip(value: str | None, length: int) -> str | None:
    return None if value is None else value[:length]


def _first_line(text: str) -> str:
    for line in text.strip().splitlines():
        if line.strip():
            return line.strip()
    return "unknown error"
