"""Time the real ``docpipe run`` command in a subprocess, as a user starts it: the one
helper the run benchmarks (``run_jobs``, ``run_scans``, ``run_throughput``) share.

Besides the wall time it measures the CPU time (user + system) of the whole process
tree: ``RUSAGE_CHILDREN`` grows by every descendant that was waited for (the CLI,
its workers, the fork server they are forked from, Tesseract). On a machine other
work loads, wall times stretch while CPU times stay close to what the work costs,
so the benchmarks print both ratios.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]


class Timed(NamedTuple):
    wall: float
    code: int
    summary: str
    #: user + system seconds of the command and everything it started
    cpu: float


def children_cpu() -> float:
    """User + system seconds of this process's waited-for descendants so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(inputs: list[Path], database: Path, jobs: int | None) -> Timed:
    """Wall and CPU seconds, exit code and the summary row ``run`` printed, for
    ``docpipe run`` over ``inputs`` into a fresh SQLite file; ``jobs=None`` takes the
    default."""
    command = [sys.executable, str(ROOT / "cli.py"), "run", *map(str, inputs)]
    command += ["--db", f"sqlite:///{database}"]
    command += ["--jobs", str(jobs)] if jobs else []
    cpu = children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"},
        check=False,
    )
    wall = time.perf_counter() - start
    cpu = children_cpu() - cpu
    summary = next((ln.strip() for ln in done.stdout.splitlines() if ln.strip()[:1].isdigit()), "")
    return Timed(wall, done.returncode, summary, cpu)
