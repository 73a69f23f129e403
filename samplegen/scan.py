"""Scanner and fax degradations of a rendered page: deterministic for a fixed rng.

Each function takes a grey ``uint8`` page and returns a new one; ``encode``
writes JPEG or PNG bytes with the dpi in the header (Pillow's encoders are
deterministic for the same pixels and options).
"""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
import pymupdf
from PIL import Image


def rasterise(pdf: bytes, dpi: int, page: int = 0) -> np.ndarray:
    doc = pymupdf.open(stream=pdf)
    pix = doc[page].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w).copy()


def rasterise_rgb(pdf: bytes, dpi: int, page: int = 0) -> np.ndarray:
    doc = pymupdf.open(stream=pdf)
    pix = doc[page].get_pixmap(dpi=dpi, colorspace=pymupdf.csRGB, alpha=False)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, 3).copy()


def rotate(grey: np.ndarray, degrees: float) -> np.ndarray:
    """Rotate about the centre, keeping the whole page, paper-white corners."""
    if degrees % 360 == 180:
        return cv2.rotate(grey, cv2.ROTATE_180)
    h, w = grey.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    return cv2.warpAffine(grey, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=(255, 255, 255))


def noise(grey: np.ndarray, rng: random.Random, sigma: float) -> np.ndarray:
    gen = np.random.default_rng(rng.randrange(2**32))
    noisy = grey.astype(np.float32) + gen.normal(0, sigma, grey.shape).astype(np.float32)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def blur(grey: np.ndarray, radius: float) -> np.ndarray:
    return cv2.GaussianBlur(grey, (0, 0), radius)


def fax(grey: np.ndarray, rng: random.Random) -> np.ndarray:
    """1-bit with speckle, like a fax at 200 × 200 dpi."""
    out = np.where(grey < 150, 0, 255).astype(np.uint8)
    gen = np.random.default_rng(rng.randrange(2**32))
    speckle = gen.random(grey.shape) < 0.002
    out[speckle] = 0
    return out


#: Fax resolutions (ITU-T T.4): 204 dpi across; 98 lines per inch in standard mode,
#: 196 in fine mode.
FAX_DPI = 204
FAX_LINES = {"standard": 98, "fine": 196}


def fax_sampled(grey: np.ndarray, rng: random.Random, mode: str) -> np.ndarray:
    """A page rasterised at 204 dpi sent as a fax: its rows resampled to the mode's
    line resolution (standard mode keeps every other row's worth: letters half as
    tall in pixels), then 1-bit with speckle. Its file must say ``(204, lines)`` dpi."""
    lines = FAX_LINES[mode]
    h, w = grey.shape[:2]
    rows = max(1, round(h * lines / FAX_DPI))
    squashed = cv2.resize(grey, (w, rows), interpolation=cv2.INTER_AREA)
    return fax(squashed, rng)


def tiff_pages(pages: list[np.ndarray], dpi: tuple[int, int]) -> bytes:
    """A multi-page 1-bit TIFF (CCITT Group 4, the fax and archive format) with ``dpi``."""
    frames = [Image.fromarray(p).convert("1", dither=Image.Dither.NONE) for p in pages]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", compression="group4", dpi=dpi, save_all=True,
                   append_images=frames[1:])  # fmt: skip
    return buf.getvalue()


def encode(image: np.ndarray, fmt: str, dpi: int, quality: int = 80) -> bytes:
    buf = io.BytesIO()
    pil = Image.fromarray(image)
    if fmt == "png1":
        pil.convert("1", dither=Image.Dither.NONE).save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
    elif fmt == "png":
        pil.save(buf, "PNG", dpi=(dpi, dpi), optimize=True)
    else:
        pil.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


#: the edges a design may print to (a banner across the top, a bar down one side)
EDGES = ("top", "bottom", "left", "right")


def bleed_band(grey: np.ndarray, rng: random.Random, dpi: int, edge: str) -> np.ndarray:
    """The page as a design printed to the paper's edge prints it: a dark band along
    ``edge``, whatever the page has there printed white on it. Across the top or bottom
    it is a banner 8-30 mm deep that holds the page's first (last) lines, ending between
    two lines; down a side it is a bar 4-15 mm wide that stays clear of the print, as a
    design's side bar does."""
    mm = dpi / 25.4
    h, w = grey.shape[:2]
    ink = grey < 128
    if edge in ("top", "bottom"):
        rows = ink.any(axis=1) if edge == "top" else ink.any(axis=1)[::-1]
        depth = round(rng.uniform(8, 30) * mm)
        blank = np.flatnonzero(~rows[depth : depth + round(8 * mm)])
        depth += int(blank[0]) if blank.size else 0  # end the banner between two lines
    else:
        cols = ink.any(axis=0) if edge == "left" else ink.any(axis=0)[::-1]
        margin = int(np.argmax(cols)) if cols.any() else w // 4
        depth = round(min(rng.uniform(4, 15) * mm, max(2 * mm, margin - 2 * mm)))
    level = rng.randint(40, 110)
    out = grey.copy()
    band = {
        "top": (slice(0, depth), slice(0, w)),
        "bottom": (slice(h - depth, h), slice(0, w)),
        "left": (slice(0, h), slice(0, depth)),
        "right": (slice(0, h), slice(w - depth, w)),
    }[edge]
    region = out[band]
    out[band] = np.where(region < 128, rng.randint(235, 255), level).astype(np.uint8)
    return out
