"""Whether a committed sample still matches what the generator makes now.

Text-layer PDFs, XML and truth files are compared byte for byte. Raster samples
(scans, photos, JPEG pages inside a PDF) are compared by their pixels, because
image encoders are not byte-stable across library builds: libjpeg/OpenCV
versions differ by a few grey levels while the picture, and everything OCR
reads from it, stays the same. Measured between two builds: JPEG pages mean
difference 0.002 levels, max 5; a 1-bit fax, one flipped pixel in 4 million.
The tolerance below (mean <= 0.5 levels, at most 0.002 % of pixels off by more
than 24 levels, a PDF's text layer identical) catches any real change to a
sample (one more digit at 300 dpi is ~200 pixels; a moved word, another seed)
and nothing else.
"""

from __future__ import annotations

import cv2
import numpy as np
import pymupdf

MAX_MEAN_DIFF = 0.5  # grey levels, over the whole page
CHANGED_LEVELS = 24  # a pixel further off than this counts as changed
MAX_CHANGED_FRACTION = 2e-5  # of the page's pixels
_RASTER = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp")


def same_sample(name: str, committed: bytes, generated: bytes) -> bool:
    """True when ``committed`` is what the generator makes now, up to encoder noise."""
    if committed == generated:
        return True
    lower = name.lower()
    if lower.endswith(".pdf"):
        return _same_pdf(committed, generated)
    if lower.endswith(_RASTER):
        return _same_images(_decode(committed), _decode(generated))
    return False


def _decode(data: bytes) -> list[np.ndarray]:
    ok, pages = cv2.imdecodemulti(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    return list(pages) if ok else []


def _same_images(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    if not a or len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if x.shape != y.shape:
            return False
        diff = cv2.absdiff(x, y)
        changed = int(np.count_nonzero(diff > CHANGED_LEVELS))
        if float(diff.mean()) > MAX_MEAN_DIFF or changed > MAX_CHANGED_FRACTION * diff.size:
            return False
    return True


def _same_pdf(a: bytes, b: bytes) -> bool:
    try:
        da = pymupdf.open(stream=a, filetype="pdf")
        db = pymupdf.open(stream=b, filetype="pdf")
    except (pymupdf.FileDataError, RuntimeError, ValueError):
        return False
    with da, db:
        if da.page_count != db.page_count:
            return False
        for pa, pb in zip(da, db, strict=True):
            if pa.get_text() != pb.get_text() or pa.rect != pb.rect:
                return False
            if not _same_images([_render(pa)], [_render(pb)]):
                return False
    return True


def _render(page: pymupdf.Page) -> np.ndarray:
    pix = page.get_pixmap(dpi=100, colorspace=pymupdf.csGRAY)
    return np.frombuffer(pix.samples, np.uint8).reshape(pix.height, pix.width)
