"""Finding personal data in text, offline: Presidio with docpipe's Turkish recognizers.

Input: text (a page, a field value). Output: Presidio ``RecognizerResult``s
(entity type, span, score). Results carry positions, never the text; callers
must not log the matched substrings. No model is loaded and nothing is fetched:
the NLP engine is spaCy's blank Turkish pipeline and tldextract is kept on its
bundled suffix list (``tests/test_no_network.py`` proves both).
"""

from __future__ import annotations

from functools import cache

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult

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
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=[LANGUAGE])


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
