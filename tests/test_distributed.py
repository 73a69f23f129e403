"""Celery as the distributed engine, against the real RabbitMQ and PostgreSQL.

Each test starts real ``docpipe worker`` processes (prefork, one pool process each)
on queues of its own and a fresh database; a staged cause (``tests.celery_hooks``)
says when a document holds, kills or outlasts its worker.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from docpipe.distributed.app import TASK_NAME, sender
from docpipe.distributed.submit import submit
from docpipe.distributed.tasks import killed_reason, timeout_reason
from docpipe.kvkk.keys import store_key
from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.store.models import DocumentTable
from tests.distributed_cluster import Cluster, broker_or_skip, cluster, write_invoices
from tests.test_store import fresh_pg_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def nodes(tmp_path: Path) -> Iterator[tuple[Cluster, Store]]:
    broker_or_skip()
    with fresh_pg_database() as url, cluster(tmp_path, url) as running:
        store = Store(url)
        try:
            # as ``docpipe submit`` does: names are stored as keyed hashes, and this store
            # opens them (the jobs' names, ``Store.original_names``)
            store_key(store, running.settings())
            yield running, store
        finally:
            store.close()


def _documents(store: Store) -> list[tuple[str | None, str, str]]:
    """(sha256, file name as given, status) of every stored document; the name at rest
    is a keyed hash (docpipe.store.names), opened here with the store's key."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(
                DocumentTable.id,
                DocumentTable.sha256,
                DocumentTable.file_name,
                DocumentTable.status,
            )
        ).all()
    documents = []
    for doc_id, sha256, stored_name, status in rows:
        names = store.original_names(doc_id)
        assert names is not None
        assert names[0] != stored_name and stored_name == store.stored_name(names[0])
        documents.append((sha256, names[0], status))
    return documents


def test_300_documents_survive_a_killed_worker(
    nodes: tuple[Cluster, Store], tmp_path: Path
) -> None:
    """Done when: 300 documents, two workers, one SIGKILLed mid-batch and started again:
    300 stored documents, none lost, none duplicated."""
    workers, store = nodes
    files = write_invoices(tmp_path / "batch", 300)
    first, _second = workers.start(), workers.start()
    submission = submit([tmp_path / "batch"], workers.settings(), store)
    assert submission.queued == 300

    workers.wait_for("50 stored documents", lambda: store.count_documents() >= 50)
    assert store.count_documents() < 300, "the batch finished before the kill: make it larger"
    workers.kill(first)  # SIGKILL, pool process included, mid-document (prefetch 1)
    workers.start()

    jobs = workers.finished(store, submission.key, 300)
    documents = _documents(store)
    assert len(documents) == 300
    assert len({sha for sha, _, _ in documents}) == 300
    assert sorted(name for _, name, _ in documents) == sorted(p.name for p in files)
    assert {status for _, _, status in documents} <= {"ok", "needs_review"}
    assert {job.state for job in jobs} == {"done"}
    assert len({job.document_id for job in jobs}) == 300


def test_acks_late_prefetch_one_and_reject_on_worker_lost(
    nodes: tuple[Cluster, Store], tmp_path: Path
) -> None:
    workers, store = nodes
    folder = tmp_path / "in"
    write_invoices(folder, 1, prefix="hold")
    write_invoices(folder, 2, start=1)
    worker = workers.start()
    submission = submit([folder], workers.settings(), store)
    held = JobQueue(store, submission.key).jobs()[0]
    assert held.name.endswith("hold-0000.pdf")

    workers.wait_for("the held document", lambda: len(workers.held()) == 1)
    # prefetch 1: the worker holds the one message it works on; two wait in the broker
    assert workers.ready_messages("cpu") == 2

    # its pool process dies: the message is rejected and requeued, not acknowledged
    os.kill(workers.held()[0], signal.SIGKILL)
    workers.wait_for(
        "the redelivery to a new pool process",
        lambda: len(workers.held()) == 2 and JobQueue(store, None).get(held.id).attempts == 2,
    )

    # the whole worker dies: acks late, so the broker still has the message
    workers.kill(worker)
    assert store.count_documents() == 0
    workers.release()
    workers.start()
    jobs = workers.finished(store, submission.key, 3)
    assert {job.state for job in jobs} == {"done"}
    assert JobQueue(store, None).get(held.id).attempts == 3
    assert len(_documents(store)) == 3


def _pids(jobs: list) -> list[str]:
    return [job.claimed_by.rpartition(":")[2] for job in jobs]


