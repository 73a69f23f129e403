"""Where personal data sits on the pages: detected spans mapped to word boxes.

Input: a read Document and, optionally, values the extraction already knows
are personal (a buyer's TCKN, a card holder's name): those are redacted
wherever they appear, whatever the recognizers think. Output: per page, the
boxes and entity types to redact. Never returns or logs the matched text.
"""

from __future__ import annotations

from dataclasses import dataclass

from docpipe.document import BBox, Document, Page, union_boxes
from docpipe.redact.analyzer import find_pii
from docpipe.redact.spans import known_spans
from docpipe.text.layout import page_lines


@dataclass(frozen=True)
class Hit:
    page: int
    bbox: BBox
    entity: str
    score: float


def page_text(page: Page) -> tuple[str, list[tuple[int, int, BBox]]]:
    """Page text line by line, and each word's (start, end, box) in it."""
    parts: list[str] = []
    spans: list[tuple[int, int, BBox]] = []
    pos = 0
    for line in page_lines(page):
        for i, word in enumerate(line.words):
            if i:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(word.text), word.bbox))
            parts.append(word.text)
            pos += len(word.text)
        parts.append("\n")
        pos += 1
    return "".join(parts), spans


def _known_spans(text: str, values: dict[str, str]) -> list[tuple[int, int, str]]:
    # Turkish-aware, spacing-insensitive ("TR33 0006 …" vs "TR330006…", ÖZÇELİK vs OZCELIK)
    return known_spans(text, [(value, entity) for entity, value in values.items()])


def boxes_for(words: list[tuple[int, int, BBox]], start: int, end: int) -> list[BBox]:
    """One box per line over the words that a text span (start, end) touches."""
    boxes = [b for ws, we, b in words if ws < end and we > start]
    return [union_boxes(line) for line in _by_line(boxes)]


def _known_fragments(
    words: list[tuple[int, int, BBox]], text: str, values: dict[str, str]
) -> list[tuple[int, int, str]]:
    """Pieces of a known multi-word value that wrapped onto other lines ("LİMİTED ŞİRKETİ"):
    runs of two or more page words that follow each other in the value too."""
    from docpipe.text.turkish import lower_tr

    page_words = [lower_tr(text[s:e]).strip(",.;:") for s, e, _ in words]
    found = []
    for entity, value in values.items():
        parts = [lower_tr(w).strip(",.;:") for w in value.split()]
        if len(parts) < 2:
            continue
        i = 0
        while i < len(page_words):
            best = 0
            for j, part in enumerate(parts):
                if page_words[i] != part:
                    continue
                n = 0
                while (
                    i + n < len(page_words)
                    and j + n < len(parts)
                    and page_words[i + n] == parts[j + n]
                ):
                    n += 1
                best = max(best, n)
            if best >= 2:
                found.append((words[i][0], words[i + best - 1][1], entity))
                i += best
            else:
                i += 1
    return found


def locate_pii(doc: Document, known: dict[str, str] | None = None) -> list[Hit]:
    """Boxes to redact on every page: recognizer hits plus every occurrence of ``known``.

    ``known`` maps a label (entity type or field path) to a value read by extraction.
    """
    hits: list[Hit] = []
    for page in doc.pages:
        text, words = page_text(page)
        spans = [(r.start, r.end, r.entity_type, r.score) for r in find_pii(text)]
        spans += [(s, e, ent, 1.0) for s, e, ent in _known_spans(text, known or {})]
        spans += [(s, e, ent, 1.0) for s, e, ent in _known_fragments(words, text, known or {})]
        for start, end, entity, score in spans:
            boxes = [b for ws, we, b in words if ws < end and we > start]
            for line_boxes in _by_line(boxes):
                hits.append(Hit(page.number, union_boxes(line_boxes), entity, score))
    return hits


def _by_line(boxes: list[BBox]) -> list[list[BBox]]:
    """Split boxes of a multi-line span so that each redaction box covers one line."""
    lines: list[list[BBox]] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        if lines and abs(lines[-1][-1][1] - box[1]) < 0.5 * (box[3] - box[1]):
            lines[-1].append(box)
        else:
            lines.append([box])
    return lines
