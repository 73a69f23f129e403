"""``docpipe run FOLDER`` against the hostile corpus (tests/hostile.py), as a user runs it.

The batch CLI runs as a subprocess under a memory limit on its whole process
tree (``RLIMIT_DATA``, inherited by the worker) and a timeout. Every file must
end as the corpus says, with one line per refused file, no traceback, no raw
escape sequence on the terminal, and a peak RSS within 1 GiB (the largest
process, from ``getrusage``, and the sum over the tree, sampled from /proc).
Then ``list`` must not show a person's name or TCKN from a file name, and the
CSV export must not hold a live formula.

Each runs under ``--jobs 1`` and ``--jobs 2`` (two workers side by side: the same
outcomes, the copy still a duplicate, each worker within 1 GiB). The whole corpus
is ``slow`` (about two minutes here); ``test_fast_subset`` covers each kind of
case in one short run for the default suite.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import stored_by_path
from tests.hostile import (
    ESCAPE_NAMES,
    FORMULA_NAMES,
    PERSONAL_NAME,
    Hostile,
    make_batch_extras,
    make_corpus,
)

GIB = 1024**3
TREE_LIMIT = 3 * GIB // 2  # RLIMIT_DATA on the CLI; the worker lowers its own to doc_memory_mb
ROOT = Path(__file__).resolve().parent.parent
DUPLICATES = {"valid-invoice.pdf", "duplicate-of-valid.pdf", "link-inside.pdf"}
FAST = {
    "pipe.pdf",
    "empty.pdf",
    "one-pixel.png",
    "tiny-12x12.png",
    "blank-9000.png",
    "truncated-10pct.pdf",
    "pages-1200.pdf",
    "photo.webp",
    "photo.heic",
    "valid-invoice.pdf",
    "duplicate-of-valid.pdf",
    "name with spaces & (parens) [1].pdf",
    PERSONAL_NAME,
    *FORMULA_NAMES,
    *ESCAPE_NAMES,
    "\x1b[2J\x1b[Hcleared.pdf",
}


class TreeRss:
    """Samples the summed RSS of a process and all its descendants from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        pids, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            try:
                for task in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as f:
                        todo.extend(int(c) for c in f.read().split())
            except OSError:
                continue
        return pids

    def _rss(self, pid: int) -> int:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree()))
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


#: Runs the CLI as its child, then writes the largest peak RSS (KiB) among its descendants.
_LAUNCH = (
    "import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
    "sys.exit(code)"
)


