"""ICAO 9303 machine-readable zones: check digits and field layout (TD1, TD3).

``check_digit`` is the 7-3-1 weighted sum modulo 10 over ``0-9`` (their
value), ``A-Z`` (10-35) and ``<`` (0). ``parse_mrz`` splits the lines into
fields and verifies every check digit; it never raises on bad input and
never logs values. TD1 (ID cards: 3 × 30) and TD3 (passports: 2 × 44).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from stdnum.tr import tckimlik

_WEIGHTS = (7, 3, 1)


def char_value(ch: str) -> int:
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - 55
    if ch == "<":
        return 0
    raise ValueError("not an MRZ character")


def check_digit(data: str) -> str:
    return str(sum(char_value(c) * _WEIGHTS[i % 3] for i, c in enumerate(data)) % 10)


@dataclass
class Mrz:
    """Fields of a parsed MRZ. ``checks`` maps check name -> passed."""

    format: str  # "TD1" or "TD3"
    document_code: str
    issuing_state: str
    document_number: str
    birth_date: str  # YYMMDD as printed
    sex: str
    expiry_date: str
    nationality: str
    surname: str
    given_names: str
    optional: str  # TD1: optional data 1 (+2); TD3: personal number
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())

    @property
    def tckn(self) -> str | None:
        """The Turkish identity number in the optional data (11 digits), if any."""
        digits = self.optional.replace("<", "")
        return digits if len(digits) == 11 and digits.isdigit() else None

    def birth(self) -> date | None:
        return yymmdd(self.birth_date, future=False)

    def expiry(self) -> date | None:
        return yymmdd(self.expiry_date, future=True)


def yymmdd(text: str, *, future: bool) -> date | None:
    """A date from YYMMDD: birth dates lie in the past, expiry dates up to 50 years ahead."""
    if len(text) != 6 or not text.isdigit():
        return None
    yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
    today = date.today()
    century = 2000 if (yy <= today.year % 100 + (50 if future else 0)) else 1900
    if not future and 2000 + yy > today.year:
        century = 1900
    try:
        return date(century + yy, mm, dd)
    except ValueError:
        return None


def _names(text: str) -> tuple[str, str]:
    surname, _, given = text.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _digit_ok(data: str, digit: str) -> bool:
    try:
        return check_digit(data) == digit
    except ValueError:
        return False


def _date_ok(data: str, digit: str) -> bool:
    """A date's check: ICAO's dates are digits only, and a date with a letter in it is no
    reading of one however its check digit comes out (letters weigh in as 10-35)."""
    return data.isdigit() and _digit_ok(data, digit)


def parse_mrz(lines: list[str]) -> Mrz | None:
    """TD1 (3 lines of 30) or TD3 (2 lines of 44); None for any other shape."""
    if len(lines) == 3 and all(len(ln) == 30 for ln in lines):
        return _td1(*lines)
    if len(lines) == 2 and all(len(ln) == 44 for ln in lines):
        return _td3(*lines)
    return None


def _td1(l1: str, l2: str, l3: str) -> Mrz:
    number, optional1 = l1[5:14], l1[15:30]
    if l1[14] == "<" and optional1.strip("<"):  # long document number continues in optional data
        pass
    surname, given = _names(l3)
    checks = {
        "document_number": _digit_ok(number, l1[14]),
        "birth_date": _date_ok(l2[0:6], l2[6]),
        "expiry_date": _date_ok(l2[8:14], l2[14]),
        "composite": _digit_ok(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29], l2[29]),
    }
    return Mrz(
        format="TD1",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=number.replace("<", ""),
        birth_date=l2[0:6],
        sex=l2[7],
        expiry_date=l2[8:14],
        nationality=l2[15:18].replace("<", ""),
        surname=surname,
        given_names=given,
        optional=(optional1 + l2[18:29]).strip("<"),
        checks=checks,
    )


def _td3(l1: str, l2: str) -> Mrz:
    surname, given = _names(l1[5:44])
    personal = l2[28:42]
    checks = {
        "document_number": _digit_ok(l2[0:9], l2[9]),
        "birth_date": _date_ok(l2[13:19], l2[19]),
        "expiry_date": _date_ok(l2[21:27], l2[27]),
        "personal_number": _digit_ok(personal, l2[42]) or (personal == "<" * 14 and l2[42] in "<0"),
        "composite": _digit_ok(l2[0:10] + l2[13:20] + l2[21:43], l2[43]),
    }
    return Mrz(
        format="TD3",
        document_code=l1[0:2].replace("<", ""),
        issuing_state=l1[2:5].replace("<", ""),
        document_number=l2[0:9].replace("<", ""),
        birth_date=l2[13:19],
        sex=l2[20],
        expiry_date=l2[21:27],
        nationality=l2[10:13].replace("<", ""),
        surname=surname,
        given_names=given,
        optional=personal.strip("<"),
        checks=checks,
    )


# -- repair: OCR confusions undone by the check digits ---------------------------------------
# Written by hand: PassportEye and mrz (PyPI) verify check digits but do not search the
# substitutions, and neither re-splits a TD1 zone that OCR merged or padded.
_TO_DIGIT = str.maketrans("OQDUILJZSGBA", "000011125684")
_TO_LETTER = str.maketrans("0125684", "OIZSGBA")
_SWAPS = {  # what OCR confuses in a field that allows letters, digits and the filler
    "0": "O", "O": "0", "1": "I", "I": "1", "5": "S", "S": "5", "8": "B", "B": "8",
    "2": "Z", "Z": "2", "6": "G", "G": "6", "K": "<", "X": "<", "<": "K",
}  # fmt: skip
_MAX_TRIES = 2048
_MAX_SUBSTITUTIONS = 3
_BEAM = 12  # more, and some wrong combination passes a 1-in-10 check by chance
# (line, start, end, class): D digits, A letters or filler, M document number, N optional
# data (any; a trailing filler run), S sex, C check digit
_Field = tuple[int, int, int, str]
_TD1: tuple[_Field, ...] = (
    (0, 0, 2, "A"), (0, 2, 5, "A"), (0, 5, 14, "M"), (0, 14, 15, "C"), (0, 15, 30, "N"),
    (1, 0, 6, "D"), (1, 6, 7, "C"), (1, 7, 8, "S"), (1, 8, 14, "D"), (1, 14, 15, "C"),
    (1, 15, 18, "A"), (1, 18, 29, "N"), (1, 29, 30, "C"), (2, 0, 30, "A"),
)  # fmt: skip
_TD3: tuple[_Field, ...] = (
    (0, 0, 2, "A"), (0, 2, 5, "A"), (0, 5, 44, "A"), (1, 0, 9, "M"), (1, 9, 10, "C"),
    (1, 10, 13, "A"), (1, 13, 19, "D"), (1, 19, 20, "C"), (1, 20, 21, "S"), (1, 21, 27, "D"),
    (1, 27, 28, "C"), (1, 28, 42, "N"), (1, 42, 43, "C"), (1, 43, 44, "C"),
)  # fmt: skip
# (name, positions of the data as (line, start, end) spans, position of its digit)
_Check = tuple[str, tuple[tuple[int, int, int], ...], tuple[int, int]]
_TD1_CHECKS: tuple[_Check, ...] = (
    ("document_number", ((0, 5, 14),), (0, 14)),
    ("birth_date", ((1, 0, 6),), (1, 6)),
    ("expiry_date", ((1, 8, 14),), (1, 14)),
    ("composite", ((0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)), (1, 29)),
)
_TD3_CHECKS: tuple[_Check, ...] = (
    ("document_number", ((1, 0, 9),), (1, 9)),
    ("birth_date", ((1, 13, 19),), (1, 19)),
    ("expiry_date", ((1, 21, 27),), (1, 27)),
    ("personal_number", ((1, 28, 42),), (1, 42)),
    ("composite", ((1, 0, 10), (1, 13, 20), (1, 21, 43)), (1, 43)),
)
_OCR_FILLER = str.maketrans({"«": "<", "‹": "<", "£": "<", "(": "<", "[": "<", "{": "<"})


@dataclass
class Repaired:
    """A zone brought to its ICAO shape, OCR confusions corrected where check digits allow."""

    lines: list[str]
    mrz: Mrz
    corrections: int  # characters changed after shaping (0: read as it stands)
    name_missing: bool = False  # TD1 read without its name line: line 3 is all filler
    shaped: list[str] = field(default_factory=list)  # the lines at width, before correcting


def clean_line(text: str) -> str:
    """Upper case, OCR's filler look-alikes as ``<``, anything outside the alphabet dropped."""
    text = text.upper().translate(_OCR_FILLER)
    return "".join(ch for ch in text if "A" <= ch <= "Z" or ch.isdigit() or ch == "<")


