"""Celery across machines: ``worker`` (a Celery worker) and ``submit`` (files onto it)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from docpipe.cli._common import DatabaseOpt, EngineOpt, _settings, app, err, out
from docpipe.errors import ExitCode, UsageError
from docpipe.safe_text import markup_safe
from docpipe.settings import Settings

QUEUES = ("cpu", "model")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def worker(
    ctx: typer.Context,
    queue: Annotated[
        str,
        typer.Option(
            "--queue",
            "-Q",
            help="cpu: OCR and rules, one process per core; model: requests to a model "
            "server, on threads",
        ),
    ] = "cpu",
    concurrency: Annotated[
        int | None,
        typer.Option(
            "--concurrency",
            "-c",
            min=1,
            help="Processes (cpu; default: cores) or threads (model; celery_model_concurrency)",
        ),
    ] = None,
    db: DatabaseOpt = None,
    engine: EngineOpt = None,
) -> None:
    """Start a Celery worker on DOCPIPE_BROKER_URL; further options go to `celery worker`."""
    if queue not in QUEUES:
        raise UsageError(f"--queue must be one of {', '.join(QUEUES)}, not {queue!r}")
    # the worker's processes read their settings from the environment: pass the options on
    for name, value in (("DOCPIPE_DATABASE_URL", db), ("DOCPIPE_ENGINE", engine)):
        if value is not None:
            os.environ[name] = value
    settings = _settings()
    if not _in_process_model(settings):
        from docpipe.workers import skip_torch

        skip_torch()  # before the pipeline's imports: the forked processes inherit it
    from docpipe.distributed.worker import run_worker

    raise typer.Exit(run_worker(settings, queue, concurrency, list(ctx.args)))


def _in_process_model(settings: Settings) -> bool:
    """Whether the engine is ``vlm`` (weights in the worker), decided without importing
    the engines (``docpipe.extract.resolve_kind`` decides the same way)."""
    if settings.engine != "auto":
        return settings.engine == "vlm"
    return not settings.vlm_base_url and bool(settings.vlm_model)


@app.command()
def submit(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively)")],
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait until every document is done; print a summary")
    ] = False,
    db: DatabaseOpt = None,
    engine: EngineOpt = None,
) -> None:
    """Queue documents for Celery workers (DOCPIPE_BROKER_URL); results go to the store."""
    from docpipe.workers import skip_torch

    skip_torch()  # this process reads and seals files, never runs a model
    from docpipe.distributed.submit import submit as submit_files
    from docpipe.kvkk.keys import store_key
    from docpipe.store import Store

    settings = _settings(database_url=db, engine=engine)
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    started = time.perf_counter()
    with Store(settings.database_url) as store:
        store_key(store, settings)  # no key, or another database's: one line, nothing queued

        def refused(result: object) -> None:
            error = getattr(result, "error", None)
            name = markup_safe(str(getattr(result, "path", "")))
            err.print(f"[red]✗[/red] {name}: {markup_safe(error.reason if error else '')}")

        submission = submit_files(paths, settings, store, on_refused=refused)
        out.print(f"queued {submission.queued} document(s) as {submission.key}")
        if not wait:
            if submission.refused:
                raise typer.Exit(ExitCode.documents_failed)
            return
        jobs = submission.wait()
    elapsed = time.perf_counter() - started
    counts = {name: 0 for name in ("ok", "needs_review", "failed", "duplicate")}
    for job in jobs:
        outcome = job.outcome or ("failed" if job.state == "failed" else "ok")
        counts[outcome] = counts.get(outcome, 0) + 1
    counts["failed"] += len(submission.refused)
    table = Table(title="docpipe submit", show_edge=False)
    for column in ("ok", "needs review", "failed", "duplicate", "seconds"):
        table.add_column(column, justify="right")
    table.add_row(
        str(counts["ok"]),
        str(counts["needs_review"]),
        str(counts["failed"]),
        str(counts["duplicate"]),
        f"{elapsed:.2f}",
    )
    out.print(table)
    for job in jobs:
        if job.state == "failed":
            err.print(f"[red]✗[/red] {markup_safe(job.name)}: {markup_safe(job.reason or '')}")
    if counts["failed"]:
        raise typer.Exit(ExitCode.documents_failed)
