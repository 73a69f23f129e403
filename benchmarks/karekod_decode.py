"""Karekod decode rate: zxing-cpp (one pass, and with docpipe's OpenCV crop/upscale retry)
against OpenCV's QRCodeDetector, on scans at 150/200/300 dpi and on phone photos.

    python benchmarks/karekod_decode.py [--seeds 1923 7 42] [--photos-per-invoice 1]

The corpus is made here by samplegen (nothing is committed): every e-Fatura and
e-Arşiv invoice of the sample plan, drawn with each seed, stamped with its GİB
karekod. Each page 1 is rasterised at 150, 200 and 300 dpi, turned by up to ±2°
and JPEG-compressed at q75 (a scanner), and photographed (perspective, table,
shadow, blur σ 0-1, JPEG q80) from a 200-dpi print. Negatives: the paper invoices
(no karekod) at 200 dpi and as photos.

A decode counts when the payload parses (``docpipe.text.karekod``) and every field
equals the generator's. A false decode is a parsed payload that differs from the
truth, or a GİB payload found on a negative: it must be 0.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.ocr.karekod import decode_qr  # noqa: E402
from docpipe.text.karekod import KarekodPayload, parse_karekod  # noqa: E402
from samplegen import karekod, scan  # noqa: E402
from samplegen.invoice_spec import random_invoice_spec  # noqa: E402
from samplegen.layouts import render_invoice  # noqa: E402
from samplegen.photo import photograph_page  # noqa: E402
from samplegen.plan import INVOICES  # noqa: E402

DPIS = (150, 200, 300)


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, "JPEG", quality=quality)
    return np.array(Image.open(io.BytesIO(buf.getvalue())))


def corpus(
    seeds: list[int], photos: int
) -> Iterator[tuple[str, np.ndarray, KarekodPayload | None]]:
    for seed in seeds:
        for sample in INVOICES:
            rng = random.Random(f"{seed}/{sample.name}")
            spec = random_invoice_spec(rng, **sample.overrides)
            pdf = karekod.stamp(render_invoice(spec, sample.layout, rng), spec)
            truth = parse_karekod(karekod.payload(spec)) if spec.kind != "paper" else None
            noise = random.Random(f"bench/{seed}/{sample.name}")
            dpis = DPIS if truth is not None else (200,)
            for dpi in dpis:
                grey = scan.rotate(scan.rasterise(pdf, dpi), noise.uniform(-2, 2))
                yield f"scan {dpi} dpi", _jpeg(grey, 75), truth
            for _ in range(photos):
                page = scan.rasterise_rgb(pdf, 200)
                light = noise.choice(("side", "hand"))
                photo = photograph_page(page, noise, blur=noise.uniform(0, 1.0), light=light)
                yield "photo", _jpeg(photo, 80), truth


def zxing_once(image: np.ndarray) -> list[str]:
    return [text for text, _ in decode_qr(image, retry=False)]


def zxing_retry(image: np.ndarray) -> list[str]:
    return [text for text, _ in decode_qr(image)]


def opencv(image: np.ndarray) -> list[str]:
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    try:
        ok, texts, _, _ = cv2.QRCodeDetector().detectAndDecodeMulti(grey)
    except cv2.error:
        return []
    return [t for t in texts if t] if ok else []


DECODERS = {"zxing-cpp": zxing_once, "zxing-cpp + retry": zxing_retry, "OpenCV": opencv}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1923, 7, 42])
    parser.add_argument("--photos-per-invoice", type=int, default=1)
    args = parser.parse_args()
    hits: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    false: dict[str, int] = defaultdict(int)
    seconds: dict[str, float] = defaultdict(float)
    negatives = 0
    for condition, image, truth in corpus(args.seeds, args.photos_per_invoice):
        if truth is None:
            negatives += 1
        else:
            totals[condition] += 1
        for name, decode in DECODERS.items():
            start = time.perf_counter()
            texts = decode(image)
            seconds[name] += time.perf_counter() - start
            payloads = [p for p in (parse_karekod(t) for t in texts) if p is not None]
            if truth is None:
                false[name] += len(payloads)
                continue
            right = [p for p in payloads if p == truth]
            false[name] += len(payloads) - len(right)
            hits[(name, condition)] += bool(right)
    conditions = [f"scan {d} dpi" for d in DPIS] + ["photo"]
    images = sum(totals.values()) + negatives
    print(f"karekod decode rate: {sum(totals.values())} karekod images, {negatives} without "
          f"(seeds {' '.join(map(str, args.seeds))})")  # fmt: skip
    header = f"{'decoder':<20}" + "".join(f"{c:>14}" for c in conditions)
    print(header + f"{'false decodes':>15}{'ms/image':>10}")
    for name in DECODERS:
        cells = "".join(
            f"{hits[(name, c)]:>6}/{totals[c]:<3}{100 * hits[(name, c)] / max(1, totals[c]):>4.0f}%"
            for c in conditions
        )
        print(f"{name:<20}{cells}{false[name]:>15}{1000 * seconds[name] / images:>10.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
