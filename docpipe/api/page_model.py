"""What the review page shows of one document: fields with state and box, checks, audit.

Input: a stored record (redacted, as the store holds it), its evidence by dotted
path, its checks, the paths sealed in the vault and the document's audit events.
Output: plain rows the templates draw. A field's state is ``failed`` when a failed
check names it (or a parent of it), ``low`` when its evidence is less sure than
``LOW_CONFIDENCE``, else ``ok``. Sealed fields keep the masked value the store
holds; nothing here ever sees an original.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

State = Literal["failed", "low", "ok"]

#: Evidence below this confidence is worth a reviewer's look (rules give 0.8 to a wrapped
#: address and 0.85 to a name read without a label; a model's guess is usually lower).
LOW_CONFIDENCE = 0.8


@dataclass(frozen=True)
class FieldRow:
    path: str
    value: str
    state: State
    masked: bool = False
    editable: bool = True
    confidence: float | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CheckRow:
    name: str
    field: str
    passed: bool
    reason: str = ""


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    details: str


@dataclass(frozen=True)
class PageImage:
    number: int
    url: str
    width: float  # the page in its own units (PDF points, image pixels): the overlay's frame
    height: float


@dataclass(frozen=True)
class DocPage:
    id: int
    file_label: str
    doc_type: str | None
    status: str
    fields: list[FieldRow]
    checks: list[CheckRow]
    audit: list[AuditRow]
    pages: list[PageImage] = field(default_factory=list)

    @property
    def failed_checks(self) -> list[CheckRow]:
        return [c for c in self.checks if not c.passed]


@dataclass(frozen=True)
class QueueRow:
    id: int
    file_label: str
    doc_type: str | None
    received: datetime
    reasons: list[str]


def leaves(record: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """Every scalar of a record with its dotted path (list items by index), in order."""
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            yield from leaves(value, f"{path}.")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    yield from leaves(item, f"{path}.{i}.")
                else:
                    yield f"{path}.{i}", item
        else:
            yield path, value


def _checks(checks: Iterable[Mapping[str, Any] | Any]) -> list[CheckRow]:
    rows = []
    for c in checks:
        get = c.get if isinstance(c, Mapping) else lambda k, c=c: getattr(c, k, "")
        rows.append(
            CheckRow(str(get("name")), str(get("field")), bool(get("passed")), get("reason") or "")
        )
    return rows


def _names(path: str, check_field: str) -> bool:
    return path == check_field or path.startswith(check_field + ".")


def _evidence(raw: Mapping[str, Any] | Any | None) -> dict[str, Any]:
    if raw is None:
        return {}
    if isinstance(raw, Mapping):
        return dict(raw)
    return raw.model_dump()  # an Evidence model


def field_rows(
    record: Mapping[str, Any],
    evidence: Mapping[str, Any],
    checks: list[CheckRow],
    sealed: Iterable[str] = (),
) -> list[FieldRow]:
    """The record's fields in order, each with its state, box and failed-check reasons;
    evidence-only paths (a field the engine found but left empty) are listed too."""
    sealed = set(sealed)
    failed = [c for c in checks if not c.passed]
    values = dict(leaves(record))
    paths = list(values) + [p for p in evidence if p not in values]
    rows = []
    for path in paths:
        ev = _evidence(evidence.get(path))
        reasons = [c.reason or c.name for c in failed if _names(path, c.field)]
        confidence = ev.get("confidence")
        state: State = (
            "failed"
            if reasons
            else "low"
            if confidence is not None and confidence < LOW_CONFIDENCE
            else "ok"
        )
        bbox = ev.get("bbox")
        value = values.get(path)
        rows.append(
            FieldRow(
                path=path,
                value="" if value is None else str(value),
                state=state,
                masked=path in sealed,
                editable=path not in sealed,
                confidence=confidence,
                page=ev.get("page"),
                bbox=tuple(bbox) if bbox else None,  # type: ignore[arg-type]
                reasons=reasons,
            )
        )
    return rows


def audit_rows(events: Iterable[Any]) -> list[AuditRow]:
    """Audit events, newest first, their details as compact text (no values in them:
    the service seals personal values and audits paths, reasons and counts)."""
    rows = []
    for e in events:
        get = e.get if isinstance(e, Mapping) else lambda k, e=e: getattr(e, k, None)
        details = get("details") or {}
        text = details if isinstance(details, str) else _details(details)
        at = get("at")
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        rows.append(AuditRow(at, str(get("actor")), str(get("action")), text))
    return rows


def _details(details: Mapping[str, Any]) -> str:
    parts = []
    for key, value in details.items():
        shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts)
