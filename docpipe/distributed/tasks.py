"""What a Celery worker does with a message: one job, start to end, in the store.

``process`` (task ``docpipe.process``, argument: a job id):

1. claim the job in the job table (``JobQueue.claim_job``): a finished job is not
   processed again, so a message delivered twice, or again after its document was
   stored, does nothing; each claim counts an attempt;
2. an attempt over ``celery_delivery_limit`` (the worker was killed under it that
   many times; Redis and classic queues have no delivery limit of their own) fails
   the document with the reason instead of running it again;
3. open the sealed bytes, run the pipeline (``Pipeline.process_data``): the content
   hash in the store decides whether the document is new or is the one an earlier,
   interrupted attempt already stored;
4. finish the job (``done``/``failed``, outcome, document id) and delete its bytes.

A message from the dead-letter queue (RabbitMQ dead-letters a message its quorum
queue delivered ``celery_delivery_limit`` times) records the document ``failed``
when the job table counted as many claims (its worker was killed under it each
time); otherwise (deliveries that never reached the database) it goes back to work.
A database outage sends the message back to the queue: nothing is recorded as done.
A document over the hard time limit is killed by Celery; ``DocumentRequest.on_timeout``
(in the worker's main process) records it ``failed`` with the reason.

Each worker process (or thread, on the model queue's thread pool) keeps one
``Pipeline``: Presidio and the recognizers are built once per process, when it starts.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

from celery import Task
from celery.exceptions import Reject
from celery.signals import worker_process_init
from celery.worker.request import Request

from docpipe.distributed.app import TASK_NAME, app, queue_for, queue_names
from docpipe.distributed.content import ContentSealer
from docpipe.errors import StoreError
from docpipe.pipeline import Pipeline
from docpipe.result import ErrorInfo, Result, Status
from docpipe.settings import Settings, load_settings, resolve_kind
from docpipe.store import Store
from docpipe.store.jobs import Job, JobQueue
from docpipe.workers import limit_memory, peak_rss_kb, skip_torch

log = logging.getLogger("docpipe.distributed")


class _Local(threading.local):
    pipeline: Pipeline | None = None


_local = _Local()
_shared: dict[str, Any] = {}
_lock = threading.RLock()


def _settings() -> Settings:
    with _lock:
        if "settings" not in _shared:
            _shared["settings"] = load_settings()
        return _shared["settings"]


def _store() -> Store:
    """One store per process, shared by its threads (``Store`` is thread-safe), with the
    vault key when ``redact`` is on: names at rest are keyed hashes, and a job's file
    name and path must open to the file's own (``JobQueue.claim_job``, ``get``) in every
    process, the worker's main process (a timeout) and a thread pool's included."""
    settings = _settings()
    with _lock:
        if "store" not in _shared:
            store = Store(settings.database_url)
            if settings.redact:
                from docpipe.kvkk.keys import store_key

                try:
                    store_key(store, settings)
                except Exception:
                    store.close()
                    raise
            _shared["store"] = store
        return _shared["store"]


def _pipeline() -> Pipeline:
    if _local.pipeline is None:
        pipeline = Pipeline(_settings(), store=_store())
        pipeline.prepare()
        _local.pipeline = pipeline
    return _local.pipeline


def _sealer() -> ContentSealer:
    with _lock:
        if "sealer" not in _shared:
            from docpipe.redact.vault import settings_key

            _shared["sealer"] = ContentSealer(settings_key(_settings()))
        return _shared["sealer"]


def worker_name() -> str:
    """``host:pid`` (a prefork process), ``host:pid.thread`` on a thread pool."""
    name = f"{socket.gethostname()}:{os.getpid()}"
    thread = threading.current_thread()
    return name if thread is threading.main_thread() else f"{name}.{thread.ident}"


@worker_process_init.connect
def _start_process(**_: Any) -> None:
    """A new prefork worker process: the pipeline, then its memory fence, before any
    document. The process is forked from the worker's main process and inherits its
    mappings, so the fence is ``doc_memory_mb`` on top of what it holds once loaded."""
    settings = _settings()
    if resolve_kind(settings) != "vlm":
        skip_torch()
    _pipeline()
    if resolve_kind(settings) != "vlm" and settings.doc_memory_mb > 0:
        limit_memory(settings.doc_memory_mb + _data_mb())


def _data_mb() -> int:
    """This process's data segment and private writable mappings (``VmData``) in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmData:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


# -- failures recorded without running the pipeline ------------------------------------


def killed_reason(settings: Settings) -> str:
    return (
        f"the worker processing this document was killed {settings.celery_delivery_limit} "
        "times (memory limit, the system's out-of-memory killer, or a crash); it was "
        "dead-lettered and is not retried; check the file (a decompression bomb?) before "
        "submitting it again"
    )


def timeout_reason(settings: Settings) -> str:
    return (
        f"processing took longer than doc_timeout_s={settings.doc_timeout_s:g} seconds and "
        "was stopped; check the file, or raise DOCPIPE_DOC_TIMEOUT_S"
    )


