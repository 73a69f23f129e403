"""Identity documents: printed fields by their bilingual labels, plus the MRZ.

Labels sit above their values (``Soyadı / Surname`` then ``ÖZTÜRK``); a value
is the segment of the next line that starts under its label. The MRZ (TD1 on
the ID card back, TD3 on a passport) is parsed with every check digit
verified; a field whose MRZ check digit passes takes the MRZ value, and when
the printed value disagrees the disagreement is reported (field name only)
through ``rejected`` so validation sends the record to review. Names keep the
printed spelling (diacritics) when it folds to the MRZ name (``ÖZTÜRK`` ↔
``OZTURK``). Never logs values.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from datetime import date

from stdnum.tr import tckimlik

from docpipe.document import Document, Page, Word
from docpipe.extract.rules.found import Fields, Found
from docpipe.extract.rules.identity_labels import (
    BLOOD_GROUP,
    RELIGION,
    SPECIAL,
    Part,
    fuzzy_field,
    label_like,
    label_spans,
    split_parts,
)
from docpipe.ocr.reread import reread_lines
from docpipe.ocr.upscale import read_enlarged
from docpipe.text.address import PROVINCES
from docpipe.text.layout import Line, Run, page_lines
from docpipe.text.turkish import fold, squash_spaces, upper_tr
from docpipe.validate.mrz import Repaired, in_shape, repair_mrz

CROSS_CHECK = "printed value differs from the MRZ"
# the dots OCR reads as commas too ("11 04, 2020")
_DATE = re.compile(r"(\d{1,2})\s*[./\-, ]\s*(\d{1,2})\s*[./\-, ]\s*(\d{4}|\d{2})(?!\d)")
# "1102 1972", "11021972": the dots lost
_DATE_GLUED = re.compile(r"(?<!\d)(\d{2})(\d{2})\s*((?:19|20)\d{2})(?!\d)")
_MONTHS = {
    **{m: i for i, m in enumerate(("jan feb mar apr may jun jul aug sep oct nov dec").split(), 1)},
    **{m: i for i, m in enumerate(("oca sub mar nis may haz tem agu eyl eki kas ara").split(), 1)},
}
# "16 OCA/JAN 1995", "16 JAN 95", "16 Ocak 1995"
_WORDED = re.compile(r"(\d{1,2})\s*([a-z]{3})[a-z]*(?:\s*/\s*[a-z]{3,})?\.?\s*(\d{4}|\d{2})(?!\d)")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})
_MRZ_ROW = re.compile(r"^[A-Z0-9<«£]{12,}$")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate(_DIGIT_FIX))


def _date(text: str, field: str) -> date | None:
    """Every printed form: 16.01.1995, 16/01/95, 16 01 1995, 16 Ocak 1995, 16 OCA/JAN 1995."""
    folded = fold(text)
    m = _WORDED.search(folded)
    if m and m[2] in _MONTHS:
        day, month, year = int(m[1]), _MONTHS[m[2]], m[3]
    else:
        digits = text.translate(_DIGIT_FIX)
        m = _DATE.search(digits) or _DATE_GLUED.search(digits)
        if not m:
            return None
        day, month, year = int(m[1]), int(m[2]), m[3]
    yy = int(year)
    if len(year) == 2:  # a birth date lies in the past; other dates within 50 years ahead
        yy += (
            2000 if yy <= (date.today().year % 100) + (0 if field == "birth_date" else 50) else 1900
        )
    try:
        return date(yy, month, day)
    except ValueError:
        return None


def _sex(text: str) -> str | None:
    letters = re.sub(r"[^A-Z]", "", upper_tr(text))
    if letters[:1] in ("K", "F") or letters.endswith("F") or letters.startswith("KAD"):
        return "F"
    if letters[:1] in ("E", "M") or letters.endswith("M"):
        return "M"
    return None


def _name(text: str) -> str | None:
    """A printed name: Turkish upper case, letters, spaces and hyphens only."""
    cleaned = squash_spaces(re.sub(r"[^\w\s'-]|[\d_]", " ", upper_tr(text)))
    return cleaned or None


def _parse_value(field: str, text: str) -> object | None:
    text = squash_spaces(text)
    if field == "tckn":
        digits = _digits(text)
        return digits if len(digits) == 11 else None
    if field in ("birth_date", "expiry_date", "issue_date"):
        return _date(text, field)
    if field == "sex":
        return _sex(text)
    if field == "nationality":
        folded = fold(text)
        return "TUR" if "tur" in folded or "t.c" in folded else upper_tr(text)
    if field == "document_number":
        return re.sub(r"[^A-Z0-9]", "", upper_tr(text)) or None
    if field in ("surname", "given_names", "mother_name", "father_name", "birth_place"):
        return _name(text)
    if field == "issuing_authority":
        return authority(text)
    return upper_tr(text) or None


#: The words of Turkish issuing offices' names as they are printed (a population office,
#: the ministry, a police directorate, a consulate): OCR drops their marks and last
#: letters (``BAKANLIG``), the abbreviation's dots (``T.C``, ``TC``, ``T.``).
_OFFICE_WORDS = tuple(
    "İÇİŞLERİ BAKANLIĞI NÜFUS VATANDAŞLIK İŞLERİ GENEL MÜDÜRLÜĞÜ EMNİYET BÜYÜKELÇİLİĞİ "
    "BAŞKONSOLOSLUĞU KONSOLOSLUĞU".split()
)
_OFFICE_SHORT = {"ilce": "İLÇE", "mud.": "MÜD."}  # too short to match loosely
_STATE_ABBREVIATION = re.compile(r"^T\s*[.,:;]?\s*C?\s*[.,:;]?\s+(?=\S)")  # T:C. read for T.C.


def authority(text: str) -> str | None:
    """An issuing office's name with its fixed words spelt as printed: each word of five
    letters or more that is close to an office word (``BAKANLIG``, ``ICISLERI``) becomes
    it, a district's name stays as read; a leading ``T.C`` / ``TC`` / ``T.`` before an
    office word is the state's abbreviation ``T.C.``."""
    words = upper_tr(squash_spaces(text)).split()
    if not words:
        return None
    folded = [fold(w) for w in _OFFICE_WORDS]
    out = []
    for word in words:
        letters = fold(word).replace(".", "")
        close = [
            (ratio, office)
            for office, f in zip(_OFFICE_WORDS, folded, strict=True)
            if len(letters) >= 5
            and (ratio := difflib.SequenceMatcher(None, letters, f).ratio()) >= 0.8
        ]
        short = _OFFICE_SHORT.get(fold(word))
        out.append(max(close)[1] if close else short or word)
    joined = " ".join(out)
    rest = _STATE_ABBREVIATION.sub("", joined, count=1)
    if rest != joined and rest.split()[0] in _OFFICE_WORDS:
        joined = "T.C. " + rest
    return joined


