"""One job, start to end: take the file, check it, run the pipeline, file it away.

Input: a claimed ``Job``, the worker's ``Pipeline`` and ``JobQueue``. Output:
the job finished in the database (``done``, ``failed`` or ``vanished``), the
file in ``done/``, ``needs_review/`` or ``failed/`` (with ``NAME.reason.txt``), and exactly one
document row for it in the store. Failure: only ``StoreError`` escapes (the
database is gone, so nothing could be recorded); everything a file can do
wrong ends as a failed job.

Each step can be repeated after a crash at any point: ``take`` finds a file
already moved, the pipeline finds a document already stored (a duplicate of
no other job is this job's own earlier attempt), and the final path is
recorded before the move so a resumed job knows where its file went.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from docpipe.errors import DocpipeError
from docpipe.pipeline import Pipeline
from docpipe.result import ErrorInfo, Result, Status
from docpipe.store import Store
from docpipe.store.jobs import Job, JobQueue
from docpipe.watch.inbox import REASON_SUFFIX, InboxLayout
from docpipe.watch.security import check_inbox_file

log = logging.getLogger("docpipe.watch")

MEMORY_HINT = (
    "the document needs more memory than watch_worker_memory_mb allows; "
    "check the file, or raise DOCPIPE_WATCH_WORKER_MEMORY_MB if it is genuine"
)


def run_job(
    job: Job,
    *,
    pipeline: Pipeline,
    queue: JobQueue,
    layout: InboxLayout,
    worker: str,
    max_attempts: int,
) -> Result | None:
    """Process one claimed job in a worker; return its result (None if vanished)."""
    store = pipeline.store
    assert store is not None, "the watch daemon always stores results"
    if job.attempts > max_attempts:
        reason = (
            f"processing this file was interrupted {job.attempts - 1} times (the daemon or its "
            "worker was killed); it is set aside so it cannot stop the queue; check the file "
            "and drop it into the inbox again"
        )
        return quarantine(job, queue, layout, store, worker, "interrupted", reason)
    if job.final_path and os.path.lexists(job.final_path):
        # Filed away before a crash; the crash may also have come before the empty
        # processing/ID/ folder was removed.
        layout.remove_job_dir(job.id)
        return _resume_filed(job, queue, store, worker)
    work = layout.take(job.id, job.name)
    if work is None:
        return _vanished(job, queue, layout, worker)
    queue.update_held(job.id, worker, work_path=str(work))
    try:
        check_inbox_file(work, layout.root)
    except DocpipeError as error:
        return quarantine(job, queue, layout, store, worker, error.category, error.message)
    result = pipeline.process(work)
    if result.status is Status.duplicate and result.duplicate_of is not None:
        existing = store.get_document(result.duplicate_of)
        if existing is not None and existing.source_path == store.stored_name(str(work)):
            # Our own earlier attempt stored it before a crash: that is this job's record.
            result = result.model_copy(update={"status": existing.status, "duplicate_of": None})
    reason = None
    if result.status is Status.failed:
        reason = result.error.reason if result.error else "the document could not be processed"
        if "MemoryError" in reason:
            reason = MEMORY_HINT
    return _file_away(job, queue, layout, worker, work, result, reason)


def quarantine(
    job: Job,
    queue: JobQueue,
    layout: InboxLayout,
    store: Store,
    worker: str | None,
    category: str,
    reason: str,
) -> Result | None:
    """Fail a job without running the pipeline: record the reason, move the file."""
    work = Path(job.work_path) if job.work_path else layout.work_path(job.id, job.name)
    if not os.path.lexists(work):
        work = layout.take(job.id, job.name) or work
    if not os.path.lexists(work):
        if job.final_path and os.path.lexists(job.final_path):
            work = Path(job.final_path)
        else:
            return _vanished(job, queue, layout, worker)
    result = Result(
        path=str(work),
        sha256=_hash(work),
        status=Status.failed,
        error=ErrorInfo(stage="watch", category=category, reason=reason),
    )
    if result.sha256 is not None:
        existing = store.find_by_sha256(result.sha256)
        if existing is not None and existing.status is not Status.failed:
            result = result.model_copy(update={"sha256": None})  # keep the good record intact
    document_id = store.save_result(
        result, source_path=str(work), file_name=job.name, size_bytes=_size(work)
    )
    result = result.model_copy(update={"document_id": document_id})
    return _file_away(job, queue, layout, worker, work, result, reason)


def _file_away(
    job: Job,
    queue: JobQueue,
    layout: InboxLayout,
    worker: str | None,
    work: Path,
    result: Result,
    reason: str | None,
) -> Result:
    failed = result.status is Status.failed
    if job.final_path and os.path.lexists(job.final_path):
        final = Path(job.final_path)  # moved before a crash; only the bookkeeping is left
    else:
        review = result.status is Status.needs_review
        final = layout.destination(job.id, job.name, failed, review=review)
        queue.update_held(job.id, worker, final_path=str(final))
    layout.finish(job.id, work, final, reason)
    queue.finish(
        job.id,
        worker,
        "failed" if failed else "done",
        outcome=result.status.value,
        reason=reason,
        sha256=result.sha256,
        document_id=result.document_id,
        work_path=None,
    )
    log.info(
        "job %d %s: %s (document %s)",
        job.id,
        "failed" if failed else "done",
        queue.label(job.name),
        result.document_id,
        extra={"job_id": job.id, "outcome": result.status.value, "category": _category(result)},
    )
    return result


def _resume_filed(job: Job, queue: JobQueue, store: Store, worker: str | None) -> Result:
    """The file was filed away before a crash: finish the bookkeeping only."""
    final = Path(job.final_path or "")
    failed = final.parent.name == "failed"
    sha256 = _hash(final)
    existing = store.find_by_sha256(sha256) if sha256 else None
    reason_file = final.with_name(final.name + REASON_SUFFIX)
    reason = reason_file.read_text(encoding="utf-8").strip() if reason_file.exists() else None
    status = Status.failed if failed else (existing.status if existing else Status.ok)
    document_id = existing.id if existing else None
    queue.finish(
        job.id,
        worker,
        "failed" if failed else "done",
        outcome=status.value,
        reason=reason,
        sha256=sha256,
        document_id=document_id,
        work_path=None,
    )
    log.info("job %d resumed after a crash: already filed", job.id, extra={"job_id": job.id})
    return Result(path=str(final), sha256=sha256, status=status, document_id=document_id)


def _vanished(job: Job, queue: JobQueue, layout: InboxLayout, worker: str | None) -> None:
    queue.finish(job.id, worker, "vanished", reason="the file was gone before it was taken")
    log.info("job %d vanished: %s", job.id, queue.label(job.name), extra={"job_id": job.id})
    return None


def _category(result: Result) -> str | None:
    return result.error.category if result.error else None


def _hash(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file():
        return None
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _size(path: Path) -> int | None:
    try:
        return os.lstat(path).st_size
    except OSError:
        return None
