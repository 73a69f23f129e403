"""A corpus of identity documents for measuring the rules, split so that one part is never
tuned on.

Each document: a ``samplegen.iddesign`` design, then one degradation style:
``clean`` (the print, JPEG), ``scan`` (grey, rotated up to 3°, sensor noise,
JPEG 60-80), ``photo`` (a phone photo on a table: perspective, shadow) or
``photocopy`` (grey, washed out, low contrast, toner speckle, slightly
blurred), ``handheld`` (a low-resolution phone photo of the card held over a
desk: the card fills a half to three quarters of the frame, with a glare spot,
strong JPEG), ``turned`` (a scan fed sideways or upside down: 90, 180 or 270°),
``flatbed`` (the card alone on a flatbed scanner's white glass: a small card on
a large, mostly empty page, a little skewed) or ``lowres`` (a 150-200 dpi scan,
or a copy sent on by messenger: downscaled, blurred, strong JPEG), ``lowdpi`` (the
scanner set to 100-140 dpi, sharpened by its driver, saved in grey or colour, its dpi tag
right, missing or left at 300) or ``messenger`` (a phone photo forwarded through a
messaging app: the whole frame cut to 720-1000 pixels on its long side, heavy JPEG) or
``a4glass`` (a copy-shop flatbed scan: the whole A4 glass at the scan's dpi, the document
laid against the glass's corner stop, a little skewed, in grey or colour; a passport lies
open, its data page under the facing page, the booklet's fold between them) or
``wideglass`` (the document anywhere on a large A3 or Legal glass, skewed up to 7°, half
the time sideways or upside down, the open lid's shadow along the top or bottom edge).
Tune documents also come with ``wrapped`` labels (every third): the bilingual label
filled into a narrow box in the design's font, breaking wherever the width runs out
(``Veren Makam / Issued`` then ``By``), and every other tune document is ``varied``
(layout ``…+varied``): drawn with what the published specimens vary beyond the label
set-up (labels in a coloured ink, a lighter engraving, the zone on the security print
and at its own line pitch, a faint ghost portrait over the values;
``iddesign.random_design(varied=True)``); every third tune document is ``stress``
(layout ``…+stress``): what real cards and passports add over the fields and how they
are captured (the given names above the surname or broken over two lines, a hologram
patch or the portrait over the labels, the zone on a fine rosette print, a specular
highlight over the fields, a steeper photo angle, a 200-600 dpi scan, JPEG quality
30-95; ``random_design(stress=...)``, ``specular``). The held-out
split is every ``photocopy``, ``flatbed`` and ``lowres`` document and every
design whose bilingual labels are set on two lines: whole styles the rules were
never tuned on. ``python -m samplegen.idcorpus OUT --split tune|heldout -n 24 --seed 1``
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
TUNE_STYLES = (
    "clean", "scan", "photo", "handheld", "turned", "lowdpi", "messenger", "a4glass", "wideglass"
)  # fmt: skip
#: The tune styles the held-out split mixes in (those it was first drawn with: a tune style
#: added later must not change which documents the held-out split holds)
HELD_OUT_MIXED = TUNE_STYLES[:7]
HELD_OUT_STYLES = ("photocopy", "flatbed", "lowres")
#: the layout suffix of a tune document drawn with a varied design
VARIED = "+varied"
#: the layout mark of a tune document drawn with what real documents add over the fields
#: (``iddesign.random_design(stress=...)`` and ``stressed``), set before any ``+varied``
STRESS = "+stress"


def photocopy(grey: np.ndarray, rng: random.Random) -> np.ndarray:
    """A grey photocopy: washed-out background, low contrast, toner speckle, soft focus."""
    g = grey.astype(np.float32)
    low, high = rng.uniform(60, 95), rng.uniform(200, 235)
    g = low + (g / 255.0) ** rng.uniform(0.7, 0.9) * (high - low)
    out = scan.blur(np.clip(g, 0, 255).astype(np.uint8), rng.uniform(0.5, 0.9))
    gen = np.random.default_rng(rng.randrange(2**32))
    out[gen.random(out.shape) < 0.0015] = int(low)
    return scan.rotate(out, rng.uniform(-1.5, 1.5))


def glare(rgb: np.ndarray, rng: random.Random) -> np.ndarray:
    """A lamp's reflection on the laminate: a bright soft ellipse somewhere on the frame."""
    h, w = rgb.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    rx, ry = rng.uniform(0.06, 0.14) * w, rng.uniform(0.05, 0.12) * h
    spot = np.exp(-(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2))[:, :, None]
    strength = rng.uniform(0.45, 0.75)
    out = rgb.astype(np.float32) + (255 - rgb.astype(np.float32)) * spot * strength
    return np.clip(out, 0, 255).astype(np.uint8)


