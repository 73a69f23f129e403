"""Celery with 1 worker against 2 workers, with ``docpipe run --jobs 1`` from the same run.

    python benchmarks/celery_workers.py [--docs 120]

Small digital invoices (``tests.distributed_cluster.invoice_pdf``, each its own
content), a fresh PostgreSQL database per variant (DOCPIPE_TEST_POSTGRES_URL, default
the local server), the local RabbitMQ (DOCPIPE_TEST_BROKER_URL), redaction on.

- baseline: the real ``docpipe run --jobs 1`` command, timed from start to exit (its
  worker's start-up included, as a user sees it), and its documents/s after start-up
  is taken out (the time to a one-document run, measured just before);
- Celery: ``docpipe worker -c 1`` processes started and warm (their ``ready`` line and
  one document through), then ``submit`` + wait on the job table, timed.

The load average is printed at start and end: on a shared machine it says what the
numbers are worth.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.distributed.submit import submit  # noqa: E402
from docpipe.redact.vault import KEY_ENV, new_key  # noqa: E402
from docpipe.store import Store  # noqa: E402
from tests.distributed_cluster import Cluster, broker_or_skip, write_invoices  # noqa: E402
from tests.test_store import fresh_pg_database  # noqa: E402


def docpipe_run(folder: Path, url: str) -> float:
    command = [sys.executable, str(ROOT / "cli.py"), "run", str(folder), "--jobs", "1"]
    started = time.perf_counter()
    subprocess.run(
        [*command, "--db", url],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return time.perf_counter() - started


def celery(folder: Path, warmup: Path, workers: int, tmp: Path) -> float:
    with fresh_pg_database() as url:
        nodes = Cluster(tmp, url)
        try:
            for _ in range(workers):
                nodes.start()
            with Store(url) as store:
                warm = submit([warmup], nodes.settings(), store)  # one document per worker
                nodes.finished(store, warm.key, len(list(warmup.iterdir())))
                started = time.perf_counter()
                batch = submit([folder], nodes.settings(), store)
                nodes.finished(store, batch.key, batch.queued)
                return time.perf_counter() - started
        finally:
            nodes.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120)
    args = parser.parse_args()
    broker_or_skip()  # raises pytest's Skipped with the reason when RabbitMQ is not there
    os.environ.setdefault(KEY_ENV, new_key())
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        folder = tmp / "batch"
        write_invoices(folder, args.docs)
        one = tmp / "one"
        write_invoices(one, 1, start=100_000)
        warmup = tmp / "warmup"
        write_invoices(warmup, 2, start=200_000)
        with fresh_pg_database() as url:
            startup = docpipe_run(one, url)
        with fresh_pg_database() as url:
            run_s = docpipe_run(folder, url)
        docs = args.docs
        print(f"{docs} small digital invoices, fresh PostgreSQL per variant, redaction on")
        print(
            f"baseline  docpipe run --jobs 1: {run_s:6.1f} s wall ({docs / run_s:5.2f} docs/s); "
            f"start-up ~{startup:.1f} s; after start-up {docs / max(run_s - startup, 1e-9):5.2f}"
            " docs/s"
        )
        results = {}
        for count in (1, 2):
            (tmp / f"nodes{count}").mkdir()
            seconds = celery(folder, warmup, count, tmp / f"nodes{count}")
            results[count] = seconds
            print(
                f"celery    {count} worker(s), -c 1:   {seconds:6.1f} s        "
                f"({docs / seconds:5.2f} docs/s, warm workers)"
            )
        print(f"2 workers / 1 worker throughput: {results[1] / results[2]:.2f}x")
    print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
