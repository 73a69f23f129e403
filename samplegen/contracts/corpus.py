"""A development corpus of contracts, split into a tuning set and a held-out set.

``python -m samplegen.contracts.corpus OUT --split tune|tune_general|heldout [--count N] [--scan]``
writes ``N`` contracts (PDF + ``.truth.json``) under ``OUT``:

- ``tune``: the classic layouts (form, party blocks, party paragraphs), the prose style
  ``prose_a`` and the article style ``article_a``, a third each; rules may be developed
  against these;
- ``tune_general``: tuning material in the style ``general_a``
  (``samplegen.contracts.general``): NDA, vekâlet and sale besides kira, iş and hizmet,
  other term wordings, every date form and dates that are not the term's end;
- ``tune_c``: the same kinds in the style ``general_c`` (``samplegen.contracts.general_c``):
  the structures of further published templates (address-first and "Bir taraftan …"
  openings, a definitions article, upper-case label blocks, identifiers before the name,
  price and due day as sub-items, a close that counts the articles);
- ``tune_d``: the same kinds in the style ``general_d`` (``samplegen.contracts.general_d``):
  the parties side by side in one table, lettered label blocks, three-level numbering,
  the amount in words before the figures, dates with a weekday or "ayının 1'i", the roles
  in capitals, a personal-data clause naming the special categories, "Kaşe / İmza";
- ``heldout``: the prose style ``prose_b`` (``samplegen.contracts.prose``) and, for two
  documents in three, the article style ``article_b`` (``samplegen.contracts.articles``):
  wordings the rules are never tuned on; report it apart, before and after a change.

Every fourth document of each split has its amount in words made to disagree with the
figures (``expect_status`` = ``needs_review``). ``--scan`` rasterises and degrades each
document as ``build.scanned_pdf`` does for the committed scans.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import replace
from pathlib import Path

from samplegen.contracts.build import render_sample, scanned_pdf
from samplegen.contracts.general import general_spec
from samplegen.contracts.general_c import general_c_spec
from samplegen.contracts.general_d import general_d_spec
from samplegen.contracts.spec import KINDS, ContractSpec, random_contract_spec
from samplegen.contracts.truth import truth_bytes
from samplegen.contracts.variation import vary

SPLITS = ("tune", "tune_general", "tune_c", "tune_d", "heldout")
GENERAL = {"tune_general": general_spec, "tune_c": general_c_spec, "tune_d": general_d_spec}
SCANS = ((200, "rotate"), (220, "noise"), (250, "blur"), (300, "rotate"))


def corpus_spec(split: str, index: int, seed: str = "dev") -> tuple[ContractSpec, random.Random]:
    """The ``index``-th contract of ``split`` (same seed, same contract)."""
    rng = random.Random(f"{seed}/{split}/{index}")
    if split in GENERAL:
        spec = GENERAL[split](rng, index)
        if index % 4 == 3 and spec.kind != "nda":
            spec = replace(spec, amount_words=int(spec.amount) + rng.choice((1000, 100, 1)))
        return spec, rng
    kind = KINDS[index % len(KINDS)]
    spec = random_contract_spec(rng, kind, padding=rng.choice((0, 0, 2, 6)))
    vary_rng = random.Random(f"{seed}/{split}/{index}/vary")
    if split == "heldout":
        spec = vary(spec, vary_rng, "prose_b" if index % 3 == 0 else "article_b")
    elif index % 3:
        spec = vary(spec, vary_rng, "prose_a" if index % 3 == 1 else "article_a")
    if index % 4 == 3:
        spec = replace(spec, amount_words=int(spec.amount) + rng.choice((1000, 100, 1, 90000)))
    return spec, rng


def write_corpus(out: Path, split: str, count: int, scan: bool, seed: str = "dev") -> list[Path]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        spec, rng = corpus_spec(split, index, seed)
        pdf, truth = render_sample(spec, rng)
        if scan:
            dpi, how = SCANS[index % len(SCANS)]
            pdf = scanned_pdf(pdf, dpi, how, rng)
        name = f"{split}_{index:03d}_{spec.kind}_{spec.style}"
        (out / f"{name}.pdf").write_bytes(pdf)
        (out / f"{name}.truth.json").write_bytes(truth_bytes(truth))
        paths.append(out / f"{name}.pdf")
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=SPLITS, required=True)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--scan", action="store_true")
    parser.add_argument("--seed", default="dev")
    args = parser.parse_args()
    write_corpus(args.out, args.split, args.count, args.scan, args.seed)


if __name__ == "__main__":
    main()
