"""Find and decode the GİB karekod (QR) on a document's pages.

Input: an ingested ``Document`` (PDF bytes or raster page images). Output: the
first ``Karekod`` whose text is a GİB invoice payload, or None. A QR code that
is not one (a web address, a payment code) is skipped, never an error.

Where the pixels come from:

- PDF pages: embedded images first, decoded at their own resolution (portal and
  integrator PDFs embed the karekod as a PNG), then the page rendered at
  ``karekod_dpi`` (a vector-drawn code);
- scans and photos: the page image as ingested (before preprocessing, so the
  cheap ETTN lookup can run before OCR).

Decoding is zxing-cpp (far ahead of OpenCV's detector and zbar on small, blurred
and tilted codes; ``benchmarks/karekod_decode.py`` measures it here). When it
finds nothing, OpenCV's ``QRCodeDetector`` proposes where a code is, and that
region is cropped, upscaled and binarised for a second zxing pass: a code of two
or three pixels a module in a phone photo often decodes only that way.

Payload text is personal data (buyer's TCKN): never logged, only parsed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator

import cv2
import numpy as np
import pymupdf

from docpipe.document import BBox, Document, Page
from docpipe.errors import DependencyError
from docpipe.ingest.sniff import PDF
from docpipe.text.karekod import Karekod, KarekodPayload, parse_karekod
from docpipe.text.turkish import fold

log = logging.getLogger("docpipe.ocr.karekod")

MAX_PAGES = 10  # a karekod sits on the first or the last pages; bound the work
MIN_EMBEDDED_SIDE = 40  # px: smaller embedded images are logos and bullets
RETRY_SCALE = 2.0
#: Pages are searched at most this many pixels a side (an A4 page at 300 dpi is 3508):
#: a karekod stays readable, and a 9000×9000 photo or a poster-sized PDF page costs a
#: bounded amount of memory instead of gigabytes (hostile input).
MAX_SIDE = 4000
MAX_RETRY_REGIONS = 4
#: Text a page of an e-Fatura / e-Arşiv print carries (folded: no case, no diacritics).
_E_INVOICE = re.compile(r"\bettn\b|e-?\s?fatura|e-?\s?arsiv|[0-9a-f]{8}-[0-9a-f]{4}-")


def _zxing():  # the module, imported once and only when needed
    try:
        import zxingcpp
    except ImportError:
        raise DependencyError(
            "reading karekods needs zxing-cpp; install it with `pip install zxing-cpp` "
            "or set DOCPIPE_KAREKOD=false"
        ) from None
    return zxingcpp


def decode_qr(image: np.ndarray, *, retry: bool = True) -> list[tuple[str, BBox]]:
    """Texts and boxes (image pixels) of the QR codes zxing-cpp finds in ``image``.

    With ``retry``, when nothing is decoded, the regions where a code seems to be
    (codes zxing located but could not decode, and OpenCV's detections) are
    cropped, upscaled, sharpened and binarised, and read again (boxes still in
    ``image`` pixels).
    """
    found, missed = _zxing_scan(image)
    if found or not retry:
        return found
    return list(_retry(image, missed))


def _grey(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def _zxing_scan(image: np.ndarray) -> tuple[list[tuple[str, BBox]], list[BBox]]:
    """(decoded texts with boxes, boxes of codes located but not decoded)."""
    zx = _zxing()
    grey = np.ascontiguousarray(_grey(image))
    found, missed = [], []
    for code in zx.read_barcodes(grey, formats=zx.BarcodeFormat.QRCode, return_errors=True):
        pos = code.position
        xs = [pos.top_left.x, pos.top_right.x, pos.bottom_left.x, pos.bottom_right.x]
        ys = [pos.top_left.y, pos.top_right.y, pos.bottom_left.y, pos.bottom_right.y]
        box = (float(min(xs)), float(min(ys)), float(max(xs)), float(max(ys)))
        if code.valid and code.text:
            found.append((code.text, box))
        else:
            missed.append(box)
    return found, missed


def _zxing_read(image: np.ndarray) -> list[tuple[str, BBox]]:
    return _zxing_scan(image)[0]


def _opencv_boxes(grey: np.ndarray) -> list[BBox]:
    """Where OpenCV's QR detector sees codes (it locates some that zxing does not)."""
    try:
        ok, points = cv2.QRCodeDetector().detectMulti(grey)
    except cv2.error:
        return []
    if not ok or points is None:
        return []
    boxes = []
    for quad in points.reshape(-1, 4, 2):
        (x0, y0), (x1, y1) = quad.min(axis=0), quad.max(axis=0)
        boxes.append((float(x0), float(y0), float(x1), float(y1)))
    return boxes


def _region(box: BBox, shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """``box`` with a quiet-zone margin, clipped to the image."""
    x0, y0, x1, y1 = box
    pad = 0.2 * max(x1 - x0, y1 - y0) + 4
    h, w = shape[:2]
    return (
        max(0, int(x0 - pad)),
        max(0, int(y0 - pad)),
        min(w, int(x1 + pad)),
        min(h, int(y1 + pad)),
    )


def _variants(crop: np.ndarray) -> Iterator[np.ndarray]:
    """The crop twice as large: sharpened and adaptively binarised, then just smooth."""
    big = cv2.resize(crop, None, fx=RETRY_SCALE, fy=RETRY_SCALE, interpolation=cv2.INTER_CUBIC)
    sharp = cv2.addWeighted(big, 2.0, cv2.GaussianBlur(big, (0, 0), 2.0), -1.0, 0)
    yield cv2.adaptiveThreshold(
        sharp, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY, 31, 5
    )
    yield big


def _retry(image: np.ndarray, missed: list[BBox]) -> Iterator[tuple[str, BBox]]:
    grey = _grey(image)
    regions = dict.fromkeys(_region(b, grey.shape) for b in [*missed, *_opencv_boxes(grey)])
    for x0, y0, x1, y1 in list(regions)[:MAX_RETRY_REGIONS]:
        crop = grey[y0:y1, x0:x1]
        if min(crop.shape) < 16:
            continue
        for variant in _variants(crop):
            found = _zxing_read(variant)
            for text, (bx0, by0, bx1, by1) in found:
                s = RETRY_SCALE
                yield text, (x0 + bx0 / s, y0 + by0 / s, x0 + bx1 / s, y0 + by1 / s)
            if found:
                return


def _gib(found: list[tuple[str, BBox]]) -> Iterator[tuple[KarekodPayload, BBox]]:
    for text, box in found:
        payload = parse_karekod(text)
        if payload is not None:
            yield payload, box


def find_karekod(doc: Document, dpi: int = 200) -> Karekod | None:
    """The first GİB karekod in ``doc``, or None (no code, or none of them is GİB's)."""
    if doc.media_type == PDF and doc.data is not None:
        pages = {p.number - 1: p for p in doc.pages}
        boxes = {i: p.image_boxes for i, p in pages.items() if p.image_boxes is not None}
        drawn = _Drawn(pages)
        searched = _pages(doc.page_count)
        if searched and all(boxes.get(i) == () and not drawn(i) for i in searched):
            # no searched page draws an image nor may print a code: the PDF is not opened
            # again (a paper invoice, a contract: ~0.5 ms a document)
            return None
        return _from_pdf(doc.data, dpi, doc.page_count, drawn, boxes)
    for page in doc.pages[:MAX_PAGES]:
        if page.image is None or page.blank:
            continue
        image, scale = _bounded(page.image)
        hit = _read_image(image, "image")
        if hit is not None:
            frame = (float(page.image.shape[1]), float(page.image.shape[0]))
            box = tuple(v / scale for v in hit[1])
            return Karekod(hit[0], page.number, box, hit[2], frame)  # type: ignore[arg-type]
    return None


def _bounded(image: np.ndarray) -> tuple[np.ndarray, float]:
    """``image`` shrunk to at most ``MAX_SIDE`` pixels a side, and the factor used."""
    side = max(image.shape[:2])
    if side <= MAX_SIDE:
        return image, 1.0
    scale = MAX_SIDE / side
    return cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _read_image(image: np.ndarray, method: str) -> tuple[KarekodPayload, BBox, str] | None:
    """zxing on the whole image; the OpenCV crop/upscale retry only when it saw no code."""
    found, missed = _zxing_scan(image)
    if not found:
        found, method = list(_retry(image, missed)), f"{method}+retry"
    for payload, box in _gib(found):
        return payload, box, method
    return None


def _pages(count: int) -> list[int]:
    """0-based page indexes to search: the first pages, then the last ones."""
    indexes = list(range(min(count, MAX_PAGES // 2)))
    indexes += [i for i in range(max(0, count - MAX_PAGES // 2), count) if i not in indexes]
    return indexes


def _may_print_a_karekod(page: Page) -> bool:
    """Whether rendering the page to look for a drawn karekod is worth it: a scanned page
    (no text layer) may show one; a text page only when it reads as an e-invoice. A
    contract or a paper invoice then costs no rendering (~75 ms a page)."""
    if not page.has_text:
        return True
    return _E_INVOICE.search(fold(" ".join(w.text for w in page.words))) is not None


class _Drawn:
    """Whether page ``index`` (0-based) may print a karekod (``_may_print_a_karekod``),
    worked out when first asked: the embedded image on page 1 usually answers first."""

    def __init__(self, pages: dict[int, Page]) -> None:
        self._pages = pages
        self._known: dict[int, bool] = {}

    def __call__(self, index: int) -> bool:
        known = self._known.get(index)
        if known is None:
            page = self._pages.get(index)
            known = self._known[index] = page is not None and _may_print_a_karekod(page)
        return known


def _from_pdf(
    data: bytes,
    dpi: int,
    page_count: int,
    drawn: Callable[[int], bool],
    image_boxes: dict[int, tuple[tuple[bytes, BBox], ...]] | None = None,
) -> Karekod | None:
    """Embedded images on the first and last pages, then a rendering of those ``drawn``
    says may print one; ``image_boxes``: where pages (0-based) draw their images, as
    ingest read them."""
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        for index in _pages(page_count or pdf.page_count):
            page = pdf.load_page(index)
            boxes = (image_boxes or {}).get(index)
            hit = _embedded(pdf, page, boxes) or (_rendered(page, dpi) if drawn(index) else None)
            if hit is not None:
                payload, box, method = hit
                frame = (page.rect.width, page.rect.height)
                return Karekod(payload, index + 1, box, method, frame)
    return None


def _embedded(
    pdf: pymupdf.Document,
    page: pymupdf.Page,
    image_boxes: tuple[tuple[bytes, BBox], ...] | None = None,
) -> tuple[KarekodPayload, BBox, str] | None:
    """A GİB karekod in one of the page's embedded images. Where the page draws an image:
    ``image_boxes`` (read by ingest, ``Page.image_boxes``) looked up by the image's
    digest as ``get_image_rects`` does, or ``get_image_rects`` itself."""
    for info in page.get_images(full=True):
        xref = info[0]
        try:
            pix = pymupdf.Pixmap(pdf, xref)
            if image_boxes is None:
                rects = [(r.x0, r.y0, r.x1, r.y1) for r in page.get_image_rects(xref)]
            else:
                digest = pix.digest
                rects = [box for key, box in image_boxes if key == digest]
            if pix.n - pix.alpha >= 3 or pix.alpha:
                pix = pymupdf.Pixmap(pymupdf.csGRAY, pix)
        except (RuntimeError, ValueError):
            continue
        if min(pix.w, pix.h) < MIN_EMBEDDED_SIDE or max(pix.w, pix.h) > MAX_SIDE or not rects:
            continue  # too small to hold a code, or too big to search cheaply (a page scan)
        grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, pix.n)[:, :, 0]
        # a tiny image of a code drawn one pixel a module: give zxing a quiet zone and size
        framed = cv2.copyMakeBorder(grey, 8, 8, 8, 8, cv2.BORDER_CONSTANT, value=255)
        if max(framed.shape) < 400:
            framed = cv2.resize(framed, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
        for payload, _ in _gib(_zxing_read(framed)):
            return payload, rects[0], "embedded"
    return None


def _rendered(page: pymupdf.Page, dpi: int) -> tuple[KarekodPayload, BBox, str] | None:
    longest = max(page.rect.width, page.rect.height) / 72.0  # inches
    if longest <= 0:
        return None
    dpi = max(1, min(dpi, int(MAX_SIDE / longest)))  # a poster-sized page: fewer dpi
    pix = page.get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY, alpha=False)
    grey = np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w)
    hit = _read_image(grey, "rendered")
    if hit is None:
        return None
    payload, (x0, y0, x1, y1), method = hit
    to_pt = 72.0 / dpi
    return payload, (x0 * to_pt, y0 * to_pt, x1 * to_pt, y1 * to_pt), method
