"""Where on the page a model's value is printed: page, box and the words it matched.

Input: one extracted value and the document's pages (text-layer or OCR words
with boxes). Output: the best ``Location`` or None. Amounts and dates are
compared as values (``1.234,56`` on the page is ``1234.56`` in the record;
``14.03.2024`` is ``2024-03-14``); text is compared Turkish-aware (``İ/i``,
``I/ı``, diacritics folded, spaces ignored), exactly first and then fuzzily
over word windows, so an OCR slip still finds its words. Nothing is logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Any

from docpipe.document import BBox, Page, Word, union_boxes
from docpipe.text.dates import find_dates
from docpipe.text.numbers import find_numbers
from docpipe.text.turkish import fold_chars

FUZZY_MIN = 0.8
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Location:
    page: int
    bbox: BBox
    source_text: str
    score: float  # 1.0 exact, lower for a fuzzy match


class _PageText:
    """A page's words joined by single spaces, with each word's character span."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.words: tuple[Word, ...] = page.words
        spans, pos = [], 0
        for word in self.words:
            spans.append((pos, pos + len(word.text)))
            pos += len(word.text) + 1
        self.spans = spans
        self.text = " ".join(w.text for w in self.words)

    def words_in(self, start: int, end: int) -> list[Word]:
        return [
            w for w, (s, e) in zip(self.words, self.spans, strict=True) if s < end and e > start
        ]

    def location(self, start: int, end: int, score: float) -> Location | None:
        words = self.words_in(start, end)
        if not words:
            return None
        return Location(
            page=self.page.number,
            bbox=union_boxes(w.bbox for w in words),
            source_text=" ".join(w.text for w in words)[:2000],
            score=score,
        )


def locate(value: Any, pages: Iterable[Page]) -> Location | None:
    """The best place ``value`` is printed on ``pages`` (earlier pages win ties)."""
    best: Location | None = None
    for page in pages:
        if not page.words:
            continue
        found = _locate_on(value, _PageText(page))
        if found is not None and (best is None or found.score > best.score):
            best = found
            if best.score >= 1.0:
                break
    return best


def _locate_on(value: Any, text: _PageText) -> Location | None:
    as_date = _as_date(value)
    if as_date is not None:
        for found, start, end in find_dates(text.text):
            if found == as_date:
                return text.location(start, end, 1.0)
        return None
    as_number = _as_decimal(value)
    if as_number is not None:
        for found, start, end in find_numbers(text.text):
            if found == as_number:
                return text.location(start, end, 1.0)
        return None
    if isinstance(value, str) and value.strip():
        return _locate_text(value, text)
    return None


def _compact(text: str) -> tuple[str, list[int]]:
    """Folded text without whitespace, and each kept character's offset in ``text``."""
    folded = fold_chars(text)
    keep = [i for i, ch in enumerate(folded) if not ch.isspace()]
    return "".join(folded[i] for i in keep), keep


def _locate_text(value: str, text: _PageText) -> Location | None:
    needle, _ = _compact(value)
    hay, offsets = _compact(text.text)
    if not needle or not hay:
        return None
    at = hay.find(needle)
    if at >= 0:
        return text.location(offsets[at], offsets[at + len(needle) - 1] + 1, 1.0)
    if len(needle) < 4:
        return None
    return _fuzzy(needle, text)


def _fuzzy(needle: str, text: _PageText) -> Location | None:
    """The window of consecutive words most similar to ``needle`` (difflib ratio)."""
    folded = [_compact(w.text)[0] for w in text.words]
    best_score, best_span = 0.0, None
    for i in range(len(folded)):
        joined = ""
        for j in range(i, len(folded)):
            joined += folded[j]
            if len(joined) > len(needle) * 1.5:
                break
            matcher = SequenceMatcher(None, needle, joined, autojunk=False)
            if matcher.real_quick_ratio() < FUZZY_MIN or matcher.quick_ratio() < FUZZY_MIN:
                continue
            score = matcher.ratio()
            if score > best_score:
                best_score, best_span = score, (text.spans[i][0], text.spans[j][1])
    if best_span is None or best_score < FUZZY_MIN:
        return None
    return text.location(best_span[0], best_span[1], round(best_score, 3))


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    if isinstance(value, str) and _DECIMAL.match(value.strip()) and len(value.strip()) < 20:
        # digits-only identifiers (VKN, TCKN) are matched as text, not as amounts
        if "." not in value and len(value.strip()) >= 9:
            return None
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return None
    return None
