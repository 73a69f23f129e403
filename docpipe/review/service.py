"""The review service: the queue, a document as a reviewer sees it, and the decisions.

A library over a ``Store`` and the ``Settings`` (no HTTP here: ``docpipe.api`` and
the review page are shells over it). Roles are the caller's to check
(``docpipe.api.auth``); the service takes the actor's name for the audit log.

- ``queue``: ``needs_review`` documents, oldest first, with their reasons;
- ``document``: status, type, the stored (redacted) record field by field with
  its state (failed check / low confidence / fine), checks and evidence boxes
  (page units; ``page_png`` gives the scale);
- ``approve`` / ``reject``: the reviewer's decision, audited;
- ``correct``: values set by hand, the family's validators run again at once,
  personal values sealed in the vault; the audit entry names who, when, and
  old → new, a personal value as the name of its vault entry, never the value;
- ``reprocess``: the stored original through the pipeline again;
- ``reveal``: one original value for a privacy officer, with a reason (audited);
- ``page_png``: a page image with personal areas burned in (or not: for a role
  that may see them, audited).
"""

from __future__ import annotations

import copy
import logging
import secrets
from datetime import datetime
from typing import Any

from docpipe.errors import UsageError
from docpipe.evaluate import flatten
from docpipe.families import SCHEMA_BY_DOC_TYPE, family_of
from docpipe.kvkk.export import PageImage, original_file, page_image
from docpipe.kvkk.keys import store_key
from docpipe.kvkk.reveal import reveal as kvkk_reveal
from docpipe.redact.policy import free_text_paths, personal_fields
from docpipe.redact.vault import Vault
from docpipe.result import Check, Result, Status
from docpipe.review.corrections import apply, check_changes, put_path, recheck, touches
from docpipe.review.errors import Conflict, NotAllowed, NotFound
from docpipe.review.views import (
    LOW_CONFIDENCE,
    AuditEntry,
    CheckView,
    CorrectionOutcome,
    DocumentDetail,
    DocumentPage,
    DocumentSummary,
    ErrorView,
    EvidenceView,
    FieldView,
    QueueItem,
)
from docpipe.safe_text import display_file_name
from docpipe.schemas.marks import schema_marks
from docpipe.settings import Settings
from docpipe.store import DocumentView, Store
from docpipe.store.review import Correction

log = logging.getLogger("docpipe.review")

#: Vault entries that are not a record field's original (page text, audit values).
_NOT_RECORD = ("special.", "correction.")
#: Statuses a reviewer may approve from, reject from, correct in.
_APPROVABLE = (Status.ok, Status.needs_review, Status.rejected)
_REJECTABLE = (Status.ok, Status.needs_review, Status.approved, Status.failed)
_CORRECTABLE = (Status.ok, Status.needs_review, Status.approved)


