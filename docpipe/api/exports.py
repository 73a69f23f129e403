"""``GET /v1/export``: stored records in an export format, one function call per format.

``export_documents`` is the one dispatch; it writes what ``docpipe export`` writes
(JSON: one array; CSV: one row per document), filtered by status, type and date.
Exports are audited (format and count, never values).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Any, Literal

from docpipe.evaluate import flatten
from docpipe.result import Status
from docpipe.safe_text import csv_safe
from docpipe.store import Store

ExportFormat = Literal["json", "csv"]
MEDIA_TYPES: dict[str, str] = {"json": "application/json", "csv": "text/csv; charset=utf-8"}


def export_documents(
    store: Store,
    fmt: ExportFormat,
    *,
    status: Status | None = None,
    doc_type: str | None = None,
    since: datetime | None = None,
    actor: str = "docpipe",
) -> bytes:
    """The export file's bytes; its media type is ``MEDIA_TYPES[fmt]``."""
    rows = [
        {
            "id": v.id,
            "file_name": v.file_name,
            "doc_type": v.doc_type,
            "status": v.status.value,
            "record": v.extraction.record if v.extraction else None,
        }
        for v in store.iter_extractions_for_export(status=status, doc_type=doc_type)
        if since is None or v.created_at >= _aware(since)
    ]
    store.add_audit("export", actor=actor, details={"format": fmt, "count": len(rows)})
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode()
    flat: list[dict[str, Any]] = [
        {
            "id": r["id"],
            "file_name": r["file_name"],
            "doc_type": r["doc_type"],
            "status": r["status"],
            **flatten(r["record"] or {}),
        }
        for r in rows
    ]
    columns = list(dict.fromkeys(k for row in flat for k in row))
    stream = io.StringIO(newline="")
    writer = csv.DictWriter(stream, fieldnames=[csv_safe(c) for c in columns])
    writer.writeheader()
    writer.writerows({csv_safe(k): csv_safe(v) for k, v in row.items()} for row in flat)
    return stream.getvalue().encode()


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
