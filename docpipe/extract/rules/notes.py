"""An invoice's free-text notes: what a notes label introduces.

``Not: İşbu fatura …`` carries its note on the label's line; a ``Notlar`` /
``Genel Açıklamalar`` heading carries it on the lines below, down to the amount
in words (``Yalnız …``), another label, a line that is no prose, or a wide
vertical gap. A ``Not: YALNIZ …`` line is the amount in words, not a note.
"""

from __future__ import annotations

from docpipe.extract.rules.found import Found
from docpipe.extract.rules.invoice_vocab import COLUMNS, HEADER, PARTY
from docpipe.extract.rules.labels import is_punctuation
from docpipe.extract.rules.totals import IN_WORDS, TOTALS
from docpipe.text.layout import Line, Run
from docpipe.text.turkish import fold

# folded label words (no colon): one- and two-word notes labels
_LABELS = (
    ("not",),
    ("notlar",),
    ("note",),
    ("notes",),
    ("aciklamalar",),
    ("genel", "aciklamalar"),
    ("fatura", "notu"),
    ("fatura", "notlari"),
    ("ozel", "notlar"),
)
_MAX_LINES = 6
_OTHER_LABELS = (HEADER, TOTALS, PARTY, COLUMNS)


def _label_size(run: Run) -> int:
    """How many words of ``run`` are a notes label at its start (0: none)."""
    folded = [fold(w.text).strip(":") for w in run.words[:2]]
    for label in sorted(_LABELS, key=len, reverse=True):
        if tuple(folded[: len(label)]) == label:
            n = len(label)
            # "Not" must end its label: "Not: …" or "Not" alone, never "Not defteri"
            if n == len(run.words) or run.words[n - 1].text.endswith(":"):
                return n
            if n < len(run.words) and run.words[n].text == ":":
                return n
    return 0


def _prose(run: Run) -> bool:
    words = [w.text for w in run.words]
    if sum(any(ch.isalpha() for ch in w) for w in words) < 3:
        return False
    if IN_WORDS.search(fold(run.text)):
        return False
    for vocab in _OTHER_LABELS:
        match = vocab.match_words(words)
        # another label ends the notes, unless prose follows it ("Tevkifat: 614 - Servis
        # taşımacılığı hizmeti" is a note naming the withholding)
        if match is not None and match.score >= 0.9:
            rest = words[match.n_words :]
            return sum(sum(ch.isalpha() for ch in w) >= 3 for w in rest) >= 3
    return True


def _below(lines: list[Line], li: int, label: Run) -> list[Run]:
    """The prose lines under a notes heading, in its column. A heading centred over a
    box wider than it: the one segment on the line under it starts the column."""
    out: list[Run] = []
    last = label
    anchor = label
    for line in lines[li + 1 : li + 1 + _MAX_LINES]:
        if line.page != label.page or line.y0 - last.y1 > 1.5 * line.height:
            break
        segments = line.segments()
        seg = next(
            (
                s
                for s in segments
                if abs(s.x0 - anchor.x0) < 3 * label.height
                # a heading centred over it
                or (anchor is label and min(s.x1, label.x1) > max(s.x0, label.x0))
            ),
            None,
        )
        if seg is None and not out and len(segments) == 1:
            seg = anchor = segments[0]
        if seg is None or not _prose(seg) or _label_size(seg):
            break
        out.append(seg)
        last = seg
    return out


def read_notes(lines: list[Line]) -> Found | None:
    """The notes of an invoice, one per line, or None when no notes label is printed."""
    notes: list[Run] = []
    for li, line in enumerate(lines):
        for seg in line.segments():
            n = _label_size(seg)
            if not n:
                continue
            rest = [w for w in seg.words[n:] if not is_punctuation(w.text)]
            if rest:
                run = Run(seg.page, tuple(rest))
                if _prose(run):
                    notes.append(run)
            else:
                notes += _below(lines, li, Run(seg.page, seg.words[:n]))
    if not notes:
        notes = _above_words(lines)
    if not notes:
        return None
    return Found("\n".join(r.text for r in notes), tuple(notes), 0.8)


def _above_words(lines: list[Line]) -> list[Run]:
    """Unlabelled notes: the amount in words is a UBL note, and designs print the notes
    together, so the prose lines right above "Yalnız …" in its column are the others.
    A line with a label ("Hesap No: …", "Ödeme Şekli: …") ends them."""
    for li, line in enumerate(lines):
        words = next((s for s in line.segments() if IN_WORDS.match(fold(s.words[0].text))), None)
        if words is None:
            continue
        out: list[Run] = []
        top = words
        for above in reversed(lines[max(0, li - _MAX_LINES) : li]):
            if above.page != words.page or top.y0 - above.y1 > 1.5 * above.height:
                break
            seg = next(
                (s for s in above.segments() if abs(s.x0 - words.x0) < 3 * words.height), None
            )
            if seg is None or not _prose(seg) or _label_size(seg):
                break
            colon = next((k for k, w in enumerate(seg.words[:3]) if w.text.endswith(":")), None)
            rest = seg.words[colon + 1 :] if colon is not None else ()
            if colon is not None and sum(sum(c.isalpha() for c in w.text) >= 3 for w in rest) < 3:
                break  # a label and its value, not a note naming something
            out.insert(0, seg)
            top = seg
        return out or _under_words(lines, li, words)
    return []


def _under_words(lines: list[Line], li: int, words: Run) -> list[Run]:
    """Nothing above the amount in words: the notes printed under it, in its column (a
    design's own "Yalnız: …" line over a box of notes), down to a label or a gap."""
    out: list[Run] = []
    last_y1 = words.y1
    for below in lines[li + 1 : li + 1 + _MAX_LINES]:
        # the first note may open a box of its own under the words' box and the totals
        # beside it (a border and padding between); the notes then follow line by line
        gap = 1.5 if out else 2.5
        if below.page != words.page or below.y0 - last_y1 > gap * below.height:
            break
        last_y1 = below.y1
        seg = next((s for s in below.segments() if abs(s.x0 - words.x0) < 3 * words.height), None)
        if seg is None:
            continue  # a line of the totals beside the words only
        if not _prose(seg) or _label_size(seg) or IN_WORDS.match(fold(seg.words[0].text)):
            break
        if any(w.text.endswith(":") for w in seg.words[:3]):
            break  # a label and its value ("Ödeme Şekli: …"), not a note
        out.append(seg)
    return out
