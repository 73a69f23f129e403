"""The printed labels of identity documents, and how a line splits into labels and values.

Labels come in Turkish, English or both (``Soyadı / Surname``, ``SOYADI/SURNAME``,
``Surname``), in any casing, with or without a colon, and OCR drops their spaces
(``SeriNo/DocumentNo``). A word run is cut into label parts and value parts by
matching the label phrases on its diacritic-folded text; whatever is left
between two labels is a value. Labels of special categories (``Dini`` /
religion, ``Kan Grubu`` / blood group) are recognised so that their values are
never read. Never logs text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from docpipe.text.layout import Run
from docpipe.text.turkish import fold_chars

RELIGION = "religion"
BLOOD_GROUP = "blood_group"
SPECIAL = (RELIGION, BLOOD_GROUP)


def _rx(pattern: str) -> re.Pattern[str]:
    # OCR drops the spaces inside labels and reads "m" as "rn" (Docurnent, Narnes), or as
    # "rri" when it reads that "n" as "ri" too (Doğurri for Doğum)
    return re.compile(pattern.replace(" ", r"\s?").replace("m", "(?:m|rn|rri)"))


# folded label phrase -> field (None: a label of something not extracted); order matters:
# "Anne Adı / Mother's Name" must be the mother's before "Adı" or "Name" can take it
LABELS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (_rx(p), f)
    for p, f in (
        (r"anne adi|\bana adi|mother'?s? name|\bmother\b", "mother_name"),
        (r"baba adi|father'?s? name|\bfather\b", "father_name"),
        (r"t\.? ?c\.? kimlik no|kimlik no(su)?|kimlik numarasi|tr identity no|identity no|"
         r"personal no|\btckn\b", "tckn"),
        (r"soyadi|\bsoyad\b|surname", "surname"),
        (r"\badi\b|\bad\b|given names?( ?\(s\))?|\bfirst name|\bname ?\(s\)|\bnames?\b|"
         r"\badi[sli1|]?names?\b", "given_names"),  # "ADISNAME", "AdiName": "Adı/Name", its
        # slash misread or lost
        (r"dogum tarihi|date of birth|birth date|\bd\. ?tarihi", "birth_date"),
        (r"dogum yeri|place of birth|birth place", "birth_place"),
        (r"cinsiyeti?|gender|\bsex\b", "sex"),
        (r"seri no|document no|document number|belge no|pasaport no|passport no|\bdoc\. ?no",
         "document_number"),
        (r"uyrugu|\buyruk|nationality", "nationality"),
        (r"verilis tarihi|date of issue|issue date|duzenlenme tarihi", "issue_date"),
        (r"son gecerlilik( tarihi)?|gecerlilik tarihi|valid until|date of expiry|expiry date|"
         r"\bexpiry\b", "expiry_date"),
        (r"veren makam|issued by|issuing authority|makami?\b|\bauthority|verildigi yer|"
         r"veren daire", "issuing_authority"),
        (r"\bdini\b|\bdin\b|religion", RELIGION),
        (r"kan grubu|blood group|blood type", BLOOD_GROUP),
        (r"\btipi\b|\btype\b|ulke kodu|country code|\bimza\b|signature|medeni hali|"
         r"marital status|\bilcesi\b|\bmahalle(si)?\b|\bkoyu\b|cilt no|aile sira no|\bsira no|"
         r"kayit no|verilis nedeni|\bili\b", None),
    )
)  # fmt: skip
_SEPARATORS = re.compile(r"^[\W_]*$")  # "/", ":", and what OCR makes of them ("~", "—")
# the labels' usual wordings as plain phrases, for naming a label OCR garbled ("Son
# Geçerlitik / Yalid Until", "DGGUM YERİ/PLAZE OF BIRTH")
_PHRASES: tuple[tuple[str, str], ...] = tuple(
    (field, phrase)
    for field, phrases in {
        "mother_name": ("anne adi", "mother's name", "mother's"),
        "father_name": ("baba adi", "father's name", "father's"),
        "tckn": ("t.c. kimlik no", "tr identity no", "identity no", "personal no"),
        "surname": ("soyadi", "surname"),
        "given_names": ("given name(s)", "given names"),
        "birth_date": ("dogum tarihi", "date of birth"),
        "birth_place": ("dogum yeri", "place of birth"),
        "sex": ("cinsiyeti", "gender"),
        "document_number": ("seri no", "document no", "belge no", "passport no"),
        "nationality": ("uyrugu", "nationality"),
        "issue_date": ("verilis tarihi", "date of issue"),
        "expiry_date": ("son gecerlilik", "valid until", "gecerlilik tarihi", "date of expiry"),
        "issuing_authority": ("veren makam", "issued by", "issuing authority"),
    }.items()
    for phrase in phrases
)
# words of the labels, for recognising a label OCR garbled beyond its phrase ("Surmame")
_VOCABULARY = frozenset(
    """soyadi surname given names name document number dogum tarihi date birth cinsiyeti
    gender seri gecerlilik valid until kimlik identity personal uyrugu nationality anne
    mother mothers baba father fathers veren makam issued authority issuing yeri place
    verilis issue expiry tipi type ulke kodu country code pasaport passport imza signature
    belge""".split()
)


@dataclass(frozen=True)
class Part:
    """A piece of a run: a label (``field`` it names, maybe None) or a value."""

    run: Run
    is_label: bool
    field: str | None = None


def label_spans(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, field) of every label phrase in ``text`` (offsets in ``text``)."""
    folded = fold_chars(text)
    taken: list[tuple[int, int, str | None]] = []
    for rx, field in LABELS:
        for m in rx.finditer(folded):
            if m.end() > m.start() and not any(m.start() < e and s < m.end() for s, e, _ in taken):
                taken.append((m.start(), m.end(), field))
    return sorted(taken)


