"""Phone-photo variants: a document on a table, in perspective, with a shadow.

Deterministic for a fixed rng. No EXIF dpi is written (phones do not know
the paper size); docpipe estimates it from the page it finds.
"""

from __future__ import annotations

import random

import cv2
import numpy as np

PHOTO_SIZE = (1600, 1200)  # width, height: a downsized phone photo


def table(rng: random.Random, size: tuple[int, int] = PHOTO_SIZE) -> np.ndarray:
    """A dark wooden-looking table top (RGB)."""
    w, h = size
    gen = np.random.default_rng(rng.randrange(2**32))
    base = np.array([rng.randint(60, 90), rng.randint(40, 60), rng.randint(25, 40)], np.float32)
    grain = gen.normal(0, 1, (h, 1)).astype(np.float32)
    stripes = 12 * np.sin(np.linspace(0, 40, h, dtype=np.float32))[:, None] + 6 * grain
    img = base[None, None, :] + stripes[:, :, None] + gen.normal(0, 4, (h, w, 1)).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def photograph(
    document: np.ndarray,
    rng: random.Random,
    fill: float = 0.7,
    size: tuple[int, int] = PHOTO_SIZE,
    tilt: float = 0.06,
) -> np.ndarray:
    """Place the RGB ``document`` on a table in perspective and add a soft shadow.

    ``size`` is the photo's (width, height); ``tilt`` how far each corner may
    move, as a share of the page's width (the perspective).
    """
    w, h = size
    out = table(rng, size)
    dh, dw = document.shape[:2]
    scale = min(w * fill / dw, h * fill / dh)
    cw, ch = dw * scale, dh * scale
    cx, cy = w / 2 + rng.uniform(-40, 40), h / 2 + rng.uniform(-30, 30)
    jitter = [rng.uniform(-tilt, tilt) * cw for _ in range(8)]
    dst = np.array(
        [
            [cx - cw / 2 + jitter[0], cy - ch / 2 + jitter[1]],
            [cx + cw / 2 + jitter[2], cy - ch / 2 + jitter[3]],
            [cx + cw / 2 + jitter[4], cy + ch / 2 + jitter[5]],
            [cx - cw / 2 + jitter[6], cy + ch / 2 + jitter[7]],
        ],
        dtype=np.float32,
    )
    src = np.array([[0, 0], [dw - 1, 0], [dw - 1, dh - 1], [0, dh - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(document, m, (w, h), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((dh, dw), 255, np.uint8), m, (w, h), flags=cv2.INTER_AREA)
    alpha = (mask.astype(np.float32) / 255)[:, :, None]
    out = (warped * alpha + out * (1 - alpha)).astype(np.float32)
    # a soft shadow across one side, like a hand or a phone above the page
    xs = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    shade = 1 - 0.35 * np.clip(1.5 - 2.5 * (xs * 0.7 + ys * 0.3 + rng.uniform(-0.1, 0.1)), 0, 1)
    out = out * shade[:, :, None]
    return np.clip(out, 0, 255).astype(np.uint8)


PAGE_PHOTO_SIZE = (2250, 3000)  # portrait, ~6.8 MP: an A4 page fills ~85 % at ~220 dpi


def photograph_page(
    page: np.ndarray, rng: random.Random, *, blur: float = 0.0, light: str = "side"
) -> np.ndarray:
    """A phone photo of a printed A4 page (RGB): perspective, table, shadow, optional blur.

    ``light`` is ``"side"`` (the soft shadow of ``photograph``) or ``"hand"`` (a
    darker band across a corner, like the shadow of the hand holding the phone).
    """
    out = photograph(page, rng, fill=rng.uniform(0.8, 0.88), size=PAGE_PHOTO_SIZE, tilt=0.04)
    if light == "hand":
        h, w = out.shape[:2]
        xs = np.linspace(0, 1, w, dtype=np.float32)[None, :]
        ys = np.linspace(0, 1, h, dtype=np.float32)[:, None]
        corner = rng.uniform(0.25, 0.4)
        band = np.clip((corner - (xs * 0.5 + (1 - ys) * 0.5)) / 0.08, 0, 1)
        out = (out.astype(np.float32) * (1 - 0.4 * band)[:, :, None]).astype(np.uint8)
    if blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    return out
