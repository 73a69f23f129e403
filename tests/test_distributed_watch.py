"""``docpipe watch`` with a broker: the daemon hands its files to a Celery worker and
files them away when the worker is done; against the real RabbitMQ and PostgreSQL."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from docpipe.kvkk.keys import store_key
from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from docpipe.watch.inbox import REASON_SUFFIX
from tests.distributed_cluster import (
    BROKER_URL,
    ROOT,
    Cluster,
    broker_or_skip,
    cluster,
    write_invoices,
)
from tests.test_store import fresh_pg_database

pytestmark = pytest.mark.postgres


@contextlib.contextmanager
def daemon(workers: Cluster, inbox: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DOCPIPE_DATABASE_URL": workers.database_url,
        "DOCPIPE_BROKER_URL": BROKER_URL,
        "DOCPIPE_CELERY_QUEUE_PREFIX": workers.prefix,
        "DOCPIPE_WATCH_STABLE_S": "0.2",
        "DOCPIPE_WATCH_POLL_S": "0.5",
    }
    log = (workers.tmp / "daemon.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "watch", str(inbox)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.slow  # ~95 s on the loaded 2-core machine; part 3, not the issue's "done when"
def test_watch_with_a_broker_hands_files_to_celery(tmp_path: Path) -> None:
    broker_or_skip()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "nodes").mkdir()
    with fresh_pg_database() as url, cluster(tmp_path / "nodes", url) as workers:
        workers.start()
        with daemon(workers, inbox) as process, Store(url) as store:
            store_key(store, workers.settings())  # the jobs' names open, as the daemon's do
            write_invoices(inbox, 2)
            (inbox / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
            queue = JobQueue(store, str(inbox.resolve()))

            def filed() -> bool:
                jobs = queue.jobs()
                return len(jobs) == 3 and all(j.final_path and not j.work_path for j in jobs)

            workers.wait_for("three jobs filed away", filed)
            assert process.poll() is None
            jobs = {Path(job.name).name: job for job in queue.jobs()}
            done = sorted(p.name for p in (inbox / "done").iterdir())
            failed = sorted(p.name for p in (inbox / "failed").iterdir())
            assert len(done) == 2 and all("inv-000" in name for name in done)
            assert any(name.endswith("broken.pdf" + REASON_SUFFIX) for name in failed)
            assert jobs["broken.pdf"].state == "failed" and jobs["broken.pdf"].reason
            assert {jobs["inv-0000.pdf"].state, jobs["inv-0001.pdf"].state} == {"done"}
            assert store.count_documents() == 3
            assert not list((inbox / "processing").iterdir())
