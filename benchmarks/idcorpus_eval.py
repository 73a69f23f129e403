"""Field accuracy of the identity corpus (``samplegen.idcorpus``), per document kind and style.

    python benchmarks/idcorpus_eval.py OUT --split tune -n 48 --seed 1 [--fields]

Writes the split's documents under ``OUT/<split>`` (a folder already there is measured as
it is, so one corpus scores code before and after a change), runs the
pipeline on each (nothing stored) and prints accuracy for cards (front, back, nüfus
cüzdanı) and passports, with document counts. The held-out split prints totals only, per
kind and per style: never per document or per field, so nobody tunes on it. ``--fields``
(tune split only) adds the fields most often not read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.evaluate import load_truth, score_fields  # noqa: E402
from docpipe.pipeline import Pipeline  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402
from samplegen import idcorpus  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("tune", "heldout"), default="tune")
    parser.add_argument("-n", type=int, default=48)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fields", action="store_true")
    parser.add_argument(
        "--every", type=int, default=0, help="print running totals every N documents"
    )
    args = parser.parse_args(argv)
    folder = args.out / args.split
    if not folder.is_dir():
        idcorpus.write(folder, args.split, args.n, args.seed)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # correct, total, documents
    misses: Counter[str] = Counter()
    settings = load_settings().model_copy(update={"store_results": False})
    with Pipeline(settings) as pipeline:
        for path in sorted(folder.glob("*.jpg")):
            name = path.stem
            _split, _i, kind, style, layout = name.split("_", 4)
            truth = load_truth(folder / f"{name}.truth.json")
            result = pipeline.process(folder / f"{name}.jpg")
            outcomes = score_fields(truth, result.record)
            right = sum(o == "correct" for o in outcomes.values())
            family = "passport" if kind == "passport" else "card"
            for key in (family, f"{family}/{style}", f"{family}/{layout}", "all"):
                t = tally[key]
                t[0], t[1], t[2] = t[0] + right, t[1] + len(outcomes), t[2] + 1
            if args.every and tally["all"][2] % args.every == 0:
                _print(args.split, {k: v for k, v in tally.items() if "/" not in k})
            if args.fields and args.split == "tune":
                misses.update(f"{kind}/{style}:{f}" for f, o in outcomes.items() if o != "correct")
    _print(args.split, tally)
    for miss, count in misses.most_common(40):
        print(f"  miss {count:3} {miss}")


def _print(split: str, tally: dict[str, list[int]]) -> None:
    for key in sorted(tally):
        right, total, docs = tally[key]
        share = f"{right:4}/{total:4}  {right / total:.3f}"
        print(f"{split:8} {key:24} docs {docs:3}  fields {share}", flush=True)


if __name__ == "__main__":
    main()
