"""The line-item table, found by its header and read by column position.

Header: a band of one to three lines close together (headers wrap and are
often vertically centred) whose words, stacked into columns by horizontal
overlap, match at least three column labels (``COLUMNS``). Body: the lines
below, until a totals label, a page footer or a wide gap. Columns of the
body come from the whitespace between words across all body lines (the
"rivers" of the table), each mapped to the header column it overlaps; this
works for ruled and unruled, tight and loose tables alike. A line with
numbers in the quantity/price/amount columns starts an item; text-only
lines belong to the item whose row they share (rows are told apart by
vertical gaps, so top-aligned and middle-aligned cells both work). A header
repeated on the next page continues the table.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import median

from docpipe.document import Word
from docpipe.extract.rules.cells import (
    CENT,
    MONEY,
    choose_readings,
    clean_unit,
    first_amount,
    first_number,
    is_number,
    is_unit,
    ocr_read,
)
from docpipe.extract.rules.found import Found
from docpipe.extract.rules.invoice_vocab import COLUMNS
from docpipe.extract.rules.labels import english_words, is_punctuation
from docpipe.extract.rules.rows import (
    KDV_SLACK,
    ROW_NUMBERS,
    join_split_rows,
    move_straddling_figures,
)
from docpipe.extract.rules.totals import IN_WORDS, TOTALS
from docpipe.text.layout import Line, Run
from docpipe.text.numbers import ISO_CURRENCIES, parse_number, product_tolerance
from docpipe.text.numwords import words_to_number
from docpipe.text.turkish import fold

NUMERIC = (*ROW_NUMBERS, "other_taxes", "index")
TEXT = ("description", "unit", "stock_code", "discount_reason")
ITEM_DEFINING = ("quantity", "unit_price", "amount", "gross")
_TEXT_CELLS = (
    "other_taxes",
    "discount_reason",
)  # columns whose cells hold words that look like labels
_FOOTER = re.compile(r"^\s*(sayfa|page)\s*:?\s*\d+\s*(/|of|-)\s*\d+", re.I)


@dataclass
class Column:
    field: str
    x0: float
    x1: float


@dataclass
class Header:
    columns: list[Column]
    first_line: int
    last_line: int


@dataclass
class Item:
    cells: dict[str, list[Word]] = field(default_factory=dict)
    page: int = 1


@dataclass(frozen=True)
class TableRead:
    items: list[dict[str, Found]]
    end_page: int
    end_y: float
    found: bool


# -- header ------------------------------------------------------------------------------------


def _stacks(lines: list[Line]) -> list[list[tuple[int, Word]]]:
    """Group the words of a header band into columns: words on different lines that
    overlap horizontally share a stack; words on one line never do."""
    words = [(li, w) for li, line in enumerate(lines) for w in line.words]
    parent = list(range(len(words)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # words come line by line, and words on one line never share a stack: each word is
    # compared with the words of the lines below it only (the pairs, and so the stacks,
    # are those of comparing every pair; skipping same-line pairs keeps one line's
    # band, read once per line of the page by ``find_header``, linear)
    next_line = [0] * len(words)
    end = len(words)
    for i in range(len(words) - 1, -1, -1):
        if i + 1 < len(words) and words[i + 1][0] != words[i][0]:
            end = i + 1
        next_line[i] = end
    for i, (_, a) in enumerate(words):
        for j in range(next_line[i], len(words)):
            b = words[j][1]
            overlap = min(a.x1, b.x1) - max(a.x0, b.x0)
            if overlap > 0.3 * min(a.x1 - a.x0, b.x1 - b.x0):
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[int, Word]]] = {}
    for i, item in enumerate(words):
        groups.setdefault(find(i), []).append(item)
    stacks = [sorted(g, key=lambda t: (t[0], t[1].x0)) for g in groups.values()]
    return sorted(stacks, key=lambda s: min(w.x0 for _, w in s))


def _match_stacks(stacks: list[list[tuple[int, Word]]]) -> list[Column]:
    """Column labels read from stacks; empty when a third of the words are not labels.

    A label may span several neighbouring stacks ("Mal Hizmet" over "Tutarı"):
    its words are read line by line, left to right.
    """
    columns: list[Column] = []
    used = 0
    i = 0
    lefts = [min(w.x0 for _, w in st) for st in stacks]
    rights = [max(w.x1 for _, w in st) for st in stacks]
    while i < len(stacks):
        best: tuple[int, str] | None = None
        for k in (4, 3, 2, 1):
            group = stacks[i : i + k]
            if len(group) < k or any(
                lefts[i + m + 1] - rights[i + m] > 0.5 * group[m][0][1].height for m in range(k - 1)
            ):
                continue
            words = sorted((t for st in group for t in st), key=lambda t: (t[0], t[1].x0))
            texts = [w.text for _, w in words]
            match = COLUMNS.match_words(texts)
            if match is not None and match.n_words < len(texts):
                # an English half on the line below, without a slash ("Mal / Hizmet" over
                # "Description")
                below = words[match.n_words][0] > words[match.n_words - 1][0]
                rest = texts[match.n_words :]
                # "İskonto % / Discount %": the English half's own % mark, wrapped alone
                marks = all(t.strip("()") == "%" for t in rest)
                if k == 1 and (marks or (below and english_words(rest))):
                    match = dataclasses.replace(match, n_words=len(texts))
            if (
                match is not None
                and match.score >= 0.88
                and match.n_words == len(texts)
                and _balanced(texts)
            ):
                best = (k, match.field)
                break
        if best is None:
            i += 1
            continue
        k, name = best
        ws = [w for st in stacks[i : i + k] for _, w in st]
        used += len(ws)
        columns.append(Column(name, min(w.x0 for w in ws), max(w.x1 for w in ws)))
        i += k
    total = sum(len(st) for st in stacks)
    if not total or used < 0.65 * total:
        return []
    return _merged_code_and_text(columns, stacks)


_HEADING_JOINS = ("/", "-", "–")


def _merged_code_and_text(
    columns: list[Column], stacks: list[list[tuple[int, Word]]]
) -> list[Column]:
    """One column where one cell's heading names the code and the text ("Kod / Açıklama",
    "Stok Kodu - Ürün Adı"): the cells below print both, the code first ("HZM00123 -
    Laminat", or the code over the text). The two names sit a word space apart with a
    joining mark between them; headings of two cells are a cell's padding apart."""
    if not any(c.field == "stock_code" for c in columns):
        return columns  # most bands: nothing to join, so no word list is built
    words = [w for st in stacks for _, w in st]
    out: list[Column] = []
    for column in columns:
        before = out[-1] if out else None
        if before is not None and before.field == "stock_code" and column.field == "description":
            inside = [w for w in words if before.x0 <= w.x0 and w.x1 <= column.x1]
            height = max((w.height for w in inside), default=0.0)
            joined = any(w.text in _HEADING_JOINS for w in inside)
            # the mark between the names ("Stok Kodu - Ürün Adı"), a word space each side
            gap = [w for w in inside if w.x0 >= before.x1 - 1 and w.x1 <= column.x0 + 1]
            mark = max((w.x1 - w.x0 for w in gap), default=0.0)
            between = bool(gap) and all(w.text in _HEADING_JOINS for w in gap)
            if (joined and column.x0 - before.x1 < 0.45 * height) or (
                between and column.x0 - before.x1 - mark < 0.9 * height
            ):
                out[-1] = Column("description", before.x0, column.x1)
                continue
        out.append(column)
    return out


def _balanced(texts: list[str]) -> bool:
    """Whether a label's brackets close: "Toplam (KDV" is a label wrapped onto the next line,
    not a "KDV" column."""
    joined = "".join(texts)
    return joined.count("(") == joined.count(")")


def _mostly_labels(line: Line, columns: list[Column]) -> bool:
    """Whether at least half the words of ``line`` lie inside matched columns: a header
    line, not the first row's description glossed as an English label half."""
    inside = sum(any(c.x0 <= w.x0 and w.x1 <= c.x1 for c in columns) for w in line.words)
    return 2 * inside >= len(line.words)


def _is_header(columns: list[Column]) -> bool:
    fields = {c.field for c in columns}
    # a header whose first labels were lost (OCR on a shaded row) still counts with five
    return (
        len(columns) >= 3
        and bool(fields & {"amount", "gross", "unit_price"})
        and (bool(fields & {"description", "quantity"}) or len(fields) >= 5)
    )


def find_header(lines: list[Line], start: int = 0) -> Header | None:
    """The first header band at or after ``start``; the widest reading wins (wrapped labels)."""
    # what the bands starting at each line ask of their lines, worked out once a line
    numbers: dict[int, int] = {}
    form: dict[int, bool] = {}

    def numeric(i: int) -> int:
        if i not in numbers:
            numbers[i] = _numeric_words(lines[i : i + 1])
        return numbers[i]

    def key_value(i: int) -> bool:
        if i not in form:
            form[i] = has_key_value(lines[i])
        return form[i]

    for li in range(start, len(lines)):
        if not any(c.isalpha() for w in lines[li].words for c in w.text):
            continue  # a rule read as "—" over the labels starts no header
        best: tuple[list[Column], int] | None = None
        for size in range(1, 6):
            band = lines[li : li + size]
            if (
                len(band) < size
                or sum(numeric(i) for i in range(li, li + size)) > 1
                or key_value(li + size - 1)
            ):
                break
            if size > 1 and numeric(li + size - 1):
                break  # a number under the labels is the first row ("155,8" over its unit)
            # the band's line height: its median line's, so a short first line (a lone
            # "Mal" over "Hizmet Tutarı", OCR's line boxes on a photo) does not cut it short
            height = median(ln.height for ln in band)
            if band[-1].y1 - band[0].y0 > 4.5 * height:
                break
            if size > 1 and band[-1].y0 - band[-2].y1 > 0.8 * height:
                break  # a header's lines sit close together
            columns = _match_stacks(_stacks(band))
            # the reading that names the most distinct fields wins; ties go to the wider band
            # when the line it adds is mostly label words
            if _is_header(columns) and (
                best is None
                or (
                    len({c.field for c in columns}) >= len({c.field for c in best[0]})
                    and _mostly_labels(band[-1], columns)
                )
            ):
                best = (columns, size)
        if best is not None:
            last = _english_halves_end(lines, li + best[1] - 1)
            columns = _resolve_fields(best[0])
            below = lines[last + 1 : last + 1 + _UNREAD_ROWS]
            columns = sorted(
                columns + _unread_amount(columns, below) + _unread_rate(columns, below),
                key=lambda c: c.x0,
            )
            return Header(columns, li, last)
    return None


#: how many lines under a header show where a column whose label was not read is
_UNREAD_ROWS = 6


def _unread_amount(columns: list[Column], below: list[Line]) -> list[Column]:
    """The line-amount column when its label was not read (OCR of a blurred or shaded
    header: "Mal Hizmet Tutarı" as "Tari"), or nothing: a column of amounts right of every
    matched label in the rows under the header. A table's last column is its lines'
    amount; the totals' arithmetic checks what is read there."""
    if any(c.field in ("amount", "gross") for c in columns):
        return []
    right = max(c.x1 for c in columns)
    return _column_of("amount", below, lambda w: w.x0 > right and bool(_AMOUNT.match(w.text)))


def _unread_rate(columns: list[Column], below: list[Line]) -> list[Column]:
    """The KDV rate column when its label was not read ("KDV Oranı" as "Oram"), or
    nothing: percentages ("%10,00") in the rows under the header, outside every matched
    column and right before the KDV amount's column, where designs print the rate."""
    fields = [c.field for c in columns]
    if "kdv_rate" in fields or "kdv_amount" not in fields:
        return []
    at = fields.index("kdv_amount")
    left = columns[at - 1].x1 if at else 0.0
    right = columns[at].x0
    return _column_of(
        "kdv_rate", below, lambda w: left < w.x0 and w.x1 <= right and bool(_RATE.match(w.text))
    )


def _column_of(field: str, below: list[Line], fits: Callable[[Word], bool]) -> list[Column]:
    """A column named ``field`` over the words that ``fits`` in two rows or more."""
    found = [w for line in below for w in line.words if fits(w)]
    if len({round(w.y0) for w in found}) < 2:
        return []
    return [Column(field, min(w.x0 for w in found), max(w.x1 for w in found))]


# the words of column labels and of their English halves ("Ürün Adı / Item Name")
_HEADER_WORDS = COLUMNS.words() | frozenset(
    "item items name code description desc quantity qty unit price discount vat rate amount "
    "net gross total note notes no tax taxes goods services service other line of and".split()
)


def _english_halves_end(lines: list[Line], last: int) -> int:
    """The header band's last line, taken on over the lines right under it that hold only
    label words wrapped there, English halves above all ("Item Code  Quantity  Unit
    Price" / "Hizmet Item" / "Name"): they are no row's text."""
    while last + 1 < len(lines):
        line, above = lines[last + 1], lines[last]
        if line.page != above.page or line.y0 - above.y1 > 0.8 * above.height:
            break
        words = [fold(w.text).strip("/%()-:.") for w in line.words]
        if not all(w in _HEADER_WORDS for w in words if w):
            break
        last += 1
    return last


def _resolve_fields(columns: list[Column]) -> list[Column]:
    fields = [c.field for c in columns]
    if "amount" not in fields and "gross" in fields:
        next(c for c in columns if c.field == "gross").field = "amount"
    merged: list[Column] = []
    for col in sorted(columns, key=lambda c: c.x0):
        if merged and merged[-1].field == col.field:  # "Mal Hizmet" + "Cinsi": one column
            merged[-1].x1 = max(merged[-1].x1, col.x1)
        else:
            merged.append(col)
    if not any(c.field == "description" for c in merged):
        # the description label was not read: the text left of the first number column
        first_numeric = min((c.x0 for c in merged if c.field in NUMERIC), default=0.0)
        merged.insert(0, Column("description", max(0.0, first_numeric * 0.3), first_numeric * 0.6))
    return merged


def has_key_value(line: Line) -> bool:
    """ "Label: value" text: a form line, never a table header."""
    return any(w.text.endswith(":") or ":" in w.text[1:-1] for w in line.words)


def _numeric_words(lines: list[Line]) -> int:
    return sum(1 for ln in lines for w in ln.words if _is_number(w.text))


_is_number = is_number


_MARKS = {"%", "₺", "€", "$", "£", "tl", "try", "eur", "usd", "gbp", "chf"}


def _is_numeric_token(text: str) -> bool:
    """A number, or a currency or percent mark printed apart from its number."""
    return _is_number(text) or text.strip().lower() in _MARKS


# -- body --------------------------------------------------------------------------------------


def _is_stop(line: Line, columns: list[Column] | None = None) -> bool:
    """Whether ``line`` ends the table: a totals label or the amount in words.

    A label printed inside a text column of the table ("KDV TEVKİFAT (%50)=…" in
    a "Diğer Vergiler" cell) is a cell, not the totals box.
    """
    if any(IN_WORDS.match(fold(w.text)) for w in line.words[:1]) or _opens_words(line):
        return True
    if _kdv_heading(line):
        return True
    segments = line.segments()
    for si, seg in enumerate(segments):
        match = TOTALS.match_words([w.text for w in seg.words])
        if match is None or match.score < 0.9 or match.field == "ignore":
            continue
        centre = (seg.x0 + seg.x1) / 2
        # the cell may be wider than its centred header label: on an item row (figures
        # left of it), or as a withholding cell's "KDV TEVKİFAT (%50,00)=0,46" (a middle-
        # aligned row's figures sit on the next line), a label centred under a text column
        # is that column's cell
        row_figures = sum(1 for s in segments[:si] for w in s.words if _is_number(w.text))
        in_cell = row_figures >= 2 or (match.field == "withholding" and "=" in seg.text)
        if any(
            c.field in _TEXT_CELLS
            and (c.x0 - seg.height <= seg.x0 < c.x1 or (in_cell and c.x0 <= centre <= c.x1))
            for c in columns or ()
        ):
            continue
        # numbers from the label on (an IBAN before it does not count): 1-2 is a total,
        # 3 or more is an item row whose description happens to start like a label
        numbers = sum(1 for s in segments[si:] for w in s.words if _is_number(w.text))
        if 1 <= numbers < 3 and not (
            _lone_discount_word(seg) and _under_discounts(segments[si:], columns)
        ):
            return True
        if (
            not numbers
            and len(segments) == 1
            and match.n_words == len(seg.words)
            and match.field in _SURE_TOTALS
        ):
            return True  # "Genel Toplam" alone: the totals box's heading, its rows below
    return False


def _under_discounts(segments: list[Run], columns: list[Column] | None) -> bool:
    """Every figure after a label sits under the item table's discount columns ("İndirim
    %20,00 740,41TL" under a row, the discount named in its name cell): the row's
    discount line, not a total (a total's figures sit under the amounts, or in a box)."""
    spans = [c for c in columns or () if c.field in ("discount", "discount_rate")]
    figures = [w for s in segments for w in s.words if _is_number(w.text)]
    return bool(spans and figures) and all(
        any(c.x0 - w.height <= (w.x0 + w.x1) / 2 <= c.x1 + w.height for c in spans) for w in figures
    )


def _lone_discount_word(seg: Run) -> bool:
    """The label is one discount word ("İndirim", not "Toplam İndirim" or "Mal Hizmet
    Toplamı"): only such a line can be a row's discount line printed under it; a totals
    line whose figures happen to fall under the discount columns still ends the table."""
    label = [w for w in seg.words if not _is_numeric_token(w.text)]
    return len(label) == 1 and bool(_DISCOUNT_WORD.match(fold(label[0].text).rstrip(":")))


_SURE_TOTALS = frozenset({"total_with_taxes", "payable_amount", "subtotal"})


def _opens_words(line: Line) -> bool:
    """Whether ``line`` holds the amount in words after a label ("Yazı ile / In words:
    Yalnız Altmış …"), wherever on the line: "Yalnız" and two words that are number words
    (a description's "yalnız bir adet" is not)."""
    texts = [w.text for w in line.words if not is_punctuation(w.text)]
    return any(
        IN_WORDS.match(fold(t)) and words_to_number(" ".join(texts[i + 1 : i + 3])) is not None
        for i, t in enumerate(texts)
    )


def _kdv_heading(line: Line) -> bool:
    """A KDV breakdown's header ("KDV Oranı | KDV Matrahı | KDV Tutarı") below the items:
    KDV and its base (matrah) named on a line without figures (an item table's header
    wrapped into the body, "VAT % | VAT Amount", names no base)."""
    folded = fold(line.text)
    if folded.strip(" :") in _TAX_SECTIONS:
        return True  # "VERGİ BİLGİLERİ": the breakdown's section heading
    return not any(ch.isdigit() for ch in folded) and bool(_BREAKDOWN_HEAD.search(folded))


# the base named "Matrah" beside KDV, or "Vergilendirilecek Tutar" (UBL's TaxableAmount)
_BREAKDOWN_HEAD = re.compile(r"\b(kdv|k\.d\.v\.?|vat)\b.*\bmatrah|\bvergilendirilecek\b")
_TAX_SECTIONS = frozenset(
    {"vergi bilgileri", "vergi detaylari", "kdv bilgileri", "tax information", "tax details"}
)


def _cells_of(line: Line) -> list[Run]:
    """Runs of words at word spacing: "4 MP", "1 Ay" and "4,00 Adet" stay whole.

    A currency or percent mark standing apart ("254,00   TL", spaced wider by OCR
    than the text layer would) belongs to the number on its left; not to a wrapped
    description that ends in a word ("14 gündür" … "₺" of the amount, wrapped under it
    at the far end of the line: glued, one run would span the table).
    """
    runs: list[Run] = []
    for run in line.segments(gap_factor=0.3):
        marks_only = all(w.text.strip().lower() in _MARKS for w in run.words)
        # a currency near it: one far off is another cell's, wrapped under its own figure
        near = bool(runs) and (
            run.x0 - runs[-1].x1 <= 3 * line.height or any(w.text == "%" for w in run.words)
        )
        if marks_only and near and _numeric_run(runs[-1]) and _is_number(runs[-1].words[-1].text):
            runs[-1] = Run(run.page, runs[-1].words + run.words)
        else:
            runs.append(run)
    return runs


def _numeric_run(run: Run) -> bool:
    """A cell of figures: numbers and marks, each perhaps followed by a short word (its
    unit or currency). A percentage followed by a word that is no unit is a phrase of a
    wrapped description ("%100 pamuk", "%50 indirimli"), never a figure cell."""
    words = run.words
    if (
        len(words) > 1
        and words[0].text.startswith("%")
        and not all(_is_numeric_token(w.text) or is_unit(w.text) for w in words[1:])
    ):
        return False
    return any(_is_number(w.text) for w in words) and all(
        _is_numeric_token(w.text) or (len(w.text) <= 8 and w.text.isalpha() and i > 0)
        for i, w in enumerate(words)
    )


@dataclass
class River:
    """A horizontal band of the body covered by cells: one body column."""

    x0: float
    x1: float
    numeric: bool
    runs: list[Run]


def _numeric_river(runs: list[Run], columns: list[Column]) -> bool:
    """A column of numbers when most of its cells are numbers: one description that is
    all figures and units ("9 mm kalibre" wrapped to its own line) must not turn the
    description column numeric and shift every cell to its right. A tie goes by the
    header above it (its columns all of one kind), else numeric."""
    numbers = sum(1 for run in runs if _numeric_run(run))
    if numbers * 2 != len(runs):
        return numbers * 2 > len(runs)
    x0, x1 = min(r.x0 for r in runs), max(r.x1 for r in runs)
    kinds = {c.field in NUMERIC for c in columns if min(x1, c.x1) - max(x0, c.x0) > 0}
    return kinds != {False}


def _rivers(runs: list[Run], height: float, columns: list[Column]) -> list[River]:
    """Horizontal intervals covered by the body's cells, merged: the body's columns.

    Text rivers a word-space apart are one text column whose rows happened to
    leave a gap (few wrapped descriptions); numbers never merge that way. A
    text river whose cells start at two recurring left edges is two columns
    (a stock code and a description printed close together).
    """
    merged: list[River] = []
    for run in sorted(runs, key=lambda r: r.x0):
        if merged and run.x0 <= merged[-1].x1 + 0.5:
            last = merged[-1]
            last.x1 = max(last.x1, run.x1)
            last.runs.append(run)
        else:
            merged.append(River(run.x0, run.x1, False, [run]))
    for river in merged:
        river.numeric = _numeric_river(river.runs, columns)
    joined: list[River] = []
    for river in merged:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not river.numeric
            and not last.numeric
            and river.x0 - last.x1 <= 0.5 * height
        ):
            last.x1 = river.x1
            last.runs += river.runs
        else:
            joined.append(river)
    return [part for river in joined for part in _split_by_left_edges(river)]


