"""What a printed design shows: the spec's truth, cut to the fields on the page.

The truth of a design document starts from the truth of the data it was
printed from (the UBL twin's, or the spec's for our own forms) and keeps a
field only when the page shows it:

- fields the design's catalog entry ``omits`` are dropped outright (a design
  that prints no per-rate KDV base, a template whose seller block is fixed
  text);
- every other value is looked for in the printed text (the PDF text layer, and
  the visible HTML text for cells whose reading order the PDF mixes up) in the
  forms a design may print it: Turkish and English number formats with or
  without thousands separators and trailing zeros, dates as dd.mm.yyyy,
  dd-mm-yyyy or dd/mm/yyyy, identifiers with or without spaces;
- a value printed with other spacing (``No:21`` for ``No: 21``, ``Beşiktaş/
  İstanbul``) becomes the printed span, since the truth is what the page says.

Dropped fields are listed under ``"dropped"`` in the truth file (the scorer
ignores that key), so a reader sees what each design leaves out.
"""

from __future__ import annotations

import fnmatch
import re
from decimal import Decimal
from typing import Any

import pymupdf
from lxml import html as lxml_html

from docpipe.text.turkish import fold, normalise_for_compare
from samplegen.designs.catalog import Design
from samplegen.formats import MONTHS

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")
_ALWAYS = ("kind", "currency")  # not printed as such: inferred from the title / marks
_COMPACT_FIELDS = ("iban", "phone", "ettn", "vkn", "tckn", "mersis")
# what tells an e-invoice's kind on its page: the title, the scenario, the portal's words
_KIND_MARK = re.compile(r"e-?\s?(arsiv|fatura)|earsivfatura|temelfatura|ticarifatura|e-?\s?invoice")


def pdf_text(pdf: bytes) -> str:
    with pymupdf.open(stream=pdf) as doc:
        return "\n".join(page.get_text("text") for page in doc)


def visible_html_text(html: str) -> str:
    """Text a browser shows: no head, scripts, styles or ``display:none`` blocks."""
    root = lxml_html.fromstring(html)
    for el in root.xpath("//head|//script|//style|//*[contains(translate(@style,' ',''),"
                         "'display:none')]"):  # fmt: skip
        el.drop_tree()
    return " ".join(t for t in root.itertext())


def _group(digits: str, sep: str) -> str:
    out = []
    while len(digits) > 3:
        out.append(digits[-3:])
        digits = digits[:-3]
    out.append(digits)
    return sep.join(reversed(out))


def number_forms(value: str) -> list[str]:
    """Printed forms of a decimal: "1234.5" → "1.234,50", "1234,5", "1,234.50", …"""
    d = Decimal(value)
    sign = "-" if d < 0 else ""
    forms: set[str] = set()
    places = {max(0, -d.normalize().as_tuple().exponent), 2, 3, 4}
    for p in places:
        if p < max(0, -d.normalize().as_tuple().exponent):
            continue
        text = format(abs(d).quantize(Decimal(1).scaleb(-p)), "f")
        whole, _, frac = text.partition(".")
        for tsep, dsep in ((".", ","), ("", ","), (",", "."), ("", ".")):
            forms.add(sign + _group(whole, tsep) + (dsep + frac if frac else ""))
    return sorted(forms, key=len, reverse=True)


def date_printed(value: str, text: str) -> bool:
    """Is the ISO date ``value`` on the page: 21.08.2023, 21-08-2023, "21 - 08 - 2023",
    21/08/2023, 2023-08-21 or 21 Ağustos 2023?"""
    y, mo, d = _ISO_DATE.match(value).groups()  # type: ignore[union-attr]
    numeric = rf"(?<!\d){d}\s*[.\-/]\s*{mo}\s*[.\-/]\s*{y}(?!\d)"
    long = rf"(?<!\d){int(d)}\s+{MONTHS[int(mo) - 1]}\s+{y}(?!\d)"
    return bool(re.search(numeric, text) or value in text or re.search(long, text))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", normalise_for_compare(text))


