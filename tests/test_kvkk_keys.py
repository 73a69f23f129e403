"""One vault key per database: a fingerprint, a second key refused, rotation (issue 15, item 2).

Store-level cases run on SQLite and the real PostgreSQL (``db_url`` from test_store);
the command-line cases run the pipeline on one sample invoice on SQLite.
"""

from __future__ import annotations

import base64
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, text

from docpipe.errors import ConfigError, ExitCode
from docpipe.kvkk import find_subject, reveal, rotate_key
from docpipe.pipeline import Pipeline
from docpipe.redact.protect import subject_digest
from docpipe.redact.vault import Vault, key_fingerprint, new_key
from docpipe.settings import Settings, load_settings
from docpipe.store import Protection, Store
from tests.test_cli import cli
from tests.test_kvkk_pipeline import INVOICE, _truth
from tests.test_store import db_url, ok_result, postgres_url, save, sha  # noqa: F401

TCKN = "10000000146"


def _settings(url: str, key: str) -> Settings:
    return load_settings(database_url=url, vault_key=SecretStr(key))


def _sealed(store: Store, key: bytes, n: int, *, vault: bool = True) -> int:
    """Save document ``n`` mentioning TCKN, sealed under ``key`` (as the pipeline does)."""
    store.use_vault_key(key_fingerprint(key))
    tokens = [
        ("buyer.tckn", "TR_NATIONAL_ID", Vault(key).seal(TCKN, document=sha(n), field="buyer.tckn"))
    ]
    protection = Protection(
        text="T.C. 10*******46",
        vault=tokens if vault else [],
        subjects=[(subject_digest(TCKN, key, "tckn"), "tckn")],
    )
    return save(store, ok_result(n), protection=protection)


def _dump(url: str) -> str:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT fingerprint FROM vault_key")).all()
    engine.dispose()
    return repr(rows)


def test_first_sealed_write_records_a_fingerprint_and_another_key_is_refused(
    db_url: str,  # noqa: F811
) -> None:
    old_b64, other_b64 = new_key(), new_key()
    old, other = base64.b64decode(old_b64), base64.b64decode(other_b64)
    with Store(db_url) as store:
        assert store.vault_key_fingerprint() is None
        mine = _sealed(store, old, 1)
        assert store.vault_key_fingerprint() == key_fingerprint(old)
    stored = _dump(db_url)
    assert old_b64 not in stored and old.hex() not in stored  # a derived value, never the key
    with Store(db_url) as store:
        with pytest.raises(ConfigError) as refused:
            _sealed(store, other, 2)
        message = refused.value.message
        assert "\n" not in message and "another vault key" in message
        assert "docpipe vault rotate --new-key" in message
        with pytest.raises(ConfigError, match="another vault key"):
            find_subject(store, _settings(db_url, other_b64), TCKN)
        assert [r.id for r in find_subject(store, _settings(db_url, old_b64), TCKN)] == [mine]


def test_rotation_reseals_the_vault_and_rebuilds_the_subject_index(
    db_url: str,  # noqa: F811
) -> None:
    old_b64, new_b64 = new_key(), new_key()
    old, new = base64.b64decode(old_b64), base64.b64decode(new_b64)
    with Store(db_url) as store:
        first, second = _sealed(store, old, 1), _sealed(store, old, 2)
        report = rotate_key(store, _settings(db_url, old_b64), new)
        assert (report.vault_entries, report.subject_rows) == (2, 2)
        assert store.vault_key_fingerprint() == key_fingerprint(new)
    with Store(db_url) as store:
        after = _settings(db_url, new_b64)
        assert [r.id for r in find_subject(store, after, TCKN)] == [first, second]
        assert reveal(store, after, second, "buyer.tckn", reason="rotation test") == TCKN
        with pytest.raises(ConfigError, match="another vault key"):
            reveal(store, _settings(db_url, old_b64), first, "buyer.tckn", reason="old key")
        rotation = [e for e in store.list_audit() if e.action == "vault_rotate"]
        assert [e.details for e in rotation] == [{"vault_entries": 2, "subject_rows": 2}]


