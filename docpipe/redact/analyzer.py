"""Finding personal data in text, offline: Presidio with docpipe's Turkish recognizers.

Input: text (a page, a field value). Output: Presidio ``RecognizerResult``s
(entity type, span, score). Results carry positions, never the text; callers
must not log the matched substrings.
"""

from __future__ import annotations

from functools import cache

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult

from docpipe.redact.nlp import LANGUAGE, TurkishBlankNlpEngine
from docpipe.redact.recognizers import turkish_recognizers

SCORE_THRESHOLD = 0.4


@cache
def analyzer() -> AnalyzerEngine:
    """One analyzer per process (building it compiles every pattern)."""
    nlp = TurkishBlankNlpEngine()
    nlp.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in turkish_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=[LANGUAGE])


def find_pii(text: str, *, threshold: float = SCORE_THRESHOLD) -> list[RecognizerResult]:
    """Personal-data spans in ``text``, overlapping ones resolved to the best score."""
    results = analyzer().analyze(text=text, language=LANGUAGE, score_threshold=threshold)
    return _without_overlaps(results)


def _without_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    kept: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start))):
        if all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)
