"""The batch pool behind ``docpipe run``: each document in a worker process, under limits.

Real worker processes, real documents: a document over its time is killed and
fails alone naming ``doc_timeout_s``; one over the memory limit fails naming
``doc_memory_mb``; the next document runs on a fresh worker; results come back
in the order given and are stored like ``Pipeline.process`` stores them.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from docpipe.batch import BatchPool, _read_one_page, _Worker
from docpipe.ingest import ingest
from docpipe.pipeline import Pipeline
from docpipe.read import read_page
from docpipe.result import Status
from docpipe.settings import load_settings
from docpipe.store import Store
from tests.conftest import stored_by_name, text_pdf
from tests.test_pipeline import INVOICE_LINES


def dense_page(path: Path) -> Path:
    """An A4 page at 300 dpi full of text: seconds of preprocessing and OCR."""
    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    for row in range(80):
        draw.text((80, 60 + row * 42), f"Satır {row} Mal Hizmet 1.234,56 TL KDV %20 " * 2, 0, font)
    image.save(path, dpi=(300, 300))
    return path


def test_a_document_over_its_time_fails_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    """The dense page takes tens of CPU-seconds to OCR; 5 s leaves the small PDF room on a
    loaded machine (at 1 s it timed out too under load 20)."""
    slow = dense_page(tmp_path / "dense.png")
    fast = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    db_url = f"sqlite:///{tmp_path / 'docpipe.db'}"
    settings = load_settings(database_url=db_url, doc_timeout_s=5.0)
    with BatchPool(settings) as pool:
        results = list(pool.run([slow, fifo, fast]))
    assert [r.path for r in results] == [str(slow), str(fifo), str(fast)]
    timed_out, piped, good = results
    assert timed_out.status is Status.failed and timed_out.error is not None
    assert timed_out.error.category == "timeout"
    assert "doc_timeout_s=5 " in timed_out.error.reason
    assert "DOCPIPE_DOC_TIMEOUT_S" in timed_out.error.reason
    assert piped.error is not None and "named pipe" in piped.error.reason
    assert good.status is not Status.failed and good.record is not None
    stored: dict[str, Any] = stored_by_name(db_url)
    assert stored["dense.png"].status is Status.failed
    assert stored["dense.png"].error_message == timed_out.error.reason
    assert stored["a.pdf"].status is good.status


def test_a_worker_killed_by_a_signal_is_blamed_on_the_memory_limit() -> None:
    context = multiprocessing.get_context("spawn")
    process = context.Process(target=signal.raise_signal, args=(signal.SIGKILL,))
    process.start()
    process.join()
    parent, _ = context.Pipe()
    pool = BatchPool(load_settings(store_results=False, doc_memory_mb=321))
    reason = pool._death_reason(_Worker(process, parent))
    assert "SIGKILL" in reason and "doc_memory_mb=321" in reason
    assert "DOCPIPE_DOC_MEMORY_MB" in reason


@pytest.mark.slow
def test_a_document_over_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    stripes = np.full((10000, 10000), 255, np.uint8)
    stripes[::40, :] = 0
    stripes[:, ::57] = 0
    Image.fromarray(stripes).save(tmp_path / "stripes.png")
    fast = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    settings = load_settings(store_results=False, doc_memory_mb=700)
    with BatchPool(settings) as pool:
        big, good = list(pool.run([tmp_path / "stripes.png", fast]))
    assert big.status is Status.failed and big.error is not None
    assert big.error.category in ("memory", "worker_died")
    assert "doc_memory_mb=700" in big.error.reason
    assert good.status is not Status.failed


def _scan_tiff(path: Path, pages: int) -> Path:
    """A multi-page TIFF: small scanned pages of invoice lines at 300 dpi."""
    font = ImageFont.load_default(size=36)
    images = []
    for number in range(pages):
        image = Image.new("L", (1240, 700), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(INVOICE_LINES[number * 4 : number * 4 + 4] or ["Sayfa"]):
            draw.text((60, 60 + row * 60), line, 0, font)
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], dpi=(300, 300))
    return path


def test_a_long_scan_is_split_by_page_across_workers_and_stored_once(tmp_path: Path) -> None:
    scan = _scan_tiff(tmp_path / "scan.tif", 3)
    with Pipeline(load_settings(database_url=f"sqlite:///{tmp_path / 'alone.db'}")) as pipeline:
        one = pipeline.process(scan)  # read by one process, page after page
    db_url = f"sqlite:///{tmp_path / 'split.db'}"
    with BatchPool(load_settings(database_url=db_url), jobs=2) as pool:
        [split] = list(pool.run([scan]))
        helpers = len(pool._workers)
    assert helpers == 2  # one document, yet a second worker was started for its pages
    assert split.status is one.status and split.page_count == one.page_count == 3
    assert split.record == one.record and split.checks == one.checks
    with Store(db_url) as store:
        [stored] = store.list_documents()
    assert stored.page_count == 3 and stored.status is split.status


def test_a_helper_reads_its_page_alone_as_the_whole_file_would(tmp_path: Path) -> None:
    """The page a helper worker reads (its frame decoded alone) is the page the owner
    would have read from the whole file: the same words, boxes and cleaned pixels."""
    scan = _scan_tiff(tmp_path / "scan.tif", 3)
    with Pipeline(load_settings(store_results=False)) as pipeline:
        pickled = _read_one_page(pipeline, scan, 2)
        whole = read_page(ingest(scan, pipeline.settings), 2, pipeline.settings)
    assert pickled is not None  # None would leave the page to the owner, read twice
    helper = pickle.loads(pickled)
    assert helper.number == 2 and helper.words and helper.words == whole.words
    assert (helper.width, helper.height, helper.dpi) == (whole.width, whole.height, whole.dpi)
    steps = [[(s.name, s.measured) for s in p.preprocessing] for p in (helper, whole)]
    assert steps[0] == steps[1]  # the same steps measured the same (their seconds vary)
    assert np.array_equal(helper.image, whole.image)


def test_results_come_back_without_the_evidence_the_store_keeps(tmp_path: Path) -> None:
    pdf = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    db_url = f"sqlite:///{tmp_path / 'docpipe.db'}"
    with BatchPool(load_settings(database_url=db_url), jobs=2) as pool:
        [result] = list(pool.run([pdf]))
    assert result.status is not Status.failed and result.record is not None
    assert result.evidence == {} and result.document_id is not None
    with Store(db_url) as store:
        view = store.get_document(result.document_id)
    assert view is not None and view.extraction is not None
    assert view.extraction.evidence  # where each value was read: in the store


def test_importing_the_fork_server_preload_leaves_another_process_its_exit() -> None:
    """The preload ends the fork server with ``os._exit``; any other process that imports
    it still runs its exit handlers and keeps its exit code."""
    script = (
        "import atexit, sys\n"
        "atexit.register(print, 'handlers ran')\n"  # runs after the preload's own (LIFO)
        "import docpipe.batch_preload\n"
        "sys.exit(3)\n"
    )
    done = _python(script)
    assert done.returncode == 3, done.stderr[-2000:]
    assert done.stdout.strip() == "handlers ran"


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter that imports this checkout."""
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        check=False,
    )


def test_fork_server_loads_no_http_client() -> None:
    """What the workers are forked from never imports httpx: only the ``openai`` engine
    sends requests (it imports httpx when it makes its client), and spaCy's command line,
    which imports it too (``weasel``), stays unimported (``import_spacy_without_cli``)."""
    script = (
        "import sys\n"
        "import docpipe.batch_preload\n"
        "print(sorted(m for m in ('httpx', 'weasel') if m in sys.modules))\n"
    )
    done = _python(script)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
