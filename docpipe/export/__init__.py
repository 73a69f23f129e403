"""Exports accountants use: XLSX, CSV (plain or Turkish Excel), JSON and JSON Lines.

One entry point for the CLI and the HTTP API alike::

    from docpipe.export import ExportFilter, write

    filters = ExportFilter(status="needs_review", doc_type="invoice",
                           since=date(2025, 1, 1), until=date(2025, 2, 1))
    with open("out.xlsx", "wb") as out:
        count = write(store, "xlsx", out, filters)

What is exported is the stored record (redacted as the database holds it): an
export never carries a personal value in clear. Each export is audited
(``export``: format, sheet, count; never values).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import IO, Any

from docpipe.errors import UsageError
from docpipe.export.sheets import SHEETS
from docpipe.export.writers import DIALECTS, document_json, write_csv, write_json, write_xlsx
from docpipe.result import Status
from docpipe.store import Store

__all__ = [
    "DIALECTS",
    "FORMATS",
    "SHEETS",
    "ExportFilter",
    "check_options",
    "document_json",
    "media_type",
    "write",
]

#: format -> media type of what ``write`` produces
FORMATS: dict[str, str] = {
    "json": "application/json",
    "jsonl": "application/jsonl",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class ExportFilter:
    """Which documents an export (or a listing) holds; every field optional.

    ``since`` and ``until`` are days of storing (UTC), both inclusive:
    ``since=date(2025, 1, 1), until=date(2025, 1, 31)`` is January.
    """

    status: str | None = None
    doc_type: str | None = None
    since: date | None = None
    until: date | None = None

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in {s.value for s in Status}:
            known = ", ".join(s.value for s in Status)
            raise UsageError(f"unknown status {self.status!r}; use one of {known}")
        if self.since is not None and self.until is not None and self.until < self.since:
            raise UsageError(f"until {self.until} is before since {self.since}")

    def store_kwargs(self) -> dict[str, Any]:
        """The filter as ``Store.iter_extractions_for_export`` keyword arguments."""
        return {
            "status": self.status,
            "doc_type": self.doc_type,
            "since": _start_of(self.since),
            "until": _start_of(self.until + timedelta(days=1)) if self.until else None,
        }


def _start_of(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=UTC)


def media_type(fmt: str) -> str:
    check_options(fmt)
    return FORMATS[fmt]


def write(
    store: Store,
    fmt: str,
    out: IO[bytes],
    filters: ExportFilter | None = None,
    *,
    dialect: str = "plain",
    sheet: str = "documents",
    actor: str = "docpipe",
) -> int:
    """Write the documents ``filters`` selects to the binary stream ``out``; return how
    many. ``dialect`` and ``sheet`` apply to CSV (one sheet per file). Unknown values are
    a ``UsageError`` (one line)."""
    check_options(fmt, dialect, sheet)
    filters = filters or ExportFilter()
    views = store.iter_extractions_for_export(**filters.store_kwargs())
    if fmt == "xlsx":
        count = write_xlsx(views, out)
    elif fmt == "csv":
        count = write_csv(views, out, SHEETS[sheet], dialect)
    else:
        count = write_json(views, out, lines=fmt == "jsonl")
    details: dict[str, Any] = {"format": fmt, "count": count}
    if fmt == "csv":
        details.update(sheet=sheet, dialect=dialect)
    store.add_audit("export", actor=actor, details=details)
    return count


def check_options(fmt: str, dialect: str = "plain", sheet: str = "documents") -> None:
    """Refuse an unknown format, CSV dialect or sheet in one line (``UsageError``)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use {', '.join(FORMATS)}")
    if dialect not in DIALECTS:
        raise UsageError(f"unknown CSV dialect {dialect!r}; use {' or '.join(DIALECTS)}")
    if sheet not in SHEETS:
        raise UsageError(f"unknown sheet {sheet!r}; use {', '.join(SHEETS)}")
