"""What every ``docpipe`` command shares: the Typer app, the consoles, option types."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.console import Console

from docpipe.errors import UsageError
from docpipe.settings import ENGINE_KINDS, load_settings

app = typer.Typer(
    name="docpipe",
    help="Turkish invoices, ID documents and contracts into validated, typed records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _print_version(value: bool) -> None:
    if value:
        from docpipe import __version__

        out.print(f"docpipe {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit"
        ),
    ] = False,
) -> None:
    """Turkish invoices, ID documents and contracts into validated, typed records."""


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


def open_store(database_url: str) -> Any:
    """``Store.open_existing``, imported when a command opens the store: the store's
    models, SQLAlchemy and Alembic are not loaded by commands that never do (``run``'s
    parent: its workers store)."""
    from docpipe.store import Store

    return Store.open_existing(database_url)


def _confirm(question: str, yes: bool) -> bool:
    """``--yes``, or an operator's answer on a terminal; without either: one line, refused."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"{question} needs confirmation: run it on a terminal or add --yes")
    return typer.confirm(f"{question}?", default=False)
