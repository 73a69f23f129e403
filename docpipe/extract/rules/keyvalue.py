"""Layout-agnostic key/value reading: a label, then its value.

The value of a label is, in order of preference: the rest of the label's
segment (``Fatura No: ABC…``), the next segment on the same line (a table
cell to the right), the cell right of it on a line half a line lower or higher
(a row whose cells are aligned differently), or the segment just below the label
(a form with the label above its value). Labels inside a segment split it when they end with
a colon or are distinctive identifiers (``… V.D. 123… VKN: …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from docpipe.document import Word
from docpipe.extract.rules.labels import LabelMatch, Vocabulary, is_punctuation
from docpipe.text.layout import Line, Run

# What may follow a label before its value: a rate or a parenthesised qualifier, or a
# "%" whose figures the sender left out ("Tevkifat % | 132,35").
_LABEL_TAIL = re.compile(
    r"^(\(.*\)|%|\(?\s*%\s*\d{1,2}([.,]\d+)?\s*\)?|\d{1,2}([.,]\d+)?\s*%?\s*\)|\d{1,2}\s*%)\s*:?$"
)


_BARE_RATE_TAIL = re.compile(r"^\d{1,2}$")
_ENGLISH_TAIL = re.compile(r"\s*/\s*[A-Za-z][A-Za-z .()\-]*:?$")


@dataclass(frozen=True, slots=True)
class KeyValue:
    field: str
    label: Run
    value: Run | None
    score: float
    before: Run | None = None  # unlabelled words preceding the label in its segment


def split_glued(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Split ``No:ABC123`` into ``No:`` and ``ABC123`` (boxes divided by characters)."""
    out: list[Word] = []
    for w in words:
        head, sep, tail = w.text.partition(":")
        if sep and head and tail and not (head.isdigit() and tail[:1].isdigit()):
            cut = w.x0 + (w.x1 - w.x0) * (len(head) + 1) / len(w.text)
            out.append(Word(head + ":", (w.x0, w.y0, cut, w.y1), w.conf, w.block, w.line))
            out.append(Word(tail, (cut, w.y0, w.x1, w.y1), w.conf, w.block, w.line))
        else:
            out.append(w)
    return tuple(out)


def _labels_in(
    words: tuple[Word, ...], vocab: Vocabulary, inline_fields: frozenset[str]
) -> list[tuple[int, LabelMatch]]:
    """Positions where a label starts inside ``words``."""
    texts = [w.text for w in words]
    found: list[tuple[int, LabelMatch]] = []
    i = previous_end = 0
    while i < len(texts):
        if is_punctuation(texts[i]):  # a label never starts with "/" or ":"
            i += 1
            continue
        match = vocab.match_words(texts[i : i + vocab.window])
        alias = i > 0 and texts[i - 1] == "/"  # "Ara Toplam / Matrah": one label, two names
        if match is not None and match.score >= 0.86 and not alias:
            end = i + match.n_words
            # "Vergi Dairesi / V.No:" and "V.D. / TCKN:" name two fields of one value pair
            if end + 1 < len(texts) and texts[end] == "/":
                colon = next(
                    (j for j in range(end + 1, min(end + 4, len(texts))) if texts[j].endswith(":")),
                    None,
                )
                if colon is not None:
                    end = colon + 1
                    match = replace(match, n_words=end - i)
            ends_colon = texts[end - 1].endswith(":") or (end < len(texts) and texts[end] == ":")
            after_rate = bool(_RATE_ONLY.match(" ".join(texts[previous_end:i])))
            short = len(texts[i].rstrip(":.")) <= 2 and match.n_words == 1  # "T:", "F:"
            inline = match.field in inline_fields and (ends_colon or not short)
            if i == 0 or ends_colon or after_rate or inline:
                found.append((i, match))
                i = previous_end = end
                continue
        i += 1
    return found


_RATE_ONLY = re.compile(r"^(%\s*\d{1,2}([.,]\d+)?|\d{1,2}([.,]\d+)?\s*%)$")  # "% 20 KDV"


