"""Processing and reading documents: ``run``, ``show``, ``list``, ``export``."""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from docpipe.batch import BatchPool
from docpipe.cli._common import (
    BaseUrlOpt,
    DatabaseOpt,
    EngineOpt,
    ModelOpt,
    _settings,
    app,
    err,
    out,
)
from docpipe.errors import ExitCode, UsageError
from docpipe.evaluate import flatten
from docpipe.pipeline import iter_files
from docpipe.result import Result, Status
from docpipe.safe_text import csv_safe, display_file_name, markup_safe
from docpipe.store import Store


@app.command()
def run(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    db: DatabaseOpt = None,
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Do not write to the database")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON result per line")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=0, help="Worker processes (default: one per core)"),
    ] = None,
) -> None:
    """Process documents and store validated records."""
    settings = _settings(
        database_url=db,
        engine=engine,
        vlm_model=model,
        vlm_base_url=base_url,
        store_results=False if no_store else None,
        jobs=jobs,
    )
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    files = list(iter_files(paths))
    results: list[Result] = []
    started = time.perf_counter()
    with (
        BatchPool(settings, jobs=settings.jobs) as pool,
        Progress(  # a count, elapsed and ETA: never a file name (it may be hostile)
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=as_json or not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("processing", total=len(files))
        for result in pool.run(files, on_done=lambda: progress.advance(task)):
            for shown in result.parts or [result]:  # a ZIP package: one result per member
                results.append(shown)
                if as_json:
                    out.print_json(shown.model_dump_json(exclude={"evidence"}), indent=None)
                elif shown.status is Status.failed and shown.error is not None:
                    err.print(
                        f"[red]✗[/red] {markup_safe(str(shown.path))}: "
                        f"{markup_safe(shown.error.reason)}"
                    )
    elapsed = time.perf_counter() - started
    if not as_json:
        _print_summary(results, elapsed)
    if any(r.status is Status.failed for r in results):
        raise typer.Exit(ExitCode.documents_failed)


def _print_summary(results: list[Result], elapsed: float) -> None:
    counts = {s: sum(1 for r in results if r.status is s) for s in Status}
    pages = sum(r.page_count for r in results if r.status is not Status.duplicate)
    table = Table(title="docpipe run", show_edge=False)
    for column in ("ok", "needs review", "failed", "duplicate", "pages", "seconds", "pages/s"):
        table.add_column(column, justify="right")
    table.add_row(
        str(counts[Status.ok]),
        str(counts[Status.needs_review]),
        str(counts[Status.failed]),
        str(counts[Status.duplicate]),
        str(pages),
        f"{elapsed:.2f}",
        f"{pages / elapsed:.2f}" if elapsed > 0 else "-",
    )
    out.print(table)
    for r in results:
        if r.status is Status.needs_review:
            failed = sorted({f"{c.name}({c.field})" for c in r.failed_checks})
            shown = markup_safe(f"{r.path}: needs review: {', '.join(failed[:6])}")
            out.print(f"[yellow]?[/yellow] {shown}")


@app.command()
def show(
    document_id: Annotated[int, typer.Argument(help="Document id (see `docpipe list`)")],
    db: DatabaseOpt = None,
) -> None:
    """Print a stored document with its record, checks and evidence as JSON."""
    with Store(_settings(database_url=db).database_url) as store:
        view = store.get_document(document_id)
    if view is None:
        raise UsageError(f"no document with id {document_id}; see `docpipe list`")
    out.print_json(json.dumps(_view_json(view), default=str, ensure_ascii=False))


def _view_json(view: Any) -> dict[str, Any]:
    data = {k: getattr(view, k) for k in view.__dataclass_fields__ if k != "extraction"}
    if view.extraction is not None:
        ex = view.extraction
        data["extraction"] = {k: getattr(ex, k) for k in ex.__dataclass_fields__}
    return data


@app.command("list")
def list_documents(
    db: DatabaseOpt = None,
    status: Annotated[Status | None, typer.Option(help="Only this status")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Only this document type")] = None,
    limit: Annotated[int, typer.Option(help="At most this many")] = 50,
) -> None:
    """List stored documents, newest first."""
    settings = _settings(database_url=db)
    with Store(settings.database_url) as store:
        views = store.list_documents(status=status, doc_type=doc_type, limit=limit)
    if settings.redact and views:
        from docpipe.workers import skip_torch

        skip_torch()  # the name check loads Presidio; `list` runs no model
    table = Table(show_edge=False)
    for column in ("id", "status", "type", "pages", "file", "stored"):
        table.add_column(column)
    for v in views:
        table.add_row(
            str(v.id),
            v.status.value,
            v.doc_type or "-",
            str(v.page_count),
            markup_safe(display_file_name(v.file_name, redact=settings.redact)),
            v.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    out.print(table)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="json or csv")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (default: stdout)")
    ] = None,
    db: DatabaseOpt = None,
    status: Annotated[Status | None, typer.Option(help="Only this status")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Only this document type")] = None,
    redacted_pdf: Annotated[
        Path | None,
        typer.Option(
            "--redacted-pdf",
            help="Write redacted PDFs and page images of every document into this folder",
        ),
    ] = None,
) -> None:
    """Export stored records as JSON (one array) or CSV (one row per document)."""
    if redacted_pdf is not None:
        _export_redacted(_settings(database_url=db), redacted_pdf)
        return
    if fmt not in ("json", "csv"):
        raise UsageError(f"unknown export format {fmt!r}; use json or csv")
    with Store(_settings(database_url=db).database_url) as store:
        rows = [
            {
                "id": v.id,
                "file_name": v.file_name,
                "doc_type": v.doc_type,
                "status": v.status.value,
                "record": v.extraction.record if v.extraction else None,
            }
            for v in store.iter_extractions_for_export(status=status, doc_type=doc_type)
        ]
        store.add_audit("export", details={"format": fmt, "count": len(rows)})
    stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "json":
            json.dump(rows, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        else:
            flat = [
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
            writer = csv.DictWriter(stream, fieldnames=[csv_safe(c) for c in columns])
            writer.writeheader()
            writer.writerows({csv_safe(k): csv_safe(v) for k, v in row.items()} for row in flat)
    finally:
        if output:
            stream.close()


def _export_redacted(settings: Any, outdir: Path) -> None:
    from docpipe.kvkk import export_redacted

    with Store(settings.database_url) as store:
        report = export_redacted(store, settings, outdir)
    for line in report.skipped:
        err.print(f"[yellow]![/yellow] {line}")
    out.print(f"wrote {len(report.written)} files for {report.documents} documents to {outdir}")
