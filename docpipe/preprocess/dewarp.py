"""Rectify a photographed page whose paper bends: follow its curved edges, not only its corners.

``perspective`` finds the page's four corners; a homography from them straightens a flat
page. Paper lifting off a table bows: its top and bottom edges (and every text line and
table rule between them) become arcs, and after the homography a table's row still climbs
or sinks by tens of pixels across the page, so its cells no longer share a line.

Here the page's outline is measured in the homography's frame (where a flat page's edges
lie exactly on the frame's sides): each side's offset from its straight line, fitted by a
smooth curve. When a side bows by more than ``_BOW`` of the page, the page is remapped by
a Coons patch between its four curved sides (each point moved by the bows of the sides
around it, in proportion to how near it is to each), which straightens lines that bend
the way the edges do. A flat page's sides measure straight and it is warped by the
homography alone, as before.
"""

from __future__ import annotations

import cv2
import numpy as np

from docpipe.ocr.skew import measuring_copy

#: a side bowing less than this share of the page's height (width) is straight
_BOW = 0.004
#: a side bowing more than this is no paper's bend (a shadow or a neighbour cut it)
_MOST_BOW = 0.06
#: how far from its straight line a side is looked for, as a share of the page
_SEARCH = 0.08
#: the share of a side's samples that must find the edge for it to be measured
_SEEN = 0.6
_SAMPLES = 60
#: the coarse grid (pixels) the remap is computed on before it is enlarged to full size
_GRID = 8