def record_failure(store: Store, job_id: int, category: str, reason: str) -> None:
    """Fail job ``job_id`` and store a failed document for it, unless it is finished."""
    queue = JobQueue(store, None)
    job = queue.get(job_id)
    if job is None or job.state not in ("queued", "processing"):
        return
    path = _document_path(job)
    result = Result(
        path=str(path),
        sha256=job.sha256,
        status=Status.failed,
        error=ErrorInfo(stage="celery", category=category, reason=reason),
    )
    if job.sha256 is not None:
        existing = store.find_by_sha256(job.sha256)
        if existing is not None and existing.status is not Status.failed:
            result = result.model_copy(update={"sha256": None})  # keep the good record
    document_id = store.save_result(
        result, source_path=str(path), file_name=path.name, size_bytes=job.size_bytes
    )
    if job.state == "queued":  # killed before it was claimed: claim it to finish it
        queue.claim_job(job_id, worker_name(), 60.0)
    queue.finish(job_id, None, "failed", outcome="failed", reason=reason, document_id=document_id)
    queue.drop_content(job_id)
    log.warning("job %d failed: %s", job_id, category)


class DocumentRequest(Request):
    """Runs in the worker's main process: a document over the hard time limit."""

    def on_timeout(self, soft: bool, timeout: float) -> None:
        if not soft and self.args:
            try:
                record_failure(_store(), int(self.args[0]), "timeout", timeout_reason(_settings()))
            except Exception as error:  # the broker redelivers it; the next attempt counts
                log.error("cannot record the timeout of job %s: %s", self.args[0], error)
        super().on_timeout(soft, timeout)


# -- the task ------------------------------------------------------------------------


@app.task(name="docpipe.process", bind=True, Request=DocumentRequest)
def process(self: Task, job_id: int) -> str:
    """Process job ``job_id``; return its outcome (a status name, never content)."""
    settings = _settings()
    delivery = self.request.delivery_info or {}
    try:
        if delivery.get("routing_key") == queue_names(settings).dead:
            return dead_letter(job_id, settings)
        return run_job(job_id, _pipeline(), settings)
    except StoreError as error:  # the database is away: nothing recorded, nothing lost
        log.error("job %d goes back to the queue: %s", job_id, error.message)
        time.sleep(5.0)  # a database outage must not spin the queue
        raise Reject(requeue=True) from None


def dead_letter(job_id: int, settings: Settings) -> str:
    """A message the broker dead-lettered: fail its document, if its worker was killed
    under it ``celery_delivery_limit`` times (the job table counts each claim);
    deliveries that never reached a claim (a database outage) put it back to work."""
    store = _store()
    job = JobQueue(store, None).get(job_id)
    if job is None or job.state not in ("queued", "processing"):
        return "finished"
    if job.attempts < settings.celery_delivery_limit:
        app.send_task(TASK_NAME, args=(job_id,), queue=queue_for(settings))
        return "requeued"
    record_failure(store, job_id, "worker_died", killed_reason(settings))
    return "failed"


def run_job(job_id: int, pipeline: Pipeline, settings: Settings) -> str:
    store = pipeline.store
    assert store is not None, "a Celery worker always stores results"
    queue = JobQueue(store, None)
    me = worker_name()
    job = queue.claim_job(job_id, me, settings.doc_timeout_s + 60)
    if job is None:
        log.info("job %d: finished already (a message delivered again)", job_id)
        return "finished"
    if job.attempts > settings.celery_delivery_limit:
        record_failure(store, job_id, "worker_died", killed_reason(settings))
        return "failed"
    sealed = queue.content(job_id)
    if sealed is None:
        reason = "the file's bytes are no longer in the database; submit the file again"
        record_failure(store, job_id, "lost", reason)
        return "failed"
    path = _document_path(job)
    result = pipeline.process_data(path, _sealer().open(sealed, job_id))
    if result.status is Status.duplicate and result.duplicate_of is not None:
        existing = store.get_document(result.duplicate_of)
        if existing is not None and existing.source_path == store.stored_name(str(path)):
            # an earlier attempt of this job stored it before its worker died: its record
            # (the path is compared as stored: a keyed hash when names are redacted)
            result = result.model_copy(update={"status": existing.status, "duplicate_of": None})
    failed = result.status is Status.failed
    reason = None
    if failed:
        reason = result.error.reason if result.error else "the document could not be processed"
    if queue.finish(
        job_id,
        me,
        "failed" if failed else "done",
        outcome=result.status.value,
        reason=reason,
        sha256=result.sha256 or job.sha256,
        document_id=result.document_id,
        peak_rss_kb=peak_rss_kb(),
    ):
        queue.drop_content(job_id)
    return result.status.value


def _document_path(job: Job) -> Path:
    """What the store calls the document: where it was submitted from (or taken to)."""
    return Path(job.work_path or job.name)
