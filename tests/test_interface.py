"""Interface fixes (issue 16, part 5): the README's Python example as printed, read-only
commands on a missing database, mistyped variables, the systemd unit's vault key, Rich
markup in file names, --version, run --force, status, and needs_review/ in the inbox."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docpipe import Pipeline, Status, load_settings
from docpipe.cli import main
from docpipe.errors import ConfigError
from docpipe.settings import ENV_NOT_SETTINGS, Settings, check_environment
from docpipe.store import Store
from tests.conftest import ROOT, SAMPLES, text_pdf
from tests.test_pipeline import INVOICE_LINES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def _section(title: str) -> str:
    start = README.index(f"## {title}\n")
    return README[start : README.index("\n## ", start + 1)]


# -- the README's Python API example, as printed, twice ----------------------------------


def test_the_readme_python_example_runs_as_printed_twice(tmp_path: Path) -> None:
    section = _section("Python API")
    [shell] = re.findall(r"```sh\n(.*?)```", section, re.S)
    [code] = re.findall(r"```python\n(.*?)```", section, re.S)
    assert shell.strip() == "docpipe keygen vault.key"
    shutil.copy(SAMPLES / "invoices" / "earsiv_02.pdf", tmp_path / "fatura.pdf")
    (tmp_path / "inbox").mkdir()
    shutil.copy(SAMPLES / "xml" / "earsiv_03.xml", tmp_path / "inbox" / "e.xml")  # quick
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCPIPE_")}
    env["PYTHONPATH"] = str(ROOT)  # no vault key from the test fixture: only the example's
    keygen = [sys.executable, str(ROOT / "cli.py"), *shell.split()[1:]]
    subprocess.run(keygen, cwd=tmp_path, env=env, check=True, capture_output=True)
    # Run the printed code twice, as a user runs a script twice (one interpreter: the
    # second run finds every file stored and must still print the invoice's fields).
    twice = f"code = {code!r}\nfor _ in range(2):\n    exec(code, {{}})\n    print('--')\n"
    done = subprocess.run(
        [sys.executable, "-c", twice], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    first, second, _ = done.stdout.split("--\n")
    assert first.splitlines()[0] == "ok invoice"
    assert second.splitlines()[0] == "duplicate invoice"
    assert first.splitlines()[1] == second.splitlines()[1]  # payable amount, seller VKN
    assert (tmp_path / "docpipe.db").is_file()


def test_a_duplicate_carries_the_stored_record(tmp_path: Path) -> None:
    settings = load_settings(database_url=f"sqlite:///{tmp_path / 'd.db'}")
    path = SAMPLES / "xml" / "earsiv_01.xml"
    with Pipeline(settings) as pipeline:
        first = pipeline.process(path)
        again = pipeline.process(path)
    assert again.status is Status.duplicate and again.duplicate_of == first.document_id
    assert again.record == first.record and again.checks == first.checks
    invoice = again.typed_record()
    assert invoice is not None and invoice.buyer is not None
    assert invoice.buyer.tckn is None  # masked in the stored record: dropped, never clear


# -- read-only commands never create a database -------------------------------------------


#: Every command that reads, or acts on what is stored (reveal, subject, purge, audit and
#: destruction-log, export-truth, vault rotate, the redacted export): none creates a database.
ON_STORED = [
    ["list"],
    ["export", "--format", "json"],
    ["export", "--redacted-pdf", "out"],
    ["status"],
    ["show", "1"],
    ["reveal", "1", "buyer.tckn", "--reason", "request"],
    ["audit"],
    ["destruction-log"],
    ["subject", "10000000146"],
    ["purge", "--yes"],
    ["review", "export-truth", "truth"],
]


@pytest.mark.parametrize("args", [*ON_STORED, ["vault", "rotate", "--new-key", "KEY"]])
def test_read_only_commands_refuse_a_missing_database(
    args: list[str],
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if "KEY" in args:  # a real key file, outside the folder that must stay empty
        from docpipe.redact.vault import write_key_file

        key = tmp_path_factory.mktemp("key") / "vault.key"
        write_key_file(key)
        args = [str(key) if a == "KEY" else a for a in args]
    monkeypatch.chdir(tmp_path)
    assert _cli(*args) == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no database at docpipe.db" in err
    assert list(tmp_path.iterdir()) == []
    assert _cli(*args, "--db", f"sqlite:///{tmp_path / 'x' / 'y.db'}") == 7
    assert list(tmp_path.iterdir()) == []


def _tables(url: str) -> list[str]:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("args", ON_STORED[1:])  # `list` runs in the SQLite case below
def test_commands_on_stored_refuse_a_postgres_database_not_initialised(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """PostgreSQL: the database exists by definition, docpipe's tables may not."""
    from tests.test_store import fresh_pg_database

    monkeypatch.chdir(tmp_path)
    with fresh_pg_database() as url:
        assert _cli(*args, "--db", url) == 7
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is not initialised" in err, err
        assert _tables(url) == []


