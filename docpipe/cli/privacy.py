"""KVKK commands: reveal, subject, purge, audit, destruction-log, keygen, vault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from docpipe.cli._common import (
    DatabaseOpt,
    _confirm,
    _settings,
    app,
    open_store,
    out,
)
from docpipe.safe_text import markup_safe

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
    with open_store(settings.database_url) as store:
        value = reveal_value(store, settings, document_id, field, reason=reason, actor=actor)
    out.print(value, markup=False)


YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (scripts, cron)")
]


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
    with open_store(settings.database_url) as store:
        rows = find_subject(store, settings, identifier, actor=actor)
        table = Table(show_edge=False)
        for column in ("id", "type", "status", "file", "stored"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                str(row.id),
                row.doc_type or "-",
                row.status.value,
                markup_safe(row.file_name),
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
    with open_store(settings.database_url) as store:
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
    with open_store(settings.database_url) as store:
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
    with open_store(settings.database_url) as store:
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
    out.print(f"wrote a new vault key to {path}; set DOCPIPE_VAULT_KEY_FILE={path}", markup=False)


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
    with open_store(settings.database_url) as store:
        report = rotate_key(store, settings, key, actor=actor)
    out.print(
        f"re-sealed {report.vault_entries} vault entries and {report.subject_rows} subject "
        f"index rows; from now on set DOCPIPE_VAULT_KEY_FILE={new_key}",
        markup=False,
    )
