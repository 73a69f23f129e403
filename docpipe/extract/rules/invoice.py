"""Invoices by rules: header fields, parties, line items and totals.

Input: a Document with words (text layer or OCR). Output: field path ->
``Found`` (value plus the runs it came from). Every reader here works on
lines and segments rebuilt from word boxes, so it does not depend on one
issuer's template; wordings live in ``invoice_vocab`` and ``totals``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from stdnum import iban as stdnum_iban

from docpipe.document import Document
from docpipe.extract.rules.found import Fields, Found, trim_to_bounds
from docpipe.extract.rules.invoice_vocab import DOCUMENT_NUMBER, HEADER
from docpipe.extract.rules.keyvalue import read_key_values
from docpipe.extract.rules.notes import read_notes
from docpipe.extract.rules.parties import party_fields
from docpipe.extract.rules.table import find_header, read_table
from docpipe.extract.rules.totals import amount_in_words, totals_fields
from docpipe.schemas import Invoice
from docpipe.text.dates import parse_date
from docpipe.text.layout import Line, page_lines
from docpipe.text.numbers import ISO_CURRENCIES, currency_from_name, find_currency, parse_number
from docpipe.text.turkish import fold
from docpipe.validate.invoice import CENT, KDV_RATES

# OCR reads 0 as O and 1 as l/I inside an ETTN; a UUID holds hex digits only
_UUID = re.compile(
    r"[0-9a-fA-FOoIl]{8}-?[0-9a-fA-FOoIl]{4}-?[0-9a-fA-FOoIl]{4}-?[0-9a-fA-FOoIl]{4}-?"
    r"[0-9a-fA-FOoIl]{12}"
)
_HEX_CONFUSABLES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})
_GIB_NUMBER = re.compile(r"\b[A-Z0-9]{3}20\d{2}\d{9}\b")
_INVOICE_NO = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-/]{2,39}$")
# not the end of a domain ("firma.com.tr 2023-…")
_IBAN_START = re.compile(r"(?<![\w.@-])TR\s?\d{2}(?:\s?[0-9]{1,4}){1,6}")
_PROFILES = (
    "TEMELFATURA",
    "TICARIFATURA",
    "EARSIVFATURA",
    "IHRACAT",
    "YOLCUBERABERFATURA",
    "KAMU",
    "HKS",
    "ENERJI",
    "IDIS",
)
_TYPES = (
    "SATIS",
    "IADE",
    "TEVKIFAT",
    "ISTISNA",
    "OZELMATRAH",
    "IHRACKAYITLI",
    "SGK",
    "KOMISYONCU",
    "TEVKIFATIADE",
    "KONAKLAMAVERGISI",
)


def extract_invoice(doc: Document) -> Fields:
    fields = Fields()
    pages = [page_lines(p) for p in doc.pages]
    all_lines = [ln for lines in pages for ln in lines]
    if not all_lines:
        return fields
    _header(fields, all_lines)
    # the first page's item-table header: the party blocks stop at it, the table starts there
    header = find_header(pages[0]) if pages[0] else None
    if pages[0]:
        width = doc.pages[0].width
        for role, found in party_fields(pages[0], width, header).items():
            for name, value in found.items():
                if name in (
                    "name",
                    "vkn",
                    "tckn",
                    "tax_office",
                    "address",
                    "phone",
                    "email",
                    "mersis",
                ):
                    fields.set(f"{role}.{name}", value)
    table = read_table(pages, header)
    for item in table.items:
        _rate_from_amounts(item)
    line_sum: Decimal | None = None
    for i, item in enumerate(table.items):
        for name, value in item.items():
            if name in (
                "description",
                "quantity",
                "unit",
                "unit_price",
                "discount",
                "kdv_rate",
                "kdv_amount",
                "amount",
            ):
                fields.set(f"line_items.{i}.{name}", value)
    amounts = [it["amount"].value for it in table.items if "amount" in it]
    line_gross: Decimal | None = None
    if amounts and len(amounts) == len(table.items):
        line_sum = sum(amounts, Decimal(0))
        discounts = [it["discount"].value for it in table.items if "discount" in it]
        if discounts and len(discounts) == len(amounts):
            line_gross = line_sum + sum(discounts, Decimal(0))
    after = [
        ln
        for ln in all_lines
        if not table.found or (ln.page, ln.y0) > (table.end_page, table.end_y)
    ]
    named = any("tevkif" in fold(ln.text) for ln in all_lines)
    bases = _line_bases(table.items)
    for path, found in totals_fields(after, line_sum, line_gross, named, bases).items():
        if path == "currency" and "currency" in fields.items:
            continue
        fields.set(path, found)
    _rates_of_one_rate_invoice(fields, len(table.items))
    if "amount_in_words" not in fields.items and table.found:
        # "Not: Yalnız …" among the invoice's details above the items
        above = amount_in_words([ln for ln in all_lines if ln not in after])
        if above is not None:
            fields.set("amount_in_words", above)
    notes = read_notes(all_lines)
    if notes is not None:
        fields.set("notes", notes)
    _kind(fields, all_lines)
    _iban(fields, all_lines)
    if "currency" not in fields.items:
        fields.set("currency", _currency_from_text(all_lines))
    _doubt_ocr_currency_sign(fields, all_lines)
    trim_to_bounds(fields, Invoice)
    return fields


def _rate_from_amounts(item: dict[str, Found]) -> None:
    """A line's KDV rate that OCR lost or mangled ("%20" read "Ye", "41,00") from its KDV
    amount and amount, when exactly one legal rate fits them to the cent."""
    rate = item.get("kdv_rate")
    if rate is not None and rate.value in KDV_RATES:
        return
    kdv, amount = item.get("kdv_amount"), item.get("amount")
    if kdv is None or amount is None or not amount.value:
        return
    fits = [r for r in KDV_RATES if abs(amount.value * r / 100 - kdv.value) <= CENT]
    if len(fits) == 1:
        item["kdv_rate"] = Found(fits[0], kdv.runs + amount.runs, 0.8, derived=True)


def _line_bases(items: list[dict[str, Found]]) -> dict[Decimal, tuple[Decimal, int]] | None:
    """Per KDV rate read on the lines: their amounts summed and how many lines; None
    unless every line's legal rate and amount were read."""
    out: dict[Decimal, tuple[Decimal, int]] = {}
    for item in items:
        rate, amount = item.get("kdv_rate"), item.get("amount")
        if rate is None or amount is None or rate.value not in KDV_RATES:
            return None
        base, count = out.get(rate.value, (Decimal(0), 0))
        out[rate.value] = (base + amount.value, count + 1)
    return out or None


