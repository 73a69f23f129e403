"""The job queue against SQLite and the real PostgreSQL: exactly-once claiming."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, update

from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.store.models import JobTable, utcnow
from tests.test_store import fresh_pg_database


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def queue(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobQueue]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'jobs.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    with Store(url) as store:
        yield JobQueue(store, str(tmp_path / "inbox"))
    if request.param == "postgresql":
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("TRUNCATE job_contents, watch_jobs RESTART IDENTITY")
        engine.dispose()


def test_a_file_is_queued_once_while_active_and_not_again_when_finished(queue: JobQueue) -> None:
    first = queue.enqueue("a.pdf", 10, 111)
    assert first is not None
    assert queue.enqueue("a.pdf", 10, 111) is None  # already queued
    job = queue.claim("host:1", 60)
    assert job is not None and job.id == first and job.attempts == 1
    assert queue.enqueue("a.pdf", 10, 111) is None  # processing
    assert queue.finish(job.id, "host:1", "done", outcome="ok")
    assert queue.enqueue("a.pdf", 10, 111) is None  # the same drop, seen late
    second = queue.enqueue("a.pdf", 12, 222)  # a new file under the old name
    assert second is not None and second != first


def test_claims_are_exclusive_under_concurrency(queue: JobQueue) -> None:
    ids = {queue.enqueue(f"f{i}.pdf", i, i) for i in range(40)}
    barrier = threading.Barrier(4)

    def drain(worker: int) -> list[int]:
        barrier.wait()
        taken = []
        while (job := queue.claim(f"host:{worker}", 60)) is not None:
            taken.append(job.id)
        return taken

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(drain, range(4)))
    claimed = [job_id for taken in results for job_id in taken]
    assert sorted(claimed) == sorted(ids)  # every job once, none twice
    assert queue.claim("host:9", 60) is None


def test_only_the_holder_can_finish_a_job(queue: JobQueue) -> None:
    queue.enqueue("a.pdf", 1, 1)
    job = queue.claim("host:1", 60)
    assert job is not None
    assert not queue.finish(job.id, "host:2", "done")
    assert queue.finish(job.id, "host:1", "failed", reason="bad")
    assert not queue.finish(job.id, "host:1", "done")  # already finished
    finished = queue.get(job.id)
    assert finished is not None and finished.state == "failed" and finished.reason == "bad"


def test_orphans_are_requeued_by_lease_or_by_a_dead_local_process(queue: JobQueue) -> None:
    for name in ("expired.pdf", "dead.pdf", "alive.pdf", "remote.pdf"):
        queue.enqueue(name, 1, 1)
    expired = queue.claim("other-host:10", 60)
    dead = queue.claim("here:999999", 60)
    alive = queue.claim("here:20", 60)
    remote = queue.claim("other-host:30", 60)
    assert expired and dead and alive and remote
    table = JobTable.__table__
    with queue.store.engine.begin() as conn:
        conn.execute(
            update(table)
            .where(table.c.id == expired.id)
            .values(lease_until=utcnow() - timedelta(seconds=1))
        )
    requeued = queue.requeue_orphans("here", lambda pid: pid != 999999)
    assert sorted(requeued) == sorted([expired.id, dead.id])
    again = queue.claim("here:21", 60)
    assert again is not None and again.id in requeued and again.attempts == 2
    assert queue.renew(["here:20"], 60) == 1


def test_stats_count_the_queue(queue: JobQueue) -> None:
    for i in range(3):
        queue.enqueue(f"{i}.pdf", i, i)
    job = queue.claim("h:1", 60)
    assert job is not None
    queue.finish(job.id, "h:1", "failed", reason="bad")
    queue.claim("h:1", 60)
    stats = queue.stats()
    assert (stats.queued, stats.processing, stats.failed_last_hour) == (1, 1, 1)
    assert stats.oldest_queued_at is not None
