"""The long form every tabular export shares: four sheets of typed rows.

- ``documents``: one row per document (id, file as stored, type, status, dates,
  seller/buyer names and ids as stored, i.e. redacted, totals, failed checks);
- ``line_items``: one row per invoice line, with the document id and invoice number;
- ``kdv``: one row per KDV (VAT) rate of an invoice;
- ``checks``: one row per validation check, with its reason.

Values come from the stored (redacted) record, so an export holds no more
personal data than the database. Each column declares its kind once; XLSX turns
the kind into a number format, CSV into the dialect's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from docpipe.store import DocumentView

Kind = Literal["int", "text", "money", "quantity", "percent", "date", "datetime", "bool"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[DocumentView], Iterator[tuple[Any, ...]]]


def _columns(*spec: str) -> tuple[Column, ...]:
    """``"name:kind"`` pairs (kind ``text`` when left out)."""
    out = []
    for item in spec:
        name, _, kind = item.partition(":")
        out.append(Column(name, kind or "text"))  # type: ignore[arg-type]
    return tuple(out)


DOCUMENT_COLUMNS = _columns(
    "id:int", "file", "type", "status", "stored_utc:datetime",
    "invoice_number", "issue_date:date", "due_date:date",
    "seller_name", "seller_vkn", "seller_tckn", "buyer_name", "buyer_vkn", "buyer_tckn",
    "currency", "subtotal:money", "kdv_total:money", "total_with_taxes:money",
    "payable_amount:money", "failed_checks:int",
)  # fmt: skip
LINE_COLUMNS = _columns(
    "document_id:int", "invoice_number", "line:int", "description", "quantity:quantity",
    "unit", "unit_price:money", "discount:money", "kdv_rate:percent", "kdv_amount:money",
    "amount:money", "exemption_code",
)  # fmt: skip
KDV_COLUMNS = _columns(
    "document_id:int", "invoice_number", "rate:percent", "base:money", "amount:money",
    "exemption_code", "exemption_reason",
)  # fmt: skip
CHECK_COLUMNS = _columns(
    "document_id:int", "invoice_number", "status", "check", "field", "passed:bool", "reason"
)


def _record(view: DocumentView) -> dict[str, Any]:
    return view.extraction.record if view.extraction is not None else {}


def _get(record: dict[str, Any], *path: str) -> Any:
    node: Any = record
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _document_rows(view: DocumentView) -> Iterator[tuple[Any, ...]]:
    rec = _record(view)
    checks = view.extraction.checks if view.extraction is not None else []
    yield (
        view.id, view.file_name, view.doc_type, view.status.value, view.created_at,
        rec.get("invoice_number"), rec.get("issue_date"), rec.get("due_date"),
        _get(rec, "seller", "name"), _get(rec, "seller", "vkn"), _get(rec, "seller", "tckn"),
        _get(rec, "buyer", "name"), _get(rec, "buyer", "vkn"), _get(rec, "buyer", "tckn"),
        rec.get("currency"), rec.get("subtotal"), rec.get("kdv_total"),
        rec.get("total_with_taxes"), rec.get("payable_amount"),
        sum(1 for c in checks if not c.get("passed", True)),
    )  # fmt: skip


def _line_rows(view: DocumentView) -> Iterator[tuple[Any, ...]]:
    rec = _record(view)
    for number, item in enumerate(rec.get("line_items") or [], start=1):
        yield (
            view.id, rec.get("invoice_number"), number, item.get("description"),
            item.get("quantity"), item.get("unit"), item.get("unit_price"), item.get("discount"),
            item.get("kdv_rate"), item.get("kdv_amount"), item.get("amount"),
            item.get("exemption_code"),
        )  # fmt: skip


def _kdv_rows(view: DocumentView) -> Iterator[tuple[Any, ...]]:
    rec = _record(view)
    for row in rec.get("kdv") or []:
        yield (
            view.id, rec.get("invoice_number"), row.get("rate"), row.get("base"),
            row.get("amount"), row.get("exemption_code"), row.get("exemption_reason"),
        )  # fmt: skip


def _check_rows(view: DocumentView) -> Iterator[tuple[Any, ...]]:
    rec = _record(view)
    for check in view.extraction.checks if view.extraction is not None else []:
        yield (
            view.id, rec.get("invoice_number"), view.status.value, check.get("name"),
            check.get("field"), bool(check.get("passed")), check.get("reason") or None,
        )  # fmt: skip


SHEETS: dict[str, Sheet] = {
    sheet.name: sheet
    for sheet in (
        Sheet("documents", DOCUMENT_COLUMNS, _document_rows),
        Sheet("line_items", LINE_COLUMNS, _line_rows),
        Sheet("kdv", KDV_COLUMNS, _kdv_rows),
        Sheet("checks", CHECK_COLUMNS, _check_rows),
    )
}


def typed(value: Any, kind: Kind) -> Any:
    """A stored JSON value as its column's Python type; text that does not parse (a
    redacted or misread value) stays text, so nothing is dropped."""
    if value is None or value == "":
        return None
    try:
        if kind in ("money", "quantity", "percent"):
            number = value if isinstance(value, Decimal) else Decimal(str(value))
            return number if number.is_finite() else str(value)
        if kind == "date":
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        if kind == "datetime":  # UTC, without a zone: spreadsheets have none
            moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
            return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
        if kind == "int":
            return int(value)
        if kind == "bool":
            return bool(value)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    return str(value)
