"""Field accuracy per print design, per split and per variant, and the failure categories.

    python -m samplegen.designs OUT --split all --per-design 6 --variants 2
    python benchmarks/designs_eval.py OUT [--json report.json] [--findings findings.md]

Reads a corpus written by ``samplegen.designs`` (``<split>/<variant>/<design>/…``),
runs the pipeline on every document (nothing stored) and prints, as Markdown:
accuracy per split × variant, per design × variant, the share of clean invoices
(truth ``expect_status: ok``) that end ``ok``, the checks that sent clean invoices
to review, and per design the fields most often missing or wrong with examples
(expected vs read; the corpus is synthetic, so values may be shown). Scoring is
``docpipe.evaluate.score_fields``, the same as ``docpipe eval``.

Documents under ``<split>/faults/`` carry one planted fault (``samplegen.designs.faults``;
their truth names it under ``fault``): per split and fault kind it prints how many went to
review for the right reason (the check the fault breaks), for another reason only, or
were missed (``ok``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.evaluate import flatten, load_truth, score_fields, truth_pairs  # noqa: E402
from docpipe.pipeline import Pipeline  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402
from samplegen.designs.faults import caught  # noqa: E402


@dataclass
class Tally:
    correct: int = 0
    total: int = 0
    docs: int = 0
    clean: int = 0
    clean_ok: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass
class Failure:
    count: int = 0
    missing: int = 0
    examples: list[str] = field(default_factory=list)


def _generic(path: str) -> str:
    return re.sub(r"\.\d+(?=\.|$)", ".*", path)


def _fault(truth_path: Path) -> dict[str, Any] | None:
    return json.loads(truth_path.read_text(encoding="utf-8")).get("fault")


def run(
    root: Path, variants: tuple[str, ...] = ("digital", "scan", "photo", "faults")
) -> dict[str, Any]:
    settings = load_settings().model_copy(update={"store_results": False})
    by_split: dict[str, Tally] = defaultdict(Tally)
    by_design: dict[str, Tally] = defaultdict(Tally)
    failures: dict[str, dict[str, Failure]] = defaultdict(lambda: defaultdict(Failure))
    review_checks: dict[str, Counter[str]] = defaultdict(Counter)
    documents = []
    planted: dict[str, Counter[str]] = defaultdict(Counter)
    with Pipeline(settings) as pipeline:
        for doc_path, truth_path in truth_pairs(root):
            parts = doc_path.relative_to(root).parts
            if len(parts) < 4:
                continue
            split, variant, design = parts[0], parts[1], parts[2]
            if variant not in variants:
                continue
            truth = load_truth(truth_path)
            result = pipeline.process(doc_path)
            fault = _fault(truth_path) if variant == "faults" else None
            if fault is not None:
                failed = [(c.name, c.field or "", c.reason) for c in result.failed_checks]
                verdict = caught(fault["kind"], failed, result.status.value)
                planted[f"{split}/{fault['kind']}"][verdict] += 1
                planted[f"{split}/all"][verdict] += 1
                documents.append(
                    {"path": str(doc_path.relative_to(root)), "status": result.status.value,
                     "fault": fault["kind"], "caught": verdict,
                     "failed": sorted({f"{n}:{f}" for n, f, _ in failed})}
                )  # fmt: skip
                continue
            outcomes = score_fields(truth, result.record)
            read = flatten(result.record or {})
            clean = truth.expect_status == "ok"
            status = result.status.value
            for tally in (
                by_split[f"{split}/{variant}"],
                by_design[f"{design}/{variant}"],
                by_split[f"all/{variant}"],
            ):
                tally.docs += 1
                tally.total += len(outcomes)
                tally.correct += sum(1 for o in outcomes.values() if o == "correct")
                tally.clean += clean
                tally.clean_ok += clean and status == "ok"
            if clean and status != "ok":
                for check in result.checks:
                    if not check.passed:
                        review_checks[design][f"{check.name}:{check.field}"] += 1
            for path, outcome in outcomes.items():
                if outcome == "correct" or variant != "digital":
                    continue
                f = failures[design][_generic(path)]
                f.count += 1
                f.missing += outcome == "missing"
                if len(f.examples) < 3:
                    got = read.get(path)
                    f.examples.append(
                        f"{doc_path.stem} `{path}`: expected `{truth.fields[path]}`, read `{got}`"
                        if got not in (None, "")
                        else f"{doc_path.stem} `{path}`: expected `{truth.fields[path]}`, missing"
                    )
            documents.append(
                {
                    "path": str(doc_path.relative_to(root)),
                    "status": status,
                    "correct": sum(1 for o in outcomes.values() if o == "correct"),
                    "total": len(outcomes),
                    "expect_status": truth.expect_status,
                }
            )
    return {
        "by_split": {k: vars(v) | {"accuracy": v.accuracy} for k, v in sorted(by_split.items())},
        "by_design": {k: vars(v) | {"accuracy": v.accuracy} for k, v in sorted(by_design.items())},
        "failures": {
            d: {p: vars(f) for p, f in sorted(fs.items(), key=lambda x: -x[1].count)}
            for d, fs in sorted(failures.items())
        },
        "review_checks": {d: dict(c.most_common()) for d, c in sorted(review_checks.items())},
        "planted": {k: dict(v) for k, v in sorted(planted.items())},
        "documents": documents,
    }


def _pct(t: dict[str, Any]) -> str:
    return f"{t['accuracy']:.3f} ({t['correct']}/{t['total']})"


def _ok(t: dict[str, Any]) -> str:
    return f"{t['clean_ok']}/{t['clean']}" if t["clean"] else "–"


def totals_markdown(report: dict[str, Any]) -> str:
    """Only totals, for a held-out split: accuracy per split, planted-fault verdicts, and
    the checks that sent clean invoices to review counted over all designs (no per-design
    rows, no field-level failures, no examples, no document names: a held-out design's
    own numbers are a breakdown the held-out rule forbids reading)."""
    text = markdown({**report, "by_design": {}, "failures": {}, "review_checks": {}})
    reasons: Counter[str] = Counter()
    for checks in report["review_checks"].values():
        reasons.update(checks)
    lines = ["", "| failed check on clean invoices (all designs) | count |", "|---|---|"]
    lines += [f"| `{k}` | {v} |" for k, v in reasons.most_common()]
    return text + "\n".join(lines) + "\n"


def markdown(report: dict[str, Any], top: int = 8) -> str:
    lines = [
        "| split / variant | docs | field accuracy | clean invoices ending ok |",
        "|---|---|---|---|",
    ]
    for k, t in report["by_split"].items():
        lines.append(f"| {k} | {t['docs']} | {_pct(t)} | {_ok(t)} |")
    if report["by_design"]:
        lines += [
            "",
            "| design / variant | docs | field accuracy | clean ending ok |",
            "|---|---|---|---|",
        ]
    for k, t in report["by_design"].items():
        lines.append(f"| {k} | {t['docs']} | {_pct(t)} | {_ok(t)} |")
    if report.get("planted"):
        lines += [
            "",
            "| planted fault (split/kind) | docs | caught, right reason | other reason | missed |",
            "|---|---|---|---|---|",
        ]
        for k, c in report["planted"].items():
            n = sum(c.values())
            lines.append(
                f"| {k} | {n} | {c.get('right', 0)} | {c.get('other', 0)} | {c.get('missed', 0)} |"
            )
    for design, fails in report["failures"].items():
        lines += ["", f"### {design}: fields most often not read (digital)", ""]
        for path, f in list(fails.items())[:top]:
            lines.append(f"- `{path}`: {f['count']} ({f['missing']} missing)")
            lines += [f"  - {e}" for e in f["examples"]]
        checks = report["review_checks"].get(design)
        if checks:
            shown = ", ".join(f"`{k}` ×{v}" for k, v in list(checks.items())[:top])
            lines.append(f"- failed checks on clean invoices: {shown}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument("--findings", type=Path, help="write the Markdown report here too")
    parser.add_argument("--variants", default="digital,scan,photo,faults", help="which to run")
    parser.add_argument(
        "--totals-only",
        action="store_true",
        help="print totals and failed-check counts only (for held-out splits)",
    )
    args = parser.parse_args()
    report = run(args.corpus, tuple(args.variants.split(",")))
    text = totals_markdown(report) if args.totals_only else markdown(report)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.findings:
        args.findings.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
