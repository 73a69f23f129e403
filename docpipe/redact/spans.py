r"""Finding known values in text, Turkish-aware: case, diacritics and spacing ignored.

``known_spans(text, values)`` returns (start, end, label) for every place a
value occurs, matched on ``fold_chars`` (character for character, so offsets
hold in the original): ``ÖZÇELİK`` finds ``OZCELIK`` in an MRZ line,
``TR33 0006 …`` finds ``TR330006…``. Written by hand: no library matches
Turkish case-insensitively with offsets kept.

A value matches as this regular expression would (``tests/test_redact_spans.py``
holds it and checks the two agree on random values and texts)::

    (?<!\w) c0 G c1 G c2 … cn (?!\w)

each ``c`` a folded character of the value (spaces dropped), each gap ``G`` either
``[\s<]*`` (MRZ fills spaces with ``<``) or, between two digits, ``[\s<\-./()]*``
(digit groups are printed with ``- . / ( )`` too); the look-arounds only where the
value starts or ends with a letter or digit. It is matched by hand, not compiled: a
pattern per value cost 0.4 ms to compile, most of redaction's time on an invoice's
known values (``benchmarks/run_throughput.py``), and the matcher below runs only
where the value's first character is.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

from docpipe.text.turkish import fold_chars

MIN_LENGTH = 3
#: What a gap may hold besides whitespace: between letters, and between two digits.
_GAP = frozenset("<")
_DIGIT_GAP = frozenset("<-./()")


def variants(value: str, entity: str) -> list[str]:
    """The value and the other forms it is printed in (dates: 16.01.1995, 16/01/1995;
    a phone number with or without its 0 or +90; spacing, case, diacritics and digit
    grouping are the matcher's business, see ``_Known``)."""
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


def _is_word(ch: str) -> bool:
    r"""``\w`` of Python's ``re`` on ``str``: the same characters."""
    return ch.isalnum() or ch == "_"


class _Known:
    """One value, matched where its first character is (see the module's doc). Most
    values (the personal values found on a page) are looked for in short quotes that do
    not hold them: without its gap characters, the value must be a substring of the
    text without them (a necessary condition of a match, checked with ``in``)."""

    __slots__ = ("chars", "gaps", "head", "label", "squeezed", "tail", "value")

    def __init__(self, value: str, label: str, chars: list[str]) -> None:
        self.value, self.label, self.chars = value, label, chars
        self.squeezed = _GAP_CHARS.sub("", "".join(chars))
        self.gaps = [
            _DIGIT_GAP if before.isdigit() and c.isdigit() else _GAP
            for before, c in itertools.pairwise(chars)
        ]
        self.head, self.tail = chars[0].isalnum(), chars[-1].isalnum()

    def find(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every match in ``text``, left to right, not overlapping (as
        ``re.finditer``)."""
        found: list[tuple[int, int]] = []
        first = self.chars[0]
        start = text.find(first)
        while start >= 0:
            if not (self.head and start > 0 and _is_word(text[start - 1])):
                end = self._match(text, 1, start + 1)
                if end >= 0:
                    found.append((start, end))
                    start = text.find(first, end)
                    continue
            start = text.find(first, start + 1)
        return found

    def _match(self, text: str, index: int, pos: int) -> int:
        """Where a match of ``chars[index:]`` (each after its gap) from ``pos`` ends, or
        -1; greedy gaps, backtracking as ``re`` does."""
        chars, size = self.chars, len(text)
        while index < len(chars):
            gap, want = self.gaps[index - 1], chars[index]
            end = pos
            while end < size and (text[end] in gap or text[end].isspace()):
                end += 1
            if want in gap:  # the character may be one of the gap's: longest gap first
                for at in range(min(end, size - 1), pos - 1, -1):
                    if text[at] == want:
                        found = self._match(text, index + 1, at + 1)
                        if found >= 0:
                            return found
                return -1
            if end >= size or text[end] != want:
                return -1
            index, pos = index + 1, end + 1
        if self.tail and pos < size and _is_word(text[pos]):
            return -1
        return pos


class KnownValues:
    """A set of (value, label) pairs, matched in many texts."""

    def __init__(self, values: Iterable[tuple[str, str]]) -> None:
        self._values: list[_Known] = []
        self._seen: set[tuple[str, str]] = set()
        self._add(values)

    def extended(self, values: Iterable[tuple[str, str]]) -> KnownValues:
        """These values and ``values``: the same as ``KnownValues([*mine, *values])``,
        without preparing the values held here again."""
        more = KnownValues(())
        more._values, more._seen = list(self._values), set(self._seen)
        more._add(values)
        return more

    def _add(self, values: Iterable[tuple[str, str]]) -> None:
        for value, label in values:
            for form in variants(value, label):
                if (form, label) in self._seen:
                    continue
                self._seen.add((form, label))
                chars = _chars(form)
                if len(chars) >= MIN_LENGTH:  # shorter values are not looked for
                    self._values.append(_Known(form, label, chars))

    def __bool__(self) -> bool:
        return bool(self._values)

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        if not self._values or not text:
            return []
        folded = fold_chars(text)
        squeezed = _GAP_CHARS.sub("", folded)
        return [
            (start, end, known.label)
            for known in self._values
            if known.squeezed in squeezed
            for start, end in known.find(folded)
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
