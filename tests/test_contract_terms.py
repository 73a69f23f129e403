"""Contract term dates: the end by its cue or derived from start + term, dates and counts in
words, dates that are not the end, the checks on start/end/signing/term, and the
``general_a`` tuning style (NDA, vekâlet, sale, other wordings) from fresh seeds."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from docpipe.evaluate import score_fields
from docpipe.extract.rules.contract import extract_contract
from docpipe.extract.rules.contract_dates import contract_dates, dates_in_words
from docpipe.extract.rules.found import DERIVED
from docpipe.pipeline import Pipeline
from docpipe.settings import load_settings
from docpipe.validate.contract import term_check
from samplegen.contracts.general import KINDS as GENERAL_KINDS
from samplegen.contracts.general import general_spec
from tests.conftest import fresh_seed
from tests.test_contracts import _run_spec, _text_doc

FRESH = fresh_seed(__name__)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    with Pipeline(load_settings(store_results=False)) as pipeline:
        yield pipeline


def _fields(lines: list[str]) -> dict:
    return {k: v for k, v in extract_contract(_text_doc(lines)).items.items()}


def test_dates_in_words_alone_and_after_figures() -> None:
    assert [d for d, *_ in dates_in_words("on iki Mart iki bin yirmi beş")] == [date(2025, 3, 12)]
    assert [d for d, *_ in dates_in_words("OTUZ BİR ARALIK İKİ BİN YİRMİ DÖRT")] == [
        date(2024, 12, 31)
    ]
    assert dates_in_words("otuz bir Şubat iki bin yirmi beş") == []  # no such day
    text = "12.03.2025 (on iki Mart iki bin yirmi beş) tarihinde başlar"
    [(value, a, b)] = contract_dates(text)
    assert value == date(2025, 3, 12) and text[a:b].endswith("beş)")
    assert [d for d, *_ in contract_dates("12/03/2025 ile 2026-03-11 ve 1 Nisan 2025")] == [
        date(2025, 3, 12),
        date(2026, 3, 11),
        date(2025, 4, 1),
    ]


def test_end_needs_an_end_cue_not_a_deadline() -> None:
    """Due dates, a renewal-notice deadline and a handover are not the end; with only a
    start and a duration printed the end is derived and marked so."""
    got = _fields([
        "HİZMET SÖZLEŞMESİ",
        "Madde 1 - Süre",
        "İşbu sözleşme 01.04.2025 tarihinden itibaren bir (1) yıl süreyle geçerlidir.",
        "Madde 2 - Ödeme",
        "İlk ödeme en geç 10.04.2025 tarihine kadar yapılacaktır.",
        "Yenilemek istemeyen taraf bunu 01.02.2026 tarihine kadar yazılı olarak bildirir.",
        "Cihazlar 05.04.2025 tarihine kadar teslim edilir.",
        "Bedel 02.04.2026 tarihinden sonra TÜFE oranında artırılır.",
        "Madde 3 - Son hükümler",
        "Taraflar arasında 01.03.2025 tarihinde imzalanan ön protokol bu sözleşmenin ekidir.",
        "İşbu sözleşme 20.03.2025 tarihinde Ankara'da imzalanmıştır.",
    ])  # fmt: skip
    assert got["start_date"].value == date(2025, 4, 1)
    assert got["term_months"].value == 12
    assert got["contract_date"].value == date(2025, 3, 20)
    end = got["end_date"]
    assert end.value == date(2026, 3, 31) and end.derived
    assert end.evidence().engine == DERIVED
    assert not got["start_date"].derived


def test_printed_end_by_cue_and_words_duration() -> None:
    got = _fields([
        "GİZLİLİK SÖZLEŞMESİ",
        "Madde 1 - Süre",
        "Sözleşme süresi, 28.12.2024 (yirmi sekiz Aralık iki bin yirmi dört) tarihinde "
        "başlamak üzere on iki ay olup sözleşme 27 Aralık 2025 tarihinde sona erer.",
    ])  # fmt: skip
    assert got["start_date"].value == date(2024, 12, 28)
    assert got["term_months"].value == 12
    assert got["end_date"].value == date(2025, 12, 27) and not got["end_date"].derived


def test_start_at_signing_is_derived() -> None:
    got = _fields([
        "VEKÂLET SÖZLEŞMESİ",
        "Madde 1 - Süre",
        "Sözleşme taraflarca imzalandığı tarihte yürürlüğe girer ve 6 ay süreyle geçerlidir.",
        "Düzenleme Tarihi: 15 Mayıs 2025",
    ])  # fmt: skip
    assert got["contract_date"].value == date(2025, 5, 15)
    assert got["start_date"].value == date(2025, 5, 15) and got["start_date"].derived
    assert got["end_date"].value == date(2025, 11, 14) and got["end_date"].derived
    due = _fields([
        "HİZMET SÖZLEŞMESİ",
        "Bedel imza tarihinden itibaren 30 gün içinde ödenir.",
        "Düzenleme Tarihi: 15 Mayıs 2025",
    ])  # fmt: skip
    assert "start_date" not in due and "end_date" not in due


def test_term_checks_name_their_reason() -> None:
    def failed(record: dict) -> list[str]:
        return [c.reason for c in term_check(record) if not c.passed]

    ok = {"start_date": "2025-04-01", "end_date": "2026-03-31", "term_months": 12,
          "contract_date": "2025-03-20"}  # fmt: skip
    assert failed(ok) == []
    assert failed({**ok, "end_date": "2025-03-01", "start_date": None}) == [
        "the end date is not after the signing date"
    ]
    assert failed({**ok, "end_date": "2025-03-31"}) == ["the end date is not after the start date"]
    assert failed({**ok, "end_date": "2026-09-30"}) == [
        "the end date does not match the start date plus the term"
    ]


@pytest.mark.parametrize("index", range(len(GENERAL_KINDS)))
def test_general_contracts_generalise(pipe: Pipeline, index: int, tmp_path: Path) -> None:
    """Each kind of the ``general_a`` style (NDA, vekâlet, sale, kira, iş, hizmet) drawn
    from a fresh seed is read at ≥ 95 % and reaches its expected status."""
    import random

    seed = FRESH + 7919 * (index + 1)
    rng = random.Random(seed)
    spec = general_spec(rng, index)
    truth, result = _run_spec(pipe, spec, rng, tmp_path, f"general-{index}")
    outcomes = score_fields(truth, result.record)
    total = Counter(outcomes.values())
    wrong = sorted(p for p, o in outcomes.items() if o != "correct")
    assert total["correct"] / sum(total.values()) >= 0.95, (seed, spec.kind, wrong)
    assert result.status.value == truth.expect_status, (seed, spec.kind, result.failed_checks)


def test_a_span_of_two_dates_is_the_term_only_when_it_can_be() -> None:
    """Two dates in one sentence are not the term when the sentence is about paying, or
    when the printed start is another date."""
    got = _fields([
        "KİRA SÖZLEŞMESİ",
        "Kira Başlangıç Tarihi: 01.04.2025",
        "Kira Süresi: 12 ay",
        "Kiracı 10.04.2025 ile 20.04.2025 tarihleri arasında tadilat yapabilir.",
    ])  # fmt: skip
    assert got["start_date"].value == date(2025, 4, 1)
    assert got["end_date"].value == date(2026, 3, 31) and got["end_date"].derived
    paid = _fields([
        "HİZMET SÖZLEŞMESİ",
        "Bedel 01.05.2025 ve 01.06.2025 tarihlerinde iki taksitle ödenir.",
    ])  # fmt: skip
    assert "start_date" not in paid and "end_date" not in paid
