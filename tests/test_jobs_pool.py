"""``docpipe run --jobs N``: documents spread over N real worker processes.

Results come back in the order given whichever worker finishes first; two files
with the same bytes in one batch are stored once and the later one is reported
``duplicate``; a worker killed mid-document fails that document alone and is
replaced; ``--jobs 1`` is the one-worker pool ``docpipe run`` always had.
(``tests/test_jobs.py`` is the watch daemon's job table, not this.)
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from docpipe.batch import BatchPool, _Job, default_jobs
from docpipe.result import Status
from docpipe.settings import load_settings
from docpipe.store import Store
from tests.conftest import text_pdf
from tests.test_batch import dense_page
from tests.test_pipeline import INVOICE_LINES

ROOT = Path(__file__).resolve().parent.parent


def invoice(folder: Path, number: int) -> Path:
    """A digital invoice; each number is different bytes."""
    lines = [
        f"Fatura No: ABC2024{number:09d}" if ln.startswith("Fatura No") else ln
        for ln in INVOICE_LINES
    ]
    return text_pdf(lines, folder / f"invoice-{number}.pdf")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'docpipe.db'}"


class KillingPool(BatchPool):
    """Kills the worker that was just handed ``victim``, before it can answer."""

    victim: Path | None = None

    def _dispatch(self, pending: list[_Job], in_flight: set[str]) -> None:
        super()._dispatch(pending, in_flight)
        for worker in self._workers:
            if worker.job is not None and worker.job.path == self.victim:
                os.kill(worker.process.pid or 0, signal.SIGKILL)
                self.victim = None


def test_two_workers_give_results_in_input_order_and_store_each_once(
    tmp_path: Path, db_url: str
) -> None:
    scan = dense_page(tmp_path / "scan.png")  # seconds of OCR: the fast files overtake it
    files = [scan, *(invoice(tmp_path, n) for n in range(1, 6))]
    finished: list[int] = []
    with BatchPool(load_settings(database_url=db_url), jobs=2) as pool:
        results = list(pool.run(files, on_done=lambda: finished.append(1)))
        assert len(pool._workers) == 2
    assert [r.path for r in results] == [str(f) for f in files]
    assert len(finished) == len(files)
    assert all(r.status is not Status.failed for r in results), [r.error for r in results]
    with Store(db_url) as store:
        stored = store.list_documents()
    assert sorted(v.file_name for v in stored) == sorted(f.name for f in files)
    assert {r.document_id for r in results} == {v.id for v in stored}


def test_identical_files_in_one_batch_are_stored_once(tmp_path: Path, db_url: str) -> None:
    first = invoice(tmp_path, 7)
    copies = [tmp_path / f"copy-{n}.pdf" for n in range(3)]
    for copy in copies:
        shutil.copyfile(first, copy)
    other = invoice(tmp_path, 8)
    files = [first, *copies, other]
    with BatchPool(load_settings(database_url=db_url), jobs=2) as pool:
        results = list(pool.run(files))
    assert [r.path for r in results] == [str(f) for f in files]
    original, *duplicates, different = results
    assert original.status is not Status.failed and original.document_id is not None
    assert [r.status for r in duplicates] == [Status.duplicate] * len(copies)
    assert {r.duplicate_of for r in duplicates} == {original.document_id}
    assert different.status is not Status.failed
    with Store(db_url) as store:
        stored = store.list_documents()
    assert sorted(v.file_name for v in stored) == [first.name, other.name]


def test_a_killed_worker_fails_its_document_alone_and_is_replaced(
    tmp_path: Path, db_url: str
) -> None:
    files = [invoice(tmp_path, n) for n in range(1, 4)]
    victim = dense_page(tmp_path / "victim.png")
    files.insert(1, victim)
    files += [invoice(tmp_path, n) for n in range(4, 6)]
    pool = KillingPool(load_settings(database_url=db_url), jobs=2)
    pool.victim = victim
    with pool:
        results = list(pool.run(files))
    assert [r.path for r in results] == [str(f) for f in files]
    killed = results.pop(1)
    assert killed.status is Status.failed and killed.error is not None
    assert killed.error.category == "worker_died" and "SIGKILL" in killed.error.reason
    assert "\n" not in killed.error.reason
    assert all(r.status is not Status.failed for r in results), [r.error for r in results]
    with Store(db_url) as store:
        stored = {v.file_name: v for v in store.list_documents()}
    assert len(stored) == len(files)
    assert stored["victim.png"].status is Status.failed


def test_jobs_zero_means_one_worker_per_core_and_a_model_runs_in_one() -> None:
    assert BatchPool(load_settings(store_results=False), jobs=0).jobs == default_jobs()
    assert load_settings().jobs == 0
    model = load_settings(store_results=False, engine="vlm", vlm_model="/models/x")
    assert BatchPool(model, jobs=4).jobs == 1
    with pytest.raises(ValueError):
        BatchPool(load_settings(store_results=False), jobs=-1)


def test_cli_jobs_1_and_jobs_2_print_the_same_results_in_order(tmp_path: Path) -> None:
    files = [invoice(tmp_path, n) for n in range(1, 4)]
    shutil.copyfile(files[0], tmp_path / "same.pdf")
    files.append(tmp_path / "same.pdf")
    printed = {}
    for jobs in ("1", "2"):
        db = f"sqlite:///{tmp_path / f'jobs{jobs}.db'}"
        done = subprocess.run(
            [sys.executable, str(ROOT / "cli.py"), "run", *map(str, files)]
            + ["--db", db, "--json", "--jobs", jobs],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        printed[jobs] = [(r["path"], r["status"], r["record"]) for r in lines]
    assert [p for p, _, _ in printed["1"]] == [str(f) for f in files]
    assert printed["1"][-1][1] == "duplicate"
    assert printed["1"] == printed["2"]
