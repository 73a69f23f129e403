"""Finding personal data in text, offline: Presidio with docpipe's Turkish recognizers.

Input: text (a page, a field value). Output: Presidio ``RecognizerResult``s
(entity type, span, score). Results carry positions, never the text; callers
must not log the matched substrings. No model is loaded and nothing is fetched:
the NLP engine is spaCy's blank Turkish pipeline and tldextract is kept on its
bundled suffix list (``tests/test_no_network.py`` proves both).
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache
from itertools import pairwise
from typing import Any

from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import (
    ContextAwareEnhancer,
    LemmaContextAwareEnhancer,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from docpipe.redact.nlp import LANGUAGE, TurkishBlankNlpEngine
from docpipe.redact.recognizers import turkish_recognizers

SCORE_THRESHOLD = 0.4


def offline_tldextract() -> None:
    """Point tldextract at the public-suffix list bundled with it, never at the network.

    docpipe registers no recognizer that calls tldextract (Presidio's e-mail and URL
    recognizers do, and they fetch the list from publicsuffix.org on first use);
    this makes sure a recognizer added later cannot make that call either.
    """
    import tldextract.tldextract as tld

    if tld.TLD_EXTRACTOR.suffix_list_urls:
        tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None)


@cache
def analyzer() -> AnalyzerEngine:
    """One analyzer per process (building it compiles every pattern)."""
    offline_tldextract()
    nlp = TurkishBlankNlpEngine()
    nlp.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in turkish_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(
        nlp_engine=nlp,
        registry=registry,
        supported_languages=[LANGUAGE],
        context_aware_enhancer=IndexedContextEnhancer(),
    )


class IndexedContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's default context enhancer (same settings, same scores), made cheaper:

    - the token under a match (Presidio walks the spaCy ``Doc`` from the start for
      every match) found by bisecting the tokens' end offsets, and "is this lemma a
      keyword" (a list scan per lemma) asked of a set; both built once per text
      (measured on digital invoices: 5 % of ``find_pii``'s time);
    - the results raised in place: Presidio deep-copies every result (its
      explanation, its metadata) before raising any, so that the list it was given
      stays as it was; ``AnalyzerEngine.analyze`` never reads that list again
      (measured: 10 % of ``find_pii``'s time on digital invoices).

    ``tests/test_redact_recognizers.py`` compares its scores with Presidio's own
    enhancer's, so a Presidio upgrade that changes the method fails there.
    """

    def __init__(self) -> None:
        super().__init__()
        # (the list they were made from, what was made): one tuple, so threads sharing
        # the analyzer never pair one text's list with another's index
        self._ends: tuple[list[int], list[int] | None] | None = None
        self._keywords: tuple[list[str], frozenset[str]] | None = None

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """``LemmaContextAwareEnhancer.enhance_using_context`` without its deep copy."""
        results = list(raw_results)
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context] if context else []
        if nlp_artifacts is None:
            return results
        id_key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        for result in results:
            metadata = result.recognition_metadata
            recognizer = by_id.get(metadata[id_key]) if metadata and id_key in metadata else None
            if recognizer is None or not recognizer.context:
                continue
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            word = text[result.start : result.end]
            surrounding = self._extract_surrounding_words(
                nlp_artifacts=nlp_artifacts, word=word, start=result.start
            )
            surrounding.extend(extra)
            supportive = self._find_supportive_word_in_context(
                surrounding, recognizer.context, self.context_matching_mode
            )
            if supportive != "":
                result.score += self.context_similarity_factor
                result.score = max(result.score, self.min_score_with_context_similarity)
                result.score = min(result.score, ContextAwareEnhancer.MAX_SCORE)
                result.analysis_explanation.set_supportive_context_word(supportive)
                result.analysis_explanation.set_improved_score(result.score)
        return results

    def _extract_surrounding_words(
        self, nlp_artifacts: NlpArtifacts, word: str, start: int
    ) -> list[str]:
        # the token ends our artifacts already hold (``nlp.TurkishNlpArtifacts``): no
        # walk over the ``Doc`` to measure its tokens
        ends = getattr(nlp_artifacts, "token_ends", None)
        cached = self._ends
        if ends is not None and nlp_artifacts.tokens:
            indices = nlp_artifacts.tokens_indices
            if cached is None or cached[0] is not indices:
                self._ends = (indices, ends if _in_order(indices, ends) else None)
        return super()._extract_surrounding_words(nlp_artifacts, word, start)

    def _find_index_of_match_token(
        self, word: str, start: int, tokens: Any, tokens_indices: list[int]
    ) -> int:
        cached = self._ends
        if cached is None or cached[0] is not tokens_indices:
            lengths = [len(token) for token in tokens]
            ends = [index + n for index, n in zip(tokens_indices, lengths, strict=False)]
            ordered = len(lengths) == len(tokens_indices) and _in_order(tokens_indices, ends)
            cached = self._ends = (tokens_indices, ends if ordered else None)
        ends = cached[1]
        if ends is None:  # tokens not in order: Presidio's own walk
            return super()._find_index_of_match_token(word, start, tokens, tokens_indices)
        # Presidio takes the first token that starts at ``start`` or ends after it; tokens
        # are non-empty and in order, so that is the first one ending after ``start``
        index = bisect_right(ends, start)
        if index == len(ends):
            raise ValueError(
                "Did not find word '" + word + "' "
                "in the list of tokens although it "
                "is expected to be found"
            )
        return index

    def _add_n_words(  # type: ignore[override]
        self,
        index: int,
        n_words: int,
        lemmas: list[str],
        lemmatized_filtered_keywords: list[str],
        is_backward: bool,
    ) -> list[str]:
        """Presidio's ``_add_n_words`` with the keyword list looked up as a set."""
        cached = self._keywords
        if cached is None or cached[0] is not lemmatized_filtered_keywords:
            cached = (lemmatized_filtered_keywords, frozenset(lemmatized_filtered_keywords))
            self._keywords = cached
        keywords = cached[1]
        i = index
        context_words = []
        remaining = n_words + 1  # the match's own token counts too (glued context words)
        while 0 <= i < len(lemmas) and remaining > 0:
            lower_lemma = lemmas[i].lower()
            if lower_lemma in keywords:
                context_words.append(lower_lemma)
                remaining -= 1
            i = i - 1 if is_backward else i + 1
        return context_words


