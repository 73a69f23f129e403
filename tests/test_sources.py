"""One invoice, many forms: a later PDF, scan or photo attaches to its record, never a new one."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.settings import Settings
from docpipe.store import identity
from tests.conftest import text_pdf
from tests.test_pipeline import INVOICE_LINES

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ETTN = "f47ac10b-58cc-4372-a567-0e02b2c3d479"
LINES = [
    *INVOICE_LINES,
    "Mal Hizmet Toplam Tutarı: 1.000,00 TL",
    "Hesaplanan KDV (%20): 200,00 TL",
    "Vergiler Dahil Toplam Tutar: 1.200,00 TL",
    "Ödenecek Tutar: 1.200,00 TL",
]


def _export(pipeline: Pipeline) -> list[dict]:
    store = pipeline.store
    assert store is not None
    return [v.extraction.record for v in store.iter_extractions_for_export() if v.extraction]


def test_a_scan_of_a_stored_invoice_attaches_as_a_source(
    tmp_path: Path, settings: Settings
) -> None:
    pdf = shutil.copy(SAMPLES / "invoices/earsiv_01.pdf", tmp_path / "earsiv_01.pdf")
    scan = shutil.copy(SAMPLES / "scans/earsiv_01_scan.jpg", tmp_path / "earsiv_01_scan.jpg")
    with Pipeline(settings) as pipeline:
        first = pipeline.process(pdf)
        assert first.status is Status.ok and first.document_id is not None
        assert first.evidence["ettn"].confidence >= 0.99  # the karekod agreed with the page
        again = pipeline.process(scan)
        assert again.status is Status.duplicate and again.duplicate_of == first.document_id
        assert "extract" not in again.durations and "read" not in again.durations  # no OCR
        store = pipeline.store
        assert store is not None
        assert store.count_documents() == 1
        forms = identity.sources(store, first.document_id)
        assert [(s.form, s.karekod, s.matched_by) for s in forms] == [
            ("text_layer", True, "first"),
            ("ocr", True, "ettn"),
        ]
        # the same scan again: a duplicate of the same record, no third source
        assert pipeline.process(scan).duplicate_of == first.document_id
        assert len(identity.sources(store, first.document_id)) == 2
        ettns = Counter(r.get("ettn") for r in _export(pipeline))
        assert ettns == {json.loads((SAMPLES / "invoices/earsiv_01.truth.json").read_text())[
            "fields"]["ettn"]: 1}  # fmt: skip
        actions = [e.action for e in store.list_audit(document_id=first.document_id)]
        assert "attach_source" in actions


@pytest.mark.slow
def test_a_better_form_after_a_photo_upgrades_the_record(
    tmp_path: Path, settings: Settings
) -> None:
    photo = shutil.copy(SAMPLES / "photos/efatura_01_photo.jpg", tmp_path / "photo.jpg")
    pdf = shutil.copy(SAMPLES / "invoices/efatura_01.pdf", tmp_path / "efatura_01.pdf")
    with Pipeline(settings) as pipeline:
        first = pipeline.process(photo)
        assert first.document_id is not None and first.status is not Status.failed
        later = pipeline.process(pdf)
        assert later.status is Status.duplicate and later.duplicate_of == first.document_id
        store = pipeline.store
        assert store is not None and store.count_documents() == 1
        forms = identity.sources(store, first.document_id)
        assert [(s.form, s.matched_by) for s in forms] == [
            ("ocr", "first"),
            ("text_layer", "upgrade"),
        ]
        view = store.get_document(first.document_id)
        assert view is not None and view.extraction is not None
        upgrades = [e for e in store.list_audit(document_id=first.document_id)
                    if e.action == "upgrade"]  # fmt: skip
        assert len(upgrades) == 1 and isinstance(upgrades[0].details["fields"], list)
        assert view.extraction.id == upgrades[0].details["extraction_id"]  # the PDF's reading
        assert view.extraction.evidence["ettn"]["page"] == 1


def test_an_ettn_two_characters_off_matches_the_same_seller_and_total(
    tmp_path: Path, settings: Settings
) -> None:
    off = ETTN[:3] + "b" + ETTN[4:10] + "d" + ETTN[11:]  # two OCR-style slips
    other_total = [ln.replace("1.200,00", "1.300,00") for ln in LINES]
    with Pipeline(settings) as pipeline:
        first = pipeline.process(text_pdf([*LINES, f"ETTN: {ETTN}"], tmp_path / "a.pdf"))
        assert first.document_id is not None and first.record and first.record["ettn"] == ETTN
        near = pipeline.process(text_pdf([f"ETTN: {off}", *LINES], tmp_path / "b.pdf"))
        assert near.status is Status.duplicate and near.duplicate_of == first.document_id
        # a different total is a different invoice, however close the ETTN
        apart = pipeline.process(text_pdf([f"ETTN: {off}", *other_total], tmp_path / "c.pdf"))
        assert apart.status is not Status.duplicate
        store = pipeline.store
        assert store is not None
        matched = [s.matched_by for s in identity.sources(store, first.document_id)]
        assert matched == ["first", "ettn_near"]


def test_a_paper_invoice_is_one_by_seller_number_and_date(
    tmp_path: Path, settings: Settings
) -> None:
    with Pipeline(settings) as pipeline:
        first = pipeline.process(text_pdf(LINES, tmp_path / "a.pdf"))
        assert first.document_id is not None and not (first.record or {}).get("ettn")
        again = pipeline.process(text_pdf([*LINES, "Not: fotokopi"], tmp_path / "b.pdf"))
        assert again.status is Status.duplicate and again.duplicate_of == first.document_id
        other = [ln.replace("ABC2024000000001", "ABC2024000000002") for ln in LINES]
        assert pipeline.process(text_pdf(other, tmp_path / "c.pdf")).status is not Status.duplicate


def test_edit_distance_stops_early() -> None:
    assert identity._edits(ETTN, ETTN, 2) == 0
    assert identity._edits(ETTN, ETTN.replace("f", "e", 1), 2) == 1
    assert identity._edits(ETTN, "0" * 36, 2) == 3


def test_an_xml_read_is_remembered_for_the_pdf_beside_it_briefly_and_lightly(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X.pdf beside X.xml is the XML's invoice without being read; what a worker keeps of
    each XML for that is a few ids, and only for the newest ones (a worker reads
    thousands, a daemon runs for months)."""
    from docpipe import pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "XML_TWINS_KEPT", 2)
    xml = shutil.copy(SAMPLES / "xml/earsiv_01.xml", tmp_path / "earsiv_01.xml")
    pdf = shutil.copy(SAMPLES / "invoices/earsiv_01.pdf", tmp_path / "earsiv_01.pdf")
    others = [
        shutil.copy(SAMPLES / f"xml/{name}.xml", tmp_path / f"{name}.xml")
        for name in ("efatura_02", "tevkifat_01")
    ]
    with Pipeline(settings) as pipeline:
        first = pipeline.process(xml)
        assert first.engine == "ubl" and first.record is not None
        twin = pipeline.process(pdf)
        assert twin.status is Status.duplicate and twin.duplicate_of == first.document_id
        assert twin.durations == {}  # not read: known from the XML beside it
        for other in others:
            assert pipeline.process(other).engine == "ubl"
        kept = pipeline._xml_read
        assert len(kept) == 2 and (str(tmp_path), "earsiv_01") not in kept
        assert all(r.record is None and not r.evidence for r in kept.values())
