"""``python -m samplegen [--out samples] [--seed 1923] [--check]``"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samplegen.build import drift, generate_all, write
from samplegen.contracts.build import generate_contracts
from samplegen.plan import DEFAULT_SEED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m samplegen",
        description="Write the synthetic sample documents and their ground truth.",
    )
    parser.add_argument("--out", type=Path, default=Path("samples"), help="output folder (samples)")
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"base seed ({DEFAULT_SEED})"
    )
    parser.add_argument(
        "--check", action="store_true", help="only compare; exit 1 on any difference"
    )
    args = parser.parse_args(argv)
    files = {**generate_all(args.seed), **generate_contracts(args.seed)}
    if args.check:
        problems = drift(args.out, files)
        for problem in problems:
            print(f"differs: {problem}", file=sys.stderr)
        return 1 if problems else 0
    write(args.out, files)
    print(f"wrote {len(files)} files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
