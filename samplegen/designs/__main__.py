"""``python -m samplegen.designs OUT [--split tune|heldout|all] [--per-design N] [--seed S]
[--variants K] [--designs a,b]`` writes the design corpus; ``python -m samplegen.designs
effects OUT --seed S`` prints the effects each photo and scan of OUT drew;
``python -m samplegen.designs fetch [--mirror DIR]`` fills the stylesheet cache (see
samplegen/designs/README.md);
``python -m samplegen.designs samples`` rewrites the committed subset in samples/designs/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from samplegen.designs.cache import DEFAULT_MIRROR, available, cache_dir, populate
from samplegen.designs.catalog import BY_KEY, designs_of


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fetch"]:
        parser = argparse.ArgumentParser(prog="python -m samplegen.designs fetch")
        parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR,
                            help="folder of <owner>+<name>/repo git copies")  # fmt: skip
        args = parser.parse_args(argv[1:])
        for line in populate(args.mirror):
            print(line)
        print(f"cache: {cache_dir()}")
        return 0
    if argv[:1] == ["samples"]:
        parser = argparse.ArgumentParser(prog="python -m samplegen.designs samples")
        parser.add_argument("--out", type=Path, default=Path("samples/designs"))
        args = parser.parse_args(argv[1:])
        from samplegen.designs.corpus import write_samples

        for line in write_samples(args.out, BY_KEY):
            print(line)
        return 0
    if argv[:1] == ["effects"]:
        parser = argparse.ArgumentParser(prog="python -m samplegen.designs effects")
        parser.add_argument("out", type=Path, help="a corpus folder written with --variants")
        parser.add_argument("--seed", type=int, default=2024, help="the seed it was written with")
        args = parser.parse_args(argv[1:])
        for line in _photo_effects(args.out, args.seed) + _scan_effects(args.out, args.seed):
            print(line)
        return 0
    parser = argparse.ArgumentParser(prog="python -m samplegen.designs",
                                     description="Write the print-design corpus.")  # fmt: skip
    parser.add_argument("out", type=Path, help="output folder (keep it outside git)")
    parser.add_argument("--split", default="tune", choices=("tune", "heldout", "all"))
    parser.add_argument("--per-design", type=int, default=6)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--variants",
        type=int,
        default=2,
        help="the first K documents of each design also as a scan and a photo",
    )
    parser.add_argument(
        "--faults",
        type=int,
        default=5,
        help="documents per design with a planted fault (one kind each, in turn), "
        "under <split>/faults/",
    )
    parser.add_argument("--designs", default="", help="comma-separated keys (default: all)")
    parser.add_argument(
        "--hard",
        action="store_true",
        help="harder content: many lines, discounts, several KDV rates, tevkifat, "
        "foreign currency, long descriptions (other documents than without it)",
    )
    args = parser.parse_args(argv)
    from samplegen.designs.corpus import write_corpus  # imports the browser bindings

    chosen = designs_of(args.split)
    if args.designs:
        keys = args.designs.split(",")
        unknown = [k for k in keys if k not in BY_KEY]
        if unknown:
            parser.error(f"unknown design(s): {', '.join(unknown)}; known: {', '.join(BY_KEY)}")
        chosen = tuple(d for d in chosen if d.key in keys)
    ready = available(chosen)
    for d in chosen:
        if d not in ready:
            print(f"skipped {d.key}: stylesheet not cached (python -m samplegen.designs fetch)",
                  file=sys.stderr)  # fmt: skip
    for line in write_corpus(
        args.out, ready, args.per_design, args.seed, args.variants, args.faults, args.hard
    ):
        print(line)
    return 0


def _photo_effects(out: Path, seed: int) -> list[str]:
    """One line per photo under ``out``: its path and the effects it drew ('plain': none)."""
    from samplegen.designs.corpus import drawn_photo_effects

    lines = []
    for image in sorted(out.glob("*/photo/*/*_photo.jpg")):
        split, design, name = image.parts[-4], image.parts[-2], image.stem.removesuffix("_photo")
        pdf = out / split / "digital" / design / f"{name}.pdf"
        effects = drawn_photo_effects(pdf.read_bytes(), name, seed) if pdf.exists() else None
        shown = "?" if effects is None else (",".join(effects) or "plain")
        lines.append(f"{image.relative_to(out)}\t{shown}")
    return lines


def _scan_effects(out: Path, seed: int) -> list[str]:
    """One line per scan under ``out``: its path and what it drew (effect, dpi, tilt; a
    faxed TIFF's mode, sheets and turn), replayed from the seed."""
    from samplegen.designs.corpus import drawn_scan_effects

    lines = []
    for image in sorted(out.glob("*/scan/*/*")):
        stem, _, kind = image.stem.rpartition("_")
        if kind not in ("scan", "fax") or image.name.endswith(".json"):
            continue
        pages = 1
        if kind == "fax":
            from PIL import Image

            with Image.open(image) as tiff:
                pages = getattr(tiff, "n_frames", 1)
        lines.append(f"{image.relative_to(out)}\t{drawn_scan_effects(stem, seed, pages)}")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
