"""One writer per format, each from the same documents to a binary stream.

- ``xlsx`` (openpyxl, write-only): the four sheets of ``docpipe.export.sheets``;
  numbers are numbers with number formats (``#,##0.00``, shown ``1.234,56`` by a
  Turkish Excel, which localises the separators), dates are dates (``DD.MM.YYYY``),
  the header row is frozen and filtered;
- ``csv``: one sheet (``sheet``), ``plain`` (``,``, ``1234.56``, ISO dates, UTF-8,
  ``\\n``) or ``excel-tr`` (``;``, ``1234,56``, ``DD.MM.YYYY``, UTF-8 with a BOM, CRLF:
  what a Turkish Excel opens by double-click);
- ``json`` (one array) and ``jsonl`` (one document per line): the stored record with
  its checks.

Every text cell goes through ``safe_text.csv_safe``, so no spreadsheet evaluates a
value as a formula (openpyxl would store ``=…`` as one).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from docpipe.export.sheets import SHEETS, Column, Sheet, typed
from docpipe.safe_text import csv_safe
from docpipe.store import DocumentView

#: XLSX number format per column kind (``General`` where a fixed pattern would print
#: ``5,`` for a whole quantity).
XLSX_FORMATS = {
    "int": "0",
    "money": "#,##0.00",
    "quantity": "General",
    "percent": "General",
    "date": "DD.MM.YYYY",
    "datetime": "DD.MM.YYYY HH:MM",
}


def write_xlsx(views: Iterable[DocumentView], stream: IO[bytes]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheets = {}
    counts = dict.fromkeys(SHEETS, 0)
    bold = Font(bold=True)
    for sheet in SHEETS.values():
        ws = book.create_sheet(sheet.name)
        ws.freeze_panes = "A2"
        header = []
        for column in sheet.columns:
            cell = WriteOnlyCell(ws, value=column.name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        sheets[sheet.name] = ws
    documents = 0
    for view in views:
        documents += 1
        for sheet in SHEETS.values():
            ws = sheets[sheet.name]
            for row in sheet.rows(view):
                cells = []
                for column, raw in zip(sheet.columns, row, strict=True):
                    value = typed(raw, column.kind)
                    cell = WriteOnlyCell(ws, value=csv_safe(value))
                    if not isinstance(value, str) and column.kind in XLSX_FORMATS:
                        cell.number_format = XLSX_FORMATS[column.kind]
                    cells.append(cell)
                ws.append(cells)
                counts[sheet.name] += 1
    for sheet in SHEETS.values():
        last = get_column_letter(len(sheet.columns))
        sheets[sheet.name].auto_filter.ref = f"A1:{last}{counts[sheet.name] + 1}"
    book.save(stream)
    return documents


DIALECTS = ("plain", "excel-tr")


def write_csv(
    views: Iterable[DocumentView], stream: IO[bytes], sheet: Sheet, dialect: str = "plain"
) -> int:
    turkish = dialect == "excel-tr"
    text = io.TextIOWrapper(
        stream, encoding="utf-8-sig" if turkish else "utf-8", newline="", write_through=True
    )
    writer = csv.writer(
        text, delimiter=";" if turkish else ",", lineterminator="\r\n" if turkish else "\n"
    )
    writer.writerow([c.name for c in sheet.columns])
    documents = 0
    for view in views:
        documents += 1
        for row in sheet.rows(view):
            writer.writerow(
                [
                    _csv_cell(raw, column, turkish)
                    for column, raw in zip(sheet.columns, row, strict=True)
                ]
            )
    text.flush()
    text.detach()  # the caller owns the stream
    return documents


def _csv_cell(raw: Any, column: Column, turkish: bool) -> Any:
    value = typed(raw, column.kind)
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, bool):
        return ("evet" if value else "hayır") if turkish else str(value).lower()
    if isinstance(value, Decimal):
        plain = format(value, "f")
        return plain.replace(".", ",") if turkish else plain
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M:%S" if turkish else "%Y-%m-%dT%H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if turkish else value.isoformat()
    return value


def document_json(view: DocumentView) -> dict[str, Any]:
    """A document as JSON and JSON Lines write it: the stored record and its checks."""
    ex = view.extraction
    return {
        "id": view.id,
        "file_name": view.file_name,
        "doc_type": view.doc_type,
        "status": view.status.value,
        "stored_at": view.created_at.isoformat(),
        "record": ex.record if ex is not None else None,
        "checks": ex.checks if ex is not None else [],
    }


def write_json(views: Iterable[DocumentView], stream: IO[bytes], *, lines: bool) -> int:
    documents = 0
    if not lines:
        stream.write(b"[")
    for view in views:
        if lines:
            line = json.dumps(document_json(view), ensure_ascii=False, separators=(",", ":"))
            stream.write(line.encode() + b"\n")
        else:
            text = json.dumps(document_json(view), ensure_ascii=False, indent=2)
            stream.write((",\n" if documents else "\n").encode() + text.encode())
        documents += 1
    if not lines:
        stream.write(b"\n]\n")
    return documents
