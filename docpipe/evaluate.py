"""Field-level scoring of extraction against ground truth files.

Ground truth (stable, other data sets use it): beside ``X.pdf`` (or any
supported file) lies ``X.truth.json`` = ``{"doc_type": "invoice|id_card|passport|
contract", "fields": {"<dotted.path>": value}}``, values as the schema serialises
to JSON. Fields absent from a truth file are not scored. Strings compare after
Turkish-aware case folding and whitespace collapsing; numbers compare as
decimals (``"2"`` equals ``"2.00"``). Reports carry paths and counts only.

Two optional keys: ``"clauses"`` (a list of ``{"number", "heading", "page_start",
"page_end"}``: a clause counts as detected when the record holds one with the same
number, heading, first and last page) and ``"expect_status"`` (``ok`` or
``needs_review``: whether the checks must flag the document).
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

from docpipe.errors import InputError
from docpipe.pipeline import Pipeline
from docpipe.result import Result
from docpipe.settings import Settings
from docpipe.text.turkish import normalise_for_compare

TRUTH_SUFFIX = ".truth.json"
Outcome = Literal["correct", "missing", "wrong"]
_NUMERIC = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?$")
_INDEX = re.compile(r"\.\d+(?=\.|$)")


@dataclass(frozen=True)
class Truth:
    doc_type: str
    fields: dict[str, Any]
    clauses: tuple[dict[str, Any], ...] = ()
    expect_status: str | None = None


@dataclass
class FieldScore:
    field: str
    total: int = 0
    correct: int = 0
    missing: int = 0
    wrong: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class DocumentScore:
    path: str
    group: str
    truth_type: str
    predicted_type: str | None
    status: str
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    clauses_expected: int = 0
    clauses_detected: int = 0
    clauses_predicted: int = 0
    expect_status: str | None = None

    @property
    def correct(self) -> int:
        return sum(1 for o in self.outcomes.values() if o == "correct")


@dataclass
class Report:
    documents: list[DocumentScore]

    def by_field(self, by: Literal["truth_type", "group"] = "truth_type") -> list[FieldScore]:
        scores: dict[str, FieldScore] = {}
        for doc in self.documents:
            for path, outcome in doc.outcomes.items():
                key = f"{getattr(doc, by)}:{_INDEX.sub('.*', path)}"
                score = scores.setdefault(key, FieldScore(key))
                score.total += 1
                setattr(score, outcome, getattr(score, outcome) + 1)
        return sorted(scores.values(), key=lambda s: s.field)

    def by(self, attribute: Literal["truth_type", "group"]) -> dict[str, FieldScore]:
        out: dict[str, FieldScore] = {}
        for doc in self.documents:
            key = getattr(doc, attribute)
            score = out.setdefault(key, FieldScore(key))
            for outcome in doc.outcomes.values():
                score.total += 1
                setattr(score, outcome, getattr(score, outcome) + 1)
        return dict(sorted(out.items()))

    @property
    def total(self) -> FieldScore:
        score = FieldScore("all")
        for s in self.by("truth_type").values():
            score.total += s.total
            score.correct += s.correct
            score.missing += s.missing
            score.wrong += s.wrong
        return score

    def clause_detection(self) -> dict[str, dict[str, float]]:
        """Per group: clauses expected, detected, predicted; recall and precision."""
        out: dict[str, dict[str, float]] = {}
        for doc in self.documents:
            if not doc.clauses_expected:
                continue
            g = out.setdefault(doc.group, {"expected": 0, "detected": 0, "predicted": 0})
            g["expected"] += doc.clauses_expected
            g["detected"] += doc.clauses_detected
            g["predicted"] += doc.clauses_predicted
        for g in out.values():
            g["rate"] = g["detected"] / g["expected"] if g["expected"] else 0.0
            g["precision"] = g["detected"] / g["predicted"] if g["predicted"] else 0.0
        return dict(sorted(out.items()))

    @property
    def status_mismatches(self) -> list[str]:
        """Documents whose status differs from the truth file's ``expect_status``."""
        return [
            d.path
            for d in self.documents
            if d.expect_status is not None and d.status != d.expect_status
        ]

    @property
    def doc_type_accuracy(self) -> float:
        if not self.documents:
            return 0.0
        hits = sum(1 for d in self.documents if d.predicted_type == d.truth_type)
        return hits / len(self.documents)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": len(self.documents),
            "doc_type_accuracy": self.doc_type_accuracy,
            "field_accuracy": self.total.accuracy,
            "fields": asdict(self.total),
            "by_doc_type": {
                k: {**asdict(v), "accuracy": v.accuracy} for k, v in self.by("truth_type").items()
            },
            "by_group": {
                k: {**asdict(v), "accuracy": v.accuracy} for k, v in self.by("group").items()
            },
            "by_field": [{**asdict(s), "accuracy": s.accuracy} for s in self.by_field()],
            "by_field_and_group": [
                {**asdict(s), "accuracy": s.accuracy} for s in self.by_field("group")
            ],
            "clause_detection": self.clause_detection(),
            "status_mismatches": self.status_mismatches,
            "per_document": [
                {
                    "path": d.path,
                    "group": d.group,
                    "truth_type": d.truth_type,
                    "predicted_type": d.predicted_type,
                    "status": d.status,
                    "correct": d.correct,
                    "total": len(d.outcomes),
                    "not_correct": {p: o for p, o in d.outcomes.items() if o != "correct"},
                }
                for d in self.documents
            ],
        }