def _split_by_left_edges(river: River) -> list[River]:
    if river.numeric or len(river.runs) < 4:
        return [river]
    starts = sorted(r.x0 for r in river.runs)
    clusters: list[list[float]] = [[starts[0]]]
    for x in starts[1:]:
        if x - clusters[-1][-1] <= 1.0:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    edges = [c[0] for c in clusters if len(c) >= 2]
    if len(edges) < 2:
        return [river]
    parts: list[River] = []
    for edge, nxt in zip(edges, [*edges[1:], float("inf")], strict=True):
        members = [r for r in river.runs if edge - 0.5 <= r.x0 < nxt - 0.5]
        if members:
            parts.append(
                River(min(r.x0 for r in members), max(r.x1 for r in members), False, members)
            )
    stray = [r for r in river.runs if r.x0 < edges[0] - 0.5]
    if stray:
        parts[0].runs += stray
        parts[0].x0 = min(parts[0].x0, *(r.x0 for r in stray))
    return parts


def _assign(lines: list[Line], columns: list[Column]) -> list[dict[str, list[Word]]]:
    """Cells of every body line: header field -> words."""
    per_line = [_split_rate_runs(_split_quantity_runs(_cells_of(line), columns)) for line in lines]
    per_line = _split_at_edges(per_line, columns)
    height = min(line.height for line in lines)
    rivers = _rivers([r for runs in per_line for r in runs], height, columns)
    field_of: dict[int, str | None] = {}
    for river in rivers:
        overlapping = {c.field for c in columns if min(river.x1, c.x1) - max(river.x0, c.x0) > 0}
        # under exactly one header: that column; under several: decided cell by cell
        field_of[id(river)] = overlapping.pop() if len(overlapping) == 1 else None
        if _unit_river(river, field_of[id(river)], columns):
            field_of[id(river)] = "unit"
    _by_rank(rivers, columns, field_of)
    claimed = {f for f in field_of.values() if f is not None}
    for river in rivers:  # under no header: the nearest free column of its kind
        overlapping = [c for c in columns if min(river.x1, c.x1) - max(river.x0, c.x0) > 0]
        if not overlapping and field_of.get(id(river)) is None:
            if not river.numeric and all(_currency_mark(r) for r in river.runs):
                # "USD" wrapped under its amount ("239,30" / "USD" in a narrow cell):
                # the amount's currency, never a description's last word
                field_of[id(river)] = _CURRENCY_MARK
                continue
            kind = [c for c in columns if (c.field in NUMERIC) == river.numeric] or columns
            free = [c for c in kind if c.field not in claimed] or kind
            nearest = min(free, key=lambda c: min(abs(c.x0 - river.x1), abs(river.x0 - c.x1)))
            field_of[id(river)] = nearest.field
            claimed.add(nearest.field)
    river_of = {id(run): river for river in rivers for run in river.runs}
    rows = []
    for runs in per_line:
        cells: dict[str, list[Word]] = {}
        for whole in runs:
            name = field_of[id(river_of[id(whole)])]
            for run in _numbers_apart(whole, columns) if name is None else (whole,):
                _place(cells, run, name, columns)
        rows.append(cells)
    return rows


