"""Exports accountants use: XLSX sheets, CSV (plain and excel-tr), JSON Lines, filters.

One real e-Arşiv XML (a private person as buyer) goes through the pipeline into a
SQLite store once per module; the filters are checked on results saved straight into
a store of their own (what is under test there is the export, not the reading).
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import update

from docpipe import Pipeline, load_settings
from docpipe.cli import main
from docpipe.errors import UsageError
from docpipe.export import SHEETS, ExportFilter, write
from docpipe.result import Check, Result, Status
from docpipe.store import Store
from docpipe.store.models import DocumentTable
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "xml" / "earsiv_01.xml"
TRUTH = json.loads((SAMPLES / "xml" / "earsiv_01.truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the sample, processed for real (redacted as stored)."""
    from docpipe.redact.vault import KEY_ENV, new_key

    folder = tmp_path_factory.mktemp("export")
    url = f"sqlite:///{folder / 'docpipe.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(KEY_ENV, new_key())
        with Pipeline(load_settings(database_url=url)) as pipeline:
            result = pipeline.process(SAMPLE)
    assert result.status is Status.ok and result.document_id is not None
    return url


def _export(url: str, fmt: str, filters: ExportFilter | None = None, **kw: str) -> bytes:
    buffer = io.BytesIO()
    with Store(url) as store:
        write(store, fmt, buffer, filters, **kw)
    return buffer.getvalue()


