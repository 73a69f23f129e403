"""Time the real ``docpipe run`` command in a subprocess, as a user starts it: the one
helper the run benchmarks (``run_jobs``, ``run_scans``, ``run_throughput``) share."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed_run(inputs: list[Path], database: Path, jobs: int | None) -> tuple[float, int, str]:
    """(wall seconds, exit code, the summary row ``run`` printed) for ``docpipe run``
    over ``inputs`` into a fresh SQLite file; ``jobs=None`` takes the default."""
    command = [sys.executable, str(ROOT / "cli.py"), "run", *map(str, inputs)]
    command += ["--db", f"sqlite:///{database}"]
    command += ["--jobs", str(jobs)] if jobs else []
    start = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
        check=False,
    )
    wall = time.perf_counter() - start
    summary = next((ln.strip() for ln in done.stdout.splitlines() if ln.strip()[:1].isdigit()), "")
    return wall, done.returncode, summary