def fit(text: str, width: int) -> str:
    """``text`` at ``width``: OCR miscounts long filler runs, so the longest run absorbs
    the difference; without one the end is padded or cut."""
    while len(text) != width:
        runs = [(m.end() - m.start(), m.start()) for m in re.finditer(r"<{2,}", text)]
        if len(text) > width:
            if not runs:
                return text[:width]
            _, start = max(runs)
            text = text[:start] + text[start + 1 :]
        else:
            _, start = max(runs) if runs else (0, len(text))
            text = text[:start] + "<" + text[start:]
    return text


def _fits(text: str, width: int) -> list[str]:
    """Candidate readings of one line at ``width``: the longest filler run absorbs the
    difference, or the end is padded or cut, or (too long) stray marks at the start go,
    or (one too many) any single character."""
    out = [text[:width].ljust(width, "<"), fit(text, width)]
    if len(text) > width:
        out.append(text[len(text) - width :])
    if len(text) == width + 1:  # one stray character: any of them
        out += [text[:i] + text[i + 1 :] for i in range(len(text))]
    if 2 <= len(text) - width <= _MAX_TWICE_CUT:  # glyphs read twice (``Z22318``, ``0O0309``)
        for cut in itertools.combinations(_read_twice(text), len(text) - width):
            out.append("".join(ch for i, ch in enumerate(text) if i not in cut))
    return list(dict.fromkeys(out))


