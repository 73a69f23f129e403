"""Throughput of `docpipe run` against raw PyMuPDF text extraction, measured in one run.

    python benchmarks/run_throughput.py [FOLDER] [--n 200] [--repeat N] [--stages]

Without FOLDER, ``--n`` digital invoices are written first (``corpus.write_invoices``,
kept under the temp folder for the next run). Prints pages/s and seconds per page
for: the baseline (PyMuPDF opening each PDF and extracting its words, one process,
nothing else) and the real command, ``docpipe run FOLDER`` (default ``--jobs``: one
worker per core; a fresh SQLite store, redaction on), timed from start to exit so
start-up counts; then docpipe's speed as a ratio of the baseline's. ``--stages`` adds
the in-process pipeline with and without the store, with time by stage.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docpipe  # noqa: E402
from benchmarks.cli_run import timed_run  # noqa: E402
from benchmarks.corpus import write_invoices  # noqa: E402
from docpipe.files import iter_files  # noqa: E402


def baseline(files: list[Path]) -> tuple[int, float, float]:
    """(pages, wall seconds, CPU seconds) of raw PyMuPDF word extraction."""
    pages = 0
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text("words")
                pages += 1
    return pages, time.perf_counter() - start, time.process_time() - cpu


def pipeline(files: list[Path], database_url: str | None) -> tuple[int, float, dict[str, float]]:
    settings = docpipe.load_settings(
        store_results=database_url is not None, database_url=database_url or "sqlite://"
    )
    stages: dict[str, float] = {}
    pages = 0
    start = time.perf_counter()
    with docpipe.Pipeline(settings) as pipe:
        for path in files:
            result = pipe.process(path)
            pages += result.page_count
            for stage, seconds in result.durations.items():
                stages[stage] = stages.get(stage, 0.0) + seconds
    return pages, time.perf_counter() - start, stages


def row(name: str, pages: int, seconds: float) -> str:
    return f"{name:<40}{pages:>7}{seconds:>10.3f}{pages / seconds:>10.1f}{seconds / pages:>10.4f}"


def docpipe_run(folder: Path, database: Path, jobs: int | None) -> tuple[float, float, str]:
    wall, code, row, cpu = timed_run([folder], database, jobs)
    return wall, cpu, f"exit {code}; ok/review/failed/dup/pages/s: {row}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--n", type=int, default=200, help="invoices to write without FOLDER")
    parser.add_argument("--repeat", type=int, default=1, help="best of N")
    parser.add_argument(
        "--jobs", type=int, default=None, help="docpipe run --jobs (default: cores)"
    )
    parser.add_argument("--stages", action="store_true", help="also the in-process pipeline")
    args = parser.parse_args()
    if not os.environ.get("DOCPIPE_VAULT_KEY") and not os.environ.get("DOCPIPE_VAULT_KEY_FILE"):
        from docpipe.redact.vault import KEY_ENV, new_key

        os.environ[KEY_ENV] = new_key()  # a throwaway key: the store seals originals
    folder = args.folder or Path(tempfile.gettempdir()) / f"docpipe-invoices-{args.n}"
    if args.folder is None:
        write_invoices(folder, args.n)
    files = [p for p in iter_files([folder]) if p.read_bytes()[:5] == b"%PDF-"]
    if not files:
        sys.exit(f"no PDF files under {folder}")
    print(
        f"{len(files)} PDF files from {folder}, best of {args.repeat}; {os.cpu_count()} cores; "
        f"load average at start {os.getloadavg()[0]:.1f}"
    )
    pages, raw, raw_cpu = min((baseline(files) for _ in range(args.repeat)), key=lambda r: r[1])
    print(f"{'variant':<40}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'s/page':>10}")
    print(row("raw PyMuPDF words, one process", pages, raw))
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu, summary = min(
            (docpipe_run(folder, Path(tmp) / f"run{i}.db", args.jobs) for i in range(args.repeat)),
            key=lambda r: r[0],
        )
    name = f"docpipe run --jobs {args.jobs or 'cores'} (store, redact)"
    print(row(name, pages, wall) + f"  {summary}")
    print(f"docpipe run at {raw / wall:.3f}x the raw PyMuPDF speed (done when >= 0.2x)")
    print(
        f"CPU time: raw {raw_cpu:.3f} s, docpipe run {cpu:.2f} s (all its processes): "
        f"{raw_cpu / cpu:.3f}x per CPU second (both cores' work counted, start-up included)"
    )
    if args.stages:
        stages_report(files)
    print(f"load average at end {os.getloadavg()[0]:.1f}")


def stages_report(files: list[Path]) -> None:
    rows = [("docpipe pipeline in-process, no store", pipeline(files, None))]
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("docpipe pipeline + SQLite store", pipeline(files, f"sqlite:///{tmp}/b.db")))
    for name, (pages, seconds, _) in rows:
        print(
            f"{name:<40}{pages:>7}{seconds:>10.3f}{pages / seconds:>10.1f}{seconds / pages:>10.4f}"
        )
    stages = rows[1][1][2]
    total = sum(stages.values()) or 1.0
    print(
        "in-process time by stage (store): "
        + ", ".join(
            f"{k} {v / total:.0%}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
        )
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
