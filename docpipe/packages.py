"""Results of files that hold, or print, other documents' invoices.

- A ZIP package (GİB / integrator export) gives one summary ``Result`` whose
  ``parts`` are its members' results; its status is the worst member's, and a
  failure names how many members failed and the first reason.
- A rendition (``X.pdf`` / ``X.html`` beside ``X.xml``, in a package or a folder)
  is the invoice already read from the XML: a duplicate of it, never a second
  record.
"""

from __future__ import annotations

from pathlib import Path

from docpipe.result import ErrorInfo, Result, Status


def rendition_result(path: Path, sha256: str, invoice: Result) -> Result:
    """A package member that prints an invoice already read from its XML (``X.pdf`` beside
    ``X.xml``): the same invoice, not processed again."""
    return Result(
        path=str(path),
        sha256=sha256,
        status=Status.duplicate,
        document_id=invoice.document_id,
        duplicate_of=invoice.document_id,
        doc_type=invoice.doc_type,
    )


_WORST = (Status.failed, Status.needs_review, Status.ok, Status.duplicate)


def container_result(
    path: Path, sha256: str, parts: list[Result], durations: dict[str, float]
) -> Result:
    """The summary of a package: its worst member status, its members as ``parts``."""
    statuses = {p.status for p in parts}
    status = next((s for s in _WORST if s in statuses), Status.failed)
    if status is Status.duplicate:
        status = Status.ok
    error = None
    failed = [p for p in parts if p.status is Status.failed and p.error is not None]
    if not parts:
        error = ErrorInfo(stage="unpack", category="empty", reason="the ZIP holds no files")
    elif failed:
        first = failed[0].error
        assert first is not None
        error = ErrorInfo(
            stage=first.stage,
            category=first.category,
            reason=f"{len(failed)} of {len(parts)} files in the ZIP failed; the first: "
            f"{first.reason}",
        )
    return Result(
        path=str(path),
        sha256=sha256,
        status=status if parts else Status.failed,
        media_type="application/zip",
        page_count=sum(p.page_count for p in parts),
        error=error,
        durations=durations,
        parts=parts,
    )
