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
    return _placed(document, None, rng, fill, size, tilt, cut=False)[0]


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


# -- what a phone photo of a page brings beyond perspective and a shadow -------------------
#: the effects ``phone_photo`` may add; each one breaks an assumption a flat, whole page
#: on a bare table keeps (straight edges and lines, four visible corners, one bright
#: quadrilateral, sharp print, full resolution)
EFFECTS = ("curl", "clutter", "cut", "motion", "lowres", "warm")


def curl(page: np.ndarray, rng: random.Random, depth: float) -> tuple[np.ndarray, np.ndarray]:
    """The page bent like paper lifting off a table (RGB page, 0/255 mask of where it is).

    The page's rows bow along a smooth curve across its width, deepest at one end
    (``depth``: the bow's height as a share of the page's height), so its text lines and
    table rules become arcs and its top and bottom edges curve with them; the bend
    shades the paper where it turns away from the light.
    """
    dh, dw = page.shape[:2]
    pad = int(depth * dh) + 4
    xs = np.linspace(-1, 1, dw, dtype=np.float32)[None, :]
    ys = np.linspace(0, 1, dh + 2 * pad, dtype=np.float32)[:, None]
    centre = rng.uniform(-0.3, 0.3)
    bow = 1 - np.clip(np.abs(xs - centre) / (1 + abs(centre)), 0, 1) ** 2  # 1 mid, 0 sides
    grow = rng.choice((ys, 1 - ys, np.full_like(ys, 0.7)))  # deepest at the bottom, top, even
    dy = depth * dh * (0.4 + 0.6 * grow) * bow * rng.choice((1, -1))
    map_x = np.broadcast_to(np.arange(dw, dtype=np.float32)[None, :], dy.shape).copy()
    map_y = (np.arange(dh + 2 * pad, dtype=np.float32)[:, None] - pad + dy).astype(np.float32)
    bent = cv2.remap(page, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    mask = cv2.remap(np.full((dh, dw), 255, np.uint8), map_x, map_y, cv2.INTER_LINEAR,
                     borderMode=cv2.BORDER_CONSTANT)  # fmt: skip
    slope = np.abs(np.gradient(bow[0]))[None, :] * dw / 2  # 0 on the crest, ~2 at the sides
    shade = 1 - 0.12 * depth / 0.03 * np.clip(slope, 0, 2) / 2
    bent = np.clip(bent * shade[:, :, None], 0, 255).astype(np.uint8)
    return bent, mask


def _clutter(out: np.ndarray, rng: random.Random, keep: np.ndarray) -> np.ndarray:
    """A few bright things on the table beside the page (a card, another sheet's corner,
    a pen), drawn a little away from where ``keep`` (the page's mask) is."""
    h, w = out.shape[:2]
    layer = out.copy()
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("sheet", "card", "pen"))
        colour = tuple(int(v) for v in ((rng.randint(200, 250),) * 3 if kind != "pen"
                                        else (rng.randint(0, 255), 40, 40)))  # fmt: skip
        cx, cy = rng.uniform(0, w), rng.choice((rng.uniform(0, 0.12), rng.uniform(0.88, 1))) * h
        if rng.random() < 0.5:
            cx, cy = rng.choice((rng.uniform(0, 0.12), rng.uniform(0.88, 1))) * w, rng.uniform(0, h)
        size = {"sheet": 0.35, "card": 0.12, "pen": 0.25}[kind] * w
        ratio = {"sheet": 1.41, "card": 0.63, "pen": 0.04}[kind]
        box = ((cx, cy), (size, size * ratio), rng.uniform(0, 180))
        pts = cv2.boxPoints(box).astype(np.int32)
        cv2.fillConvexPoly(layer, pts, colour)
    # things lie beside the page, not on it: a gap of about 1.5 % of the photo's width
    gap = max(3, round(0.015 * w)) | 1
    near = cv2.dilate(keep, np.ones((gap, gap), np.uint8))
    return np.where(near[:, :, None] > 0, out, layer)


