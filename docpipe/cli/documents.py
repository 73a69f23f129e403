"""Processing and reading documents: ``run``, ``show``, ``list``, ``export``."""

from __future__ import annotations

import io
import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from docpipe.batch import BatchPool, stop_fork_server
from docpipe.cli._common import (
    BaseUrlOpt,
    DatabaseOpt,
    EngineOpt,
    ModelOpt,
    _settings,
    app,
    err,
    open_store,
    out,
)
from docpipe.errors import ExitCode, UsageError
from docpipe.files import iter_files
from docpipe.result import Result, Status
from docpipe.safe_text import display_file_name, markup_safe


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
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Reprocess files already stored: replace their records (audited)"
        ),
    ] = False,
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
    if force and not settings.store_results:
        raise UsageError("--force reprocesses stored files; it cannot go with --no-store")
    pool = BatchPool(settings, jobs=settings.jobs, reprocess=force, inputs_stay=True)
    if not pool.forks:  # a model runs in a spawned worker: the server started early is idle
        stop_fork_server(wait_s=0)
    with (
        pool,
        progress_bar(disable=as_json or not err.is_terminal, console=err) as progress,
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
    stop_fork_server()  # every pool of this run is closed; its CPU time is the run's
    elapsed = time.perf_counter() - started
    if not as_json:
        _print_summary(results, elapsed)
    if any(r.status is Status.failed for r in results):
        raise typer.Exit(ExitCode.documents_failed)


def progress_bar(*, disable: bool = False, console: Console = err) -> Progress:
    """The bar, files done of all, elapsed time and ETA. No file name: names are often
    their subject's ("12345678950 Ayşe Yılmaz kimlik.jpg"), and a progress line is what a
    shared screen or a recorded terminal shows; `list` masks them, so this never shows
    them (a failed file is named after the run, where the user acts on it)."""
    return Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=disable,
    )


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
    with open_store(_settings(database_url=db).database_url) as store:
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
    with open_store(settings.database_url) as store:
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
    fmt: Annotated[str, typer.Option("--format", help="json, jsonl, csv or xlsx")] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--out", "--output", "-o", help="File (default: stdout; xlsx needs one)"),
    ] = None,
    db: DatabaseOpt = None,
    status: Annotated[Status | None, typer.Option(help="Only this status")] = None,
    doc_type: Annotated[str | None, typer.Option("--type", help="Only this document type")] = None,
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Stored on or after this day (YYYY-MM-DD, UTC)"),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Stored on or before this day (YYYY-MM-DD, UTC)"),
    ] = None,
    dialect: Annotated[
        str,
        typer.Option(help="CSV: plain (, 1234.56) or excel-tr (; 1234,56, UTF-8 BOM, CRLF)"),
    ] = "plain",
    sheet: Annotated[
        str, typer.Option(help="CSV: documents, line_items, kdv or checks (one sheet a file)")
    ] = "documents",
    redacted_pdf: Annotated[
        Path | None,
        typer.Option(
            "--redacted-pdf",
            help="Write redacted PDFs and page images of every document into this folder",
        ),
    ] = None,
) -> None:
    """Export stored records (as stored: redacted) as XLSX, CSV, JSON or JSON Lines."""
    from docpipe.export import ExportFilter, check_options, write

    settings = _settings(database_url=db)
    if redacted_pdf is not None:
        _export_redacted(settings, redacted_pdf)
        return
    check_options(fmt, dialect, sheet)  # one line, before the database is opened
    filters = ExportFilter(
        status=status.value if status else None,
        doc_type=doc_type,
        since=since.date() if since else None,
        until=until.date() if until else None,
    )
    if fmt == "xlsx" and output is None and sys.stdout.isatty():
        raise UsageError("an XLSX file is binary: give --out FILE.xlsx")
    with open_store(settings.database_url) as store:
        if output is None:
            buffer = io.BytesIO()  # stdout gets the whole export or nothing
            write(store, fmt, buffer, filters, dialect=dialect, sheet=sheet)
            sys.stdout.flush()
            binary = getattr(sys.stdout, "buffer", None)
            if binary is not None:
                binary.write(buffer.getvalue())
                binary.flush()
            elif fmt == "xlsx":
                raise UsageError("an XLSX file is binary: give --out FILE.xlsx")
            else:  # a text stream (stdout redirected inside Python)
                sys.stdout.write(buffer.getvalue().decode("utf-8"))
            return
        partial = output.with_name(output.name + ".part")
        try:
            with partial.open("wb") as stream:
                count = write(store, fmt, stream, filters, dialect=dialect, sheet=sheet)
            partial.replace(output)  # a failed export never leaves half a file under the name
        finally:
            partial.unlink(missing_ok=True)
    err.print(f"exported {count} documents to {markup_safe(str(output))}")


def _export_redacted(settings: Any, outdir: Path) -> None:
    from docpipe.kvkk import export_redacted

    with open_store(settings.database_url) as store:
        report = export_redacted(store, settings, outdir)
    for line in report.skipped:
        err.print(f"[yellow]![/yellow] {markup_safe(line)}")
    written = f"wrote {len(report.written)} files for {report.documents} documents to {outdir}"
    out.print(written, markup=False)
