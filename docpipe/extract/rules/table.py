"""The line-item table, found by its header row and read by column position.

Columns come from the header's labels (matched with ``COLUMNS``), merged with
a header line just above or below when the header wraps. Each column owns
the horizontal band between the midpoints to its neighbours. Body lines are
split into cells; a line with numbers in the quantity/price/amount columns
starts an item, and text-only lines add to the description of the item they
belong to (decided by vertical gaps, so both top-aligned and middle-aligned
cells work). A repeated header on the next page continues the table.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from docpipe.document import Word
from docpipe.extract.rules.found import Found
from docpipe.extract.rules.invoice_vocab import COLUMNS
from docpipe.extract.rules.labels import tokens
from docpipe.text.layout import Line, Run
from docpipe.text.numbers import parse_number

NUMERIC = (
    "quantity",
    "unit_price",
    "discount",
    "discount_rate",
    "kdv_rate",
    "kdv_amount",
    "amount",
    "gross",
    "other_taxes",
)
ITEM_DEFINING = ("quantity", "unit_price", "amount", "gross")


@dataclass
class Column:
    field: str
    x0: float
    x1: float
    words: list[Word]
    left: float = float("-inf")
    right: float = float("inf")


@dataclass
class Table:
    columns: list[Column]
    header: Line


@dataclass
class Item:
    cells: dict[str, list[Run]] = field(default_factory=dict)


@dataclass(frozen=True)
class TableRead:
    items: list[dict[str, Found]]
    end_page: int
    end_y: float
    found: bool


def _match_columns(words: list[Word]) -> list[Column]:
    texts = [w.text for w in words]
    cols: list[Column] = []
    i = 0
    while i < len(texts):
        match = COLUMNS.match_words(texts[i:])
        if match is not None and match.score >= 0.88:
            ws = words[i : i + match.n_words]
            cols.append(Column(match.field, min(w.x0 for w in ws), max(w.x1 for w in ws), ws))
            i += match.n_words
        else:
            if cols and words[i].x0 - cols[-1].x1 < words[i].height:
                cols[-1].words.append(words[i])  # trailing word of a label: "Fiyatı (TL)"
                cols[-1].x1 = max(cols[-1].x1, words[i].x1)
            i += 1
    return cols


def find_header(lines: list[Line], start: int = 0) -> tuple[int, Table] | None:
    for li in range(start, len(lines)):
        cols = _match_columns(list(lines[li].words))
        fields = {c.field for c in cols}
        if len(cols) < 3 or not fields & {"amount", "gross", "unit_price"}:
            continue
        if not fields & {"description", "quantity"}:
            continue
        cols = _merge_wrapped_header(lines, li, cols)
        _assign_bands(cols)
        return li, Table(cols, lines[li])
    return None


def _merge_wrapped_header(lines: list[Line], li: int, cols: list[Column]) -> list[Column]:
    """Join a header that wraps onto a second line ("Birim" over "Fiyat")."""
    line = lines[li]
    for lj in (li - 1, li + 1):
        if not 0 <= lj < len(lines):
            continue
        other = lines[lj]
        gap = other.y0 - line.y1 if lj > li else line.y0 - other.y1
        if gap > 0.8 * line.height or any(ch.isdigit() for ch in other.text):
            continue
        merged = False
        for w in other.words:
            col = next((c for c in cols if c.x0 - 2 <= (w.x0 + w.x1) / 2 <= c.x1 + 2), None)
            if col is None:
                continue
            col.words = [w, *col.words] if lj < li else [*col.words, w]
            merged = True
        if merged:
            for col in cols:
                label = " ".join(w.text for w in col.words)
                match = COLUMNS.match_words(label.split())
                if match is not None and match.n_words == len(label.split()):
                    col.field = match.field
    return cols


def _assign_bands(cols: list[Column]) -> None:
    cols.sort(key=lambda c: c.x0)
    for a, b in itertools.pairwise(cols):
        mid = (a.x1 + b.x0) / 2
        a.right = mid
        b.left = mid
    # a table with both a net and a gross column keeps "amount" for the net one
    fields = [c.field for c in cols]
    if "amount" not in fields and "gross" in fields:
        next(c for c in cols if c.field == "gross").field = "amount"


def _is_numeric_text(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and parse_number(text) is not None


def _cells(line: Line, table: Table) -> dict[str, list[Run]]:
    cells: dict[str, list[Word]] = {}
    for seg in line.segments(gap_factor=0.6):
        spans = [c for c in table.columns if seg.x1 > c.left and seg.x0 < c.right]
        if len(spans) > 1 and any(ch.isdigit() for ch in seg.text):
            units = [Run(seg.page, (w,)) for w in seg.words]
        else:
            units = [seg]
        for unit in units:
            numeric = _is_numeric_text(unit.text)
            x = (unit.x0 + unit.x1) / 2 if numeric else unit.x0 + 1
            col = next((c for c in table.columns if c.left <= x < c.right), None)
            if col is not None:
                cells.setdefault(col.field, []).extend(unit.words)
    return {f: [Run(line.page, tuple(ws))] for f, ws in cells.items()}


def _is_stop(line: Line, table: Table) -> bool:
    """A totals label ("Ara Toplam", "Hesaplanan KDV", "Yalnız") on a line with no item numbers."""
    from docpipe.extract.rules.totals import TOTALS

    for seg in line.segments():
        match = TOTALS.match_words([w.text for w in seg.words])
        if match is not None and match.score >= 0.9 and match.field != "ignore":
            cells = _cells(line, table)
            return not any(
                f in cells and any(_is_numeric_text(w.text) for r in cells[f] for w in r.words)
                for f in ("quantity", "unit_price")
            )
    return False


def _has_item_numbers(cells: dict[str, list[Run]]) -> bool:
    return any(
        f in cells and any(_is_numeric_text(w.text) for r in cells[f] for w in r.words)
        for f in ITEM_DEFINING
    )


def read_table(pages: list[list[Line]]) -> TableRead:
    """Items of the first line-item table in ``pages`` (lines per page)."""
    table: Table | None = None
    body: list[tuple[Line, dict[str, list[Run]]]] = []
    end_page, end_y = 1, 0.0
    for page_lines in pages:
        if not page_lines:
            continue
        hit = find_header(page_lines)
        if hit is None:
            if table is None:
                continue
            break  # the table did not continue onto this page
        li, table = hit
        end_page, end_y = page_lines[li].page, page_lines[li].y1
        stopped = False
        last_y = page_lines[li].y1
        for line in page_lines[li + 1 :]:
            if _is_stop(line, table) or line.y0 - last_y > 5 * line.height:
                stopped = True
                break
            cells = _cells(line, table)
            if not cells:
                continue
            body.append((line, cells))
            last_y = line.y1
            end_page, end_y = line.page, line.y1
        if stopped:
            break
    if table is None:
        return TableRead([], 1, 0.0, False)
    return TableRead([_item_fields(it) for it in _group(body)], end_page, end_y, True)


def _group(body: list[tuple[Line, dict[str, list[Run]]]]) -> list[Item]:
    """Rows from lines: numbers start an item, text-only lines join one."""
    if not body:
        return []
    gaps = [b[0].y0 - a[0].y1 for a, b in itertools.pairwise(body) if b[0].page == a[0].page]
    tight = min((g for g in gaps), default=0.0)
    threshold = tight + 0.3 * min(line.height for line, _ in body)
    groups: list[list[tuple[Line, dict[str, list[Run]]]]] = [[body[0]]]
    for prev, cur in itertools.pairwise(body):
        same_page = prev[0].page == cur[0].page
        if same_page and cur[0].y0 - prev[0].y1 <= threshold:
            groups[-1].append(cur)
        else:
            groups.append([cur])
    items: list[Item] = []
    pending: list[dict[str, list[Run]]] = []  # text lines waiting for their numbers
    for group in groups:
        numeric_idx = [i for i, (_, cells) in enumerate(group) if _has_item_numbers(cells)]
        if not numeric_idx:
            if items:
                for _, cells in group:
                    _extend(items[-1], cells)
            else:
                pending.extend(cells for _, cells in group)
            continue
        first = numeric_idx[0]
        for i, (_, cells) in enumerate(group):
            if i in numeric_idx:
                item = Item()
                if i == first:
                    for early in pending:
                        _extend(item, early)
                    pending = []
                    for _, early_cells in group[:first]:
                        _extend(item, early_cells)
                _extend(item, cells)
                items.append(item)
            elif i > first:
                _extend(items[-1], cells)
    return items


def _extend(item: Item, cells: dict[str, list[Run]]) -> None:
    for f, runs in cells.items():
        item.cells.setdefault(f, []).extend(runs)


def _number(runs: list[Run]) -> tuple[Decimal, str] | None:
    """The first number in the cell, and the text left after it."""
    text = " ".join(r.text for r in runs)
    for i, word in enumerate(text.split()):
        value = parse_number(word)
        if value is not None:
            rest = " ".join(text.split()[i + 1 :])
            return value, rest
    value = parse_number(text)
    return (value, "") if value is not None else None


def _item_fields(item: Item) -> dict[str, Found]:
    out: dict[str, Found] = {}
    cells = item.cells
    if "description" in cells:
        text = " ".join(r.text for r in cells["description"]).strip()
        if text:
            out["description"] = Found(text, tuple(cells["description"]))
    for f in NUMERIC:
        if f not in cells:
            continue
        parsed = _number(cells[f])
        if parsed is None:
            continue
        value, rest = parsed
        if (
            f == "quantity"
            and rest
            and "unit" not in cells
            and not any(ch.isdigit() for ch in rest)
        ):
            out["unit"] = Found(rest, tuple(cells[f]), 0.9)
        if f in ("kdv_rate", "discount_rate"):
            value = abs(value)
        out[f] = Found(value, tuple(cells[f]))
    if "unit" in cells:
        text = " ".join(r.text for r in cells["unit"]).strip()
        if text and not any(ch.isdigit() for ch in text) and tokens(text):
            out["unit"] = Found(text, tuple(cells["unit"]))
    return out