class ReviewService:
    """Review actions over one store; thread-safe as the store is."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._key: bytes | None = None

    # -- reading -------------------------------------------------------------------------

    def queue(self, *, limit: int = 100, offset: int = 0) -> list[QueueItem]:
        """Documents waiting for a reviewer, oldest first, each with its reasons."""
        views = self.store.list_documents(
            status=Status.needs_review, limit=limit, offset=offset, oldest_first=True
        )
        return [
            QueueItem(
                id=v.id,
                file_name=self._file_name(v.file_name),
                doc_type=v.doc_type,
                status=v.status,
                created_at=v.created_at,
                reasons=_reasons(v),
            )
            for v in views
        ]

    def documents(
        self,
        *,
        status: Status | None = None,
        doc_type: str | None = None,
        since: datetime | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> DocumentPage:
        """One page of documents, newest first, and how many match in all."""
        views = self.store.list_documents(
            status=status, doc_type=doc_type, since=since, limit=limit, offset=offset
        )
        total = self.store.count_documents(status=status, doc_type=doc_type, since=since)
        items = [
            DocumentSummary(
                id=v.id,
                status=v.status,
                doc_type=v.doc_type,
                file_name=self._file_name(v.file_name),
                page_count=v.page_count,
                created_at=v.created_at,
                updated_at=v.updated_at,
                failed_checks=sum(
                    1 for c in (v.extraction.checks if v.extraction else []) if not c["passed"]
                ),
            )
            for v in views
        ]
        return DocumentPage(items=items, total=total, limit=limit, offset=offset)

    def document(self, document_id: int) -> DocumentDetail:
        view = self._view(document_id)
        ex = view.extraction
        checks = [CheckView(**c) for c in ex.checks] if ex is not None else []
        error = None
        if view.error_stage or view.error_category or view.error_message:
            error = ErrorView(
                stage=view.error_stage, category=view.error_category, reason=view.error_message
            )
        detail = DocumentDetail(
            id=view.id,
            status=view.status,
            doc_type=view.doc_type,
            doc_type_confidence=view.doc_type_confidence,
            file_name=self._file_name(view.file_name),
            media_type=view.media_type,
            page_count=view.page_count,
            created_at=view.created_at,
            updated_at=view.updated_at,
            reviewed_by=view.reviewed_by,
            reviewed_at=view.reviewed_at,
            checks=checks,
            reasons=_reasons(view),
            error=error,
        )
        if ex is None:
            return detail
        sealed = set(self.store.vault_fields(document_id))
        personal = set(personal_fields(view.doc_type, ex.record)) | set(
            free_text_paths(view.doc_type, ex.record)
        )
        fields = []
        for path, value in flatten(ex.record).items():
            failed = [c for c in checks if not c.passed and touches(c.field, [path])]
            evidence = ex.evidence.get(path)
            confidence = evidence.get("confidence") if evidence else None
            state = (
                "failed"
                if failed
                else "low_confidence"
                if confidence is not None and confidence < LOW_CONFIDENCE
                else "ok"
            )
            fields.append(
                FieldView(
                    path=path,
                    value=value,
                    personal=path in personal or path in sealed,
                    sealed=path in sealed,
                    corrected=path in ex.corrected_fields,
                    state=state,
                    reasons=[_reason(c) for c in failed],
                    evidence=_evidence(evidence),
                )
            )
        return detail.model_copy(
            update={
                "engine": ex.engine,
                "schema_name": ex.schema_name,
                "extraction_id": ex.id,
                "record": ex.record,
                "fields": fields,
            }
        )

    def audit(self, document_id: int, *, limit: int = 100) -> list[AuditEntry]:
        self._view(document_id)
        return [
            AuditEntry(
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                document_id=e.document_id,
                details=e.details,
            )
            for e in self.store.list_audit(document_id=document_id, limit=limit)
        ]

    def page_png(self, document_id: int, page: int, *, burn: bool = True) -> PageImage:
        """Page ``page`` (1-based) as PNG with personal areas burned in; ``burn=False``
        for a role that may see them (audited here)."""
        view = self._view(document_id)
        if page < 1 or page > view.page_count:
            raise NotFound(f"document {document_id} has no page {page}")
        self._vault_key()  # source paths are sealed: the key finds the original
        original = original_file(self.store, view.id, view.sha256)
        if original is None:
            raise Conflict(f"the original file of document {document_id} is not available")
        boxes = (self.store.redaction_boxes(document_id) or {}).get(page, [])
        image = page_image(original, page, boxes, self.settings, burn_in=burn)
        if image is None:
            raise NotFound(f"document {document_id} has no page image {page}")
        return image

    def log_unredacted_page(self, document_id: int, page: int, actor: str) -> None:
        """Audit that ``actor`` saw a page without its personal areas burned in."""
        self.store.add_audit(
            "view_unredacted_page", document_id=document_id, actor=actor, details={"page": page}
        )

    # -- decisions -----------------------------------------------------------------------

    def approve(self, document_id: int, actor: str) -> DocumentDetail:
        view = self._view(document_id)
        if view.extraction is None:
            raise Conflict(
                f"document {document_id} has no record to approve; reprocess or reject it"
            )
        overridden = sorted(
            {f"{c['name']}({c['field']})" for c in view.extraction.checks if not c["passed"]}
        )
        row = self.store.set_review_status(
            document_id,
            Status.approved,
            actor=actor,
            action="approve",
            details={"extraction_id": view.extraction.id, "failed_checks": overridden},
            allowed_from=_APPROVABLE,
        )
        if row is None:
            raise Conflict(f"document {document_id} is {view.status.value}: it cannot be approved")
        return self.document(document_id)

    def reject(self, document_id: int, actor: str, reason: str) -> DocumentDetail:
        reason = " ".join(reason.split())
        if len(reason) < 3:
            raise UsageError("give the reason for rejecting a document (it is audited)")
        view = self._view(document_id)
        row = self.store.set_review_status(
            document_id,
            Status.rejected,
            actor=actor,
            action="reject",
            details={"reason": reason[:500]},
            allowed_from=_REJECTABLE,
        )
        if row is None:
            raise Conflict(f"document {document_id} is {view.status.value}: it cannot be rejected")
        return self.document(document_id)

    def correct(
        self,
        document_id: int,
        changes: dict[str, Any],
        actor: str,
        *,
        personal_allowed: bool = False,
    ) -> CorrectionOutcome:
        """Set fields by hand and run the family's validators again at once.

        A personal field (marked personal on the schema, a person's party field, or one
        with a sealed original) is shown masked to a reviewer, who cannot see what they
        would change: only a caller allowed to reveal (``personal_allowed``: a privacy
        officer) may correct it; anyone else gets ``NotAllowed`` naming the path."""
        view = self._view(document_id)
        ex = view.extraction
        doc_type = view.doc_type or ""
        if ex is None or doc_type not in SCHEMA_BY_DOC_TYPE:
            raise Conflict(f"document {document_id} has no record to correct")
        if view.status not in _CORRECTABLE:
            raise Conflict(f"document {document_id} is {view.status.value}: it cannot be corrected")
        changes = check_changes(changes)
        original = self._originals(view)
        if not personal_allowed:
            self._refuse_personal(document_id, doc_type, list(changes), original)
        record, changed = apply(doc_type, original, changes)
        if not personal_allowed:  # a party that became a person on the way
            self._refuse_personal(document_id, doc_type, changed, record)
        if not changed:
            current = self.document(document_id)
            return CorrectionOutcome(document=current, checks=current.checks, changed=[])
        stored_checks = [Check(**c) for c in ex.checks]
        checks = recheck(doc_type, original, record, stored_checks, changed)
        status = Status.ok if all(c.passed for c in checks) else Status.needs_review
        evidence = dict(ex.evidence)
        for path in changed:
            before = evidence.get(path) or {}
            evidence[path] = {
                "page": before.get("page"),
                "bbox": before.get("bbox"),
                "engine": "review",
                "confidence": 1.0,
            }
        tag = secrets.token_hex(4)
        personal = set(personal_fields(doc_type, original)) | set(personal_fields(doc_type, record))
        personal |= set(free_text_paths(doc_type, original)) | set(
            free_text_paths(doc_type, record)
        )
        key = self._vault_key()
        vault_entries: list[tuple[str, str, str]] = []
        subjects: list[tuple[str, str]] = []
        if key is not None:
            from docpipe.redact.protect import Redactor  # Presidio: loaded only when used

            result = Result(
                path=view.source_path,
                sha256=view.sha256,
                status=status,
                doc_type=doc_type,
                record=record,
                evidence=evidence,
                checks=checks,
            )
            protected = Redactor(self.settings, key).protect(result, None)
            stored_record = protected.result.record or {}
            stored_evidence = {
                k: v.model_dump(mode="json") for k, v in protected.result.evidence.items()
            }
            vault_entries = list(protected.protection.vault)
            subjects = list(protected.protection.subjects)
        else:
            stored_record, stored_evidence = record, evidence
        entities = {**personal_fields(doc_type, original), **personal_fields(doc_type, record)}
        audit_fields = []
        for path in changed:
            entry: dict[str, Any] = {"field": path}
            if touches(path, personal):
                entry["personal"] = True
                for side, source in (("old", original), ("new", record)):
                    value = _get(source, path)
                    if value is None:
                        entry[side] = None
                    elif key is not None and self.settings.vault_originals:
                        name = f"correction.{tag}.{side}.{path}"
                        token = Vault(key).seal(str(value), document=view.sha256 or "", field=name)
                        vault_entries.append((name, entities.get(path, "FREE_TEXT"), token))
                        entry[side] = {"vault": name}
                    else:
                        entry[side] = {"vault": None}  # not kept: vault_originals is off
            else:
                entry["old"], entry["new"] = _get(original, path), _get(record, path)
            audit_fields.append(entry)
        correction = Correction(
            record=stored_record,
            evidence=stored_evidence,
            checks=[c.model_dump(mode="json") for c in checks],
            status=status,
            corrected_fields=sorted(set(ex.corrected_fields) | set(changed)),
            vault=vault_entries,
            subjects=subjects,
        )
        saved = self.store.save_correction(
            document_id,
            ex.id,
            correction,
            actor=actor,
            details={
                "fields": audit_fields,
                "status": status.value,
                "failed_checks": sorted({f"{c.name}({c.field})" for c in checks if not c.passed}),
            },
        )
        if saved is None:
            raise Conflict(f"document {document_id} changed meanwhile; load it again")
        log.info("document %d corrected: %d fields", document_id, len(changed))
        document = self.document(document_id)
        return CorrectionOutcome(document=document, checks=document.checks, changed=changed)

    def reprocess(self, document_id: int, actor: str) -> DocumentDetail:
        """Run the stored original through the pipeline again, in a worker process under
        ``doc_memory_mb`` and ``doc_timeout_s``; its result becomes the current record."""
        view = self._view(document_id)
        self._vault_key()  # source paths are sealed: the key finds the original
        original = original_file(self.store, view.id, view.sha256)
        if original is None:
            raise Conflict(f"the original file of document {document_id} is not available")
        from docpipe.batch import BatchPool  # the worker pool of `docpipe run`, its limits

        with BatchPool(self.settings, jobs=1, reprocess=True) as pool:
            result = pool.process(original)
        self.store.add_audit(
            "reprocess",
            document_id=document_id,
            actor=actor,
            details={"status": result.status.value},
        )
        return self.document(document_id)

    def reveal(self, document_id: int, field: str, actor: str, reason: str) -> str:
        """One original value out of the vault (privacy officers only: the caller checks)."""
        self._view(document_id)
        if field not in self.store.vault_fields(document_id):  # the name is not echoed
            raise NotFound(f"document {document_id} has no vault entry for that field")
        return kvkk_reveal(
            self.store, self.settings, document_id, field, reason=reason, actor=actor
        )

    # -- helpers -------------------------------------------------------------------------

    def _refuse_personal(
        self, document_id: int, doc_type: str, paths: list[str], record: dict[str, Any]
    ) -> None:
        personal = set(self.store.vault_fields(document_id)) | set(
            personal_fields(doc_type, record)
        )
        family = family_of(doc_type)
        marks = {m.path: m for m in schema_marks(family.schema)} if family else {}
        for path in paths:
            leaf = marks.get(tuple("*" if k.isdigit() else k for k in path.split(".")))
            always = leaf is not None and not leaf.clear and leaf.mark in ("personal", "special")
            if always or touches(path, personal):
                raise NotAllowed(
                    f"{path} is a personal field: only a privacy officer may correct it"
                )

    def original_record(self, document_id: int) -> dict[str, Any] | None:
        """The current record with its originals from the vault (for truth files)."""
        view = self._view(document_id)
        return self._originals(view) if view.extraction is not None else None

    def _view(self, document_id: int) -> DocumentView:
        view = self.store.get_document(document_id)
        if view is None:
            raise NotFound(f"no document with id {document_id}")
        return view

    def _vault_key(self) -> bytes | None:
        """The vault key, when records are redacted (then it must be configured)."""
        if not self.settings.redact:
            return None
        if self._key is None:
            self._key = store_key(self.store, self.settings)
        return self._key

    def _originals(self, view: DocumentView) -> dict[str, Any]:
        """The stored record with every sealed original put back in its place."""
        assert view.extraction is not None
        record = copy.deepcopy(view.extraction.record)
        key = self._vault_key()
        if key is None:
            return record
        vault = Vault(key)
        for entry in self.store.vault_entries(view.id):
            if entry.field.startswith(_NOT_RECORD):
                continue
            value = vault.open(entry.token, document=entry.sha256, field=entry.field)
            try:
                put_path(record, entry.field, value)
            except UsageError:
                continue  # an entry for a path the record no longer has
        return record

    def _file_name(self, name: str) -> str:
        return display_file_name(name, redact=self.settings.redact)


def _get(record: dict[str, Any], path: str) -> Any:
    return flatten(record).get(path)


def _reason(check: CheckView | dict[str, Any]) -> str:
    c = check if isinstance(check, CheckView) else CheckView(**check)
    return f"{c.name} ({c.field}): {c.reason}" if c.reason else f"{c.name} ({c.field})"


def _reasons(view: DocumentView) -> list[str]:
    """Why a document needs review: its failed checks, or the stored reason of one with no
    record (an unrecognised document), never a value."""
    if view.extraction is not None:
        return list(dict.fromkeys(_reason(c) for c in view.extraction.checks if not c["passed"]))
    if view.error_message:
        return [view.error_message]
    return []


def _evidence(raw: dict[str, Any] | None) -> EvidenceView | None:
    if not raw:
        return None
    bbox = raw.get("bbox")
    return EvidenceView(
        page=raw.get("page"),
        bbox=tuple(bbox) if bbox else None,
        engine=raw.get("engine"),
        confidence=raw.get("confidence"),
        element=raw.get("element"),
    )


__all__ = ["ReviewService"]
