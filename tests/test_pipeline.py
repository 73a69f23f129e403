"""The pipeline through the Python API: statuses, bad input, no duplicates, nothing half."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import create_engine, func, select, text

import docpipe
from docpipe.files import iter_files
from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.settings import Settings, load_settings
from docpipe.store.models import DocumentTable, ExtractionTable
from tests.conftest import text_pdf

INVOICE_LINES = [
    "e-Arşiv Fatura",
    "ÇINAR KIRTASİYE LTD. ŞTİ.",
    "Cumhuriyet Mah. Lale Sok. No:3 Kadıköy/İSTANBUL",
    "Vergi Dairesi: Kadıköy",
    "VKN: 4540536920",
    "",
    "SAYIN",
    "Ayşe Yılmaz",
    "TCKN: 10000000146",
    "Fatura No: ABC2024000000001",
    "Fatura Tarihi: 14.03.2024",
]


def _counts(url: str) -> tuple[int, int]:
    engine = create_engine(url)
    with engine.connect() as conn:
        docs = conn.scalar(select(func.count()).select_from(DocumentTable))
        exts = conn.scalar(select(func.count()).select_from(ExtractionTable))
    engine.dispose()
    return int(docs or 0), int(exts or 0)


def test_process_api_returns_typed_result(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    result = docpipe.process(path, settings)
    assert result.doc_type == "invoice"
    assert result.document_id is not None
    invoice = result.typed_record()
    assert isinstance(invoice, docpipe.Invoice)
    assert invoice.seller is not None and invoice.seller.vkn == "4540536920"
    assert invoice.invoice_number == "ABC2024000000001"
    # no totals printed: the record cannot be trusted as complete
    assert result.status is Status.needs_review
    assert ("required", "total_with_taxes") in {(c.name, c.field) for c in result.failed_checks}
    assert result.evidence["seller.vkn"].page == 1
    assert result.evidence["seller.vkn"].engine == "rules"


def test_batch_with_bad_files_goes_on(
    tmp_path: Path, settings: Settings, bad_files: dict[str, Path]
) -> None:
    good = text_pdf(INVOICE_LINES, bad_files["empty"].parent / "good.pdf")
    with Pipeline(settings) as pipe:
        results = {Path(r.path).name: r for r in pipe.process_many([good.parent])}
    assert results["good.pdf"].status is Status.needs_review
    failures = {name: r for name, r in results.items() if r.status is Status.failed}
    assert set(failures) == {"empty.pdf", "corrupt.pdf", "encrypted.pdf", "notes.pdf"}
    for r in failures.values():
        assert r.error is not None and r.error.stage in ("read_bytes", "ingest")
        assert "\n" not in r.error.reason and r.error.reason
    assert "password" in failures["encrypted.pdf"].error.reason
    assert "plain text" in failures["notes.pdf"].error.reason
    # failed files are recorded (with their reason) but have no extraction
    assert _counts(settings.database_url) == (5, 1)


def test_rerun_adds_no_duplicates(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    copy = tmp_path / "copy-of-a.pdf"
    copy.write_bytes(path.read_bytes())
    with Pipeline(settings) as pipe:
        first = pipe.process(path)
        again = [pipe.process(path), pipe.process(copy)]
    assert all(r.status is Status.duplicate and r.duplicate_of == first.document_id for r in again)
    assert _counts(settings.database_url) == (1, 1)


def test_a_failing_store_write_leaves_nothing_half(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    with Pipeline(settings) as pipe:
        assert pipe.store is not None
        with pipe.store.engine.begin() as conn:  # make every extraction insert fail
            conn.execute(
                text(
                    "CREATE TRIGGER no_extractions BEFORE INSERT ON extractions "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
                )
            )
        with pytest.raises(docpipe.StoreError):
            pipe.process(path)
    assert _counts(settings.database_url) == (0, 0)


def test_unknown_document_is_kept_for_review(tmp_path: Path, settings: Settings) -> None:
    path = text_pdf(["Toplantı notları: yarın saat onda bahçede buluşalım."], tmp_path / "n.pdf")
    result = docpipe.process(path, settings)
    assert result.doc_type == "unknown" and result.status is Status.needs_review
    assert result.document_id is not None and result.record is None


def test_iter_files_skips_sidecars_but_not_named_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.pdf", "a.truth.json", "README.md", ".hidden.pdf", "sub/b.png"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a.pdf", "sub/b.png"]
    assert list(iter_files([tmp_path / "README.md"])) == [tmp_path / "README.md"]


def test_no_store(tmp_path: Path) -> None:
    path = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    result = docpipe.process(
        path, docpipe.load_settings(store_results=False, database_url="sqlite:///nowhere/x.db")
    )
    assert result.document_id is None and result.doc_type == "invoice"
    assert not (tmp_path / "nowhere").exists()


# -- hostile input: no content, time and memory limits -----------------------------------


def test_a_document_without_content_fails_with_that_reason(tmp_path: Path) -> None:
    from tests.hostile import text_pdf_bytes

    whole = text_pdf_bytes(INVOICE_LINES)
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 10])
    Image.new("L", (1, 1), 255).save(tmp_path / "dot.png")
    with Pipeline(load_settings(store_results=False)) as pipe:
        for name in ("cut.pdf", "dot.png"):
            result = pipe.process(tmp_path / name)
            assert result.status is Status.failed and result.error is not None
            assert result.error.category == "no_content", name
            assert result.error.reason.startswith("no content")


def test_reading_past_its_time_budget_keeps_the_pages_read_and_says_so(tmp_path: Path) -> None:
    image = Image.new("L", (900, 300), 255)
    ImageDraw.Draw(image).text((40, 100), "FATURA", fill=0, font=ImageFont.load_default(size=60))
    image.save(tmp_path / "scan.png")
    settings = load_settings(store_results=False, doc_timeout_s=1e-9)  # always past
    with Pipeline(settings) as pipe:
        result = pipe.process(tmp_path / "scan.png")
    assert result.status is Status.needs_review
    check = next(c for c in result.checks if c.name == "time_limit")
    assert "before page 1 of 1" in check.reason and "DOCPIPE_DOC_TIMEOUT_S" in check.reason


def test_running_out_of_memory_fails_the_document_naming_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import docpipe.pipeline

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(docpipe.pipeline, "ingest", exhausted)
    with Pipeline(load_settings(store_results=False)) as pipe:
        result = pipe.process(text_pdf(INVOICE_LINES, tmp_path / "a.pdf"))
    assert result.status is Status.failed and result.error is not None
    assert result.error.category == "memory" and "doc_memory_mb" in result.error.reason
