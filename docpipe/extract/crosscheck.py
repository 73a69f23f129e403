"""The cross-check: a model engine checked against the rules engine on the same document.

``CrossChecked(primary, reference)`` is an engine: it returns the primary's
record and evidence, and for every leaf field the reference engine also read,
raises the confidence to 1 − (1 − c)(1 − r) when both read the same value
(reference confidence r), or halves it when they differ — and that
disagreement becomes a failed ``engine_agreement`` check (the record goes to
review). Values are compared as amounts when both are numbers, else after
Turkish-aware folding. ``build_engine`` wraps a model engine in it when
``vlm_cross_check`` is on. Nothing here logs or raises a value.
"""

from __future__ import annotations

import time
from decimal import Decimal, InvalidOperation
from typing import Any

from docpipe.document import Document, Evidence
from docpipe.extract.base import Engine, Extraction, UnsupportedDocType
from docpipe.extract.record import leaves
from docpipe.result import Check
from docpipe.schemas import SchemaModel
from docpipe.text.turkish import fold

DISAGREE_FACTOR = 0.5
DISAGREE_REASON = "the model and the rules engine read different values; confidence lowered"
UNCHECKED_CONFIDENCE = 0.5  # a reference value without evidence


class CrossChecked:
    """``primary``'s extraction, each field checked against ``reference``'s reading."""

    def __init__(self, primary: Engine, reference: Engine) -> None:
        self.primary = primary
        self.reference = reference
        self.name = primary.name

    def __enter__(self) -> CrossChecked:
        self.primary.__enter__()
        self.reference.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        try:
            self.reference.__exit__(*exc_info)
        finally:
            self.primary.__exit__(*exc_info)

    def __getattr__(self, name: str) -> Any:
        """The primary engine's own attributes (``timings``, ``runner``, ``options``)."""
        if name in ("primary", "reference"):
            raise AttributeError(name)
        return getattr(self.primary, name)

    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction:
        extraction = self.primary.extract(doc, doc_type, schema)
        started = time.perf_counter()
        reference, reads = self._reference_values(doc, doc_type, schema)
        evidence = dict(extraction.evidence)
        checks = list(extraction.checks)
        data = extraction.record.model_dump(mode="json", exclude_none=True)
        for path, value in leaves(data).items():
            if path not in reference or path not in evidence:
                continue
            other, other_conf = reference[path]
            conf = evidence[path].confidence
            if same_value(value, other):
                conf = 1 - (1 - conf) * (1 - other_conf)
            else:
                conf *= DISAGREE_FACTOR
                checks.append(
                    Check(name="engine_agreement", field=path, passed=False, reason=DISAGREE_REASON)
                )
            evidence[path] = _with_confidence(evidence[path], conf)
        timings = getattr(self.primary, "timings", None)
        if timings is not None:
            timings.add("cross_check", time.perf_counter() - started)
        return Extraction(
            record=extraction.record,
            evidence=evidence,
            engine=extraction.engine,
            model=extraction.model,
            rejected=extraction.rejected,
            checks=tuple(checks),
            read=extraction.read + reads,
        )

    def _reference_values(
        self, doc: Document, doc_type: str, schema: type[SchemaModel]
    ) -> tuple[dict[str, tuple[Any, float]], tuple[tuple[str, str], ...]]:
        """Leaf path -> (value, confidence) as the reference engine reads the document,
        and everything it read (``Extraction.read``: the redaction hides those too)."""
        try:
            extraction = self.reference.extract(doc, doc_type, schema)
        except UnsupportedDocType:
            return {}, ()
        data = extraction.record.model_dump(mode="json", exclude_none=True)
        return {
            path: (
                value,
                extraction.evidence[path].confidence
                if path in extraction.evidence
                else UNCHECKED_CONFIDENCE,
            )
            for path, value in leaves(data).items()
        }, extraction.read


def _with_confidence(evidence: Evidence, conf: float) -> Evidence:
    return evidence.model_copy(update={"confidence": round(max(0.0, min(1.0, conf)), 3)})


def same_value(a: Any, b: Any) -> bool:
    """Equal as amounts when both are numbers, else equal after Turkish-aware folding."""
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        pass
    return fold(str(a)).replace(" ", "") == fold(str(b)).replace(" ", "")