#: Positions of a line ``_read_twice`` considers, at most (a line of repeated digits has many)
_MAX_TWICE = 10
#: Characters too many a line may lose as glyphs read twice (more: the line is cut)
_MAX_TWICE_CUT = 3


def _read_twice(text: str) -> list[int]:
    """Positions of characters that repeat the one before them, or its look-alike (``0O``,
    ``1I``): what OCR makes of one glyph read twice at a tight pitch. Filler runs are left
    to ``fit``."""
    return [
        i
        for i in range(1, len(text))
        if text[i] != "<" and (text[i] == text[i - 1] or _SWAPS.get(text[i - 1]) == text[i])
    ][:_MAX_TWICE]


def in_shape(text: str, shape: str) -> str:
    """``text`` read in ``shape`` (``A`` a letter, ``D`` a digit, one per character; any
    other character keeps its place as read): OCR's look-alikes turned to the class the
    place holds (5 to S where a letter goes, O to 0 where a digit goes). ``text`` as read
    when the lengths differ."""
    if len(text) != len(shape):
        return text
    table = {"A": _TO_LETTER, "D": _TO_DIGIT}
    return "".join(
        ch.translate(table[c]) if c in table else ch for ch, c in zip(text, shape, strict=True)
    )


def _by_class(text: str, cls: str, *, first: bool) -> str:
    if cls == "D":
        return text.translate(_TO_DIGIT)
    if cls == "C":
        return text.translate(_TO_DIGIT)
    if cls == "S":
        return {"P": "F", "H": "M", "N": "M", "K": "<"}.get(text, text)
    if cls == "A":
        text = text.translate(_TO_LETTER)
        if first:  # the document code: "I<", "P<"; a K or X after the letter is a filler
            return text[0] + ("<" if text[1] in "KX" else text[1])
        return text
    return text


