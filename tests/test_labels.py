"""Label matching: Turkish variants, case, diacritics, OCR slips, and what must not match."""

from __future__ import annotations

import random

import pytest

from docpipe.extract.rules.invoice_vocab import COLUMNS, HEADER, HEADINGS, PARTY
from docpipe.extract.rules.labels import Vocabulary, _match_prefix, _Start, tokens
from docpipe.extract.rules.totals import TOTALS

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
    # a label and its figure printed as one run: the figure is never a label's word (it
    # matched "Vergiler Dahil Toplam Tutar" fuzzily, with the amount for "Tutar")
    (TOTALS, ["Vergiler", "Dahil", "Toplam", "2.669,55", "ABD", "Doları"], "total_with_taxes", 3),
    (TOTALS, ["Ödenecek", "Tutar", "1.234,50"], "payable_amount", 2),
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
        (TOTALS, ["2.669,55", "TL"]),
        (TOTALS, ["%20"]),
    ],
)
def test_label_does_not_match(vocab: Vocabulary, words: list[str]) -> None:
    match = vocab.match_words(words)
    assert match is None or match.score < 0.86


def test_short_labels_are_never_fuzzy() -> None:
    vocab = Vocabulary({"vkn": ["VKN"]})
    assert vocab.match_words(["VKM"]) is None


def _variants(label: str, rng: random.Random) -> list[str]:
    """The label, and the label with one character dropped, doubled or replaced."""
    out = [label]
    for _ in range(3):
        i = rng.randrange(len(label))
        ch = rng.choice("abcdeiınoörstuü0123456789:. ")
        out += [label[:i] + label[i + 1 :], label[:i] + label[i] + label[i:]]
        out.append(label[:i] + ch + label[i + 1 :])
    return out


@pytest.mark.parametrize("vocab", [HEADER, PARTY, HEADINGS, COLUMNS, TOTALS])
def test_candidate_filters_drop_no_match(vocab: Vocabulary) -> None:
    """The cheap bounds ``Vocabulary._score`` uses before scoring (lengths, character
    sets, the bound over all near entries at once) never drop an entry that
    ``_match_prefix`` would match: the same hits in the same order as trying every entry
    of the start's size."""
    rng = random.Random(17)
    starts = {
        tuple(tokens(variant))
        for entry in vocab._entries
        for variant in _variants(entry.joined, rng)
        if tokens(variant)
    }
    for start in sorted(starts):
        tried = _Start.of_tokens(start)
        every = [
            (position, score)
            for position, entry in enumerate(vocab._entries)
            if entry.size == len(start)
            and (score := _match_prefix(tried, entry, vocab._fuzzy)) is not None
        ]
        assert list(vocab._score(start)) == every, start


@pytest.mark.parametrize("vocab", [HEADER, PARTY, HEADINGS, COLUMNS, TOTALS])
def test_head_prefilter_drops_no_match(vocab: Vocabulary, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Vocabulary._match`` skips the heads that are no label's tokens and too far from
    every fuzzy label (``_near_enough``) before scoring them: the same answers as scoring
    every head, for label variants (one character dropped, doubled or replaced) followed
    by a value."""
    rng = random.Random(23)
    starts = sorted(
        {
            tuple(words)
            for entry in vocab._entries
            for variant in _variants(entry.joined, rng)
            for words in (
                variant.split(),
                [*variant.split(), "12.345,67"],
                ["No:", *variant.split()],
            )
            if words
        }
    )
    fast = [vocab._match(tuple(tuple(tokens(w)) for w in start)) for start in starts]
    monkeypatch.setattr(Vocabulary, "_near_enough", lambda self, size, a, chars: True)
    assert [vocab._match(tuple(tuple(tokens(w)) for w in start)) for start in starts] == fast
    assert any(match is not None and match.score < 1.0 for match in fast)