def test_worker_processes_are_replaced_and_a_document_has_a_time_limit(
    nodes: tuple[Cluster, Store], tmp_path: Path
) -> None:
    """``worker_max_tasks_per_child``, ``worker_max_memory_per_child`` and the hard time
    limit, each on a worker (and queues) of its own, side by side."""
    workers, store = nodes
    workers.start(queues="-tasks", DOCPIPE_CELERY_MAX_TASKS_PER_CHILD="2")
    workers.start(queues="-memory", DOCPIPE_CELERY_MAX_MEMORY_MB="1")
    workers.start(queues="-time", DOCPIPE_DOC_TIMEOUT_S="10")
    by_tasks = submit(write_invoices(tmp_path / "tasks", 4), workers.settings("-tasks"), store)
    by_memory = submit(
        write_invoices(tmp_path / "memory", 3, start=10), workers.settings("-memory"), store
    )
    slow = write_invoices(tmp_path / "time", 1, start=20, prefix="slow")
    slow += write_invoices(tmp_path / "time", 1, start=21)
    by_time = submit(slow, workers.settings("-time"), store)

    jobs = workers.finished(store, by_tasks.key, 4)
    assert {job.state for job in jobs} == {"done"}
    pids = _pids(jobs)
    assert len(set(pids)) == 2 and pids[0] == pids[1] and pids[2] == pids[3]

    jobs = workers.finished(store, by_memory.key, 3)
    assert {job.state for job in jobs} == {"done"}
    assert len(set(_pids(jobs))) == 3  # over the memory limit after each: a new process

    timed_out, after = workers.finished(store, by_time.key, 2)
    assert timed_out.state == "failed"
    assert timed_out.reason == timeout_reason(workers.settings(doc_timeout_s=10))
    document = store.get_document(timed_out.document_id)
    assert document is not None and document.status == "failed"
    assert after.state == "done"  # the worker went on with the next document


def test_a_document_that_kills_its_worker_is_dead_lettered_and_redelivery_is_harmless(
    nodes: tuple[Cluster, Store], tmp_path: Path
) -> None:
    workers, store = nodes
    settings = workers.settings()
    workers.start()
    files = write_invoices(tmp_path / "in", 1, prefix="kill")
    files += write_invoices(tmp_path / "in", 2, start=1)
    submission = submit(files, settings, store)
    killer, first, second = workers.finished(store, submission.key, 3)

    assert killer.state == "failed"
    assert killer.attempts == settings.celery_delivery_limit == 3  # killed 3 times, no more
    assert killer.reason == killed_reason(settings)
    document = store.get_document(killer.document_id)
    assert document is not None and document.status == "failed"
    assert workers.ready_messages("cpu") == workers.ready_messages("dead") == 0
    assert (first.state, second.state) == ("done", "done")
    stored = len(_documents(store))
    assert stored == 3

    # a message delivered again for a finished job
    publisher = sender(settings)
    publisher.send_task(TASK_NAME, args=(first.id,), queue=f"{workers.prefix}.cpu")
    publisher.close()
    # a worker killed after the document was stored, before its job was finished
    later = submit(write_invoices(tmp_path / "later", 1, start=9, prefix="stored"), settings, store)
    [again] = workers.finished(store, later.key, 1)  # one worker, prefetch 1: in order

    queue = JobQueue(store, None)
    assert queue.get(first.id) == first  # finished: not even claimed again
    assert again.state == "done" and again.attempts == 2
    assert again.outcome in ("ok", "needs_review")  # its own document, not a duplicate
    documents = _documents(store)
    assert len(documents) == stored + 1
    names = store.original_names(again.document_id)
    assert names is not None and names[0] == "stored-0009.pdf"


@pytest.mark.slow  # one more worker start-up (~40 s loaded); the routing is plain config
def test_model_calls_have_a_queue_of_their_own_on_threads(
    nodes: tuple[Cluster, Store], tmp_path: Path
) -> None:
    """The ``openai`` engine's documents go to ``PREFIX.model``, served by a thread pool;
    a model server that does not answer fails the document with one line, nothing lost."""
    workers, store = nodes
    model = {"engine": "openai", "vlm_base_url": "http://127.0.0.1:9/v1", "vlm_model": "m"}
    env = {f"DOCPIPE_{key.upper()}": value for key, value in model.items()}
    workers.start("--queue", "model", "--concurrency", "2", **env)
    submission = submit(write_invoices(tmp_path / "in", 2), workers.settings(**model), store)
    jobs = workers.finished(store, submission.key, 2)  # no worker consumes PREFIX.cpu here
    assert workers.ready_messages("model") == 0
    for job in jobs:
        assert job.state == "failed" and job.reason
        assert "." in job.claimed_by.rpartition(":")[2]  # host:pid.thread: a thread pool
        document = store.get_document(job.document_id)
        assert document is not None and document.status == "failed"