def rectify(grey: np.ndarray, quad: np.ndarray, size: tuple[int, int]) -> tuple[np.ndarray, dict]:
    """The page inside ``quad`` (tl, tr, br, bl; full-size pixels) warped to ``size`` (w, h),
    following its sides where they bow, and what was measured: the largest bow as a share
    of the page and whether the page was dewarped."""
    w, h = size
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    sides = _sides(grey, matrix, (w, h))
    largest = max(_bow(side) / (h if i < 2 else w) for i, side in enumerate(sides))
    if largest < _BOW:
        warped = cv2.warpPerspective(grey, matrix, (w, h), flags=cv2.INTER_CUBIC)
        return warped, {"bow": round(largest, 4), "dewarped": False}
    map_x, map_y = _coons_map(sides, (w, h), np.linalg.inv(matrix))
    warped = cv2.remap(grey, map_x, map_y, cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return warped, {"bow": round(largest, 4), "dewarped": True}


def _bow(side: np.ndarray) -> float:
    """How far a side's curve departs from the chord between its ends (pixels): a page
    whose corners were found a little off has sides that tilt, not bow."""
    t = np.linspace(0, 1, len(side))
    return float(np.max(np.abs(side - (side[0] + (side[-1] - side[0]) * t))))


def _sides(grey: np.ndarray, matrix: np.ndarray, size: tuple[int, int]) -> list[np.ndarray]:
    """Each side's offset from where the corners put it, in the homography's full-size
    frame, at ``_SAMPLES`` points along it (top, bottom: along x, offsets in y; left,
    right: along y, offsets in x). A side not measured (hidden, cut by the photo's edge,
    no smooth curve) is all zeros."""
    w, h = size
    small, factor = measuring_copy(grey, 800)
    # the homography's frame at the small copy's scale, with room around the page; what
    # lies outside the photo is black, like a table
    s = 1.0 / factor
    sw, sh = max(2, round(w * s)), max(2, round(h * s))
    pad_x, pad_y = round(_SEARCH * sw) + 2, round(_SEARCH * sh) + 2
    to_small = np.array([[factor, 0, 0], [0, factor, 0], [0, 0, 1]], np.float64)
    frame = np.array([[s, 0, pad_x], [0, s, pad_y], [0, 0, 1]], np.float64) @ matrix @ to_small
    img = cv2.warpPerspective(small, frame, (sw + 2 * pad_x, sh + 2 * pad_y),
                              flags=cv2.INTER_LINEAR, borderValue=0).astype(np.float32)  # fmt: skip
    rows, cols = img[:, pad_x : pad_x + sw], img[pad_y : pad_y + sh].T
    return [
        _smooth(_edge(rows, pad_y, 2 * pad_y, from_start=True), sh) / s,
        _smooth(_edge(rows, pad_y + sh - 1, 2 * pad_y, from_start=False), sh) / s,
        _smooth(_edge(cols, pad_x, 2 * pad_x, from_start=True), sw) / s,
        _smooth(_edge(cols, pad_x + sw - 1, 2 * pad_x, from_start=False), sw) / s,
    ]


#: the step from table to paper: at least this many grey levels between the means of
#: ``_STEP_PX`` pixels either side; of the steps at least half as strong as the strip's
#: strongest (a dark band printed near the edge steps up too, so does a sheet beside the
#: page), the one nearest the line between the page's corners
_STEP, _STEP_PX = 15.0, 5


def _edge(img: np.ndarray, line: int, reach: int, *, from_start: bool) -> np.ndarray:
    """Where the page begins along each of ``_SAMPLES`` columns of ``img`` (its rows are
    the search direction), as an offset from row ``line``; NaN where no edge is seen.
    ``from_start``: the page lies after the edge (top, left), else before it."""
    centres = (np.linspace(0.0, 1.0, _SAMPLES) * 0.94 + 0.03) * (img.shape[1] - 1)
    lo, hi = max(0, line - reach), min(img.shape[0], line + reach + 1)
    k = _STEP_PX
    found = np.full(_SAMPLES, np.nan)
    for i, c in enumerate(centres.round().astype(int)):
        strip = img[lo:hi, max(0, c - 2) : c + 3].mean(axis=1)
        if not from_start:
            strip = strip[::-1]
        if len(strip) < 4 * k:
            continue
        run = np.concatenate(([0.0], np.cumsum(strip)))
        at = np.arange(k, len(strip) - k)
        step = (run[at + k] - run[at]) / k - (run[at] - run[at - k]) / k
        best = float(step.max())
        if best < _STEP:
            continue
        strong = at[step >= 0.5 * best]
        offsets = (lo + strong - line) if from_start else (hi - 1 - strong - line)
        found[i] = offsets[np.argmin(np.abs(offsets))]  # the step nearest the corners' line
    return found


def _smooth(offsets: np.ndarray, extent: int) -> np.ndarray:
    """A quadratic through the measured offsets, outliers left out; zeros when too few
    were measured or the curve is no paper's bend."""
    seen = ~np.isnan(offsets)
    if seen.mean() < _SEEN:
        return np.zeros(_SAMPLES)
    at = np.linspace(0.03, 0.97, _SAMPLES)
    keep = seen.copy()
    for _ in range(4):
        coef = np.polyfit(at[keep], offsets[keep], 2)
        residual = np.abs(np.polyval(coef, at) - np.where(seen, offsets, 0))
        limit = max(1.5, 2.5 * float(np.median(residual[keep])))
        keep = seen & (residual <= limit)
        if keep.mean() < _SEEN:
            return np.zeros(_SAMPLES)
    t = np.linspace(0, 1, _SAMPLES)
    curve = np.polyval(coef, t)
    if float(np.max(np.abs(curve))) > _MOST_BOW * extent:
        return np.zeros(_SAMPLES)
    return curve


def _coons_map(
    sides: list[np.ndarray], size: tuple[int, int], back: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Full-size remap tables: for every output pixel, where it lies in the photo.

    A Coons patch between the four measured sides: each point of the output moves, in
    the homography's frame, by the offsets of the sides across from each other, weighted
    by how near it is to each; the page's corners move to where its sides meet, so a
    corner that the bow pulled off the outline is put right too."""
    w, h = size
    top, bottom, left, right = sides
    gw, gh = w // _GRID + 2, h // _GRID + 2
    u = np.clip(np.arange(gw) * _GRID / max(1, w - 1), 0, 1)[None, :]
    v = np.clip(np.arange(gh) * _GRID / max(1, h - 1), 0, 1)[:, None]
    t = np.linspace(0, 1, _SAMPLES)

    def along(curve: np.ndarray, at: np.ndarray) -> np.ndarray:
        return np.interp(at.ravel(), t, curve).reshape(at.shape)

    dy = (1 - v) * along(top, u) + v * along(bottom, u)
    dx = (1 - u) * along(left, v) + u * along(right, v)
    x = u * (w - 1) + dx
    y = v * (h - 1) + dy
    pts = np.stack(np.broadcast_arrays(x, y), axis=-1).reshape(-1, 1, 2).astype(np.float64)
    photo = cv2.perspectiveTransform(pts, back).reshape(gh, gw, 2).astype(np.float32)
    full = (gw * _GRID, gh * _GRID)
    map_x = cv2.resize(photo[:, :, 0], full, interpolation=cv2.INTER_LINEAR)[:h, :w]
    map_y = cv2.resize(photo[:, :, 1], full, interpolation=cv2.INTER_LINEAR)[:h, :w]
    return np.ascontiguousarray(map_x), np.ascontiguousarray(map_y)