def _numbers_apart(run: Run, columns: list[Column]) -> tuple[Run, ...]:
    """A run of figures under two number columns ("11 18.779,62": a quantity cell flush
    against its price) cut where its words' centres change column."""
    words = run.words
    if len(words) < 2 or not all(_is_number(w.text) for w in words):
        return (run,)
    named = [_column_at(w, columns) for w in words]
    if any(n not in NUMERIC for n in named):
        return (run,)
    parts: list[list[Word]] = [[words[0]]]
    for i in range(1, len(words)):
        if named[i] != named[i - 1]:
            parts.append([])
        parts[-1].append(words[i])
    return tuple(Run(run.page, tuple(p)) for p in parts)


def _place(cells: dict[str, list[Word]], run: Run, name: str | None, columns: list[Column]) -> None:
    """Put ``run`` into its cell: ``name`` (its river's column) or, for a river under
    several headers, the column nearest the run."""
    if name is None and _unit_or_currency(run, columns):
        # "KG" / "Saat TL" wrapped under a quantity and its price in a river that spans
        # both number columns: the quantity's unit and the price's currency, never a
        # line of the description beside them
        units = [w for w in run.words if is_unit(w.text)]
        if units:
            cells.setdefault("unit", []).extend(units)
        return
    name = name or _nearest_column(run, columns)
    if name == _CURRENCY_MARK:
        return
    if name in ("stock_code", "description") and "stock_code" in {c.field for c in columns}:
        run = _unglue_code(run)
    code = _leading_code(run, name, columns)
    if code is not None:  # "MLZ66871 Ekmek (somun)": a stock code glued to its text
        cells.setdefault("stock_code", []).append(code)
        cells.setdefault(_LEAD_CODE, []).append(code)  # settled once rows are known
        run = Run(run.page, run.words[1:])
        name = "description"
    cells.setdefault(name, []).extend(run.words)


def _unit_or_currency(run: Run, columns: list[Column]) -> bool:
    """A run of units and currency marks only ("KG", "Saat TL") under number columns
    alone: no text column's header reaches over it."""
    words = run.words
    if not all(is_unit(w.text) or _currency_mark(Run(run.page, (w,))) for w in words):
        return False
    over = [c for c in columns if min(run.x1, c.x1) - max(run.x0, c.x0) > 0]
    return bool(over) and all(c.field in NUMERIC for c in over)


