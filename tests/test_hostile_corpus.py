"""The daemon against the hostile corpus (tests/hostile.py): it stays up, memory
stays bounded, every file ends in done/ or failed/ with a clear reason, and a
file still being written is left alone until its writer closes it."""

from __future__ import annotations

import signal
from pathlib import Path

from docpipe.store import Store
from docpipe.store.jobs import JobQueue
from tests.hostile import make_corpus
from tests.test_watch_daemon import (
    check_exactly_once,
    finished,
    jobs_of,
    report,
    small_pdf,
    start_daemon,
    wait_for,
    wait_running,
)

MEMORY_MB = 2048  # the default: a worker with Presidio, spaCy and (via thinc) torch holds ~1.4 GB


def test_hostile_corpus_ends_in_done_or_failed_and_the_daemon_stays_up(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    corpus = make_corpus(inbox, tmp_path / "outside")
    fed = [item.name for item in corpus]
    assert len(fed) >= 40
    db_url = f"sqlite:///{tmp_path / 'docpipe.db'}"

    # A scanner still writing: half a PDF, the handle held open by this process.
    whole = small_pdf(tmp_path / "whole.pdf", 999).read_bytes()
    writing = (inbox / "still-writing.pdf").open("wb")
    writing.write(whole[: len(whole) // 2])
    writing.flush()

    daemon = start_daemon(inbox, db_url, tmp_path, watch_worker_memory_mb=MEMORY_MB)
    try:
        wait_running(daemon, tmp_path)
        # generous: each replaced worker loads Presidio again, and the machine may be shared
        wait_for(
            lambda: finished(db_url, inbox) >= len(fed) or not daemon.alive(),
            "the corpus",
            timeout=600,
        )
        assert daemon.alive(), daemon.tail()
        # Everything else is done, yet the open file was not taken.
        assert (inbox / "still-writing.pdf").exists()
        assert "still-writing.pdf" not in {j.name for j in jobs_of(db_url, inbox)}
        writing.write(whole[len(whole) // 2 :])
        writing.close()
        fed.append("still-writing.pdf")
        wait_for(lambda: finished(db_url, inbox) >= len(fed) or not daemon.alive(), "the last")
        assert daemon.alive(), daemon.tail()
    finally:
        if not writing.closed:
            writing.close()
        daemon.signal(signal.SIGTERM)
        assert daemon.wait() == 0, daemon.tail()

    tally = check_exactly_once(db_url, inbox, fed)
    assert (tally.duplicates, tally.lost) == (0, 0)
    jobs = {j.name: j for j in jobs_of(db_url, inbox)}
    wrong = [
        (item.name, jobs[item.name].state, jobs[item.name].reason)
        for item in corpus
        if item.expect != "either" and jobs[item.name].state != item.expect
    ]
    assert not wrong, wrong
    assert jobs["still-writing.pdf"].state == "done"
    assert jobs["valid-invoice.pdf"].outcome != "failed"
    assert {jobs["valid-invoice.pdf"].outcome, jobs["duplicate-of-valid.pdf"].outcome} & {
        "duplicate"
    }
    for name in ("link-outside.pdf", "link-inside.pdf", "pipe.pdf", "zero-permission.pdf"):
        assert jobs[name].reason and "unexpected" not in jobs[name].reason
    assert "secret" not in (jobs["link-outside.pdf"].reason or "")

    peak_kb = max(j.peak_rss_kb or 0 for j in jobs.values())
    assert 0 < peak_kb < MEMORY_MB * 1024
    with Store(db_url) as store:
        stats = JobQueue(store, str(inbox.resolve())).stats()
    assert stats.queued == stats.processing == 0
    report(
        "hostile_corpus",
        {
            **tally.__dict__,
            "peak_worker_rss_mb": round(peak_kb / 1024, 1),
            "memory_limit_mb": MEMORY_MB,
            "either": {i.name: jobs[i.name].state for i in corpus if i.expect == "either"},
        },
    )
