"""Uploads: files sent to ``POST /v1/documents``, kept, queued and processed in the background.

Each upload is written (size-limited by ``max_file_bytes``) to its own folder under
``api_upload_dir`` (the original the review page renders pages from) and queued as
a job in the database (``watch_jobs``, inbox ``api:<folder>``), so the queue
survives a restart: jobs a stopped server held are queued again when it starts.
One background thread takes every queued upload and runs them through the same
``BatchPool`` as ``docpipe run`` (worker processes under ``doc_memory_mb`` and
``doc_timeout_s``), which stores each result.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from docpipe.batch import BatchPool
from docpipe.errors import TooLargeError
from docpipe.result import Result
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.jobs import FINISHED, Job, JobQueue
from docpipe.workers import process_alive

log = logging.getLogger("docpipe.api")

_CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^\w.\- ()\[\]]+")


def safe_name(name: str | None) -> str:
    """The client's file name, reduced to one path segment of plain characters."""
    base = Path((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")[:200]
    return base or "upload"


class Uploads:
    """The upload folder, its job queue and the thread that processes it."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.settings = settings
        self.folder = Path(settings.api_upload_dir).expanduser().resolve()
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.jobs = JobQueue(store, f"api:{self.folder}")
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self._wake = threading.Condition()
        self._finished = threading.Condition()
        self._stopping = False
        self._thread: threading.Thread | None = None

    # -- the request side ------------------------------------------------------------

    def save(self, stream: BinaryIO, name: str | None) -> Path:
        """Copy an upload into its own folder; TooLargeError past ``max_file_bytes``."""
        folder = self.folder / secrets.token_hex(8)
        folder.mkdir(mode=0o700)
        path = folder / safe_name(name)
        limit = self.settings.max_file_bytes
        written = 0
        try:
            with path.open("xb") as out:
                while chunk := stream.read(_CHUNK):
                    written += len(chunk)
                    if written > limit:
                        raise TooLargeError(
                            f"the upload is larger than max_file_bytes={limit} bytes"
                        )
                    out.write(chunk)
        except BaseException:
            path.unlink(missing_ok=True)
            folder.rmdir()
            raise
        return path

    def submit(self, path: Path) -> int:
        """Queue a saved upload; returns its job id."""
        stat = path.stat()
        name = str(path.relative_to(self.folder))
        job_id = self.jobs.enqueue(name, stat.st_size, stat.st_mtime_ns)
        if job_id is None:  # its folder is new: a second job for it cannot exist
            raise RuntimeError("an upload was queued twice")
        with self._wake:
            self._wake.notify()
        return job_id

    def get(self, job_id: int) -> Job | None:
        job = self.jobs.get(job_id)
        return job if job is not None and job.inbox == self.jobs.inbox else None

    def wait(self, job_id: int, timeout: float) -> Job | None:
        """The job once finished, or as it is after ``timeout`` seconds."""
        with self._finished:
            self._finished.wait_for(
                lambda: (job := self.get(job_id)) is None or job.state in FINISHED, timeout
            )
        return self.get(job_id)

    # -- the processing side -----------------------------------------------------------

    def start(self) -> None:
        self.jobs.requeue_orphans(socket.gethostname(), process_alive)
        self._thread = threading.Thread(target=self._run, name="docpipe-uploads", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopping = True
            self._wake.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=30)
        for job in self.jobs.held_by(self.worker):  # interrupted: the next server takes them
            self.jobs.requeue(job.id, self.worker)

    def _run(self) -> None:
        with BatchPool(self.settings, jobs=self.settings.jobs) as pool:
            while not self._stopping:
                claimed = self._claim_all()
                if not claimed:
                    with self._wake:
                        self._wake.wait(timeout=5.0)
                    continue
                try:
                    self._process(pool, claimed)
                except Exception as error:  # the batch stopped (store, vault key): say why
                    reason = getattr(error, "message", type(error).__name__)
                    log.error("uploads stopped: %s", reason)
                    for job in claimed:
                        self.jobs.finish(job.id, self.worker, "failed", reason=str(reason)[:500])
                    self._notify()

    def _claim_all(self) -> list[Job]:
        lease = self.settings.doc_timeout_s * 4 + 60
        claimed: list[Job] = []
        while (job := self.jobs.claim(self.worker, lease)) is not None:
            claimed.append(job)
        return claimed

    def _process(self, pool: BatchPool, jobs: Iterable[Job]) -> None:
        jobs = list(jobs)
        paths = [self.folder / job.name for job in jobs]
        for job, result in zip(jobs, pool.run(paths), strict=False):
            document_id, outcome = _outcome(result)
            reason = result.error.reason[:500] if result.error is not None else None
            self.jobs.finish(
                job.id,
                self.worker,
                "done",
                document_id=document_id,
                outcome=outcome,
                reason=reason,
                sha256=result.sha256,
            )
            self._notify()
            if self._stopping:  # the rest is queued again when a server starts
                return

    def _notify(self) -> None:
        with self._finished:
            self._finished.notify_all()


def _outcome(result: Result) -> tuple[int | None, str]:
    """The document an upload became and its status (a ZIP: its first member's id)."""
    document_id = result.document_id
    if document_id is None and result.parts:
        document_id = next((p.document_id for p in result.parts if p.document_id), None)
    return document_id, result.status.value
