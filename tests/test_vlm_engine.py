"""The vlm engine on real architectures (LLaVA, Qwen2-VL), tiny and random, on the CPU.

Models are built offline by ``tests/tinymodels.py`` (trained BPE tokenizer, chat
template, random weights) and loaded through AutoProcessor and
AutoModelForImageTextToText like a downloaded checkpoint. Random models read
nothing: what is tested is that every answer, whatever the weights, parses
into the schema through constrained decoding, and that the engine's plumbing
(pages, batching, evidence, cross-check, errors) holds.
"""

from __future__ import annotations

import json
import resource
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docpipe.cli import app
from docpipe.errors import EngineError
from docpipe.extract import CrossChecked, build_engine
from docpipe.extract.rules import RulesEngine
from docpipe.extract.vlm import ModelEngine, ModelOptions
from docpipe.extract.vlm.runner import Generation, Request
from docpipe.extract.vlm.transformers_runner import TransformersRunner
from docpipe.families import SCHEMA_BY_DOC_TYPE
from docpipe.ingest import ingest
from docpipe.pipeline import Pipeline
from docpipe.read import read_text
from docpipe.result import Status
from docpipe.schemas import Invoice
from docpipe.settings import load_settings
from docpipe.store import Store
from tests.conftest import SAMPLES, text_pdf, unsealed
from tests.tinymodels import model_dir

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("xgrammar")

pytestmark = pytest.mark.vlm

