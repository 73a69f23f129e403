"""``docpipe worker``: a Celery worker on the cpu or the model queue.

- ``cpu``: prefork, one process per core (``--concurrency``), each with one thread per
  library (``WORKER_ENVIRONMENT``), the memory fence of ``docpipe run``
  (``doc_memory_mb``) and no torch unless an in-process model runs;
- ``model``: a thread pool (``celery_model_concurrency`` threads): requests to a model
  server wait on the network, not on a core. Celery's time limits need processes, so
  here the engine's own request timeout and the read budget bound a document.

Both consume the dead-letter queue. The vault key and the database are checked
before the worker starts: a missing key is one line, not a failure per document.
"""

from __future__ import annotations

import os
import socket

from docpipe.distributed.app import configure, queue_names
from docpipe.settings import Settings, resolve_kind
from docpipe.workers import BATCH_ENVIRONMENT, WORKER_ENVIRONMENT, skip_torch


def run_worker(settings: Settings, queue: str, concurrency: int | None, extra: list[str]) -> int:
    """Run a Celery worker in the foreground until it is stopped; its exit code."""
    from docpipe.kvkk.keys import store_key
    from docpipe.store import Store

    for name, value in {**WORKER_ENVIRONMENT, **BATCH_ENVIRONMENT}.items():
        os.environ.setdefault(name, value)  # inherited by the worker processes
    if resolve_kind(settings) != "vlm":
        skip_torch()  # forked processes inherit it (the CLI did it before any import)
    if settings.redact:
        with Store(settings.database_url) as store:  # no key, or another database's: one line
            store_key(store, settings)
    app = configure(settings)
    names = queue_names(settings)
    if queue == "model":
        pool, queues = "threads", [names.model, names.dead]
        count = concurrency or settings.celery_model_concurrency
    else:
        pool, queues = "prefork", [names.cpu, names.dead]
        count = concurrency or len(os.sched_getaffinity(0))
    argv = [
        "worker",
        f"--pool={pool}",
        f"--concurrency={count}",
        f"--queues={','.join(queues)}",
        f"--hostname=docpipe-{queue}-{os.getpid()}@{socket.gethostname()}",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
        *extra,
    ]
    import docpipe.distributed.tasks  # noqa: F401 - registers the task

    app.worker_main(argv)
    return 0
