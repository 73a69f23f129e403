"""Every extracted field carries evidence; no personal value reaches logs or CLI output."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from docpipe.cli import main
from docpipe.evaluate import flatten, load_truth, truth_pairs
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings, load_settings
from tests.conftest import SAMPLES

PERSONAL = (
    "name", "vkn", "tckn", "address", "phone", "email", "iban", "mersis", "tax_office",
    "surname", "given_names", "mother_name", "father_name", "birth_place", "document_number",
    "mrz_lines",
)  # fmt: skip
# values that are not identifying on their own (a tax office named like a district, etc.)
MIN_LENGTH = 6


def _personal_values() -> set[str]:
    values: set[str] = set()
    for _, truth_path in truth_pairs(SAMPLES):
        for path, value in load_truth(truth_path).fields.items():
            keys = path.split(".")
            personal = (keys[-1] in PERSONAL or keys[0] in PERSONAL) and isinstance(value, str)
            if personal and len(value) >= MIN_LENGTH:
                values.add(value)
    return values


def test_every_field_has_evidence_on_its_page() -> None:
    with Pipeline(load_settings(store_results=False)) as pipe:
        for doc, _ in truth_pairs(SAMPLES / "invoices"):
            result = pipe.process(doc)
            assert result.record is not None
            for path in flatten(result.record):
                evidence = result.evidence.get(path)
                assert evidence is not None, (doc.name, path)
                assert evidence.engine == "rules" and 0 < evidence.confidence <= 1
                if path in ("kind", "currency"):
                    continue  # may be inferred from the whole document
                assert evidence.page is not None and evidence.bbox is not None, (doc.name, path)
                x0, y0, x1, y1 = evidence.bbox
                assert 0 <= x0 <= x1 <= 595.3 and 0 <= y0 <= y1 <= 842, (doc.name, path)
                assert evidence.source_text, (doc.name, path)


def test_no_personal_data_in_logs_or_cli_output(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    personal = _personal_values()
    assert len(personal) > 50  # the samples do carry personal data to leak
    settings: Settings = load_settings(database_url=f"sqlite:///{tmp_path / 'x.db'}")
    with caplog.at_level(logging.DEBUG):
        try:
            main(["run", str(SAMPLES), "--db", settings.database_url])
        except SystemExit as exc:
            assert exc.code in (0, None)
        try:
            main(["list", "--db", settings.database_url])
        except SystemExit as exc:
            assert exc.code in (0, None)
    captured = capsys.readouterr()
    emitted = caplog.text + captured.out + captured.err
    leaked = sorted(v for v in personal if v in emitted)
    assert not leaked, f"{len(leaked)} personal values leaked"
