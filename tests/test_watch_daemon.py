"""``docpipe watch`` as real processes: SIGKILL, SIGTERM, a killed worker, two daemons.

Every test starts the daemon with ``python cli.py watch`` in a subprocess, feeds
it files, and checks the invariant the issue asks for: each file fed ends in
``done/``, ``needs_review/`` or ``failed/`` exactly once, with exactly one finished job and one
document row, and nothing is extracted twice. Waits poll with generous
timeouts; nothing depends on how fast this machine is.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pymupdf
import pytest
from PIL import Image, ImageDraw
from sqlalchemy import func, select

from docpipe.kvkk import store_key
from docpipe.settings import load_settings
from docpipe.store import Store
from docpipe.store.jobs import Job, JobQueue
from docpipe.store.models import AuditEventTable, DocumentTable, ExtractionTable
from docpipe.watch.inbox import REASON_SUFFIX, STATE_DIRS
from tests.conftest import ROOT
from tests.test_store import fresh_pg_database

WAIT_S = 150.0


# -- helpers (also used by test_hostile_corpus.py) ----------------------------------------


def wait_for(predicate: Callable[[], bool], what: str, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def small_pdf(path: Path, n: int) -> Path:
    """A one-page text invoice, distinct bytes per ``n`` (no embedded font: small, fast)."""
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(
        [f"Fatura No: KLL2024{n:09d}", "Tarih: 14.03.2024", f"Toplam: {n},00 TL"]
    ):
        page.insert_text((50, 60 + 14 * i), line, fontsize=10)
    doc.save(path)
    return path


@dataclass
class Daemon:
    process: subprocess.Popen[bytes]
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def signal(self, signum: int) -> None:
        os.kill(self.process.pid, signum)

    def wait(self, timeout: float = WAIT_S) -> int:
        return self.process.wait(timeout)

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


def start_daemon(
    inbox: Path, db_url: str, workdir: Path, name: str = "daemon", **settings: object
) -> Daemon:
    # settings come only from below; the vault key (conftest) is no setting to override
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DOCPIPE_") or k == "DOCPIPE_VAULT_KEY"
    }
    values: dict[str, object] = {
        "database_url": db_url,
        "watch_workers": 2,
        "watch_stable_s": 0.2,
        "watch_poll_s": 0.5,
        "watch_lease_s": 10,
        "watch_health_file": str(workdir / f"{name}-health.json"),
        "watch_log_json": True,
    }
    values.update(settings)
    env.update(
        {
            f"DOCPIPE_{k.upper()}": str(v).lower() if isinstance(v, bool) else str(v)
            for k, v in values.items()
        }
    )
    log = workdir / f"{name}.log"
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "watch", str(inbox)],
        cwd=workdir,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    return Daemon(process, log)


def health(workdir: Path, name: str = "daemon") -> dict[str, object]:
    try:
        return json.loads((workdir / f"{name}-health.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def wait_running(daemon: Daemon, workdir: Path, name: str = "daemon") -> None:
    """Until the daemon's health file says running (its signal handlers are in place)."""
    wait_for(
        lambda: health(workdir, name).get("status") == "running" or not daemon.alive(),
        f"{name} to run",
    )
    assert daemon.alive(), daemon.tail()


def jobs_of(db_url: str, inbox: Path) -> list[Job]:
    """The inbox's jobs with their names opened (stored as keyed hashes, sealed)."""
    with Store(db_url) as store:
        store_key(store, load_settings(database_url=db_url))
        return JobQueue(store, str(inbox.resolve())).jobs()


def finished(db_url: str, inbox: Path) -> int:
    return sum(1 for j in jobs_of(db_url, inbox) if j.state in ("done", "failed"))


def files_in(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(REASON_SUFFIX))


def pending(inbox: Path) -> list[str]:
    """Documents still in the inbox or in processing/."""
    top = [p.name for p in inbox.iterdir() if p.name not in STATE_DIRS and p.name[0] != "."]
    running = [str(p) for p in (inbox / "processing").rglob("*") if not p.is_dir()]
    return top + running


