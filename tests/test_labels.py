"""Label matching: Turkish variants, case, diacritics, OCR slips, and what must not match."""

from __future__ import annotations

import pytest

from docpipe.extract.rules.invoice_vocab import COLUMNS, HEADER, PARTY
from docpipe.extract.rules.labels import Vocabulary

CASES = [
    # (vocabulary, words, field, words used)
    (HEADER, ["FATURA", "TARİHİ:", "14.03.2024"], "issue_date", 2),
    (HEADER, ["fatura", "tarihi"], "issue_date", 2),
    (HEADER, ["Fatura", "Tarıhi:"], "issue_date", 2),  # dotless ı from a scanner
    (HEADER, ["Fatvra", "No:", "X"], "invoice_number", 2),  # OCR slip
    (HEADER, ["Düzenlenme", "Tarihi"], "issue_date", 2),
    (HEADER, ["Fatura", "Seri/No:"], "invoice_number", 2),
    (HEADER, ["ETTN:"], "ettn", 1),
    (HEADER, ["Senaryo"], "profile", 1),
    (PARTY, ["V.D.:", "Kadıköy"], "tax_office", 1),
    (PARTY, ["VERGİ", "DAİRESİ"], "tax_office", 2),
    (PARTY, ["Vergi", "Dairesi:", "KADIKÖY"], "tax_office", 2),  # never runs past the colon
    (PARTY, ["T.C.", "Kimlik", "No:"], "tckn", 3),
    (PARTY, ["VKN/TCKN:"], "vkn_or_tckn", 1),
    (PARTY, ["V.No:", "123"], "vkn", 1),
    (COLUMNS, ["KDV", "Oran"], "kdv_rate", 2),  # the longest reading wins over "KDV"
    (COLUMNS, ["Birim", "Fiyatı"], "unit_price", 2),
    (COLUMNS, ["Birim"], "unit", 1),
    (COLUMNS, ["Mal", "Hizmet", "Tutarı"], "amount", 3),
    (COLUMNS, ["Mal", "Hizmet"], "description", 2),
]


@pytest.mark.parametrize(("vocab", "words", "field", "used"), CASES)
def test_label_matches(vocab: Vocabulary, words: list[str], field: str, used: int) -> None:
    match = vocab.match_words(words)
    assert match is not None
    assert (match.field, match.n_words) == (field, used)


@pytest.mark.parametrize(
    ("vocab", "words"),
    [
        (PARTY, ["VKNX"]),  # a label must end at a word boundary
        (PARTY, ["Şirketi"]),  # a company word is not a name label
        (HEADER, ["Faturalar"]),
        (PARTY, ["Vergi"]),
        (COLUMNS, ["Kablosuz", "klavye"]),
    ],
)
def test_label_does_not_match(vocab: Vocabulary, words: list[str]) -> None:
    match = vocab.match_words(words)
    assert match is None or match.score < 0.86


def test_short_labels_are_never_fuzzy() -> None:
    vocab = Vocabulary({"vkn": ["VKN"]})
    assert vocab.match_words(["VKM"]) is None