def clean_name(text: str) -> str:
    """A name field with filler noise undone: ``<K<`` inside, K/X runs at the end.

    At the end, one K or X before the first ``<`` may be a name's last letter
    (``OZTURK<<<``); two or more, or a run with no ``<`` at all, are fillers. After
    three ``<`` in a row everything is filler, whatever OCR made of it (``KKEEE``).
    """
    width = len(text)
    if not _SURNAME_PART.search(text):  # "<K<" between names: the surname's "<<" misread
        text = re.sub(r"(?<=[A-Z])<[KX]<(?=[A-Z]{2})", "<<", text, count=1).ljust(width, "<")
    elif parted := _SURNAME_PART.search(text):
        # after the surname's "<<", names part by one "<": a "<K<" between two names is that
        # one filler read as three glyphs (``ELIF<X<MUGE``), not the end of the names
        given = _ONE_FILLER_READ_AS_THREE.sub("<", text[parted.end() :])
        text = (text[: parted.end()] + given).ljust(width, "<")
    text = re.sub(r"(?<=<)[KX](?=<)", "<", text)
    tail = re.search(r"[<KX]+$", text)
    if tail and len(tail.group()) >= 2:
        run = tail.group()
        cut = run.find("<")
        keep = cut if 0 <= cut <= 1 else 0
        text = text[: tail.start()] + run[:keep] + "<" * (len(run) - keep)
    deep = re.search(r"[A-Z]<{3,}", text)  # names part by one "<", surname by two: never three
    if deep:
        text = text[: deep.start() + 1] + "<" * (len(text) - deep.start() - 1)
    return text


_SURNAME_PART = re.compile(r"^[A-Z]+(?:<[A-Z]+)*<<(?=[A-Z])")
_ONE_FILLER_READ_AS_THREE = re.compile(r"(?<=[A-Z]{2})<[KX]<(?=[A-Z]{2})")


def _optional(text: str) -> str:
    """Optional data: a trailing run of K, X and ``<`` is filler (data ends in a digit or
    a letter, and a run of K/X letters is what OCR makes of ``<<<``)."""
    tail = re.search(r"[<KX]{2,}$", text)
    if tail:
        text = text[: tail.start()] + "<" * len(tail.group())
    return _digit_run(text)


def _digit_run(text: str) -> str:
    """A run of digits with one look-alike letter inside (``4081104G766``) is digits: the
    check digits cannot tell 6 from G (16 ≡ 6 mod 10), and identifiers put their letters
    first, not in the middle of their digits. A wrong guess fails its check digit, and the
    search puts the letter back."""
    head = text.rstrip("<")
    letters = [i for i, ch in enumerate(head) if not ch.isdigit()]
    as_digits = head.translate(_TO_DIGIT)
    if letters and len(head) == 11 and as_digits.isdigit() and tckimlik.is_valid(as_digits):
        # a TCKN (the optional data of Turkish cards and passports) with a letter read for
        # a digit, its first one too: its two check digits vouch for the reading, where the
        # ICAO digit cannot (``G461…`` passes as ``6461…`` does)
        return as_digits + text[len(head) :]
    if len(head) >= 6 and len(letters) == 1 and letters[0] > 0 and head[letters[0]] in "OQDIGSBZ":
        i = letters[0]
        return text[:i] + text[i].translate(_TO_DIGIT) + text[i + 1 :]
    return text


def _normalise(lines: list[str], layout: tuple[_Field, ...]) -> list[str]:
    out = [list(line) for line in lines]
    for i, (ln, start, end, cls) in enumerate(layout):
        part = _by_class("".join(out[ln][start:end]), cls, first=i == 0)
        if cls == "A" and end - start > 5:
            part = clean_name(part)
        elif cls == "N":
            part = _optional(part)
        out[ln][start:end] = list(part)
    return ["".join(chars) for chars in out]


def _data(lines: list[str], spans: tuple[tuple[int, int, int], ...]) -> str:
    return "".join(lines[ln][a:b] for ln, a, b in spans)


def _passes(lines: list[str], check: _Check) -> bool:
    name, spans, (ln, pos) = check
    data, digit = _data(lines, spans), lines[ln][pos]
    if name == "personal_number" and data == "<" * len(data) and digit in "<0":
        return True
    if name in ("birth_date", "expiry_date"):
        return _date_ok(data, digit)
    return _digit_ok(data, digit)


