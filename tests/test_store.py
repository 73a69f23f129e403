"""The store against SQLite and the real PostgreSQL server.

PostgreSQL: ``DOCPIPE_TEST_POSTGRES_URL`` (default
postgresql+psycopg://postgres@127.0.0.1:5432/test). Each test session creates a
fresh ``docpipe_test_<random>`` database there and drops it at the end; the
PostgreSQL cases are skipped, with the reason, only when the server is unreachable.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, create_engine, func, inspect, make_url, select, text
from sqlalchemy import exc as sa_exc

from docpipe.document import Evidence
from docpipe.errors import StoreError
from docpipe.result import Check, ErrorInfo, Result, Status
from docpipe.store import DocumentView, Protection, Store, repository
from docpipe.store.migrate import current_revision, head_revision
from docpipe.store.models import Base, DocumentTable, ExtractionTable, SubjectIndexTable

PG_URL = os.environ.get(
    "DOCPIPE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
TABLES = {
    "documents",
    "extractions",
    "audit_events",
    "watch_jobs",
    "job_contents",
    "document_texts",
    "vault_entries",
    "subject_index",
    "destruction_log",
    "document_sources",
    "vault_key",
}


# -- databases -------------------------------------------------------------------


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """Create docpipe_test_<random> on the test server; drop it afterwards."""
    base = make_url(PG_URL)
    admin = None
    reasons = []
    for admin_db in dict.fromkeys([base.database, "postgres"]):
        engine = create_engine(
            base.set(database=admin_db),
            isolation_level="AUTOCOMMIT",
            connect_args={"connect_timeout": 3},
        )
        try:
            with engine.connect():
                pass
        except (sa_exc.OperationalError, sa_exc.InterfaceError) as error:
            engine.dispose()
            reasons.append(str(error.orig).strip().splitlines()[0])
            continue
        admin = engine
        break
    if admin is None:
        safe = base.render_as_string(hide_password=True)
        pytest.skip(f"PostgreSQL server unreachable at {safe}: {'; '.join(reasons)}")
    name = f"docpipe_test_{secrets.token_hex(6)}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'nested' / 'docpipe.db'}"
        return
    url = request.getfixturevalue("postgres_url")
    yield url
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "TRUNCATE audit_events, extractions, documents, destruction_log, vault_key "
                "RESTART IDENTITY CASCADE"
            )
    finally:
        engine.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store(db_url) as opened:
        yield opened


# -- results ---------------------------------------------------------------------


def sha(n: int) -> str:
    return f"{n:064x}"


def ok_result(n: int = 1, **changes: object) -> Result:
    values: dict[str, object] = {
        "path": f"/in/invoice-{n}.pdf",
        "sha256": sha(n),
        "status": Status.ok,
        "doc_type": "invoice",
        "doc_type_confidence": 0.93,
        "media_type": "application/pdf",
        "page_count": 2,
        "engine": "rules",
        "schema_name": "Invoice",
        "schema_version": "1",
        "record": {
            "invoice_number": "ABC2024000000123",
            "total": str(Decimal("1234.50")),
            "lines": [{"description": "Danışmanlık", "amount": "1000.00", "vat_rate": "20"}],
        },
        "evidence": {
            "total": Evidence(
                page=1,
                bbox=(10.0, 20.0, 80.5, 32.0),
                source_text="1.234,50",
                engine="rules",
                confidence=0.9,
            )
        },
        "checks": [
            Check(name="totals", field="total", passed=True),
            Check(name="vkn_checksum", field="seller.vkn", passed=False, reason="bad check digit"),
        ],
        "durations": {"ingest": 0.01, "extract": 0.2},
    }
    values.update(changes)
    return Result.model_validate(values)


def failed_result(n: int = 1) -> Result:
    return Result(
        path=f"/in/invoice-{n}.pdf",
        sha256=sha(n),
        status=Status.failed,
        media_type="application/pdf",
        page_count=2,
        error=ErrorInfo(stage="read", category="engine", reason="tesseract is not installed"),
    )


def save(store: Store, result: Result, **kwargs: object) -> int:
    return store.save_result(
        result,
        source_path=result.path,
        file_name=Path(result.path).name,
        size_bytes=1234,
        **kwargs,  # type: ignore[arg-type]
    )


def count(store: Store, table: type[Base]) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def count_audit(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM audit_events")) or 0)


# -- schema ----------------------------------------------------------------------


def test_migrations_create_exactly_the_model_tables(store: Store) -> None:
    with store.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == TABLES | {"alembic_version"}
        assert current_revision(conn) == head_revision() == "0010"
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_constraint_names_match_the_models(store: Store) -> None:
    # compare_metadata ignores CHECK constraints and most names; check them here.
    with store.engine.connect() as conn:
        found = inspect(conn)
        for table in Base.metadata.sorted_tables:
            db_checks = {c["name"] for c in found.get_check_constraints(table.name)}
            model_checks = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            assert db_checks == model_checks
            db_fks = {fk["name"] for fk in found.get_foreign_keys(table.name)}
            assert db_fks == {fk.name for fk in table.foreign_key_constraints}
            db_indexes = {i["name"] for i in found.get_indexes(table.name)}
            assert db_indexes == {i.name for i in table.indexes}
            if conn.dialect.name == "postgresql":  # SQLite does not keep PK names
                assert found.get_pk_constraint(table.name)["name"] == table.primary_key.name


def test_opening_again_is_idempotent(db_url: str) -> None:
    with Store(db_url) as first:
        doc_id = save(first, ok_result())
    with Store.open(db_url) as second:
        assert second.get_document(doc_id) is not None


def test_two_stores_opening_a_fresh_database_at_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'race.db'}"
    barrier = threading.Barrier(4)

    def open_store() -> str | None:
        barrier.wait()
        with Store(url) as opened, opened.engine.connect() as conn:
            return current_revision(conn)

    with ThreadPoolExecutor(4) as pool:
        revisions = list(pool.map(lambda _: open_store(), range(4)))
    assert revisions == [head_revision()] * 4


@pytest.mark.postgres
def test_two_stores_migrating_a_fresh_postgres_database_at_once() -> None:
    with fresh_pg_database() as url:
        barrier = threading.Barrier(3)

        def open_store() -> str | None:
            barrier.wait()
            with Store(url) as opened, opened.engine.connect() as conn:
                return current_revision(conn)

        with ThreadPoolExecutor(3) as pool:
            revisions = list(pool.map(lambda _: open_store(), range(3)))
        assert revisions == [head_revision()] * 3


def test_sqlite_gets_wal_foreign_keys_and_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "docpipe.db"
    with Store(f"sqlite:///{path}") as opened, opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: waits for disk
    assert path.is_file()


def test_commits_that_need_not_wait_for_the_disk_stay_in_wal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'docpipe.db'}"
    with Store(url, durable_commits=False) as relaxed, relaxed.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"  # never corrupt
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        document_id = save(relaxed, ok_result())
    with Store(url) as durable:  # what a relaxed store committed, another process reads
        assert durable.get_document(document_id) is not None


# -- round trip ------------------------------------------------------------------


def test_save_get_list_round_trip(store: Store) -> None:
    result = ok_result()
    doc_id = save(store, result, model="local-vlm")

    view = store.get_document(doc_id)
    assert isinstance(view, DocumentView)
    assert (view.sha256, view.status, view.doc_type) == (sha(1), Status.ok, "invoice")
    assert (view.file_name, view.size_bytes, view.page_count) == ("invoice-1.pdf", 1234, 2)
    assert view.source_path == "/in/invoice-1.pdf"
    assert view.doc_type_confidence == pytest.approx(0.93)
    assert view.error_message is None
    assert view.created_at.tzinfo is not None and view.created_at.utcoffset() == UTC.utcoffset(None)

    extraction = view.extraction
    assert extraction is not None
    assert extraction.record == result.record
    assert extraction.record["total"] == "1234.50"
    assert Decimal(extraction.record["total"]) == Decimal("1234.50")
    assert (extraction.engine, extraction.model, extraction.schema_name) == (
        "rules",
        "local-vlm",
        "Invoice",
    )
    assert Evidence.model_validate(extraction.evidence["total"]) == result.evidence["total"]
    assert [Check.model_validate(c) for c in extraction.checks] == result.checks
    assert extraction.durations == result.durations

    row = store.find_by_sha256(sha(1))
    assert row is not None and row.id == doc_id and not hasattr(row, "extraction")
    assert store.find_by_sha256(sha(99)) is None
    assert store.get_document(doc_id + 1000) is None

    listed = store.list_documents()
    assert [v.id for v in listed] == [doc_id]
    assert listed[0].extraction == extraction

    events = store.list_audit(document_id=doc_id)
    assert [(e.action, e.details["extraction_id"]) for e in events] == [("ingest", extraction.id)]


def test_list_filters_orders_newest_first_and_pages(store: Store) -> None:
    ids = [save(store, ok_result(n)) for n in range(1, 4)]
    failed_id = save(store, failed_result(4))
    review_id = save(store, ok_result(5, status=Status.needs_review, doc_type="contract"))

    assert [v.id for v in store.list_documents()] == [review_id, failed_id, *reversed(ids)]
    assert [v.id for v in store.list_documents(status=Status.failed)] == [failed_id]
    assert [v.id for v in store.list_documents(status="needs_review")] == [review_id]
    assert [v.id for v in store.list_documents(doc_type="invoice")] == list(reversed(ids))
    assert [v.id for v in store.list_documents(limit=2, offset=1)] == [failed_id, ids[2]]
    assert store.list_documents(status=Status.failed)[0].extraction is None
    assert store.count_documents() == 5
    assert store.count_documents(doc_type="invoice", status="ok") == 3


def test_export_yields_documents_with_their_current_extraction(store: Store) -> None:
    first = save(store, ok_result(1))
    save(store, failed_result(2))
    third = save(store, ok_result(3, doc_type="contract", schema_name="Contract"))

    exported = list(store.iter_extractions_for_export(batch_size=1))
    assert [v.id for v in exported] == [first, third]
    assert all(v.extraction is not None for v in exported)
    assert [v.id for v in store.iter_extractions_for_export(doc_type="contract")] == [third]


# -- one document per file ------------------------------------------------------


def test_same_sha256_twice_is_one_document(store: Store) -> None:
    first = save(store, ok_result())
    second = save(store, ok_result(path="/elsewhere/copy.pdf"))
    assert first == second
    assert count(store, DocumentTable) == 1
    assert count(store, ExtractionTable) == 1
    assert count_audit(store) == 1
    assert store.get_document(first).source_path == "/in/invoice-1.pdf"  # type: ignore[union-attr]


def test_duplicate_result_returns_the_existing_id_and_writes_nothing(store: Store) -> None:
    doc_id = save(store, ok_result())
    dup = Result(path="/in/copy.pdf", sha256=sha(1), status=Status.duplicate, duplicate_of=doc_id)
    assert save(store, dup) == doc_id
    assert save(store, dup.model_copy(update={"duplicate_of": None})) == doc_id
    assert count_audit(store) == 1


def test_failed_then_ok_updates_the_document(store: Store) -> None:
    doc_id = save(store, failed_result())
    failed = store.get_document(doc_id)
    assert failed is not None and failed.status is Status.failed
    assert (failed.error_stage, failed.error_category) == ("read", "engine")
    assert failed.extraction is None

    assert save(store, ok_result()) == doc_id
    fixed = store.get_document(doc_id)
    assert fixed is not None and fixed.status is Status.ok
    assert (fixed.error_stage, fixed.error_category, fixed.error_message) == (None, None, None)
    assert fixed.extraction is not None and fixed.extraction.engine == "rules"
    assert fixed.updated_at >= failed.updated_at and fixed.created_at == failed.created_at
    assert count(store, DocumentTable) == 1
    assert [e.action for e in store.list_audit(document_id=doc_id)] == ["extract", "ingest"]


def test_reprocess_adds_an_extraction_and_the_newest_is_current(store: Store) -> None:
    doc_id = save(store, ok_result())
    again = ok_result(engine="vlm", record={"invoice_number": "X", "total": "99.90"})
    assert save(store, again, reprocess=True) == doc_id
    assert count(store, ExtractionTable) == 2
    view = store.get_document(doc_id)
    assert view is not None and view.extraction is not None
    assert (view.extraction.engine, view.extraction.record["total"]) == ("vlm", "99.90")
    assert store.list_documents()[0].extraction == view.extraction


def test_unhashed_failures_are_matched_by_path(store: Store) -> None:
    unhashed = failed_result().model_copy(update={"sha256": None})
    first = save(store, unhashed)
    assert save(store, unhashed) == first
    assert count(store, DocumentTable) == 1


def test_concurrent_saves_of_one_file_make_one_document(store: Store) -> None:
    barrier = threading.Barrier(6)

    def worker(_: int) -> int:
        barrier.wait()
        return save(store, ok_result(7))

    with ThreadPoolExecutor(6) as pool:
        ids = set(pool.map(worker, range(6)))
    assert len(ids) == 1
    assert count(store, DocumentTable) == 1
    assert count(store, ExtractionTable) == 1


def test_losing_the_insert_race_returns_the_existing_id(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = save(store, ok_result())
    real = Store._find_existing
    calls: list[int] = []

    def blind_first(self: Store, *args: object) -> object:
        calls.append(1)
        return None if len(calls) == 1 else real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_find_existing", blind_first)
    assert save(store, ok_result()) == existing  # insert hits the unique index, then retries
    assert len(calls) == 2
    assert count(store, DocumentTable) == 1


def test_a_form_matches_the_first_stored_form_of_its_seller_either_way(store: Store) -> None:
    """``identity.find_invoice`` among one seller's forms: the first stored that matches,
    by an ETTN two characters off with the same total, or by number and date where one
    side has no well-formed ETTN (the database compares the keys, Python the ETTNs)."""
    from docpipe.store import identity

    ettn = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
    later = "0b1e2c3d-58cc-4372-a567-0e02b2c3d479"

    def form(n: int, **keys: Any) -> int:
        document_id = save(store, ok_result(n))
        info = identity.SourceInfo(
            sha(100 + n), f"f{n}.pdf", "application/pdf", "text_layer", False,
            seller_digest="s", **keys,
        )  # fmt: skip
        identity.add_source(store, document_id, info, "first")
        return document_id

    def find(seller: str = "s", **keys: Any) -> identity.Match | None:
        info = identity.SourceInfo(
            sha(200), "q.pdf", None, "ocr", False, seller_digest=seller, **keys
        )
        return identity.find_invoice(store, info)

    first = form(1, ettn=ettn, total="100.00", invoice_number="A1", issue_date="2024-01-01")
    second = form(2, ettn=None, total="100.00", invoice_number="A2", issue_date="2024-01-02")
    third = form(3, ettn=later, total="50", invoice_number="A3", issue_date="2024-01-03")
    off = ettn[:3] + "b" + ettn[4:10] + "d" + ettn[11:]  # two slips
    keys = {"invoice_number": "A2", "issue_date": "2024-01-02"}
    assert find(ettn=off, total="100.0", **keys) == identity.Match(first, "ettn_near", ettn)
    assert find(ettn=off, total="999", **keys) == identity.Match(second, "keys", None)
    near_third = {"ettn": "1" + later[1:], "total": "50.00"}
    assert find(**near_third, **keys) == identity.Match(second, "keys", None)  # stored first
    assert find(**near_third) == identity.Match(third, "ettn_near", later)
    assert find(**near_third, seller="t") is None
    # both sides with a well-formed ETTN: those decide, however equal number and date are
    far = "00000000-0000-4000-8000-000000000000"
    assert find(ettn=far, total="100", invoice_number="A1", issue_date="2024-01-01") is None
    assert find(ettn="garbled", total="1", invoice_number="A1", issue_date="2024-01-01") == (
        identity.Match(first, "keys", ettn)
    )


# -- atomicity -------------------------------------------------------------------


def break_the_audit_insert(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the last statement of save_result fail with a real database error."""
    real = repository.insert_audit

    def broken(session: object, **columns: Any) -> int:
        return real(session, **{**columns, "action": None})  # type: ignore[arg-type]  # NOT NULL

    monkeypatch.setattr(repository, "insert_audit", broken)


