"""ORM rows to the frozen views callers get (``docpipe.store.views``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from docpipe.result import Status
from docpipe.store.models import AuditEventTable, DocumentTable, ExtractionTable
from docpipe.store.views import AuditEventView, DocumentRow, DocumentView, ExtractionView


def _document_fields(doc: DocumentTable | Row[Any]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "sha256": doc.sha256,
        "source_path": doc.source_path,
        "file_name": doc.file_name,
        "media_type": doc.media_type,
        "size_bytes": doc.size_bytes,
        "page_count": doc.page_count,
        "doc_type": doc.doc_type,
        "doc_type_confidence": doc.doc_type_confidence,
        "status": Status(doc.status),
        "error_stage": doc.error_stage,
        "error_category": doc.error_category,
        "error_message": doc.error_message,
        "created_at": doc.created_at,
        "updated_at": doc.updated_at,
        "reviewed_by": doc.reviewed_by,
        "reviewed_at": doc.reviewed_at,
    }


def document_row(doc: DocumentTable | Row[Any]) -> DocumentRow:
    """From an ORM row, or a Core row of every ``documents`` column (the hot path)."""
    return DocumentRow(**_document_fields(doc))


def document_view(doc: DocumentTable, extraction: ExtractionTable | None) -> DocumentView:
    return DocumentView(
        **_document_fields(doc),
        extraction=None if extraction is None else extraction_view(extraction),
    )


def extraction_view(row: ExtractionTable) -> ExtractionView:
    return ExtractionView(
        id=row.id,
        document_id=row.document_id,
        engine=row.engine,
        model=row.model,
        schema_name=row.schema_name,
        schema_version=row.schema_version,
        status=Status(row.status),
        record=row.record,
        evidence=row.evidence,
        checks=row.checks,
        durations=row.durations,
        created_at=row.created_at,
        corrected_fields=tuple(row.corrected_fields or ()),
    )


def audit_view(row: AuditEventTable) -> AuditEventView:
    return AuditEventView(
        id=row.id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        document_id=row.document_id,
        details=row.details,
    )