def load_truth(path: Path) -> Truth:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Truth(
            doc_type=str(raw["doc_type"]),
            fields=dict(raw["fields"]),
            clauses=tuple(dict(c) for c in raw.get("clauses", ())),
            expect_status=raw.get("expect_status"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(
            f'{path} is not a truth file: expected {{"doc_type": …, "fields": {{…}}}}'
        ) from None


def truth_pairs(root: Path) -> Iterator[tuple[Path, Path]]:
    """(document, truth file) for every truth file under ``root`` whose document exists."""
    for truth in sorted(root.rglob(f"*{TRUTH_SUFFIX}")):
        stem = truth.name[: -len(TRUTH_SUFFIX)]
        docs = [
            p
            for p in truth.parent.glob(f"{glob.escape(stem)}.*")
            if p.is_file() and not p.name.endswith(TRUTH_SUFFIX)
        ]
        if docs:
            yield sorted(docs)[0], truth


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out.update(flatten(v, f"{prefix}{k}."))
        return out
    if isinstance(value, list):
        out = {}
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}{i}."))
        return out
    return {prefix[:-1]: value}


def _normal(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value)).normalize()
    text = str(value)
    if _NUMERIC.match(text.strip()):
        try:
            return Decimal(text.strip()).normalize()
        except InvalidOperation:
            pass
    return normalise_for_compare(text)


def score_fields(truth: Truth, record: dict[str, Any] | None) -> dict[str, Outcome]:
    predicted = flatten(record or {})
    outcomes: dict[str, Outcome] = {}
    for path, expected in truth.fields.items():
        got = predicted.get(path)
        if got is None or got == "":
            outcomes[path] = "missing"
        elif _normal(got) == _normal(expected):
            outcomes[path] = "correct"
        else:
            outcomes[path] = "wrong"
    return outcomes


def _same_clause(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return (
        _normal(got.get("number")) == _normal(expected.get("number"))
        and _normal(got.get("heading")) == _normal(expected.get("heading"))
        and got.get("page_start") == expected.get("page_start")
        and got.get("page_end") == expected.get("page_end")
    )


def score_clauses(truth: Truth, record: dict[str, Any] | None) -> tuple[int, int]:
    """(clauses detected, clauses predicted) of a record against the truth's clauses."""
    got = [c for c in (record or {}).get("clauses", []) if isinstance(c, dict)]
    detected = sum(1 for t in truth.clauses if any(_same_clause(t, g) for g in got))
    return detected, len(got)


def evaluate(root: Path, settings: Settings) -> Report:
    """Extract every document under ``root`` that has a truth file, and score it."""
    settings = settings.model_copy(update={"store_results": False})
    documents: list[DocumentScore] = []
    with Pipeline(settings) as pipeline:
        for doc_path, truth_path in truth_pairs(root):
            truth = load_truth(truth_path)
            result: Result = pipeline.process(doc_path)
            rel = doc_path.relative_to(root)
            detected, predicted = score_clauses(truth, result.record)
            documents.append(
                DocumentScore(
                    path=str(rel),
                    group=str(rel.parent) if str(rel.parent) != "." else truth.doc_type,
                    truth_type=truth.doc_type,
                    predicted_type=result.doc_type,
                    status=result.status.value,
                    outcomes=score_fields(truth, result.record),
                    clauses_expected=len(truth.clauses),
                    clauses_detected=detected,
                    clauses_predicted=predicted,
                    expect_status=truth.expect_status,
                )
            )
    return Report(documents)


__all__ = [
    "Report",
    "Truth",
    "evaluate",
    "flatten",
    "load_truth",
    "score_clauses",
    "score_fields",
    "truth_pairs",
]
