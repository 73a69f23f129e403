"""Document type from text and layout cues: invoice, id_card, passport, contract or unknown.

Input: a read Document. Output: (doc type, confidence 0..1). Each type has
weighted cue phrases matched on folded text (no diacritics, lower case), so
OCR output and upper-case headings match too. One layout cue adds to them: a
machine-readable zone (three lines of 30 MRZ characters: an ID card; two of
44: a passport), recognised by line shape, not wording. ``unknown`` documents
are still stored, never dropped. Never logs text.
"""

from __future__ import annotations

import re

from docpipe.document import Document
from docpipe.text.layout import page_lines
from docpipe.text.turkish import fold

_CUES: dict[str, list[tuple[str, float]]] = {
    "invoice": [
        (r"\be-?fatura\b", 3),
        (r"\be-?arsiv\b", 3),
        (r"\bfatura\b", 2),
        (r"\bettn\b", 3),
        (r"\bkdv\b", 1.5),
        (r"\bvergi dairesi\b", 1),
        (r"\bmal hizmet\b", 2),
        (r"\bodenecek\b", 1.5),
        (r"\bbirim fiyat", 1.5),
        (r"\bgenel toplam\b", 1),
        (r"\bfatura (no|tarihi)\b", 2),
        (r"\byalniz\b", 1),
        (r"\bmatrah", 1),
    ],
    "id_card": [
        (r"kimlik karti", 4),
        (r"identity card", 4),
        (r"\bi<tur", 5),
        (r"soyadi\s*/\s*surname", 3),
        (r"dogum tarihi\s*/\s*date of birth", 3),
        (r"seri no\s*/\s*document no", 3),
        (r"nufus cuzdani", 4),
        (r"anne adi", 1.5),
        (r"baba adi", 1.5),
        (r"\bt\.?c\.? kimlik no\b", 1),
        # the back of the 2017+ card: parents, issuer, a TD1 zone whose fillers OCR misread
        (r"mother'?s?\s?name", 2),
        (r"father'?s?\s?name", 2),
        (r"veren\s?makam", 2),
        (r"\bi[kx«]tur", 4),
        # the old nüfus cüzdanı's own fields
        (r"\bana adi", 1.5),
        (r"medeni hali", 2),
        (r"verildigi yer", 2),
        (r"verilis nedeni", 2),
        (r"cilt no", 2),
        (r"aile sira no", 2),
    ],
    "passport": [
        (r"\bpasaport\b", 4),
        (r"\bpassport\b", 4),
        (r"\bp<tur", 5),
        (r"\bp<[a-z]{3}", 3),
        (r"date of expiry", 1.5),
        (r"place of birth", 1),
    ],
    "contract": [
        (r"\bsozlesme", 3),
        (r"\bmadde\s*\d", 2),
        (r"\btaraflar\b", 2),
        (r"\bkiraya veren\b", 3),
        (r"\bkiraci\b", 2),
        (r"\bisveren\b", 2),
        (r"\bhizmet veren\b", 2),
        (r"\byetkili mahkeme", 2),
        (r"\bfesih\b", 1.5),
        (r"\bisbu\b", 1.5),
    ],
}
_COMPILED = {t: [(re.compile(p), w) for p, w in cues] for t, cues in _CUES.items()}
_MIN_SCORE = 4.0


_MRZ_LINE = re.compile(r"^[A-Z0-9<]{28,46}$")
_MRZ_WEIGHT = 6.0


def mrz_layout(doc: Document) -> str | None:
    """ "id_card" for a TD1-shaped zone (3 × 30), "passport" for TD3 (2 × 44), else None."""
    for page in doc.pages[:CLASSIFY_PAGES]:
        lengths = [
            len(text)
            for line in page_lines(page)
            if _MRZ_LINE.match(text := line.text.replace(" ", "")) and "<" in text
        ]
        if sum(1 for n in lengths if 28 <= n <= 32) >= 3:
            return "id_card"
        if sum(1 for n in lengths if 42 <= n <= 46) >= 2:
            return "passport"
    return None


# The type shows on the first pages; a 200-page contract need not be folded whole.
CLASSIFY_PAGES = 8


def classify(doc: Document) -> tuple[str, float]:
    text = fold(doc.with_pages(doc.pages[:CLASSIFY_PAGES]).text())
    if not text.strip():
        return "unknown", 0.0
    scores = {
        doc_type: sum(min(len(rx.findall(text)), 3) * w for rx, w in cues)
        for doc_type, cues in _COMPILED.items()
    }
    layout = mrz_layout(doc)
    if layout is not None:
        scores[layout] += _MRZ_WEIGHT
    best = max(scores, key=lambda t: scores[t])
    total = sum(scores.values())
    if scores[best] < _MIN_SCORE:
        return "unknown", round(scores[best] / (_MIN_SCORE * 2), 3)
    margin = scores[best] / total if total else 0.0
    confidence = min(1.0, margin * min(1.0, scores[best] / (2 * _MIN_SCORE)))
    return best, round(confidence, 3)