# Bounds that let a random model finish quickly (see docpipe/extract/vlm/decoding.py).
TINY = {
    "vlm_max_string_chars": 12,
    "vlm_max_list_items": 2,
    "vlm_max_new_tokens": 200,
    "vlm_max_text_chars": 1500,
    "vlm_max_pixels": 64 * 64,
    "vlm_pages_per_call": 2,
}
TINY_ENV = {f"DOCPIPE_{k.upper()}": str(v) for k, v in TINY.items()}


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """Two cores shared by the whole suite: torch's thread pool would only oversubscribe."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def _invoice_pdf(path: Path, pages: int) -> Path:
    import pymupdf

    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page()
        lines = [f"e-Arşiv Fatura  Sayfa {n + 1}/{pages}", "Fatura No: ABC2024000000001"]
        lines += ["Fatura Tarihi: 14.03.2024", "Ödenecek Tutar: 1.234,56 TL"]
        for i, line in enumerate(lines):
            page.insert_text((50, 60 + 14 * i), line, fontname="helv", fontsize=10)
    doc.save(path)
    return path


@pytest.mark.parametrize("family", ["llava", "qwen2_vl"])
def test_every_answer_parses_into_the_schema(family: str, tmp_path_factory, tmp_path) -> None:
    model = model_dir(tmp_path_factory, family)
    settings = load_settings(engine="vlm", vlm_model=str(model), store_results=False, **TINY)
    docs = [
        (read_text(ingest(_invoice_pdf(tmp_path / "three.pdf", 3), settings), settings), "invoice"),
        (read_text(ingest(SAMPLES / "invoices" / "earsiv_01.pdf", settings), settings), "invoice"),
        (read_text(ingest(_invoice_pdf(tmp_path / "one.pdf", 1), settings), settings), "id_card"),
    ]
    with build_engine(settings) as engine:
        for doc, doc_type in docs:
            schema = SCHEMA_BY_DOC_TYPE[doc_type]
            extraction = engine.extract(doc, doc_type, schema)
            assert isinstance(extraction.record, schema)
            data = extraction.record.model_dump(mode="json", exclude_none=True)
            assert schema.model_validate(data) == extraction.record
            assert extraction.engine == "vlm" and extraction.model == family
            for path, evidence in extraction.evidence.items():
                assert 0.0 <= evidence.confidence <= 1.0, path
                assert 1 <= evidence.page <= doc.page_count, path
            # the three-page document went through as two chunks in one batch
            steps = engine.timings.seconds
            assert {"images", "prompt", "preprocess", "generate", "validate"} <= set(steps)


class ScriptedRunner:
    """The runner seam with a fixed answer: tests the engine's cross-check and evidence
    logic on an exact answer (the real runners are tested on real models above)."""

    name = "vlm"
    model_name = "scripted"

    def __init__(self, answer: dict) -> None:
        self.text = json.dumps(answer, ensure_ascii=False)

    def generate(self, requests: list[Request]) -> list[Generation]:
        spans = ((0, len(self.text), 0.9),)
        return [Generation(text=self.text, token_spans=spans) for _ in requests]

    def close(self) -> None:
        return None


def test_cross_check_with_rules_raises_agreeing_and_flags_differing_fields() -> None:
    settings = load_settings(store_results=False)
    doc = read_text(ingest(SAMPLES / "invoices" / "earsiv_01.pdf", settings), settings)
    truth = json.loads((SAMPLES / "invoices" / "earsiv_01.truth.json").read_text())["fields"]
    answer = {
        "invoice_number": "ZZ9",  # the rules engine reads the printed number: disagreement
        "issue_date": truth["issue_date"],  # printed, and read the same by the rules engine
        "buyer": {"name": truth["buyer.name"]},
    }
    with CrossChecked(ModelEngine(ScriptedRunner(answer), ModelOptions()), RulesEngine()) as engine:
        extraction = engine.extract(doc, "invoice", Invoice)
    failed = {c.field: c.name for c in extraction.checks if not c.passed}
    assert failed == {"invoice_number": "engine_agreement"}
    evidence = extraction.evidence
    assert evidence["issue_date"].confidence > 0.9 > evidence["invoice_number"].confidence
    assert evidence["invoice_number"].bbox is None  # ZZ9 is printed nowhere
    for path in ("issue_date", "buyer.name"):  # found on the page, with the words' box
        assert evidence[path].page == 1 and evidence[path].bbox is not None, path
        assert evidence[path].engine == "vlm"


def _run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, args, env={**TINY_ENV, **(env or {})}, catch_exceptions=False)


def _two_invoices(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("earsiv_01.pdf", "efatura_01.pdf"):
        shutil.copy(SAMPLES / "invoices" / name, folder / name)
    return folder


def test_cli_run_with_the_vlm_engine_stores_records_that_validate(tmp_path_factory, tmp_path):
    model = model_dir(tmp_path_factory, "qwen2_vl")
    db = f"sqlite:///{tmp_path / 'docpipe.db'}"
    result = _run(
        [
            "run",
            str(_two_invoices(tmp_path)),
            "--engine",
            "vlm",
            "--model",
            str(model),
            "--db",
            db,
            "--json",
        ]
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["status"] in ("ok", "needs_review") for r in lines] == [True, True], result.output
    assert {r["engine"] for r in lines} == {"vlm"}
    with Store(db) as store:
        views = store.list_documents()
        assert len(views) == 2
        for view in views:
            stored = store.get_document(view.id).extraction
            assert stored.engine == "vlm"
            Invoice.model_validate(unsealed(stored.record, store.vault_fields(view.id)))


@pytest.mark.parametrize(
    ("model", "message"),
    [
        ("missing", "does not exist; download the model"),
        ("text_only", "which is not a vision-language (image-text-to-text) model"),
    ],
)
def test_a_bad_model_dir_fails_each_document_with_one_line(
    model, message, tmp_path_factory, tmp_path
):
    directory = tmp_path / "nowhere" if model == "missing" else model_dir(tmp_path_factory, model)
    folder = _two_invoices(tmp_path)
    result = _run(["run", str(folder), "--engine", "vlm", "--model", str(directory), "--no-store"])
    assert result.exit_code == 1
    failures = [line for line in result.stderr.splitlines() if line.startswith("✗")]
    assert len(failures) == 2  # the batch went on to the second document
    assert all(message in line for line in failures), result.stderr


def test_running_out_of_memory_while_loading_is_one_clear_error(tmp_path_factory) -> None:
    """A real allocation failure: the address-space limit is lowered to just above what the
    process uses after loading a small model, and a ~45 MB model is loaded; the limit is
    put back afterwards (only the soft limit moves, so it can)."""
    small, wide = model_dir(tmp_path_factory, "llava"), model_dir(tmp_path_factory, "llava_wide")
    TransformersRunner(str(small), device="cpu").load()  # every module a load imports
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    status = Path("/proc/self/status").read_text().splitlines()
    size_kib = next(int(line.split()[1]) for line in status if line.startswith("VmSize"))
    limit = (size_kib + 16 * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        with pytest.raises(EngineError) as caught:
            TransformersRunner(str(wide), device="cpu").load()
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert caught.value.message.startswith("not enough memory to load the model in ")
    assert "\n" not in caught.value.message


def test_engine_errors_fail_the_document_not_the_batch(tmp_path) -> None:
    settings = load_settings(
        engine="vlm", vlm_model=str(tmp_path / "none"), store_results=False, **TINY
    )
    files = [text_pdf(["Fatura No: A1", "Toplam 10,00 TL"], tmp_path / f"{n}.pdf") for n in "ab"]
    with Pipeline(settings) as pipeline:
        results = [pipeline.process(f) for f in files]
    assert [r.status for r in results] == [Status.failed, Status.failed]
    assert {r.error.stage for r in results} == {"extract"}
    assert {r.error.category for r in results} == {"engine"}
