"""What the review service hands out: Pydantic models (the HTTP API's response bodies too).

Every value here is as stored, that is redacted: a personal field shows its mask
or tag, with ``sealed`` telling whether its original is in the vault (a privacy
officer may reveal it). Reasons and audit details never hold a personal value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from docpipe.result import Status

#: Below this extraction confidence a field is shown as ``low_confidence``.
LOW_CONFIDENCE = 0.6

FieldState = Literal["failed", "low_confidence", "ok"]


class CheckView(BaseModel):
    name: str
    field: str
    passed: bool
    reason: str = ""


class EvidenceView(BaseModel):
    page: int | None = Field(default=None, description="1-based page number")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None,
        description="x0, y0, x1, y1 in page units; times the page image's scale = pixels",
    )
    engine: str | None = None
    confidence: float | None = None
    element: str | None = Field(default=None, description="XML element path (engine ubl)")


class FieldView(BaseModel):
    """One leaf of the record, as the review page lists it."""

    path: str = Field(description="dotted path, e.g. seller.vkn or line_items.0.amount")
    value: Any = Field(description="the stored value: masked or tagged when personal")
    personal: bool = Field(description="personal data (KVKK): shown masked")
    sealed: bool = Field(description="the original is in the vault: a privacy officer may reveal")
    corrected: bool = Field(description="set by a reviewer")
    state: FieldState
    reasons: list[str] = Field(default_factory=list, description="failed checks on this field")
    evidence: EvidenceView | None = None


class QueueItem(BaseModel):
    id: int
    file_name: str = Field(description="shown redacted when it may hold a name")
    doc_type: str | None
    status: Status
    created_at: datetime
    reasons: list[str] = Field(description="why it needs review (check and field; no values)")


class ErrorView(BaseModel):
    stage: str | None
    category: str | None
    reason: str | None


class DocumentDetail(BaseModel):
    id: int
    status: Status
    doc_type: str | None
    doc_type_confidence: float | None
    file_name: str
    media_type: str | None
    page_count: int
    created_at: datetime
    updated_at: datetime
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    engine: str | None = None
    schema_name: str | None = None
    extraction_id: int | None = None
    record: dict[str, Any] | None = Field(default=None, description="the stored (redacted) record")
    fields: list[FieldView] = Field(default_factory=list)
    checks: list[CheckView] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list, description="why it needs review")
    error: ErrorView | None = None


class DocumentSummary(BaseModel):
    id: int
    status: Status
    doc_type: str | None
    file_name: str
    page_count: int
    created_at: datetime
    updated_at: datetime
    failed_checks: int


class DocumentPage(BaseModel):
    items: list[DocumentSummary]
    total: int
    limit: int
    offset: int


class CorrectionOutcome(BaseModel):
    """What a correction did: the checks re-run at once, and the document as now stored."""

    document: DocumentDetail
    checks: list[CheckView]
    changed: list[str] = Field(description="field paths whose value changed")


class AuditEntry(BaseModel):
    id: int
    at: datetime
    actor: str
    action: str
    document_id: int | None
    details: dict[str, Any] = Field(
        description="ids, field names, non-personal values; personal ones as vault entry names"
    )