def split_parts(run: Run) -> list[Part]:
    """``run`` cut into label and value parts, word by word, in reading order.

    A word belongs to a label when a label phrase covers any of it; words that
    are only separators (``/``, ``:``) next to a label belong to the label.
    Consecutive label words naming the same field (a bilingual pair with its
    separator) form one part; a gap of two word heights (another column) starts a new
    part, unless both sides are words of the same field's label (then four).
    """
    words = run.words
    text, starts = "", []
    for w in words:
        starts.append(len(text))
        text += w.text + " "
    spans = label_spans(text)
    tags: list[tuple[bool, str | None]] = []
    for w, s in zip(words, starts, strict=True):
        e = s + len(w.text)
        hit = next((f for a, b, f in spans if a < e and s < b), "")
        tags.append((hit != "", hit or None))
    for i, w in enumerate(words):  # separators join the label before or after them
        if not tags[i][0] and _SEPARATORS.match(w.text):
            near = [tags[j] for j in (i - 1, i + 1) if 0 <= j < len(words) and tags[j][0]]
            if near:
                tags[i] = near[0]
    parts: list[Part] = []
    height = sorted(w.y1 - w.y0 for w in words)[len(words) // 2] if words else 0.0
    for i, (w, (is_label, field)) in enumerate(zip(words, tags, strict=True)):
        last = parts[-1] if parts else None
        gap = w.x0 - words[i - 1].x1 if i > 0 else 0.0
        # a label's own words OCR set apart (``GIVEN  NAMES``, a glyph between them lost)
        # stay one label: no field's label is printed twice side by side
        same = last is not None and is_label and last.is_label and last.field == field
        column_gap = gap > (_LABEL_GAP if same else 2.0) * height
        if (
            last is not None
            and not column_gap
            and last.is_label == is_label
            and (not is_label or last.field == field)
        ):
            parts[-1] = Part(Run(run.page, (*last.run.words, w)), is_label, field)
        else:
            parts.append(Part(Run(run.page, (w,)), is_label, field))
    return [p for p in parts if p.is_label or not _SEPARATORS.match(p.run.text)]


#: Word heights between two words of one field's label that still leave them one label
_LABEL_GAP = 4.0


def is_label_text(text: str) -> bool:
    """Whether ``text`` is nothing but label phrases and separators."""
    rest, last = [], 0
    for s, e, _ in label_spans(text):
        rest.append(text[last:s])
        last = e
    rest.append(text[last:])
    return sum(ch.isalnum() for ch in "".join(rest)) < 2 and last > 0


def label_like(text: str) -> bool:
    """Whether ``text`` is a label OCR garbled past its phrase: at least one word of four
    letters or more close to a label word, and no other word of four letters or more."""
    tokens = re.findall(r"[a-z]+", _unsplit_m(fold_chars(text).lower()))
    long = [t for t in tokens if len(t) >= 4]
    return bool(long) and all(
        any(difflib.SequenceMatcher(None, t, v).ratio() >= 0.8 for v in _VOCABULARY) for t in long
    )


def _unsplit_m(text: str) -> str:
    """``text`` with OCR's readings of an ``m`` as ``rri`` and ``rn`` put back."""
    return text.replace("rri", "m").replace("rn", "m")


def fuzzy_field(text: str) -> str | None:
    """The field a garbled label most likely names, or None when none is close.

    Each half (split at ``/``) and every run of one to three of its words is held
    against the usual wordings, so one garbled half (``Seyadı Sumame`` with its slash
    lost, ``y eni Makar``) still names the field its other words spell.
    """
    best, field = 0.0, None
    for half in re.split(r"[/|]", fold_chars(text).lower()):
        tokens = re.sub(r"[^a-z' ]", " ", half).split()
        pieces = {" ".join(tokens[i : i + n]) for n in (1, 2, 3) for i in range(len(tokens))}
        pieces.add(" ".join(tokens))
        for piece in pieces:
            if len(piece) < 4:
                continue
            for name, phrase in _PHRASES:
                ratio = difflib.SequenceMatcher(None, piece, phrase).ratio()
                if ratio > best:
                    best, field = ratio, name
    return field if best >= 0.75 else _voted_field(text)


def _field_words() -> dict[str, frozenset[str]]:
    """Each word of the usual wordings -> the fields whose phrases use it."""
    out: dict[str, set[str]] = {}
    for name, phrase in _PHRASES:
        for word in re.findall(r"[a-z]{4,}", phrase):
            out.setdefault(word, set()).add(name)
    return {word: frozenset(fields) for word, fields in out.items()}


_FIELD_WORDS = _field_words()


def _voted_field(text: str) -> str | None:
    """The field every recognisable word of a label OCR broke apart names: ``Boi n Yeri /
    Place`` is too garbled for the phrase (``Doğum Yeri / Place of birth``) but both its
    halves' words belong to the birth place's label alone. A word close to words of
    several fields (``Tarihi``, ``Date``, ``issue`` ~ ``issued``) decides nothing, and
    words naming two different fields name none."""
    votes: set[str] = set()
    for token in re.findall(r"[a-z]{4,}", fold_chars(text).lower()):
        fields = {
            f
            for word, names in _FIELD_WORDS.items()
            if difflib.SequenceMatcher(None, token, word).ratio() >= 0.8
            for f in names
        }
        if len(fields) == 1:
            votes |= fields
    return next(iter(votes)) if len(votes) == 1 else None