def read_key_values(
    lines: list[Line],
    vocab: Vocabulary,
    *,
    inline_fields: frozenset[str] = frozenset(),
    gap_factor: float = 1.0,
    look_below: bool = True,
) -> list[KeyValue]:
    """Every labelled value in ``lines`` (top to bottom, left to right)."""
    results: list[KeyValue] = []
    wrapped_under: set[tuple[int, float]] = set()  # second lines of labels wrapped in a cell
    for li, line in enumerate(lines):
        segments = [Run(s.page, split_glued(s.words)) for s in line.segments(gap_factor) if s.words]
        for si, seg in enumerate(segments):
            if (li, seg.x0) in wrapped_under:
                continue
            hits = _labels_in(seg.words, vocab, inline_fields)
            if not hits:
                wrapped = _wrapped_label(lines, li, seg, vocab)
                if wrapped is not None:
                    bi, rest, match = wrapped
                    value = _right_neighbour(segments, si, vocab, inline_fields)
                    if value is None:  # the value beside the label's second line
                        others = [Run(c.page, c.words) for c in lines[bi].segments(gap_factor)]
                        at = next((i for i, c in enumerate(others) if c.x0 == rest.x0), None)
                        if at is not None:
                            value = _right_neighbour(others, at, vocab, inline_fields)
                    if value is not None:
                        wrapped_under.add((bi, rest.x0))
                        label = Run(seg.page, seg.words + rest.words)
                        results.append(KeyValue(match.field, label, value, match.score))
                continue
            for hi, (start, match) in enumerate(hits):
                end = start + match.n_words
                stop = hits[hi + 1][0] if hi + 1 < len(hits) else len(seg.words)
                end = _qualifier_end(seg.words, end, stop)
                value_words = _trim_punctuation(seg.words[end:stop])
                tail = " ".join(w.text for w in value_words)
                alias = (
                    end < stop
                    and seg.words[end].text == "/"
                    and not any(ch.isdigit() for ch in tail)
                )
                # "Hesaplanan KDV %20 / VAT", "KDV Matrahı 20 / VAT Base": the rate (with or
                # without its %), then the label's English half
                turkish = _ENGLISH_TAIL.sub("", tail)
                if _LABEL_TAIL.match(turkish) or (
                    turkish != tail and _BARE_RATE_TAIL.match(turkish)
                ):
                    tail = turkish if _LABEL_TAIL.match(turkish) else "(rate)"
                if _LABEL_TAIL.match(tail) or tail.endswith(":") or alias:
                    # "KDV (%20)", "Ara Toplam / Matrah:": the rest still belongs to the label
                    end, value_words = stop, ()
                before = None
                if hi == 0 and start > 0:
                    before = Run(seg.page, seg.words[:start])
                value = Run(seg.page, value_words) if value_words else None
                if value is None and hi == len(hits) - 1:
                    value = _right_neighbour(segments, si, vocab, inline_fields)
                    if value is None and si == len(segments) - 1:
                        value = _right_in_row(lines, li, seg, vocab, inline_fields)
                    if value is None and look_below:
                        value = _below(lines, li, seg, vocab, inline_fields)
                results.append(
                    KeyValue(
                        field=match.field,
                        label=Run(seg.page, seg.words[start:end]),
                        value=value,
                        score=match.score,
                        before=before,
                    )
                )
    return results


def _wrapped_label(
    lines: list[Line], li: int, seg: Run, vocab: Vocabulary
) -> tuple[int, Run, LabelMatch] | None:
    """A label a narrow cell wrapped over two lines ("Vergiler Dahil" over "Toplam"):
    ``seg`` and the segment starting under it on one of the next lines (another column's
    line may come between), neither holding a figure, read together as exactly one label.
    Returns the index of the second line, its segment and the label."""
    if any(ch.isdigit() for ch in seg.text) or ":" in seg.text:
        return None
    for bi in range(li + 1, min(li + 3, len(lines))):
        below = lines[bi]
        if below.page != seg.page or below.y0 - seg.y1 > 0.8 * seg.height:
            return None
        # the cell's text left-aligned, or right-aligned as a totals box sets its labels
        rest = next(
            (
                c
                for c in below.segments()
                if min(abs(c.x0 - seg.x0), abs(c.x1 - seg.x1)) < 0.5 * seg.height
            ),
            None,
        )
        if rest is None:
            continue
        words = _label_words(_trim_punctuation(rest.words))
        if not words or len(words) > 3 or any(ch.isdigit() for w in words for ch in w.text):
            return None
        texts = [w.text for w in seg.words + words]
        match = vocab.match_words(texts)
        if match is None or match.n_words != len(texts) or match.score < 0.9:
            return None
        return bi, Run(rest.page, rest.words), match
    return None


