"""The ``docpipe`` command: a thin Typer shell over ``Pipeline`` and ``Store``.

``main`` is the one place that turns a ``DocpipeError`` into one line on
stderr and its exit code. Output names files and field paths, never values,
except where the user asks for a record (``show``, ``export``).
"""

import atexit
import gc
import sys

from docpipe.batch_server import start_early

# `docpipe run`: the workers' fork server loads on another core while this process
# imports the commands below (``docpipe.batch_server``); any other command: nothing.
start_early()

# Importing a module registers its commands, in the order of `docpipe --help`.
from docpipe.cli import documents, privacy, review, serve, tools, watching, worker  # noqa: E402, F401
from docpipe.cli._common import app, err  # noqa: E402
from docpipe.errors import DocpipeError  # noqa: E402

__all__ = ["app", "main"]

# At exit the interpreter's last collections walk every object of the libraries loaded
# (SQLAlchemy, pydantic, rich: 0.25 CPU seconds at the end of `docpipe run`, measured)
# to free memory the system takes back anyway; frozen, they are skipped. Commands close
# what they write themselves (with-blocks), never leaving it to a collection.
atexit.register(gc.freeze)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and of ``python cli.py``."""
    try:
        app(args=argv, prog_name="docpipe")
    except DocpipeError as exc:
        err.print(f"docpipe: error: {exc.message}", markup=False)
        sys.exit(int(exc.exit_code))