def run_cli(*args: str, timeout: float) -> tuple[subprocess.CompletedProcess[str], int, int]:
    """Run the CLI under TREE_LIMIT; return it, the tree's sampled peak RSS and the largest
    single process's peak RSS (bytes)."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (TREE_LIMIT, TREE_LIMIT))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    peak_file = Path(tempfile.mkdtemp()) / "largest-kib"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _LAUNCH,
            str(peak_file),
            sys.executable,
            str(ROOT / "cli.py"),
            *args,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=limit,
    )
    sampler = TreeRss(process.pid)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        sampler.stop()
        pytest.fail(f"docpipe {' '.join(args[:1])} hung (over {timeout:.0f} s)")
    tree = sampler.stop()
    # the largest process of this run (the CLI or one of its workers), as the launcher saw
    # it: the test process's own RUSAGE_CHILDREN would count every earlier test's children
    largest = int(peak_file.read_text()) * 1024
    completed = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return completed, tree, largest


def outcomes(db_url: str, folder: Path, corpus: list[Hostile]) -> dict[str, tuple[str, str]]:
    """name -> ("done" | "failed" | "duplicate", reason) from the store.

    A duplicate is not stored, and a failure with the same bytes as another (the
    XXE file under two names) shares its row: both are found by content.
    """
    by_path: dict[str, Any] = stored_by_path(db_url)  # paths are sealed at rest
    views = list(by_path.values())
    by_hash = {v.sha256: v for v in views if v.sha256}
    found: dict[str, tuple[str, str]] = {}
    for item in corpus:
        path = folder / item.name
        view = by_path.get(str(path))
        if view is None:
            twin = by_hash.get(_sha256(path))
            if twin is None or twin.status.value != "failed":
                found[item.name] = ("duplicate", "")
                continue
            view = twin
        state = "failed" if view.status.value == "failed" else "done"
        found[item.name] = (state, view.error_message or "")
    return found


def _sha256(path: Path) -> str | None:
    try:
        if not path.is_file():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def check_run(
    folder: Path, corpus: list[Hostile], db_url: str, timeout: float, jobs: int
) -> dict[str, object]:
    """The batch under ``--jobs jobs``: each worker within 1 GiB, the tree within 1 GiB
    per worker (one worker: 1 GiB in all, as before ``--jobs`` existed)."""
    started = time.monotonic()
    done, tree_peak, largest = run_cli(
        "run", str(folder), "--db", db_url, "--jobs", str(jobs), timeout=timeout
    )
    wall = time.monotonic() - started
    assert done.returncode == 1, done.stderr[-2000:]  # some documents failed, by design
    assert "Traceback" not in done.stderr + done.stdout
    assert "\x1b" not in done.stderr + done.stdout, "a raw escape sequence reached the terminal"
    assert "\u202e" not in done.stderr + done.stdout
    found = outcomes(db_url, folder, corpus)
    duplicates = {name for name, (state, _) in found.items() if state == "duplicate"}
    assert duplicates <= DUPLICATES and len(duplicates) == len(DUPLICATES & set(found)) - 1
    wrong = [
        (item.name, found[item.name])
        for item in corpus
        if item.expect_in_batch != "either"
        and found[item.name][0] not in (item.expect_in_batch, "duplicate")
    ]
    assert not wrong, wrong
    failed = [name for name, (state, _) in found.items() if state == "failed"]
    refused = [ln for ln in done.stderr.splitlines() if ln.startswith("✗")]
    assert len(refused) == len(failed)  # one line per refused file, newline names included
    for name, (state, reason) in found.items():
        assert state != "failed" or (reason and "unexpected" not in reason), (name, reason)
    assert tree_peak <= jobs * GIB, f"the process tree peaked at {tree_peak / 2**20:.0f} MiB"
    assert largest <= GIB
    return {
        "jobs": jobs,
        "files": len(corpus),
        "wall_s": round(wall, 1),
        "tree_peak_rss_mib": round(tree_peak / 2**20),
        "largest_process_rss_mib": round(largest / 2**20),
        "failed": len(failed),
        "done": len(corpus) - len(failed),
    }


def check_outputs(db_url: str) -> None:
    listed, _, _ = run_cli("list", "--db", db_url, "--limit", "500", timeout=300)
    assert listed.returncode == 0, listed.stderr
    assert "Ayşe" not in listed.stdout and "10000000146" not in listed.stdout
    assert "kimlik" not in listed.stdout  # names are stored as a keyed hash + extension
    assert "\x1b" not in listed.stdout
    assert "(parens)" not in listed.stdout
    exported, _, _ = run_cli("export", "--format", "csv", "--db", db_url, timeout=300)
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(io.StringIO(exported.stdout)))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    # the formula-like names are not exported at all (stored as a keyed hash)
    assert not [c for c in cells if "SUM(" in c or "HYPERLINK" in c]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Hostile]]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "in"
    corpus = make_corpus(folder, base / "outside")
    corpus += make_batch_extras(folder)
    return folder, corpus


@pytest.mark.parametrize("jobs", [1, 2])
def test_fast_subset(tmp_path: Path, vault_key: str, jobs: int) -> None:
    """One worker as before, and two side by side (``--jobs 2``): the same outcomes, the
    same one line per refused file, the copy still a duplicate, the tree within 1 GiB."""
    folder = tmp_path / "in"
    subset = make_corpus(folder, tmp_path / "outside", only=FAST)
    assert {item.name for item in subset} == FAST
    db_url = f"sqlite:///{tmp_path / 'docpipe.db'}"
    check_run(folder, subset, db_url, 300, jobs)
    check_outputs(db_url)


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_whole_corpus(
    corpus_dir: tuple[Path, list[Hostile]], tmp_path: Path, vault_key: str, jobs: int
) -> None:
    folder, corpus = corpus_dir
    assert len(corpus) >= 65
    db_url = f"sqlite:///{tmp_path / 'docpipe.db'}"
    measured = check_run(folder, corpus, db_url, 600, jobs)
    check_outputs(db_url)
    print({"test": "hostile_batch", **measured})