def test_xlsx_has_the_four_sheets_typed_frozen_and_filtered(stored: str) -> None:
    book = load_workbook(io.BytesIO(_export(stored, "xlsx")))
    assert book.sheetnames == ["documents", "line_items", "kdv", "checks"]
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert [c.value for c in ws[1]] == [c.name for c in SHEETS[ws.title].columns]
    lines = book["line_items"]
    header = [c.value for c in lines[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in lines.iter_rows(2)]
    assert len(rows) == sum(1 for k in TRUTH["fields"] if k.endswith(".description"))
    first = rows[0]
    assert first["invoice_number"] == TRUTH["fields"]["invoice_number"] and first["line"] == 1
    assert first["amount"] == pytest.approx(float(TRUTH["fields"]["line_items.0.amount"]))
    assert first["description"] == TRUTH["fields"]["line_items.0.description"]
    amount_cell = lines.cell(row=2, column=header.index("amount") + 1)
    assert amount_cell.data_type == "n" and amount_cell.number_format == "#,##0.00"
    docs = book["documents"]
    dheader = [c.value for c in docs[1]]
    issue = docs.cell(row=2, column=dheader.index("issue_date") + 1)
    assert issue.is_date and issue.value.date() == date.fromisoformat(TRUTH["fields"]["issue_date"])
    assert issue.number_format == "DD.MM.YYYY"
    kdv = book["kdv"]
    assert kdv.cell(row=2, column=3).value == pytest.approx(float(TRUTH["fields"]["kdv.0.rate"]))
    checks = [[c.value for c in row] for row in book["checks"].iter_rows(2)]
    assert checks and all(row[5] is True for row in checks)  # an ok record: every check passed


def test_a_record_that_needs_review_exports_its_failed_checks_with_reasons(
    tmp_path: Path,
) -> None:
    """What a review sheet is built from: every failed check of a real needs_review
    document, with its reason, in the XLSX checks sheet and the excel-tr CSV alike."""
    from docpipe.redact.vault import new_key
    from tests.conftest import text_pdf
    from tests.test_pipeline import INVOICE_LINES

    url = f"sqlite:///{tmp_path / 'r.db'}"
    pdf = text_pdf(INVOICE_LINES, tmp_path / "eksik.pdf")  # no totals: checks fail
    with Pipeline(load_settings(database_url=url, vault_key=new_key())) as pipeline:
        result = pipeline.process(pdf)
    assert result.status is Status.needs_review
    failed = {(c.name, c.field, c.reason) for c in result.failed_checks}
    assert failed and all(reason for _, _, reason in failed)

    book = load_workbook(io.BytesIO(_export(url, "xlsx")))
    header = [c.value for c in book["checks"][1]]
    rows = [
        dict(zip(header, (c.value for c in r), strict=True)) for r in book["checks"].iter_rows(2)
    ]
    assert {(r["check"], r["field"], r["reason"]) for r in rows if r["passed"] is False} == failed
    assert {r["status"] for r in rows} == {"needs_review"}
    docs = book["documents"]
    dheader = [c.value for c in docs[1]]
    assert docs.cell(row=2, column=dheader.index("failed_checks") + 1).value == len(failed)
    text = _export(url, "csv", sheet="checks", dialect="excel-tr").decode("utf-8-sig")
    for _, _, reason in failed:
        assert reason in text


def test_csv_excel_tr_is_bom_semicolon_decimal_comma_crlf(stored: str) -> None:
    data = _export(stored, "csv", dialect="excel-tr", sheet="line_items")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[0].startswith("document_id;invoice_number;line;description;quantity")
    assert "\n" not in text.replace("\r\n", "")
    first = lines[1].split(";")
    header = lines[0].split(";")
    assert first[header.index("amount")] == "47344,00"  # 47344.00 in the record
    documents = _export(stored, "csv", dialect="excel-tr")[3:].decode()
    row = dict(zip(*(line.split(";") for line in documents.split("\r\n")[:2]), strict=True))
    assert row["subtotal"] == "233707,00" and row["issue_date"] == "26.11.2023"


def test_csv_plain_is_comma_and_decimal_point(stored: str) -> None:
    data = _export(stored, "csv", sheet="kdv")
    assert not data.startswith(b"\xef\xbb\xbf")
    header, first, *_ = data.decode().split("\n")
    row = dict(zip(header.split(","), first.split(","), strict=True))
    assert row["base"] == "233707.00" and row["rate"] == "20"


def test_jsonl_is_one_document_a_line_with_checks(stored: str) -> None:
    lines = _export(stored, "jsonl").decode().splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["record"]["invoice_number"] == TRUTH["fields"]["invoice_number"]
    assert doc["checks"] and {"name", "field", "passed", "reason"} <= set(doc["checks"][0])
    assert json.loads(_export(stored, "json"))[0]["id"] == doc["id"]


def test_no_export_holds_a_clear_personal_value(stored: str) -> None:
    fields = TRUTH["fields"]
    personal = [
        fields["buyer.tckn"],
        fields["buyer.name"],
        fields["buyer.phone"],
        fields["buyer.phone"].replace(" ", ""),
        fields["buyer.address"],
    ]
    for fmt, kw in [
        ("xlsx", {}),
        ("json", {}),
        ("jsonl", {}),
        *[("csv", {"sheet": s, "dialect": d}) for s in SHEETS for d in ("plain", "excel-tr")],
    ]:
        data = _export(stored, fmt, **kw)
        if fmt == "xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                text = "".join(archive.read(n).decode() for n in archive.namelist())
        else:
            text = data.decode("utf-8-sig")
        for value in personal:
            assert value not in text, (fmt, kw)
        assert "71*******44" in text or fmt == "csv"  # the masked TCKN is what is stored


# -- filters, on results saved into a store of their own ------------------------------


def _save(store: Store, n: int, status: Status, doc_type: str, stored_at: datetime) -> int:
    record = {"invoice_number": f"INV{n}", "payable_amount": "=1+1", "line_items": []}
    checks = [Check(name="totals", field="payable_amount", passed=status is Status.ok)]
    result = Result(
        path=f"/in/{n}.pdf", sha256=f"{n:064x}", status=status, doc_type=doc_type,
        engine="rules", schema_name="Invoice", schema_version="1.0", record=record,
        checks=checks,
    )  # fmt: skip
    doc_id = store.save_result(result, source_path=f"/in/{n}.pdf", file_name=f"{n}.pdf",
                               size_bytes=1)  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(
            update(DocumentTable).where(DocumentTable.id == doc_id).values(created_at=stored_at)
        )
    return doc_id


def test_filters_by_status_type_and_stored_day(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    jan = datetime(2025, 1, 15, 23, 30, tzinfo=UTC)
    with Store(url) as store:
        ok_jan = _save(store, 1, Status.ok, "invoice", jan)
        review_jan = _save(store, 2, Status.needs_review, "invoice", jan)
        ok_feb = _save(store, 3, Status.ok, "invoice", jan + timedelta(days=20))
        contract = _save(store, 4, Status.ok, "contract", jan + timedelta(days=1))

    def ids(filters: ExportFilter) -> list[int]:
        return [json.loads(line)["id"] for line in _export(url, "jsonl", filters).splitlines()]

    assert ids(ExportFilter()) == [ok_jan, review_jan, ok_feb, contract]
    assert ids(ExportFilter(status="needs_review")) == [review_jan]
    assert ids(ExportFilter(doc_type="contract")) == [contract]
    assert ids(ExportFilter(since=date(2025, 1, 16))) == [ok_feb, contract]
    assert ids(ExportFilter(until=date(2025, 1, 15))) == [ok_jan, review_jan]
    assert ids(ExportFilter(status="ok", doc_type="invoice", until=date(2025, 1, 31))) == [ok_jan]
    with pytest.raises(UsageError, match="unknown status"):
        ExportFilter(status="done")
    with pytest.raises(UsageError, match="before"):
        ExportFilter(since=date(2025, 2, 1), until=date(2025, 1, 1))
    # a formula-looking value never becomes a formula, in CSV or XLSX
    assert "'=1+1" in _export(url, "csv", dialect="excel-tr").decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(_export(url, "xlsx")))["documents"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("payable_amount") + 1).value == "'=1+1"
    with Store(url) as store:
        assert any(e.action == "export" for e in store.list_audit())


def _cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_cli_export_writes_xlsx_and_filters(
    stored: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "docs.xlsx"
    assert _cli("export", "--db", stored, "--format", "xlsx", "--out", str(out)) == 0
    assert "line_items" in load_workbook(out).sheetnames
    assert not list(tmp_path.glob("*.part"))
    assert _cli("export", "--db", stored, "--format", "jsonl", "--status", "ok", "--type",
                "invoice", "--since", "2000-01-01", "--until", "2999-12-31") == 0  # fmt: skip
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert _cli("export", "--db", stored, "--format", "jsonl", "--since", "2999-01-01") == 0
    assert capsys.readouterr().out == ""
    assert _cli("export", "--db", stored, "--format", "ods") == 2
    assert "unknown export format 'ods'" in capsys.readouterr().err