@dataclass
class Tally:
    fed: int
    done: int
    failed: int
    duplicates: int  # a file processed twice, or a document extracted twice: must be 0
    lost: int  # a file fed that is in neither done/ nor failed/: must be 0
    content_duplicates: int  # same bytes as an earlier file, recognised (status duplicate)


def check_exactly_once(db_url: str, inbox: Path, fed: list[str]) -> Tally:
    """Assert the invariant; return the numbers for the report."""
    done = files_in(inbox / "done") + files_in(inbox / "needs_review")
    failed = files_in(inbox / "failed")
    assert pending(inbox) == [], pending(inbox)
    jobs = [j for j in jobs_of(db_url, inbox) if j.name in set(fed)]
    per_name = Counter(j.name for j in jobs if j.state in ("done", "failed"))
    twice = [name for name, n in per_name.items() if n > 1]
    lost = [name for name in fed if per_name[name] == 0]
    assert not twice, f"processed twice: {twice}"
    assert not lost, f"lost: {lost}"
    assert all(j.state in ("done", "failed") for j in jobs), [(j.name, j.state) for j in jobs]
    assert len(done) + len(failed) == len(fed)
    for job in jobs:
        folder = "needs_review" if job.outcome == "needs_review" else job.state
        assert job.final_path is not None and Path(job.final_path).parent.name == folder
        assert os.path.lexists(job.final_path), job.final_path
        if job.state == "failed":
            reason = Path(job.final_path + REASON_SUFFIX).read_text(encoding="utf-8")
            assert reason.count("\n") == 1 and len(reason) > 10
    with Store(db_url) as store, store.engine.connect() as conn:
        extractions = dict(
            conn.execute(
                select(ExtractionTable.document_id, func.count()).group_by(
                    ExtractionTable.document_id
                )
            ).all()
        )
        ingests = dict(
            conn.execute(
                select(AuditEventTable.document_id, func.count())
                .where(AuditEventTable.action == "ingest")
                .group_by(AuditEventTable.document_id)
            ).all()
        )
        documents = set(conn.scalars(select(DocumentTable.id)))
    own = [j for j in jobs if j.outcome != "duplicate"]
    doc_ids = [j.document_id for j in own]
    assert None not in doc_ids and set(doc_ids) <= documents
    extracted_twice = [d for d, n in extractions.items() if n > 1]
    ingested_twice = [d for d, n in ingests.items() if n > 1]
    assert not extracted_twice and not ingested_twice
    return Tally(
        fed=len(fed),
        done=len(done),
        failed=len(failed),
        duplicates=len(twice) + len(extracted_twice) + len(ingested_twice),
        lost=len(lost),
        content_duplicates=sum(1 for j in jobs if j.outcome == "duplicate"),
    )