def test_commands_on_stored_refuse_an_empty_sqlite_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.db").touch()
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in ON_STORED:
        assert _cli(*args, "--db", url) == 7, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is not initialised" in err, (args, err)
    assert _tables(url) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


# -- DOCPIPE_* variables ------------------------------------------------------------------


def test_a_mistyped_variable_is_an_error_with_a_suggestion(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOCPIPE_ENGIN", "rules")
    with pytest.raises(ConfigError, match="DOCPIPE_ENGIN; did you mean DOCPIPE_ENGINE"):
        load_settings()
    assert _cli("list") == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown environment variable DOCPIPE_ENGIN;" in err
    monkeypatch.delenv("DOCPIPE_ENGIN")
    check_environment({"DOCPIPE_RUN_SLOW": "1", "docpipe_engine": "rules"})
    with pytest.raises(ConfigError, match="DOCPIPE_VAULT_KEYFILE; did you mean"):
        check_environment({"DOCPIPE_VAULT_KEYFILE": "k"})


def test_every_documented_variable_is_a_setting_or_allowed() -> None:
    """What the README, deploy/ and the tests name is accepted; nothing else is allowed."""
    texts = [README, *(p.read_text() for p in (ROOT / "deploy").iterdir())]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py")]
    named = {m for text in texts for m in re.findall(r"\bDOCPIPE_[A-Z0-9_]*[A-Z0-9]\b", text)}
    named.discard("DOCPIPE_ENGIN")  # the typo the test above makes
    named -= {n for n in named if n.startswith("DOCPIPE_VAULT_KEYFILE")}
    check_environment(dict.fromkeys(named, "x"))
    for name in ENV_NOT_SETTINGS:
        assert name in README, f"{name} is allowed but not documented"
    assert not {n.removeprefix("DOCPIPE_").lower() for n in ENV_NOT_SETTINGS} & set(
        Settings.model_fields
    )


def test_deploy_units_take_the_vault_key_as_a_credential() -> None:
    units = sorted((ROOT / "deploy").glob("*.service"))
    assert units
    for unit in units:
        lines = [line.strip() for line in unit.read_text().splitlines()]
        active = [line for line in lines if line and not line.startswith("#")]
        credential = [line for line in active if line.startswith("LoadCredential=vault.key:")]
        assert credential, f"{unit.name}: no LoadCredential for the vault key"
        assert "Environment=DOCPIPE_VAULT_KEY_FILE=%d/vault.key" in active, unit.name
        assert not any("DOCPIPE_VAULT_KEY=" in line for line in active), unit.name


# -- what the terminal shows ----------------------------------------------------------------


def test_file_names_with_brackets_are_printed_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    names = ["fatura [1] [red]x.pdf", "pip install docpipe[vlm].pdf"]
    for number, name in enumerate(names):
        (tmp_path / name).write_bytes(b"x" * number)  # empty or garbage: fails, named
    paths = [str(tmp_path / n) for n in names]
    assert _cli("run", "--no-store", "--jobs", "1", *paths) == 1
    err = capsys.readouterr().err
    for name in names:
        assert name in err
    with Pipeline(load_settings(database_url=url)) as pipeline:
        assert [pipeline.process(p).status for p in paths] == [Status.failed] * 2
    assert _cli("list", "--db", url) == 0
    shown = capsys.readouterr().out  # names are stored as a keyed hash: only the extension
    assert shown.count("failed") == 2 and "vlm" not in shown and "x.pdf" not in shown


def test_an_install_hint_keeps_its_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    """A real missing driver: the one error line names `pip install 'docpipe[postgres]'`
    whole (the same printer carries the vlm engine's `docpipe[vlm]` hint)."""
    import importlib.util

    if importlib.util.find_spec("pg8000") is not None:
        pytest.skip("pg8000 is installed here: no driver is missing")
    assert _cli("list", "--db", "postgresql+pg8000://u@127.0.0.1:1/none") == 7
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "(pip install 'docpipe[postgres]')" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from docpipe import __version__

    assert _cli("--version") == 0
    assert capsys.readouterr().out == f"docpipe {__version__}\n"


# -- run --force ------------------------------------------------------------------------------


def test_run_force_replaces_the_record_of_a_stored_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.db'}"
    sample = SAMPLES / "xml" / "earsiv_01.xml"
    with Pipeline(load_settings(database_url=url)) as pipeline:
        assert pipeline.process(sample).status is Status.ok
    assert _cli("run", "--db", url, "--jobs", "1", "--force", str(sample)) == 0
    with Store(url) as store:
        [doc] = store.list_documents()
        events = store.list_audit(document_id=doc.id)
    assert doc.status is Status.ok and doc.extraction is not None
    assert [e.action for e in events][:2] == ["extract", "ingest"]
    assert events[0].details.get("reprocess") is True
    with Pipeline(load_settings(database_url=url)) as pipeline:  # no --force: a duplicate
        assert pipeline.process(sample).status is Status.duplicate
    assert _cli("run", "--db", url, "--no-store", "--force", str(sample)) == 2


# -- the watch daemon and `docpipe status` -------------------------------------------------


def test_needs_review_files_go_to_their_own_folder_and_status_counts_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from docpipe.store.jobs import JobQueue
    from docpipe.watch.inbox import InboxLayout
    from docpipe.watch.jobs import run_job

    url = f"sqlite:///{tmp_path / 'd.db'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text_pdf(INVOICE_LINES, inbox / "eksik.pdf")  # no totals: a record that needs review
    layout = InboxLayout.at(inbox)
    layout.ensure()
    settings = load_settings(database_url=url)
    with Pipeline(settings) as pipeline:
        assert pipeline.store is not None
        queue = JobQueue(pipeline.store, layout.key)
        queue.enqueue("eksik.pdf", 1, 1)
        job = queue.claim("w:1", 60)
        assert job is not None
        result = run_job(
            job, pipeline=pipeline, queue=queue, layout=layout, worker="w:1", max_attempts=3
        )
    assert result is not None and result.status is Status.needs_review
    assert (inbox / "needs_review" / "eksik.pdf").is_file()
    assert not (inbox / "done" / "eksik.pdf").exists()

    assert _cli("status", "--db", url) == 0
    shown = capsys.readouterr().out
    assert "no watch daemon is running" in shown
    assert _cli("status", "--db", url, "--json") == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["needs_review"] == 1 and data["daemon_running"] is False


def test_status_sees_a_daemon_by_its_fresh_health_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import socket

    from docpipe.store.jobs import JobQueue
    from docpipe.watch.health import default_health_path, write_health

    url = f"sqlite:///{tmp_path / 'd.db'}"
    inbox = (tmp_path / "inbox").resolve()
    inbox.mkdir()
    with Store(url) as store:
        JobQueue(store, str(inbox)).enqueue("a.pdf", 1, 1)
    health = default_health_path(inbox)
    alive = {"status": "running", "pid": os.getpid(), "host": socket.gethostname()}
    write_health(health, {**alive, "inbox": str(inbox)})
    assert _cli("status", "--db", url, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["daemon_running"] is True and data["daemons"][0]["pid"] == os.getpid()
    assert _cli("status", "--db", url) == 0
    assert f"watch daemon running: {inbox}" in capsys.readouterr().out
    # stopped, or a pid that no longer runs on this host: not running
    write_health(health, {**alive, "status": "stopped", "inbox": str(inbox)})
    assert _cli("status", "--db", url, "--json") == 0
    assert json.loads(capsys.readouterr().out)["daemon_running"] is False
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    write_health(health, {**alive, "pid": int(dead.stdout), "inbox": str(inbox)})
    assert _cli("status", "--db", url, "--json") == 0
    assert json.loads(capsys.readouterr().out)["daemon_running"] is False


def test_the_progress_bar_counts_and_shows_an_eta_but_no_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`docpipe run` on a terminal: the bar's frames (written before it is cleared) show
    files done of all, the elapsed time and an ETA; never a file name, which is often
    its subject's (a terminal may be shared or recorded; `list` masks names too)."""
    import io

    from rich.console import Console

    import docpipe.cli.documents as documents

    screen = Console(file=io.StringIO(), force_terminal=True, width=160, color_system=None)
    monkeypatch.setattr(documents, "err", screen)
    subject = "Ayşe Yılmaz 10000000146"
    named = []
    for number, source in enumerate(("earsiv_01.xml", "earsiv_02.xml")):
        named.append(tmp_path / f"{subject} fatura {number}.xml")
        named[-1].write_bytes((SAMPLES / "xml" / source).read_bytes())
    assert _cli("run", "--no-store", "--jobs", "1", *map(str, named)) == 0
    shown = screen.file.getvalue()  # type: ignore[attr-defined]
    assert "2/2" in shown and "ETA" in shown and "0:00:" in shown
    for part in (*subject.split(), "fatura", ".xml"):
        assert part not in shown, part


def test_a_job_filed_away_just_before_a_crash_leaves_no_folder_in_processing(
    tmp_path: Path,
) -> None:
    """A daemon killed between moving the file into ``done/`` and removing its empty
    ``processing/ID/`` folder: the job's next run finishes the bookkeeping and the folder."""
    from docpipe.store.jobs import JobQueue
    from docpipe.watch.inbox import InboxLayout
    from docpipe.watch.jobs import run_job

    url = f"sqlite:///{tmp_path / 'd.db'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    text_pdf(INVOICE_LINES, inbox / "yarim.pdf")
    layout = InboxLayout.at(inbox)
    layout.ensure()
    with Pipeline(load_settings(database_url=url)) as pipeline:
        assert pipeline.store is not None
        queue = JobQueue(pipeline.store, layout.key)
        queue.enqueue("yarim.pdf", 1, 1)
        job = queue.claim("w:1", 60)
        assert job is not None
        work = layout.take(job.id, job.name)
        assert work is not None and work.parent.name == str(job.id)
        final = layout.destination(job.id, job.name, failed=False, review=True)
        queue.update_held(job.id, "w:1", work_path=str(work), final_path=str(final))
        work.rename(final)  # the crash comes here, before the folder is removed
        assert list((inbox / "processing").iterdir()) == [work.parent]
        queue.requeue(job.id, "w:1")
        again = queue.claim("w:2", 60)
        assert again is not None and again.id == job.id
        run_job(again, pipeline=pipeline, queue=queue, layout=layout, worker="w:2", max_attempts=3)
        assert queue.get(job.id).state == "done"
    assert list((inbox / "processing").iterdir()) == []
    assert final.is_file()
