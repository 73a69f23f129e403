"""Long running text: body lines without page furniture, clause headings, and a text stream.

Contracts are prose that flows across page breaks. This module turns a read
Document into:

- body lines: every visual line except page furniture (headers, footers,
  "Sayfa 2/5", initials rows) found in the top/bottom bands of a page;
- clause headings ("Madde 7 – Fesih", "MADDE 7 -", "7. FESİH", "Yedinci Madde:")
  with their section (GENEL ŞARTLAR / ÖZEL ŞARTLAR) and page span;
- a ``Stream``: body text joined into paragraphs (a wider vertical gap or a
  heading ends one; a page break does not), with a map from every character
  back to its word, so a regex match becomes evidence (page, box, text).

Works on text-layer and OCR words alike; never logs text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from itertools import pairwise
from statistics import median

from docpipe.document import Document, Word
from docpipe.extract.rules.found import Found
from docpipe.text.layout import Line, Run, page_lines
from docpipe.text.turkish import fold, fold_chars

HEADER_BAND, FOOTER_BAND = 0.075, 0.915


_FURNITURE = re.compile(r"\bsayfa\s*:?\s*\d+|^\W*\d+\s*/\s*\d+\W*$|^\W*-\s*\d+\s*-\W*$|\bparaf")
_ORDINALS = {
    "birinci": 1, "ikinci": 2, "ucuncu": 3, "dorduncu": 4, "besinci": 5, "altinci": 6,
    "yedinci": 7, "sekizinci": 8, "dokuzuncu": 9, "onuncu": 10, "yirminci": 20,
    "otuzuncu": 30, "kirkinci": 40,
}  # fmt: skip
_TENS = {"on": 10, "yirmi": 20, "otuz": 30, "kirk": 40}
_SEP = r"\s*[-–—:.]?\s*"
_MADDE = re.compile(rf"^madde\s*(\d{{1,3}})\b{_SEP}(.*)$")
_DECIMAL = re.compile(r"^(\d{1,3})\s*[.)]\s*([^\s\d].*)$")  # OCR may drop the space: "7.Gizlilik"
_ORDINAL = re.compile(
    rf"^((?:(?:on|yirmi|otuz|kirk)\s+)?[a-z]+?(?:inci|nci|uncu))\s+madde\b{_SEP}(.*)$"
)
_SENTENCE_END = re.compile(r"\.(?=\s+[A-ZÇĞİÖŞÜ]|\s*$|\n)|\n")
SECTIONS = ("genel sartlar", "ozel sartlar", "genel hukumler", "ozel hukumler")


def _no_sentence_end(text: str, dot: int) -> bool:
    """A ". " that ends no sentence: an ordinal's ("ayının 15. günü"), an abbreviation's
    ("T.C. 12345678901", "Fıstıklı Sk. No: 9", "Ltd. Şti. (…)": a dot inside it, or a
    capitalised word of three letters at most)."""
    after = text[dot + 2 : dot + 3]
    if text[dot - 1 : dot].isdigit() and after.islower():
        return True
    token = text[text.rfind(" ", 0, dot) + 1 : dot].lstrip("(“\"'")
    return "." in token or (token[:1].isupper() and token.isalpha() and len(token) <= 3)


def ordinal_number(words: str) -> int | None:
    """ "besinci" → 5, "on ikinci" → 12, "yirminci" → 20 (folded Turkish ordinals)."""
    parts = words.split()
    if not parts:
        return None
    total = 0
    if len(parts) == 2 and parts[0] in _TENS:
        total, parts = _TENS[parts[0]], parts[1:]
    if len(parts) != 1:
        return None
    word = parts[0]
    if word in _ORDINALS:
        return total + _ORDINALS[word]
    for tens, value in _TENS.items():  # written together: "onikinci"
        if word.startswith(tens) and word[len(tens) :] in _ORDINALS and not total:
            return value + _ORDINALS[word[len(tens) :]]
    return None


@dataclass(frozen=True)
class ClauseHeading:
    number: str
    heading: str | None
    section: str | None
    line: Line


@dataclass
class Stream:
    """Body text, paragraphs separated by "\\n", with each character's word."""

    owners: list[tuple[int, Word] | None] = field(default_factory=list)  # (page, word) per char
    line_starts: set[int] = field(default_factory=set)
    _parts: list[str] = field(default_factory=list)
    _text: str | None = None
    _folded: str | None = None

    def add_line(self, line: Line, new_paragraph: bool) -> None:
        if self.owners:
            self._put("\n" if new_paragraph else " ", None)
        self.line_starts.add(len(self.owners))
        for i, word in enumerate(line.words):
            if i:
                self._put(" ", None)
            self._put(word.text, (line.page, word))

    def _put(self, text: str, owner: tuple[int, Word] | None) -> None:
        self._parts.append(text)
        self.owners.extend([owner] * len(text))
        self._text = self._folded = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._parts)
        return self._text

    @property
    def folded(self) -> str:
        """Lower-case, no diacritics, character for character (offsets are ``text``'s)."""
        if self._folded is None:
            self._folded = fold_chars(self.text)
        return self._folded

    def after(self, end: int, limit: int) -> tuple[int, int]:
        """The window after a label: separators skipped, ``limit`` chars or to paragraph end."""
        text = self.text
        while end < len(text) and text[end] in " :\t-–=":
            end += 1
        stop = text.find("\n", end)
        stop = len(text) if stop < 0 else stop
        return end, min(stop, end + limit)

    def on_one_line(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` lies on one printed line (no line starts inside)."""
        return not any(p in self.line_starts for p in range(start + 1, end))

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence around ``pos`` (never beyond its paragraph)."""
        text = self.text
        line = text.rfind("\n", 0, pos)
        dot = text.rfind(". ", 0, pos)
        # an ordinal's dot ("ayının 15. günü", "3. kat") ends no sentence
        while dot > line and _no_sentence_end(text, dot):
            dot = text.rfind(". ", 0, dot)
        left = max(line, dot)
        m = _SENTENCE_END.search(text, pos)
        return left + 1, (m.start() if m else len(text))

    def found(self, value: object, start: int, end: int, score: float = 1.0) -> Found:
        """``value`` with the words of ``text[start:end]`` as its evidence."""
        words: list[tuple[int, Word]] = []
        for owner in self.owners[start:end]:
            if owner is not None and (not words or words[-1][1] is not owner[1]):
                words.append(owner)
        runs: list[Run] = []
        for page, word in words:
            if runs and runs[-1].page == page:
                runs[-1] = Run(page, (*runs[-1].words, word))
            else:
                runs.append(Run(page, (word,)))
        return Found(value, tuple(runs), score)


@dataclass
class Layout:
    lines: list[Line]  # body lines, reading order, all pages
    headings: list[ClauseHeading]
    sections: list[Line]
    signature_start: int | None  # index into lines where the signature block begins
    stream: Stream

    def line_index(self, word: Word) -> int:
        """Index in ``lines`` of the line holding ``word`` (-1 if none)."""
        if not self._word_line:
            self._word_line.update({id(w): i for i, ln in enumerate(self.lines) for w in ln.words})
        return self._word_line.get(id(word), -1)

    _word_line: dict[int, int] = field(default_factory=dict)


def body_lines(doc: Document) -> list[Line]:
    """Every line of every page except furniture in the header and footer bands."""
    pages = [(p, page_lines(p)) for p in doc.pages]
    band_texts: Counter[str] = Counter()
    for page, lines in pages:
        seen = set()
        for ln in lines:
            if _in_band(ln, page.height):
                seen.add(_shape(ln.text))
        band_texts.update(seen)
    title = next(
        (
            _shape(ln.text)
            for ln in (pages[0][1] if pages else [])[:6]
            if "sozlesme" in fold(ln.text)
        ),
        None,
    )
    out: list[Line] = []
    for page, lines in pages:
        for ln in lines:
            if _in_band(ln, page.height) and not (page.number == 1 and _shape(ln.text) == title):
                shape = _shape(ln.text)
                if _FURNITURE.search(fold(ln.text)) or band_texts[shape] >= 2 or shape == title:
                    continue
            out.append(ln)
    return out


def _in_band(line: Line, height: float) -> bool:
    return line.y1 < height * HEADER_BAND or line.y0 > height * FOOTER_BAND


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text))


def heading_of(line: Line) -> tuple[int, str | None] | None:
    """(clause number, heading text) when ``line`` opens a clause."""
    text = line.text.strip()
    folded = fold_chars(text)
    m = _MADDE.match(folded)
    if m:
        return int(m.group(1)), _heading_text(text, m.start(2))
    m = _ORDINAL.match(folded)
    if m:
        number = ordinal_number(m.group(1))
        if number:
            return number, _heading_text(text, m.start(2))
    m = _DECIMAL.match(folded)
    if m:
        rest = text[m.start(2) :]
        if _heading_like(rest):
            return int(m.group(1)), _heading_text(text, m.start(2))
    return None


def _worded(line: Line) -> bool:
    """A heading that names its article ("MADDE 2", "İkinci Madde"), not a bare "2."."""
    folded = fold_chars(line.text.strip())
    return bool(_MADDE.match(folded) or _ORDINAL.match(folded))


def _caption(headings: list[ClauseHeading], text: str | None) -> bool:
    """A bare "2. …" line that is no article: inside articles headed "MADDE n", or a party's
    caption ("2. TARAF (ALICI)") under the article of the parties."""
    if _worded(headings[0].line):
        return True
    last = fold(headings[-1].heading or "")
    return "taraf" in last and fold(text or "").startswith("taraf")


def _run_on_body(line: Line) -> Line | None:
    """The words after a heading's colon when they are a sentence, not more heading: "Madde 5
    – Yetkili Mahkeme: İşbu sözleşmeden doğacak … yetkilidir." (matbu forms run the clause
    on after its title)."""
    words = line.words
    for k, word in enumerate(words[:-1]):
        if not word.text.endswith(":") or k > 8:
            continue
        rest = words[k + 1 :]
        text = " ".join(w.text for w in rest)
        if len(rest) >= 5 and text[:1].isupper() and text.rstrip().endswith((".", ";")):
            return Line(line.page, rest)
        return None
    return None


def _heading_like(text: str) -> bool:
    """Short, capitalised, no sentence end: "KİRA BEDELİ", "Fesih ve İhbar"."""
    text = text.strip()
    return (
        text[:1].isupper()
        and len(text.split()) <= 8
        and len(text) <= 70
        and not text.endswith((".", ",", ";", ":"))
    )


def _heading_text(text: str, start: int) -> str | None:
    rest = text[start:].strip().strip("-–—:.").strip()
    return rest or None


_ROLE_LINE = re.compile(
    r"^(kiraya veren|mal sahibi|kiralayan|kiraci|isveren|sirket|isci|calisan|personel|"
    r"hizmet veren|hizmet alan|yuklenici|musteri|imza|taraflar)$"
)


def _signature_line(line: Line) -> bool:
    """Two role names side by side ("KİRAYA VEREN   KİRACI"), or "Yer, tarih" alone."""
    segments = [fold(s.text) for s in line.segments(2.0)]
    if len(segments) >= 2 and all(_ROLE_LINE.match(s) for s in segments):
        return True
    return bool(re.match(r"^[a-z]+\s*,\s*\d{1,2}[./ -]", fold(line.text))) and len(line.text) < 40


def analyse(doc: Document) -> Layout:
    lines = body_lines(doc)
    headings: list[ClauseHeading] = []
    sections: list[Line] = []
    section: str | None = None
    last = 0
    kinds: list[str] = []  # per line: "heading", "section", "body"
    tails: dict[int, Line] = {}  # per heading line: the body that runs on after its colon
    for ln in lines:
        if kinds and kinds[-1] == "heading_pending":
            kinds[-1] = "heading"
            if _heading_like(ln.text):  # "MADDE 5" with its heading on the next line
                headings[-1] = replace(headings[-1], heading=ln.text.strip())
                kinds.append("heading")
                continue
        folded = fold(ln.text).strip(" :")
        if folded in SECTIONS:
            section = ln.text.strip(" :")
            sections.append(ln)
            kinds.append("section")
            continue
        found = heading_of(ln)
        if found is not None and headings and not _worded(ln) and _caption(headings, found[1]):
            found = None  # "2. TARAF (ALICI)" inside the parties' article: a caption
        # numbers go up by one; a gap of one or two tolerates a heading OCR could not read
        if found is not None and (last < found[0] <= last + 3 if last else found[0] <= 2):
            number, heading = found
            body = _run_on_body(ln)
            if body is not None:  # "Madde 5 – Yetkili Mahkeme: İşbu sözleşmeden …."
                heading = heading_of(Line(ln.page, ln.words[: len(ln.words) - len(body.words)]))
                heading = heading[1] if heading else None
                tails[len(kinds)] = body
            headings.append(ClauseHeading(str(number), heading, section, ln))
            last = number
            kinds.append("heading" if heading else "heading_pending")
            continue
        kinds.append("body")
    kinds = ["heading" if k == "heading_pending" else k for k in kinds]
    signature_start = None
    if headings:
        after = lines.index(headings[-1].line)
        signature_start = next(
            (i for i in range(after + 1, len(lines)) if _signature_line(lines[i])), None
        )
    stream = Stream()
    pitch = _typical_pitch(lines)
    previous: Line | None = None
    for i, (ln, kind) in enumerate(zip(lines, kinds, strict=True)):
        if i in tails:  # the sentence run on after a heading's colon: a paragraph of its own
            stream.add_line(tails[i], True)
            previous = tails[i]
            continue
        if kind != "body":
            previous = None
            continue
        new_paragraph = (
            previous is None
            or (previous.page == ln.page and ln.y0 - previous.y0 > 1.35 * pitch)
            or (signature_start is not None and i >= signature_start)  # one line each
        )
        stream.add_line(ln, new_paragraph)
        previous = ln
    return Layout(lines, headings, sections, signature_start, stream)


def _typical_pitch(lines: list[Line]) -> float:
    steps = [b.y0 - a.y0 for a, b in pairwise(lines) if a.page == b.page and b.y0 > a.y0]
    return median(steps) if steps else 12.0


def clause_spans(layout: Layout) -> list[dict[str, object]]:
    """Every clause with its number, heading, section and first and last page."""
    out: list[dict[str, object]] = []
    index = {id(ln): i for i, ln in enumerate(layout.lines)}
    stops = sorted(
        [index[id(h.line)] for h in layout.headings]
        + [index[id(s)] for s in layout.sections]
        + ([layout.signature_start] if layout.signature_start is not None else [])
        + [len(layout.lines)]
    )
    for h in layout.headings:
        start = index[id(h.line)]
        stop = next(s for s in stops if s > start)
        end_page = layout.lines[stop - 1].page if stop - 1 >= start else h.line.page
        clause: dict[str, object] = {
            "number": h.number,
            "page_start": h.line.page,
            "page_end": max(end_page, h.line.page),
        }
        if h.heading:
            clause["heading"] = h.heading[:200]
        if h.section:
            clause["section"] = h.section[:80]
        out.append(clause)
    return out
