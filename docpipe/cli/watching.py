"""The watched-folder daemon: ``watch`` and ``status``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from docpipe.cli._common import (
    DatabaseOpt,
    EngineOpt,
    _settings,
    app,
    open_store,
    out,
)
from docpipe.errors import UsageError
from docpipe.safe_text import markup_safe


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
    """Watch a folder: process each dropped file once, into done/, needs_review/ or failed/."""
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
    """Show the watch queue: whether a daemon runs, waiting, in flight, failures in the
    last hour, throughput, and documents that need review."""
    from docpipe.watch import collect_status

    key = str(inbox.resolve()) if inbox is not None else None
    settings = _settings(database_url=db)
    with open_store(settings.database_url) as store:
        report = collect_status(store, key, health_file=settings.watch_health_file)
    if as_json:
        out.print_json(json.dumps(report.to_json(), default=str, ensure_ascii=False))
        return
    if report.daemons:
        for daemon in report.daemons:
            where = markup_safe(f"{daemon['inbox']} (pid {daemon['pid']} on {daemon['host']})")
            out.print(f"[green]●[/green] watch daemon {daemon['status']}: {where}")
    else:
        out.print("[yellow]○[/yellow] no watch daemon is running")
    table = Table(title="docpipe watch queue", show_edge=False)
    columns = ("queued", "in flight", "done (1 h)", "failed (1 h)", "per minute", "oldest")
    for column in (*columns, "needs review"):
        table.add_column(column, justify="right")
    oldest = "-" if report.oldest_queued_s is None else f"{report.oldest_queued_s:.0f} s"
    table.add_row(
        str(report.queued),
        str(report.processing),
        str(report.done_last_hour),
        str(report.failed_last_hour),
        f"{report.per_minute:.1f}",
        oldest,
        str(report.needs_review),
    )
    out.print(table)
    for failure in report.recent_failures:
        out.print(f"[red]✗[/red] {markup_safe(failure['name'])}: {markup_safe(failure['reason'])}")