def _unit_river(river: River, field: str | None, columns: list[Column]) -> bool:
    """Units alone ("Kg", "Adet") printed under a number column's header, in a table
    that names no unit column: the unit written beside the quantity under the "BİRİM"
    of "BİRİM FİYATI", not a word of the unit price."""
    return (
        field in NUMERIC
        and not river.numeric
        and all(c.field != "unit" for c in columns)
        and all(is_unit(w.text) for run in river.runs for w in run.words)
    )


_CURRENCY_MARK = "currency_mark"
_CURRENCY_TOKENS = frozenset({"TL", "₺", "$", "€", "£"})


def _currency_mark(run: Run) -> bool:
    return all(w.text.upper() in ISO_CURRENCIES or w.text in _CURRENCY_TOKENS for w in run.words)


def _by_rank(rivers: list[River], columns: list[Column], field_of: dict[int, str | None]) -> None:
    """Numbers under the wrong header (right-aligned cells in columns wider than their
    labels) are mapped by order instead: when the body has as many number columns as
    the header names and the overlap mapping is not one to one, the k-th number column
    from the left is the k-th numeric header."""
    numeric_rivers = [r for r in rivers if r.numeric]
    numeric_cols = sorted((c for c in columns if c.field in NUMERIC), key=lambda c: c.x0)
    if not numeric_rivers or len(numeric_rivers) != len(numeric_cols):
        return
    mapped = [field_of.get(id(r)) for r in numeric_rivers]
    if None not in mapped and len(set(mapped)) == len(mapped):
        return
    if any(r.x1 < c.x0 for r, c in zip(numeric_rivers, numeric_cols, strict=True)):
        return  # a number column left of its header's start is not a shifted cell
    for river, col in zip(numeric_rivers, numeric_cols, strict=True):
        field_of[id(river)] = col.field


def _split_quantity_runs(runs: list[Run], columns: list[Column]) -> list[Run]:
    """Cut "8,00 Ay Bahçe bakım hizmeti" (a right-aligned quantity cell printed close to
    the description cell) into the quantity with its unit and the text, when the run
    starts under the quantity column and runs on under the description column."""
    qty = next((c for c in columns if c.field == "quantity"), None)
    desc = next((c for c in columns if c.field == "description"), None)
    if qty is None or desc is None or qty.x0 >= desc.x0:
        return runs
    out: list[Run] = []
    for run in runs:
        words = run.words
        cut = 1 if len(words) >= 2 and _is_number(words[0].text) else 0
        if cut and is_unit(words[1].text):
            cut = 2
        if (
            cut
            and len(words) > cut
            and words[0].x0 < desc.x0
            and words[-1].x1 > desc.x0
            and not any(_is_number(w.text) for w in words[cut : cut + 1])
        ):
            out += [Run(run.page, words[:cut]), Run(run.page, words[cut:])]
        else:
            out.append(run)
    return out


_RATE = re.compile(r"^%\d+(?:[.,]\d+)?$")


def _split_rate_runs(runs: list[Run]) -> list[Run]:
    """Cut "% 20 13.488,67 TL" (a rate cell printed close to the amount after it) into
    the rate and the amount: a rate is the whole of its cell, never followed by a figure."""
    out: list[Run] = []
    for run in runs:
        texts = [w.text for w in run.words]
        cut = 0
        if len(texts) >= 3 and texts[0] == "%" and _is_number(texts[1]):
            cut = 2
        elif len(texts) >= 2 and _RATE.match(texts[0]):
            cut = 1
        if cut and _is_number(texts[cut]):
            out += [Run(run.page, run.words[:cut]), Run(run.page, run.words[cut:])]
        else:
            out.append(run)
    return out


_AMOUNT = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$")


def _column_at(word: Word, columns: list[Column]) -> str:
    """The header column nearest the word's centre, of any kind."""
    centre = (word.x0 + word.x1) / 2
    return min(
        columns,
        key=lambda c: (
            0.0 if c.x0 <= centre <= c.x1 else min(abs(c.x0 - centre), abs(centre - c.x1))
        ),
    ).field


def _split_at_edges(per_line: list[list[Run]], columns: list[Column]) -> list[list[Run]]:
    """Cut runs where a text cell ends flush against the next one ("KDV TEVKİFAT" right-
    aligned in Diğer Vergiler up to a left-aligned "106.011,94"): between a word nearest a
    text-cell column and an amount nearest another column, when the amount starts at a
    left edge that words of other body lines share (the next column's cells)."""
    starts: dict[int, set[int]] = {}
    for li, runs in enumerate(per_line):
        for run in runs:
            for word in run.words:
                starts.setdefault(round(word.x0), set()).add(li)

    def shared(x: float, li: int) -> bool:
        lines = set().union(*(starts.get(round(x) + d, set()) for d in (-1, 0, 1)))
        return len(lines - {li}) >= 2

    out: list[list[Run]] = []
    for li, runs in enumerate(per_line):
        cut_runs: list[Run] = []
        for run in runs:
            words = list(run.words)
            piece: list[Word] = [words[0]]
            for left, right in itertools.pairwise(words):
                if (
                    _AMOUNT.match(right.text)
                    and left.text.lower() not in _MARKS
                    and _column_at(left, columns) in _TEXT_CELLS
                    and _column_at(right, columns) not in _TEXT_CELLS
                    and shared(right.x0, li)
                ):
                    cut_runs.append(Run(run.page, tuple(piece)))
                    piece = []
                piece.append(right)
            cut_runs.append(Run(run.page, tuple(piece)))
        out.append(cut_runs)
    return out


# a stock code: a few capitals then at least four digits ("MLZ66910", "STK-0042")
_CODE_IN_TEXT = re.compile(r"^\[?[A-Z]{2,5}-?\d{4,8}\]?$")
_CODE = re.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9._/-]{2,}$")


def _leading_code(run: Run, name: str, columns: list[Column]) -> Word | None:
    """The stock code at the start of a run that also holds the description, if any."""
    fields = {c.field for c in columns}
    if not {"stock_code", "description"} <= fields or name not in ("stock_code", "description"):
        return None
    first = run.words[0].text
    # a bare number is a description's own start ("4000 K, teslimat …") as often as a code
    if len(run.words) > 1 and _CODE.match(first) and not first.isdigit():
        return run.words[0]
    return None


# a code printed glued to the item's name ("HZM91856Laminat"): capitals, four or more
# digits, then a capitalised word
_GLUED_CODE = re.compile(r"^([A-Z]{2,5}-?\d{4,8})([A-ZÇĞİÖŞÜ][a-zçğıöşü].*)$")


def _unglue_code(run: Run) -> Run:
    """``run`` with a stock code glued to its first word split off as a word of its own."""
    m = _GLUED_CODE.match(run.words[0].text)
    if m is None:
        return run
    word = run.words[0]
    (x0, y0, x1, y1), cut = word.bbox, len(m.group(1)) / len(word.text)
    at = x0 + (x1 - x0) * cut
    code = dataclasses.replace(word, text=m.group(1), bbox=(x0, y0, at, y1))
    text = dataclasses.replace(word, text=m.group(2), bbox=(at, y0, x1, y1))
    return Run(run.page, (code, text, *run.words[1:]))


def _nearest_column(run: Run, columns: list[Column]) -> str:
    numeric = _numeric_run(run)
    kinds = [c for c in columns if (c.field in NUMERIC) == numeric] or columns

    def distance(c: Column) -> float:
        overlap = min(run.x1, c.x1) - max(run.x0, c.x0)
        if overlap > 0:
            return -overlap
        return min(abs(c.x0 - run.x1), abs(run.x0 - c.x1))

    return min(kinds, key=distance).field


def read_table(pages: list[list[Line]], first_header: Header | None = None) -> TableRead:
    """Items of the first line-item table in ``pages`` (lines per page); ``first_header``:
    the first page's header when the caller found it already (``find_header``)."""
    header_seen = discount_column = False
    items: list[Item] = []
    end_page, end_y = 1, 0.0
    columns: list[Column] = []
    ended = "page"
    for number, page_lines in enumerate(pages):
        if not page_lines:
            continue
        header = first_header if number == 0 and first_header else find_header(page_lines)
        if header is None:
            if not header_seen:
                continue
            # the rows run on onto a page that repeats no header (a plain HTML table
            # printed over a page break): read them in the columns of the last header
            first = _continued_rows(page_lines, columns) if ended == "page" else None
            if first is None:
                break  # the table did not continue onto this page
            body, ended = _body(page_lines[first:], columns, page_lines[first].y0)
        else:
            header_seen = True
            columns = header.columns
            discount_column = discount_column or any(
                c.field in ("discount", "discount_rate") for c in header.columns
            )
            last = page_lines[header.last_line]
            end_page, end_y = last.page, last.y1
            body, ended = _body(page_lines[header.last_line + 1 :], columns, end_y)
        if body:
            end_page, end_y = body[-1].page, body[-1].y1
            items += _group(*_merge_overlapping(body, _assign(body, columns)), items)
        if ended == "stop":
            break
    if not header_seen:
        return TableRead([], 1, 0.0, False)
    items = move_straddling_figures(join_split_rows(items), _glue_broken_number)
    read = [f for it in items if (f := _item_fields(it))]
    for fields in read:
        _decimal_point_quantity(fields)
    _price_and_amount_by_arithmetic(read)
    _net_of_printed_discounts(read)
    for fields in read:
        _mend_by_arithmetic(fields)
    for fields in read:
        _line_discount(fields, discount_column)
    return TableRead(read, end_page, end_y, True)


