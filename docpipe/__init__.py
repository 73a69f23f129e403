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
