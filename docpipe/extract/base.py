"""The engine interface: a read Document and a schema in, a record and evidence out.

Contract for engine authors:

- An engine MUST be constructible from its options object alone, MUST be a
  context manager (models, sessions and temporary files are released on exit),
  and MUST return, for every field it fills, an ``Evidence`` keyed by the
  field's dotted path (``seller.vkn``, ``line_items.0.amount``).
- An engine MUST NOT log, print or put into exception messages any value it
  read from a document; field names and document ids only.
- An engine SHOULD leave a field empty rather than guess, and SHOULD lower
  the confidence of values it is unsure of.
- An engine MAY decline a document type by raising ``UnsupportedDocType``;
  the pipeline then stores the document with its type and no record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from docpipe.document import Document, Evidence
from docpipe.errors import EngineError
from docpipe.result import Check
from docpipe.schemas import SchemaModel


class UnsupportedDocType(EngineError):
    category = "unsupported_doc_type"


@dataclass(frozen=True)
class Extraction:
    """What an engine returns: the record and evidence per dotted field path."""

    record: SchemaModel
    evidence: dict[str, Evidence] = field(default_factory=dict)
    engine: str = ""
    model: str | None = None
    rejected: dict[str, str] = field(default_factory=dict)  # path -> reason the schema gave
    checks: tuple[Check, ...] = ()  # engine findings beyond the schema (e.g. engine_agreement)
    #: (path, value) of everything the engine read, rejected values included
    #: (``docpipe.extract.record.read_values``): the redaction hides them in the text
    read: tuple[tuple[str, str], ...] = ()


@runtime_checkable
class Engine(Protocol):
    name: str

    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *exc_info: object) -> None: ...
