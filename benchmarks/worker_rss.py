"""Resident memory of one ``docpipe run`` worker after 50 and after 1,000 documents.

    python benchmarks/worker_rss.py [--n 1000] [--corpus DIR]

One ``BatchPool`` worker (``--jobs 1``), fresh SQLite store, redaction on, over ``n``
small one-page invoices that all differ (``corpus.write_small``: none ends
``duplicate``). The worker is normally replaced after ``MAX_DOCS_PER_WORKER``
documents; here that is lifted, so the figures are one process's across the whole
run: its resident set (``VmRSS``) and peak (``VmHWM``) read from ``/proc`` after the
50th and after the last document. Done when the last is within 10 % of the 50th.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_small  # noqa: E402
from docpipe import batch  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402


def memory_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in KiB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument(
        "--corpus", type=Path, default=Path(tempfile.gettempdir()) / "docpipe-small"
    )
    args = parser.parse_args()
    if not os.environ.get("DOCPIPE_VAULT_KEY") and not os.environ.get("DOCPIPE_VAULT_KEY_FILE"):
        from docpipe.redact.vault import KEY_ENV, new_key

        os.environ[KEY_ENV] = new_key()
    files = write_small(args.corpus, args.n)
    batch.MAX_DOCS_PER_WORKER = args.n + 1  # one process across the whole run
    marks = {50, args.n}
    seen: dict[int, tuple[int, int]] = {}
    print(f"{args.n} small invoices; load average at start {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite:///{tmp}/rss.db")
        start = time.perf_counter()
        with batch.BatchPool(settings, jobs=1) as pool:
            statuses: dict[str, int] = {}
            for count, result in enumerate(pool.run(files), 1):
                statuses[result.status.value] = statuses.get(result.status.value, 0) + 1
                if count in marks:
                    [worker] = pool._workers
                    seen[count] = memory_kib(worker.process.pid or 0)
                    rss, hwm = seen[count]
                    print(f"after {count:>5} documents: RSS {rss / 1024:.1f} MiB, ", end="")
                    print(f"peak {hwm / 1024:.1f} MiB")
        wall = time.perf_counter() - start
    (rss50, _), (rss_n, _) = seen[50], seen[args.n]
    print(f"statuses {statuses}; {wall:.1f} s wall, {wall / args.n * 1000:.0f} ms/document")
    print(
        f"RSS after {args.n} is {rss_n / rss50:.3f}x the RSS after 50 "
        f"({'within' if abs(rss_n / rss50 - 1) <= 0.10 else 'NOT within'} 10 %); "
        f"load average at end {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
