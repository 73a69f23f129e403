"""The ``docpipe`` command: a thin Typer shell over ``Pipeline`` and ``Store``.

``main`` is the one place that turns a ``DocpipeError`` into one line on
stderr and its exit code. Output names files and field paths, never values,
except where the user asks for a record (``show``, ``export``).
"""

from __future__ import annotations

import csv
import json
import sys
import time
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

from docpipe.batch import BatchPool
from docpipe.errors import DocpipeError, ExitCode, UsageError
from docpipe.evaluate import evaluate, flatten
from docpipe.pipeline import iter_files
from docpipe.result import Result, Status
from docpipe.safe_text import csv_safe, display_file_name, markup_safe
from docpipe.schemas.export import check_schemas, write_schemas
from docpipe.settings import ENGINE_KINDS, load_settings
from docpipe.store import Store

app = typer.Typer(
    name="docpipe",
    help="Turkish invoices, ID documents and contracts into validated, typed records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DatabaseOpt = Annotated[
    str | None, typer.Option("--db", help="SQLAlchemy database URL (default: DOCPIPE_DATABASE_URL)")
]
EngineOpt = Annotated[
    str | None,
    typer.Option("--engine", help=f"Extraction engine: {', '.join(('auto', *ENGINE_KINDS))}"),
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="vlm: local model directory; openai: served model name"),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option("--base-url", help="OpenAI-compatible server, e.g. http://gpu-box:8000/v1"),
]


def _settings(**overrides: Any) -> Any:
    return load_settings(**{k: v for k, v in overrides.items() if v is not None})


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


ReasonOpt = Annotated[str, typer.Option("--reason", help="Why (written to the audit log)")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Who asks (default: the login name)")]


@app.command()
def reveal(
    document_id: Annotated[int, typer.Argument(help="Document id")],
    field: Annotated[str, typer.Argument(help="Field path, e.g. buyer.tckn")],
    reason: ReasonOpt,
    db: DatabaseOpt = None,
    actor: ActorOpt = None,
) -> None:
    """Decrypt one original value from the vault; the access is audited."""
    from docpipe.kvkk import reveal as reveal_value

    settings = _settings(database_url=db)
    with Store(settings.database_url) as store:
        value = reveal_value(store, settings, document_id, field, reason=reason, actor=actor)
    out.print(value, markup=False)


YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (scripts, cron)")
]


