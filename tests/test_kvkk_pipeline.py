"""KVKK in the pipeline: what is stored is redacted, originals only in the vault,
subjects found by keyed hash, special categories dropped, retention enforced."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import create_engine, insert, text

from docpipe.cli import main
from docpipe.errors import ConfigError, UsageError
from docpipe.evaluate import load_truth
from docpipe.kvkk import erase_subject, find_subject, purge, reveal
from docpipe.pipeline import Pipeline
from docpipe.result import DROPPED_TEXT, SEALED_TEXT, Status
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.models import JobTable, utcnow
from docpipe.text.turkish import fold
from tests.conftest import SAMPLES, text_pdf

INVOICE = SAMPLES / "invoices" / "earsiv_01.pdf"  # a person buys: TCKN, name, address, phone
PERSONAL = ("buyer.name", "buyer.tckn", "buyer.address", "buyer.phone")
KEPT = ("seller.vkn", "seller.name", "invoice_number", "issue_date", "total_with_taxes")


def _truth(path: Path) -> dict[str, str]:
    return {k: str(v) for k, v in load_truth(path.with_suffix(".truth.json")).fields.items()}


def _compact(value: str) -> str:
    return "".join(value.split()).casefold()


def _database_text(url: str) -> str:
    """Every stored cell of every table, as one string (what a stolen database shows)."""
    engine = create_engine(url)
    parts = []
    with engine.connect() as conn:
        tables = [
            r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        ]
        for table in tables:
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                parts.append(json.dumps([str(c) for c in row], ensure_ascii=False))
    engine.dispose()
    return "\n".join(parts)


def test_stored_record_text_and_evidence_hold_only_redacted_values(settings: Settings) -> None:
    truth = _truth(INVOICE)
    with Pipeline(settings) as pipe:
        result = pipe.process(INVOICE)
    # validated on the originals: a masked TCKN does not send the invoice to review
    assert result.status is Status.ok and result.document_id is not None
    assert set(PERSONAL) <= set(result.redactions)
    with Store(settings.database_url) as store:
        view = store.get_document(result.document_id)
        stored_text = store.get_text(result.document_id) or ""
    assert view is not None and view.extraction is not None
    record = view.extraction.record
    assert record["buyer"]["tckn"] == truth["buyer.tckn"][:2] + "*" * 7 + truth["buyer.tckn"][-2:]
    assert record["buyer"]["address"] == "<ADRES>"
    # what an accounting office needs stays clear
    assert record["seller"]["vkn"] == truth["seller.vkn"]
    assert record["total_with_taxes"] == truth["total_with_taxes"]
    assert truth["seller.vkn"] in stored_text and "toplam" in stored_text.casefold()
    # the typed record still validates (redacted identifiers are left out of it)
    invoice = result.typed_record()
    assert invoice is not None and invoice.buyer is not None and invoice.buyer.tckn is None
    assert invoice.seller is not None and invoice.seller.vkn == truth["seller.vkn"]
    everything = _compact(_database_text(settings.database_url))
    leaked = [p for p in PERSONAL if _compact(truth[p]) in everything]
    assert leaked == []


def test_reveal_decrypts_with_a_reason_and_audits_without_the_value(settings: Settings) -> None:
    truth = _truth(INVOICE)
    with Pipeline(settings) as pipe:
        doc_id = pipe.process(INVOICE).document_id
    assert doc_id is not None
    with Store(settings.database_url) as store:
        with pytest.raises(UsageError, match="reason"):
            reveal(store, settings, doc_id, "buyer.tckn", reason="")
        with pytest.raises(UsageError, match=r"no vault entry for seller\.vkn"):
            reveal(store, settings, doc_id, "seller.vkn", reason="muhasebe kontrolü")
        value = reveal(store, settings, doc_id, "buyer.tckn", reason="ilgili kişi başvurusu")
        assert value == truth["buyer.tckn"]
        events = [e for e in store.list_audit(document_id=doc_id) if e.action == "reveal"]
    assert len(events) == 1 and events[0].actor
    assert events[0].details == {"field": "buyer.tckn", "reason": "ilgili kişi başvurusu"}


def test_missing_vault_key_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DOCPIPE_VAULT_KEY")
    with pytest.raises(SystemExit) as exc:
        main(["run", str(INVOICE), "--db", f"sqlite:///{tmp_path / 'x.db'}"])
    assert exc.value.code == 4
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "vault key" in lines[0] and "keygen" in lines[0]


def test_subject_is_found_by_keyed_hash_and_erased(settings: Settings) -> None:
    truth = _truth(INVOICE)
    other = SAMPLES / "invoices" / "efatura_01.pdf"  # between companies
    with Pipeline(settings) as pipe:
        mine = pipe.process(INVOICE).document_id
        pipe.process(other)
    with Store(settings.database_url) as store:
        assert [r.id for r in find_subject(store, settings, truth["buyer.tckn"])] == [mine]
        assert find_subject(store, settings, "10000000146") == []
        with pytest.raises(UsageError):
            find_subject(store, settings, "not-an-id")
        report = erase_subject(store, settings, truth["buyer.tckn"])
        assert report.documents == 1 and store.get_document(mine or 0) is None
        assert store.count_documents() == 1
        log = store.list_destruction_log()
    assert [(e.reason, e.category, e.count) for e in log] == [("erasure", "invoice", 1)]
    assert truth["buyer.tckn"] not in log[0].method
    # the index holds keyed hashes, not identifiers: another key's digest is not there,
    # and a search under another key is refused (it would miss every document)
    from docpipe.kvkk.subjects import subject_digests
    from docpipe.redact.vault import new_key

    other_key = settings.model_copy(update={"vault_key": SecretStr(new_key())})
    with Store(settings.database_url) as store:
        foreign = subject_digests(truth["buyer.tckn"], base64.b64decode(new_key()))
        assert store.find_subject(foreign) == []
        with pytest.raises(ConfigError, match="another vault key"):
            find_subject(store, other_key, truth["buyer.tckn"])


def test_strategies_are_configurable_per_entity(settings: Settings) -> None:
    custom = settings.model_copy(
        update={
            "redact_strategies": {
                **settings.redact_strategies,
                "TR_NATIONAL_ID": "hash",
                "PERSON": "pseudonym",
                "PHONE_NUMBER": "vault",
            }
        }
    )
    with Pipeline(custom) as pipe:
        result = pipe.process(INVOICE)
    buyer = (result.record or {})["buyer"]
    assert buyer["tckn"].startswith("<TCKN#") and len(buyer["tckn"]) == len("<TCKN#>") + 12
    assert buyer["name"] == "KİŞİ-1"
    assert buyer["phone"] == "<TELEFON>"


SPECIAL_LINES = [
    "Hasta Bilgi Formu",
    "Adı Soyadı: Ayşe Yılmaz",
    "T.C. Kimlik No: 10000000146",
    "Kan Grubu: A Rh+",
    "Dini: İslam",
    "Teşhis: diyabet tedavisi sürüyor",
]


@pytest.mark.parametrize("store_special", [False, True])
def test_special_categories_are_not_stored_unless_allowed(
    tmp_path: Path, settings: Settings, store_special: bool
) -> None:
    path = text_pdf(SPECIAL_LINES, tmp_path / "form.pdf")
    custom = settings.model_copy(update={"store_special_categories": store_special})
    with Pipeline(custom) as pipe:
        result = pipe.process(path)
    # an unknown document is personal as a whole: its text is sealed, never in clear
    assert result.doc_type == "unknown" and result.document_id is not None
    with Store(settings.database_url) as store:
        stored = store.get_text(result.document_id) or ""
        special = [f for f in store.vault_fields(result.document_id) if f.startswith("special.")]
        found = find_subject(store, custom, "10000000146")
        sealed = reveal(store, custom, result.document_id, "text", reason="KVKK denetimi")
        flags = [e.details for e in store.list_audit(document_id=result.document_id)]
    assert stored == SEALED_TEXT
    assert "Hasta Bilgi Formu" not in _database_text(settings.database_url)
    assert "10000000146" in sealed and "Ayşe Yılmaz" in sealed  # in the vault only
    # the categories are flagged, their values never stored unless allowed (then sealed)
    assert any(set(f.get("special_categories", ())) >= {"health", "religion"} for f in flags)
    folded = fold(sealed)
    held = [w for w in ("rh+", "islam", "diyabet") if w in folded]
    assert held == (["rh+", "islam", "diyabet"] if store_special else [])
    assert ("<ÖZEL-NİTELİKLİ>" in sealed) is not store_special
    assert [r.id for r in found] == [result.document_id]  # found by find_pii in the text
    assert bool(special) is store_special


def test_personal_text_drop_stores_no_text(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(SPECIAL_LINES, tmp_path / "form.pdf")
    custom = settings.model_copy(update={"personal_text": "drop"})
    with Pipeline(custom) as pipe:
        result = pipe.process(path)
    assert result.document_id is not None
    with Store(settings.database_url) as store:
        assert store.get_text(result.document_id) == DROPPED_TEXT
        assert "text" not in store.vault_fields(result.document_id)


def test_purge_destroys_what_is_past_retention_and_logs_it(
    tmp_path: Path, settings: Settings
) -> None:
    with Pipeline(settings) as pipe:
        doc_id = pipe.process(INVOICE).document_id
        notes = pipe.process(text_pdf(["Toplantı notları, yarın görüşelim."], tmp_path / "n.pdf"))
    # the watch daemon's copy of the file is docpipe's own: purge removes it
    done = tmp_path / "inbox" / "done"
    done.mkdir(parents=True)
    copy = done / "earsiv_01.pdf"
    copy.write_bytes(INVOICE.read_bytes())
    with Store(settings.database_url) as store, store.engine.begin() as conn:
        conn.execute(
            insert(JobTable).values(
                inbox=str(tmp_path / "inbox"), name="earsiv_01.pdf", state="done",
                size_bytes=1, mtime_ns=1, attempts=1, final_path=str(copy),
                document_id=doc_id, created_at=utcnow(),
            )
        )  # fmt: skip
    later = utcnow() + timedelta(days=400)
    with Store(settings.database_url) as store:
        dry = purge(store, settings, now=later, dry_run=True)
        assert set(dry.categories) == {"unknown"} and copy.exists()  # invoices: 10 years
        assert store.count_documents() == 2 and store.list_destruction_log() == []
        much_later = utcnow() + timedelta(days=3700)
        report = purge(store, settings, now=much_later)
        assert report.categories["invoice"].documents == 1
        assert report.categories["invoice"].files == 1 and not copy.exists()
        assert report.categories["invoice"].vault_entries >= 4
        assert store.count_documents() == 0 and store.vault_entries(doc_id or 0) == []
        log = store.list_destruction_log()
        assert sorted((e.category, e.count, e.reason) for e in log) == [
            ("invoice", 1, "retention"),
            ("unknown", 1, "retention"),
        ]
        assert all("vault entries" in e.method and e.actor for e in log)
        # the destruction log itself is kept 3 years, then expired by a later purge
        assert (
            purge(store, settings, now=much_later + timedelta(days=1000)).log_entries_expired == 0
        )
        assert (
            purge(store, settings, now=much_later + timedelta(days=1100)).log_entries_expired == 2
        )
    assert notes.document_id is not None


def test_retention_and_log_settings_are_validated() -> None:
    from docpipe.settings import load_settings

    with pytest.raises(ConfigError, match="destruction_log_days"):
        load_settings(destruction_log_days=30)


def test_json_output_without_a_store_is_redacted_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("DOCPIPE_VAULT_KEY")  # nothing is stored: no key needed
    truth = _truth(INVOICE)
    try:
        main(["run", str(INVOICE), "--no-store", "--json"])
    except SystemExit as exc:
        assert exc.code in (0, None)
    printed = json.loads(capsys.readouterr().out)
    assert printed["record"]["seller"]["vkn"] == truth["seller.vkn"]
    assert printed["record"]["buyer"]["tckn"] != truth["buyer.tckn"]
    assert truth["buyer.name"] not in json.dumps(printed, ensure_ascii=False)