def _rates_of_one_rate_invoice(fields: Fields, lines: int) -> None:
    """Lines without a legal KDV rate on an invoice whose KDV summary has one rate: that
    rate (the summary says every line is taxed at it)."""
    rate = fields.items.get("kdv.0.rate")
    if rate is None or rate.value not in KDV_RATES or "kdv.1.rate" in fields.items:
        return
    for i in range(lines):
        path = f"line_items.{i}.kdv_rate"
        read = fields.items.get(path)
        if f"line_items.{i}.amount" in fields.items and (
            read is None or read.value not in KDV_RATES
        ):
            fields.items[path] = Found(rate.value, rate.runs, 0.7, derived=True)


def _header(fields: Fields, lines: list[Line]) -> None:
    short_numbers: list[Found] = []
    for kv in read_key_values(lines, HEADER):
        if kv.value is None:
            continue
        text = kv.value.text.strip()
        run = kv.value
        label_and_value = (kv.label, kv.value)
        if kv.field == "invoice_number_short":
            token = text.split()[0] if text.split() else ""
            # a bare "No" starts its segment: "Mersis No: …" is another number
            if kv.before is None and DOCUMENT_NUMBER.match(token):
                short_numbers.append(Found(token, label_and_value, kv.score * 0.9))
        elif kv.field == "invoice_number":
            parts = text.split()
            token = parts[0] if parts else ""
            if token.endswith(("/", "-")) and len(parts) > 1:  # OCR split "FTR2024/ 03901"
                token += parts[1]
            if _INVOICE_NO.match(token) and any(ch.isdigit() for ch in token):
                fields.set("invoice_number", Found(token, label_and_value, kv.score))
        elif kv.field == "ettn":
            match = _UUID.search(text.replace(" ", ""))
            if match:
                fields.set("ettn", Found(_format_uuid(match.group(0)), label_and_value, kv.score))
        elif kv.field in ("issue_date", "due_date"):
            value = parse_date(text)
            if value is not None:
                fields.set(kv.field, Found(value, label_and_value, kv.score))
        elif kv.field == "profile":
            code = _code(text, _PROFILES)
            if code:
                fields.set("profile", Found(code, label_and_value, kv.score))
        elif kv.field == "invoice_type":
            code = _code(text, _TYPES)
            if code:
                fields.set("invoice_type", Found(code, label_and_value, kv.score))
        elif kv.field == "currency":
            code = text.split()[0].upper() if text.split() else ""
            cur = (
                find_currency(text)
                or currency_from_name(text)
                or (code if code in ISO_CURRENCIES else None)
            )
            if cur:
                fields.set("currency", Found(cur, label_and_value, kv.score))
        elif kv.field == "exchange_rate":
            rate_text = text.split("=", 1)[1] if "=" in text else text  # "1 EUR = 36,3872 TL"
            numbers = [parse_number(t) for t in rate_text.split()]
            value = next((n for n in numbers if n is not None), None)
            if value is not None and value > 0:
                fields.set("exchange_rate", Found(value, label_and_value, kv.score))
        elif kv.field == "order_number":
            token = text.split()[0] if text.split() else ""
            if token:
                fields.set("order_number", Found(token, (run,), kv.score))
    if short_numbers:  # a bare "No" counts only when no invoice-number label was found
        fields.set("invoice_number", short_numbers[0])
    if "ettn" not in fields.items:  # an unlabelled UUID is the ETTN on Turkish invoices
        for line in lines:
            match = _UUID.search(line.text)
            if match:
                fields.set("ettn", Found(_format_uuid(match.group(0)), (line,), 0.8))
                break
    if "ettn" not in fields.items:
        wrapped = _wrapped_uuid(lines)
        if wrapped is not None:
            fields.set("ettn", wrapped)

    if "issue_date" not in fields.items:
        issued = _unlabelled_issue_date(lines)
        if issued is not None:
            fields.set("issue_date", issued)
    if "invoice_number" not in fields.items:
        for line in lines:
            match = _GIB_NUMBER.search(line.text)
            if match:
                fields.set("invoice_number", Found(match.group(0), (line,), 0.8))
                break


