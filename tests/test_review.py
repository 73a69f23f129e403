"""The review service without HTTP, and corrections that teach (`docpipe review export-truth`)."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.evaluate import evaluate
from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.review import Conflict, InvalidCorrection, ReviewService
from docpipe.settings import Settings
from docpipe.store import Store
from docpipe.store.migrate import alembic_config
from tests.conftest import SAMPLES, text_pdf


def process(settings: Settings, store: Store, *samples: Path) -> list[int]:
    ids = []
    with Pipeline(settings, store=store) as pipeline:
        for sample in samples:
            result = pipeline.process(sample)
            assert result.document_id is not None
            ids.append(result.document_id)
    return ids


def copy(sample: str, folder: Path) -> Path:
    target = folder / Path(sample).name
    shutil.copyfile(SAMPLES / sample, target)
    return target


def test_corrections_teach_eval_runs_on_the_exported_truth(
    settings: Settings, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    samples = [copy("invoices/earsiv_03.pdf", inbox), copy("invoices/efatura_02.pdf", inbox)]
    with Store(settings.database_url) as store:
        corrected, approved = process(settings, store, *samples)
        review = ReviewService(store, settings)
        outcome = review.correct(corrected, {"invoice_number": "XYZ2024000000001"}, "tester")
        assert outcome.changed == ["invoice_number"]
        assert outcome.document.status is Status.ok
        review.approve(approved, "tester")
        assert review.document(approved).status is Status.approved

    out = tmp_path / "truth"
    done = CliRunner().invoke(
        app, ["review", "export-truth", str(out), "--db", settings.database_url]
    )
    assert done.exit_code == 0, done.output
    truths = sorted(out.rglob("*.truth.json"))
    assert [t.name for t in truths] == [
        f"document-{corrected}.truth.json",
        f"document-{approved}.truth.json",
    ]
    assert all(stat.S_IMODE(t.stat().st_mode) == 0o600 for t in truths)
    first = json.loads(truths[0].read_text(encoding="utf-8"))
    own = json.loads((SAMPLES / "invoices" / "earsiv_03.truth.json").read_text(encoding="utf-8"))
    assert first["doc_type"] == "invoice"
    assert first["fields"]["invoice_number"] == "XYZ2024000000001"
    assert first["fields"]["buyer.name"] == own["fields"]["buyer.name"]  # the original, unmasked

    report = evaluate(out, settings)
    scores = {d.path: d for d in report.documents}
    assert set(scores) == {f"invoice/document-{corrected}.pdf", f"invoice/document-{approved}.pdf"}
    wrong = {p: o for p, o in scores[f"invoice/document-{corrected}.pdf"].outcomes.items()
             if o != "correct"}  # fmt: skip
    assert wrong == {"invoice_number": "wrong"}  # the pipeline still reads the printed number
    assert all(o == "correct" for o in scores[f"invoice/document-{approved}.pdf"].outcomes.values())
    assert report.total.total > 40


def test_an_unrecognised_document_keeps_why_it_needs_review(
    settings: Settings, tmp_path: Path
) -> None:
    note = text_pdf(["Toplantı notları: salı günü saat onda buluşulacak."], tmp_path / "n.pdf")
    with Store(settings.database_url) as store:
        [document_id] = process(settings, store, note)
        review = ReviewService(store, settings)
        [item] = review.queue()
        assert item.id == document_id
        assert item.reasons == ["the document type could not be recognised"]
        with pytest.raises(Conflict):
            review.approve(document_id, "tester")
        with pytest.raises(Conflict):
            review.correct(document_id, {"currency": "TRY"}, "tester")
        assert review.reject(document_id, "tester", "a note, not a document").status == "rejected"
        assert review.queue() == []


def test_corrections_are_checked_before_anything_is_written(
    settings: Settings, tmp_path: Path
) -> None:
    sample = copy("invoices/efatura_03.pdf", tmp_path)
    with Store(settings.database_url) as store:
        [document_id] = process(settings, store, sample)
        review = ReviewService(store, settings)
        before = store.list_audit(document_id=document_id)
        for changes in (
            {"../etc": "x"},
            {"line_items.99.amount": "1.00"},  # list items are added after the last only
            {"payable_amount": "not a number"},
            {},
        ):
            with pytest.raises(InvalidCorrection):
                review.correct(document_id, changes, "tester")
        assert store.list_audit(document_id=document_id) == before
        unchanged = review.correct(document_id, {"currency": "TRY"}, "tester")
        assert unchanged.changed == [] and store.list_audit(document_id=document_id) == before


def test_a_database_from_before_review_is_migrated(tmp_path: Path, settings: Settings) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(connection=conn), "0005")
    engine.dispose()
    sample = copy("xml/earsiv_02.xml", tmp_path)
    old_settings = settings.model_copy(update={"database_url": url})
    with Store(url) as store:
        [document_id] = process(old_settings, store, sample)
        row = ReviewService(store, old_settings).approve(document_id, "tester")
        assert row.status is Status.approved and row.reviewed_by == "tester"
        assert store.count_documents(status=Status.approved) == 1
