"""Start, end and term as real templates print them: the stationery lease form ("matbu"
Kira Kontratı: old labels in a two-column table), the term wordings of published templates
(``samplegen.contracts.general_matbu``), bare "Başlangıç:" / "Bitiş:" / "Süre:" labels,
dates of other periods (a trial, a renewal) and an end checked against start + term. The
generated cases draw fresh seeds; the hand-written ones are this module's own sentences."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from samplegen.contracts.general import _duration, date_text, general_spec
from samplegen.contracts.general_matbu import form_duration, matbu_rows, real_term
from samplegen.contracts.spec import add_months
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)
HEAD = ["KİRA SÖZLEŞMESİ", "Madde 1 - Taraflar", "Kiraya Veren: Ali Yıldız",
        "Kiracı: Zehra Doğan", "Madde 2 - Süre"]  # fmt: skip
TAIL = ["Madde 3 - Bedel", "Aylık kira bedeli 10.000 TL'dir.",
        "İşbu sözleşme 15.08.2025 tarihinde İzmir'de imzalanmıştır."]  # fmt: skip
TERM_KEYS = ("start_date", "end_date", "term_months")


def _read(lines: list[str], signed: date | None = None) -> dict:
    tail = (
        [*TAIL[:-1], f"İşbu sözleşme {signed:%d.%m.%Y} tarihinde İzmir'de imzalanmıştır."]
        if signed
        else TAIL
    )
    fields = extract_contract(_text_doc(HEAD + lines + tail)).items
    return {k: fields[k].value for k in TERM_KEYS if k in fields}


def _with_term(rng: random.Random, index: int):
    """A general_a spec of a kind with a term (not a sale, not an indefinite job)."""
    while True:
        spec = general_spec(rng, index)
        if spec.term_months and spec.kind != "sale":
            return spec
        index += 1


def test_real_template_term_wordings_are_read_from_fresh_seeds() -> None:
    """Every term sentence of ``real_term`` gives start, term and end (the end printed, or
    derived as the day before start + term), in every date form."""
    rng = random.Random(FRESH)
    wrong = []
    for index in range(60):
        spec = _with_term(rng, index)
        text = real_term(spec, rng, lambda d: date_text(d, rng), _duration(spec.term_months, rng))
        assert text is not None
        got = _read(text.split("\n"), spec.contract_date)
        end = spec.end_date or add_months(spec.start_date, spec.term_months)
        want = {"start_date": spec.start_date, "end_date": end, "term_months": spec.term_months}
        if got != want:
            wrong.append((text, got, want))
    assert not wrong, wrong[:3]


def test_matbu_form_rows_are_read_from_fresh_seeds() -> None:
    """The stationery form's label/value rows ("Kiranın başlangıç tarihi", "Kira müddeti:
    1 (Bir) Yıl", "Kira süresi: 3 Sene", …) as lines of a table."""
    rng = random.Random(FRESH + 1)
    for index in range(30):
        spec = _with_term(rng, index)
        if not spec.kind.endswith("lease"):
            continue
        rows = matbu_rows(spec, rng, lambda d: date_text(d, rng), "10.000 TL")
        got = _read([f"{label}: {value}" for label, value in rows], spec.contract_date)
        assert got["start_date"] == spec.start_date, rows
        assert got["term_months"] == spec.term_months, rows
        assert got["end_date"] == (spec.end_date or add_months(spec.start_date, spec.term_months))


@pytest.mark.parametrize("months", [6, 12, 24, 36, 60])
def test_form_durations_name_their_months(months: int) -> None:
    rng = random.Random(FRESH + months)
    for _ in range(10):
        shown = form_duration(months, rng)
        assert _read([f"Kira müddeti: {shown}"])["term_months"] == months, shown


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def test_matbu_contracts_are_read_whole_from_fresh_seeds(pipe: Pipeline, tmp_path: Path) -> None:
    """Three stationery-form leases from fresh seeds, rendered to PDF: every field at ≥ 99 %
    and each contract reaches its expected status."""
    outcomes: Counter[str] = Counter()
    wrong, found, index = [], 0, 0
    while found < 3:
        seed = FRESH + 7919 * (index + 1)
        rng = random.Random(seed)
        spec = general_spec(rng, index)
        index += 1
        if spec.layout != "matbu":
            continue
        found += 1
        truth, result = _run_spec(pipe, spec, rng, tmp_path, f"matbu-{index}")
        for path, outcome in score_fields(truth, result.record).items():
            outcomes[outcome] += 1
            if outcome != "correct":
                wrong.append((seed, path))
        assert result.status.value == truth.expect_status, seed
    assert outcomes["correct"] / sum(outcomes.values()) >= 0.99, wrong


