"""``docpipe run --jobs 1`` against ``--jobs 2``, with the raw tools' cost, in one run.

    python benchmarks/run_jobs.py [FOLDER ...] [--jobs 1 2] [--repeat N]

Each variant is the real command (``python cli.py run FOLDER... --jobs N``) on a
fresh SQLite store with redaction on, timed from start to exit, so worker
start-up (Presidio, per worker) counts. The baselines run in the same process
right before: raw PyMuPDF word extraction of the PDFs, one process, and raw
``tesseract IMAGE stdout -l <ocr_languages>`` on the images with one thread
each, once one after another and once two at a time. The load average is
printed at start and end: on a shared machine it says what the numbers are worth.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.cli_run import Timed, timed_run  # noqa: E402
from docpipe.files import iter_files  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402

IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}


def raw_pymupdf(files: list[Path]) -> tuple[int, float]:
    pages = 0
    start = time.perf_counter()
    for path in files:
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text("words")
                pages += 1
    return pages, time.perf_counter() - start


def raw_tesseract(images: list[Path], languages: str, parallel: int) -> float:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        subprocess.run(
            ["tesseract", str(path), "stdout", "-l", languages],
            capture_output=True,
            env=env,
            check=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - start


def docpipe_run(folders: list[Path], jobs: int, database: Path) -> Timed:
    return timed_run(folders, database, jobs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, default=[Path("samples/invoices"), Path("samples/scans")]
    )
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="best of N per variant")
    args = parser.parse_args()
    if not os.environ.get("DOCPIPE_VAULT_KEY") and not os.environ.get("DOCPIPE_VAULT_KEY_FILE"):
        from docpipe.redact.vault import KEY_ENV, new_key

        os.environ[KEY_ENV] = new_key()  # a throwaway key: the store seals originals
    files = list(iter_files(args.folders))
    pdfs = [p for p in files if p.suffix.lower() == ".pdf"]
    images = [p for p in files if p.suffix.lower() in IMAGES]
    languages = load_settings().ocr_languages
    print(
        f"{len(files)} files ({len(pdfs)} PDF, {len(images)} images) from "
        f"{', '.join(map(str, args.folders))}; {os.cpu_count()} cores; "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    pages, pdf_seconds = raw_pymupdf(pdfs)
    print(f"raw PyMuPDF words, {pages} PDF pages, one process: {pdf_seconds:.2f} s")
    if images and shutil.which("tesseract"):
        one = raw_tesseract(images, languages, 1)
        two = raw_tesseract(images, languages, 2)
        print(
            f"raw tesseract -l {languages}, {len(images)} images, one thread each: "
            f"{one:.2f} s one at a time, {two:.2f} s two at a time"
        )
    else:
        one = two = 0.0
    raw_total = pdf_seconds + one
    walls: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in args.jobs:
            best: Timed | None = None
            for attempt in range(args.repeat):
                r = docpipe_run(args.folders, jobs, Path(tmp) / f"jobs{jobs}-{attempt}.db")
                best = r if best is None or r[0] < best[0] else best
            assert best is not None
            wall, code, summary, cpu = best
            walls[jobs] = wall
            print(
                f"docpipe run --jobs {jobs}: {wall:.2f} s wall, {cpu:.2f} s CPU (exit {code}; "
                f"ok/review/failed/dup/pages: {summary})"
            )
    if len(walls) >= 2:
        base = walls[min(walls)]
        for jobs, wall in sorted(walls.items()):
            print(
                f"--jobs {jobs}: {base / wall:.2f}x the speed of --jobs {min(walls)}; "
                f"{raw_total / wall:.3f}x the raw tools' speed (one at a time)"
            )
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
