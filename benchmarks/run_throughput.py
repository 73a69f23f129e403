"""Throughput of `docpipe run` against raw PyMuPDF text extraction, measured in one run.

    python benchmarks/run_throughput.py [FOLDER] [--repeat N]

Prints pages/s and seconds per page for: the baseline (PyMuPDF opening each PDF
and extracting its words, nothing else), the docpipe pipeline without the store,
and the pipeline with a fresh SQLite store; plus peak RSS of this process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

import pymupdf

import docpipe
from docpipe.pipeline import iter_files


def baseline(files: list[Path]) -> tuple[int, float]:
    pages = 0
    start = time.perf_counter()
    for path in files:
        with pymupdf.open(path) as pdf:
            for page in pdf:
                page.get_text("words")
                pages += 1
    return pages, time.perf_counter() - start


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="samples/invoices", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = [p for p in iter_files([args.folder]) if p.read_bytes()[:5] == b"%PDF-"]
    if not files:
        sys.exit(f"no PDF files under {args.folder}")
    print(f"{len(files)} PDF files from {args.folder}, best of {args.repeat} runs")
    print(f"{'variant':<34}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'s/page':>10}")
    rows = []
    for name, run in (
        ("baseline: PyMuPDF words only", lambda: (*baseline(files), {})),
        ("docpipe pipeline, no store", lambda: pipeline(files, None)),
    ):
        rows.append((name, min((run() for _ in range(args.repeat)), key=lambda r: r[1])))
    with tempfile.TemporaryDirectory() as tmp:
        best = None
        for i in range(args.repeat):
            r = pipeline(files, f"sqlite:///{tmp}/bench{i}.db")
            best = r if best is None or r[1] < best[1] else best
        rows.append(("docpipe pipeline + SQLite store", best))
    for name, (pages, seconds, _) in rows:
        rate, per_page = pages / seconds, seconds / pages
        print(f"{name:<34}{pages:>7}{seconds:>10.3f}{rate:>10.1f}{per_page:>10.4f}")
    stages = rows[1][1][2]
    total = sum(stages.values()) or 1.0
    print(
        "pipeline time by stage (no store): "
        + ", ".join(
            f"{k} {v / total:.0%}" for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
        )
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
