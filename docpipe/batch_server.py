"""The fork server ``docpipe run``'s workers are forked from, started before the command
has imported anything of its own.

The server is a fresh interpreter that loads what every worker needs once
(``docpipe.batch_preload``: 1.4 CPU seconds, Presidio, spaCy and the pipeline), and no
worker can start before it has. ``BatchPool`` starts it when the pool starts, which is
after the command's own imports (Typer, rich, pydantic, the settings and result models:
0.35 to 0.5 CPU seconds): time the server's core stood idle while every worker
waited. ``start_early`` starts it at the top of the command line's import instead, for
``docpipe run`` only, so the two loads overlap on two cores. The pool finds it running
(``forkserver.ensure_running`` is a no-op then) and the run stops it at its end as
before (``batch.stop_fork_server``). A run that turns out to need no server (an
in-process model runs in a spawned worker, ``--help``, a usage error) stops it, or
leaves it to end with this process, which it does: the server exits when the last
process holding its "alive" pipe does.

Only the standard library is imported here: this runs before anything else.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docpipe.workers import BATCH_ENVIRONMENT

#: What the server imports before it forks the first worker.
PRELOAD = "docpipe.batch_preload"
#: Names the command line runs under (``python cli.py``, the ``docpipe`` script).
PROGRAMS = frozenset({"cli.py", "docpipe"})


def forkserver_available() -> bool:
    return "forkserver" in multiprocessing.get_all_start_methods()


def start_fork_server() -> None:
    """Start the fork server loading ``PRELOAD`` now (a no-op when it runs already), with
    the workers' environment (``BATCH_ENVIRONMENT``), which it and the workers inherit."""
    from multiprocessing import forkserver

    for name, value in BATCH_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    multiprocessing.get_context("forkserver").set_forkserver_preload([PRELOAD])
    forkserver.ensure_running()


def runs_batch(argv: list[str]) -> bool:
    """Whether ``argv`` is the command line's own ``docpipe run …`` (not its help): the
    program is ``cli.py`` or ``docpipe``, and its first word that is not an option is
    ``run``. Anything else (pytest importing the CLI, another command) starts nothing."""
    if not argv or Path(argv[0]).name not in PROGRAMS:
        return False
    words = argv[1:]
    if "--help" in words or "-h" in words:
        return False
    command = next((word for word in words if not word.startswith("-")), None)
    return command == "run"


def start_early(argv: list[str] | None = None) -> bool:
    """Start the fork server now when this process is ``docpipe run``; whether it did.
    Never in a process ``multiprocessing`` started (it inherits the parent's ``argv``)."""
    argv = sys.argv if argv is None else argv
    if multiprocessing.parent_process() is not None:
        return False
    if not runs_batch(argv) or not forkserver_available():
        return False
    try:
        start_fork_server()
    except OSError:  # the pool tries again when it starts, and reports what fails
        return False
    return True


@contextmanager
def main_not_rerun() -> Iterator[None]:
    """Start worker processes inside this block: they do not run this process's main
    script again.

    ``multiprocessing`` runs the parent's ``__main__`` file again, as ``__mp_main__``, in
    every process it forks from the server or spawns, so that a target defined there can
    be unpickled. A batch worker's target is ``docpipe.batch.worker_main``, and the main
    script is ``cli.py`` or the ``docpipe`` script: each worker imported the whole
    command line (Typer, rich, every command: 0.07 CPU seconds a worker, measured after
    the preload), for nothing. Without ``__file__`` on ``__main__`` while the process
    starts, ``multiprocessing`` leaves the main module alone (``spawn.get_preparation_data``).
    """
    main = sys.modules.get("__main__")
    path = main.__dict__.pop("__file__", None) if main is not None else None
    try:
        yield
    finally:
        if main is not None and path is not None:
            main.__file__ = path
