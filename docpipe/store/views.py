"""What the store hands out: frozen snapshots, never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from docpipe.result import Status


@dataclass(frozen=True, slots=True)
class ExtractionView:
    id: int
    document_id: int
    engine: str
    model: str | None
    schema_name: str
    schema_version: str
    status: Status
    record: dict[str, Any]
    evidence: dict[str, Any]
    checks: list[dict[str, Any]]
    durations: dict[str, float]
    created_at: datetime
    corrected_fields: tuple[str, ...] = ()  # set by a reviewer (docpipe.review)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    sha256: str | None
    source_path: str
    file_name: str
    media_type: str | None
    size_bytes: int | None
    page_count: int
    doc_type: str | None
    doc_type_confidence: float | None
    status: Status
    error_stage: str | None
    error_category: str | None
    error_message: str | None
    created_at: datetime
    updated_at: datetime
    reviewed_by: str | None = None  # the last approve, reject or correction (docpipe.review)
    reviewed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class DocumentView(DocumentRow):
    """A document with its current (newest) extraction, if it has one."""

    extraction: ExtractionView | None = None


@dataclass(frozen=True, slots=True)
class AuditEventView:
    id: int
    at: datetime
    actor: str
    action: str
    document_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DestructionView:
    """One destruction-log entry: what category, how many, when, how; never data."""

    id: int
    at: datetime
    actor: str
    reason: str
    category: str
    count: int
    method: str