# dates that are not the invoice's: due, despatch, order, delivery, period
_OTHER_DATE = re.compile(
    r"vade|son odeme|odeme tarih|irsaliye|siparis|teslim|sevk|due|order|delivery|despatch"
    r"|donem|baslangic|bitis|period|gecerli|valid"
)
_DATE_WORD = re.compile(r"tarih|date")


def _unlabelled_issue_date(lines: list[Line]) -> Found | None:
    """The issue date when no label reads next to it (a label in a cell of its own far
    from its value, a wording the vocabulary lacks): the first date on the first page
    whose line, and the line above, name no other date (due, despatch, order, …); one
    that a date word ("Tarih", "Date") stands beside or above wins."""
    first_page = [ln for ln in lines if ln.page == lines[0].page]
    candidates: list[tuple[bool, Found]] = []
    for k, line in enumerate(first_page):
        above = first_page[k - 1].segments() if k else []
        for seg in line.segments():
            if not any(ch.isdigit() for ch in seg.text):
                continue
            value = parse_date(seg.text)
            if value is None:
                continue
            # the segment and what is printed above it in its column
            over = [a.text for a in above if a.x0 < seg.x1 and seg.x0 < a.x1]
            context = fold(" ".join([seg.text, *over]))
            if not _OTHER_DATE.search(context):
                candidates.append((bool(_DATE_WORD.search(context)), Found(value, (seg,), 0.6)))
    named = [f for has_word, f in candidates if has_word]
    return (named or [f for _, f in candidates] or [None])[0]


def _wrapped_uuid(lines: list[Line]) -> Found | None:
    """A UUID broken at one of its hyphens over two lines of a narrow cell
    ("42841b17-b580-4766-9e73-" / "a063686183dd"): the segment below, in its column,
    completes it."""
    for i, line in enumerate(lines):
        for seg in line.segments():
            if not seg.text.endswith("-"):
                continue
            for below in lines[i + 1 : i + 3]:  # a label centred between the two lines
                if below.page != line.page or below.y0 - line.y1 > 1.5 * line.height:
                    break
                for nxt in below.segments():
                    if abs(nxt.x0 - seg.x0) < 2 * seg.height:
                        match = _UUID.search(seg.text.split()[-1] + nxt.text.split()[0])
                        if match:
                            return Found(_format_uuid(match.group(0)), (seg, nxt), 0.8)
    return None


def _format_uuid(raw: str) -> str:
    h = raw.translate(_HEX_CONFUSABLES).replace("-", "").lower()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _code(text: str, codes: tuple[str, ...]) -> str | None:
    folded = fold(text).replace(" ", "").upper()
    return next((c for c in codes if folded.startswith(c)), None)


def _kind(fields: Fields, lines: list[Line]) -> None:
    profile = fields.items.get("profile")
    if profile is not None:
        kind = "e-arsiv" if profile.value == "EARSIVFATURA" else "e-fatura"
        fields.set("kind", Found(kind, profile.runs, profile.score))
        return
    for line in lines:
        folded = fold(line.text).replace(" ", "")
        if "e-arsiv" in folded or "earsivfatura" in folded:
            fields.set("kind", Found("e-arsiv", (line,), 0.9))
            return
        if "e-fatura" in folded:
            fields.set("kind", Found("e-fatura", (line,), 0.9))
            return
    fields.set("kind", Found("paper", (), 0.6))


