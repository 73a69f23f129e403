"""Memory and time of the pipeline on one long contract (200 pages by default).

    python benchmarks/long_contract.py [--pages 200] [--scanned 0]

Generates a contract with samplegen (text layer; with ``--scanned N`` also an
N-page scanned one: JPEG pages, no text layer, so every page goes through
OCR), then processes each file in a fresh child process and prints the
child's peak RSS, wall seconds and seconds per page. A child per file keeps
the generator's own memory out of the measurement.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_contract(pages: int, scanned: bool) -> bytes:
    import pymupdf

    from samplegen.contracts.build import render_sample, scanned_pdf
    from samplegen.contracts.spec import random_contract_spec

    padding = max(0, pages * 17 - 20)  # ~17 boilerplate paragraphs fill a page
    for _ in range(6):
        rng = random.Random(f"long/{pages}")
        spec = random_contract_spec(rng, "service", layout="kv")
        spec = replace(spec, padding=padding)
        pdf, _ = render_sample(spec, rng)
        with pymupdf.open(stream=pdf) as doc:
            got = doc.page_count
        if got >= pages:
            break
        padding = int(padding * pages / got) + 10
    if scanned:
        pdf = scanned_pdf(pdf, 200, "rotate", random.Random(1))
    return pdf


def measure(path: Path) -> dict:
    """Run in the child: process one file, report peak RSS and time."""
    from docpipe.pipeline import Pipeline
    from docpipe.settings import load_settings

    start = time.perf_counter()
    with Pipeline(load_settings(store_results=False)) as pipe:
        result = pipe.process(path)
    seconds = time.perf_counter() - start
    clauses = len((result.record or {}).get("clauses", []))
    return {
        "pages": result.page_count,
        "status": result.status.value,
        "doc_type": result.doc_type,
        "fields": len(result.evidence),
        "clauses": clauses,
        "seconds": round(seconds, 2),
        "s_per_page": round(seconds / max(1, result.page_count), 3),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stages": result.durations,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--scanned", type=int, default=0, help="also a scanned one of N pages")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return 0
    runs = [("baseline (2 pages)", 2, False), ("digital", args.pages, False)]
    if args.scanned:
        runs.append(("scanned", args.scanned, True))
    with tempfile.TemporaryDirectory() as tmp:
        for label, pages, scanned in runs:
            path = Path(tmp) / f"{label.split()[0]}.pdf"
            path.write_bytes(make_contract(pages, scanned))
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            report = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{label}: {report['pages']} pages, {path.stat().st_size // 1024} KiB, "
                f"status {report['status']}, {report['fields']} fields, {report['clauses']} "
                f"clauses; {report['seconds']} s ({report['s_per_page']} s/page), "
                f"peak RSS {report['peak_rss_mib']} MiB"
            )
            print("  stages:", ", ".join(f"{k} {v:.2f}s" for k, v in report["stages"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