def _confirm(question: str, yes: bool) -> bool:
    """``--yes``, or an operator's answer on a terminal; without either: one line, refused."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"{question} needs confirmation: run it on a terminal or add --yes")
    return typer.confirm(f"{question}?", default=False)


@app.command()
def subject(
    identifier: Annotated[str, typer.Argument(help="T.C. kimlik no (or VKN) of the person")],
    db: DatabaseOpt = None,
    erase: Annotated[
        bool, typer.Option("--erase", help="Destroy every document that mentions the person")
    ] = False,
    yes: YesOpt = False,
    actor: ActorOpt = None,
) -> None:
    """Find every document mentioning a data subject (by keyed hash); optionally erase."""
    from docpipe.kvkk import erase_subject, find_subject

    settings = _settings(database_url=db)
    with Store(settings.database_url) as store:
        rows = find_subject(store, settings, identifier, actor=actor)
        table = Table(show_edge=False)
        for column in ("id", "type", "status", "file", "stored"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row.id),
                row.doc_type or "-",
                row.status.value,
                row.file_name,
                row.created_at.strftime("%Y-%m-%d %H:%M"),
            )
        out.print(table)
        out.print(f"{len(rows)} documents mention this data subject")
        if not erase or not rows:
            return
        if not _confirm(f"erasing {len(rows)} documents for good", yes):
            out.print("nothing erased")
            return
        report = erase_subject(store, settings, identifier, actor=actor)
    out.print(f"erased {report.documents} documents; see `docpipe destruction-log`")


@app.command()
def purge(
    db: DatabaseOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count what would be destroyed")
    ] = False,
    yes: YesOpt = False,
    actor: ActorOpt = None,
) -> None:
    """Destroy documents past their retention and log the destruction (KVKK)."""
    from docpipe.kvkk import purge as purge_store
    from docpipe.store.models import utcnow

    settings = _settings(database_url=db)
    now = utcnow()  # the same cutoff for the count shown and the destruction
    with Store(settings.database_url) as store:
        report = purge_store(store, settings, now=now, dry_run=True, actor=actor)
        question = f"destroying {report.documents} documents past retention"
        if not dry_run and report.documents and not _confirm(question, yes):
            _print_purge(report)
            out.print("nothing destroyed")
            return
        if not dry_run:
            report = purge_store(store, settings, now=now, actor=actor)
    _print_purge(report)
    if not dry_run:
        out.print(f"destruction-log entries past their keeping time: {report.log_entries_expired}")


def _print_purge(report: Any) -> None:
    table = Table(title="would destroy" if report.dry_run else "destroyed", show_edge=False)
    for column in ("category", "documents", "vault entries", "original files"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category, count in report.categories.items():
        table.add_row(category, str(count.documents), str(count.vault_entries), str(count.files))
    out.print(table)


JsonOpt = Annotated[bool, typer.Option("--json", help="JSON lines instead of a table")]
LimitOpt = Annotated[int, typer.Option("--limit", min=1, help="Newest entries to show")]


@app.command()
def audit(
    db: DatabaseOpt = None,
    document: Annotated[
        int | None, typer.Option("--document", help="Only events of this document id")
    ] = None,
    limit: LimitOpt = 100,
    as_json: JsonOpt = False,
) -> None:
    """The audit log, newest first: who did what to which document (never values)."""
    from docpipe.kvkk import audit_log

    settings = _settings(database_url=db)
    with Store(settings.database_url) as store:
        events = audit_log(store, document_id=document, limit=limit)
    columns = ("id", "at", "actor", "action", "document_id", "details")
    _print_events(events, columns, as_json, "audit events")


@app.command("destruction-log")
def destruction_log_command(
    db: DatabaseOpt = None,
    limit: LimitOpt = 100,
    as_json: JsonOpt = False,
) -> None:
    """The destruction log, newest first: what was destroyed, when, why and how (KVKK)."""
    from docpipe.kvkk import destruction_log

    settings = _settings(database_url=db)
    with Store(settings.database_url) as store:
        entries = destruction_log(store, limit=limit)
    columns = ("id", "at", "actor", "reason", "category", "count", "method")
    _print_events(entries, columns, as_json, "destruction-log entries")


def _print_events(
    rows: list[dict[str, Any]], columns: tuple[str, ...], as_json: bool, what: str
) -> None:
    if as_json:
        for row in rows:
            out.print(json.dumps(row, ensure_ascii=False), markup=False)
        return
    table = Table(show_edge=False)
    for column in columns:
        table.add_column(column)
    for row in rows:
        cells = []
        for column in columns:
            value = row[column]
            if isinstance(value, dict):
                value = ", ".join(f"{k}={v}" for k, v in value.items())
            cells.append(markup_safe(str("-" if value is None else value)))
        table.add_row(*cells)
    out.print(table)
    out.print(f"{len(rows)} {what}")


@app.command()
def keygen(
    path: Annotated[Path, typer.Argument(help="Key file to create (never overwritten)")],
) -> None:
    """Create a vault key file readable only by you; point vault_key_file at it."""
    from docpipe.redact.vault import write_key_file

    write_key_file(path)
    out.print(f"wrote a new vault key to {path}; set DOCPIPE_VAULT_KEY_FILE={path}")


vault_app = typer.Typer(help="The vault key of a database (KVKK).", no_args_is_help=True)
app.add_typer(vault_app, name="vault")


@vault_app.command("rotate")
def vault_rotate(
    new_key: Annotated[
        Path, typer.Option("--new-key", help="Key file to move to (from `docpipe keygen`)")
    ],
    db: DatabaseOpt = None,
    actor: ActorOpt = None,
) -> None:
    """Re-seal every vault entry and the subject index under a new key, in one transaction."""
    from docpipe.kvkk import rotate_key
    from docpipe.redact.vault import read_key_file

    settings = _settings(database_url=db)
    key = read_key_file(new_key)
    with Store(settings.database_url) as store:
        report = rotate_key(store, settings, key, actor=actor)
    out.print(
        f"re-sealed {report.vault_entries} vault entries and {report.subject_rows} subject "
        f"index rows; from now on set DOCPIPE_VAULT_KEY_FILE={new_key}",
        markup=False,
    )


@app.command("eval")
def eval_command(
    directory: Annotated[Path, typer.Argument(help="Folder with documents and *.truth.json")],
    engine: EngineOpt = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Per-document lines")] = False,
) -> None:
    """Score extraction against ground truth: per field, per document type."""
    if not directory.is_dir():
        raise UsageError(f"{directory}: not a folder")
    report = evaluate(directory, _settings(engine=engine, vlm_model=model, vlm_base_url=base_url))
    if not report.documents:
        raise UsageError(f"{directory}: no documents with a *.truth.json file found")
    if as_json:
        out.print_json(json.dumps(report.to_json()))
        return
    fields = Table(title="fields", show_edge=False)
    for column in ("field", "n", "correct", "missing", "wrong", "accuracy"):
        fields.add_column(column, justify="left" if column == "field" else "right")
    for s in report.by_field():
        fields.add_row(
            s.field, str(s.total), str(s.correct), str(s.missing), str(s.wrong), f"{s.accuracy:.1%}"
        )
    out.print(fields)
    groups = Table(title="by document type and folder", show_edge=False)
    for column in ("group", "fields", "correct", "missing", "wrong", "accuracy"):
        groups.add_column(column, justify="left" if column == "group" else "right")
    for kind, scores in (("type", report.by("truth_type")), ("folder", report.by("group"))):
        for key, s in scores.items():
            groups.add_row(
                f"{kind}: {key}",
                str(s.total),
                str(s.correct),
                str(s.missing),
                str(s.wrong),
                f"{s.accuracy:.1%}",
            )
    out.print(groups)
    for group, c in report.clause_detection().items():
        out.print(
            f"clauses in {group}: detected {int(c['detected'])}/{int(c['expected'])} "
            f"({c['rate']:.1%}), precision {c['precision']:.1%}"
        )
    for path in report.status_mismatches:
        out.print(f"[yellow]status differs from the truth file's expect_status:[/yellow] {path}")
    if verbose:
        for d in report.documents:
            bad = [p for p, o in d.outcomes.items() if o != "correct"]
            out.print(f"{d.path}: {d.correct}/{len(d.outcomes)} {' '.join(bad[:8])}")
    total = report.total
    out.print(
        f"documents: {len(report.documents)}  document type accuracy: "
        f"{report.doc_type_accuracy:.1%}  field accuracy: {total.accuracy:.2%} "
        f"({total.correct}/{total.total}; missing {total.missing}, wrong {total.wrong})"
    )


@app.command()
def preview(
    xml: Annotated[Path, typer.Argument(help="e-Fatura/e-Arşiv UBL-TR XML file")],
    output: Annotated[Path, typer.Option("-o", "--output", help="PDF to write")],
) -> None:
    """Render an e-invoice XML to PDF with the print design (XSLT) it carries, sandboxed."""
    from docpipe.ingest import read_bytes
    from docpipe.preview import render_preview

    settings = _settings()
    output.write_bytes(render_preview(read_bytes(xml, settings), settings))
    out.print(f"wrote {output}")


@app.command()
def schemas(
    directory: Annotated[Path, typer.Argument(help="Where to write the JSON Schemas")] = Path(
        "schemas"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Fail if the files are out of date")
    ] = False,
) -> None:
    """Write (or check) the JSON Schema of every record type."""
    if check:
        stale = check_schemas(directory)
        if stale:
            err.print(
                f"out of date: {', '.join(stale)}; regenerate with `docpipe schemas {directory}`",
                markup=False,
            )
            raise typer.Exit(1)
        out.print(f"schemas in {directory} are up to date")
        return
    for path in write_schemas(directory):
        out.print(f"wrote {path}")


@app.command()
def watch(
    inbox: Annotated[Path, typer.Argument(help="The folder to watch")],
    db: DatabaseOpt = None,
    engine: EngineOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Worker processes (default: cores)")
    ] = None,
    json_logs: Annotated[
        bool, typer.Option("--json-logs", help="Log one JSON object per line")
    ] = False,
) -> None:
    """Watch a folder: process each dropped file once, into done/ or failed/."""
    from docpipe.watch import run_daemon

    if not inbox.is_dir():
        raise UsageError(f"{inbox}: not a folder")
    settings = _settings(
        database_url=db,
        engine=engine,
        watch_workers=workers,
        watch_log_json=True if json_logs else None,
    )
    raise typer.Exit(run_daemon(inbox, settings))


@app.command()
def status(
    db: DatabaseOpt = None,
    inbox: Annotated[Path | None, typer.Option("--inbox", help="Only this watched folder")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable report")] = False,
) -> None:
    """Show the watch queue: waiting, in flight, failures in the last hour, throughput."""
    from docpipe.watch import collect_status

    key = str(inbox.resolve()) if inbox is not None else None
    with Store(_settings(database_url=db).database_url) as store:
        report = collect_status(store, key)
    if as_json:
        out.print_json(json.dumps(report.to_json(), default=str, ensure_ascii=False))
        return
    table = Table(title="docpipe watch queue", show_edge=False)
    for column in ("queued", "in flight", "done (1 h)", "failed (1 h)", "per minute", "oldest"):
        table.add_column(column, justify="right")
    oldest = "-" if report.oldest_queued_s is None else f"{report.oldest_queued_s:.0f} s"
    table.add_row(
        str(report.queued),
        str(report.processing),
        str(report.done_last_hour),
        str(report.failed_last_hour),
        f"{report.per_minute:.1f}",
        oldest,
    )
    out.print(table)
    for failure in report.recent_failures:
        out.print(f"[red]✗[/red] {markup_safe(failure['name'])}: {markup_safe(failure['reason'])}")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and of ``python cli.py``."""
    try:
        app(args=argv, prog_name="docpipe")
    except DocpipeError as exc:
        err.print(f"docpipe: error: {exc.message}", markup=False)
        sys.exit(int(exc.exit_code))