def _number_in(text: str, forms: list[str]) -> bool:
    for form in forms:
        pattern = r"(?<![\d.,])%?\s?" + re.escape(form) + r"(?![\d]|[.,]\d)"
        if re.search(pattern, text):
            return True
    return False


def _printed_span(value: str, text: str) -> str | None:
    """The span of ``text`` that reads ``value`` when spaces are ignored, as printed."""
    target = _compact(value)
    if not target:
        return None
    norm = normalise_for_compare(text)
    chars, index = [], []
    for i, ch in enumerate(norm):
        if not ch.isspace():
            chars.append(ch)
            index.append(i)
    at = "".join(chars).find(target)
    if at < 0:
        return None
    start, end = index[at], index[at + len(target) - 1] + 1
    # recover the original casing: normalise_for_compare keeps length except for spaces
    original = re.sub(r"\s+", " ", text).strip()
    if len(original) == len(norm):
        return original[start:end]
    return norm[start:end]


def _closed_up(value: str, page_norm: str) -> str:
    """``value`` with the spaces the page closes up ("No: 128" printed "No:128",
    "Kadıköy / İSTANBUL" printed "Kadıköy/ İSTANBUL") taken out, pair by pair: a value
    the page prints wrapped among other text is found whole only in the HTML."""
    tokens = value.split()
    out = tokens[:1]
    for token in tokens[1:]:
        joined = normalise_for_compare(out[-1] + token)
        spaced = normalise_for_compare(f"{out[-1]} {token}")
        if joined in page_norm and spaced not in page_norm:
            out[-1] += token
        else:
            out.append(token)
    return " ".join(out)


def _address_span(value: str, text: str) -> str | None:
    """The printed address: from where ``value``'s street starts to where its
    ``ilçe/il`` ends, when the design leaves out or adds parts (the building
    number, a postcode) in between. At least half of ``value``'s words must be in it."""
    words = [_compact(w) for w in re.split(r"[\s/]+", value) if _compact(w)]
    if len(words) < 3:
        return None
    norm = normalise_for_compare(text)
    chars, index = [], []
    for i, ch in enumerate(norm):
        if not ch.isspace():
            chars.append(ch)
            index.append(i)
    flat = "".join(chars)
    head, last = "".join(words[:2]), words[-1]
    start = flat.find(head)
    while start >= 0:
        end = flat.find(last, start + len(head), start + len(_compact(value)) + 40)
        if end >= 0:
            span = flat[start : end + len(last)]
            if sum(1 for w in words if w in span) * 2 >= len(words):
                original = re.sub(r"\s+", " ", text).strip()
                a, b = index[start], index[end + len(last) - 1] + 1
                return original[a:b] if len(original) == len(norm) else norm[a:b]
        start = flat.find(head, start + 1)
    return None


def table_rows(html: str) -> list[str]:
    """Visible text of each innermost table row of the HTML (one item line each)."""
    root = lxml_html.fromstring(html)
    for el in root.xpath("//head|//script|//style|//*[contains(translate(@style,' ',''),"
                         "'display:none')]"):  # fmt: skip
        el.drop_tree()
    return [
        re.sub(r"\s+", " ", " ".join(tr.itertext())).strip()
        for tr in root.iter("tr")
        if not tr.xpath(".//tr")
    ]


_ROW_FIELDS = ("quantity", "unit", "unit_price", "discount", "kdv_rate", "kdv_amount")


def _line_rows(fields: dict[str, Any], rows: list[str]) -> dict[str, str]:
    """Line index → the table row that prints it: the first row that shows the line's
    amount and the start of its description (or only the amount)."""
    out: dict[str, str] = {}
    used: set[int] = set()
    i = 0
    while f"line_items.{i}.amount" in fields:
        forms = number_forms(str(fields[f"line_items.{i}.amount"]))
        head = normalise_for_compare(str(fields.get(f"line_items.{i}.description", "")))[:12]
        hits = [n for n, row in enumerate(rows) if n not in used and _number_in(row, forms)]
        best = [n for n in hits if head and head in normalise_for_compare(rows[n])]
        pick = (best or hits or [None])[0]
        if pick is not None:
            used.add(pick)
            out[str(i)] = rows[pick]
        i += 1
    return out


