"""A document's own identifiers are not personal data: an invoice's number stays readable.

Input: a document type and its record (as extraction read it), and the spans the
recognizers found in a page's text. Output: those spans less every part that lies
on one of the document's identifiers (the invoice number, its ETTN, the order
number, the invoice it refers to) wherever the page prints them, in any wording
or layout ("Belge No FTR2024/03901", a "Fatura No" table cell, "Invoice No").

Why: an invoice number is shaped like many identifiers a recognizer looks for
(``A12B34567`` is an ID-card serial, the tail of ``FTR2024/03901`` a postcode
that joins the address on the next line, ``5321234567`` a mobile number next to
"Numarası"), and burning it makes a redacted invoice useless to the accountant
who books it.

What never changes: spans of values extraction read into personal fields (they
are not recognizer spans and are not passed here), and any part outside the
identifier, so a T.C. kimlik no or IBAN printed beside the invoice number is
still redacted. An identifier value that a recognizer finds on its own (a
checksum-valid TCKN, VKN or IBAN that extraction took for an invoice number, a
phone number) is not trusted as one. Only the invoice family is concerned: on an identity document
"Belge No" is the card's serial, which is personal.
"""

from __future__ import annotations

from typing import Any

from docpipe.families import INVOICE, family_of
from docpipe.redact.analyzer import find_pii
from docpipe.redact.spans import KnownValues

#: The invoice's own identifiers (schema fields marked ``none``): what names the
#: document, never a person.
INVOICE_IDS = ("invoice_number", "ettn", "order_number", "billing_reference")
MIN_ID_CHARS = 4  # shorter values ("12") would clear digits of other numbers
#: A value a recognizer scores this high on its own is personal by itself, whatever
#: field it was read into (checksum-valid TCKN, VKN, IBAN and cards score 1.0, a
#: prefixed phone number 0.6); a bare shape (an ID-card serial's, 0.4) is not.
PERSONAL_BY_ITSELF = 0.5

Span = tuple[int, int, str]


def document_ids(doc_type: str | None, record: dict[str, Any] | None) -> KnownValues:
    """The record's identifier values, to be found on the pages (Turkish-aware, spacing
    ignored: OCR's "FTR2024/ 03901" is "FTR2024/03901")."""
    if family_of(doc_type) is not INVOICE or not record:
        return KnownValues([])
    values = []
    for path in INVOICE_IDS:
        value = record.get(path)
        if not isinstance(value, str) or len(value.strip()) < MIN_ID_CHARS:
            continue
        if not any(c.isdigit() for c in value) or _personal_by_itself(value):
            continue
        values.append((value, "DOCUMENT_ID"))
    return KnownValues(values)


def _personal_by_itself(value: str) -> bool:
    return any(r.score >= PERSONAL_BY_ITSELF for r in find_pii(value))


def without_ids(text: str, spans: list[Span], ids: KnownValues) -> list[Span]:
    """``spans`` (found in ``text``) less the parts on an identifier of the document;
    what is left of a span is trimmed of spaces, and dropped when nothing is."""
    cleared = [(s, e) for s, e, _ in ids.spans(text)]
    if not cleared:
        return spans
    out: list[Span] = []
    for start, end, entity in spans:
        pieces = [(start, end)]
        for c_start, c_end in cleared:
            pieces = [
                piece
                for s, e in pieces
                for piece in ((s, min(e, c_start)), (max(s, c_end), e))
                if piece[1] > piece[0]
            ]
        for s, e in pieces:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e, entity))
    return out
