"""The store's review writes: a reviewer's decision and a corrected record (docpipe.review).

A mixin of ``Store``. Each method is one transaction that changes the document and
writes its audit event together, so there is never a decision without its entry.
Values arrive already redacted and personal originals already sealed; the audit
``details`` hold field names, vault entry names and non-personal values only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from docpipe.result import Status
from docpipe.store.models import (
    AuditEventTable,
    DocumentTable,
    ExtractionTable,
    SubjectIndexTable,
    VaultEntryTable,
    utcnow,
)
from docpipe.store.rows import document_row
from docpipe.store.views import DocumentRow


@dataclass(frozen=True)
class Correction:
    """A corrected record, ready to store: redacted, its originals sealed."""

    record: dict[str, Any]
    evidence: dict[str, Any]
    checks: list[dict[str, Any]]
    status: Status
    corrected_fields: list[str]
    #: (field, entity, token): replaces the document's entries for these fields
    vault: list[tuple[str, str, str]]
    #: subject index rows (digest, kind) to add
    subjects: list[tuple[str, str]]


class ReviewMixin:
    _read: sessionmaker[Session]
    _write: sessionmaker[Session]
    _errors: Callable[[str], AbstractContextManager[None]]
    _claim_vault_key: Callable[[Session], None]  # PrivacyMixin's

    def set_review_status(
        self,
        document_id: int,
        status: Status,
        *,
        actor: str,
        action: str,
        details: dict[str, Any],
        allowed_from: Sequence[Status],
    ) -> DocumentRow | None:
        """Set a reviewer's status and audit it; None when the document is not there or its
        status is not one of ``allowed_from`` (nothing changes then)."""
        with self._errors("recording a review decision"), self._write.begin() as session:
            doc = session.get(DocumentTable, document_id, with_for_update=True)
            if doc is None or doc.status not in {s.value for s in allowed_from}:
                return None
            details = {"from": doc.status, **details}
            doc.status = status.value
            doc.reviewed_by = actor[:100]
            doc.reviewed_at = doc.updated_at = utcnow()
            session.add(
                AuditEventTable(
                    actor=actor[:100], action=action, document_id=document_id, details=details
                )
            )
            session.flush()
            return document_row(doc)

    def save_correction(
        self,
        document_id: int,
        based_on: int,
        correction: Correction,
        *,
        actor: str,
        details: dict[str, Any],
    ) -> int | None:
        """Store a corrected record as the document's new current extraction, with its
        vault entries, and audit it; returns the extraction id. None (nothing written)
        when the current extraction is no longer ``based_on``: someone else changed it."""
        with self._errors("saving a correction"), self._write.begin() as session:
            doc = session.get(DocumentTable, document_id, with_for_update=True)
            if doc is None:
                return None
            current = session.scalars(
                select(ExtractionTable)
                .where(ExtractionTable.document_id == document_id)
                .order_by(ExtractionTable.id.desc())
                .limit(1)
            ).first()
            if current is None or current.id != based_on:
                return None
            extraction = ExtractionTable(
                document_id=document_id,
                engine=current.engine,
                model=current.model,
                schema_name=current.schema_name,
                schema_version=current.schema_version,
                status=correction.status.value,
                record=correction.record,
                evidence=correction.evidence,
                checks=correction.checks,
                durations={},
                corrected_fields=correction.corrected_fields,
            )
            session.add(extraction)
            if correction.vault or correction.subjects:
                self._claim_vault_key(session)
            fields = sorted({name for name, _, _ in correction.vault})
            if fields:
                session.execute(
                    delete(VaultEntryTable).where(
                        VaultEntryTable.document_id == document_id,
                        VaultEntryTable.field.in_(fields),
                    )
                )
            for name, entity, token in correction.vault:
                session.add(
                    VaultEntryTable(document_id=document_id, field=name, entity=entity, token=token)
                )
            have = {
                (digest, kind)
                for digest, kind in session.execute(
                    select(SubjectIndexTable.digest, SubjectIndexTable.kind).where(
                        SubjectIndexTable.document_id == document_id
                    )
                )
            }
            for digest, kind in dict.fromkeys(correction.subjects):
                if (digest, kind) not in have:
                    session.add(
                        SubjectIndexTable(document_id=document_id, digest=digest, kind=kind)
                    )
            doc.status = correction.status.value
            ettn = correction.record.get("ettn")
            if ettn:
                doc.ettn = str(ettn).lower()[:40]
            doc.reviewed_by = actor[:100]
            doc.reviewed_at = doc.updated_at = utcnow()
            session.flush()
            session.add(
                AuditEventTable(
                    actor=actor[:100],
                    action="correct",
                    document_id=document_id,
                    details={"extraction_id": extraction.id, **details},
                )
            )
            return extraction.id