def _iban(fields: Fields, lines: list[Line]) -> None:
    """The first IBAN that passes its checksum; one wrapped onto the next line is joined."""
    candidates: list[tuple[str, tuple[Line, ...]]] = []
    for i, line in enumerate(lines):
        text = line.text.upper()
        match = _IBAN_START.search(text)
        if match is None:
            continue
        digits = re.sub(r"\s", "", match.group(0))
        used: tuple[Line, ...] = (line,)
        if len(digits) < 26:  # "TR75 0006 7061 1927 7352" wrapped: "3224 63" below
            start = next(s for s in line.segments() if "TR" in s.text.upper()).x0
            for below in lines[i + 1 : i + 3]:
                head = next((s for s in below.segments() if abs(s.x0 - start) < 40), None)
                more = re.match(r"^[0-9 ]+$", head.text) if head is not None else None
                if more:
                    digits += re.sub(r"\s", "", more.group(0))
                    used = (line, below)
                    break
        candidates.append((digits[:26], used))
    for value, used in candidates:
        if stdnum_iban.is_valid(value):
            fields.set("iban", Found(value, used))
            return
    full = [(v, u) for v, u in candidates if len(v) == 26]
    if full:  # a Turkish IBAN whose check digits fail: kept for review, trusted less
        value, used = full[0]
        fields.set("iban", Found(value, used, 0.5))


_SIGNS = {"€": "EUR", "$": "USD", "£": "GBP", "₺": "TRY"}
_CODE_WORDS = {"TL": "TRY", "TRY": "TRY", "YTL": "TRY", "KR": "TRY", "KURUŞ": "TRY"}
_AMOUNT_END = re.compile(r"\d[.,]\d{2}$")
_AMOUNT_START = re.compile(r"^\d")


def _doubt_ocr_currency_sign(fields: Fields, lines: list[Line]) -> None:
    """Re-decide a currency that rests on a sign OCR read (``$``, ``£``, ``€``).

    No Tesseract model knows ``₺``; it comes out as ``£``, ``$``, ``&``, ``t`` …
    So on OCR text a sign alone does not decide: currency codes and names
    written in letters (``TL``, ``EUR``, ``Türk Lirası``, ``Kr.``) do, and
    without them a sign counts only if it is the one printed at (nearly) every
    amount; signs that vary from amount to amount are a ``₺`` misread.
    """
    found = fields.items.get("currency")
    if found is None or found.value == "TRY":
        return
    words = [w for r in found.runs for w in r.words]
    if not words or all(w.conf >= 1.0 for w in words):
        return  # a text layer: the sign is what was printed
    if any(w.text.strip(".,:;()").upper() in ISO_CURRENCIES for w in words):
        return  # read as letters ("USD"), not as a sign
    votes: dict[str, int] = {}
    signs: dict[str, int] = {}
    for line in lines:
        name = currency_from_name(line.text)
        if name:
            votes[name] = votes.get(name, 0) + 1
        for i, w in enumerate(line.words):
            token = w.text.strip(".,:;()").upper()
            code = _CODE_WORDS.get(token) or (token if token in ISO_CURRENCIES else None)
            if code:
                votes[code] = votes.get(code, 0) + 1
            sign = _sign_at_amount(line.words, i)
            if sign is not None:
                signs[sign] = signs.get(sign, 0) + 1
    if votes:
        code = max(votes, key=lambda c: votes[c])
    else:
        top = max(signs, key=lambda s: signs[s], default=None)
        steady = top is not None and signs[top] >= 0.8 * sum(signs.values())
        code = _SIGNS.get(top, "TRY") if steady and top is not None else "TRY"
    if code != found.value:
        fields.items["currency"] = Found(code, found.runs, 0.6)


def _sign_at_amount(words: tuple, i: int) -> str | None:
    """The sign (or unreadable glyph) printed at an amount, at word ``i``."""
    text = words[i].text
    if _AMOUNT_END.search(text[:-1]) and not text[-1].isalnum():
        return text[-1]  # "1.234,56$"
    if text[:1] in _SIGNS and _AMOUNT_START.match(text[1:]):
        return text[0]  # "£1.234,56"
    if len(text) <= 2 and not text.isalnum() and i > 0 and _AMOUNT_END.search(words[i - 1].text):
        return text  # "1.234,56 &"
    return None


def _currency_from_text(lines: list[Line]) -> Found | None:
    for line in reversed(lines):
        cur = find_currency(line.text)
        if cur:
            return Found(cur, (line,), 0.7)
    return Found("TRY", (), 0.5)
