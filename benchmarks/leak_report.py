"""The KVKK leak report: family × output → personal values checked / found in clear.

Runs the leak test (``tests/test_evidence_and_privacy.py``: every sample of every family
and the documents extraction fails on, processed at DEBUG; the database dumped, SQLite
and one PostgreSQL run; logs, CLI output, exports and redacted outputs re-read) and
prints the table it counts. ``--all`` runs every OCR-heavy sample too (slow).

    python benchmarks/leak_report.py [--all]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="every sample, scans and photos too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        table = Path(tmp) / "leaks.txt"
        env = {**os.environ, "DOCPIPE_LEAK_TABLE": str(table), "PYTHONPATH": str(ROOT)}
        if args.all:
            env["DOCPIPE_RUN_SLOW"] = "1"
        test = [
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_evidence_and_privacy.py",
        ]
        done = subprocess.run([sys.executable, *test], cwd=ROOT, env=env, check=False)
        if not table.exists():
            print("the leak test counted nothing; see its output above", file=sys.stderr)
            return 1
        print(table.read_text(encoding="utf-8"), end="")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
