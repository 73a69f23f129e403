"""The README's main job against the real PostgreSQL server: samples in, records out, twice."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, func, select

from docpipe.cli import main
from docpipe.store.models import DocumentTable, ExtractionTable
from tests.conftest import SAMPLES
from tests.test_store import fresh_pg_database

pytestmark = pytest.mark.postgres


def _run(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_run_samples_into_postgres_twice_adds_no_duplicates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    invoices = SAMPLES / "invoices"
    expected = len(list(invoices.glob("*.pdf")))
    with fresh_pg_database() as url:
        assert _run("run", str(invoices), "--db", url) == 0
        assert _run("run", str(invoices), "--db", url) == 0
        out = capsys.readouterr().out
        assert f"{expected} │" in out  # the second run reports every file as a duplicate
        engine = create_engine(url)
        with engine.connect() as conn:
            docs = conn.scalar(select(func.count()).select_from(DocumentTable))
            extractions = conn.scalar(select(func.count()).select_from(ExtractionTable))
            statuses = set(conn.scalars(select(DocumentTable.status)))
        engine.dispose()
    assert docs == extractions == expected
    assert statuses == {"ok"}
