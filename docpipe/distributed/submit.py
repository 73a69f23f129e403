"""``docpipe submit PATH… [--wait]``: files onto the broker, and the summary when done.

Input: paths (files and folders, as ``docpipe run`` takes them) and ``Settings`` with
a broker and a shared database. Output: a ``Submission`` (the job queue of this
submission); ``wait`` polls the job table, never a Celery result backend, until
every job is finished. A file that cannot be read fails here, in one line and in
the store, and the others go on.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docpipe.distributed.enqueue import Enqueuer
from docpipe.errors import DocpipeError
from docpipe.files import iter_files
from docpipe.ingest import read_bytes
from docpipe.result import ErrorInfo, Result, Status
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.jobs import ACTIVE, Job, JobQueue

#: The job queue ("inbox") of one submission.
INBOX_PREFIX = "submit:"


@dataclass
class Submission:
    queue: JobQueue
    queued: int = 0
    refused: list[Result] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.queue.inbox or ""

    def jobs(self) -> list[Job]:
        return self.queue.jobs()

    def wait(
        self, poll_s: float = 0.5, on_progress: Callable[[int, int], None] | None = None
    ) -> list[Job]:
        """Every job of this submission once none is queued or processing."""
        while True:
            jobs = self.jobs()
            active = sum(1 for job in jobs if job.state in ACTIVE)
            if on_progress is not None:
                on_progress(len(jobs) - active, len(jobs))
            if active == 0:
                return jobs
            time.sleep(poll_s)


def submit(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    on_refused: Callable[[Result], None] | None = None,
) -> Submission:
    """Queue every file under ``paths``; a file that cannot be read fails here."""
    queue = JobQueue(store, f"{INBOX_PREFIX}{uuid.uuid4().hex}")
    enqueuer = Enqueuer(settings, queue)
    submission = Submission(queue)
    try:
        _queue_files(paths, settings, store, enqueuer, submission, on_refused)
    finally:
        enqueuer.close()
    return submission


def _queue_files(
    paths: Iterable[str | Path],
    settings: Settings,
    store: Store,
    enqueuer: Enqueuer,
    submission: Submission,
    on_refused: Callable[[Result], None] | None,
) -> None:
    for path in iter_files(paths):
        absolute = path.absolute()
        try:
            data = read_bytes(path, settings)
            mtime_ns = path.stat().st_mtime_ns
        except (DocpipeError, OSError) as error:
            result = _refused(store, absolute, error)
            submission.refused.append(result)
            if on_refused is not None:
                on_refused(result)
            continue
        if enqueuer.enqueue(str(absolute), data, mtime_ns, work_path=str(absolute)) is not None:
            submission.queued += 1


def _refused(store: Store, path: Path, error: Exception) -> Result:
    """A file that cannot be read, stored as a failed document (nothing lost)."""
    if isinstance(error, DocpipeError):
        category, reason = error.category, error.message
    else:
        category, reason = "input", f"the file cannot be read ({type(error).__name__})"
    result = Result(
        path=str(path),
        status=Status.failed,
        error=ErrorInfo(stage="submit", category=category, reason=reason),
    )
    document_id = store.save_result(
        result, source_path=str(path), file_name=path.name, size_bytes=None
    )
    return result.model_copy(update={"document_id": document_id})