def _in_row(leaf: str, value: str, row: str) -> bool:
    if leaf == "unit":
        return re.search(rf"(?<!\w){re.escape(normalise_for_compare(value))}(?!\w)",
                         normalise_for_compare(row)) is not None  # fmt: skip
    return _number_in(row, number_forms(value))


def _omitted(path: str, design: Design) -> bool:
    generic = re.sub(r"\.\d+(?=\.|$)", ".*", path)
    return any(fnmatch.fnmatchcase(generic, pattern) for pattern in design.omits)


def printed_truth(
    truth: dict[str, Any],
    design: Design,
    pdf: bytes,
    html: str,
    shown_rows: list[str] | None = None,
) -> dict[str, Any]:
    """``truth`` (``{"doc_type", "fields"}``) cut to what ``pdf`` shows; adds ``dropped``.
    ``shown_rows``: the table rows' text as the browser showed them (cells hidden by a
    stylesheet rule left out); without it the rows come from the HTML, and a row field
    must also be on the page."""
    page = re.sub(r"\s+", " ", pdf_text(pdf))
    shown = re.sub(r"\s+", " ", visible_html_text(html))
    page_norm, shown_norm = normalise_for_compare(page), normalise_for_compare(shown)
    page_compact = _compact(page)
    kept: dict[str, Any] = {}
    dropped: list[str] = []
    rows = _line_rows(truth["fields"], shown_rows if shown_rows is not None else table_rows(html))
    for path, value in truth["fields"].items():
        leaf = path.rsplit(".", 1)[-1]
        if _omitted(path, design):
            dropped.append(path)
            continue
        line = re.match(r"line_items\.(\d+)\.", path)
        if line and leaf in _ROW_FIELDS and line.group(1) in rows:
            # a short number ("0.00", "20", "2") is looked for in its own row only; the
            # HTML's rows hold cells hidden by class (``td.kdvamount {display: none}``)
            row = rows[line.group(1)]
            if _in_row(leaf, str(value), row) and (
                shown_rows is not None or _in_row(leaf, str(value), page)
            ):
                kept[path] = value
            else:
                dropped.append(path)
            continue
        if path == "kind" and value != "paper" and not _KIND_MARK.search(fold(page)):
            dropped.append(path)  # "FATURA/INVOICE" alone: e-Fatura or e-Arşiv, the page
            continue  # does not say (no title, no scenario, no ETTN label)
        if path in _ALWAYS:
            kept[path] = value
            continue
        text = str(value)
        if _ISO_DATE.match(text):
            ok = date_printed(text, page)
        elif _DECIMAL.match(text) and leaf not in _COMPACT_FIELDS:
            ok = _number_in(page, number_forms(text))
        elif leaf in _COMPACT_FIELDS:
            ok = _compact(text) in page_compact
        else:
            norm = normalise_for_compare(text)
            # the page's own spacing first where it closes up the value's: the HTML's
            # text joins its nodes with spaces ("No:" "128" → "No: 128") where the
            # printed page has none (a page's extra space is a wrap: "Osmancık-" "Baldo")
            on_page = None if norm in page_norm else _printed_span(text, page)
            if norm in page_norm:
                ok = True
            elif on_page is not None and on_page.count(" ") < norm.count(" "):
                ok, value = True, on_page
            elif norm in shown_norm:
                ok = True
                value = _closed_up(text, page_norm)
            else:
                span = on_page or _printed_span(text, shown)
                if span is None and leaf == "address":
                    span = _address_span(text, page)
                ok = span is not None
                if span is not None:
                    value = span
        if ok:
            kept[path] = value
        else:
            dropped.append(path)
    # a row whose amount is not on the page is not printed (a design that prints only
    # the first line, a table cut off): none of its fields count
    for path in list(kept):
        m = re.match(r"line_items\.(\d+)\.", path)
        if m and f"line_items.{m.group(1)}.amount" not in kept:
            dropped.append(path)
            del kept[path]
    out = dict(truth)
    out["fields"] = kept
    if dropped:
        out["dropped"] = sorted(dropped)
    return out
