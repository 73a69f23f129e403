"""The CLI in-process through ``main``: exit codes and the exact user-facing lines."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from docpipe.cli import main
from docpipe.settings import Settings
from tests.conftest import text_pdf
from tests.test_pipeline import INVOICE_LINES


def cli(*args: str) -> int:
    try:
        main(list(args))
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_run_reports_each_bad_file_in_one_line(
    tmp_path: Path,
    settings: Settings,
    bad_files: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    text_pdf(INVOICE_LINES, bad_files["empty"].parent / "good.pdf")
    code = cli("run", str(bad_files["empty"].parent), "--db", settings.database_url)
    captured = capsys.readouterr()
    assert code == 1
    lines = [ln for ln in captured.err.splitlines() if ln.startswith("✗")]
    assert len(lines) == 4
    assert f"✗ {bad_files['empty']}: the file is empty (0 bytes)" in captured.err
    assert f"✗ {bad_files['encrypted']}: the PDF is password-protected" in captured.err
    assert f"✗ {bad_files['text_named_pdf']}: this is plain text" in captured.err
    assert "needs review" in captured.out


def test_run_list_show_export(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    assert cli("run", str(pdf), "--db", settings.database_url) == 0
    capsys.readouterr()
    assert cli("list", "--db", settings.database_url) == 0
    listed = capsys.readouterr().out
    assert "a.pdf" not in listed and "invoice" in listed  # names are stored as a keyed hash
    assert cli("show", "1", "--db", settings.database_url) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["extraction"]["record"]["seller"]["vkn"] == "4540536920"
    assert shown["extraction"]["evidence"]["seller.vkn"]["engine"] == "rules"
    assert cli("export", "--format", "csv", "--db", settings.database_url) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["seller_vkn"] == "4540536920" and rows[0]["type"] == "invoice"
    assert cli("show", "99", "--db", settings.database_url) == 2
    assert "no document with id 99; see `docpipe list`" in capsys.readouterr().err
    out = tmp_path / "out.json"
    assert cli("export", "--format", "json", "-o", str(out), "--db", settings.database_url) == 0
    assert json.loads(out.read_text(encoding="utf-8"))[0]["record"]["invoice_number"]


def test_run_json_lines(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = text_pdf(INVOICE_LINES, tmp_path / "a.pdf")
    assert cli("run", str(pdf), "--json", "--no-store") == 0
    line = json.loads(capsys.readouterr().out.strip())
    assert line["doc_type"] == "invoice" and "evidence" not in line


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["run", "/no/such/folder"], 2, "docpipe: error: /no/such/folder: no such file or folder"),
        (["show", "99"], 7, "docpipe: error: no database at "),
        (["export", "--format", "xml"], 2, "docpipe: error: unknown export format 'xml'"),
        (["run", ".", "--engine", "magic"], 4, "docpipe: error: invalid docpipe settings (engine"),
        (["list", "--db", "postgresql+psycopg://u:s3cret@127.0.0.1:1/x"], 7, "docpipe: error:"),
    ],
)
def test_errors_are_one_line(
    args: list[str], code: int, message: str, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--db" not in args:
        args = [*args, "--db", settings.database_url]
    assert cli(*args) == code
    err = capsys.readouterr().err
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 1
    assert "s3cret" not in err


def test_schemas_check_detects_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("schemas", str(tmp_path)) == 0
    assert cli("schemas", str(tmp_path), "--check") == 0
    (tmp_path / "invoice.json").write_text("{}", encoding="utf-8")
    assert cli("schemas", str(tmp_path), "--check") == 1
    assert "out of date: invoice.json" in capsys.readouterr().err
