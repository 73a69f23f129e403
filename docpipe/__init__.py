"""docpipe: Turkish business documents to validated, typed records, on your own machine.

The public Python API is exactly what this module exports::

    import docpipe

    result = docpipe.process("fatura.pdf")          # one file, default settings
    if result.status is docpipe.Status.ok:
        invoice = result.typed_record()             # a docpipe.Invoice

    settings = docpipe.load_settings(database_url="sqlite:///office.db")
    with docpipe.Pipeline(settings) as pipeline:    # many files, one engine, one store
        for result in pipeline.process_many(["inbox/"]):
            ...
"""

from __future__ import annotations

import os

# Personal data never leaves the machine: no model or tokenizer is ever fetched from a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from importlib import import_module
from typing import TYPE_CHECKING, Any

from docpipe import libraries

libraries.load_pymupdf_when_imported()  # whichever module of docpipe imports it first

if TYPE_CHECKING:
    from docpipe.document import Evidence
    from docpipe.errors import (
        ConfigError,
        DependencyError,
        DocpipeError,
        EngineError,
        InputError,
        StoreError,
    )
    from docpipe.pipeline import Pipeline, process
    from docpipe.result import Check, ErrorInfo, Result, Status
    from docpipe.schemas import Contract, IdentityDocument, Invoice
    from docpipe.settings import Settings, load_settings

#: Where each public name lives. Loaded on first use, so that a process importing one
#: module (a worker, ``docpipe.settings``) does not pay for the pipeline, the store and
#: PyMuPDF before it needs them.
_EXPORTS = {
    "Evidence": "docpipe.document",
    **dict.fromkeys(
        (
            "ConfigError",
            "DependencyError",
            "DocpipeError",
            "EngineError",
            "InputError",
            "StoreError",
        ),
        "docpipe.errors",
    ),
    "Pipeline": "docpipe.pipeline",
    "process": "docpipe.pipeline",
    **dict.fromkeys(("Check", "ErrorInfo", "Result", "Status"), "docpipe.result"),
    **dict.fromkeys(("Contract", "IdentityDocument", "Invoice"), "docpipe.schemas"),
    **dict.fromkeys(("Settings", "load_settings"), "docpipe.settings"),
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'docpipe' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Check",
    "ConfigError",
    "Contract",
    "DependencyError",
    "DocpipeError",
    "EngineError",
    "ErrorInfo",
    "Evidence",
    "IdentityDocument",
    "InputError",
    "Invoice",
    "Pipeline",
    "Result",
    "Settings",
    "Status",
    "StoreError",
    "__version__",
    "load_settings",
    "process",
]
