"""Label vocabularies and fuzzy label matching.

A label is matched on folded text (lower-case, no diacritics, see
``docpipe.text.turkish.fold``) token by token, so ``FATURA TARİHİ``,
``Fatura Tarihi:`` and ``fatura tarihi`` are the same label, and one
misread character (OCR: ``Fatvra``) still matches with a lower score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from docpipe.text.turkish import fold

_TOKEN = re.compile(r"[a-z0-9]+|%|#")
_PUNCT_ONLY = re.compile(r"^[\s:.\-–—=|/]*$")


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
        self._entries = sorted(entries, key=lambda e: (-len(e[1]), -len("".join(e[1]))))
        self._longest = max(len(label) for _, label in self._entries)
        self._fuzzy = fuzzy
        self._cache: dict[tuple[tuple[str, ...], ...], LabelMatch | None] = {}

    def match_words(self, words: list[str]) -> LabelMatch | None:
        """Match a label at the start of ``words`` (the raw word texts of a run).

        A bilingual label's English half ("Vergi Dairesi / Tax Office:") belongs to
        the label: the Turkish half is matched alone, the English half is skipped.
        """
        slash = next((i for i, w in enumerate(words) if w.startswith("/")), None)
        if slash and english_half(words[slash:]):
            match = self._match_start(words[:slash])
            if match is not None and match.n_words == slash:
                return LabelMatch(match.field, slash + english_half(words[slash:]), match.score)
        match = self._match_start(words)
        if match is not None:
            extra = english_half(words[match.n_words :])
            if extra:
                match = LabelMatch(match.field, match.n_words + extra, match.score)
        return match

    def _match_start(self, words: list[str]) -> LabelMatch | None:
        words = words[: self._longest]
        colon = next((i for i, w in enumerate(words) if w.endswith(":")), None)
        if colon is not None:
            words = words[: colon + 1]  # a label never runs past its colon
        key = tuple(tuple(_word_tokens(w)) for w in words)
        if key not in self._cache:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = self._match(key)
        return self._cache[key]

    def _match(self, folded_words: tuple[tuple[str, ...], ...]) -> LabelMatch | None:
        stream = [(tok, wi) for wi, toks in enumerate(folded_words) for tok in toks]
        # longest match wins ("KDV Oran" read fuzzily beats an exact "KDV"), then the best score
        best: LabelMatch | None = None
        for field, label in self._entries:
            hit = _match_prefix(stream, label, self._fuzzy)
            if hit is None:
                continue
            used, score = hit
            if best is None or (used, score) > (best.n_words, best.score + 1e-9):
                best = LabelMatch(field, used, score)
        return best


@lru_cache(maxsize=65_536)
def _word_tokens(word: str) -> list[str]:
    return tokens(word)


def _match_prefix(
    stream: list[tuple[str, int]], label: list[str], fuzzy: float
) -> tuple[int, float] | None:
    """How many words match ``label`` at the start and how well.

    Words can hold several tokens ("V.D." -> v, d) or a token can be glued to
    punctuation ("No:"), so the comparison runs on the token stream (token,
    word index) while counting which word each token came from.
    """
    if len(stream) < len(label):
        return None
    candidate = [tok for tok, _ in stream[: len(label)]]
    last_word = stream[len(label) - 1][1]
    # the label must end at a word boundary: "vkn" must not match "vknx"
    if len(stream) > len(label) and stream[len(label)][1] == last_word:
        following = stream[len(label)][0]
        if following.isalpha() and candidate[-1].isalpha():
            return None
    if candidate == label:
        return last_word + 1, 1.0
    if len(" ".join(label)) < 5 or all(len(t) <= 3 for t in label):
        return None  # too short to match fuzzily without false positives
    if any(len(t) <= 2 and t != c for t, c in zip(label, candidate, strict=True)):
        return None  # short tokens ("no", "vd") must be read exactly
    a, b = " ".join(candidate), " ".join(label)
    if abs(len(a) - len(b)) > 0.25 * len(b):
        return None
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < fuzzy or matcher.quick_ratio() < fuzzy:
        return None
    ratio = matcher.ratio()
    return (last_word + 1, ratio) if ratio >= fuzzy else None


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