def _value_below(
    words: tuple[Word, ...],
    label: Part,
    left: float,
    bound: float,
    text: str,
    labels: tuple[Part, ...] = (),
) -> Run | None:
    """The words under ``label``, within its column: from ``left`` (where the label's
    cluster starts) to the next label's start (``bound``); ``text`` is the label cluster's
    text on its first line.

    Found by geometry, not by line order: the words below the label, in the column, grouped
    into rows; the first row with a word starting under the label is the value, when it
    lies within three label heights of the label's last line. A photo's tilt or a tall
    speck that merges two printed rows into one OCR line cannot hide it. A label set on
    several lines is followed down: a row holding only the other half of a bilingual label
    (``Soyadı`` then ``Surname``), or words that finish the label's phrase (``Veren Makam /
    Issued`` then ``By``, ``Doğum Yeri / Place`` then ``of Birth``), is part of the label.
    """
    run = label.run
    limit = bound - 1.5 * run.height
    column = tuple(
        w
        for w in words
        if (left <= w.x0 < limit or _reaches_under(w, label, limit, labels))
        and (w.y0 + w.y1) / 2 > run.y1 - 0.2 * run.height
        and w.y0 - run.y1 <= (3.0 + 2 * _LABEL_LINES_MORE) * run.height
        and w not in run.words
    )
    if not column:
        return None
    bottom, more = run.y1, 0
    rows = page_lines(Page(number=run.page, width=0, height=0, words=column))
    for ri, row in enumerate(rows):
        if not any(w.x0 <= run.x1 for w in row.words):
            continue
        if min(w.y0 for w in row.words) - bottom > 3.0 * run.height:
            return None  # too far below the label: another block's row
        first = next(i for i, w in enumerate(row.words) if w.x0 <= run.x1)
        rest = Run(row.page, row.words[first:])
        if _mrz_like(rest.text.replace(" ", "")):
            return None  # the machine-readable zone ends the printed fields: no value
        parts = _parts(rest)
        if not parts:
            continue
        if more < _LABEL_LINES_MORE and _finishes_label(text, parts[0].run.text, label.field):
            text, bottom, more = f"{text} {parts[0].run.text}", max(bottom, rest.y1), more + 1
            if len(parts) == 1:
                continue
            parts = parts[1:]
        if parts[0].is_label or _label_debris(parts[0].run.text, label.field):
            if (
                parts[0].field in (label.field, None) or not parts[0].is_label
            ) and more < _LABEL_LINES_MORE:
                text, bottom, more = f"{text} {parts[0].run.text}", max(bottom, rest.y1), more + 1
                continue  # the label's other language, or an unread label: look further down
            return None
        if label.field in _NAME_FIELDS:
            return _name_lines(parts[0].run, rows[ri + 1 :])
        return parts[0].run
    return None


#: Names a box may print on two lines (two given names, a double surname)
_NAME_FIELDS = ("surname", "given_names", "mother_name", "father_name")


def _name_lines(value: Run, below: list[Line]) -> Run:
    """A name's value with its second line: the next row, when it starts where the value
    starts, sits as close under it as a line of the same print (under 0.8 of its height:
    the next label lies further down), is at least half as tall (a box with a letter's
    dots is taller than one without), and is a name in capitals with no label in it
    (``GÖKHAN`` over ``ÖZGÜR``)."""
    h = value.height
    for row in below:
        if row.y0 <= value.y1 - 0.3 * h:
            continue  # the value's own row, or a word beside it
        words = tuple(w for w in row.words if w.x0 >= value.x0 - h)
        if not words or abs(words[0].x0 - value.x0) > 1.5 * h:
            return value
        rest = Run(row.page, words)
        if (
            rest.y0 - value.y1 > 0.8 * h
            or rest.height < 0.5 * h
            or not _capitals(rest.text)
            or not re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)?", rest.text)
            or any(p.is_label for p in _parts(rest))
        ):
            return value
        return Run(value.page, value.words + words)
    return value


#: Lines a label may run on below its first: a bilingual label in a narrow box wraps
#: to two or three.
_LABEL_LINES_MORE = 2


def _reaches_under(word: Word, label: Part, limit: float, labels: tuple[Part, ...]) -> bool:
    """Whether ``word``, starting left of the label's column, still lies under the label:
    a value set further left than a label whose first word OCR lost or put on a line of
    its own (``YERİ / PLACE OF BIRTH`` read without ``DOĞUM``, the place below starting
    under the lost word). It must start within eight letter heights of the label, below
    it, and reach under it; and no label of another field (``labels``: the page's)
    may stand over its start between the label's row and the word (``BABA`` over the
    father's name that reaches under a split-off ``ADI/FATHER'S``)."""
    run = label.run
    h = run.height
    if not (
        run.x0 - 8 * h <= word.x0 < run.x0
        and run.x0 < word.x1 < limit
        and word.y0 >= run.y1 - 0.2 * h  # below the label, not its line's garbled rest
    ):
        return False
    return not any(
        other.field not in (None, label.field)
        and other.run.x0 - h <= word.x0 <= other.run.x1
        and run.y0 - h <= other.run.y0  # between the label's row and the word
        and other.run.y1 <= word.y1
        for other in labels
    )


def _label_debris(text: str, field: str | None) -> bool:
    """A word of a wrapped label's tail (``of``, ``By``): under three letters and no digit,
    which is no value but a sex (``E``, ``K/F``), or under three letters at all under a
    name's or a place's label; or, under a name's or a place's label,
    a row mostly in small letters (``ams Nani``, a garbled ``Name``): identity documents
    print names and places in capitals, only labels are set in mixed case."""
    letters = sum(ch.isalpha() for ch in text)
    if field != "sex" and letters < 3 and not any(ch.isdigit() for ch in text):
        return True
    if field in REREAD_FIELDS and letters < 3:  # names and places print no digits: ``ef 7``
        return True  # is a garbled ``of birth``, not a place
    lower = sum(ch.islower() for ch in text)
    return field in REREAD_FIELDS and lower >= 3 and lower > 2 * (letters - lower)


def _finishes_label(head: str, tail: str, field: str | None) -> bool:
    """Whether ``tail`` (the start of a row under a label) is the rest of the label
    ``head`` began: joined, they spell a phrase of ``field`` that covers ``tail``."""
    start = len(head) + 1
    joined = f"{head} {tail}"
    covered = [(max(a, start), b) for a, b, f in label_spans(joined) if f == field and b > start]
    left = [
        ch for i, ch in enumerate(joined[start:], start) if not any(a <= i < b for a, b in covered)
    ]
    return bool(covered) and sum(ch.isalnum() for ch in left) < 2


