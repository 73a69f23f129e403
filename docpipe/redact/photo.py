"""The ID photo on identity-document images: found so it can be burned out (KVKK Art. 6).

Input: a page image (RGB or grey, any size): a scanned or photographed T.C.
Kimlik Kartı, nüfus cüzdanı or passport data page, or any other page. Output:
boxes ``(x0, y0, x1, y1)`` in the image's pixels, one per photo found, padded a
little; an invoice or a card back gives none.

Why not a face detector: OpenCV 5 dropped ``CascadeClassifier`` (and with it the
bundled Haar face cascade), and ``FaceDetectorYN`` needs an ONNX model that
cannot be downloaded here. The detector is therefore a layout one, and it finds
what the law protects, the photo area, whether it holds a real face, a ghost
print or a placeholder:

1. If the image is a photo of a document on a table (``looks_like_photo``), the
   document's quadrilateral (``find_page_quad``, the same search the OCR
   preprocessing uses) is warped to a rectangle first, and boxes are mapped back
   through the inverse perspective afterwards.
2. Illumination is flattened (the page divided by a morphological closing of
   itself, which is the paper and its shadows without anything printed on it).
3. What is clearly darker than the paper is kept, and an opening wider than any
   text stroke removes print, guilloche lines and signatures: only solid areas
   survive.
4. A solid area is a photo when it is portrait-shaped (height/width 1.1-1.9, as
   ID and passport photos are), tall for the document (at least a fifth of its
   height), not a strip along an edge, and fills most of its bounding box.

Upright documents only (the preprocessing turns pages before this runs).
Never logs image content.
"""

from __future__ import annotations

import cv2
import numpy as np

from docpipe.preprocess.steps import find_page_quad, looks_like_photo

Box = tuple[int, int, int, int]

WORK_WIDTH = 640  # pixels: the document is analysed at this width
DARKER_THAN_PAPER = 0.9  # pixel / paper brightness below this is "printed dark"
ASPECT = (1.1, 1.9)  # height / width of a portrait photo
MIN_HEIGHT = 0.2  # of the document's height
MAX_HEIGHT = 0.8
MAX_WIDTH = 0.45  # of the document's width
MIN_FILL = 0.55  # share of the bounding box the solid area covers
PAD = 0.04  # of the box's size, added on each side


def find_photo_regions(image: np.ndarray) -> list[Box]:
    """Boxes (x0, y0, x1, y1) of ID photos in ``image``, in its pixels."""
    if image.size == 0 or min(image.shape[:2]) < 16:
        return []
    grey = _grey(image)
    if looks_like_photo(grey):
        quad = find_page_quad(grey)
        if quad is not None:
            return _in_quad(grey, quad)
    return [_clip(b, grey.shape) for b in _find_in_document(grey)]


def _grey(image: np.ndarray) -> np.ndarray:
    if image.ndim == 3 and image.shape[2] >= 3:
        return cv2.cvtColor(np.ascontiguousarray(image[:, :, :3]), cv2.COLOR_RGB2GRAY)
    if image.ndim == 3:
        return np.ascontiguousarray(image[:, :, 0])
    return image


def _in_quad(grey: np.ndarray, quad: np.ndarray) -> list[Box]:
    tl, tr, br, bl = quad
    w = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if w < 16 or h < 16:
        return []
    target = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    to_flat = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    flat = cv2.warpPerspective(grey, to_flat, (w, h), flags=cv2.INTER_AREA)
    back = np.linalg.inv(to_flat)
    boxes = []
    for x0, y0, x1, y1 in _find_in_document(flat):
        corners = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], dtype=np.float32)
        mapped = cv2.perspectiveTransform(corners, back)[0]
        xs, ys = mapped[:, 0], mapped[:, 1]
        box = (int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max())))
        boxes.append(_clip(box, grey.shape))
    return boxes


def _find_in_document(grey: np.ndarray) -> list[Box]:
    """Photo boxes in an upright document image that fills ``grey``."""
    height, width = grey.shape
    scale = WORK_WIDTH / width
    small = cv2.resize(
        grey, (WORK_WIDTH, max(1, round(height * scale))), interpolation=cv2.INTER_AREA
    )
    h, w = small.shape
    ratio = small.astype(np.float32) / np.maximum(_paper(small), 1.0)
    dark = (ratio < DARKER_THAN_PAPER).astype(np.uint8) * 255
    stroke = max(3, round(w * 0.03)) | 1  # wider than any printed stroke
    solid = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((stroke, stroke), np.uint8))
    solid = cv2.morphologyEx(solid, cv2.MORPH_CLOSE, np.ones((stroke, stroke), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid, connectivity=8)
    boxes = []
    margin = max(2, round(0.01 * w))
    for i in range(1, count):
        x, y, bw, bh, area = (int(v) for v in stats[i])
        if not (ASPECT[0] <= bh / max(bw, 1) <= ASPECT[1]):
            continue
        if not (MIN_HEIGHT * h <= bh <= MAX_HEIGHT * h and bw <= MAX_WIDTH * w):
            continue
        if x < margin or y < margin or x + bw > w - margin or y + bh > h - margin:
            continue
        if area < MIN_FILL * bw * bh:
            continue
        pad_x, pad_y = PAD * bw, PAD * bh
        boxes.append(
            (
                int((x - pad_x) / scale),
                int((y - pad_y) / scale),
                int(np.ceil((x + bw + pad_x) / scale)),
                int(np.ceil((y + bh + pad_y) / scale)),
            )
        )
    return boxes


def _paper(small: np.ndarray, degree: int = 3, rounds: int = 5) -> np.ndarray:
    """The paper's brightness at every pixel, shadows included, print excluded.

    A smooth surface (a bivariate polynomial) is fitted to a coarse copy of the
    page, then refitted to the pixels not clearly darker than it, a few times:
    print and photos fall out, the paper and the light on it stay.
    """
    h, w = small.shape
    gw = 96
    gh = max(2, round(gw * h / w))
    grid = cv2.resize(small, (gw, gh), interpolation=cv2.INTER_AREA).astype(np.float64)
    ys, xs = np.mgrid[0:gh, 0:gw]
    terms = _terms(xs.ravel() / gw, ys.ravel() / gh, degree)
    values = grid.ravel()
    keep = np.ones_like(values, dtype=bool)
    coef = np.zeros(terms.shape[1])
    for _ in range(rounds):
        coef, *_ = np.linalg.lstsq(terms[keep], values[keep], rcond=None)
        fit = terms @ coef
        keep = values > fit * 0.95
        if keep.sum() < terms.shape[1] * 4:
            break
    surface = (terms @ coef).reshape(gh, gw).astype(np.float32)
    return cv2.resize(surface, (w, h), interpolation=cv2.INTER_LINEAR)


def _terms(x: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    return np.stack([x**i * y**j for i in range(degree + 1) for j in range(degree + 1 - i)], 1)


def _clip(box: Box, shape: tuple[int, ...]) -> Box:
    h, w = shape[:2]
    x0, y0, x1, y1 = box
    return (max(0, x0), max(0, y0), min(w, x1), min(h, y1))