def _search(lines: list[str], check: _Check, free: list[tuple[int, int]]) -> list[list[str]]:
    """Every reading with the fewest substitutions at ``free`` that makes ``check`` pass
    (more than one when the check alone cannot decide: a later check may)."""
    if _passes(lines, check):
        return [lines]
    options = [(p, _SWAPS[lines[p[0]][p[1]]]) for p in free if lines[p[0]][p[1]] in _SWAPS]
    tries = 0
    for k in range(1, min(len(options), _MAX_SUBSTITUTIONS) + 1):
        found: list[list[str]] = []
        for combo in itertools.combinations(options, k):
            tries += 1
            if tries > _MAX_TRIES:
                return found
            trial = [list(line) for line in lines]
            for (ln, pos), alt in combo:
                trial[ln][pos] = alt
            joined = ["".join(t) for t in trial]
            if _passes(joined, check):
                found.append(joined)
        if found:
            return found[:_BEAM]
    return []


def _correct(
    lines: list[str], layout: tuple[_Field, ...], checks: tuple[_Check, ...]
) -> list[list[str]]:
    """Candidate corrections of shaped ``lines``, check by check (a small beam)."""
    beam: list[tuple[list[str], frozenset[tuple[int, int]]]] = [
        (_normalise(lines, layout), frozenset())
    ]
    for check in checks:
        _, spans, _ = check
        span = frozenset((ln, pos) for ln, a, b in spans for pos in range(a, b))
        grown: list[tuple[list[str], frozenset[tuple[int, int]]]] = []
        for cand, fixed in beam:
            free = sorted(p for p in span - fixed if _is_free(layout, *p))
            found = _search(cand, check, free)
            if check[0] == "composite" and (own := _composite_misread(cand)) != cand:
                found = [own, *found]  # the digit itself misread, or the data: both stay
            grown += [(sol, fixed | span) for sol in found] or [(cand, fixed)]
        beam = grown[:_BEAM]
    return [cand for cand, _ in beam]


def _is_free(layout: tuple[_Field, ...], ln: int, pos: int) -> bool:
    """Whether the field at (ln, pos) allows letters, digits and the filler alike."""
    return any(fl == ln and a <= pos < b and cls in "MN" for fl, a, b, cls in layout)


def _shapes(raw: list[str], width: int, count: int) -> list[list[str]]:
    """Ways to read ``raw`` lines as ``count`` lines of ``width``: as they are, or with a
    merged line split (OCR joins the lines of a tight zone) or broken lines joined."""
    groupings: list[list[str]] = []
    if len(raw) == count:
        groupings.append(raw)
    if len(raw) == count - 1:
        for i, text in enumerate(raw):
            if len(text) >= width * 1.5:
                groupings += [
                    [*raw[:i], text[:cut], text[cut:], *raw[i + 1 :]]
                    for cut in range(width - 3, width + 4)
                    if cut < len(text)
                ]
        if not groupings and count == 3:  # the name line lost (read as something else)
            groupings.append([*raw, ""])
    if len(raw) == count + 1:
        groupings += [[*raw[:i], raw[i] + raw[i + 1], *raw[i + 2 :]] for i in range(count)]
    out: list[list[str]] = []
    for group in groupings:
        out += [list(p) for p in itertools.product(*(_fits(t, width) for t in group))]
    return out


_GLUED_FILLER = re.compile(r"(?<=[A-Z])(?:<[KX]|[KX]<)(?=[A-Z])")


def _name_noise(lines: list[str], layout: tuple[_Field, ...]) -> int:
    """``<K``/``K<`` between two names: what OCR makes of one wide ``<`` (two glyphs), so
    of two ways to cut a line to its width the one without it is likelier."""
    ln, start, end, _ = layout[-1] if layout[-1][0] == 2 else layout[2]
    return len(_GLUED_FILLER.findall(lines[ln][start:end]))


def _solid(lines: list[str]) -> int:
    return sum(1 for line in lines for ch in line if ch not in "<KX")


_FORMATS = ((30, 3, _TD1, _TD1_CHECKS, "IAC"), (44, 2, _TD3, _TD3_CHECKS, "PV"))


