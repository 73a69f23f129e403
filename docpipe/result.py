"""Per-document outcome as data: what the pipeline returns for every file.

A ``Result`` never raises and never holds the document's pages; it carries the
typed record, the evidence per field, the validation checks and, on failure,
the stage and reason (which never contain a field value).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from docpipe.document import Evidence
from docpipe.schemas.common import SchemaModel


class Status(StrEnum):
    ok = "ok"
    needs_review = "needs_review"
    failed = "failed"
    duplicate = "duplicate"


class Check(BaseModel):
    """One validation check over one field (or a group of fields)."""

    name: str = Field(description="e.g. vkn_checksum, line_amount, totals")
    field: str = Field(description="dotted path of the field checked, e.g. seller.vkn")
    passed: bool
    reason: str = Field(default="", description="why it failed; never contains a value")


class ErrorInfo(BaseModel):
    stage: str
    category: str
    reason: str
    page: int | None = None


class Result(BaseModel):
    """The outcome of processing one file."""

    path: str
    sha256: str | None = None
    document_id: int | None = Field(default=None, description="id in the store, when stored")
    status: Status
    doc_type: str | None = None
    doc_type_confidence: float | None = None
    media_type: str | None = None
    page_count: int = 0
    engine: str | None = None
    schema_name: str | None = None
    schema_version: str | None = None
    record: dict | None = Field(
        default=None, description="the record as JSON (model_dump mode=json)"
    )
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="dotted field path -> evidence"
    )
    checks: list[Check] = Field(default_factory=list)
    error: ErrorInfo | None = None
    durations: dict[str, float] = Field(default_factory=dict, description="stage -> seconds")
    duplicate_of: int | None = None

    def typed_record(self) -> SchemaModel | None:
        """The record as its Pydantic model (``Invoice``, ``IdentityDocument``, ``Contract``)."""
        from docpipe.schemas import SCHEMA_BY_DOC_TYPE

        schema = SCHEMA_BY_DOC_TYPE.get(self.doc_type or "")
        if self.record is None or schema is None:
            return None
        return schema.model_validate(self.record)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]
