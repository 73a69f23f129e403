"""ZIP packages and XML + PDF pairs: each invoice once; ZIP bombs and traversal refused."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from docpipe.errors import TooLargeError, UnsafeFileError
from docpipe.files import iter_files
from docpipe.ingest.containers import Member, pair_renditions, safe_name, unpack_zip
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings, load_settings
from tests.conftest import SAMPLES
from tests.hostile import _zip_bomb

PACKAGE = SAMPLES / "xml" / "paket_01.zip"


@pytest.fixture(scope="module")
def nostore() -> Settings:
    return load_settings(store_results=False)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_package_members_come_xml_first_with_renditions_paired(nostore: Settings) -> None:
    members = unpack_zip(PACKAGE.read_bytes(), nostore)
    assert [m.name.endswith(".xml") for m in members] == [True] * 3 + [False] * 3
    xml_names = {m.name for m in members[:3]}
    assert {m.rendition_of for m in members[3:]} == xml_names


def test_a_package_is_processed_once_per_invoice(nostore: Settings) -> None:
    with Pipeline(nostore) as pipe:
        summary = pipe.process(PACKAGE)
        parts = pipe.process_all(PACKAGE)
    assert summary.status.value == "ok" and summary.media_type == "application/zip"
    assert [p.status.value for p in parts] == ["ok"] * 3 + ["duplicate"] * 3
    assert {p.engine for p in parts[:3]} == {"ubl"}
    assert all(p.path.startswith(str(PACKAGE)) for p in parts)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (_zip_bomb(), "ZIP bomb"),
        (_zip({"../../etc/cron.d/x.xml": b"<a/>"}), "path traversal"),
        (_zip({"/etc/passwd.xml": b"<a/>"}), "path traversal"),
        (_zip({"..\\..\\windows\\x.xml": b"<a/>"}), "path traversal"),
        (b"PK\x03\x04" + b"\x00" * 60, "damaged"),
    ],
)
def test_hostile_zip_fails_with_one_clear_line(
    data: bytes, needle: str, tmp_path: Path, nostore: Settings
) -> None:
    path = tmp_path / "paket.zip"
    path.write_bytes(data)
    with Pipeline(nostore) as pipe:
        result = pipe.process(path)
    assert result.status.value == "failed" and result.error is not None
    assert needle in result.error.reason and "\n" not in result.error.reason
    assert "passwd" not in result.error.reason and "cron" not in result.error.reason
    assert not result.parts


def test_a_zip_inside_a_zip_is_not_unpacked(tmp_path: Path, nostore: Settings) -> None:
    path = tmp_path / "outer.zip"
    path.write_bytes(_zip({"inner.zip": _zip({"a.xml": b"<a/>"})}))
    with Pipeline(nostore) as pipe:
        (part,) = pipe.process_all(path)
    assert part.status.value == "failed" and "inside the ZIP" in part.error.reason


def test_member_count_limit(nostore: Settings) -> None:
    few = load_settings(store_results=False, zip_max_members=2)
    data = _zip({f"{i}.xml": b"<a/>" for i in range(3)})
    with pytest.raises(TooLargeError, match="zip_max_members"):
        unpack_zip(data, few)
    assert len(unpack_zip(data, nostore)) == 3


def test_safe_names() -> None:
    assert safe_name("2025/ABC2025000000001.xml") == "2025/ABC2025000000001.xml"
    for bad in ("../x.xml", "a/../../x.xml", "/abs.xml", "C:\\x.xml", "a\\..\\..\\x"):
        with pytest.raises(UnsafeFileError):
            safe_name(bad)


def test_unpaired_pdf_stays_its_own_document() -> None:
    members = pair_renditions([Member("a.pdf", b"%PDF"), Member("b.xml", b"<a/>")])
    assert [(m.name, m.rendition_of) for m in members] == [("b.xml", None), ("a.pdf", None)]


def test_folder_pair_reads_xml_first_and_stores_one_invoice(
    tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SAMPLES / "invoices" / "efatura_01.pdf", folder / "efatura_01.pdf")
    shutil.copy(SAMPLES / "xml" / "efatura_01.xml", folder / "efatura_01.xml")
    assert [p.suffix for p in iter_files([folder])] == [".xml", ".pdf"]
    with Pipeline(settings) as pipe:
        results = list(pipe.process_many([folder]))
    xml, pdf = results
    assert xml.status.value == "ok" and xml.engine == "ubl" and xml.document_id
    assert pdf.status.value == "duplicate" and pdf.duplicate_of == xml.document_id


def test_a_failed_member_fails_the_package_with_its_reason(
    tmp_path: Path, nostore: Settings
) -> None:
    good = (SAMPLES / "xml" / "efatura_02.xml").read_bytes()
    path = tmp_path / "paket.zip"
    path.write_bytes(_zip({"a.xml": good, "b.xml": b"<?xml version='1.0'?><Invoice"}))
    with Pipeline(nostore) as pipe:
        summary = pipe.process(path)
    assert [p.status.value for p in summary.parts] == ["ok", "failed"]
    assert summary.status.value == "failed"
    assert summary.error is not None and "1 of 2 files" in summary.error.reason


def test_folder_pair_is_one_invoice_without_a_store_too(tmp_path: Path, nostore: Settings) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SAMPLES / "invoices" / "earsiv_02.pdf", folder / "earsiv_02.pdf")
    shutil.copy(SAMPLES / "xml" / "earsiv_02.xml", folder / "earsiv_02.xml")
    shutil.copy(SAMPLES / "invoices" / "earsiv_03.pdf", folder / "earsiv_03.pdf")
    with Pipeline(nostore) as pipe:
        results = {Path(r.path).name: r for r in pipe.process_many([folder])}
    assert results["earsiv_02.xml"].engine == "ubl"
    assert results["earsiv_02.pdf"].status.value == "duplicate"
    assert results["earsiv_03.pdf"].status.value in ("ok", "needs_review")  # no twin: read