def _net_of_printed_discounts(rows: list[dict[str, Found]]) -> None:
    """Line amounts printed before their discounts ("Tutar" = quantity × unit price, the
    discount in a column of its own, taken off in the totals), made net of them, as the
    record's line amount is: only where every row's arithmetic says so (quantity × price
    is the printed amount on every row, and some row prints a discount amount), so a
    single wrong amount is still the line check's."""
    discounted, told = [], False
    for fields in rows:
        if not all(k in fields for k in ("quantity", "unit_price", "amount")):
            return
        qty, price, amount = (fields[k].value for k in ("quantity", "unit_price", "amount"))
        if not all(isinstance(v, Decimal) for v in (qty, price, amount)):
            return
        gross = qty * price
        slack = product_tolerance(qty, price)
        if abs(gross - amount) > slack:
            return
        discount = fields["discount"].value if "discount" in fields else None
        if isinstance(discount, Decimal) and discount > 0:
            discounted.append((fields, discount))
            # a discount inside the rounding slack fits the net reading too: such a row
            # cannot say which the design prints
            told = told or abs(gross - discount - amount) > slack
    if not told:
        return
    for fields, discount in discounted:
        before = fields["amount"]
        fields["amount"] = Found(before.value - discount, before.runs, 0.8, derived=True)


# "124.974": a point before three digits, thousands by Turkish convention; a design that
# prints UBL's quantity as it is puts a decimal point there
_POINT_THOUSANDS = re.compile(r"^\d{1,3}\.\d{3}$")


def _decimal_point_quantity(fields: dict[str, Found]) -> None:
    """Read a quantity printed as "124.974" with a decimal point where the row's
    arithmetic says so: quantity × one of the row's figures (unit price or amount), less
    the discount, is the other with the point read as a decimal point, and not with it
    read as a thousands separator (a design printing UBL's value as it is)."""
    qty = fields.get("quantity")
    if qty is None or not all(k in fields for k in ("unit_price", "amount")):
        return
    # the figure the quantity was read from ("149.051" of "149.051 KG")
    text = next((w.text for r in qty.runs for w in r.words if parse_number(w.text) is not None), "")
    if not _POINT_THOUSANDS.match(text):
        return
    price, amount = fields["unit_price"].value, fields["amount"].value
    discount = fields["discount"].value if "discount" in fields else Decimal(0)
    if not all(isinstance(v, Decimal) for v in (price, amount, discount)):
        return

    def fits(q: Decimal) -> bool:
        return any(
            abs(q * a - discount - b) <= product_tolerance(q, a)
            for a, b in ((price, amount), (amount, price))
        )

    point = Decimal(text)
    if fits(point) and not fits(qty.value):
        fields["quantity"] = Found(point, qty.runs, qty.score)


def _price_and_amount_by_arithmetic(rows: list[dict[str, Found]]) -> None:
    """Swap the unit price and the amount where the columns' arithmetic says their labels
    name them loosely ("Fiyat" over the line's amount, the unit price under a last
    column): no row with a quantity other than one fits the labels (quantity × unit
    price, less the line's discount, is the amount), and the rows where quantity × the
    figure read as the amount, less the discount, is the figure read as the unit price
    outnumber those that fit neither way (a quantity misread)."""
    tested = neither = 0
    for fields in rows:
        if not all(k in fields for k in ("quantity", "unit_price", "amount")):
            return
        qty, price, amount = (fields[k].value for k in ("quantity", "unit_price", "amount"))
        discount = fields["discount"].value if "discount" in fields else Decimal(0)
        if not all(isinstance(v, Decimal) for v in (qty, price, amount, discount)):
            return
        if qty in (0, 1):
            continue
        if abs(qty * price - discount - amount) <= product_tolerance(qty, price):
            return
        if abs(qty * amount - discount - price) > product_tolerance(qty, amount):
            neither += 1
            continue
        tested += 1
    if tested <= neither:
        return
    for fields in rows:
        fields["unit_price"], fields["amount"] = fields["amount"], fields["unit_price"]


def _digits(value: Decimal) -> str:
    return "".join(ch for ch in f"{value:.2f}" if ch.isdigit()).lstrip("0") or "0"


