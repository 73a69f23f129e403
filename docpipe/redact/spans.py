"""Finding known values in text, Turkish-aware: case, diacritics and spacing ignored.

``known_spans(text, values)`` returns (start, end, label) for every place a
value occurs, matched on ``fold_chars`` (character for character, so offsets
hold in the original): ``ÖZÇELİK`` finds ``OZCELIK`` in an MRZ line,
``TR33 0006 …`` finds ``TR330006…``. Written by hand: no library matches
Turkish case-insensitively with offsets kept.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from docpipe.text.turkish import fold_chars

MIN_LENGTH = 3
_GAP = r"[\s<]*"
_DIGIT_GAP = r"[\s<\-./()]*"


def variants(value: str, entity: str) -> list[str]:
    """The value and the other forms it is printed in (dates: 16.01.1995, 16/01/1995;
    a phone number with or without its 0 or +90; spacing, case, diacritics and digit
    grouping are the pattern's business, see ``_pattern``)."""
    out = [value]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if m:
        y, mo, d = m.groups()
        out += [f"{d}.{mo}.{y}", f"{d}/{mo}/{y}", f"{d} {mo} {y}", f"{d}-{mo}-{y}"]
    digits = re.sub(r"\D", "", value)
    if entity == "PHONE_NUMBER" and 10 <= len(digits) <= 12 and len(digits) >= len(value) / 2:
        core = digits[-10:]  # the national number: area or operator code and subscriber
        out += [core, "0" + core, "90" + core]
    return out


def _pattern(value: str) -> re.Pattern[str] | None:
    chars = [c for c in fold_chars(value) if not c.isspace()]
    if len(chars) < MIN_LENGTH:
        return None
    body = re.escape(chars[0])
    for before, c in itertools.pairwise(chars):
        # MRZ fills spaces with <; digit groups are printed with - . / ( ) too
        gap = _DIGIT_GAP if before.isdigit() and c.isdigit() else _GAP
        body += gap + re.escape(c)
    head = r"(?<!\w)" if chars[0].isalnum() else ""
    tail = r"(?!\w)" if chars[-1].isalnum() else ""
    return re.compile(head + body + tail)


class KnownValues:
    """Patterns for a set of (value, label) pairs, compiled once, matched in many texts."""

    def __init__(self, values: Iterable[tuple[str, str]]) -> None:
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        self._seen: set[tuple[str, str]] = set()
        self._add(values)

    def extended(self, values: Iterable[tuple[str, str]]) -> KnownValues:
        """These values and ``values``: the same as ``KnownValues([*mine, *values])``,
        without compiling the patterns held here again (compiling is most of the cost)."""
        more = KnownValues(())
        more._patterns, more._seen = list(self._patterns), set(self._seen)
        more._add(values)
        return more

    def _add(self, values: Iterable[tuple[str, str]]) -> None:
        for value, label in values:
            for form in variants(value, label):
                if (form, label) in self._seen:
                    continue
                self._seen.add((form, label))
                pattern = _pattern(form)
                if pattern is not None:
                    self._patterns.append((pattern, label))

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        if not self._patterns or not text:
            return []
        folded = fold_chars(text)
        return [
            (m.start(), m.end(), label)
            for pattern, label in self._patterns
            for m in pattern.finditer(folded)
        ]


def known_spans(text: str, values: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Every occurrence in ``text`` of each (value, label) pair, as (start, end, label)."""
    return KnownValues(values).spans(text)


def resolve(spans: Iterable[tuple[int, int, str, float]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: higher priority first, then longer; sorted by start."""
    kept: list[tuple[int, int, str]] = []
    for start, end, label, _ in sorted(spans, key=lambda s: (-s[3], -(s[1] - s[0]), s[0])):
        if all(end <= k[0] or start >= k[1] for k in kept):
            kept.append((start, end, label))
    return sorted(kept)
