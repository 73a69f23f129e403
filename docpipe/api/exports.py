"""``GET /v1/export``: the API's face of ``docpipe.export`` (the one writer of exports).

The query parameters are the CLI's options (``docpipe export``): format, CSV dialect and
sheet, and the filters by status, type and storing day. Exports are audited there
(format and count, never values).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Literal

from docpipe.export import FORMATS, ExportFilter, write
from docpipe.result import Status
from docpipe.store import Store

ExportFormat = Literal["json", "jsonl", "csv", "xlsx"]
CsvDialect = Literal["plain", "excel-tr"]
CsvSheet = Literal["documents", "line_items", "kdv", "checks"]
MEDIA_TYPES: dict[str, str] = dict(FORMATS)


def export_documents(
    store: Store,
    fmt: ExportFormat,
    *,
    status: Status | None = None,
    doc_type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    dialect: CsvDialect = "plain",
    sheet: CsvSheet = "documents",
    actor: str = "docpipe",
) -> bytes:
    """The export file's bytes; its media type is ``MEDIA_TYPES[fmt]``."""
    filters = ExportFilter(
        status=status.value if status is not None else None,
        doc_type=doc_type,
        since=since,
        until=until,
    )
    out = io.BytesIO()
    write(store, fmt, out, filters, dialect=dialect, sheet=sheet, actor=actor)
    return out.getvalue()