def _label_words(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """``words`` without the rate or qualifier that closes a label ("KDV (%20):"): a
    wrapped label's second line carries them as a label on one line does."""
    for k in range(1, len(words)):
        if _LABEL_TAIL.match(" ".join(w.text for w in words[k:])):
            return words[:k]
    return words


def _qualifier_end(words: tuple[Word, ...], end: int, stop: int) -> int:
    """Extend a label over a parenthesised qualifier: "Ödenecek Tutar (TL Karşılığı):"."""
    if end < stop and words[end].text.startswith("(") and ")" not in words[end - 1].text:
        close = next((j for j in range(end, min(end + 5, stop)) if ")" in words[j].text), None)
        if close is not None and not any(
            ch.isdigit() and "%" not in words[close].text for ch in words[close].text
        ):
            return close + 1
    return end


def _trim_punctuation(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop separators before a value and dangling ones after it; keep "Şişli /" + "İST"."""
    start, end = 0, len(words)
    while start < end and is_punctuation(words[start].text):
        start += 1
    while end > start and words[end - 1].text in (":", "|", "-", "–"):
        end -= 1
    return words[start:end]


def _unlabelled(run: Run, vocab: Vocabulary, inline_fields: frozenset[str]) -> bool:
    return not _labels_in(run.words, vocab, inline_fields)


def _right_neighbour(
    segments: list[Run], si: int, vocab: Vocabulary, inline_fields: frozenset[str]
) -> Run | None:
    for seg in segments[si + 1 :]:
        words = _trim_punctuation(seg.words)
        if not words:
            continue
        candidate = Run(seg.page, words)
        return candidate if _unlabelled(candidate, vocab, inline_fields) else None
    return None


def _right_in_row(
    lines: list[Line], li: int, seg: Run, vocab: Vocabulary, inline_fields: frozenset[str]
) -> Run | None:
    """The value cell of a table row whose cells are aligned differently (the label at the
    cell's top, the value in the middle): it sits half a line lower or higher, so the
    lines part them. The first segment right of the label on a neighbouring line that
    shares at least ``_ROW_OVERLAP`` of the label's height, when no label is there."""
    best: tuple[float, Run] | None = None
    for other in lines[max(0, li - 2) : li + 3]:
        if other is lines[li]:
            continue
        overlap = min(other.y1, seg.y1) - max(other.y0, seg.y0)
        if overlap < _ROW_OVERLAP * min(other.height, seg.height):
            continue
        right = [c for c in other.segments() if c.x0 >= seg.x1]
        if not right or any(c.x1 > seg.x0 and c.x0 < seg.x1 for c in other.segments()):
            continue  # nothing right of the label, or the line runs through its column
        words = _trim_punctuation(right[0].words)
        fits = words and _unlabelled(Run(right[0].page, words), vocab, inline_fields)
        if fits and (best is None or overlap > best[0]):
            best = (overlap, Run(right[0].page, words))
    return best[1] if best else None


_ROW_OVERLAP = 0.35


def _below(
    lines: list[Line], li: int, seg: Run, vocab: Vocabulary, inline_fields: frozenset[str]
) -> Run | None:
    """The value under a label that has none on its line: the first segment below that
    shares the label's column (lines of other columns in between are skipped)."""
    for below in lines[li + 1 : li + 4]:
        if below.y0 - seg.y1 > 2.0 * seg.height:
            return None
        for candidate in below.segments():
            overlap = min(candidate.x1, seg.x1) - max(candidate.x0, seg.x0)
            if overlap > 0 or abs(candidate.x0 - seg.x0) < seg.height:
                words = _trim_punctuation(candidate.words)
                if words and _unlabelled(Run(candidate.page, words), vocab, inline_fields):
                    return Run(candidate.page, words)
                return None
    return None