def _near_digits(read: str, meant: str) -> bool:
    """Whether ``read`` is what OCR makes of ``meant``: one digit dropped, added or misread,
    or the start of it alone (a number wrapped in its cell, its last line lost)."""
    if read == meant or len(meant) < 3:
        return False
    if len(read) >= 3 and meant.startswith(read):
        return True
    if abs(len(read) - len(meant)) > 1:
        return False
    if len(read) == len(meant):
        return sum(a != b for a, b in zip(read, meant, strict=True)) == 1
    short, long_ = sorted((read, meant), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _mend_by_arithmetic(fields: dict[str, Found]) -> None:
    """On an OCR-read row whose quantity × unit price − discount is not its amount, or
    whose amount × KDV rate is not its KDV amount: the one figure that OCR read near what
    the others make (``_near_digits``: "4490,44" for 44.490,44, "2.51" for a wrapped
    2.515,00) is read as that. Only when exactly one figure of the row is so near (or, of
    the unit price and the amount, the line's KDV amount agrees with one reading), so the
    arithmetic mends a misread and never picks between two readings."""
    if not ocr_read(w for f in fields.values() for r in f.runs for w in r.words):
        return
    value = {k: f.value for k, f in fields.items() if isinstance(f.value, Decimal)}
    qty, price, amount = value.get("quantity"), value.get("unit_price"), value.get("amount")
    discount = value.get("discount", Decimal(0))
    if (
        qty and price is not None and amount is not None and qty > 0
        and abs(qty * price - discount - amount) > product_tolerance(qty, price)
    ):  # fmt: skip
        meant = {
            "amount": (qty * price - discount).quantize(CENT),
            "unit_price": ((amount + discount) / qty).quantize(CENT),
        }
        near = [k for k, v in meant.items() if _near_digits(_digits(value[k]), _digits(v))]
        kdv, rate = value.get("kdv_amount"), value.get("kdv_rate")
        if len(near) == 2 and kdv is not None and rate is not None and 0 < rate < 100:
            # both near: the line's KDV amount says which amount the row has
            near = [k for k, v in (("amount", meant["amount"]), ("unit_price", amount))
                    if abs(v * rate / 100 - kdv) <= KDV_SLACK]  # fmt: skip
        # a unit price is mended only to one that makes the amount exactly
        exact = meant["unit_price"] * qty - discount == amount
        if len(near) == 1 and (near[0] == "amount" or exact):
            name = near[0]
            fields[name] = Found(meant[name], fields[name].runs, fields[name].score * 0.9)
            value[name] = meant[name]
    amount, kdv, rate = value.get("amount"), value.get("kdv_amount"), value.get("kdv_rate")
    if amount is not None and kdv is not None and rate is not None and 0 < rate < 100:
        meant_kdv = (amount * rate / 100).quantize(CENT)
        if abs(meant_kdv - kdv) > CENT and _near_digits(_digits(kdv), _digits(meant_kdv)):
            fields["kdv_amount"] = Found(meant_kdv, fields["kdv_amount"].runs,
                                         fields["kdv_amount"].score * 0.9)  # fmt: skip


def _merge_overlapping(
    body: list[Line], rows: list[dict[str, list[Word]]]
) -> tuple[list[Line], list[dict[str, list[Word]]]]:
    """Body lines that overlap by more than a third of their height, with their cells, as
    one line: cells of one row whose values wrap inside narrow cells ("1,75" over "EUR",
    "Pa" over "ket") sit half a line apart, centred against each other; rows of a table
    are stacked and never overlap."""
    out_lines: list[Line] = []
    out_rows: list[dict[str, list[Word]]] = []
    for line, row in zip(body, rows, strict=True):
        if out_lines:
            last = out_lines[-1]
            overlap = min(last.y1, line.y1) - max(last.y0, line.y0)
            if line.page == last.page and overlap > min(last.height, line.height) / 3:
                words = tuple(sorted(last.words + line.words, key=lambda w: w.x0))
                out_lines[-1] = Line(line.page, words)
                for name, cell in row.items():
                    out_rows[-1].setdefault(name, []).extend(cell)
                continue
        out_lines.append(line)
        out_rows.append({name: list(cell) for name, cell in row.items()})
    return out_lines, out_rows


def _body(lines: list[Line], columns: list[Column], top: float) -> tuple[list[Line], str]:
    """The table's body lines from ``lines`` on, and what ended them: "stop" (a totals
    label, the words), "gap" (a wide gap: the rest of the page is something else),
    "page" (the page's footer or last line: the rows may run on onto the next page)."""
    body: list[Line] = []
    last_y = top
    ended = "page"
    for line in lines:
        if _FOOTER.match(line.text):
            break
        if not any(ch.isalnum() or ch in "%₺$€£" for ch in line.text):
            continue  # a stray mark (a rule's end read as "_"): its height measures no gap
        if line.y0 - last_y > 5 * line.height:
            ended = "gap"  # the table may go on under a header repeated below
            break
        if _is_stop(line, columns):
            ended = "stop"
            break
        body.append(line)
        last_y = line.y1
    return _without_trailing_sentences(body, columns), ended


def _without_trailing_sentences(body: list[Line], columns: list[Column]) -> list[Line]:
    """The body less a sentence printed under its last row ("Bu belge … elektronik
    ortamda oluşturulmuştur." above the page number): a line of words without a figure
    that runs from a text column across a whole number column is no cell, since a
    wrapped description stays inside its own column. Left in, it would join the text
    column to the number columns and push a wrapped line's "14 gündür" into the
    quantity."""
    figures = [i for i, line in enumerate(body) if any(_is_number(w.text) for w in line.words)]
    last_row = figures[-1] if figures else -1
    for i in range(last_row + 1, len(body)):
        if _sentence_across(body[i], columns):
            return body[:i]  # and the sentence's own wrapped lines below it
    return body


def _sentence_across(line: Line, columns: list[Column]) -> bool:
    if any(_is_number(w.text) for w in line.words):
        return False
    numbers = [c for c in columns if c.field in NUMERIC]
    texts = [c for c in columns if c.field not in NUMERIC]
    return any(
        seg.x0 < c.x1 and seg.x1 > n.x1 and n.x0 > c.x0
        for seg in line.segments()
        for c in texts
        for n in numbers
    )


def _continued_rows(lines: list[Line], columns: list[Column]) -> int | None:
    """Where rows of a table begun on an earlier page start on a page without a header:
    the first line with figures under two item columns (quantity, price, amount), taken
    back over the text lines that touch it (a middle-aligned description); None when no
    such line comes before a stop line."""
    defining = [c for c in columns if c.field in ITEM_DEFINING]
    for i, line in enumerate(lines):
        if _is_stop(line, columns):
            return None
        under = {
            c.field
            for w in line.words
            if _is_number(w.text)
            for c in defining
            if min(w.x1, c.x1) - max(w.x0, c.x0) > 0
        }
        if len(under) >= 2:
            while i > 0 and line.y0 - lines[i - 1].y1 < 0.5 * line.height:
                i, line = i - 1, lines[i - 1]
            return i
    return None


def _line_discount(fields: dict[str, Found], discount_column: bool) -> None:
    """The line's discount amount where the table prints none but its arithmetic shows it.

    Only a printed discount rate ("İsk. % 12") with quantity × price × (1 − rate) =
    amount gives the amount (quantity × price − amount); a blank cell under a discount
    header with quantity × price = amount is no discount (0). Where the arithmetic
    disagrees nothing is set, so a wrongly printed amount is still the line check's.
    """
    if "discount" in fields or not all(k in fields for k in ("quantity", "unit_price", "amount")):
        return
    qty, price, amount = (Decimal(fields[k].value) for k in ("quantity", "unit_price", "amount"))
    gross = qty * price
    tolerance = product_tolerance(qty, price)
    rate = fields.get("discount_rate")
    if rate is not None and 0 < Decimal(rate.value) < 100:
        if abs(gross * (1 - Decimal(rate.value) / 100) - amount) <= tolerance:
            discount = (gross - amount).quantize(Decimal("0.01"))
            fields["discount"] = Found(discount, rate.runs, 0.8)
    elif discount_column and rate is None and abs(gross - amount) <= tolerance:
        fields["discount"] = Found(Decimal("0.00"), fields["amount"].runs, 0.7)


def _has_item_numbers(cells: dict[str, list[Word]]) -> bool:
    return any(any(_is_number(w.text) for w in cells.get(f, ())) for f in ITEM_DEFINING)


def _group(body: list[Line], rows: list[dict[str, list[Word]]], previous: list[Item]) -> list[Item]:
    """Items from body lines: one item per line with item numbers, text lines attached.

    Rows are told apart by the vertical gaps between description lines: the
    usual gap inside a wrapped cell is the smallest one, a row boundary is
    clearly wider. Inside a block without such gaps (a table with no row
    padding), text lines follow the numbers line above them when the block
    starts with numbers (top-aligned cells), else the nearest numbers line
    (middle-aligned cells).
    """
    page = body[0].page
    height = min(line.height for line in body)
    text_lines = [i for i, r in enumerate(rows) if r.get("description")]
    blocks: list[list[int]] = []
    if text_lines:
        # the description cells' own extents: a line's box grows with taller glyphs in
        # other cells ("₺" beside an amount), which would make its cell's lines look apart
        tops = {i: min(w.y0 for w in rows[i]["description"]) for i in text_lines}
        bottoms = {i: max(w.y1 for w in rows[i]["description"]) for i in text_lines}
        gaps = [tops[b] - bottoms[a] for a, b in itertools.pairwise(text_lines)]
        inner = sorted(gaps)[len(gaps) // 4] if gaps else 0.0
        threshold = min(inner + 0.3 * height, 0.45 * height)  # lines of one cell nearly touch
        if len(gaps) > 1:  # a tight table: rows barely wider apart than a cell's lines
            jumps = [(lo, hi) for lo, hi in itertools.pairwise(sorted(gaps))
                     if hi - lo >= 0.15 * height]  # fmt: skip
            if jumps:  # split where the gap sizes jump most
                lo, hi = max(jumps, key=lambda p: p[1] - p[0])
                if jumps[0][0] <= 0.1 * height:
                    # lines of a wrapped cell touch: the first jump above them is the row
                    # boundary, however few rows wrap
                    lo, hi = jumps[0]
                threshold = min(threshold, (lo + hi) / 2)
                if min(gaps) > threshold:
                    # loosely spaced lines (line height far above the font's): even a
                    # wrapped cell's lines stand apart, so the smallest gaps are the cells'
                    # own and the first jump above them is the row boundary
                    lo, hi = jumps[0]
                    threshold = (lo + hi) / 2
        blocks = [[text_lines[0]]]
        for (_a, b), gap in zip(itertools.pairwise(text_lines), gaps, strict=False):
            if gap > threshold and _has_item_numbers_near(body, rows, blocks[-1]):
                blocks.append([b])
            else:
                blocks[-1].append(b)
    for i, row in enumerate(rows):  # lines with numbers but no description join their block
        if row.get("description"):
            continue
        centre = (body[i].y0 + body[i].y1) / 2
        home = next(
            (
                blk
                for blk in blocks
                # over the block's whole extent: numbers lines joined before are appended
                # after its text lines, so its last entry need not be its lowest line
                if min(body[k].y0 for k in blk) - 0.5 * height
                <= centre
                <= max(body[k].y1 for k in blk) + 0.5 * height
            ),
            None,
        )
        if home is None:
            blocks.append([i])
        else:
            home.append(i)
    items: list[Item] = []
    for block in sorted((sorted(b) for b in blocks), key=lambda b: b[0]):
        numeric = [i for i in block if _has_item_numbers(rows[i])]
        if not numeric:
            target = items[-1] if items else (previous[-1] if previous else None)
            if target is not None:  # a description continuing from the row or page above
                for i in block:
                    _extend(target, _unled(rows[i]))
            continue
        owners = _owners(block, numeric, body)
        block_items = {n: Item(page=page) for n in numeric}
        for i in block:
            _extend(block_items[owners[i]], rows[i])
        items += [block_items[n] for n in numeric]
    for item in items:
        _settle_lead_codes(item)
    return items


_LEAD_CODE = "_lead_code"  # not a column: the words _assign took for a code glued to text


def _unled(cells: dict[str, list[Word]]) -> dict[str, list[Word]]:
    """A continuation line's cells with a code-like first word put back in its text."""
    out = {k: list(v) for k, v in cells.items()}
    for code in out.pop(_LEAD_CODE, []):
        _code_to_text(out, code, 0)
    return out


def _settle_lead_codes(item: Item) -> None:
    """A code-like word starting a description line is the row's stock code only on the
    row's first text line; further down it is the description wrapping on ("S235" of
    "Çelik profil" over "S235 JR"), and goes back in its place."""
    description = item.cells.get("description", [])
    for code in item.cells.pop(_LEAD_CODE, []):
        slack = 0.3 * (code.y1 - code.y0)
        if any(w.y1 <= code.y0 + slack for w in description):  # a line above it: not a code
            at = next((i for i, w in enumerate(description) if w.y1 > code.y1 - slack), None)
            _code_to_text(item.cells, code, len(description) if at is None else at)


def _code_to_text(cells: dict[str, list[Word]], code: Word, at: int) -> None:
    """Move ``code`` from the stock-code cell into the description at ``at``."""
    cells["stock_code"] = [w for w in cells.get("stock_code", []) if w is not code]
    if not cells["stock_code"]:
        del cells["stock_code"]
    cells.setdefault("description", []).insert(at, code)


def _has_item_numbers_near(
    body: list[Line], rows: list[dict[str, list[Word]]], block: list[int]
) -> bool:
    """Whether the block so far has (or sits beside) a line with item numbers."""
    top, bottom = body[block[0]].y0, body[block[-1]].y1
    return any(
        _has_item_numbers(rows[i])
        and top - 0.5 * body[i].height
        <= (body[i].y0 + body[i].y1) / 2
        <= bottom + 0.5 * body[i].height
        for i in range(len(rows))
    )


def _owners(block: list[int], numeric: list[int], body: list[Line]) -> dict[int, int]:
    """Which numbers line each line of a block belongs to."""
    if len(numeric) == 1:
        return dict.fromkeys(block, numeric[0])
    owners: dict[int, int] = {}
    top_aligned = block[0] in numeric
    # bottom-aligned cells: text only above the numbers lines, the block ending on one
    # (a middle-aligned block has text below its last numbers line too)
    bottom_aligned = not top_aligned and block[-1] == numeric[-1] and numeric[0] - block[0] >= 2
    for i in block:
        if i in numeric:
            owners[i] = i
        elif top_aligned:
            owners[i] = max((n for n in numeric if n < i), default=numeric[0])
        elif bottom_aligned:
            owners[i] = min(n for n in numeric if n > i)
        else:
            centre = (body[i].y0 + body[i].y1) / 2
            owners[i] = min(numeric, key=lambda n: abs((body[n].y0 + body[n].y1) / 2 - centre))
    return owners


def _extend(item: Item, cells: dict[str, list[Word]]) -> None:
    for name, words in cells.items():
        item.cells.setdefault(name, []).extend(words)


def _run(item: Item, words: list[Word]) -> tuple[Run, ...]:
    return (Run(item.page, tuple(words)),)


_BRACKETED = re.compile(r"^[\[(][A-Za-z0-9\-_./]+[\])]$")


def _description_in_code_cell(cells: dict[str, list[Word]]) -> list[Word]:
    """The words after the row number or stock code when a row prints its description in
    the same cell ("1 [HZM20662] Laminat parke", a "[Kod] Açıklama" column), or a stock-code
    cell holding only words (the code went to the row number's cell: "9 34497")."""
    for name in ("stock_code", "index"):
        words = cells.get(name, [])
        head = 0
        while head < len(words) and (
            words[head].text.rstrip(".").isdigit()
            or _BRACKETED.match(words[head].text)
            or _CODE_IN_TEXT.match(words[head].text)
        ):
            head += 1
        rest = words[head:]
        if head and rest and sum(ch.isalpha() for w in rest for ch in w.text) >= 3:
            return rest
    words = cells.get("stock_code", [])
    if len(words) >= 2 and not any(_CODE.match(w.text) for w in words):
        return words  # words and no code under the code header: the description, shifted
    return []


def _join_wrapped(words: list[Word]) -> str:
    """A cell's words as text; a line that wraps after a joining hyphen or dash
    ("Osmancık-" over "Baldo", "İstanbul–" over "Ankara") joins without a space."""
    text = words[0].text if words else ""
    for prev, word in itertools.pairwise(words):
        wrapped = word.y0 >= prev.y1 - 0.3 * (prev.y1 - prev.y0)
        hyphen = len(prev.text) > 1 and prev.text[-1] in "-–" and prev.text[-2].isalnum()
        text += word.text if wrapped and hyphen else " " + word.text
    return text


def _once_in_columns(words: list[Word], read: dict[str, float] | None = None) -> str | None:
    """The description when the cell holds it twice in two text columns side by side, each
    wrapped (Item/Name beside Item/Description): read line by line they interleave ("Ofis
    koltuğu (ergonomik, Ofis koltuğu (ergonomik, file sırtlı) file sırtlı)"). The second
    column starts at a left edge that words of two or more lines share; read column by
    column, the text must be one repeat (``_once``; ``read`` as there)."""
    if len(words) < 4:
        return None
    height = max(min(w.y1 - w.y0 for w in words), 1e-6)
    lines = _cell_lines(words, height)
    if len(lines) < 2:
        return None
    left = min(w.x0 for w in words)
    edges = sorted({round(w.x0) for w in words if w.x0 > left + height})
    slack = 1.0 if read is None else 0.5 * height  # OCR boxes wander by a few pixels
    for edge in edges:
        shared = sum(any(abs(w.x0 - edge) < slack for w in line) for line in lines)
        if shared < 2:
            continue
        first = [w for line in lines for w in line if w.x0 < edge - slack]
        second = [w for line in lines for w in line if w.x0 >= edge - slack]
        once = _once(_join_wrapped(first + second), read)
        if once is not None:
            return once
    return None


def _cell_lines(words: list[Word], height: float) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.y0, w.x0)):
        if lines and abs(w.y0 - lines[-1][0].y0) < 0.5 * height:
            lines[-1].append(w)
        else:
            lines.append([w])
    return lines


