"""A corpus of identity documents for measuring the rules, split so that one part is never
tuned on.

Each document: a ``samplegen.iddesign`` design, then one degradation style:
``clean`` (the print, JPEG), ``scan`` (grey, rotated up to 3°, sensor noise,
JPEG 60-80), ``photo`` (a phone photo on a table: perspective, shadow) or
``photocopy`` (grey, washed out, low contrast, toner speckle, slightly
blurred). The held-out split is every ``photocopy`` and every design whose
bilingual labels are set on two lines: whole styles the rules were never tuned
on. ``python -m samplegen.idcorpus OUT --split tune|heldout -n 24 --seed 1``
writes ``<name>.jpg`` and ``<name>.truth.json`` pairs for ``docpipe eval``.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np

from samplegen import iddesign, scan
from samplegen.identity import random_person, td1, td3, truth
from samplegen.images import BACK, CUZDAN, FRONT, PASSPORT, _jpeg_rgb
from samplegen.photo import photograph

KINDS = ("front", "back", "passport", "cuzdan")
TUNE_STYLES = ("clean", "scan", "photo")
HELD_OUT_STYLES = ("photocopy",)


def photocopy(grey: np.ndarray, rng: random.Random) -> np.ndarray:
    """A grey photocopy: washed-out background, low contrast, toner speckle, soft focus."""
    g = grey.astype(np.float32)
    low, high = rng.uniform(60, 95), rng.uniform(200, 235)
    g = low + (g / 255.0) ** rng.uniform(0.7, 0.9) * (high - low)
    out = scan.blur(np.clip(g, 0, 255).astype(np.uint8), rng.uniform(0.5, 0.9))
    gen = np.random.default_rng(rng.randrange(2**32))
    out[gen.random(out.shape) < 0.0015] = int(low)
    return scan.rotate(out, rng.uniform(-1.5, 1.5))


def degrade(rgb: np.ndarray, style: str, rng: random.Random) -> np.ndarray:
    if style == "clean":
        return rgb
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if style == "scan":
        return scan.noise(scan.rotate(grey, rng.uniform(-3, 3)), rng, rng.uniform(4, 9))
    if style == "photocopy":
        return photocopy(grey, rng)
    if style == "photo":
        return photograph(rgb, rng, fill=rng.uniform(0.75, 0.88), tilt=0.04)
    raise ValueError(f"unknown style {style!r}")


def _encode(image: np.ndarray, dpi: int | None, quality: int) -> bytes:
    if image.ndim == 2:
        return scan.encode(image, "jpg", dpi or 300, quality=quality)
    return _jpeg_rgb(image, dpi, quality)


def make(kind: str, style: str, label_layout: str, rng: random.Random) -> tuple[bytes, dict]:
    """(JPEG bytes, truth) of one document."""
    design = iddesign.random_design(rng, label_layout=label_layout)
    dpi = rng.choice((250, 300, 300, 350)) if style != "photo" else 300
    if kind == "passport":
        p = random_person(rng, passport=True)
        image = iddesign.passport_page(p, design, rng, dpi)
        data = truth("passport", p, PASSPORT, td3(p))
    elif kind == "cuzdan":
        p = random_person(rng, booklet=True)
        image = iddesign.nufus_cuzdani(p, design, rng, dpi)
        data = truth("id_card", p, CUZDAN, [])
        data["fields"].update({"religion_present": True, "blood_group_present": True})
    elif kind == "back":
        p = random_person(rng)
        image = iddesign.card_back(p, design, rng, dpi)
        data = truth("id_card", p, BACK, td1(p))
    else:
        p = random_person(rng)
        image = iddesign.card_front(p, design, rng, dpi)
        data = truth("id_card", p, FRONT, [])
    out = degrade(image, style, rng)
    keep_dpi = None if style == "photo" else dpi
    return _encode(out, keep_dpi, rng.randint(60, 85) if style != "clean" else 90), data


def plan(split: str, n: int, seed: int) -> Iterator[tuple[str, str, str, str, random.Random]]:
    """(name, kind, style, label layout, rng) of the split's documents."""
    for i in range(n):
        rng = random.Random(f"{seed}/{split}/{i}")
        kind = KINDS[i % len(KINDS)]
        if split == "tune":
            style, layout = TUNE_STYLES[(i // len(KINDS)) % len(TUNE_STYLES)], "one_line"
        else:  # held out: a whole degradation style, and a whole label layout
            photocopied = (i // len(KINDS)) % 2 == 0
            style = rng.choice(HELD_OUT_STYLES if photocopied else TUNE_STYLES)
            layout = rng.choice(("one_line", "two_lines")) if photocopied else "two_lines"
        yield f"{split}_{i:02d}_{kind}_{style}_{layout}", kind, style, layout, rng


def write(out: Path, split: str, n: int, seed: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, kind, style, layout, rng in plan(split, n, seed):
        data, truth_data = make(kind, style, layout, rng)
        (out / f"{name}.jpg").write_bytes(data)
        text = json.dumps(truth_data, ensure_ascii=False, indent=2) + "\n"
        (out / f"{name}.truth.json").write_text(text, encoding="utf-8")
        written.append(out / f"{name}.jpg")
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("tune", "heldout"), default="tune")
    parser.add_argument("-n", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in write(args.out, args.split, args.n, args.seed):
        print(path)


if __name__ == "__main__":
    main()
