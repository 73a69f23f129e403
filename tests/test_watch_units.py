"""The daemon's small parts alone: stability, security, inbox layout, logs, health."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docpipe.errors import InputError
from docpipe.watch.health import read_health, write_health
from docpipe.watch.inbox import InboxLayout, printable, wanted, write_reason
from docpipe.watch.logs import JsonLineFormatter
from docpipe.watch.security import UnsafeFileError, check_inbox_file
from docpipe.watch.stability import FileStabilityTracker, open_elsewhere


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


# -- FileStabilityTracker --------------------------------------------------------------


def test_a_file_is_stable_only_after_the_window_without_change() -> None:
    clock = FakeClock()
    tracker = FileStabilityTracker(2.0, clock=clock)
    assert not tracker.observe("a.pdf", 10, 1)  # first sighting never counts
    clock.now += 1.9
    assert not tracker.observe("a.pdf", 10, 1)
    clock.now += 0.2
    assert tracker.observe("a.pdf", 10, 1)


def test_growth_or_a_new_mtime_restarts_the_window() -> None:
    clock = FakeClock()
    tracker = FileStabilityTracker(1.0, clock=clock)
    tracker.observe("a.pdf", 10, 1)
    clock.now += 5
    assert not tracker.observe("a.pdf", 20, 1)  # grew
    clock.now += 5
    assert not tracker.observe("a.pdf", 20, 2)  # touched
    clock.now += 1
    assert tracker.observe("a.pdf", 20, 2)


def test_forget_and_tracked() -> None:
    tracker = FileStabilityTracker(0.0, clock=FakeClock())
    tracker.observe("a", 1, 1)
    tracker.observe("b", 1, 1)
    assert sorted(tracker.tracked()) == ["a", "b"]
    tracker.forget("a")
    assert tracker.tracked() == ["b"]
    assert not tracker.observe("a", 1, 1)  # forgotten: a first sighting again
    assert tracker.observe("b", 1, 1)  # window 0: the second sighting is enough


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs Linux /proc")
def test_open_elsewhere_sees_a_writer_in_another_process(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert not open_elsewhere(path)
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"f = open({str(path)!r}, 'ab'); print('open', flush=True); input()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "open"
        assert open_elsewhere(path)
    finally:
        writer.communicate("\n", timeout=30)
    assert not open_elsewhere(path)


# -- security ----------------------------------------------------------------------------


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def test_a_plain_file_passes(inbox: Path) -> None:
    (inbox / "a.pdf").write_bytes(b"x")
    check_inbox_file(inbox / "a.pdf", inbox)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d, o: os.symlink(o / "secret.txt", d / "x.pdf"), "symbolic link"),
        (lambda d, o: os.symlink("a.pdf", d / "x.pdf"), "symbolic link"),
        (lambda d, o: os.symlink(o / "nothing", d / "x.pdf"), "symbolic link"),
        (lambda d, o: os.mkfifo(d / "x.pdf"), "not a regular file"),
        (lambda d, o: (d / "x.pdf").mkdir(), "not a regular file"),
        (lambda d, o: os.link(o / "secret.txt", d / "x.pdf"), "hard links"),
        (
            lambda d, o: ((d / "x.pdf").write_bytes(b"%PDF-"), os.chmod(d / "x.pdf", 0)),
            "no read permission",
        ),
    ],
    ids=["link-outside", "link-inside", "link-dangling", "fifo", "folder", "hardlink", "mode-000"],
)
def test_unsafe_files_are_refused_with_a_reason(
    inbox: Path, tmp_path: Path, make: object, expected: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (inbox / "a.pdf").write_bytes(b"x")
    make(inbox, outside)  # type: ignore[operator]
    with pytest.raises(UnsafeFileError) as caught:
        check_inbox_file(inbox / "x.pdf", inbox)
    assert expected in caught.value.message
    assert "secret" not in caught.value.message
    assert caught.value.category == "unsafe" and isinstance(caught.value, InputError)


def test_a_path_resolving_outside_the_inbox_is_refused(inbox: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.pdf").write_bytes(b"x")
    with pytest.raises(UnsafeFileError, match="outside the inbox"):
        check_inbox_file(other / "a.pdf", inbox)


# -- inbox layout ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "taken"),
    [
        ("fatura.pdf", True),
        ("FATURA şğü.PDF", True),
        (".hidden.pdf", False),
        ("~$lock.docx", False),
        ("scan.pdf.part", False),
        ("download.crdownload", False),
        ("x.tmp", False),
        ("a.pdf.reason.txt", False),
        ("a.truth.json", False),
    ],
)
def test_which_names_are_taken(name: str, taken: bool) -> None:
    assert wanted(name) is taken


def test_take_moves_into_processing_and_finish_into_failed_with_a_reason(inbox: Path) -> None:
    layout = InboxLayout.at(inbox)
    layout.ensure()
    (inbox / "a.pdf").write_bytes(b"x")
    assert [e.name for e in layout.scan()] == ["a.pdf"]  # state folders are not candidates
    work = layout.take(7, "a.pdf")
    assert work == inbox.resolve() / "processing" / "7" / "a.pdf" and work.exists()
    assert layout.take(7, "a.pdf") == work  # idempotent after a crash
    final = layout.destination(7, "a.pdf", failed=True)
    layout.finish(7, work, final, "the file is empty\nsecond line")
    assert (inbox / "failed" / "a.pdf").read_bytes() == b"x"
    reason = (inbox / "failed" / "a.pdf.reason.txt").read_text(encoding="utf-8")
    assert reason == "the file is empty second line\n"
    assert not (inbox / "processing" / "7").exists()
    # A second file of the same name never overwrites the first.
    assert layout.destination(8, "a.pdf", failed=True).name == "a.8.pdf"
    assert layout.take(9, "gone.pdf") is None


def test_keep_in_place_moves_nothing(inbox: Path) -> None:
    layout = InboxLayout.at(inbox, keep_in_place=True)
    (inbox / "a.pdf").write_bytes(b"x")
    work = layout.take(1, "a.pdf")
    assert work == inbox.resolve() / "a.pdf"
    final = layout.destination(1, "a.pdf", failed=True)
    layout.finish(1, work, final, "bad")
    assert (inbox / "a.pdf").exists() and (inbox / "a.pdf.reason.txt").exists()
    assert [e.name for e in layout.scan()] == ["a.pdf"]  # the reason file is a sidecar


def test_long_names_are_shortened_so_the_reason_file_fits(inbox: Path) -> None:
    layout = InboxLayout.at(inbox)
    layout.ensure()
    name = "ş" * 120 + ".pdf"  # 244 bytes
    final = layout.destination(3, name, failed=True)
    assert final.suffix == ".pdf" and len(final.name.encode()) <= 200
    assert write_reason(final, "reason").exists()


def test_printable_escapes_control_characters() -> None:
    assert printable("new\nline.pdf") == "new\\nline.pdf"
    assert printable("ÇĞİÖŞÜ.pdf") == "ÇĞİÖŞÜ.pdf"


# -- logs and health ---------------------------------------------------------------------


def test_json_log_lines_carry_extra_fields() -> None:
    record = logging.LogRecord("docpipe.watch", logging.INFO, "x", 1, "job %d done", (3,), None)
    record.job_id = 3
    data = json.loads(JsonLineFormatter().format(record))
    assert data["msg"] == "job 3 done" and data["job_id"] == 3 and data["level"] == "info"


def test_health_file_is_written_atomically(tmp_path: Path) -> None:
    path = tmp_path / "h" / "health.json"
    write_health(path, {"status": "running", "queued": 2})
    data = read_health(path)
    assert data is not None and data["status"] == "running" and "updated_at" in data
    assert [p.name for p in path.parent.iterdir()] == ["health.json"]


# -- ETTN duplicates, and the CLI shells -------------------------------------------------

ETTN = "f47ac10b-58cc-4372-a567-0e02b2c3d479"


def _cli(*args: str) -> int:
    from docpipe.cli import main

    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_a_rescan_with_a_known_ettn_is_a_duplicate_and_not_extracted_again(
    tmp_path: Path,
) -> None:
    from docpipe import Pipeline, Status, load_settings
    from tests.conftest import text_pdf
    from tests.test_pipeline import INVOICE_LINES

    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'd.db'}")
    first = text_pdf([*INVOICE_LINES, f"ETTN: {ETTN}"], tmp_path / "a.pdf")
    rescan = text_pdf([f"ETTN: {ETTN.upper()}", *INVOICE_LINES], tmp_path / "b.pdf")
    credit = text_pdf(
        [*INVOICE_LINES, "ETTN: 0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d", f"İade: {ETTN}"],
        tmp_path / "c.pdf",
    )
    with Pipeline(settings) as pipeline:
        original = pipeline.process(first)
        assert original.status is not Status.failed and original.record
        assert original.record.get("ettn") == ETTN
        again = pipeline.process(rescan)
        assert again.status is Status.duplicate and again.duplicate_of == original.document_id
        assert "extract" not in again.durations
        # Two UUIDs (a return invoice citing the original): not taken for a duplicate.
        assert pipeline.process(credit).status is not Status.duplicate


def test_status_command_reports_the_queue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docpipe.store import Store
    from docpipe.store.jobs import JobQueue

    url = f"sqlite:///{tmp_path / 'd.db'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with Store(url) as store:
        queue = JobQueue(store, str(inbox.resolve()))
        queue.enqueue("a.pdf", 1, 1)
        queue.enqueue("b.pdf", 1, 1)
        job = queue.claim("h:1", 60)
        assert job is not None
        queue.finish(job.id, "h:1", "failed", reason="the file is empty (0 bytes)")
    assert _cli("status", "--db", url, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["queued"], data["processing"], data["failed_last_hour"]) == (1, 0, 1)
    assert data["recent_failures"][0]["name"] == "a.pdf"
    assert _cli("status", "--db", url, "--inbox", str(inbox)) == 0
    out = capsys.readouterr().out
    assert "✗ a.pdf: the file is empty (0 bytes)" in out


def test_watch_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli("watch", str(tmp_path / "nope")) == 2
    assert f"docpipe: error: {tmp_path / 'nope'}: not a folder" in capsys.readouterr().err