def test_failure_mid_transaction_leaves_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_the_audit_insert(monkeypatch)  # after the document and extraction rows
    with pytest.raises(StoreError) as caught:
        save(store, ok_result())
    message = str(caught.value)
    assert "\n" not in message and "ABC2024000000123" not in message and "1234.50" not in message
    assert count(store, DocumentTable) == 0
    assert count(store, ExtractionTable) == 0
    assert count_audit(store) == 0


def test_failed_update_keeps_the_failed_document(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = save(store, failed_result())
    break_the_audit_insert(monkeypatch)
    with pytest.raises(StoreError):
        save(store, ok_result())
    view = store.get_document(doc_id)
    assert view is not None and view.status is Status.failed and view.extraction is None
    assert count(store, ExtractionTable) == 0
    assert count_audit(store) == 1


def test_a_record_that_is_not_json_is_refused_before_writing(store: Store) -> None:
    bad = ok_result(record={"note": {"Ayşe Yılmaz 12345678950"}})
    with pytest.raises(ValueError, match="not JSON") as caught:
        save(store, bad)
    assert "12345678950" not in str(caught.value)
    assert count(store, DocumentTable) == 0


# -- audit -----------------------------------------------------------------------


def test_add_audit(store: Store) -> None:
    doc_id = save(store, ok_result())
    event_id = store.add_audit(
        "reveal", document_id=doc_id, actor="alice", details={"fields": ["seller.vkn"]}
    )
    newest = store.list_audit(limit=1)[0]
    assert (newest.id, newest.action, newest.actor, newest.document_id) == (
        event_id,
        "reveal",
        "alice",
        doc_id,
    )
    assert newest.details == {"fields": ["seller.vkn"]}
    assert newest.at.tzinfo is not None
    store.add_audit("export", details={"format": "csv", "count": 1})
    assert store.list_audit(limit=1)[0].document_id is None


def test_kvkk_tables_round_trip_and_destroy(store: Store) -> None:
    """Redacted text, boxes, vault entries and subject hashes are saved with the result
    (one transaction), replaced on reprocessing, and destroyed with the document."""
    protection = Protection(
        text="Sayın <KİŞİ>\fsayfa 2",
        boxes={1: [[1.0, 2.0, 3.0, 4.0]]},
        vault=[("buyer.tckn", "TR_NATIONAL_ID", "c2VhbGVk"), ("buyer.name", "PERSON", "eA==")],
        subjects=[("a" * 64, "tckn"), ("a" * 64, "tckn")],
    )
    doc_id = save(store, ok_result(), protection=protection)
    other = save(
        store, ok_result(2), protection=Protection(text="x", subjects=[("b" * 64, "tckn")])
    )
    assert store.get_text(doc_id) == "Sayın <KİŞİ>\fsayfa 2"
    assert store.redaction_boxes(doc_id) == {1: [[1.0, 2.0, 3.0, 4.0]]}
    assert store.vault_fields(doc_id) == ["buyer.name", "buyer.tckn"]
    entry = store.vault_entries(doc_id)[0]
    assert (entry.sha256, entry.field, entry.token) == (sha(1), "buyer.tckn", "c2VhbGVk")
    assert [r.id for r in store.find_subject(["a" * 64])] == [doc_id]
    assert store.count_vault_entries([doc_id, other]) == 2
    # reprocessing replaces the rows
    save(store, ok_result(), reprocess=True, protection=Protection(text="yeni"))
    assert store.get_text(doc_id) == "yeni" and store.vault_fields(doc_id) == []
    assert store.find_subject(["a" * 64]) == []
    deleted = store.destroy_documents(
        [doc_id, other], log=[("invoice", 2, "SQL DELETE")], reason="retention", actor="ops"
    )
    assert deleted == 2 and store.count_documents() == 0 and store.get_text(other) is None
    assert count(store, SubjectIndexTable) == 0
    (entry_log,) = store.list_destruction_log()
    assert (entry_log.category, entry_log.count, entry_log.reason, entry_log.actor) == (
        "invoice",
        2,
        "retention",
        "ops",
    )
    assert store.expire_destruction_log(entry_log.at) == 0
    assert store.expire_destruction_log(entry_log.at + timedelta(seconds=1)) == 1


def test_deleting_a_document_cascades_and_keeps_the_audit(store: Store) -> None:
    doc_id = save(store, ok_result())
    with store.engine.begin() as conn:
        conn.execute(DocumentTable.__table__.delete().where(DocumentTable.id == doc_id))
    assert count(store, ExtractionTable) == 0
    assert [e.document_id for e in store.list_audit()] == [None]


# -- errors ----------------------------------------------------------------------


def test_unreachable_postgres_hides_the_password() -> None:
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://docpipe:s3cr3t-pw@127.0.0.1:1/docpipe")
    message = str(caught.value)
    assert "s3cr3t-pw" not in message
    assert "docpipe:***@127.0.0.1:1/docpipe" in message
    assert "\n" not in message and "DOCPIPE_DATABASE_URL" in message


@pytest.mark.postgres
def test_wrong_password_hides_the_password(postgres_url: str) -> None:
    url = make_url(postgres_url).set(username="docpipe_nobody", password="wr0ng-pw")
    with pytest.raises(StoreError) as caught:
        Store(url.render_as_string(hide_password=False))
    assert "wr0ng-pw" not in str(caught.value) and "***" in str(caught.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url at all :secret@", "not a valid SQLAlchemy URL"),
        ("nosuchdb://u:secret@host/db", "unknown database kind"),
        ("mysql+pymysql://u:secret@host/db", "not installed"),
    ],
)
def test_bad_urls_become_store_errors(url: str, expected: str) -> None:
    with pytest.raises(StoreError, match=expected) as caught:
        Store(url)
    assert "secret" not in str(caught.value)


def test_missing_postgres_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg -> ImportError
    with pytest.raises(StoreError, match=r"install docpipe\[postgres\]") as caught:
        Store("postgresql://u:secret@127.0.0.1/db")
    assert "secret" not in str(caught.value)


def test_unopenable_sqlite_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="writable"):
        Store(f"sqlite:///{tmp_path}")  # a directory, not a file
