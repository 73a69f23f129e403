"""Corrections that teach: reviewed records as ``docpipe eval`` truth files.

For every approved document, and every corrected one whose checks now pass, the
export writes into a folder the user chose, per document type:

- ``<type>/document-<id><suffix>``: a copy of the original file;
- ``<type>/document-<id>.truth.json``: ``{"doc_type", "fields"}`` in the format of
  ``docpipe.evaluate`` (dotted paths, values as the schema serialises them).

``docpipe eval DIR`` then scores the pipeline against the user's own decisions. The
truth files hold the original personal values (from the vault: it needs the key):
they are the user's own data, written readable by the owner only (0600) to the
folder they named. The export is audited (counts only).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docpipe.evaluate import TRUTH_SUFFIX, flatten
from docpipe.kvkk.export import original_file
from docpipe.result import Status
from docpipe.review.service import ReviewService
from docpipe.settings import Settings
from docpipe.store import DocumentView, Store


@dataclass
class TruthReport:
    written: list[Path] = field(default_factory=list)  # truth files
    skipped: list[str] = field(default_factory=list)  # "document 7: why" (no values)


def reviewed(store: Store) -> Iterator[DocumentView]:
    """Approved documents, and corrected ones whose checks pass, oldest id first."""
    yield from store.iter_extractions_for_export(status=Status.approved)
    for view in store.iter_extractions_for_export(status=Status.ok):
        if view.extraction is not None and view.extraction.corrected_fields:
            yield view


def export_truth(
    store: Store, settings: Settings, outdir: Path, *, actor: str = "docpipe"
) -> TruthReport:
    """Write the reviewed records and their originals into ``outdir``; audited."""
    service = ReviewService(store, settings)
    outdir.mkdir(parents=True, exist_ok=True, mode=0o700)
    report = TruthReport()
    for view in sorted(reviewed(store), key=lambda v: v.id):
        record = service.original_record(view.id)
        source = original_file(store, view.id, view.sha256)
        if record is None or not view.doc_type:
            report.skipped.append(f"document {view.id}: no record")
            continue
        if source is None:
            report.skipped.append(f"document {view.id}: original file not found or changed")
            continue
        folder = outdir / view.doc_type
        folder.mkdir(exist_ok=True, mode=0o700)
        stem = f"document-{view.id}"
        copy = folder / f"{stem}{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        os.chmod(copy, 0o600)
        fields = {k: v for k, v in flatten(record).items() if v is not None and v != ""}
        truth = folder / f"{stem}{TRUTH_SUFFIX}"
        _write_private(truth, {"doc_type": view.doc_type, "fields": fields})
        report.written.append(truth)
    store.add_audit(
        "export_truth",
        actor=actor,
        details={"documents": len(report.written), "skipped": len(report.skipped)},
    )
    return report


def _write_private(path: Path, data: dict) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")
