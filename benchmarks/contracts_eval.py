"""Field accuracy of the contract development corpus per split × variant (digital / scan).

    python benchmarks/contracts_eval.py [--splits tune,tune_general,heldout] [--count 40]
        [--scan-count 8] [--seed dev] [--keep DIR] [--json report.json]

Writes the contracts of each split with ``samplegen.contracts.corpus`` (digital, and the
first ``--scan-count`` of them rasterised and degraded as the committed scans are; OCR is
CPU heavy, keep that number small), runs the pipeline on every document (nothing stored)
and prints, as Markdown, accuracy per split × variant, how many clean contracts end ``ok``
and how many with amount words that disagree with the figures end ``needs_review``.
Scoring is ``docpipe.evaluate.score_fields``, the same as ``docpipe eval``.

The held-out split (``heldout``) is reported as totals only. For tuning splits it also
prints, per field, how often it was missing or wrong, with a few examples (the corpus is
synthetic, so values may be shown).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import designs_eval  # noqa: E402
from benchmarks.designs_eval import Failure, _generic  # noqa: E402
from docpipe.evaluate import flatten, load_truth, score_fields, truth_pairs  # noqa: E402
from docpipe.pipeline import Pipeline  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402
from samplegen.contracts.corpus import SPLITS, write_corpus  # noqa: E402

HELD_OUT = frozenset({"heldout"})


@dataclass
class Tally(designs_eval.Tally):
    """``designs_eval``'s tally, plus the contracts whose amount words disagree."""

    faulty: int = 0
    faulty_flagged: int = 0


def build(out: Path, splits: list[str], count: int, scan_count: int, seed: str) -> None:
    for split in splits:
        write_corpus(out / split / "digital", split, count, scan=False, seed=seed)
        if scan_count:
            write_corpus(out / split / "scan", split, scan_count, scan=True, seed=seed)


def run(root: Path) -> dict[str, Any]:
    settings = load_settings().model_copy(update={"store_results": False})
    tallies: dict[str, Tally] = defaultdict(Tally)
    failures: dict[str, dict[str, Failure]] = defaultdict(lambda: defaultdict(Failure))
    with Pipeline(settings) as pipeline:
        for doc_path, truth_path in truth_pairs(root):
            split, variant = doc_path.relative_to(root).parts[:2]
            truth = load_truth(truth_path)
            result = pipeline.process(doc_path)
            outcomes = score_fields(truth, result.record)
            tally = tallies[f"{split}/{variant}"]
            tally.docs += 1
            tally.total += len(outcomes)
            tally.correct += sum(1 for o in outcomes.values() if o == "correct")
            flagged = result.status.value == "needs_review"
            if truth.expect_status == "ok":
                tally.clean += 1
                tally.clean_ok += not flagged
            elif truth.expect_status == "needs_review":
                tally.faulty += 1
                tally.faulty_flagged += flagged
            if split in HELD_OUT:
                continue  # totals only: no field-level failures of held-out documents
            read = flatten(result.record or {})
            for path, outcome in outcomes.items():
                if outcome == "correct":
                    continue
                f = failures[f"{split}/{variant}"][_generic(path)]
                f.count += 1
                f.missing += outcome == "missing"
                if len(f.examples) < 3:
                    got = read.get(path)
                    shown = f"read `{got}`" if got not in (None, "") else "missing"
                    f.examples.append(
                        f"{doc_path.stem} `{path}`: expected `{truth.fields[path]}`, {shown}"
                    )
    return {
        "by_split": {k: vars(v) | {"accuracy": v.accuracy} for k, v in sorted(tallies.items())},
        "failures": {
            k: {p: vars(f) for p, f in sorted(fs.items(), key=lambda x: -x[1].count)}
            for k, fs in sorted(failures.items())
        },
    }


def markdown(report: dict[str, Any], top: int = 25) -> str:
    lines = [
        "| split / variant | docs | field accuracy | clean ending ok | words≠figures flagged |",
        "|---|---|---|---|---|",
    ]
    for k, t in report["by_split"].items():
        lines.append(
            f"| {k} | {t['docs']} | {t['accuracy']:.3f} ({t['correct']}/{t['total']}) "
            f"| {t['clean_ok']}/{t['clean']} | {t['faulty_flagged']}/{t['faulty']} |"
        )
    for key, fails in report["failures"].items():
        lines += ["", f"### {key}: fields not read", ""]
        for path, f in list(fails.items())[:top]:
            lines.append(f"- `{path}`: {f['count']} ({f['missing']} missing)")
            lines += [f"  - {e}" for e in f["examples"]]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--splits", default="tune,tune_general", help=f"of {', '.join(SPLITS)}")
    parser.add_argument("--count", type=int, default=40, help="digital contracts per split")
    parser.add_argument("--scan-count", type=int, default=0, help="scanned contracts per split")
    parser.add_argument("--seed", default="dev")
    parser.add_argument("--keep", type=Path, help="write the corpus here (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="write the report here too")
    args = parser.parse_args()
    splits = args.splits.split(",")
    if unknown := set(splits) - set(SPLITS):
        parser.error(f"unknown split(s): {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        build(out, splits, args.count, args.scan_count, args.seed)
        report = run(out)
    print(markdown(report))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