def report(name: str, data: dict[str, object]) -> None:
    """Print a measurement line (-s shows it) and append it to DOCPIPE_WATCH_REPORT."""
    line = json.dumps({"test": name, **data}, default=str)
    print(line)
    target = os.environ.get("DOCPIPE_WATCH_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as stream:
            stream.write(line + "\n")


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    return inbox, tmp_path


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    with fresh_pg_database() as url:
        yield url


# -- crash safety -------------------------------------------------------------------------


def test_sigkill_mid_batch_then_sigterm_mid_batch_loses_nothing_and_repeats_nothing(
    place: tuple[Path, Path],
) -> None:
    inbox, work = place
    db_url = f"sqlite:///{work / 'docpipe.db'}"
    fed = [small_pdf(inbox / f"kill-{i:02d}.pdf", i).name for i in range(30)]

    first = start_daemon(inbox, db_url, work, "first")
    wait_for(lambda: finished(db_url, inbox) >= 4 or not first.alive(), "4 finished jobs")
    assert first.alive(), first.tail()
    in_flight_at_kill = sum(1 for j in jobs_of(db_url, inbox) if j.state == "processing")
    worker_pids = [int(p) for p in health(work, "first").get("workers", [])]  # type: ignore[union-attr]
    first.signal(signal.SIGKILL)
    assert first.wait() == -signal.SIGKILL
    # The workers die with the daemon (PR_SET_PDEATHSIG): none is left to race the next one.
    wait_for(lambda: not any(_alive(pid) for pid in worker_pids), "workers to die")
    done_before_restart = finished(db_url, inbox)

    fed += [small_pdf(inbox / f"late-{i:02d}.pdf", 100 + i).name for i in range(6)]
    second = start_daemon(inbox, db_url, work, "second")
    wait_for(
        lambda: finished(db_url, inbox) >= done_before_restart + 4 or not second.alive(),
        "progress after the restart",
    )
    wait_running(second, work, "second")
    in_flight_at_term = [j.id for j in jobs_of(db_url, inbox) if j.state == "processing"]
    second.signal(signal.SIGTERM)
    assert second.wait() == 0, second.tail()
    states = {j.id: j.state for j in jobs_of(db_url, inbox)}
    assert "processing" not in states.values()  # SIGTERM finished what it had started
    assert all(states[i] in ("done", "failed") for i in in_flight_at_term)
    assert list((inbox / "processing").iterdir()) == []

    third = start_daemon(inbox, db_url, work, "third")
    wait_running(third, work, "third")
    wait_for(lambda: finished(db_url, inbox) >= len(fed) or not third.alive(), "all files")
    third.signal(signal.SIGTERM)
    assert third.wait() == 0, third.tail()

    tally = check_exactly_once(db_url, inbox, fed)
    assert (tally.done, tally.failed, tally.duplicates, tally.lost) == (len(fed), 0, 0, 0)
    report(
        "sigkill_sigterm",
        {
            **tally.__dict__,
            "in_flight_at_sigkill": in_flight_at_kill,
            "done_before_restart": done_before_restart,
        },
    )


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (not yet reaped by its dead parent's reaper) counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def _slow_scan(path: Path) -> Path:
    """A one-page A4 scan full of text: seconds of OCR on any machine."""
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    for i in range(45):
        draw.text((100, 100 + i * 48), f"Satir {i} Fatura ABC{i:09d} 1.234,56 TL", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(200, 200))
    path.write_bytes(buffer.getvalue())
    return path


def test_a_worker_killed_over_time_quarantines_its_file_and_the_daemon_goes_on(
    place: tuple[Path, Path],
) -> None:
    inbox, work = place
    db_url = f"sqlite:///{work / 'docpipe.db'}"
    daemon = start_daemon(
        inbox, db_url, work, watch_workers=1, watch_job_timeout_s=1.5, watch_max_attempts=1
    )
    try:
        wait_running(daemon, work)
        fed = [_slow_scan(inbox / "slow-scan.png").name]
        wait_for(lambda: finished(db_url, inbox) >= 1 or not daemon.alive(), "the slow job")
        fed += [small_pdf(inbox / f"after-{i}.pdf", 200 + i).name for i in range(2)]
        wait_for(lambda: finished(db_url, inbox) >= 3 or not daemon.alive(), "the other jobs")
        assert daemon.alive(), daemon.tail()
    finally:
        daemon.signal(signal.SIGTERM)
        assert daemon.wait() == 0, daemon.tail()
    tally = check_exactly_once(db_url, inbox, fed)
    assert (tally.done, tally.failed) == (2, 1)
    reason = (inbox / "failed" / "slow-scan.png.reason.txt").read_text(encoding="utf-8")
    assert "watch_job_timeout_s=1.5" in reason
    with Store(db_url) as store:
        failed = store.list_documents(status="failed")
    assert [d.error_category for d in failed] == ["worker_died"]


# -- two daemons, one inbox, one PostgreSQL -----------------------------------------------


@pytest.mark.postgres
def test_two_daemons_on_one_inbox_and_postgres_never_process_a_file_twice(
    place: tuple[Path, Path], pg_url: str
) -> None:
    inbox, work = place
    first = start_daemon(inbox, pg_url, work, "a")
    second = start_daemon(inbox, pg_url, work, "b")
    try:
        wait_running(first, work, "a")
        wait_running(second, work, "b")
        fed = [small_pdf(inbox / f"two-{i:02d}.pdf", 300 + i).name for i in range(40)]
        wait_for(
            lambda: finished(pg_url, inbox) >= len(fed) or not (first.alive() and second.alive()),
            "all files",
        )
        assert first.alive() and second.alive(), first.tail() + second.tail()
    finally:
        for daemon in (first, second):
            daemon.signal(signal.SIGTERM)
        codes = [first.wait(), second.wait()]
    assert codes == [0, 0], first.tail() + second.tail()
    tally = check_exactly_once(pg_url, inbox, fed)
    assert (tally.done, tally.duplicates, tally.lost) == (len(fed), 0, 0)
    claimers = {j.claimed_by for j in jobs_of(pg_url, inbox)}
    report("two_daemons_postgres", {**tally.__dict__, "workers_that_claimed": len(claimers)})


def _worker_baseline_mb() -> tuple[int, int]:
    """A fresh worker-like process, imports done (redaction's Presidio/spaCy included):
    its data segment (what ``RLIMIT_DATA`` counts) and its file-backed and shared
    resident memory (libraries' code, mapped files: in the RSS, not under the limit), in MiB."""
    from docpipe.watch.daemon import WORKER_ENVIRONMENT

    code = (
        "import docpipe.pipeline, docpipe.watch.jobs, docpipe.extract;"
        "from docpipe.redact.analyzer import analyzer; analyzer();"
        "f = {l.split(':')[0]: int(l.split()[1])"
        " for l in open('/proc/self/status') if l[:3] in ('VmD', 'Rss')};"
        "print(f['VmData'], f['RssFile'] + f['RssShmem'])"
    )
    env = {**os.environ, **WORKER_ENVIRONMENT}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    data_kb, mapped_kb = (int(v) for v in out.stdout.split())
    return data_kb // 1024, mapped_kb // 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_memory_bomb_within_the_pixel_limit_hits_the_worker_memory_limit(
    place: tuple[Path, Path],
) -> None:
    from tests.hostile import _png_bomb

    inbox, work = place
    db_url = f"sqlite:///{work / 'docpipe.db'}"
    data_mb, mapped_mb = _worker_baseline_mb()
    limit_mb = data_mb + 150  # the 120 MP image needs > 240 MiB more
    daemon = start_daemon(inbox, db_url, work, watch_workers=1, watch_worker_memory_mb=limit_mb)
    try:
        wait_running(daemon, work)
        (inbox / "bomb-119mp.png").write_bytes(_png_bomb(10950, 10950, striped=True))  # < 120 MP
        fed = ["bomb-119mp.png"]
        wait_for(lambda: finished(db_url, inbox) >= 1 or not daemon.alive(), "the bomb")
        fed.append(small_pdf(inbox / "after.pdf", 400).name)
        wait_for(lambda: finished(db_url, inbox) >= 2 or not daemon.alive(), "the next file")
        assert daemon.alive(), daemon.tail()
    finally:
        daemon.signal(signal.SIGTERM)
        assert daemon.wait() == 0, daemon.tail()
    tally = check_exactly_once(db_url, inbox, fed)
    assert (tally.done, tally.failed) == (1, 1)
    reason = (inbox / "failed" / "bomb-119mp.png.reason.txt").read_text(encoding="utf-8")
    assert "memory" in reason  # MemoryError in the worker, or the worker killed for it
    peak_kb = max(j.peak_rss_kb or 0 for j in jobs_of(db_url, inbox))
    # The RSS also counts mapped library code, which RLIMIT_DATA does not (CI saw a peak
    # of 361 MiB under a 355 MiB data limit); the decode itself would have added > 240 MiB.
    assert peak_kb < (limit_mb + mapped_mb + 32) * 1024
    report(
        "memory_bomb",
        {"limit_mb": limit_mb, "mapped_mb": mapped_mb, "peak_worker_rss_mb": round(peak_kb / 1024)},
    )
