"""Label vocabularies and fuzzy label matching.

A label is matched on folded text (lower-case, no diacritics, see
``docpipe.text.turkish.fold``) token by token, so ``FATURA TARİHİ``,
``Fatura Tarihi:`` and ``fatura tarihi`` are the same label, and one
misread character (OCR: ``Fatvra``) still matches with a lower score.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from docpipe.text.turkish import fold

_TOKEN = re.compile(r"[a-z0-9]+|%|#")

#: What each vocabulary keeps of its lookups, least recently used dropped first:
#: ``match_words`` by its window of words and ``_match_start`` by a start's folded words
#: (a document's own words, asked about a few times within it, and label texts that recur
#: from document to document), ``_score`` by a start's tokens (the costly miss, the
#: smallest entry). Sized on a worker reading invoices back to back: what they keep
#: stays a few MiB over thousands of documents (``benchmarks/worker_rss.py``), where
#: dicts cleared at 50,000 entries made most of a worker's memory growth. Over 300 mixed
#: invoices these sizes answer 55 % of ``match_words`` calls (63 % unbounded) and score
#: 5 % more starts than 4096 everywhere would; RSS growth over 1,000 documents fell from
#: 1.096x to 1.07x.
LABEL_LOOKUPS_KEPT = 1024
LABEL_SCORES_KEPT = 4096
#: folded tokens and character bits by word: label words and recurring document words
WORD_FACTS_KEPT = 8192
_PUNCT_ONLY = re.compile(r"^[\s:.\-–—=|/]*$")
_FIGURE = re.compile(r"^[^\w]*\d[\d\W_]*$")  # a number, a rate, a date: no letter in it


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


@dataclass(frozen=True, slots=True)
class LabelMatch:
    field: str
    n_words: int  # how many words of the run the label used
    score: float  # 1.0 exact, less for fuzzy matches


class Vocabulary:
    """Field name -> label variants; matches the start of a word sequence."""

    def __init__(self, labels: dict[str, list[str]], fuzzy: float = 0.86) -> None:
        entries = [(f, tokens(v)) for f, variants in labels.items() for v in variants if tokens(v)]
        # longest labels first: "fatura tarihi" before "tarih"
        entries.sort(key=lambda e: (-len(e[1]), -len("".join(e[1]))))
        self._entries = [_Label.of(f, label) for f, label in entries]
        self._longest = max(e.size for e in self._entries)
        # Where a label of each size can hit, by entry position (``_candidates``): exactly
        # by its tokens, or fuzzily by the length of its joined text.
        self._exact: dict[tuple[str, ...], list[int]] = {}
        self._by_length: dict[int, dict[int, list[int]]] = {}
        for position, entry in enumerate(self._entries):
            self._exact.setdefault(entry.tokens, []).append(position)
            if entry.fuzzy:
                lengths = self._by_length.setdefault(entry.size, {})
                lengths.setdefault(len(entry.joined), []).append(position)
        self._sizes = sorted({e.size for e in self._entries}, reverse=True)
        self._fuzzy = fuzzy
        self._near_cache: dict[tuple[int, int], _Near] = {}
        #: start tokens -> (entry position, score) of the entries matching them (``_score``)
        self._scored = lru_cache(maxsize=LABEL_SCORES_KEPT)(self._score)
        #: ``_match`` by a start's folded words
        self._matched = lru_cache(maxsize=LABEL_LOOKUPS_KEPT)(self._match)
        #: ``match_words`` by the words it can look at (``_window`` of them)
        self._words_matched = lru_cache(maxsize=LABEL_LOOKUPS_KEPT)(self._match_window)
        # a label reads at most ``_longest`` words, a bilingual English half 5 more
        self._window = self._longest + 5

    @property
    def window(self) -> int:
        """How many words ``match_words`` looks at: the rest cannot change its answer."""
        return self._window

    def words(self) -> frozenset[str]:
        """Every (folded) word of every label."""
        return frozenset(t for e in self._entries for t in e.tokens)

    def match_words(self, words: list[str]) -> LabelMatch | None:
        """Match a label at the start of ``words`` (the raw word texts of a run).

        A bilingual label's English half ("Vergi Dairesi / Tax Office:") belongs to
        the label: the Turkish half is matched alone, the English half is skipped.

        The answer depends on the first ``_window`` words only (a label, then a slash
        and its English half), so it is kept per those words: the rules ask about the
        same words several times (a segment's labels, then again as a neighbour's value).
        """
        return self._words_matched(tuple(words[: self._window]))

    def cache_info(self) -> dict[str, object]:
        """Hits, misses and sizes of the three lookups (``functools`` cache_info)."""
        return {
            "match_words": self._words_matched.cache_info(),
            "match_start": self._matched.cache_info(),
            "score": self._scored.cache_info(),
        }

    def _match_window(self, key: tuple[str, ...]) -> LabelMatch | None:
        return self._match_words(list(key))

    def _match_words(self, words: list[str]) -> LabelMatch | None:
        whole = self._match_start(words)
        slash = next((i for i, w in enumerate(words) if w.startswith("/")), None)
        if slash and english_half(words[slash:]):
            match = self._match_start(words[:slash])
            n_words = slash + english_half(words[slash:])
            # a label that spans the slash itself ("Malzeme / Hizmet Kodu": Turkish words
            # in ASCII letters) is read whole; a fuzzy whole that the English half only
            # resembles ("Hesaplanan KDV / VAT" ~ "Hesaplanan KDV Tevkifat") is not
            if (
                match is not None
                and match.n_words == slash
                and (whole is None or whole.n_words < n_words or match.score > whole.score)
            ):
                return LabelMatch(match.field, n_words, match.score)
        match = whole
        if match is not None:
            extra = english_half(words[match.n_words :])
            if extra:
                match = LabelMatch(match.field, match.n_words + extra, match.score)
        return match

    def _match_start(self, words: list[str]) -> LabelMatch | None:
        words = words[: self._longest]
        for i, w in enumerate(words):
            if _FIGURE.match(w):
                # no label holds a figure: "Vergiler Dahil Toplam 2.669,55" printed as one
                # run must not match "… Toplam Tutar" fuzzily with the amount for "Tutar"
                words = words[:i]
                break
            if w.endswith(":"):
                words = words[: i + 1]  # a label never runs past its colon
                break
        if not words:
            return None
        return self._matched(tuple(map(_word_tokens, words)))

    def _match(self, folded_words: tuple[tuple[str, ...], ...]) -> LabelMatch | None:
        stream = [tok for toks in folded_words for tok in toks]
        word_of = [wi for wi, toks in enumerate(folded_words) for _ in toks]
        # the joined length and character set of every head, as ``_score`` works them out
        length, chars = -1, 0
        lengths, bits = [], []
        for token in stream[: self._longest]:
            chars |= _token_bits(token)
            bits.append(chars | _SPACE_BIT if bits else chars)  # tokens are joined by spaces
            length += len(token) + 1
            lengths.append(length)
        hits: list[tuple[int, int, float]] = []  # (entry position, words used, score)
        for size in self._sizes:
            head = _head(stream, word_of, size)
            if head is None:
                continue
            tokens, last_word = head
            # ``_score``'s own first tests, before its lookup: most heads are no label's
            # tokens and too far from every fuzzy label of their size
            if tokens not in self._exact and not self._near_enough(
                size, lengths[size - 1], bits[size - 1]
            ):
                continue
            scored = self._scored(tokens)
            hits += [(position, last_word + 1, score) for position, score in scored]
        hits.sort(key=lambda hit: hit[0])  # entry order, as when every entry was tried
        # longest match wins ("KDV Oran" read fuzzily beats an exact "KDV"), then the best score
        best: LabelMatch | None = None
        for position, used, score in hits:
            if best is None or (used, score) > (best.n_words, best.score + 1e-9):
                best = LabelMatch(self._entries[position].field, used, score)
        return best

    def _near(self, size: int, a: int) -> _Near:
        """The fuzzy entries of ``size`` tokens whose joined length passes the length bounds
        for a start of length ``a`` (``_match_prefix``'s first two tests); kept per (size, a)."""
        key = (size, a)
        near = self._near_cache.get(key)
        if near is None:
            fuzzy = self._fuzzy
            entries = []
            lengths = [
                b
                for b in self._by_length.get(size, {})
                if abs(a - b) <= 0.25 * b and 2.0 * min(a, b) / (a + b) >= fuzzy
            ]
            for b in lengths:
                least = _least_common(a + b, fuzzy)
                entries += [
                    (position, self._entries[position].chars, a - least, b - least)
                    for position in self._by_length[size][b]
                ]
            chars = 0
            for _, label, _, _ in entries:
                chars |= label
            missing = a - _least_common(a + min(lengths), fuzzy) if entries else -1
            near = self._near_cache[key] = _Near(entries, chars, missing)
        return near

    def _near_enough(self, size: int, a: int, chars: int) -> bool:
        """Whether a start of ``size`` tokens, joined length ``a`` and character set
        ``chars`` (``char_bits``) can match any fuzzy entry: the bound of ``_score``'s
        per-entry one for all the near entries at once. A start with characters none of
        them has (the digits of an amount, most starts asked about) can match none."""
        near = self._near(size, a)
        return (chars & ~near.chars).bit_count() <= near.missing

    def _score(self, tokens: tuple[str, ...]) -> tuple[tuple[int, float], ...]:
        """(entry position, score) of every entry that matches a start of ``tokens``, in
        entry order.

        Only entries ``_match_prefix`` can find are tried: those whose tokens are the
        start's, and fuzzy ones whose joined length passes its length bounds (the rest
        would all answer None). A score depends on the start's tokens alone, so
        ``_match`` keeps these per tokens: a speed-up only, the same hits in the same
        order as when every entry was tried at every start.
        """
        positions = set(self._exact.get(tokens, ()))
        # the joined text's length and character set, from its tokens'
        a = sum(map(len, tokens)) + len(tokens) - 1
        chars = _SPACE_BIT if len(tokens) > 1 else 0
        for token in tokens:
            chars |= _token_bits(token)
        fuzzy = self._fuzzy
        near = self._near(len(tokens), a)
        if not self._near_enough(len(tokens), a, chars):
            near = _NO_NEAR
        for position, label, start_missing, label_missing in near.entries:
            # each distinct character of one text missing from the other is at least one
            # unmatched character: a bound of quick_ratio's count of common characters
            # from two bit operations, which drops nearly every candidate before
            # ``_match_prefix`` counts them one by one
            if (chars & ~label).bit_count() <= start_missing and (
                label & ~chars
            ).bit_count() <= label_missing:
                positions.add(position)
        if not positions:
            return ()  # most starts: one shared empty answer kept, not a list each
        start = _Start.of_tokens(tokens)
        scored = []
        for position in sorted(positions):
            score = _match_prefix(start, self._entries[position], fuzzy)
            if score is not None:
                scored.append((position, score))
        return tuple(scored)


@dataclass(frozen=True, slots=True)
class _Near:
    """Fuzzy entries near a start's length ``a``, each as (entry position, character bits,
    how many of the start's distinct characters the label may lack, how many of its own
    the start may lack) and still pass the bound of ``quick_ratio`` from character sets
    (``_least_common``); the union of their character bits, and how many of the start's
    characters that union may lack (from the shortest entry's length) for any of them
    to pass."""

    entries: list[tuple[int, int, int, int]]
    chars: int
    missing: int


_NO_NEAR = _Near([], 0, -1)


@dataclass(frozen=True, slots=True)
class _Label:
    """One label variant, with what matching it needs worked out once."""

    field: str
    tokens: tuple[str, ...]
    size: int
    joined: str
    #: long enough to match fuzzily without false positives
    fuzzy: bool
    #: short tokens ("no", "vd") by position: they must be read exactly
    exact: tuple[tuple[int, str], ...]
    counts: dict[str, int]
    chars: int  # the set of its characters as bits (``char_bits``)

    @classmethod
    def of(cls, field: str, label: list[str]) -> _Label:
        joined = " ".join(label)
        fuzzy = not (len(joined) < 5 or all(len(t) <= 3 for t in label))
        exact = tuple((i, t) for i, t in enumerate(label) if len(t) <= 2)
        counts = dict(Counter(joined))
        return cls(field, tuple(label), len(label), joined, fuzzy, exact, counts, char_bits(joined))


@dataclass(frozen=True, slots=True)
class _Start:
    """The first tokens of a run, where they may end a label."""

    tokens: tuple[str, ...]
    joined: str

    @classmethod
    def of_tokens(cls, tokens: tuple[str, ...]) -> _Start:
        return cls(tokens, " ".join(tokens))


def _head(stream: list[str], word_of: list[int], size: int) -> tuple[tuple[str, ...], int] | None:
    """The first ``size`` tokens of a run's token stream and the word the last one is in
    (``word_of``: each token's word); None where no label of ``size`` tokens can match
    (too short, or it would end inside a word: "vkn" must not match "vknx")."""
    if len(stream) < size:
        return None
    last_word = word_of[size - 1]
    if (
        len(stream) > size
        and word_of[size] == last_word
        and stream[size].isalpha()
        and stream[size - 1].isalpha()
    ):
        return None
    return tuple(stream[:size]), last_word


def _least_common(total: int, fuzzy: float) -> int:
    """The fewest common characters ``c`` two texts of ``total`` characters together need
    for ``2.0 * c / total >= fuzzy`` (difflib's ratio), worked out with that very float
    test: ``c >= least`` is the same test on whole numbers."""
    least = max(0, int(fuzzy * total / 2) - 1)
    while 2.0 * least / total < fuzzy:
        least += 1
    return least


def char_bits(text: str) -> int:
    """The set of characters in ``text`` as an integer with one bit per code point."""
    bits = 0
    for ch in set(text):
        bits |= 1 << ord(ch)
    return bits


_SPACE_BIT = char_bits(" ")  # tokens are joined by spaces


@lru_cache(maxsize=WORD_FACTS_KEPT)
def _token_bits(token: str) -> int:
    return char_bits(token)


@lru_cache(maxsize=WORD_FACTS_KEPT)
def _word_tokens(word: str) -> tuple[str, ...]:
    return tuple(tokens(word))


def _match_prefix(start: _Start, label: _Label, fuzzy: float) -> float | None:
    """How well ``label`` matches the start's tokens (1.0 exactly), or None.

    Words can hold several tokens ("V.D." -> v, d) or a token can be glued to
    punctuation ("No:"), so the comparison runs on tokens; ``Vocabulary._match`` counts
    which word the last one came from.

    The fuzzy score is difflib's ``ratio``; its two upper bounds (``real_quick_ratio``,
    ``quick_ratio``) are worked out here from lengths and character counts (a label's
    made once; the same numbers), so that ``SequenceMatcher`` is built only for the few
    candidates that can still reach ``fuzzy``. ``Vocabulary._score`` calls this only for
    the candidates that pass a cheaper bound of ``quick_ratio`` (from character sets).
    """
    if start.tokens == label.tokens:
        return 1.0
    if not label.fuzzy:
        return None
    candidate = start.tokens
    if any(candidate[i] != t for i, t in label.exact):
        return None
    a, b = start.joined, label.joined
    if abs(len(a) - len(b)) > 0.25 * len(b):
        return None
    length = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / length < fuzzy:  # real_quick_ratio
        return None
    counts = label.counts
    common = sum(min(n, counts.get(c, 0)) for c, n in Counter(a).items())
    if 2.0 * common / length < fuzzy:  # quick_ratio
        return None
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= fuzzy else None


_ENGLISH_WORD = re.compile(r"^\(?[A-Za-z][A-Za-z.\-()%]*\)?:?$")


def english_half(words: list[str]) -> int:
    """How many of ``words`` are the English half of a bilingual label ("/ Tax Office:").

    A slash, then up to four words in ASCII letters (Turkish has letters ASCII lacks,
    and values have digits), ending at a colon when there is one.
    """
    if not words:
        return 0
    if words == ["/"]:
        return 1  # "Miktar /": the English half wrapped onto the next line
    first = words[0]
    rest = list(words)
    if first == "/":
        rest = rest[1:]
        used = 1
    elif first.startswith("/") and len(first) > 1:
        rest = [first[1:], *rest[1:]]
        used = 0
    else:
        return 0
    n = 0
    for w in rest[:4]:
        if not _ENGLISH_WORD.match(w):
            break
        n += 1
        if w.endswith(":"):
            break
    return used + n if n else 0


def english_words(words: list[str]) -> bool:
    """Whether ``words`` (one to four) are all ASCII words: an English label half."""
    return 0 < len(words) <= 4 and all(_ENGLISH_WORD.match(w) for w in words)


def is_punctuation(text: str) -> bool:
    return bool(_PUNCT_ONLY.match(text))


def strip_label_punctuation(text: str) -> str:
    return text.strip().lstrip(":.-–—=|").strip()
