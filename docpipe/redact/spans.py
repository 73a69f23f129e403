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


#: Every character a gap (``_GAP``, ``_DIGIT_GAP``) may hold: removed from a value and a
#: text, what is left of a value's match is a substring of what is left of the text.
_GAP_CHARS = re.compile(r"[\s<\-./()]")


def _chars(value: str) -> list[str]:
    return [c for c in fold_chars(value) if not c.isspace()]


def _pattern(value: str) -> re.Pattern[str] | None:
    chars = _chars(value)
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


class _Known:
    """One value's pattern, compiled the first time a text may hold the value: without
    its gap characters, the value must be a substring of the text without them (a
    necessary condition of a match, checked with ``in``). Compiling is most of the cost
    of redaction's matching, and most values (the personal values found on a page)
    are looked for in short quotes that do not hold them."""

    __slots__ = ("_pattern", "label", "squeezed", "value")

    def __init__(self, value: str, label: str, chars: list[str]) -> None:
        self.value, self.label = value, label
        self.squeezed = _GAP_CHARS.sub("", "".join(chars))
        self._pattern: re.Pattern[str] | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = _pattern(self.value)
            assert self._pattern is not None, "a value shorter than MIN_LENGTH was kept"
        return self._pattern


class KnownValues:
    """Patterns for a set of (value, label) pairs, compiled once, matched in many texts."""

    def __init__(self, values: Iterable[tuple[str, str]]) -> None:
        self._patterns: list[_Known] = []
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
                chars = _chars(form)
                if len(chars) >= MIN_LENGTH:  # else no pattern (``_pattern``)
                    self._patterns.append(_Known(form, label, chars))

    def __bool__(self) -> bool:
        return bool(self._patterns)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        if not self._patterns or not text:
            return []
        folded = fold_chars(text)
        squeezed = _GAP_CHARS.sub("", folded)
        return [
            (m.start(), m.end(), known.label)
            for known in self._patterns
            if known.squeezed in squeezed
            for m in known.pattern.finditer(folded)
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
