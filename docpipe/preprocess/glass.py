"""A small document alone on a large scanned page: find it, so it is read as itself.

A card or a passport put on a flatbed's glass and scanned whole comes back as an A4
page, mostly empty, with the document in a corner. Read as a full page it gets the
full-page OCR mode and clean-up, which identity documents were never read with, and a
small MRZ band among a page of nothing. ``document_on_glass`` finds the one compact
object on an otherwise empty page, by its ink against the glass, and says where it is
when its size is an identity document's (ISO/IEC 7810 ID-1 card, ID-3 passport page,
an open passport booklet, the nüfus cüzdanı): between ``MIN_MM`` and ``MAX_MM`` on its
long side, its sides in an identity document's proportion. Invoices and contracts (A4,
A5 and receipts) are larger or longer than that and are never cut.

Hand-written with OpenCV (threshold, closing, connected components): no library finds
a document on a scanner's glass.
"""

from __future__ import annotations

import cv2
import numpy as np

#: An identity document's long side, mm: an ID-1 card (85.6) to an open passport (176);
#: measured on its print, which on a pale card can stop 10 mm short of either edge.
MIN_MM, MAX_MM = 60.0, 190.0
#: Long side over short side of the ink's extent: ID-1 1.59, ID-3 1.42, an open booklet
#: 1.41, the cüzdan 1.5; a pale band (a card's MRZ strip) can leave an edge unmeasured.
#: A receipt is narrower.
MIN_ASPECT, MAX_ASPECT = 1.1, 2.2
#: The object's share of the page at most: a document that fills the page is the page.
MAX_SHARE = 0.5
_MEASURE_PX = 1000  # long side of the copy the page is measured on
_CLOSE_MM = 6.0  # ink closer than this is one object (lines of print, a photo, guilloche)
_GROUP_MM = 28.0  # components this near the largest belong to it (a passport's MRZ band,
#: a cüzdan's photo beyond the pale seal between it and the text)
_MARGIN_MM = 4.0
_PART = 0.0001  # share of the page below which a speck is no part of anything
_GLASS_PERCENTILE = 80  # an open passport across a Legal glass's width covers 3/4 of a row
#: ink outside the object, as a share of the object's own, beyond which the object is not
#: alone on the glass: a sparse invoice's header block, its notes box a few cm below
_ELSEWHERE = 0.1  # kept around the object: its faint edge, a value set close to it
_A4_INCHES = (8.27, 11.69)
_LETTER_INCHES = (8.5, 11.0)


def page_dpi(shape: tuple[int, ...], dpi: float | None) -> float | None:
    """``dpi`` when known, else the dpi at which the page is A4 or US Letter, when its
    shape is one of those (a scanner's whole glass); None otherwise."""
    if dpi:
        return dpi
    h, w = shape[:2]
    long_px, short_px = max(h, w), min(h, w)
    for short_in, long_in in (_A4_INCHES, _LETTER_INCHES):
        if abs(long_px / short_px - long_in / short_in) < 0.02:
            return long_px / long_in
    return None


#: paper sizes a scanner's page comes in, inches (short, long): A4, US Letter, A5, US Legal
_SHEETS = (_A4_INCHES, _LETTER_INCHES, (5.83, 8.27), (8.5, 14.0))
#: a scanned sheet's pixels at its stated dpi: down to this share of the paper (a scanner
#: crops a little) and up to this much more (a sheet fed askew: 2.5° adds 6 % to its width)
_SHEET_LOW, _SHEET_HIGH = 0.96, 1.1


def is_sheet(shape: tuple[int, ...], dpi: float | None) -> bool:
    """Whether the image, at the dpi its file states, is a sheet of paper: a scan. A photo's
    file states no dpi, or one at which its frame is no paper size (a phone's 72)."""
    if not dpi:
        return False
    h, w = shape[:2]
    short_in, long_in = min(h, w) / dpi, max(h, w) / dpi
    return any(
        _SHEET_LOW <= short_in / short <= _SHEET_HIGH
        and _SHEET_LOW <= long_in / long <= _SHEET_HIGH
        for short, long in _SHEETS
    )


