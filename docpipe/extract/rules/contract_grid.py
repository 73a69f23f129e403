"""A party table with one column per party: "| KİRAYA VEREN | KİRACI" over labelled rows.

Templates print the parties side by side: a header row of role captions, then one row
per label ("Adı Soyadı / Unvanı | Ali Yıldız | Deniz Ltd. Şti.", "TCKN / VKN | … | …").
Read as running text the cells of one row interleave ("Ali Yıldız Deniz Ltd. Şti."), so
the table is found by its header (a line whose segments are all role words, at least
two), its rows are split into columns at the header's captions, and each party's column
is rebuilt as a labelled block ("KİRACI" / "Adı Soyadı / Unvanı Deniz Ltd. Şti." / …) in
a stream of its own, which ``contract_parties`` reads as it reads any labelled block. Every
character keeps its word, so the evidence points at the cell. A cell printed "-" is empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from docpipe.document import Word
from docpipe.extract.rules.clauses import Layout, Stream
from docpipe.extract.rules.contract_vocab import ROLE_RE
from docpipe.text.layout import Line
from docpipe.text.turkish import fold

# a row more than this many line pitches below the last is the table's next row
_ROW_GAP = 1.2
_EMPTY = re.compile(r"[-–—./\s]*")
# a table's ruling read by OCR as characters between the cells
_RULE = re.compile(r"[|\[\]!¦]+")


def _columns(line: Line) -> list[float] | None:
    """The x where each party's column starts, when ``line`` is a row of role captions."""
    segments = line.segments(1.0)
    if len(segments) < 2:
        return None
    starts = []
    for seg in segments:
        if _RULE.fullmatch(seg.text):
            continue  # a cell's border read as a character ("|", "[")
        m = ROLE_RE.fullmatch(fold(seg.text).strip(" :|[]!¦"))
        if m is None or m.group("gen"):
            return None
        starts.append(min(w.x0 for w in seg.words if not _RULE.fullmatch(w.text)))
    return starts if len(starts) >= 2 else None


def _pitch(lines: list[Line]) -> float:
    """The tightest usual step between lines (a paragraph's wrapped lines): a cell's lines
    are that far apart, the table's rows farther (each has its box's padding)."""
    steps = sorted(b.y0 - a.y0 for a, b in pairwise(lines) if a.page == b.page)
    steps = [x for x in steps if x > 0]
    return steps[len(steps) // 10] if steps else 12.0


def grid_stream(layout: Layout, before: Callable[[Word], bool]) -> Stream | None:
    """The party table's columns as labelled blocks, one after the other; None when the
    region ``before`` accepts (a word's test) holds no such table."""
    lines = layout.lines
    heading_lines = {id(h.line) for h in layout.headings}
    for i, line in enumerate(lines):
        if not before(line.words[0]):
            return None
        starts = _columns(line)
        if starts is None:
            continue
        rows = _rows(lines, i, starts, heading_lines, _pitch(lines))
        if not rows:
            continue
        stream = Stream()
        captions = [
            words
            for seg in line.segments(1.0)
            if (words := tuple(w for w in seg.words if not _RULE.fullmatch(w.text)))
        ]
        for k, caption in enumerate(captions):
            stream.add_line(Line(line.page, caption), True)
            for label, cells in rows:
                value = cells[k]
                if not value or _EMPTY.fullmatch(" ".join(w.text for w in value)):
                    continue
                stream.add_line(Line(line.page, tuple(label)), True)
                stream.add_line(Line(line.page, tuple(value)), False)
        return stream
    return None


def _rows(
    lines: list[Line], header: int, starts: list[float], headings: set[int], pitch: float
) -> list[tuple[list[Word], list[list[Word]]]]:
    """(label words, words per column) of each row under the header."""
    edge = starts[0] - 2.0
    rows: list[tuple[list[Word], list[list[Word]]]] = []
    previous = lines[header]
    for line in lines[header + 1 :]:
        if id(line) in headings or (line.page != previous.page and not rows):
            break
        gap = line.y0 - previous.y0 if line.page == previous.page else 2 * pitch
        if gap > 3.5 * pitch:  # the table ended above
            break
        if any(w.x0 < x - 2.0 < w.x1 for w in line.words for x in starts):
            break  # a word across a column's edge: running text under the table
        label = [w for w in line.words if (w.x0 + w.x1) / 2 < edge and not _RULE.fullmatch(w.text)]
        cells: list[list[Word]] = [[] for _ in starts]
        for w in line.words:
            centre = (w.x0 + w.x1) / 2
            if centre < edge or _RULE.fullmatch(w.text):
                continue
            k = max(j for j, x in enumerate(starts) if j == 0 or centre >= x - 2.0)
            cells[k].append(w)
        if label and (not rows or gap > _ROW_GAP * pitch):
            rows.append((label, cells))
        elif rows and (gap <= _ROW_GAP * pitch or not label):
            rows[-1][0].extend(label)
            for k, words in enumerate(cells):
                rows[-1][1][k].extend(words)
        else:
            break
        if not label and not any(cells):
            break
        previous = line
    # a row whose words all sit in one column is text under the table, not a row
    while rows and sum(1 for c in rows[-1][1] if c) < 1:
        rows.pop()
    return rows


__all__ = ["grid_stream"]