S, E = date(2025, 9, 1), date(2026, 8, 31)


@pytest.mark.parametrize(
    "lines, want",
    [
        # bare labels: a cue followed by ':' names the value after it, not the one before
        (["Başlangıç: 01.09.2025", "Bitiş: 31.08.2026", "Süre: 12 ay"], (S, E, 12)),
        (
            [
                "Sözleşmenin başlama tarihi 01.09.2025 ve bitiş tarihi 31.08.2026 olarak "
                "belirlenmiştir."
            ],
            (S, E, 12),
        ),
        # a surname "Doğan" on the line before is no birth cue
        (["Kira dönemi 01.09.2025 – 31.08.2026 arasıdır."], (S, E, 12)),
        (
            ["Sözleşme 01.09.2025 ile 31.08.2026 tarihleri arasında yürürlükte kalacaktır."],
            (S, E, 12),
        ),
        (["Sözleşme 1 Eylül 2025'ten itibaren bir yıl geçerlidir."], (S, E, 12)),
        (["Kira süresi 01.09.2025 başlangıç tarihli olmak üzere 1 yıldır."], (S, E, 12)),
        (
            ["Taraflar 1 yıllık kira süresinin 01.09.2025 tarihinde başlayacağını kabul eder."],
            (S, E, 12),
        ),
        (["Sözleşme, 01/09/2025 tarihinden geçerli olmak üzere 1 (bir) yıllıktır."], (S, E, 12)),
        (
            ["Kira Müddeti : 2 (İki) Sene", "Kiranın başlangıç tarihi : 01.09.2025"],
            (S, date(2027, 8, 31), 24),
        ),
        # a count inside a date is no duration
        (["Sözleşme süresi: 01-09-2025 – 31-08-2026 (bir (1) yıl)."], (S, E, 12)),
        # the span stays a span when a payment follows after ';'
        (
            [
                "Kira sözleşmesi 01.09.2025 – 31.08.2026 dönemi için yapılmıştır; ilk ödeme "
                "05.09.2025 tarihinde yapılacaktır."
            ],
            (S, E, 12),
        ),
        # dates that end another period: a trial, a renewal
        (
            [
                "İşçi 01.09.2025 tarihinde işe başlar.",
                "Sözleşme 12 ay sürelidir.",
                "Deneme süresi 31.10.2025 tarihinde sona erer.",
            ],
            (S, E, 12),
        ),
        (
            [
                "Sözleşmenin süresi 1 yıldır.",
                "Sözleşme 01.09.2025 tarihinde yürürlüğe girer.",
                "Süre sonunda sözleşme 31.08.2027 tarihine kadar uzatılabilir.",
            ],
            (S, E, 12),
        ),
        (
            [
                "Sözleşme 01.09.2025 tarihinde başlar.",
                "Sözleşme 31.08.2026 tarihinde sona erer ve taraflar bildirmedikçe 1 yıl uzar.",
            ],
            (S, E, 12),
        ),
    ],
)
def test_term_wordings(lines: list[str], want: tuple[date, date, int]) -> None:
    assert _read(lines) == dict(zip(TERM_KEYS, want, strict=True))


def test_an_end_that_disagrees_with_start_and_term_yields_to_a_printed_date_that_agrees() -> None:
    """A trial's end read as the term's end (its clause says nothing of a trial) is replaced
    by the printed date that start + term gives."""
    got = _read([
        "Sözleşme 01.09.2025 tarihinde başlar, süresi 1 yıldır.",
        "Tanıtım dönemi 30.11.2025 tarihinde sona erer.",
        "Kiracı kiralananı 31.08.2026 tarihinde boş olarak teslim eder.",
    ])  # fmt: skip
    assert got == {"start_date": S, "end_date": E, "term_months": 12}


def test_an_end_that_no_printed_date_confirms_stays_for_validation() -> None:
    """With no agreeing date printed, the end read stays (validation flags the mismatch)."""
    got = _read(["Sözleşme 01.09.2025 tarihinde başlar, süresi 1 yıldır.",
                 "Sözleşme 30.11.2026 tarihinde sona erer."])  # fmt: skip
    assert got == {"start_date": S, "end_date": date(2026, 11, 30), "term_months": 12}