def test_rotation_that_cannot_rebuild_the_index_changes_nothing(
    db_url: str,  # noqa: F811
) -> None:
    old_b64 = new_key()
    old, new = base64.b64decode(old_b64), base64.b64decode(new_key())
    with Store(db_url) as store:
        _sealed(store, old, 1)
        _sealed(store, old, 2, vault=False)  # indexed, but its identifier is not in the vault
        before = [e.token for e in store.vault_entries(1)]
        with pytest.raises(ConfigError, match="cannot be rebuilt"):
            rotate_key(store, _settings(db_url, old_b64), new)
        assert [e.token for e in store.vault_entries(1)] == before
        assert store.vault_key_fingerprint() == key_fingerprint(old)
        assert len(find_subject(store, _settings(db_url, old_b64), TCKN)) == 2


def test_cli_refuses_a_second_key_and_rotates(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    tckn = _truth(INVOICE)["buyer.tckn"]
    with Pipeline(settings) as pipe:
        document_id = pipe.process(INVOICE).document_id
    url = settings.database_url
    # a second key: `docpipe run` and `subject` stop with one line, exit non-zero
    sealed_with = os.environ["DOCPIPE_VAULT_KEY"]
    monkeypatch.setenv("DOCPIPE_VAULT_KEY", new_key())
    for argv in (["run", str(INVOICE), "--db", url], ["subject", tckn, "--db", url]):
        assert cli(*argv) == int(ExitCode.config_error)
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and "another vault key" in lines[0] and tckn not in lines[0]
    monkeypatch.setenv("DOCPIPE_VAULT_KEY", sealed_with)
    # rotate to a new key file under the old key; then the new key finds and reveals
    key_file = tmp_path / "new.key"
    assert cli("keygen", str(key_file)) == 0
    assert cli("vault", "rotate", "--new-key", str(key_file), "--db", url) == 0
    printed = capsys.readouterr().out
    assert "re-sealed" in printed and tckn not in printed
    monkeypatch.delenv("DOCPIPE_VAULT_KEY", raising=False)
    monkeypatch.setenv("DOCPIPE_VAULT_KEY_FILE", str(key_file))
    assert cli("subject", tckn, "--db", url) == 0
    assert "1 documents mention this data subject" in capsys.readouterr().out
    reason = ("--reason", "after rotation", "--db", url)
    assert cli("reveal", str(document_id), "buyer.tckn", *reason) == 0
    assert capsys.readouterr().out.strip() == tckn


@pytest.mark.parametrize("same_key", [True, False])
def test_two_first_writers_at_once_agree_on_one_key(
    db_url: str,  # noqa: F811
    same_key: bool,
) -> None:
    keys = [base64.b64decode(new_key()) for _ in range(2)]
    if same_key:
        keys[1] = keys[0]
    start = threading.Barrier(2)

    def write(n: int) -> str:
        with Store(db_url) as store:
            start.wait()
            try:
                _sealed(store, keys[n], n + 1)
            except ConfigError as refused:
                assert "another vault key" in refused.message
                return "refused"
        return "saved"

    with ThreadPoolExecutor(2) as pool:
        outcomes = sorted(pool.map(write, range(2)))
    assert outcomes == (["saved", "saved"] if same_key else ["refused", "saved"])
    with Store(db_url) as store:
        assert store.vault_key_fingerprint() in {key_fingerprint(k) for k in keys}
        assert store.count_documents() == (2 if same_key else 1)


def test_the_watch_daemon_refuses_another_key_before_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docpipe.watch import daemon

    url = f"sqlite:///{tmp_path / 'sealed.db'}"
    with Store(url) as store:
        _sealed(store, base64.b64decode(new_key()), 1)
    monkeypatch.setattr("docpipe.watch.logs.configure_logging", lambda **_: None)
    with pytest.raises(ConfigError, match="another vault key"):
        daemon.run_daemon(tmp_path / "inbox", _settings(url, new_key()))
