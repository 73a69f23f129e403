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

import re
from datetime import date

from docpipe.document import Document, Word
from docpipe.extract.rules.found import Fields, Found
from docpipe.text.layout import Line, Run, page_lines
from docpipe.text.turkish import fold, squash_spaces, upper_tr
from docpipe.validate.mrz import Mrz, parse_mrz

CROSS_CHECK = "printed value differs from the MRZ"
# folded label -> field; more specific labels first
_LABELS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(p.replace(" ", r"\s?")), f)  # OCR drops spaces: "SeriNo/DocumentNo"
    for p, f in (
        (r"anne adi|\bana adi|\bmoth", "mother_name"),
        (r"baba adi|\bfath", "father_name"),
        (r"kimlik no|identity no|personal no", "tckn"),
        (r"soyadi|surname", "surname"),
        (r"\badi\b|given name", "given_names"),
        (r"dogum tarihi|date of birth", "birth_date"),
        (r"dogum yeri|place of birth", "birth_place"),
        (r"cinsiyet|gender|\bsex\b", "sex"),
        (r"seri no|document no|pasaport no|passport no", "document_number"),
        (r"uyrugu|nationality", "nationality"),
        (r"verilis tarihi|date of issue", "issue_date"),
        (r"son gecerlilik|valid until|gecerlilik tarihi|date of expiry", "expiry_date"),
        (r"veren makam|issued by|makami|authority|verildigi yer", "issuing_authority"),
        (r"tipi|ulke kodu|country code|imza|signature", None),
    )
)
_DATE = re.compile(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})")
_MRZ_CHARS = re.compile(r"^[A-Z0-9<]+$")
_DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "/": "7", "S": "5"})


def _label_of(text: str) -> tuple[str | None, bool]:
    """(field, is a label) for a segment's text."""
    folded = fold(text)
    for rx, field in _LABELS:
        if rx.search(folded) and (field is None or _looks_like_label(text)):
            return field, True
    return None, False


def _looks_like_label(text: str) -> bool:
    """Labels are in mixed case ("Soyadı / Surname"); values are upper case or digits."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.islower() for ch in letters) >= 0.3 * len(letters)


def _value_below(lines: list[Line], li: int, label: Run) -> Run | None:
    for below in lines[li + 1 : li + 3]:
        if below.y0 - label.y1 > 3.0 * label.height:
            return None
        for seg in below.segments(1.5):
            if abs(seg.x0 - label.x0) < 2.5 * label.height:
                _, is_label = _label_of(seg.text)
                return None if is_label else seg
        return None
    return None


def _value_inline(seg: Run) -> Run | None:
    """The words after a colon in the label's own segment ("Seri No: A01 123456")."""
    colon = next((i for i, w in enumerate(seg.words) if w.text.endswith(":")), None)
    if colon is None or colon + 1 >= len(seg.words):
        return None
    return Run(seg.page, seg.words[colon + 1 :])


def _value_right(line: Line, label: Run) -> Run | None:
    """The next segment on the label's line (old booklet: "Soyadı   ÖZTÜRK")."""
    for seg in line.segments(1.5):
        if seg.x0 > label.x1:
            _, is_label = _label_of(seg.text)
            return None if is_label else seg
    return None


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text.translate(_DIGIT_FIX))


def _date(text: str) -> date | None:
    m = _DATE.search(text.translate(_DIGIT_FIX))
    if not m:
        return None
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        return None


def _sex(text: str) -> str | None:
    letters = re.sub(r"[^A-Z]", "", upper_tr(text))
    if letters[:1] in ("K", "F") or letters.endswith("F"):
        return "F"
    if letters[:1] in ("E", "M") or letters.endswith("M"):
        return "M"
    return None


