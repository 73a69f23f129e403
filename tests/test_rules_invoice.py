"""The rules engine on invoices: committed samples, and fresh random layouts.

The committed samples are for development; the random invoices (seeds the
samples never used, every layout family, random label wordings) are what
catches rules that only fit one sample.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from docpipe.evaluate import Truth, load_truth, score_fields, truth_pairs
from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.settings import load_settings
from tests.conftest import SAMPLES

samplegen = pytest.importorskip("samplegen.layouts")
from samplegen.invoice_spec import random_invoice_spec  # noqa: E402
from samplegen.layouts import LAYOUTS, render_invoice  # noqa: E402
from samplegen.truth import invoice_truth  # noqa: E402


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def _score(pipe: Pipeline, path: Path, truth: Truth) -> tuple[Counter, list[str], Status]:
    result = pipe.process(path)
    outcomes = score_fields(truth, result.record)
    wrong = sorted(p for p, o in outcomes.items() if o != "correct")
    return Counter(outcomes.values()), wrong, result.status


def test_digital_samples(pipe: Pipeline) -> None:
    pairs = [(d, t) for d, t in truth_pairs(SAMPLES / "invoices")]
    assert len(pairs) >= 12
    total: Counter = Counter()
    problems = {}
    for doc, truth_path in pairs:
        counts, wrong, status = _score(pipe, doc, load_truth(truth_path))
        total += counts
        if wrong or status is not Status.ok:
            problems[doc.name] = (status.value, wrong[:10])
    accuracy = total["correct"] / sum(total.values())
    assert accuracy >= 0.99, (accuracy, problems)
    assert not problems, problems


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_random_invoices_generalise(pipe: Pipeline, layout: str, tmp_path: Path) -> None:
    total: Counter = Counter()
    problems = {}
    for seed in range(7000, 7012):
        rng = random.Random(seed)
        spec = random_invoice_spec(rng)
        path = tmp_path / f"{layout}-{seed}.pdf"
        path.write_bytes(render_invoice(spec, layout, rng))
        truth = invoice_truth(spec)
        counts, wrong, _ = _score(pipe, path, Truth(truth["doc_type"], truth["fields"]))
        total += counts
        if wrong:
            problems[seed] = wrong[:8]
    accuracy = total["correct"] / sum(total.values())
    assert accuracy >= 0.97, (layout, accuracy, problems)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_a_total_that_does_not_add_up_is_a_signal(
    pipe: Pipeline, layout: str, tmp_path: Path
) -> None:
    spec = random_invoice_spec(random.Random(99), withholding=False)
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(render_invoice(spec, layout, random.Random(1)))
    wrong = dataclasses.replace(spec, total_with_taxes=spec.total_with_taxes + Decimal("10.00"))
    bad.write_bytes(render_invoice(wrong, layout, random.Random(1)))
    assert pipe.process(good).status is Status.ok
    result = pipe.process(bad)
    assert result.status is Status.needs_review
    failed = {(c.name, c.field) for c in result.failed_checks}
    assert ("total", "total_with_taxes") in failed
    # the value printed is what is stored: the record is not "corrected" silently
    assert Decimal(result.record["total_with_taxes"]) == wrong.total_with_taxes


def _words_doc(lines: list[str], conf: float):
    from docpipe.document import Document, Page, Word

    words = []
    for row, text in enumerate(lines):
        x = 50.0
        for token in text.split():
            width = 9.0 * len(token)
            words.append(Word(token, (x, 100 + 30 * row, x + width, 112 + 30 * row), conf))
            x += width + 8
    page = Page(number=1, width=600, height=800, words=tuple(words), text_source="ocr")
    return Document(path="x.png", sha256="0", media_type="image/png", size_bytes=1, pages=(page,))


@pytest.mark.parametrize(("conf", "currency"), [(0.9, "TRY"), (1.0, "GBP")])
def test_an_ocr_read_pound_sign_does_not_outvote_the_lira_in_words(
    conf: float, currency: str
) -> None:
    """No OCR model knows "₺" (it comes out as "£", "$", "&" …); written "TL" decides.

    A text layer's "£" is what was printed, and stays.
    """
    from docpipe.extract.rules.invoice import extract_invoice

    doc = _words_doc(
        [
            "Mal Hizmet Toplamı £1.000,00",
            "KDV %20 £200,00",
            "Ödenecek Toplam £1.200,00",
            "Yalnız BinİkiYüz TL Sıfır Kr.",
        ],
        conf,
    )
    assert extract_invoice(doc).items["currency"].value == currency
