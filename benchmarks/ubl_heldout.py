"""Field accuracy of the ``ubl`` engine on UBL-TR XML drawn from seeds never used for samples.

    python benchmarks/ubl_heldout.py [--count 200] [--seed heldout-ubl] [--keep DIR]

Draws ``count`` invoices (e-Fatura and e-Arşiv, every invoice-type variant the
writer knows: SATIS, TEVKIFAT, IADE, ISTISNA, IHRACKAYITLI, IHRACAT, with or
without an embedded XSLT and informational subtotals) from rng
``<seed>/<i>``, writes each XML twin with its truth into a temporary folder and
runs ``docpipe.evaluate`` on it. Prints documents, statuses and field accuracy
(overall and the worst fields). The committed samples use rng ``1923/<name>``;
nothing here was tuned on.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.evaluate import evaluate  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402
from samplegen.invoice_spec import random_invoice_spec  # noqa: E402
from samplegen.ubl import UblOptions, invoice_xml, ubl_truth_json  # noqa: E402
from samplegen.ubl_samples import SAMPLE_XSLT  # noqa: E402

_VARIANTS = (
    ("SATIS", None, None),
    ("IADE", None, None),
    ("ISTISNA", None, "350"),
    ("IHRACKAYITLI", "TICARIFATURA", "701"),
    ("ISTISNA", "IHRACAT", "301"),
)


def draw(rng: random.Random) -> tuple[bytes, str]:
    kind = rng.choice(("e-fatura", "e-arsiv"))
    invoice_type, profile, exemption = rng.choice(_VARIANTS)
    withholding = None if exemption is None and invoice_type == "SATIS" else False
    spec = random_invoice_spec(rng, kind=kind, withholding=withholding)
    if spec.withholding is not None:
        invoice_type = None  # TEVKIFAT, from the spec
    reference = None
    if invoice_type == "IADE":
        reference = (f"ABC{spec.issue_date.year}{rng.randrange(1, 10**9):09d}", date(2023, 7, 1))
    options = UblOptions(
        invoice_type=invoice_type if invoice_type != "SATIS" else None,
        profile=profile,
        billing_reference=reference,
        exemption_code=exemption,
        informational_subtotal=exemption is not None and rng.random() < 0.5,
        xslt=SAMPLE_XSLT if rng.random() < 0.3 else None,
    )
    return invoice_xml(spec, options), ubl_truth_json(spec, options)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", default="heldout-ubl")
    parser.add_argument("--keep", type=Path, help="write the set here instead of a temp folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(args.count):
            xml, truth = draw(random.Random(f"{args.seed}/{i}"))
            (folder / f"h{i:04d}.xml").write_bytes(xml)
            (folder / f"h{i:04d}.truth.json").write_text(truth, encoding="utf-8")
        report = evaluate(folder, load_settings(store_results=False))
    total = report.total
    statuses = Counter(d.status for d in report.documents)
    print(f"documents: {len(report.documents)}  statuses: {dict(statuses)}")
    print(
        f"field accuracy: {total.accuracy:.4%} ({total.correct}/{total.total}; "
        f"missing {total.missing}, wrong {total.wrong})"
    )
    worst = sorted(report.by_field(), key=lambda s: s.accuracy)[:5]
    for score in worst:
        print(f"  {score.field}: {score.accuracy:.2%} ({score.correct}/{score.total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
