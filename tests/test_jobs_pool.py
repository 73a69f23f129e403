"""``docpipe run --jobs N``: documents spread over N real worker processes.

Results come back in the order given whichever worker finishes first; two files
with the same bytes in one batch are stored once and the later one is reported
``duplicate``; a worker killed mid-document fails that document alone and is
replaced. ``--jobs 1`` and ``--jobs 2`` on hostile input: tests/test_hostile_batch.py.
(``tests/test_jobs.py`` is the watch daemon's job table, not this.)
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.batch import BatchPool, _Job, default_jobs
from docpipe.result import Status
from docpipe.settings import load_settings
from tests.conftest import stored_by_name, text_pdf
from tests.test_pipeline import INVOICE_LINES


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


def small_scan(path: Path) -> Path:
    """A scanned line of an invoice: a second or two of OCR, slower than a text PDF."""
    image = Image.new("L", (1240, 300), 255)
    font = ImageFont.load_default(size=40)
    ImageDraw.Draw(image).text((60, 120), "Fatura No: ABC2024000000099 Toplam 1.234,56 TL", 0, font)
    image.save(path, dpi=(300, 300))
    return path


def test_two_workers_give_results_in_input_order_and_store_each_content_once(
    tmp_path: Path, db_url: str
) -> None:
    scan = small_scan(tmp_path / "scan.png")  # OCR: the text PDFs after it overtake it
    first = invoice(tmp_path, 1)
    copies = [tmp_path / f"copy-{n}.pdf" for n in range(2)]
    for copy in copies:
        shutil.copyfile(first, copy)
    others = [invoice(tmp_path, n) for n in range(2, 5)]
    files = [scan, first, *copies, *others]
    finished: list[int] = []
    with BatchPool(load_settings(database_url=db_url), jobs=2) as pool:
        results = list(pool.run(files, on_done=lambda: finished.append(1)))
        assert len(pool._workers) == 2
    assert [r.path for r in results] == [str(f) for f in files]
    assert len(finished) == len(files)
    scanned, original, *duplicates = results[:4]
    assert original.status is not Status.failed and original.document_id is not None
    assert [r.status for r in duplicates] == [Status.duplicate] * len(copies)
    assert {r.duplicate_of for r in duplicates} == {original.document_id}
    unique = [scanned, original, *results[4:]]
    assert all(r.status is not Status.failed for r in unique), [r.error for r in unique]
    stored = stored_by_name(db_url)
    assert sorted(stored) == sorted(f.name for f in [scan, first, *others])
    assert {r.document_id for r in results} == {v.id for v in stored.values()}  # type: ignore[attr-defined]


def test_a_killed_worker_fails_its_document_alone_and_is_replaced(
    tmp_path: Path, db_url: str
) -> None:
    files = [invoice(tmp_path, n) for n in range(1, 4)]
    victim = small_scan(tmp_path / "victim.png")
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
    stored: dict[str, Any] = stored_by_name(db_url)
    assert len(stored) == len(files)
    assert stored["victim.png"].status is Status.failed


def test_jobs_zero_means_one_worker_per_core_and_a_model_runs_in_one() -> None:
    assert BatchPool(load_settings(store_results=False), jobs=0).jobs == default_jobs()
    assert load_settings().jobs == 0
    model = load_settings(store_results=False, engine="vlm", vlm_model="/models/x")
    assert BatchPool(model, jobs=4).jobs == 1
    with pytest.raises(ValueError):
        BatchPool(load_settings(store_results=False), jobs=-1)


def test_what_two_workers_never_hold_at_once(tmp_path: Path) -> None:
    """Same bytes, or an e-invoice's XML and its print (X.xml, X.pdf): the later waits."""
    xml = tmp_path / "E1.xml"
    xml.write_text("<Invoice/>", encoding="utf-8")
    printed = invoice(tmp_path, 1).rename(tmp_path / "E1.pdf")
    copy = tmp_path / "copy.pdf"
    shutil.copyfile(printed, copy)
    other = invoice(tmp_path, 2)
    pool = BatchPool(load_settings(store_results=False), jobs=2)
    pending = [_Job(i, p) for i, p in enumerate([xml, printed, copy, other])]
    in_flight: set[str] = set()
    taken = [pool._next_job(pending, in_flight) for _ in range(3)]
    assert [job.path if job else None for job in taken] == [xml, other, None]
    assert [job.path for job in pending] == [printed, copy]  # the copy waits for the print
    in_flight.difference_update(taken[0].keys or ())  # the XML is done
    second = pool._next_job(pending, in_flight)
    assert second is not None and second.path == printed
    assert pool._next_job(pending, in_flight) is None  # the copy waits for its bytes
    in_flight.difference_update(second.keys or ())
    last = pool._next_job(pending, in_flight)
    assert last is not None and last.path == copy and not pending
