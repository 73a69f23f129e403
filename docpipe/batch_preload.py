"""What every ``docpipe run`` worker loads, loaded once in the fork server the workers
are forked from (``docpipe.batch``), instead of once in every worker.

Importing this module is the load: the pipeline's modules (PyMuPDF, OpenCV, the
rules, the store's models), Presidio and spaCy without torch (``skip_torch``: the
server forks only workers that run no model) nor its command line
(``import_spacy_without_cli``), and Presidio's analyzer with docpipe's
recognizers (``redact.analyzer.analyzer``: compiling their patterns is most of a
worker's start-up). None of it depends on the settings or holds a document, a key or
a connection; each forked worker still reads its settings, its vault key and opens
its store itself. Measured on the digital-invoice benchmark: about 2 CPU seconds per
worker saved (``benchmarks/run_throughput.py``).

Then three things that only a process forked from many times needs:

- the collector is off while the server loads: the load allocates those objects and
  frees almost none, so the collections it set off walked them for nothing (measured:
  1.63 -> 1.33 CPU seconds for the whole load, paid before the first worker can fork);
  what little garbage the load leaves is frozen with the rest, shared by the workers;
- ``gc.freeze()``: what was loaded moves to the collector's permanent generation, so
  a worker's collections never walk its 260,000 objects again (measured: 4 ms of
  collection per digital invoice less), nor write to their pages, which would copy
  the server's memory into every worker page by page;
- the server ends with ``os._exit`` once its last pool has gone: tearing those objects
  down one by one cost 0.7 CPU seconds (and the wall time ``docpipe run`` waits for it,
  ``batch.stop_fork_server``) for memory the kernel frees at once anyway.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys

gc.disable()  # enabled again once the load is frozen (end of this module; and worker_main)

from docpipe.workers import import_spacy_without_cli, skip_torch  # noqa: E402

skip_torch()
import_spacy_without_cli()

import docpipe.pipeline  # noqa: E402
import docpipe.redact.protect  # noqa: E402, F401
from docpipe.redact.analyzer import analyzer  # noqa: E402

with contextlib.suppress(Exception):  # a worker building it meets the error and reports it
    analyzer()


_LOADED_IN = os.getpid()


def _is_fork_server() -> bool:
    """Whether this process is the fork server that loaded this module (``multiprocessing``'s
    ``main`` records the server's own address, and it has no server of its own), not a
    worker forked from it nor another process that imported this module."""
    from multiprocessing import forkserver

    server = forkserver._forkserver
    return (
        os.getpid() == _LOADED_IN
        and server._forkserver_address is not None
        and server._forkserver_pid is None
    )


def _exit_now() -> None:
    if _is_fork_server():
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(0)


atexit.register(_exit_now)
gc.freeze()
gc.enable()
