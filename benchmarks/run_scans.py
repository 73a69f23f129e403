"""Scanned pages: `docpipe run` seconds per page against raw `tesseract` at the same DPI.

    python benchmarks/run_scans.py [--pages 8] [--jobs 2]

One multi-page TIFF of the committed scan samples at 300 dpi (``corpus.write_scan_tiff``).
The baseline, in the same run: ``tesseract PAGE stdout -l <ocr_languages> --dpi 300``
on each page (PNG, one thread each, ``OMP_THREAD_LIMIT=1``), ``--jobs`` at a time so
that every core is busy. Then the real command, ``docpipe run TIFF --jobs N`` (fresh
SQLite store, redaction on): the TIFF is one document, split by page across the
workers. Its start-up (the CLI, the workers loading Presidio) is measured apart, as
``docpipe run`` on one small digital invoice, and the ratio is printed with and
without it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.cli_run import children_cpu, timed_run  # noqa: E402
from benchmarks.corpus import write_scan_tiff, write_small  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402


def raw_tesseract(pages: list[Path], languages: str, parallel: int) -> tuple[float, float]:
    """(wall, CPU) seconds of plain ``tesseract`` on every page, ``parallel`` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(path: Path) -> None:
        command = ["tesseract", str(path), "stdout", "-l", languages, "--dpi", "300"]
        subprocess.run(command, capture_output=True, env=env, check=True)

    cpu = children_cpu()
    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, pages))
    return time.perf_counter() - start, children_cpu() - cpu


def docpipe_run(path: Path, database: Path, jobs: int) -> tuple[float, float, str]:
    wall, code, row, cpu = timed_run([path], database, jobs)
    return wall, cpu, f"exit {code}; ok/review/failed/dup/pages: {row}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("DOCPIPE_VAULT_KEY") and not os.environ.get("DOCPIPE_VAULT_KEY_FILE"):
        from docpipe.redact.vault import KEY_ENV, new_key

        os.environ[KEY_ENV] = new_key()
    languages = load_settings().ocr_languages
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tiff = write_scan_tiff(folder / "scan", args.pages)
        pngs = []
        with Image.open(tiff) as image:
            for i in range(args.pages):
                image.seek(i)
                pngs.append(folder / f"page-{i}.png")
                image.save(pngs[-1], dpi=(300, 300))
        [small] = write_small(folder / "small", 1)
        print(
            f"{args.pages} scanned pages, 300 dpi; {os.cpu_count()} cores; "
            f"load average at start {os.getloadavg()[0]:.1f}"
        )
        raw, raw_cpu = raw_tesseract(pngs, languages, args.jobs)
        print(
            f"raw tesseract -l {languages}, {args.jobs} at a time: {raw:.2f} s, "
            f"{raw / args.pages:.2f} s/page; CPU {raw_cpu / args.pages:.2f} s/page"
        )
        startup, startup_cpu, _ = docpipe_run(small, folder / "startup.db", args.jobs)
        print(
            f"docpipe run start-up (one small digital invoice): {startup:.2f} s, "
            f"CPU {startup_cpu:.2f} s"
        )
        wall, cpu, summary = docpipe_run(tiff, folder / "scan.db", args.jobs)
        print(
            f"docpipe run --jobs {args.jobs}, one {args.pages}-page TIFF: {wall:.2f} s, "
            f"{wall / args.pages:.2f} s/page; CPU {cpu / args.pages:.2f} s/page ({summary})"
        )
    print(
        f"docpipe per page: {wall / raw:.2f}x raw tesseract's cost; "
        f"{(wall - startup) / raw:.2f}x without start-up (done when <= 2x)"
    )
    print(
        f"docpipe per page in CPU time: {cpu / raw_cpu:.2f}x raw tesseract's; "
        f"{(cpu - startup_cpu) / raw_cpu:.2f}x without start-up"
    )
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