def _hinted(lines: list[str], layout: tuple[_Field, ...], prefer: dict[str, str]) -> list[str]:
    """``lines`` with the document number as printed (``prefer``) where the two differ
    only by look-alikes (8/B, 0/O, …): the check digits cannot tell those apart."""
    hint = prefer.get("document_number", "")
    ln, a, b, _ = next(f for f in layout if f[3] == "M")
    read = lines[ln][a:b]
    want = hint.ljust(b - a, "<")
    if not hint or len(want) != len(read) or want == read:
        return lines
    if all(x == y or _SWAPS.get(x) == y for x, y in zip(read, want, strict=True)):
        return [*lines[:ln], lines[ln][:a] + want + lines[ln][b:], *lines[ln + 1 :]]
    return lines


def _dates_hinted(
    lines: list[str], checks: tuple[_Check, ...], prefer: dict[str, str]
) -> list[str]:
    """``lines`` with a date as printed (``prefer``, YYMMDD) where the zone's reading fails
    its check digit, differs from the print in one or two digits (a misread ``9`` as
    ``I``), and the printed date passes that same check digit. A date whose reading
    passes is never touched: a print that disagrees with it is a cross-check failure."""
    out = list(lines)
    for name, spans, (dln, dpos) in checks:
        want = prefer.get(name, "")
        if name not in ("birth_date", "expiry_date") or len(spans) != 1 or len(want) != 6:
            continue
        ln, a, b = spans[0]
        read, digit = out[ln][a:b].translate(_TO_DIGIT), out[dln][dpos].translate(_TO_DIGIT)
        if len(read) != 6 or _digit_ok(read, digit) or not _digit_ok(want, digit):
            continue
        if sum(x != y for x, y in zip(read, want, strict=True)) <= 2:
            out[ln] = out[ln][:a] + want + out[ln][b:]
    return out


def _nationality(lines: list[str]) -> str:
    return lines[1][15:18] if len(lines) == 3 else lines[1][10:13]


def _state_shifts(lines: list[str]) -> list[list[str]]:
    """``lines``, and when OCR dropped the document code's second character (the ``<`` of
    ``P<TUR``, read ``PTURKOC<<…``) the first line with it put back: the issuing state,
    which sits at characters 3-5 of every format, then reads as the holder's nationality
    one character early. No check digit covers the first line of a passport, so nothing
    else would notice the state and the surname both shifted."""
    first, nat = lines[0], _nationality(lines)
    if not nat.isalpha() or first[2:5] == nat or first[1:4] != nat or first[1] == "<":
        return [lines]
    shifted = fit(first[0] + "<" + first[1:], len(first))
    return [lines, [shifted, *lines[1:]]]


def _mixing(mrz: Mrz) -> int:
    """Letter/digit alternations in the document number and optional data: identifiers
    are runs of letters and digits, so of two readings the less mixed is likelier."""
    text = mrz.document_number + "<" + mrz.optional
    return sum(a.isdigit() != b.isdigit() for a, b in itertools.pairwise(text) if "<" not in a + b)


def _composite_misread(lines: list[str]) -> list[str]:
    """``lines`` with the composite check digit rewritten when it is the one misread: every
    field the composite covers passes a check of its own (document number, dates, and the
    optional data, which on a Turkish card is a TCKN with its own two check digits and
    fillers, on a passport the personal number with its digit), so a failing composite says
    only that its own character was misread (a ``4`` read ``G``). Without this the search
    would rather change two characters of a verified field to fit the misread digit."""
    mrz = parse_mrz(lines)
    if mrz is None or mrz.checks.get("composite", True):
        return lines
    if not all(ok for name, ok in mrz.checks.items() if name != "composite"):
        return lines
    if mrz.format == "TD1":
        optional = (lines[0][15:30] + lines[1][18:29]).replace("<", "")
        if mrz.tckn is None or optional != mrz.tckn or not tckimlik.is_valid(mrz.tckn):
            return lines
        data, (ln, pos) = lines[0][5:30] + lines[1][0:7] + lines[1][8:15] + lines[1][18:29], (1, 29)
    else:
        data, (ln, pos) = lines[1][0:10] + lines[1][13:20] + lines[1][21:43], (1, 43)
    out = list(lines)
    out[ln] = out[ln][:pos] + check_digit(data) + out[ln][pos + 1 :]
    return out