def _in_order(starts: list[int], ends: list[int]) -> bool:
    """Whether tokens (start and end offsets) are non-empty and in order."""
    return (
        len(starts) == len(ends)
        and all(s < e for s, e in zip(starts, ends, strict=True))
        and all(a <= b for a, b in pairwise(ends))
    )


CHUNK_CHARS = 4000  # analysed at a time; see _chunks
OVERLAP_CHARS = 300


def find_pii(text: str, *, threshold: float = SCORE_THRESHOLD) -> list[RecognizerResult]:
    """Personal-data spans in ``text``, overlapping ones resolved to the best score."""
    engine = analyzer()
    results: list[RecognizerResult] = []
    for offset, chunk in _chunks(text):
        for r in engine.analyze(text=chunk, language=LANGUAGE, score_threshold=threshold):
            r.start, r.end = r.start + offset, r.end + offset
            results.append(r)
    return _without_overlaps(results)


def _chunks(text: str) -> list[tuple[int, str]]:
    """``text`` in pieces of about ``CHUNK_CHARS``, cut at a line end (at a space inside
    a very long line), each repeating the last ``OVERLAP_CHARS`` or so of the one
    before, so an address or a label running over the cut is still seen whole.

    Presidio's context enhancer walks every token once per match, which is quadratic
    in the text's length (measured: 50 s for 54,000 characters in one piece, 2.6 s
    in pieces). A page usually fits in one piece.
    """
    if len(text) <= 2 * CHUNK_CHARS:
        return [(0, text)]
    chunks: list[tuple[int, str]] = []
    start = 0
    while True:
        limit = start + CHUNK_CHARS
        if limit >= len(text):
            chunks.append((start, text[start:]))
            return chunks
        end = text.rfind("\n", start + CHUNK_CHARS // 2, limit) + 1
        if end <= 0:
            end = text.rfind(" ", start + CHUNK_CHARS // 2, limit) + 1 or limit
        chunks.append((start, text[start:end]))
        back = text.rfind("\n", start + 1, max(start + 1, end - OVERLAP_CHARS))
        if back < 0:
            back = text.rfind(" ", start + 1, max(start + 1, end - OVERLAP_CHARS))
        start = back + 1 if back > start else end


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    kept: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start))):
        if all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)
