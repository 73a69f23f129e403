"""Per-document outcome as data: what the pipeline returns for every file.

A ``Result`` never raises and never holds the document's pages; it carries the
typed record, the evidence per field, the validation checks and, on failure,
the stage and reason (which never contain a field value).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from docpipe.document import Evidence
from docpipe.schemas.common import SchemaModel


class Status(StrEnum):
    ok = "ok"
    needs_review = "needs_review"
    failed = "failed"
    duplicate = "duplicate"
    approved = "approved"  # a reviewer accepted the record (docpipe.review)
    rejected = "rejected"  # a reviewer turned the document down, with a reason


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
    redactions: dict[str, str] = Field(
        default_factory=dict,
        description="dotted field path -> redaction strategy applied to the stored value",
    )
    parts: list[Result] = Field(
        default_factory=list,
        description="a ZIP package's members, each processed and stored on its own",
    )

    def typed_record(self) -> SchemaModel | None:
        """The record as its Pydantic model (``Invoice``, ``IdentityDocument``, ``Contract``).

        Redacted identifier fields (a masked TCKN) would not validate: every path in
        ``redactions`` except free text is None in the typed record (the originals are
        in the vault; ``docpipe reveal``). Validation ran on the originals.
        """
        from docpipe.families import SCHEMA_BY_DOC_TYPE

        schema = SCHEMA_BY_DOC_TYPE.get(self.doc_type or "")
        if self.record is None or schema is None:
            return None
        record = self.record
        if self.redactions:
            record = copy.deepcopy(record)
            for path, strategy in self.redactions.items():
                if strategy != "text":
                    _drop(record, path.split("."))
            record = _sweep(record)
        return schema.model_validate(record)

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]


def _drop(node: Any, keys: list[str]) -> None:
    """Remove the field at ``keys`` (a list item is marked, then swept out)."""
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) and key.isdigit() else node.get(key)
        if node is None:
            return
    last = keys[-1]
    if isinstance(node, dict):
        node.pop(last, None)
    elif isinstance(node, list) and last.isdigit() and int(last) < len(node):
        node[int(last)] = _DROPPED  # removed by _sweep, so later indices still hold


def _sweep(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sweep(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_sweep(v) for v in node if v is not _DROPPED]
    return node


_DROPPED = object()


@dataclass(frozen=True)
class Protection:
    """What the redaction step hands the store beside the (redacted) result.

    Defined here, below both, so that the redaction stage need not know the store."""

    text: str | None = None
    text_redacted: bool = True
    boxes: dict[int, list[list[float]]] = field(default_factory=dict)  # page -> boxes to burn
    vault: list[tuple[str, str, str]] = field(default_factory=list)  # field, entity, token
    subjects: list[tuple[str, str]] = field(default_factory=list)  # digest, kind
