"""Start-up and per-process state: what a process that runs no model loads, and what it builds once.

A fresh interpreter processes digital invoices through ``Pipeline`` with the store and
redaction on (real Presidio, real SQLite): torch, transformers and PyMuPDF's ONNX
layout analyser are never imported, Presidio's analyzer and docpipe's recognizers are
built once for the process, not per document, and a model engine imported afterwards
in the same process still gets torch.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
INVOICES = sorted((ROOT / "samples" / "invoices").glob("*.pdf"))[:2]

SCRIPT = """
import json, sys
from docpipe.redact import analyzer as module
built = []
original = module.turkish_recognizers
module.turkish_recognizers = lambda: built.append(1) or original()  # counts the builds
import docpipe
from docpipe.redact.analyzer import analyzer
settings = docpipe.load_settings(database_url="sqlite:///" + sys.argv[1])
engines = []
with docpipe.Pipeline(settings) as pipeline:
    for path in sys.argv[2:]:
        result = pipeline.process(path)
        assert result.status.value in ("ok", "needs_review"), result.error
        engines.append(id(analyzer()))
loaded = [m for m in ("torch", "transformers", "torchvision", "pymupdf.layout") if m in sys.modules]
from docpipe import libraries
from presidio_analyzer.pattern import Pattern
state = {"loaded": loaded, "engines": engines, "built": len(built),
         "contract_rules": "docpipe.extract.rules.contract" in sys.modules,
         "misses": analyzer.cache_info().misses,
         "unchecked": libraries.presidio_patterns_unchecked,
         "check_back": Pattern.__dict__[libraries.PATTERN_CHECK].__func__.__module__}
try:
    import torch  # a model engine in the same process still gets it
    state["torch_after"] = torch.__name__
except ImportError:
    state["torch_after"] = None
print(json.dumps(state))
"""


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from docpipe.redact.vault import KEY_ENV, new_key

    tmp = tmp_path_factory.mktemp("startup")
    env = {**os.environ, "PYTHONPATH": str(ROOT), KEY_ENV: new_key()}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp / "docpipe.db"), *map(str, INVOICES)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_processing_digital_documents_imports_no_model_library(state: dict) -> None:
    assert len(INVOICES) == 2
    assert state["loaded"] == []


def test_invoices_never_load_the_contract_rules(state: dict) -> None:
    """The contract rules (a tenth of what a batch's fork server loads) are imported
    by the first contract, not by a process that reads invoices."""
    assert state["contract_rules"] is False


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch is not installed")
def test_torch_stays_importable_for_a_model_engine_in_the_same_process(state: dict) -> None:
    assert state["torch_after"] == "torch"


def test_presidio_and_the_recognizers_are_built_once_per_process(state: dict) -> None:
    assert state["built"] == 1 and state["misses"] == 1
    assert len(set(state["engines"])) == 1 and len(state["engines"]) == 2


def test_presidio_is_imported_without_checking_its_own_patterns(state: dict) -> None:
    """``libraries.load_presidio`` switched the check off for Presidio's import (a Presidio
    without that method fails here) and put it back: docpipe's patterns are checked."""
    assert state["unchecked"] is True
    assert state["check_back"] == "presidio_analyzer.pattern"


def test_every_predefined_presidio_pattern_compiles_and_new_ones_are_checked() -> None:
    """What the skipped check would have found: every pattern of Presidio's predefined
    recognizers compiles. A pattern made after the import is checked again."""
    import inspect

    import presidio_analyzer.predefined_recognizers as predefined
    import regex
    from presidio_analyzer import Pattern, PatternRecognizer

    import docpipe.redact  # noqa: F401  (loads Presidio the way docpipe does)

    patterns = [
        p
        for _, cls in inspect.getmembers(predefined, inspect.isclass)
        if issubclass(cls, PatternRecognizer)
        for p in getattr(cls, "PATTERNS", [])
    ]
    assert len(patterns) > 100
    for pattern in patterns:
        regex.compile(pattern.regex)
    with pytest.raises(ValueError):
        Pattern("broken", "(unclosed", 0.5)
