"""Field accuracy and clean-to-ok share of the rules engine per invoice layout family.

Every family in ``samplegen.layouts.ALL_LAYOUTS`` renders ``--n`` random invoices
drawn with ``attack=True`` (quantity and unit in one cell, short unit prices, subtotal
before discounts, line breaks in cells …) from seeds ``variants/<layout>/<i>``;
the text-layer PDFs go through the whole pipeline (no store). Families in
``HELD_OUT_LAYOUTS`` are never tuned on: print their figures, do not read their
failures. ``--show`` lists the wrong fields of tuning families only.

    python benchmarks/invoice_variants.py --n 20 [--show] [--json out.json]

Baseline (n=40, seeds 0-39): ``invoice_variants.before.json`` (rules before issue 13,
same generator) and ``invoice_variants.after.json`` beside this script.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from docpipe.evaluate import Truth, score_fields
from docpipe.pipeline import Pipeline
from docpipe.result import Status
from docpipe.settings import load_settings
from samplegen.invoice_spec import random_invoice_spec
from samplegen.layouts import ALL_LAYOUTS, HELD_OUT_LAYOUTS, LAYOUT_PINS, render_invoice
from samplegen.truth import invoice_truth


def measure(n: int, show: bool, start: int = 0) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp, Pipeline(load_settings(store_results=False)) as pipe:
        for layout in ALL_LAYOUTS:
            held_out = layout in HELD_OUT_LAYOUTS
            counts: Counter = Counter()
            ok = 0
            wrong_fields: Counter = Counter()
            failed_checks: Counter = Counter()
            for i in range(start, start + n):
                rng = random.Random(f"variants/{layout}/{i}")
                spec = random_invoice_spec(rng, attack=True, **LAYOUT_PINS.get(layout, {}))
                path = Path(tmp) / f"{layout}-{i}.pdf"
                path.write_bytes(render_invoice(spec, layout, rng))
                truth = invoice_truth(spec)
                result = pipe.process(path)
                outcomes = score_fields(Truth("invoice", truth["fields"]), result.record)
                counts.update(outcomes.values())
                ok += result.status is Status.ok
                if not held_out:
                    for p, o in outcomes.items():
                        if o != "correct":
                            wrong_fields[f"{p.split('.')[0]}.{p.rsplit('.', 1)[-1]}:{o}"] += 1
                    for c in result.failed_checks:
                        failed_checks[f"{c.name}:{c.field.split('.')[0]}"] += 1
            total = sum(counts.values())
            out[layout] = {
                "split": "held-out" if held_out else "tune",
                "docs": n,
                "field_accuracy": round(counts["correct"] / total, 4) if total else 0.0,
                "clean_ok": round(ok / n, 3),
            }
            if show and not held_out:
                out[layout]["wrong"] = dict(wrong_fields.most_common(15))
                out[layout]["failed_checks"] = dict(failed_checks.most_common(10))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result = measure(args.n, args.show, args.start)
    for layout, r in result.items():
        print(
            f"{layout:12s} {r['split']:9s} docs={r['docs']:3d} "
            f"field_accuracy={r['field_accuracy']:.4f} clean_ok={r['clean_ok']:.3f}"
        )
        if "wrong" in r:
            print("   wrong:", r["wrong"])
            print("   failed:", r["failed_checks"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