def _refilled(shaped: list[str], fixed: list[str], layout: tuple[_Field, ...]) -> int:
    """Characters of the name field that the clean-up turned from K or X into ``<``."""
    return sum(
        1
        for ln, start, end, cls in layout
        if cls == "A" and end - start > 5
        for a, b in zip(shaped[ln][start:end], fixed[ln][start:end], strict=True)
        if a in "KX" and b == "<"
    )


def _coded(lines: list[str], codes: str) -> list[str]:
    """``lines`` with a document code that is none of its format's (``codes``, the likeliest
    first) read as the likeliest: the line's shape and check digits said which format it is."""
    if lines[0][0] in codes:
        return lines
    return [codes[0] + lines[0][1:], *lines[1:]]


def _field(mrz: Mrz, name: str) -> str:
    return str(getattr(mrz, name, "") or (mrz.tckn if name == "tckn" else "") or "")


def repair_mrz(raw: list[str], prefer: dict[str, str] | None = None) -> Repaired | None:
    """The best ICAO reading of OCR'd zone lines (top to bottom), or None.

    Tries TD1 (3 × 30) and TD3 (2 × 44) shapes, corrects each field within the
    characters it allows, and where a check digit fails tries the substitutions
    OCR makes (``<``/K/X, 0/O, 1/I, 5/S, 8/B, 2/Z, 6/G) in the fields that allow
    both, keeping the fewest that make the digit pass. The reading with the
    most passing checks wins; among equals, the one agreeing with ``prefer`` (values
    printed elsewhere on the page, by Mrz attribute name), then the one with the
    fewest changes. Never raises on bad input; never logs.
    """
    lines = [t for t in (clean_line(r) for r in raw) if len(t) >= 8]
    if not lines:
        return None
    best: tuple[tuple[int, ...], Repaired] | None = None
    total = sum(len(t) for t in lines)
    code = lines[0][0]
    for width, count, layout, checks, codes in _FORMATS:
        # the document code names the format, unless glare or a stain misread it: lines
        # of the other format's shape are read as that format too, and the check digits
        # (dates are digits only) decide
        if code not in codes and abs(total - width * count) > width:
            continue
        for shaped in (v for s in _shapes(lines, width, count) for v in _state_shifts(s)):
            # characters shaping dropped that are not filler look-alikes: cutting a letter
            # to reach the width is likelier wrong than cutting a K that was a ``<``
            lost = max(0, _solid(lines) - _solid(shaped))
            shaped = _dates_hinted(_hinted(shaped, layout, prefer or {}), checks, prefer or {})
            for fixed in _correct(shaped, layout, checks):
                fixed = _coded(fixed, codes)
                mrz = parse_mrz(fixed)
                if mrz is None:
                    continue
                passed = sum(mrz.checks.values())
                changes = sum(
                    a != b
                    for x, y in zip(shaped, fixed, strict=True)
                    for a, b in zip(x, y, strict=True)
                )
                # K/X read for a name's fillers and put back: the same reading whichever
                # way the line was cut, so no reason to prefer one cut to another
                refilled = _refilled(shaped, fixed, layout)
                agree = sum(
                    1
                    for name, value in (prefer or {}).items()
                    if value and _field(mrz, name) == value
                )
                tckn_ok = int(mrz.tckn is not None and tckimlik.is_valid(mrz.tckn))
                noise = _name_noise(fixed, layout)
                state_ok = int(fixed[0][2:5] == _nationality(fixed))
                score = (
                    passed - len(mrz.checks),
                    int(code in codes),
                    agree,
                    tckn_ok,
                    state_ok,
                    -lost,
                    -noise,
                    -(changes - refilled),
                    -_mixing(mrz),
                )
                if best is None or score > best[0]:
                    gone = count == 3 and len(lines) == 2 and fixed[2] == "<" * 30
                    best = (score, Repaired(fixed, mrz, changes, gone, list(shaped)))
                clean = changes == 0 and lost == 0 and noise == 0 and state_ok
                if mrz.valid and clean and not (prefer and agree < len(prefer)):
                    return best[1]  # read as it stands, every check passing: done
    return best[1] if best else None


__all__ = ["Mrz", "Repaired", "check_digit", "clean_name", "parse_mrz", "repair_mrz", "yymmdd"]