def _motion(out: np.ndarray, rng: random.Random, length: int) -> np.ndarray:
    """A hand's shake while the shutter is open: a blur along one short line."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1
    turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
    kernel = cv2.warpAffine(kernel, turn, (length, length))
    return cv2.filter2D(out, -1, kernel / max(float(kernel.sum()), 1e-6))


def phone_photo(
    page: np.ndarray,
    rng: random.Random,
    effects: tuple[str, ...] | None = None,
    *,
    depth: float | None = None,
) -> np.ndarray:
    """A phone photo of a printed page (RGB) as people take them: ``photograph_page``'s
    perspective, table and shadow, plus ``effects`` (drawn from ``EFFECTS`` when None):

    - ``curl``: the page bends (``curl``, ``depth`` or drawn), its lines and edges arcs;
    - ``clutter``: other bright things lie on the table beside it;
    - ``cut``: the page is nearer, one of its margins runs off the frame;
    - ``motion``: a shaken hand's blur along a line;
    - ``lowres``: the photo sent through a messenger (long side 1600 px, JPEG-like);
    - ``warm``: indoor light, yellowish and falling off to the corners.
    """
    if effects is None:
        effects = tuple(e for e in EFFECTS if rng.random() < 0.35)
    mask = None
    if "curl" in effects:
        page, mask = curl(page, rng, depth if depth is not None else rng.uniform(0.01, 0.035))
    fill = rng.uniform(0.92, 0.98) if "cut" in effects else rng.uniform(0.8, 0.88)
    out, where = _placed(page, mask, rng, fill, PAGE_PHOTO_SIZE, 0.04, "cut" in effects)
    if "clutter" in effects:
        out = _clutter(out, rng, where)
    h, w = out.shape[:2]
    if "warm" in effects:
        xs = np.linspace(-1, 1, w, dtype=np.float32)[None, :]
        ys = np.linspace(-1, 1, h, dtype=np.float32)[:, None]
        fall = 1 - rng.uniform(0.15, 0.3) * np.clip((xs**2 + ys**2) / 2, 0, 1)
        tint = np.array([1.0, rng.uniform(0.9, 0.95), rng.uniform(0.75, 0.85)], np.float32)
        out = np.clip(out * fall[:, :, None] * tint, 0, 255).astype(np.uint8)
    if "motion" in effects:
        out = _motion(out, rng, rng.randint(3, 7))
    if "lowres" in effects:
        scale = 1600 / max(h, w)
        small = cv2.resize(out, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
        ok, data = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 70)])
        out = cv2.imdecode(data, cv2.IMREAD_UNCHANGED) if ok else small
    return out


def _placed(
    page: np.ndarray,
    mask: np.ndarray | None,
    rng: random.Random,
    fill: float,
    size: tuple[int, int],
    tilt: float,
    cut: bool,
) -> tuple[np.ndarray, np.ndarray]:
    """The page on a table in perspective with a soft shadow across one side, like a hand
    or a phone above it (RGB), and the 0/255 mask of where the page lies; with ``cut`` the
    page is moved towards one side until its margin there leaves the frame."""
    w, h = size
    out = table(rng, size)
    dh, dw = page.shape[:2]
    if mask is None:
        mask = np.full((dh, dw), 255, np.uint8)
    scale = min(w * fill / dw, h * fill / dh)
    cw, ch = dw * scale, dh * scale
    cx, cy = w / 2 + rng.uniform(-40, 40), h / 2 + rng.uniform(-30, 30)
    if cut:  # a margin (~5 % of the page) runs off one side
        side = rng.choice(("top", "bottom", "left", "right"))
        reach = (w - cw) / 2 + 0.05 * cw if side in ("left", "right") else (h - ch) / 2 + 0.05 * ch
        if side in ("left", "right"):
            cx = w / 2 + (reach if side == "right" else -reach)
        else:
            cy = h / 2 + (reach if side == "bottom" else -reach)
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
    warped = cv2.warpPerspective(page, m, (w, h), flags=cv2.INTER_AREA)
    where = cv2.warpPerspective(mask, m, (w, h), flags=cv2.INTER_AREA)
    alpha = (where.astype(np.float32) / 255)[:, :, None]
    out = (warped * alpha + out * (1 - alpha)).astype(np.float32)
    xs = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    ys = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    shade = 1 - 0.35 * np.clip(1.5 - 2.5 * (xs * 0.7 + ys * 0.3 + rng.uniform(-0.1, 0.1)), 0, 1)
    return np.clip(out * shade[:, :, None], 0, 255).astype(np.uint8), where