def document_on_glass(grey: np.ndarray, dpi: float | None) -> tuple[int, int, int, int] | None:
    """(x0, y0, x1, y1) in ``grey``'s pixels of an identity-document-sized object alone on
    an empty page, margin included; None when there is none (the page is the document)."""
    dpi = page_dpi(grey.shape, dpi)
    if not dpi:
        return None
    factor = max(grey.shape) / _MEASURE_PX if max(grey.shape) > _MEASURE_PX else 1.0
    size = (max(1, round(grey.shape[1] / factor)), max(1, round(grey.shape[0] / factor)))
    small = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    px_per_mm = dpi / 25.4 / factor
    glass = _glass(small)
    ink = (small.astype(np.int16) < glass - 14).astype(np.uint8) | _fine_ink(grey, glass)
    k = max(3, round(_CLOSE_MM * px_per_mm)) | 1
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = small.shape
    # the object is the largest; what lies near it joins it, small as it may be (a card's
    # short values set apart from the rest of its print: "E / M", a ghost photo)
    boxes = [
        (int(x), int(y), int(x + bw), int(y + bh), int(area))
        for x, y, bw, bh, area in stats[1:count]
        if area >= _PART * h * w and not _edge_strip(x, y, bw, bh, w, h)
    ]
    if not boxes or max(b[4] for b in boxes) < 0.001 * h * w:
        return None
    x0, y0, x1, y1, _ = max(boxes, key=lambda b: b[4])
    gap = _GROUP_MM * px_per_mm
    grown = True
    while grown:  # join what lies near the object: a band set apart, a photo's edge
        grown = False
        for bx0, by0, bx1, by1, _ in boxes:
            inside = bx0 >= x0 and by0 >= y0 and bx1 <= x1 and by1 <= y1
            near = bx0 - gap <= x1 and bx1 + gap >= x0 and by0 - gap <= y1 and by1 + gap >= y0
            if near and not inside:
                x0, y0, x1, y1 = min(x0, bx0), min(y0, by0), max(x1, bx1), max(y1, by1)
                grown = True
    held = sum(b[4] for b in boxes if _within(b[:4], (x0, y0, x1, y1)))
    if sum(b[4] for b in boxes) - held > _ELSEWHERE * held:
        return None  # more print elsewhere on the page: the object is a block of a page
    long_mm = max(x1 - x0, y1 - y0) / px_per_mm
    aspect = max(x1 - x0, y1 - y0) / max(1, min(x1 - x0, y1 - y0))
    share = (x1 - x0) * (y1 - y0) / (h * w)
    if not (MIN_MM <= long_mm <= MAX_MM and MIN_ASPECT <= aspect <= MAX_ASPECT):
        return None
    if share > MAX_SHARE:
        return None
    margin = _MARGIN_MM * px_per_mm
    full_h, full_w = grey.shape[:2]
    return (
        max(0, round((x0 - margin) * factor)),
        max(0, round((y0 - margin) * factor)),
        min(full_w, round((x1 + margin) * factor)),
        min(full_h, round((y1 + margin) * factor)),
    )


def _glass(small: np.ndarray) -> np.ndarray:
    """The empty glass's brightness at each pixel: the brightness most of its row and
    most of its column reach (their 80th percentile), the darker of the two. It follows
    the open lid's shadow and uneven lighting along a side of the page, which, measured
    against one brightness for the whole page, would be one object the page's width;
    a document, narrower than the page, leaves its rows and columns glass."""
    rows = np.percentile(small, _GLASS_PERCENTILE, axis=1)
    cols = np.percentile(small, _GLASS_PERCENTILE, axis=0)
    return np.minimum(rows[:, None], cols[None, :]).astype(np.int16)


#: share of a measuring cell that fine lines of ink cover for the cell to be ink
_FINE_SHARE = 0.15


def _fine_ink(grey: np.ndarray, glass: np.ndarray) -> np.ndarray:
    """Cells of the measuring copy crossed by fine print that averaging the page down
    washes out: a pale card's guilloche and hairlines, where only those reach its edges
    (its MRZ and text can stop 11 mm short). Thresholded on the page as scanned, against
    the glass's brightness there; a speck of the glass's noise covers too little of a cell
    to count."""
    full = cv2.resize(glass.astype(np.float32), (grey.shape[1], grey.shape[0]))
    fine = (grey < full - 14).astype(np.uint8) * 255
    share = cv2.resize(fine, (glass.shape[1], glass.shape[0]), interpolation=cv2.INTER_AREA)
    return (share >= 255 * _FINE_SHARE).astype(np.uint8)


def _within(inner: tuple[int, ...], outer: tuple[int, ...]) -> bool:
    return (
        inner[0] >= outer[0] and inner[1] >= outer[1]
        and inner[2] <= outer[2] and inner[3] <= outer[3]
    )  # fmt: skip


def _edge_strip(x: int, y: int, bw: int, bh: int, w: int, h: int) -> bool:
    """A thin band along the page's edge (the scanner lid's shadow, the glass's frame)."""
    along_side = (x <= 1 or x + bw >= w - 1) and bw < 0.05 * w
    along_top = (y <= 1 or y + bh >= h - 1) and bh < 0.05 * h
    return along_side or along_top