def _column_order(words: list[Word]) -> list[Word]:
    """The cell's words column by column when the description cell holds two text columns
    side by side (Item/Name beside Item/Description, the name beside a line note, a stock
    code beside the text), each wrapped on its own: read line by line their words
    interleave. The second column starts at a left edge past a gutter (at least half a
    line's height) that no line's words bridge; a cell of one line reads the same either
    way, and one wrapped column has only word spaces, so it keeps its order."""
    if len(words) < 3:
        return words
    height = max(min(w.y1 - w.y0 for w in words), 1e-6)
    lines = _cell_lines(words, height)
    if len(lines) < 2:
        return words
    left = min(w.x0 for w in words)
    for edge in sorted({w.x0 for w in words if w.x0 > left + height}):
        before = [w for w in words if w.x0 < edge - 0.5]
        after = [w for w in words if w.x0 >= edge - 0.5]
        if max(w.x1 for w in before) > edge - 0.5 * height:
            continue  # a word runs up to the edge (or across it): no gutter there
        if not any(
            any(w.x0 < edge - 0.5 for w in line) and any(w.x0 >= edge - 0.5 for w in line)
            for line in lines
        ):
            continue
        # each kept in reading order (lines, then left to right); a third column may follow
        return before + _column_order(after)
    return words


def _once(text: str, read: dict[str, float] | None = None) -> str | None:
    """The description when the cell prints it twice ("Kaşar peyniri Kaşar peyniri"):
    designs that print Item/Name and Item/Description side by side, from senders that
    fill the description with the name, as many ERPs do. The last copy is the whole one:
    the first may have lost a word or two to the cell before it, sit behind a stock code
    ("MLZ91226 Tavuk göğsü Tavuk göğsü") or be glued to one ("HZM14505Bahçe bakımı
    Bahçe bakımı"). None when the text is no such repeat.

    ``read``: the OCR confidence of each word of an OCR-read cell. There the two copies
    may differ by a misread letter ("(Tip 550) (Tıp 550)", "Ogle" / "Öğle", a straight
    for a curly apostrophe): words that agree up to one letter (``_same_reading``) count
    as one, and of two such readings the one read more confidently is kept."""
    parts = text.split()
    n = len(parts)

    def same(a: list[str], b: list[str]) -> bool:
        if read is None:
            return a == b
        return len(a) == len(b) and all(_same_reading(x, y) for x, y in zip(a, b, strict=True))

    for k in range(2, n - 1):
        head, tail = parts[: n - k], parts[n - k :]
        lost = k - len(head)
        if lost == -1:  # a code of its own before the first copy
            twice = _CODE.fullmatch(head[0]) is not None and same(head[1:], tail)
            pairs = list(zip(head[1:], tail, strict=False))
        elif 0 <= lost <= 2 and len(head) >= 2 and same(head[1:], tail[lost + 1 :]):
            first, glued = head[0], tail[lost]
            prefix = first[: len(first) - len(glued)]
            twice = first.endswith(glued) and (not prefix or _CODE.fullmatch(prefix) is not None)
            pairs = list(zip(head[1:], tail[lost + 1 :], strict=False))
            if not twice and read is not None and lost == 0 and _same_reading(first, glued):
                twice, pairs = True, [(first, glued), *pairs]
        else:
            twice = False
        if twice and sum(ch.isalpha() for w in tail for ch in w) >= 4:
            if read is None:
                return " ".join(tail)
            better = {b: a for a, b in pairs if a != b and read.get(a, 0.0) > read.get(b, 0.0)}
            return " ".join(better.get(w, w) for w in tail)
    return None


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


def _same_reading(a: str, b: str) -> bool:
    """Whether two OCR readings of one printed word agree up to one letter: the same
    digits and punctuation, letters equal up to Turkish marks and one substitution."""
    if a == b:
        return True
    a, b = fold(a.translate(_QUOTES)), fold(b.translate(_QUOTES))
    if len(a) != len(b) or len(a) < 3:
        return a == b
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) <= 1 and all(x.isalpha() and y.isalpha() for x, y in diff)


def _once_glued(words: list[Word]) -> str | None:
    """The description when the cell prints Item/Name and Item/Description one after the
    other with no space between ("Toner kartuşu (siyah)Toner kartuşu (siyah)"): one word
    holds the end of the first copy and the start of the second; a code after them (the
    stock code, "… 00147") is no part of the description."""
    once = _glued_halves(words)
    if once is None and len(words) > 2 and _CODE.fullmatch(words[-1].text):
        once = _glued_halves(words[:-1])
    return once


def _glued_halves(words: list[Word]) -> str | None:
    texts = [w.text for w in words]
    compact = "".join(texts)
    half = len(compact) // 2
    if len(compact) % 2 or compact[:half] != compact[half:] or sum(map(str.isalpha, compact)) < 8:
        return None
    for i, text in enumerate(texts):
        for cut in range(1, len(text)):
            first, second = [*texts[:i], text[:cut]], [text[cut:], *texts[i + 1 :]]
            if first == second:
                return _join_wrapped(words[: i + 1]).removesuffix(text) + text[:cut]
    return None


# a number cut off at a separator or inside a thousands group ("726," / "11.1" / "%10,")
_WHOLE_NUMBER = re.compile(r"^%?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d{1,4})?$")
_CURRENCY_TAIL = re.compile(r"(?<=\d)(?:TL|TRY|₺)$")
_BROKEN_NUMBER = re.compile(r"^[%(-]?\d[\d.,]*(?:[.,]|\.\d{1,2}|\.\d{4,})$")


