"""SQLAlchemy 2.0 table models: documents, extractions, audit events, watch jobs.

Portable between SQLite and PostgreSQL: JSON columns use ``sqlalchemy.JSON``,
timestamps are timezone-aware UTC (``UTCDateTime`` puts the zone back on values
read from SQLite, which stores none). Constraint names follow
``NAMING_CONVENTION`` so migrations can address them on every backend.

These classes are the store's inside; callers get the frozen views from
``docpipe.store.views`` and never a live ORM object.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Statuses a stored document (and extraction) can have; ``duplicate`` is never stored.
#: ``approved`` and ``rejected`` are set by a reviewer (docpipe.review), never by the pipeline.
STORED_STATUSES = ("ok", "needs_review", "failed", "approved", "rejected")
STATUS_CHECK = "status IN ('ok', 'needs_review', 'failed', 'approved', 'rejected')"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (naive values count as UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class DocumentTable(Base):
    """One input file, identified by the SHA-256 of its bytes."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # NULL only for files that failed before they could be hashed.
    sha256: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)
    # Path and name as a keyed hash plus the extension (docpipe.store.names); the
    # originals sealed beside them. Stored as given only when redaction is off.
    source_path: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(512))
    path_sealed: Mapped[str | None] = mapped_column(Text)
    name_sealed: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(127))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    doc_type: Mapped[str | None] = mapped_column(String(64), index=True)
    doc_type_confidence: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), index=True)
    # The invoice's ETTN (a UUID, not personal data): a re-scan of a known invoice is a duplicate.
    ettn: Mapped[str | None] = mapped_column(String(40), index=True)
    error_stage: Mapped[str | None] = mapped_column(String(64))
    error_category: Mapped[str | None] = mapped_column(String(64))
    # The pipeline guarantees this never holds a field value.
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # The last human decision (approve, reject, correct): who and when (docpipe.review).
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ExtractionTable(Base):
    """One extraction run over a document; the newest (highest id) is the current one."""

    __tablename__ = "extractions"
    __table_args__ = (CheckConstraint(STATUS_CHECK, name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    engine: Mapped[str] = mapped_column(String(64))
    model: Mapped[str | None] = mapped_column(String(255))
    schema_name: Mapped[str] = mapped_column(String(128))
    schema_version: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(20))
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    checks: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    durations: Mapped[dict[str, float]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Field paths a reviewer set by hand, this extraction and those it was corrected from.
    corrected_fields: Mapped[list[str] | None] = mapped_column(JSON)


class AuditEventTable(Base):
    """Who did what to which document; ``details`` holds ids and field names only."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50), index=True)
    document_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


#: States of a watch job. ``vanished``: the file disappeared before it was taken.
JOB_STATES = ("queued", "processing", "done", "failed", "vanished")
JOB_STATE_CHECK = "state IN ('queued', 'processing', 'done', 'failed', 'vanished')"
#: A file name has at most one active job per inbox (the enqueue race guard).
JOB_ACTIVE = "state IN ('queued', 'processing')"


class JobTable(Base):
    """One file found in a watched inbox, from discovery to done/ or failed/.

    The row is the job's whole state, so a daemon that crashed can be resumed by
    any other: ``claimed_by`` (``host:pid`` of the worker) and ``lease_until`` tell
    whether the claim is still alive. Holds file names and hashes, never content;
    names and paths as keyed hashes with the originals sealed (docpipe.store.names).
    """

    __tablename__ = "watch_jobs"
    __table_args__ = (
        CheckConstraint(JOB_STATE_CHECK, name="state"),
        Index(
            "uq_watch_jobs_active",
            "inbox",
            "name",
            unique=True,
            sqlite_where=text(JOB_ACTIVE),
            postgresql_where=text(JOB_ACTIVE),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    inbox: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(512))
    state: Mapped[str] = mapped_column(String(16), index=True)
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    work_path: Mapped[str | None] = mapped_column(Text)
    final_path: Mapped[str | None] = mapped_column(Text)
    name_sealed: Mapped[str | None] = mapped_column(Text)
    work_sealed: Mapped[str | None] = mapped_column(Text)
    final_sealed: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(Integer)
    peak_rss_kb: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class JobContentTable(Base):
    """The bytes of a queued job's file, for a worker on another machine (``docpipe
    submit``, ``docpipe watch`` with a broker): AES-GCM sealed with a key derived from
    the vault key, bound to the job; deleted when the job finishes."""

    __tablename__ = "job_contents"

    job_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("watch_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentTextTable(Base):
    """A document's text as stored: redacted (pages separated by form feeds)."""

    __tablename__ = "document_texts"

    document_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    redacted: Mapped[bool] = mapped_column(Boolean)
    # page number -> boxes (page units) over personal data: coordinates, no content
    boxes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VaultEntryTable(Base):
    """One original value, AES-GCM sealed and bound to (document sha256, field).

    The key is never here: it comes from DOCPIPE_VAULT_KEY or a key file.
    """

    __tablename__ = "vault_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(64))
    token: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SubjectIndexTable(Base):
    """A data subject mentioned in a document, by keyed hash (HMAC) of their identifier."""

    __tablename__ = "subject_index"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    digest: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(32))


class DestructionLogTable(Base):
    """What was destroyed, when and how: categories and counts, never data (KVKK)."""

    __tablename__ = "destruction_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(50))
    category: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(Text)


class DocumentSourceTable(Base):
    """One form of an invoice (PDF, XML, scan, photo), attached to the one record it is.

    The first form is the document; each later one adds a row here instead of a
    second record. ``rank`` orders forms by how much they can be trusted (XML >
    text layer + karekod > text layer > OCR + karekod > OCR). Identity keys are not
    personal (ETTN, invoice number, date, total) except the seller's id, kept only
    as a keyed hash. ``evidence`` is the form's (redacted) evidence and the match.
    """

    __tablename__ = "document_sources"
    # ``identity.find_invoice``: a paper form matches a stored one on these keys; the
    # index finds it among however many forms of that seller are stored (migration 0010)
    __table_args__ = (
        Index("ix_document_sources_seller_keys", "seller_digest", "invoice_number", "issue_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    file_name: Mapped[str] = mapped_column(String(512))  # keyed hash + extension
    name_sealed: Mapped[str | None] = mapped_column(Text)
    media_type: Mapped[str | None] = mapped_column(String(127))
    form: Mapped[str] = mapped_column(String(20))  # xml, text_layer, ocr
    karekod: Mapped[bool] = mapped_column(Boolean)
    rank: Mapped[int] = mapped_column(Integer)
    matched_by: Mapped[str] = mapped_column(String(32))  # first, ettn, ettn_near, keys
    ettn: Mapped[str | None] = mapped_column(String(40), index=True)
    seller_digest: Mapped[str | None] = mapped_column(String(64), index=True)
    invoice_number: Mapped[str | None] = mapped_column(String(40))
    issue_date: Mapped[str | None] = mapped_column(String(10))
    total: Mapped[str | None] = mapped_column(String(40))
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VaultKeyTable(Base):
    """The one vault key of this database, as a fingerprint (an HMAC derived from the
    key, never the key): a second key is refused instead of splitting the vault."""

    __tablename__ = "vault_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1: one row
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    rotated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
