"""Operator safety and transparency (issue 15, item 5): erasure and purge ask first or take
--yes (refused in one line when no one can answer); audit and destruction-log list events,
as a table or JSON lines, without personal values."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from sqlalchemy import text

from docpipe.errors import ExitCode
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.models import utcnow
from tests.test_cli import cli
from tests.test_kvkk_pipeline import INVOICE, _truth


class _Terminal(io.StringIO):
    """An operator at a terminal typing ``answer``."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def stored(settings: Settings) -> tuple[str, int]:
    with Pipeline(settings) as pipe:
        document_id = pipe.process(INVOICE).document_id
    assert document_id is not None
    return settings.database_url, document_id


def _documents(url: str) -> int:
    with Store(url) as store:
        return store.count_documents()


def test_erasure_asks_first_or_takes_yes(
    stored: tuple[str, int], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = stored
    tckn = _truth(INVOICE)["buyer.tckn"]
    # no terminal and no --yes: one line, nothing erased
    assert cli("subject", tckn, "--erase", "--db", url) == int(ExitCode.bad_arguments)
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "--yes" in lines[0] and tckn not in lines[0]
    assert _documents(url) == 1
    # an operator who answers no keeps the documents
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    assert cli("subject", tckn, "--erase", "--db", url) == 0
    assert "nothing erased" in capsys.readouterr().out and _documents(url) == 1
    # one who answers yes erases them
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    assert cli("subject", tckn, "--erase", "--db", url) == 0
    assert "erased 1 documents" in capsys.readouterr().out and _documents(url) == 0


def test_purge_asks_first_and_the_logs_show_what_happened(
    stored: tuple[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    url, document_id = stored
    truth = _truth(INVOICE)
    assert (
        cli("reveal", str(document_id), "buyer.tckn", "--reason", "müşteri talebi", "--db", url)
        == 0
    )
    capsys.readouterr()
    with Store(url) as store, store.engine.begin() as conn:  # stored 11 years ago
        conn.execute(
            text("UPDATE documents SET created_at = :at"), {"at": utcnow() - timedelta(days=4000)}
        )
    assert cli("purge", "--db", url) == int(ExitCode.bad_arguments)
    assert "--yes" in capsys.readouterr().err and _documents(url) == 1
    assert cli("purge", "--dry-run", "--db", url) == 0  # counting needs no confirmation
    assert _documents(url) == 1
    assert cli("purge", "--yes", "--db", url) == 0
    assert _documents(url) == 0
    capsys.readouterr()

    assert cli("destruction-log", "--db", url) == 0
    table = capsys.readouterr().out
    assert "retention" in table and "invoice" in table and "1 destruction-log entries" in table
    assert cli("destruction-log", "--json", "--db", url) == 0
    entries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["reason"], e["category"], e["count"]) for e in entries] == [
        ("retention", "invoice", 1)
    ]

    assert cli("audit", "--json", "--db", url) == 0
    printed = capsys.readouterr().out
    events = [json.loads(line) for line in printed.splitlines()]
    actions = [e["action"] for e in events]
    assert "reveal" in actions and "ingest" in actions
    reveal = next(e for e in events if e["action"] == "reveal")
    assert reveal["details"] == {"field": "buyer.tckn", "reason": "müşteri talebi"}
    assert cli("audit", "--db", url) == 0
    printed += capsys.readouterr().out
    assert "reveal" in printed and "field=buyer.tckn" in printed
    personal = ("buyer.tckn", "buyer.name", "buyer.phone", "buyer.address")
    assert [p for p in personal if truth[p] in printed] == []