def _glue_broken_number(words: list[Word]) -> list[Word]:
    """A number wrapped inside a narrow cell, character by character ("726," over "79",
    "11.1" over "79,2" over "1"), as one word: the figures on the cell's lines from top
    to bottom, glued, when the first line's figure is no whole number and the glued text
    is one. Currency marks and units stay as they are."""
    figures = [w for w in words if any(ch.isdigit() for ch in w.text)]
    if len(figures) < 2:
        return words
    height = figures[0].y1 - figures[0].y0
    ordered = sorted(figures, key=lambda w: (w.y0, w.x0))
    if any(b.y0 - a.y0 < 0.5 * height for a, b in itertools.pairwise(ordered)):
        return words  # two figures on one line: two values, not one wrapped
    first, second = ordered[0].text, ordered[1].text
    # cut off at a separator or inside a group ("726,", "11.1"), or a decimal cut short
    # over its last digits alone ("33,1" over "2")
    if not _BROKEN_NUMBER.match(first) and not (
        re.search(r"[.,]\d+$", first) and re.fullmatch(r"\d{1,3}", second)
    ):
        return words
    text = "".join(w.text for w in ordered)
    # OCR glues the currency to the last line's figure ("639," over "20TL")
    text = _CURRENCY_TAIL.sub("", text) if ordered[-1].conf < 1.0 else text
    if not _WHOLE_NUMBER.match(text):
        return words
    box = (
        min(w.x0 for w in ordered), min(w.y0 for w in ordered),
        max(w.x1 for w in ordered), max(w.y1 for w in ordered),
    )  # fmt: skip
    glued = dataclasses.replace(ordered[0], text=text, bbox=box)
    return [glued, *(w for w in words if w not in figures)]


_DISCOUNT_WORD = re.compile(r"^(indirim|iskonto|ar+t+[iı]r[iı]m)\w*$")


def _reason_words(words: list[Word], cells: dict[str, list[Word]]) -> int:
    """How many words end the cell as the row's discount reason: its last line, a few
    words holding a discount word ("İndirim", "Kampanya indirimi", "Bayi iskontosu" under
    "Bahçe bakım hizmeti"), in a row printing a discount; 0 when there is none."""
    if len(words) < 2 or not (cells.get("discount") or cells.get("discount_rate")):
        return 0
    last = words[-1]
    slack = 0.3 * (last.y1 - last.y0)
    line = [w for w in words if w.y0 >= last.y0 - slack]
    above = [w for w in words if w.y0 < last.y0 - slack]
    if not above or len(line) > 3 or words[-len(line) :] != line:
        return 0
    if not any(_DISCOUNT_WORD.match(fold(w.text)) for w in line):
        return 0
    return len(line) if line[0].y0 >= max(w.y1 for w in above) - slack else 0


_DIGIT_CODE = re.compile(r"^\d{5,}$")


def _numeric_code_line(words: list[Word]) -> bool:
    """A number of five digits or more alone on the cell's first line, the text on the
    lines below ("48852" over "Forklift periyodik bakım"): the item's code printed over its
    name. A number the text runs on from on its own line ("2024 model …") is no code."""
    first, rest = words[0], words[1:]
    slack = 0.3 * (first.y1 - first.y0)
    return bool(_DIGIT_CODE.match(first.text)) and all(w.y0 >= first.y1 - slack for w in rest)


def _unit_text(words: list[Word]) -> str:
    """A unit cell's text; "Pa" over "ket" (a unit wrapped in a narrow cell) is "Paket"."""
    unit = " ".join(w.text for w in words)
    glued = unit.replace(" ", "")
    return glued if not is_unit(unit) and is_unit(glued) else unit


_CODE_SEPARATORS = ("-", "–", "—", ":", "|", "/")


def _without_leading_code(words: list[Word]) -> list[Word]:
    """The item text without the stock code a merged "Kod / Açıklama" cell prints before
    it: a code (capitals and figures, at least one figure) followed by a dash
    ("HZM00123 - Laminat", "26010 – Öğle yemeği") or alone on the cell's first line
    (the code over the text)."""
    if len(words) < 2 or not _CODE.match(words[0].text.rstrip("-–:")):
        return words
    first, second = words[0], words[1]
    if first.text[-1] in "-–:" and len(first.text) > 1:
        return words[1:]  # "HZM00123- Laminat"
    if second.text in _CODE_SEPARATORS and len(words) > 2:
        return words[2:]
    if second.y0 >= first.y1 - 0.3 * (first.y1 - first.y0):
        return words[1:]  # alone on its line, the text under it
    return words


def _under_description(cells: dict[str, list[Word]]) -> dict[str, list[Word]]:
    """``cells`` with the words the code column took that stand under the description's
    text, not under the code: a line note printed below the name, indented into the
    description's cell ("Proje: 68171" under "Kargo gönderim bedeli"), moved to it."""
    text, codes = cells.get("description"), cells.get("stock_code")
    if not text or not codes:
        return cells
    height = min(w.y1 - w.y0 for w in text)
    top = min(w.y0 for w in text)
    below = [w for w in codes if w.y0 > top + 0.5 * height]
    if not below:
        return cells
    # right of where the text starts, or well right of where the code starts (a code
    # glued to the text's first word pulls the text's edge with it)
    edge = min(w.x0 for w in text) - 0.5 * height
    code_left = [w.x0 for w in codes if w not in below]
    if code_left:
        edge = min(edge, min(code_left) + 2 * height)
    # whole lines that start there: the code column's own text wrapped (a name printed
    # under a "Kodu" heading) starts its lines at the code's edge and stays
    moved = [
        w for line in _cell_lines(below, height) if min(v.x0 for v in line) >= edge for w in line
    ]
    if not moved:
        return cells
    kept = [w for w in codes if w not in moved]
    joined = sorted(text + moved, key=lambda w: (w.y0, w.x0))
    return {**cells, "description": joined, "stock_code": kept}


def _item_fields(item: Item) -> dict[str, Found]:
    out: dict[str, Found] = {}
    cells = _under_description(item.cells)
    if not cells.get("description"):  # "[HZM20662] Laminat parke" under "[Ürün Kodu] Açıklama"
        described = _description_in_code_cell(cells)
        if described:
            cells = {**cells, "description": described}
    if cells.get("description"):
        words = cells["description"]
        words = _without_leading_code(words if ocr_read(words) else _column_order(words))
        if (
            len(words) > 1
            and _CODE_IN_TEXT.match(words[-1].text)
            and not words[-2].text.endswith(":")  # "Seri No: SN48721": a labelled value
        ):
            words = words[:-1]  # "Toner kartuşu HZM12066": the stock code after the name
        reason = _reason_words(words, cells)
        if reason:
            words = words[:-reason]  # "İndirim" under the name: the row's discount, named
        read = {w.text: w.conf for w in words} if ocr_read(words) else None
        once = (
            _once(_join_wrapped(words), read) or _once_in_columns(words, read) or _once_glued(words)
        )
        if once is not None:
            out["description"] = Found(once, _run(item, words))
        else:
            if len(words) > 1 and (_CODE_IN_TEXT.match(words[0].text) or _numeric_code_line(words)):
                words = words[1:]  # "MLZ66910 Kablosuz klavye": a stock code in the cell
            out["description"] = Found(_join_wrapped(words), _run(item, words))
    elif cells.get("stock_code"):  # a line printed with its code only: the code names it
        words = cells["stock_code"]
        out["description"] = Found(" ".join(w.text for w in words), _run(item, words), 0.8)
    readings: dict[str, list[Decimal]] = {}
    for name in NUMERIC:
        words = cells.get(name)
        if not words or name == "index":
            continue
        words = _glue_broken_number(words)
        value, rest = first_number(words)
        if name in MONEY:
            readings[name] = first_amount(words)
            value = readings[name][0] if readings[name] else value
        if value is None:
            continue
        if name == "quantity" and rest and "unit" not in cells:
            out["unit"] = Found(_unit_text(rest), _run(item, rest), 0.9)
        if name in ("kdv_rate", "discount_rate"):
            value = abs(value)
        out[name] = Found(value, _run(item, words))
    choose_readings(out, readings)
    unit_words = [w for w in cells.get("unit", ()) if any(ch.isalpha() for ch in w.text)]
    if unit_words:
        out["unit"] = Found(_unit_text(unit_words), _run(item, unit_words))
    if "unit" not in out and "quantity" in out:
        _unit_from_description(item, out)
    if "unit" in out and ocr_read(w for r in out["unit"].runs for w in r.words):
        out["unit"] = Found(clean_unit(out["unit"].value), out["unit"].runs, out["unit"].score)
    return out


def _unit_from_description(item: Item, out: dict[str, Found]) -> None:
    """An OCR-read row with a quantity and no unit whose description ends in a unit word
    on the description's own line ("Kırmızı mercimek KG"): the unit column's header was
    not read, so its cells fell to the description beside them. The word is the unit."""
    found = out.get("description")
    words = [w for r in found.runs for w in r.words] if found is not None else []
    if len(words) < 2 or words[-1].conf >= 1.0 or not isinstance(found.value, str):
        return
    last, before = words[-1], words[-2]
    text = found.value.rsplit(" ", 1)
    if len(text) != 2 or text[1] != last.text or not is_unit(last.text):
        return
    gap = last.x0 - before.x1
    if gap < 1.5 * max(last.y1 - last.y0, 1.0):  # a unit column stands apart from the text
        return
    out["description"] = Found(text[0], _run(item, words[:-1]), found.score)
    out["unit"] = Found(last.text, _run(item, [last]), 0.9)