def specular(rgb: np.ndarray, rng: random.Random) -> np.ndarray:
    """A specular highlight on the laminate over the field block: a hard-edged, nearly
    white streak (a window or a flash) across part of the labels and values, the print
    faint beneath it but not gone."""
    h, w = rgb.shape[:2]
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0.35, 0.85) * w, rng.uniform(0.2, 0.75) * h
    rx, ry = rng.uniform(0.05, 0.16) * w, rng.uniform(0.03, 0.09) * h
    angle = rng.uniform(-0.6, 0.6)
    u = ((xs - cx) * np.cos(angle) + (ys - cy) * np.sin(angle)) / rx
    v = (-(xs - cx) * np.sin(angle) + (ys - cy) * np.cos(angle)) / ry
    spot = np.exp(-((u**2 + v**2) ** 2))[:, :, None]  # flat core, quick falloff
    strength = rng.uniform(0.55, 0.8)
    out = rgb.astype(np.float32) + (255 - rgb.astype(np.float32)) * spot * strength
    return np.clip(out, 0, 255).astype(np.uint8)


def handheld(rgb: np.ndarray, rng: random.Random, tilt: float = 0.05) -> np.ndarray:
    """A phone photo of a card: small in a low-resolution frame, tilted, with glare."""
    size = rng.choice(((1280, 960), (1600, 1200), (1440, 1080)))
    out = photograph(rgb, rng, fill=rng.uniform(0.55, 0.75), size=size, tilt=tilt)
    out = glare(out, rng)
    return cv2.GaussianBlur(out, (0, 0), rng.uniform(0.3, 0.7))


def turned(grey: np.ndarray, rng: random.Random) -> np.ndarray:
    """A scan fed sideways or upside down, a little skewed besides."""
    turn = rng.choice((cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE))
    out = scan.rotate(grey, rng.uniform(-2, 2))
    return scan.noise(cv2.rotate(out, turn), rng, rng.uniform(3, 7))


def flatbed(grey: np.ndarray, rng: random.Random) -> np.ndarray:
    """The card alone on a scanner's glass: a large white page with the card somewhere on
    it, skewed a little, the lid's shadow along one edge."""
    h, w = grey.shape[:2]
    page_w, page_h = int(w * rng.uniform(2.2, 2.8)), int(h * rng.uniform(2.6, 3.6))
    page = np.full((page_h, page_w), rng.randint(235, 250), np.uint8)
    card = scan.rotate(grey, rng.uniform(-4, 4))
    ch, cw = card.shape[:2]
    y, x = rng.randint(0, page_h - ch), rng.randint(0, page_w - cw)
    page[y : y + ch, x : x + cw] = np.minimum(page[y : y + ch, x : x + cw], card)
    page[:, : rng.randint(4, 20)] = rng.randint(60, 120)  # the lid's edge
    return scan.noise(page, rng, rng.uniform(2, 5))


A4_MM = (210.0, 297.0)


