"""Known values are matched by hand (``docpipe.redact.spans``) exactly as the regular
expression that specifies them would match: same spans, same order, on random values
and texts drawn from the characters that matter (digits, Turkish letters, the gap
characters, ``_``, look-alike whitespace), with a fresh seed each run."""

from __future__ import annotations

import itertools
import random
import re

from docpipe.redact.spans import MIN_LENGTH, KnownValues, _Known
from docpipe.text.turkish import fold_chars
from tests.conftest import fresh_seed

SEED = fresh_seed(__name__)


def specified(value: str) -> re.Pattern[str]:
    """The regular expression a value matches as (the module's doc)."""
    chars = [c for c in fold_chars(value) if not c.isspace()]
    body = re.escape(chars[0])
    for before, c in itertools.pairwise(chars):
        gap = r"[\s<\-./()]*" if before.isdigit() and c.isdigit() else r"[\s<]*"
        body += gap + re.escape(c)
    head = r"(?<!\w)" if chars[0].isalnum() else ""
    tail = r"(?!\w)" if chars[-1].isalnum() else ""
    return re.compile(head + body + tail)


ALPHABET = "0123456789" + "aAbçÇğĞıIİiöÖşŞüÜz" + "<-./()" + " \t\n\u00a0_,:"


def _draw(rng: random.Random, alphabet: str, low: int, high: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


def _planted(rng: random.Random, value: str) -> str:
    """``value`` as a document might print it: gap characters between its characters."""
    out = []
    for c in value:
        out.append(c if rng.random() < 0.8 else c.upper())
        if rng.random() < 0.3:
            out.append(_draw(rng, " <-./()\n", 1, 2))
    return "".join(out)


def test_the_hand_matcher_finds_what_the_specified_pattern_finds() -> None:
    rng = random.Random(SEED)
    compared = found = 0
    for _ in range(3000):
        value = _draw(rng, ALPHABET, MIN_LENGTH, 9)
        chars = [c for c in fold_chars(value) if not c.isspace()]
        if len(chars) < MIN_LENGTH:
            continue
        known = _Known(value, "X", chars)
        pattern = specified(value)
        for _ in range(5):
            text = _draw(rng, ALPHABET, 0, 12) + _planted(rng, value) + _draw(rng, ALPHABET, 0, 12)
            text += _planted(rng, value) if rng.random() < 0.3 else ""
            folded = fold_chars(text)
            expected = [m.span() for m in pattern.finditer(folded)]
            assert known.find(folded) == expected, (value, text)
            compared += 1
            found += bool(expected)
    assert (
        compared > 10000 and found > compared // 10
    )  # planted values are found, not only misses compared


def test_known_values_find_printed_forms_of_a_value() -> None:
    values = KnownValues([("TR33 0006 1005", "IBAN"), ("ÖZÇELİK", "PERSON")])
    text = "IBAN: TR33-0006/1005 sahibi OZCELIK; OZCELIKLER değil"
    assert [(text[s:e], label) for s, e, label in values.spans(text)] == [
        ("TR33-0006/1005", "IBAN"),
        ("OZCELIK", "PERSON"),
    ]