def _speck(word: Word, typical: float) -> bool:
    """One or two characters, no digit, over three times the page's usual word height:
    not print (a bold value is under twice a label's height, a slash's box under three)."""
    text = word.text.strip()
    return len(text) <= 2 and not any(ch.isdigit() for ch in text) and word.height > 3 * typical


def _rows(page: Page) -> list[Line]:
    """The page's lines without specks: a word of one or two characters much taller than
    the page's text (a photo's edge, a seal read as ``O)``) would merge two printed rows."""
    heights = sorted(w.y1 - w.y0 for w in page.words)
    if not heights:
        return []
    typical = heights[len(heights) // 2]
    kept = tuple(w for w in page.words if not _speck(w, typical))
    return page_lines(dataclasses.replace(page, words=kept))


def _parts(run: Run) -> list[Part]:
    """Label and value parts; a value that is a garbled label counts as an unread label."""
    return [
        Part(p.run, True, fuzzy_field(p.run.text))
        if not p.is_label and label_like(p.run.text)
        else p
        for p in split_parts(run)
    ]


def _label_tail(parts: list[Part], i: int) -> bool:
    """Whether part ``i`` is a bare ``Name`` ending the label before it (``Mother's`` +
    ``Name`` when OCR garbled or split the first word), not a given-names label."""
    part, before = parts[i], parts[i - 1] if i > 0 else None
    return (
        part.field == "given_names"
        and before is not None
        and before.is_label
        and _near(before, part)
        and re.fullmatch(r"\W*names?\W*", fold(part.run.text)) is not None
    )


def _near(a: Part, b: Part) -> bool:
    return b.run.x0 - a.run.x1 < 2.0 * max(a.run.height, b.run.height)


def _garbled_head(part: Part, label: Part) -> bool:
    """Whether ``part``, just left of ``label`` on its line, is the label's first word
    that OCR garbled and cut short (``Boi`` then ``n Yeri / Place`` for ``Doğum Yeri /
    Place``): a few letters, no digit, within four letter heights. A value is never
    printed on its label's line just before the label."""
    text = part.run.text
    return (
        label.is_label
        and not part.is_label
        and sum(ch.isalnum() for ch in text) <= 4
        and not any(ch.isdigit() for ch in text)
        and label.run.x0 - part.run.x1 < 4.0 * max(part.run.height, label.run.height)
    )


def _column_start(parts: list[Part], pi: int) -> float:
    """Where the label at ``pi`` starts as a cluster of adjacent parts (an OCR-broken
    ``Veren Makam / Issued By`` is several, some unread), less a margin for values set a
    little left."""
    i = pi
    while i > 0 and (_near(parts[i - 1], parts[i]) or _garbled_head(parts[i - 1], parts[i])):
        i -= 1
    edge = parts[i - 1].run.x1 if i > 0 else -1.0
    return max(edge, parts[i].run.x0 - 2.5 * parts[pi].run.height)


def _printed(doc: Document) -> tuple[dict[str, Found], set[str]]:
    """Printed fields by their labels, and the special categories whose labels are printed."""
    found: dict[str, Found] = {}
    special: set[str] = set()
    for page in doc.pages:
        lines = _rows(page)
        words = tuple(w for line in lines for w in line.words)
        above: list[Part] = []  # label parts of the lines read so far
        page_labels = tuple(p for line in lines for p in _parts(line) if p.is_label)
        for line in lines:
            if _mrz_like(line.text.replace(" ", "")):  # not a glued label ("SOYADISSURNAME")
                continue
            parts = [_with_head(p, above) for p in _parts(line)]
            above += [p for p in parts if p.is_label]
            for pi, part in enumerate(parts):
                if not part.is_label or part.field is None:
                    continue
                if _label_tail(parts, pi):
                    continue  # the tail of the label before ("Mother's" + "Name", OCR-split)
                if part.field in SPECIAL:
                    special.add(part.field)  # recognised, never read
                    continue
                after = parts[pi + 1] if pi + 1 < len(parts) else None
                if (
                    after is not None
                    and after.is_label
                    and after.field not in (None, part.field)
                    and _near(part, after)
                    and not _label_tail(parts, pi + 1)
                ):
                    continue  # the head of the next label ("Baba Adı/Father's Name" read in two)
                if part.field in found:
                    continue
                end = pi  # the next column starts after this label's cluster ("Adı - Given")
                while end + 1 < len(parts) and _near(parts[end], parts[end + 1]):
                    end += 1
                bound = next((p.run.x0 for p in parts[end + 1 :] if p.is_label), float("inf"))
                inline = after if after is not None and not after.is_label else None
                if inline is not None and inline.run.x0 - part.run.x1 > 25 * part.run.height:
                    inline = None  # far to the right: another column's value
                head = " ".join(p.run.text for p in parts[pi : end + 1])
                below = _value_below(
                    words, part, _column_start(parts, pi), bound, head, page_labels
                )
                # a value after a colon ("Seri No: A01 …") wins; one to the right is this
                # label's only when nothing sits under it (the old booklet's rows)
                colon = inline is not None and part.run.text.rstrip().endswith(":")
                value = (inline.run if colon else below) or (inline.run if inline else None)
                if value is None:
                    continue
                parsed = _parse_value(part.field, value.text)
                if parsed is not None:
                    found[part.field] = Found(parsed, (value,))
    return found, special


def _with_head(part: Part, above: list[Part]) -> Part:
    """A label line named by the line above it, when the label wraps between the two:
    ``Yeri/Place`` under ``Doğum`` is the birth place's label, and so is ``of Birth`` under
    ``Yeri/Place`` (alone it would pass for the birth date's). The head is the lowest label
    part just above, overlapping in x; a phrase across the join decides."""
    if not part.is_label:
        return part
    run = part.run
    heads = [
        q
        for q in above
        if q.run.x0 < run.x1 and run.x0 < q.run.x1 and 0 <= run.y0 - q.run.y1 <= 2 * run.height
    ]
    if not heads:
        return part
    head = max(heads, key=lambda q: q.run.y1).run.text
    joined = f"{head} {run.text}"
    across = [f for a, b, f in label_spans(joined) if a < len(head) < b]
    return Part(run, True, across[0]) if across and across[0] is not None else part


# values whose shape says what they are: the new card's serial (A12B34567), a passport's
_SERIAL = {
    "passport": re.compile(r"^[A-Z]\d{8}$"),
    "id_card": re.compile(r"^[A-Z]\d{2}[A-Z]\d{5}$"),
}
#: the same shapes as letters (A) and digits (D), for ``in_shape``
_SERIAL_SHAPE = {"passport": "ADDDDDDDD", "id_card": "ADDADDDDD"}


def _serial_in_shape(printed: dict[str, Found], doc_type: str, doc: Document) -> None:
    """A card's or passport's printed document number read with a look-alike in a place
    its shape fixes (``E44529831`` for the card's ``E44S29831``, an O for a passport's 0):
    read in the shape when only that makes it one. The old booklet's serial (``A01`` and
    six digits, printed with a space after the series: ``A01 123456``) has a shape of its
    own and is left as read, however the page was classed; a card's serial is read in its
    shape only under the card's heading (``KİMLİK KARTI`` / ``IDENTITY CARD``): a letter and
    eight digits is also the booklet's serial with its space lost, and a passport's."""
    found = printed.get("document_number")
    if doc_type not in _SERIAL or found is None or not isinstance(found.value, str):
        return
    read = " ".join(run.text for run in found.runs)
    if _SERIAL[doc_type].match(found.value) or re.search(r"(?<!\S)\S{3}\s+\d{6}(?!\S)", read):
        return
    heading = fold(" ".join(w.text for p in doc.pages for w in p.words))
    if doc_type == "id_card" and not re.search(r"kimlik karti|identity card", heading):
        return
    shaped = in_shape(found.value, _SERIAL_SHAPE[doc_type])
    if _SERIAL[doc_type].match(shaped):
        printed["document_number"] = dataclasses.replace(found, value=shaped)


#: The bilingual sex value, Turkish then English (``K/F``, ``E / M`` read as one word when
#: its spaces are lost): no other value on these documents has that shape
_SEX_VALUE = re.compile(r"(?<!\S)(?:K\s*/\s*F|E\s*/\s*M)(?!\S)")


def _sex_by_shape(line: Line) -> Found | None:
    """The sex on ``line`` by its value's shape (its label unread)."""
    m = _SEX_VALUE.search(line.text)
    if m is None:
        return None
    words, at = [], 0
    for word in line.words:  # the words the match spans (Line.text joins them by spaces)
        start = line.text.find(word.text, at)
        at = start + len(word.text)
        if start < m.end() and at > m.start():
            words.append(word)
    return Found(_sex(m.group()), (Run(line.page, tuple(words)),), score=0.6)


def _sex_under_label(doc: Document, found: dict[str, Found]) -> None:
    """The sex read again under its label when the page's reading has nothing there: the
    value is a short bilingual pair of capitals (``E / M``, ``K / F``) with wide spaces,
    which a sparse page reading drops now and then, though the label above it is read.
    The strip under the label (a value's height below it, a few letters wide) is cropped,
    enlarged and read as one line (``docpipe.ocr.reread``); only a reading that is the
    pair, or one of its letters alone, is taken."""
    if "sex" in found:
        return
    for page in doc.pages:
        if page.image is None or page.text_source != "ocr":
            continue
        label = next(
            (
                part.run
                for line in _rows(page)
                for part in _parts(line)
                if part.is_label and part.field == "sex"
            ),
            None,
        )
        if label is None:
            continue
        h = label.height
        # the value's line: its capitals stand about 1.7 label heights, half a label height
        # below it
        box = (label.x0 - 0.3 * h, label.y1 + 0.6 * h, label.x0 + 11 * h, label.y1 + 2.6 * h)
        inside = [
            w
            for w in page.words
            if w.x0 < box[2] and w.x1 > box[0] and w.y0 < box[3] and w.y1 > box[1]
        ]
        if any(_sex_pair(w.text) is None for w in inside):
            continue  # something else is printed there: not an empty value
        others = [w.bbox for w in page.words if w not in inside]
        (reading,) = reread_lines(page.image, [box], others=others, languages="tur+eng")
        sex = _sex_pair(reading[0]) if reading is not None else None
        if sex is not None:
            found["sex"] = Found(sex, (label,), score=0.5)
            return


_SEX_READ = re.compile(r"^\W*(?:([EK])\W*/\W*([MFEP])|([EKMF]))\W*$")


def _sex_pair(text: str) -> str | None:
    """``M`` or ``F`` when ``text`` is the bilingual sex value (``E / M``, ``K/F``) or one
    of its letters alone; None for anything else. In a pair the Turkish letter decides: the
    English one's F is read E or P now and then."""
    m = _SEX_READ.match(upper_tr(text).replace("_", " ").replace("|", " "))
    if m is None:
        return None
    letter = m[3] or m[1]
    return "M" if letter in "EM" else "F"


#: Dates a page prints, oldest first: a card's front (birth, expiry), a passport page's
#: (birth, issue, expiry).
_DATE_ORDER = {"id_card": ("birth_date", "expiry_date"),
               "passport": ("birth_date", "issue_date", "expiry_date")}  # fmt: skip
#: The old nüfus cüzdanı's dates: its holder's birth, then the booklet's issue (no expiry)
_BOOKLET_DATES = ("birth_date", "issue_date")
#: A blood group's Rh factor (``A Rh+``, ``0 RH -``): the value says the field is printed
#: where OCR lost its label (``Kan Grubu``)
_RH_FACTOR = re.compile(r"(?<![A-Za-z])R[hH]\s*[+-]")


def _by_shape(
    doc: Document, found: dict[str, Found], doc_type: str, booklet: bool
) -> dict[str, Found]:
    """Fields whose labels could not be read (a 100 dpi scan's 4 pt labels), found by their
    shape: an 11-digit number passing the T.C. kimlik no checksum; the serial's pattern;
    the bilingual sex value (``K/F``, ``E/M``) (all put into ``found``); and, returned
    apart, the dates by their order when the page prints exactly as many as its kind has
    (the old booklet prints two: birth and issue). Only fields still missing."""
    if doc_type not in _DATE_ORDER:
        return {}
    dates: dict[date, Run] = {}
    for page in doc.pages:
        for line in page_lines(page):
            if _mrz_like(line.text.replace(" ", "")):
                continue
            for word in line.words:
                run = Run(line.page, (word,))
                digits = _digits(word.text)
                if "tckn" not in found and len(digits) == 11 and tckimlik.is_valid(digits):
                    found["tckn"] = Found(digits, (run,), score=0.6)
                serial = re.sub(r"[^A-Z0-9]", "", word.text.upper())
                if "document_number" not in found and _SERIAL[doc_type].match(serial):
                    found["document_number"] = Found(serial, (run,), score=0.6)
            if "sex" not in found and (sex := _sex_by_shape(line)) is not None:
                found["sex"] = sex
            when = _date(line.text, "expiry_date")
            if when is not None:
                dates.setdefault(when, Run(line.page, line.words))
            if "issuing_authority" not in found and (office := _office(line)) is not None:
                found["issuing_authority"] = Found(authority(office.text), (office,), score=0.5)
    order = _BOOKLET_DATES if booklet else _DATE_ORDER[doc_type]
    if len(dates) != len(order):
        return {}
    return {
        name: Found(when, (dates[when],), score=0.5)
        for name, when in zip(order, sorted(dates), strict=True)
        if name not in found
    }


def _parents_by_place(doc: Document, found: dict[str, Found], booklet: bool) -> None:
    """The mother's and father's names on a kimlik kartı's back whose labels could not be
    read (a 100 dpi scan's 4 pt ``Anne Adı / Mother's Name``), found by where the card
    prints them: side by side on one row above the issuing office (``Veren Makam``), the
    mother's in the office's column, the father's to its right. The row is the nearest
    above the office holding exactly two columns of capitals (a name may have two or three
    words), the left one starting where the office starts; rows of garbled label print
    between are passed over. Only on a back (its zone read), only names still missing."""
    office = found.get("issuing_authority")
    if booklet or office is None or len(office.runs) != 1:
        return
    if "mother_name" in found and "father_name" in found:
        return
    run = office.runs[0]
    page = next((p for p in doc.pages if p.number == run.page), None)
    if page is None:
        return
    lines = _rows(page)
    if not any(_mrz_like(ln.text.replace(" ", "")) for ln in lines):
        return  # no zone: not a card's back
    h = run.height
    for line in reversed(lines):
        if line.y1 > run.y0 + 0.3 * h or run.y0 - line.y1 > _PARENTS_ABOVE * h:
            continue
        if any(part.is_label for part in _parts(line)):
            continue  # labels in capitals (``ANNE ADI  BABA ADI``) are no names
        columns = _name_columns(line)
        if columns is None or abs(columns[0].x0 - run.x0) > 2 * h:
            continue
        for name, column in zip(("mother_name", "father_name"), columns, strict=True):
            if name not in found and (value := _name(column.text)) is not None:
                found[name] = Found(value, (column,), score=0.5)
        return


#: How far above the issuing office (in its print's heights) the parents' row may lie.
_PARENTS_ABOVE = 8.0


def _name_columns(line: Line) -> tuple[Run, Run] | None:
    """``line`` as two columns of names: its words with letters (a speck like ``)`` left
    out) all capitals of two letters or more, split at one gap wider than three letter
    heights into two groups of one to three words; None otherwise."""
    words = [w for w in line.words if any(ch.isalpha() for ch in w.text)]
    if not 2 <= len(words) <= 6 or not all(
        _capitals(w.text) and sum(ch.isalpha() for ch in w.text) >= 2 for w in words
    ):
        return None
    h = max(w.y1 - w.y0 for w in words)
    gaps = [i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 > 3 * h]
    if len(gaps) != 1 or not (1 <= gaps[0] <= 3 and len(words) - gaps[0] <= 3):
        return None
    cut = gaps[0]
    return Run(line.page, tuple(words[:cut])), Run(line.page, tuple(words[cut:]))


#: The last word of an issuing office's name, folded: a district's population office
#: (``… İLÇE NÜFUS MÜD.``, ``… NÜFUS MÜDÜRLÜĞÜ``), the ministry (``T.C. İÇİŞLERİ
#: BAKANLIĞI``) or, on older passports, a police directorate (``… EMNİYET MÜDÜRLÜĞÜ``).
_OFFICE_END = re.compile(r"^(?:mud\.?|mudurlugu|bakanligi)$")
_OFFICE_WORD = re.compile(r"nufus|icisleri|emniyet")


def _office(line: Line) -> Run | None:
    """The issuing office's name on ``line``, by its own words: the capitals before and up
    to an office's last word, when an office word (``NÜFUS``, ``İÇİŞLERİ``, ``EMNİYET``) is
    among them; a date or a label before it on the line is left out."""
    words = line.words
    for end, word in enumerate(words):
        last = fold(word.text)
        if not _OFFICE_END.match(last) and not any(
            difflib.SequenceMatcher(None, last, end_word).ratio() >= 0.8
            for end_word in ("mudurlugu", "bakanligi")
        ):
            continue
        start = end
        while start > 0 and _capitals(before := words[start - 1].text) and not label_like(before):
            start -= 1
        run = Run(line.page, words[start : end + 1])
        if end > start and _OFFICE_WORD.search(fold(run.text)):
            return run
    return None


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return (
        bool(letters)
        and not any(ch.isdigit() for ch in text)
        and all(ch.isupper() for ch in letters)
    )


# -- MRZ -----------------------------------------------------------------------------------
def _mrz_like(text: str) -> bool:
    """A row of the zone: MRZ characters (OCR fillers included) and filler runs or a date run.
    A short row is one whose trailing fillers OCR dropped (``P<TURKILIC<<SULE<``)."""
    if not _MRZ_ROW.match(text) or len(text) < (12 if "<<" in text else 20):
        return False
    return "<" in text or "«" in text or bool(re.search(r"[KX]{4,}|^\d{6}", text))


def _mrz(doc: Document, prefer: dict[str, str]) -> tuple[Repaired | None, list[Run]]:
    """The zone's best repaired reading (bottom-most block of MRZ-like rows) and its runs."""
    for page in doc.pages:
        rows = [
            (text, Run(line.page, line.words))
            for line in page_lines(page)
            if _mrz_like(text := line.text.replace(" ", ""))
        ]
        if not rows:
            continue
        best: tuple[tuple[int, int], Repaired, list[Run]] | None = None
        for take in (3, 2, 4, 1):
            block = rows[-take:]
            if len(block) < take:
                continue
            repaired = repair_mrz([t for t, _ in block], prefer)
            if repaired is None:
                continue
            mrz = repaired.mrz
            score = (sum(mrz.checks.values()) - len(mrz.checks), -repaired.corrections)
            if best is None or score > best[0]:
                best = (score, repaired, [r for _, r in block])
        if best is not None:
            return best[1], best[2]
    return None, []


def _hints(printed: dict[str, Found]) -> dict[str, str]:
    """Printed values in the MRZ's form, for the repair to prefer where the check digits
    allow it: the document number, and the dates as YYMMDD."""
    hints: dict[str, str] = {}
    if "document_number" in printed:
        hints["document_number"] = str(printed["document_number"].value)
    for name in ("birth_date", "expiry_date"):
        value = printed[name].value if name in printed else None
        if isinstance(value, date):
            hints[name] = value.strftime("%y%m%d")
    return hints


def mrz_name_of(text: str) -> str:
    """A printed name as the MRZ writes it: ASCII upper case, no diacritics."""
    return re.sub(r"[^A-Z ]", "", fold(text).upper()).strip()


def restore_turkish(printed: str, mrz: str) -> str:
    """The MRZ's letters with the printed field's Turkish letters where the two agree.

    The MRZ transliterates (Ç→C, Ğ→G, İ→I, Ö→O, Ş→S, Ü→U) but is read with a
    narrow alphabet; the printed field keeps the diacritics but OCR may misread a
    letter. Aligned on the folded text: where they agree the printed letter is
    kept, elsewhere the MRZ's.
    """
    folded = mrz_name_of(printed)
    chars = [ch for ch in upper_tr(printed) if mrz_name_of(ch) or ch == " "]
    if len(chars) != len(folded):  # a letter folding to two or none: no alignment
        return mrz
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, folded, mrz, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        out.append("".join(chars[a0:a1]) if op == "equal" else mrz[b0:b1])
    return squash_spaces("".join(out))


def names_agree(printed: str, mrz: str, *, truncated: bool) -> bool:
    """The printed name against the MRZ's, tolerant of filler noise but not of another name.

    Accepted: equal after transliteration; the MRZ cut at the zone's width
    (``truncated``); a last K or X the filler clean-up took for a filler.
    """
    folded = mrz_name_of(printed)
    if folded == mrz:
        return True
    if truncated and mrz and folded.replace(" ", "").startswith(mrz.replace(" ", "")):
        return True
    return bool(mrz) and folded.startswith(mrz) and set(folded[len(mrz) :]) <= {"K", "X"}


def _noisy_name_matches(field: str, surname: str, given: str) -> bool:
    """Whether a raw MRZ name field is these names with fillers read as K/X.

    OCR reads a ``<`` as K or X, or as ``<K``/``K<`` (one glyph, two characters) or
    ``<X<``, so a single separator may come out as one to three such characters and the double one
    as two to four; after the last name, whatever follows a filler is filler. With no
    given names (their print not read) only fillers may follow the surname: the rest is
    the zone's given names, not noise.
    """
    one, two = "[<KX]{1,3}", "[<KX]{2,4}"
    pattern = re.escape(surname.replace(" ", "<")).replace("<", one)
    if not given:
        return re.fullmatch(pattern + "[<KX]*", field) is not None
    pattern += two + re.escape(given.replace(" ", "<")).replace("<", one)
    return re.fullmatch(pattern + "(?:[<KX].*)?", field) is not None


def _name_line(repaired: Repaired, surname: str, given: str) -> list[str] | None:
    """The zone with its name field rewritten from the printed names, when the read field is
    those names under filler noise or was not read at all (ICAO: names folded, ``<``)."""
    lines = list(repaired.lines)
    ln, start, width = (2, 0, 30) if repaired.mrz.format == "TD1" else (0, 5, 39)
    field = lines[ln][start:]
    # the field as OCR read it: the clean-up may have cut a name it took for filler noise
    raw = repaired.shaped[ln][start:] if repaired.shaped else field
    rebuilt = f"{surname}<<{given}".replace(" ", "<").ljust(width, "<")[:width]
    if field == rebuilt:
        return lines
    if repaired.name_missing or any(_noisy_name_matches(f, surname, given) for f in (field, raw)):
        lines[ln] = lines[ln][:start] + rebuilt
        return lines
    return None


#: Printed fields whose Turkish letters OCR loses and a closer reading restores: names and
#: places (the issuing office is a district's name).
REREAD_FIELDS = (
    "surname",
    "given_names",
    "mother_name",
    "father_name",
    "birth_place",
    "issuing_authority",
)


def _reread_marks(doc: Document, printed: dict[str, Found]) -> None:
    """Names and places read again, each line alone, enlarged, with the Turkish model only
    (``docpipe.ocr.reread``); a reading replaces the first when it has the same letters up
    to Turkish diacritics and a higher confidence, so it can restore ``Ş``, ``İ``, ``Ü`` …
    but never change a letter. Only OCR pages whose image is at hand; one Tesseract call
    per page for at most ``len(REREAD_FIELDS)`` small crops."""
    pages = {p.number: p for p in doc.pages if p.image is not None and p.text_source == "ocr"}
    todo: dict[int, list[tuple[str, Run]]] = {}
    for name in REREAD_FIELDS:
        seen = printed.get(name)
        if seen is None or len(seen.runs) != 1 or seen.runs[0].page not in pages:
            continue
        run = seen.runs[0]
        todo.setdefault(run.page, []).append((name, run))
    for number, items in todo.items():
        page = pages[number]
        mine = {id(w) for _, r in items for w in r.words}
        others = [w.bbox for w in page.words if id(w) not in mine]
        readings = reread_lines(page.image, [r.bbox for _, r in items], others=others)
        for (name, run), reading in zip(items, readings, strict=True):
            if reading is None:
                continue
            text, conf = reading
            old = printed[name].value
            new = _parse_value(name, text)
            if not isinstance(old, str) or not isinstance(new, str) or new == old:
                continue
            before = sum(w.conf for w in run.words) / len(run.words)
            if _better_marks(old, before, new, conf):
                printed[name] = dataclasses.replace(printed[name], value=new)


_TURKISH_MARKED = frozenset("ÇĞİÖŞÜ")
#: Confidence a closer reading needs to add Turkish letters the first missed. The first
#: reading's own confidence is no bar here: ``tur+eng`` reads ``SIMSEK`` at 0.9 because the
#: English model has no marks, while the Turkish model alone gives ``ŞİMŞEK`` about 0.75
#: (confidences of two models on two crops are not on one scale).
ADD_MARKS_CONF = 0.70


def _better_marks(old: str, old_conf: float, new: str, new_conf: float) -> bool:
    """Whether ``new`` (a closer reading) should replace ``old``: the same letters up to
    Turkish diacritics, every changed letter a Turkish one, and either only marks added
    (confidence at least ``ADD_MARKS_CONF``) or a higher confidence than the first."""
    if len(new) != len(old) or fold(new) != fold(old):
        return False
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    if not changed or not all(b in _TURKISH_MARKED or b.isascii() for _, b in changed):
        return False
    if all(b in _TURKISH_MARKED and a.isascii() for a, b in changed):
        return new_conf >= ADD_MARKS_CONF or new_conf > old_conf
    return new_conf > old_conf


_STATE_HEADING = re.compile(r"turkiye\s+cumhuriyeti|republic\s+of\s+turk(?:ey|iye)")
# a Turkish card for foreigners ("Yabancı Kimlik Belgesi / Foreigner Identity Document")
# carries the same state heading; its holder is not a citizen
_FOREIGNER = re.compile(r"yabanci|foreign")


def _citizen_by_heading(doc: Document, fields: Fields) -> Found | None:
    """TUR when the nationality was not read on a T.C. kimlik kartı: the card is issued
    to Turkish citizens only (foreigners get a separate card under Law 5490), as its
    heading ``TÜRKİYE CUMHURİYETİ / REPUBLIC OF TURKEY`` says. Not on foreigners' cards
    (the same heading, a number starting 99). The MRZ's issuing state is no evidence:
    foreigners' cards are issued by TUR too."""
    heading: Run | None = None
    for page in doc.pages:  # in word order: a tilted heading falls apart into OCR lines
        starts, pos = [], 0
        for w in page.words:
            starts.append(pos)
            pos += len(fold(w.text)) + 1
        joined = " ".join(fold(w.text) for w in page.words)
        m = _STATE_HEADING.search(joined)
        if m is not None and heading is None:
            words = tuple(w for w, at in zip(page.words, starts, strict=True)
                          if m.start() <= at < m.end())  # fmt: skip
            heading = Run(page.number, words)
    text = fold(" ".join(w.text for p in doc.pages for w in p.words))
    tckn = fields.items.get("tckn")
    number = str(tckn.value) if tckn is not None else ""
    if heading is None or _FOREIGNER.search(text) or number.startswith("99"):
        return None
    return Found("TUR", (heading,), score=0.8)


def extract_identity(doc: Document, doc_type: str) -> tuple[Fields, dict[str, str]]:
    """The fields and the cross-check disagreements (path -> reason, no values).

    A page whose print is small for Tesseract (a 100-200 dpi scan, a forwarded photo) is
    read a second time enlarged (``docpipe.ocr.upscale``); the reading that yields more
    (fields found, MRZ check digits passing, fewer printed-vs-MRZ disagreements) is kept.
    """
    first = _extract(doc, doc_type)
    pages = [read_enlarged(page) for page in doc.pages]
    if not any(pages):
        return first[:2]
    bigger = doc.with_pages(tuple(new or old for new, old in zip(pages, doc.pages, strict=True)))
    second = _extract(bigger, doc_type)
    return max((second, first), key=lambda read: read[2])[:2]


def _extract(doc: Document, doc_type: str) -> tuple[Fields, dict[str, str], int]:
    """Fields, disagreements, and how much the reading yielded: fields found plus MRZ check
    digits passing, less twice the disagreements."""
    printed, special = _printed(doc)
    if any(_RH_FACTOR.search(line.text) for p in doc.pages for line in page_lines(p)):
        special.add(BLOOD_GROUP)  # recognised by its value, never read
    booklet = bool(special) or "cuzdan" in fold(
        " ".join(w.text for p in doc.pages for w in p.words)
    )
    by_order = _by_shape(doc, printed, doc_type, booklet)
    if not booklet:
        _sex_under_label(doc, printed)
        _serial_in_shape(printed, doc_type, doc)
    if doc_type == "id_card":
        _parents_by_place(doc, printed, booklet)
    _reread_marks(doc, printed)
    repaired, runs = _mrz(doc, _hints({**by_order, **printed}))
    if not _dates_verified(repaired):
        printed.update(by_order)
    # else the zone's check digits give the birth and expiry dates: a printed date misread
    # (a digit lost, a 1 for a 7) would shift the order, so no date is taken by it; a
    # passport's issue date is then the one printed date the zone leaves (below)
    fields = Fields()
    disagree: dict[str, str] = {}
    kind = "passport" if doc_type == "passport" else "id_card"
    text = fold(" ".join(w.text for p in doc.pages for w in p.words))
    if doc_type != "passport" and ("nufus cuzdani" in text or special):
        kind = "nufus_cuzdani"
    fields.set("kind", Found(kind, ()))
    if repaired is not None:
        _merge_mrz(repaired, printed, fields, disagree, tuple(runs), doc)
    for name, value in printed.items():
        fields.set(name, value)
    if kind == "passport" and "issue_date" not in fields.items and repaired is not None:
        fields.set("issue_date", _issue_by_elimination(doc, repaired))
    if kind == "id_card" and "nationality" not in fields.items:
        fields.set("nationality", _citizen_by_heading(doc, fields))
    if kind == "passport" and "birth_place" not in fields.items:
        fields.set("birth_place", _birth_place_by_name(doc, fields))
    if RELIGION in special:
        fields.set("religion_present", Found(True, ()))
    if BLOOD_GROUP in special:
        fields.set("blood_group_present", Found(True, ()))
    checks = sum(repaired.mrz.checks.values()) if repaired is not None else 0
    return fields, disagree, len(fields.items) + checks - 2 * len(disagree)


def _birth_place_by_name(doc: Document, fields: Fields) -> Found | None:
    """A passport's place of birth when its label was not read (a 100 dpi scan's 4 pt
    caption garbled past recognition): the data page prints it as a province's name
    (``KOCAELİ``), a word among the values. Taken only when exactly one such
    name is printed outside the zone, the labels, the holder's names and the issuing
    office (``AYDIN`` is a surname, a consulate names its city), so a page with two
    leaves the field unread rather than guess."""
    taken = {
        fold(word)
        for name in ("surname", "given_names", "issuing_authority")
        if (seen := fields.items.get(name)) is not None
        for word in str(seen.value).split()
    }
    places: dict[str, Run] = {}
    for page in doc.pages:
        for line in _rows(page):
            if _mrz_like(line.text.replace(" ", "")) or _office(line) is not None:
                continue
            for part in _parts(line):
                if part.is_label:
                    continue
                for word in part.run.words:
                    folded = fold(word.text).strip(".,:;")
                    if folded in _PROVINCES and folded not in taken:
                        places.setdefault(folded, Run(line.page, (word,)))
    if len(places) != 1:
        return None
    ((_, run),) = places.items()
    value = _name(run.text)
    return Found(value, (run,), score=0.5) if value else None


_PROVINCES = frozenset(PROVINCES)


def _dates_verified(repaired: Repaired | None) -> bool:
    """Whether the zone gives the birth and expiry dates with their check digits passing."""
    if repaired is None:
        return False
    mrz = repaired.mrz
    return bool(
        mrz.checks.get("birth_date") and mrz.checks.get("expiry_date") and mrz.birth()
        and mrz.expiry()
    )  # fmt: skip


def _issue_by_elimination(doc: Document, repaired: Repaired) -> Found | None:
    """A passport's date of issue when its label was not read: the data page prints three
    dates (ICAO 9303 part 4: birth, issue, expiry) and the zone, its check digits passing,
    gives two of them; the one printed date left, between the two, is the issue date."""
    mrz = repaired.mrz
    birth, expiry = mrz.birth(), mrz.expiry()
    if not _dates_verified(repaired) or not (birth and expiry):
        return None
    left: dict[date, Run] = {}
    for page in doc.pages:
        for line in page_lines(page):
            if _mrz_like(line.text.replace(" ", "")):
                continue
            when = _date(line.text, "issue_date")
            if when is None or any(_misread_of(when, known) for known in (birth, expiry)):
                continue
            if birth < when < expiry:
                left.setdefault(when, Run(line.page, line.words))
    if len(left) != 1:
        return None
    ((when, run),) = left.items()
    return Found(when, (run,), score=0.5)


def _misread_of(printed: date, known: date) -> bool:
    """Whether ``printed`` is ``known`` or its print with one digit of the day or month
    misread (``16.05.1961`` for the zone's 15 May 1961). Not the year's: a passport's
    issue and expiry dates differ only there (``14.12.2020``, ``14.12.2030``)."""
    a, b = printed.strftime("%d%m"), known.strftime("%d%m")
    return printed.year == known.year and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def _merge_mrz(
    repaired: Repaired,
    printed: dict[str, Found],
    fields: Fields,
    disagree: dict[str, str],
    runs: tuple[Run, ...],
    doc: Document,
) -> None:
    mrz = repaired.mrz
    checks = mrz.checks
    composite = checks.get("composite", False)
    candidates: dict[str, tuple[object, bool]] = {
        "document_number": (mrz.document_number, checks["document_number"]),
        "birth_date": (mrz.birth(), checks["birth_date"]),
        "expiry_date": (mrz.expiry(), checks["expiry_date"]),
        "sex": (mrz.sex if mrz.sex in "MFX" else None, composite),
        "nationality": (mrz.nationality or None, composite),
        "tckn": (
            mrz.tckn,
            composite if mrz.format == "TD1" else checks.get("personal_number", False),
        ),
    }
    for name, (value, verified) in candidates.items():
        if value is None or not verified:
            continue
        seen = printed.get(name)
        if seen is not None and seen.value != value and not _look_alike(seen.value, value):
            disagree[name] = CROSS_CHECK
            printed.pop(name)
            fields.set(name, Found(value, runs, score=0.6))
        elif seen is not None:
            printed.pop(name)
            fields.set(name, Found(value, (*seen.runs, *runs), score=1.0))
        else:
            fields.set(name, Found(value, runs, score=0.95))
    lines = list(repaired.lines)
    by_zone: dict[str, Found] = {}
    for name, value in zip(("surname", "given_names"), _names_of(lines, mrz.format), strict=True):
        if name not in printed and value and (seen := _printed_name(doc, value)) is not None:
            by_zone[name] = seen  # its label unread: the print found by the zone's letters
    _reread_marks(doc, by_zone)  # the zone has no marks: the print's, read closer (KOÇ)
    printed.update(by_zone)
    p_sur, p_given = printed.get("surname"), printed.get("given_names")
    if p_sur is not None:
        rebuilt = _name_line(
            repaired,
            mrz_name_of(str(p_sur.value)),
            mrz_name_of(str(p_given.value)) if p_given else "",
        )
        if rebuilt is not None:
            lines = rebuilt
    names_read = not (repaired.name_missing and lines == repaired.lines)
    # a name row not read is left out, not made up: validation says the zone is short
    for i, line in enumerate(lines if names_read else lines[:2]):
        fields.set(f"mrz_lines.{i}", Found(line, runs[i : i + 1] or runs, score=0.9))
    if not composite or not names_read:
        return
    surname, given = _names_of(lines, mrz.format)
    width = 30 if mrz.format == "TD1" else 39
    truncated = len(f"{surname}<<{given}") >= width
    for name, value in (("surname", surname), ("given_names", given)):
        seen = printed.get(name)
        if seen is None:
            if value:
                fields.set(name, Found(value, runs, score=0.7))
        elif names_agree(str(seen.value), value, truncated=truncated):
            continue
        elif difflib.SequenceMatcher(None, mrz_name_of(str(seen.value)), value).ratio() >= 0.8:
            # one or two letters misread on one side: the MRZ's letters, the print's marks
            printed[name] = Found(restore_turkish(str(seen.value), value), seen.runs, 0.7)
        else:
            disagree[name] = CROSS_CHECK


#: Words a printed name may run to (``AYŞE NUR``, ``MEHMET ALİ CAN``).
_NAME_WORDS = 4


def _printed_name(doc: Document, mrz_name: str) -> Found | None:
    """A name the MRZ gives (its label unread, so not found by it) as printed in the
    visual zone: the words of a line outside the zone whose letters, transliterated as
    the MRZ writes them, are the MRZ's name. The print keeps its Turkish letters
    (``TUNÇBİLEK`` for ``TUNCBILEK``); the MRZ's check digits vouch for the zone, and the
    same letters printed elsewhere make a misreading of both unlikely."""
    # a last K or X may be a filler OCR read as a letter (``KARAAGACK<<``): tried second
    wanted = [mrz_name] + ([mrz_name[:-1]] if len(mrz_name) > 2 and mrz_name[-1] in "KX" else [])
    lines = [ln for page in doc.pages for ln in _rows(page)]
    lines = [ln for ln in lines if not _mrz_like(ln.text.replace(" ", ""))]
    # last, names the zone ran together: the filler between them read as a K or X
    # (``SINANKKIVANCK`` for ``SINAN KIVANC``); the print must hold every letter
    tests = [want.__eq__ for want in wanted] + [lambda printed: _run_together(printed, mrz_name)]
    for test in tests:
        for line in lines:
            words = line.words
            for i in range(len(words)):
                for j in range(i + 1, min(len(words), i + _NAME_WORDS) + 1):
                    text = " ".join(w.text for w in words[i:j])
                    if test(mrz_name_of(text)) and (value := _name(text)):
                        return Found(value, (Run(line.page, words[i:j]),), score=0.8)
    return None


def _run_together(printed: str, zone: str) -> bool:
    """Whether the zone's name is the printed names (two or more, MRZ-transliterated) with
    the fillers between and after them read as K or X: ``SINANKKIVANCK`` for ``SINAN
    KIVANC``, which no check digit covers."""
    words = printed.split()
    if len(words) < 2 or any(len(w) < 2 for w in words):
        return False
    parts = [re.escape(w) for w in words]
    if printed[-1] in "KX":  # a last K the zone's clean-up took for a filler (``DILEKK<<``)
        parts[-1] = f"{re.escape(words[-1][:-1])}{words[-1][-1]}?"
    pattern = "[ KX]{1,3}".join(parts) + "[ KX]*"
    return zone != printed and re.fullmatch(pattern, zone) is not None


#: Characters OCR confuses in printed serials: a printed value that differs from the
#: check-digit-verified MRZ value only within these classes is a misreading, not a mismatch.
#: Groups of characters that look alike; Z has two (``2`` and ``7`` are not alike).
_LOOK_ALIKE = ("0ODQ", "1IL", "5S", "8B", "2Z", "7Z", "6G")


def _look_alike(printed: object, mrz: object) -> bool:
    if not (isinstance(printed, str) and isinstance(mrz, str)) or len(printed) != len(mrz):
        return False
    return all(
        a == b or any(a in group and b in group for group in _LOOK_ALIKE)
        for a, b in zip(printed.upper(), mrz.upper(), strict=True)
    )


def _names_of(lines: list[str], fmt: str) -> tuple[str, str]:
    field = lines[2] if fmt == "TD1" else lines[0][5:]
    surname, _, given = field.partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()