def a4glass(rgb: np.ndarray, rng: random.Random, dpi: int, facing: np.ndarray | None) -> np.ndarray:
    """The document on an A4 flatbed's glass, scanned whole: a white page of A4 at
    ``dpi``, the document a few millimetres from the corner stop (top left or top right),
    skewed up to 2°; an open passport (``facing``: the page above its data page) with the
    booklet's fold as a soft grey line. Grey or colour, a little sensor noise."""
    if facing is not None:
        fold = np.full((max(2, dpi // 100), rgb.shape[1], 3), rng.randint(150, 190), np.uint8)
        rgb = np.vstack([facing, fold, rgb])
    grey = rng.random() < 0.5
    doc = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if grey else rgb
    doc = scan.rotate(doc, rng.uniform(-2, 2))
    page_w, page_h = (round(mm / 25.4 * dpi) for mm in A4_MM)
    white = rng.randint(238, 252)
    page = np.full((page_h, page_w) if grey else (page_h, page_w, 3), white, np.uint8)
    dh, dw = doc.shape[:2]
    margin = (round(rng.uniform(1, 8) / 25.4 * dpi), round(rng.uniform(1, 8) / 25.4 * dpi))
    y = margin[0]
    x = margin[1] if rng.random() < 0.7 else page_w - dw - margin[1]
    page[y : y + dh, x : x + dw] = np.minimum(page[y : y + dh, x : x + dw], doc)
    return scan.noise(page, rng, rng.uniform(2, 5))


#: the glass of a large flatbed, mm: A3 and US Legal
WIDE_GLASSES_MM = ((297.0, 420.0), (216.0, 356.0))


def wideglass(grey: np.ndarray, rng: random.Random, dpi: int) -> np.ndarray:
    """The document anywhere on a large flatbed's glass (A3 or US Legal, either way round,
    scanned whole at ``dpi``), put down by hand: skewed up to 7°, half the time sideways
    or upside down; the open lid's shadow a soft gradient along the top or bottom edge,
    the glass a little grey."""
    doc = scan.rotate(grey, rng.uniform(-7, 7))
    if rng.random() < 0.5:
        turn = rng.choice((cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180, cv2.ROTATE_90_COUNTERCLOCKWISE))
        doc = cv2.rotate(doc, turn)
    short, long = (round(mm / 25.4 * dpi) for mm in rng.choice(WIDE_GLASSES_MM))
    page_h, page_w = (short, long) if rng.random() < 0.5 else (long, short)
    page = np.full((page_h, page_w), rng.randint(222, 245), np.float32)
    depth = rng.randint(page_h // 20, page_h // 8)
    shade = np.linspace(rng.uniform(0.45, 0.7), 1.0, depth, dtype=np.float32)[:, None]
    if rng.random() < 0.5:
        page[:depth] *= shade
    else:
        page[page_h - depth :] *= shade[::-1]
    dh, dw = doc.shape[:2]
    y, x = rng.randint(0, page_h - dh), rng.randint(0, page_w - dw)
    page[y : y + dh, x : x + dw] = np.minimum(page[y : y + dh, x : x + dw], doc)
    return scan.noise(page.astype(np.uint8), rng, rng.uniform(2, 5))


def lowres(rgb: np.ndarray, rng: random.Random) -> np.ndarray:
    """A low-resolution copy: downscaled to 150-200 dpi (from the 250-350 it was drawn
    at), softened, in colour or grey."""
    factor = rng.uniform(0.5, 0.65)
    small = cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (0, 0), rng.uniform(0.3, 0.6))
    return cv2.cvtColor(small, cv2.COLOR_RGB2GRAY) if rng.random() < 0.5 else small


def lowdpi(rgb: np.ndarray, rng: random.Random, dpi: int) -> np.ndarray:
    """A scanner set to a low resolution: 100-140 dpi sampled with linear interpolation,
    the driver's unsharp mask, a little sensor noise; grey or colour."""
    factor = rng.uniform(100, 140) / dpi
    small = cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_LINEAR)
    soft = cv2.GaussianBlur(small, (0, 0), 1.0)
    sharp = cv2.addWeighted(small, 1 + rng.uniform(0.3, 0.8), soft, -rng.uniform(0.3, 0.8), 0)
    if rng.random() < 0.5:
        return scan.noise(scan.rotate(cv2.cvtColor(sharp, cv2.COLOR_RGB2GRAY), rng.uniform(-1, 1)),
                          rng, rng.uniform(2, 5))  # fmt: skip
    return sharp


def messenger(rgb: np.ndarray, rng: random.Random, tilt: float = 0.04) -> np.ndarray:
    """A phone photo forwarded through a messaging app: the frame cut down to 720-1000
    pixels on its long side."""
    shot = photograph(rgb, rng, fill=rng.uniform(0.7, 0.9), tilt=tilt)
    factor = rng.uniform(720, 1000) / max(shot.shape[:2])
    return cv2.resize(shot, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)


def degrade(
    rgb: np.ndarray,
    style: str,
    rng: random.Random,
    dpi: int = 300,
    facing: np.ndarray | None = None,
    tilt: float = 1.0,
) -> np.ndarray:
    """``rgb`` as ``style`` leaves it; ``tilt`` scales a photo's perspective."""
    if style == "clean":
        return rgb
    if style == "a4glass":
        return a4glass(rgb, rng, dpi, facing)
    if style == "lowdpi":
        return lowdpi(rgb, rng, dpi)
    if style == "messenger":
        return messenger(rgb, rng, 0.04 * tilt)
    if style == "handheld":
        return handheld(rgb, rng, 0.05 * tilt)
    if style == "lowres":
        return lowres(rgb, rng)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    if style == "turned":
        return turned(grey, rng)
    if style == "flatbed":
        return flatbed(grey, rng)
    if style == "wideglass":
        return wideglass(grey, rng, dpi)
    if style == "scan":
        return scan.noise(scan.rotate(grey, rng.uniform(-3, 3)), rng, rng.uniform(4, 9))
    if style == "photocopy":
        return photocopy(grey, rng)
    if style == "photo":
        return photograph(rgb, rng, fill=rng.uniform(0.75, 0.88), tilt=0.04 * tilt)
    raise ValueError(f"unknown style {style!r}")


def _encode(image: np.ndarray, dpi: int | None, quality: int) -> bytes:
    if image.ndim == 2:
        return scan.encode(image, "jpg", dpi or 300, quality=quality)
    return _jpeg_rgb(image, dpi, quality)


def make(kind: str, style: str, label_layout: str, rng: random.Random) -> tuple[bytes, dict]:
    """(JPEG bytes, truth) of one document; a layout ending ``+varied`` draws a varied
    design (``iddesign.random_design``), one marked ``+stress`` what real documents add
    over the fields and how they are captured besides (``stressed``)."""
    label_layout, *marks = label_layout.split("+")
    # the stress's own generator (one draw from the document's), so the stress choices
    # added later do not shift the person's, design's and degradation's draws
    stress = random.Random(rng.getrandbits(64)) if STRESS.lstrip("+") in marks else None
    design = iddesign.random_design(
        rng, label_layout=label_layout, varied=VARIED.lstrip("+") in marks, stress=stress
    )
    dpi = rng.choice((250, 300, 300, 350)) if style not in ("photo", "handheld") else 300
    if stress is not None and style not in ("photo", "handheld"):
        dpi = stress.choice((200, 240, 400, 500, 600))
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
    facing = None
    if style == "a4glass" and kind == "passport":  # scanned open: the page above shows too
        facing = iddesign.passport_facing(design, rng, dpi)
    if stress is not None and stress.random() < 0.6:
        image = specular(image, stress)
    tilt = stress.uniform(1.8, 3.2) if stress is not None else 1.0
    out = degrade(image, style, rng, dpi, facing, tilt)
    keep_dpi = {"photo": None, "handheld": None, "lowres": None, "messenger": None}.get(style, dpi)
    if style == "lowdpi":  # the tag as scanner software leaves it: right, missing or 300
        keep_dpi = rng.choice((round(dpi * out.shape[1] / image.shape[1]), None, 300))
    # three draws whatever the style, so each style's documents stay as they were measured
    handheld_q, lowres_q, other_q = rng.randint(50, 70), rng.randint(45, 65), rng.randint(60, 85)
    quality = {"clean": 90, "handheld": handheld_q, "lowres": lowres_q, "messenger": lowres_q}.get(
        style, other_q
    )
    if stress is not None:  # a scanner's or a phone's setting anywhere from poor to fine
        quality = stress.randint(30, 95)
    return _encode(out, keep_dpi, quality), data


def plan(split: str, n: int, seed: int) -> Iterator[tuple[str, str, str, str, random.Random]]:
    """(name, kind, style, label layout, rng) of the split's documents."""
    for i in range(n):
        rng = random.Random(f"{seed}/{split}/{i}")
        kind = KINDS[i % len(KINDS)]
        if split == "tune":
            style = TUNE_STYLES[(i // len(KINDS)) % len(TUNE_STYLES)]
            layout = "wrapped" if i % 3 == 2 else "one_line"
            layout += STRESS if i % 3 == 1 else ""  # every kind and style, by turns
            layout += VARIED if (i + i // len(KINDS)) % 2 == 1 else ""  # every kind, by turns
        else:  # held out: whole degradation styles, and a whole label layout
            unseen = (i // len(KINDS)) % 2 == 0
            style = HELD_OUT_STYLES[(i // (2 * len(KINDS))) % len(HELD_OUT_STYLES)]
            style = style if unseen else rng.choice(HELD_OUT_MIXED)
            layout = rng.choice(("one_line", "two_lines")) if unseen else "two_lines"
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