def _parse_value(field: str, text: str) -> object | None:
    text = squash_spaces(text)
    if field == "tckn":
        digits = _digits(text)
        return digits if len(digits) == 11 else None
    if field in ("birth_date", "expiry_date", "issue_date"):
        return _date(text)
    if field == "sex":
        return _sex(text)
    if field == "nationality":
        folded = fold(text)
        return "TUR" if "tur" in folded or "t.c" in folded else upper_tr(text)
    if field == "document_number":
        return re.sub(r"[^A-Z0-9]", "", upper_tr(text)) or None
    return upper_tr(text) or None


def _printed(doc: Document) -> dict[str, Found]:
    found: dict[str, Found] = {}
    for page in doc.pages:
        lines = page_lines(page)
        for li, line in enumerate(lines):
            for seg in line.segments(1.5):
                field, is_label = _label_of(seg.text)
                if not is_label or field is None or field in found:
                    continue
                value = (
                    _value_inline(seg) or _value_below(lines, li, seg) or _value_right(line, seg)
                )
                if value is None:
                    continue
                parsed = _parse_value(field, value.text)
                if parsed is not None:
                    found[field] = Found(parsed, (value,))
    return found


# -- MRZ -----------------------------------------------------------------------------------
def _mrz_lines(doc: Document) -> tuple[list[str], list[Run]]:
    for page in doc.pages:
        rows: list[tuple[str, Run]] = []
        for line in page_lines(page):
            text = "".join(w.text for w in line.words).replace(" ", "")
            if len(text) >= 28 and _MRZ_CHARS.match(text) and "<" in text:
                rows.append((text, Run(line.page, line.words)))
        if len(rows) >= 2:
            rows = (
                rows[-3:]
                if len(rows) >= 3 and all(len(t) <= 32 for t, _ in rows[-3:])
                else rows[-2:]
            )
            width = 30 if len(rows) == 3 else 44
            texts = [t[:width].ljust(width, "<") for t, _ in rows]
            return texts, [r for _, r in rows]
    return [], []


def mrz_name_of(text: str) -> str:
    """A printed name as the MRZ writes it: ASCII upper case, no diacritics."""
    return re.sub(r"[^A-Z ]", "", fold(text).upper()).strip()


def extract_identity(doc: Document, doc_type: str) -> tuple[Fields, dict[str, str]]:
    """The fields and the cross-check disagreements (path -> reason, no values)."""
    printed = _printed(doc)
    lines, runs = _mrz_lines(doc)
    mrz = parse_mrz(lines) if lines else None
    fields = Fields()
    disagree: dict[str, str] = {}
    kind = "passport" if doc_type == "passport" else "id_card"
    if doc_type != "passport" and any(
        "nufus cuzdani" in fold(" ".join(w.text for w in p.words)) for p in doc.pages
    ):
        kind = "nufus_cuzdani"
    fields.set("kind", Found(kind, ()))
    if mrz is not None:
        for i, (line, run) in enumerate(zip(lines, runs, strict=False)):
            fields.set(f"mrz_lines.{i}", Found(line, (run,)))
        _merge_mrz(mrz, printed, fields, disagree, tuple(runs))
    for name, value in printed.items():
        fields.set(name, value)
    return fields, disagree


def _merge_mrz(
    mrz: Mrz,
    printed: dict[str, Found],
    fields: Fields,
    disagree: dict[str, str],
    runs: tuple[Run, ...],
) -> None:
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
        if seen is not None and seen.value != value:
            disagree[name] = CROSS_CHECK
            printed.pop(name)
            fields.set(name, Found(value, runs, score=0.6))
        elif seen is not None:
            printed.pop(name)
            fields.set(name, Found(value, (*seen.runs, *runs), score=1.0))
        else:
            fields.set(name, Found(value, runs, score=0.95))
    if not composite:
        return
    for name, value in (("surname", mrz.surname), ("given_names", mrz.given_names)):
        seen = printed.get(name)
        if seen is None:
            if value:
                fields.set(name, Found(value, runs, score=0.7))
        elif mrz_name_of(str(seen.value)) != value:
            disagree[name] = CROSS_CHECK


def words_of(runs: tuple[Run, ...]) -> tuple[Word, ...]:
    return tuple(w for r in runs for w in r.words)
