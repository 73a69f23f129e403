"""A worker process: claim a job, run it, repeat; exit after N jobs or when told.

Input: the settings (as a dict, rebuilt here with the same constructor), the
inbox, the daemon's pid and a stop event. Output: finished jobs in the
database; the process exit code (0 after a clean stop).

Isolation (the fences are ``docpipe.workers``): each worker is its own process
(``spawn``), so a decompression bomb or a library crash takes down one
worker, never the daemon. It runs under
``RLIMIT_DATA`` = ``watch_worker_memory_mb`` and exits after
``watch_worker_max_jobs`` jobs (memory fragmentation never accumulates). On
Linux it asks the kernel to SIGKILL it when the daemon dies
(``PR_SET_PDEATHSIG``), so a killed daemon leaves no worker behind to race
its successor. SIGTERM and SIGINT make it finish the current job, then exit.
The peak RSS of the worker is recorded on every job it finishes.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
from multiprocessing.synchronize import Event
from pathlib import Path
from types import FrameType
from typing import Any

from docpipe.errors import DocpipeError, StoreError
from docpipe.settings import load_settings
from docpipe.watch.logs import configure_logging
from docpipe.workers import die_with as _die_with
from docpipe.workers import limit_memory as _limit_memory
from docpipe.workers import peak_rss_kb

log = logging.getLogger("docpipe.watch.worker")


def worker_id(pid: int | None = None) -> str:
    """How a worker names itself in ``watch_jobs.claimed_by``: ``host:pid``."""
    return f"{socket.gethostname()}:{pid or os.getpid()}"


def worker_main(settings_values: dict[str, Any], inbox: str, daemon_pid: int, stop: Event) -> None:
    """Entry point of a worker process (the target of ``multiprocessing.Process``)."""
    _die_with(daemon_pid)
    os.setpgid(0, 0)  # own process group: a timeout kills the worker and its OCR children
    stopping = {"now": False}

    def _stop(signum: int, frame: FrameType | None) -> None:
        stopping["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    settings = load_settings(**settings_values)
    configure_logging(json_lines=settings.watch_log_json)
    _limit_memory(settings.watch_worker_memory_mb)

    from docpipe.pipeline import Pipeline
    from docpipe.store.jobs import JobQueue
    from docpipe.watch.inbox import InboxLayout
    from docpipe.watch.jobs import run_job

    layout = InboxLayout.at(Path(inbox), keep_in_place=settings.watch_keep_in_place)
    me = worker_id()
    handled = 0
    try:
        with Pipeline(settings) as pipeline:
            store = pipeline.store
            assert store is not None
            queue = JobQueue(store, layout.key)
            pipeline.prepare()  # start-up cost outside any job's timeout
            while handled < settings.watch_worker_max_jobs:
                if stopping["now"] or stop.is_set() or os.getppid() != daemon_pid:
                    break
                job = queue.claim(me, settings.watch_lease_s)
                if job is None:
                    stop.wait(0.2)
                    continue
                try:
                    run_job(
                        job,
                        pipeline=pipeline,
                        queue=queue,
                        layout=layout,
                        worker=me,
                        max_attempts=settings.watch_max_attempts,
                    )
                finally:
                    queue.record_peak_rss(job.id, peak_rss_kb())
                handled += 1
    except StoreError as error:
        log.error("worker %s stops: %s", me, error.message)
        sys.exit(3)
    except DocpipeError as error:
        log.error("worker %s stops: %s", me, error.message)
        sys.exit(4)
    except MemoryError:
        log.error("worker %s ran out of memory outside a document; restarting", me)
        sys.exit(5)
