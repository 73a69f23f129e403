"""Re-read a machine-readable zone with the MRZ alphabet only.

General OCR reads ``<`` as ``«``, ``K`` or ``£`` and inserts spaces; the
MRZ band (found from the first pass: lines made mostly of ``A-Z0-9<`` with
several ``<``) is cropped and read again with ``--psm 6`` and a whitelist of
``A-Z0-9<``. The new words replace the old ones in that band. Never logs text.
"""

from __future__ import annotations

import re

import cv2
import numpy as np

from docpipe.document import Page, Word
from docpipe.ocr.skew import skew_angle
from docpipe.ocr.tesseract import ocr_words
from docpipe.text.layout import Run, page_lines
from docpipe.validate.mrz import repair_mrz

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_MRZ_LIKE = re.compile(r"^[A-Z0-9<«£]+$")


def _lines(words: tuple[Word, ...], *, pieces: bool = False) -> list[list[Word]]:
    """Visual lines from word boxes (not Tesseract's ids: sparse mode splits lines up).

    With ``pieces`` (a band found by its shape, read upright: its rows are whole rows), a
    zone row is one unbroken string across the document: pieces of a slanted row read
    as two words side by side, the right one riding higher (``7410091F3202241`` and
    ``TUR<<<<<<<<<<<4``), are one row when they overlap in height by half or more, each
    holds a good part of it and together they make a row's exact length (30, 36 or 44):
    a slanted zone's stray piece of the row above or below makes none."""
    page = Page(number=1, width=0, height=0, words=words)
    rows = [list(line.words) for line in page_lines(page)]
    if not pieces:
        return rows
    merged: list[list[Word]] = []
    for row in rows:
        partner = next((m for m in merged if _side_by_side(m, row)), None)
        if partner is None:
            merged.append(row)
        else:
            partner.extend(row)
            partner.sort(key=lambda w: w.x0)
    return sorted(merged, key=lambda r: min(w.y0 for w in r))


def _side_by_side(a: list[Word], b: list[Word]) -> bool:
    ra, rb = Run(1, tuple(a)), Run(1, tuple(b))
    lengths = [len(r.text.replace(" ", "")) for r in (ra, rb)]
    return (
        (ra.x1 <= rb.x0 or rb.x1 <= ra.x0)
        and min(ra.y1, rb.y1) - max(ra.y0, rb.y0) >= 0.5 * min(ra.y1 - ra.y0, rb.y1 - rb.y0)
        and min(lengths) >= _PIECE
        and sum(lengths) in _ROW_LENGTHS
    )


_PIECE = 8  # characters a piece of a broken row holds at least
_ROW_LENGTHS = (30, 36, 44)  # TD1, TD2, TD3


def _mrz_like(line: list[Word]) -> bool:
    """A zone row: MRZ characters with fillers (``<``, or the K/X runs OCR makes of them),
    or a TD1/TD3 data row (six digits of a date near its start)."""
    text = "".join(w.text for w in line).replace(" ", "")
    if len(text) < (12 if "<<" in text else 20):  # a row whose trailing fillers were lost
        return False
    fillers = sum(text.count(ch) for ch in "<«")
    good = sum(1 for ch in text if ch in MRZ_ALPHABET or ch in "«£")
    if good / len(text) <= 0.85 and "<<" not in text:
        return False
    return fillers >= 2 or bool(_FILLER_RUN.search(text)) or bool(_DATA_ROW.match(text))


_FILLER_RUN = re.compile(r"[<KX«]{5,}$|[<KX«]{8,}")
_DATA_ROW = re.compile(r"^[A-Z0-9<]{0,13}\d{6}\d[MFX<]\d{6}")


def reread_mrz(
    image: np.ndarray,
    words: tuple[Word, ...],
    *,
    dpi: float | None,
    scale: float,
    timeout_s: float,
    search: bool = False,
) -> tuple[Word, ...]:
    """``words`` with the MRZ band re-read; unchanged when there is no MRZ-like line.

    With ``search`` (a card-sized page), a page whose first reading has no MRZ-like line
    at all (glare, or a slant that left the zone's rows unread) has its image searched
    for the band (``find_band``); a reading of it is kept only when it is a zone (check
    digits pass).

    The band is first read as it lies. When that reading is no zone whose check digits
    all pass, it is read once more straightened and across the page's whole width: a
    photo's residual tilt (glare bends the page outline the perspective step follows)
    slants the zone's rows, and Tesseract then reads them as fragments or not at all,
    while a row OCR saw only in part marks too short a band. The reading with more
    passing check digits is kept."""
    band = [line for line in _lines(words) if _mrz_like(line)]
    searched = False
    if not band and search:
        band, searched = _searched_band(image, scale), True
    if not band:
        return words
    boxes = [w.bbox for line in band for w in line]
    x0 = min(b[0] for b in boxes) / scale
    y0 = min(b[1] for b in boxes) / scale
    x1 = max(b[2] for b in boxes) / scale
    y1 = max(b[3] for b in boxes) / scale
    pad = (y1 - y0) / max(1, len(band)) * 0.8
    # a row OCR did not see as MRZ (fillers read as letters): reach one more row each way
    reach = pad * 2.2 if len(band) < 3 else pad
    if searched:  # the rows' own boxes, a slant included: no row to reach for, little pad
        pad = reach = 0.25 * (y1 - y0) / len(band)
    h, w = image.shape[:2]
    cx0, cy0 = max(0, int(x0 - pad * 2)), max(0, int(y0 - reach))
    cx1, cy1 = min(w, int(x1 + pad * 2)), min(h, int(y1 + reach))
    if cx1 <= cx0 or cy1 <= cy0:
        return words
    found = _Band(
        image, (cx0, cy0, cx1, cy1), 0.0, dpi, timeout_s, band, scale, pad, len(band),
        pieces=searched,
    )  # fmt: skip
    if not found.quality[0]:
        angle, _ = skew_angle(image[cy0:cy1, :], limit=_MAX_TILT)
        if abs(angle) >= 0.3 or (cx0, cx1) != (0, w):
            extra = int(w * abs(np.tan(np.radians(angle))) / 2)  # a slanted row's ends
            wide = (0, max(0, cy0 - extra), w, min(h, cy1 + extra))
            # a slanted zone's first reading is fragments, each a line of its own: any
            # two rows make a zone (TD3 has two, TD1 three)
            again = _Band(image, wide, angle, dpi, timeout_s, band, scale, pad, 2)
            if again.quality > found.quality:
                found = again
    if found.rows is None:
        return words
    if searched and not (found.quality[0] or found.quality[1] >= _SEARCH_CHECKS):
        return words  # lines of print that are no zone: a card's front, a booklet's rows
    # the first reading of the zone, and of every word on a re-read row (a row OCR did not
    # take for MRZ at first would stay beside its re-reading), gives way to the re-reading
    dropped = {id(w) for line in band for w in line} | {id(w) for w in words if found.covers(w)}
    # one word per MRZ line: the band is fixed-width, inner spaces are OCR artefacts
    return tuple(w for w in words if id(w) not in dropped) + found.merged()


#: Degrees a zone's rows may slant and still be straightened.
_MAX_TILT = 8.0
#: Check digits a searched band's reading must pass to be taken for a zone (TD1 and TD3
#: carry four or five; chance passes one now and then in a line of print).
_SEARCH_CHECKS = 3
_SEARCH_WIDTH = 1000  # px: the long side the page is searched at


def find_band(grey: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The rows (x0, y0, x1, y1 in ``grey``'s pixels) of a machine-readable zone found by
    its shape, bottom row last; empty when there is none.

    A zone is two or three long lines of evenly set OCR-B characters at the bottom of the
    document, each spanning most of its width. Dark print is lifted from the background
    (black-hat, so glare and shadow matter less) in the page's lower part, which is turned
    upright by its rows' slant (``skew_angle``: a few degrees would make each row's box
    take in the next). There the rows are found by their pixel rows, not as blobs: a pixel
    row of a zone row holds one run of print, once the gaps between characters are closed,
    that spans over half the page's width, while print touching the row (a printed
    circle's arc, guilloche) only adds to a pixel row and joins no two rows, and a glare-
    faded character or a wide gap (a name's last letter and its fillers) breaks no row.
    The lowest such row is taken, and up to two above it of like width within two line
    heights each; a row's box is its upright band turned back onto the page."""
    if grey.ndim == 3:
        grey = cv2.cvtColor(grey, cv2.COLOR_BGR2GRAY)
    factor = min(1.0, _SEARCH_WIDTH / max(grey.shape[:2]))
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    top = int(_ZONE_FROM * small.shape[0])
    lower = small[top:]
    h, w = lower.shape
    k = max(3, w // 60)
    hat = cv2.morphologyEx(
        lower, cv2.MORPH_BLACKHAT, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k))
    )
    # half Otsu's level: a glare-faded character is still print, fine guilloche is not
    otsu, _ = cv2.threshold(hat, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    _, ink = cv2.threshold(hat, otsu / 2, 255, cv2.THRESH_BINARY)
    angle, _ = skew_angle(lower, limit=_MAX_TILT)
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    upright = cv2.warpAffine(ink, matrix, (w, h), flags=cv2.INTER_NEAREST)
    # one pixel high: characters join along a pixel row, never across rows
    pitch = max(3, round(_PITCH * w))
    joined = cv2.morphologyEx(upright, cv2.MORPH_CLOSE, np.ones((1, pitch), np.uint8))
    long = cv2.morphologyEx(joined, cv2.MORPH_OPEN, np.ones((1, w // 2), np.uint8))
    lines = _pixel_row_bands(long)
    if not lines:
        return []
    rows = [lines[-1]]
    for line in reversed(lines[:-1]):
        if len(rows) == 3:
            break
        x0, y0, x1, y1 = rows[-1]
        height, width = y1 - y0, x1 - x0
        if y0 - line[3] <= 2 * height and abs((line[2] - line[0]) - width) <= 0.25 * width:
            rows.append(line)
    back = cv2.invertAffineTransform(matrix)
    out = []
    for x0, y0, x1, y1 in reversed(rows):
        corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], float)
        xs, ys = (corners @ back.T).T
        ys = ys + top
        out.append(
            (
                max(0, round(xs.min() / factor)),
                max(0, round(ys.min() / factor)),
                min(grey.shape[1], round(xs.max() / factor)),
                min(grey.shape[0], round(ys.max() / factor)),
            )
        )
    return out


def _pixel_row_bands(long: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The bands (x0, y0, x1, y1), top to bottom, of consecutive pixel rows holding a long
    run of print, at least a character's height (``_MIN_ROW_PX``) high: a rule is thinner."""
    filled = np.flatnonzero(cv2.reduce(long, 1, cv2.REDUCE_MAX).ravel())
    if not filled.size:
        return []
    breaks = np.flatnonzero(np.diff(filled) > 1)
    bands = []
    for run in np.split(filled, breaks + 1):
        y0, y1 = int(run[0]), int(run[-1]) + 1
        if y1 - y0 < _MIN_ROW_PX:
            continue
        cols = np.flatnonzero(cv2.reduce(long[y0:y1], 0, cv2.REDUCE_MAX).ravel())
        bands.append((int(cols[0]), y0, int(cols[-1]) + 1, y1))
    return bands


#: Where, as a share of the page's height, the zone's search starts (its rows lie in the
#: lower half; a slant lifts a row's end a little).
_ZONE_FROM = 0.35
#: A character's pitch as a share of the document's width, at most (OCR-B's 2.54 mm on a
#: TD1 card's 85.6 mm; a passport page's is less): the gap a zone row's pixel row bridges.
_PITCH = 0.045
_MIN_ROW_PX = 4


def _searched_band(image: np.ndarray, scale: float) -> list[list[Word]]:
    """The rows ``find_band`` sees, as a first reading's band: one empty word a row, boxed
    in page units (``scale``), for the re-reading to crop and place."""
    return [
        [Word("", (x0 * scale, y0 * scale, x1 * scale, y1 * scale), 0.0)]
        for x0, y0, x1, y1 in find_band(image)
    ]


class _Band:
    """One reading of the zone: the crop ``box`` (image pixels) turned by ``angle``
    degrees and read with the MRZ alphabet; its rows (in the turned crop's pixels) that
    belong to the zone (at least ``count`` of them), how good an ICAO reading they make,
    and the way back to the page's units (``scale``)."""

    def __init__(
        self,
        image: np.ndarray,
        box: tuple[int, int, int, int],
        angle: float,
        dpi: float | None,
        timeout_s: float,
        band: list[list[Word]],
        scale: float,
        pad: float,
        count: int,
        *,
        pieces: bool = False,
    ) -> None:
        self.box, self.scale = box, scale
        x0, y0, x1, y1 = box
        crop = image[y0:y1, x0:x1]
        self.size = crop.shape[1], crop.shape[0]
        self.matrix = cv2.getRotationMatrix2D((self.size[0] / 2, self.size[1] / 2), angle, 1.0)
        if angle:
            crop = cv2.warpAffine(
                crop, self.matrix, self.size, flags=cv2.INTER_CUBIC,
                borderMode=cv2.BORDER_REPLICATE,
            )  # fmt: skip
        read = ocr_words(
            crop, languages="eng", dpi=dpi, timeout_s=timeout_s, psm=6, whitelist=MRZ_ALPHABET
        )
        # where the first reading saw the zone, in the turned crop
        ys = [self._turned(w)[1] for line in band for w in line]
        rows = _band_rows(read, count, min(ys) - pad, max(ys) + pad, pieces=pieces)
        self.rows = None if rows is None else [fillers_by_shape(crop, row) for row in rows]
        self.quality = _quality(self.rows)

    def _turned(self, word: Word) -> tuple[float, float]:
        """The centre of a page word (page units) in the turned crop's pixels."""
        cx, cy = (word.x0 + word.x1) / 2 / self.scale, (word.y0 + word.y1) / 2 / self.scale
        x, y = self.matrix @ np.array([cx - self.box[0], cy - self.box[1], 1.0])
        return float(x), float(y)

    def covers(self, word: Word) -> bool:
        """Whether a first-reading word lies on one of the re-read rows."""
        x, y = self._turned(word)
        return 0 <= x <= self.size[0] and any(
            min(w.y0 for w in row) <= y <= max(w.y1 for w in row) for row in self.rows or ()
        )

    def merged(self) -> tuple[Word, ...]:
        """One word per re-read row, in page units: the row's box as read in the turned
        crop, moved to where its centre lies on the page (a slanted row's upright box
        would overlap the next row's)."""
        back = cv2.invertAffineTransform(self.matrix)
        out = []
        for i, row in enumerate(self.rows or ()):
            rx0, ry0 = min(w.x0 for w in row), min(w.y0 for w in row)
            rx1, ry1 = max(w.x1 for w in row), max(w.y1 for w in row)
            mid = back @ np.array([(rx0 + rx1) / 2, (ry0 + ry1) / 2, 1.0])
            cx, cy = float(mid[0]) + self.box[0], float(mid[1]) + self.box[1]
            half_w, half_h = (rx1 - rx0) / 2, (ry1 - ry0) / 2
            k = self.scale
            bbox = ((cx - half_w) * k, (cy - half_h) * k, (cx + half_w) * k, (cy + half_h) * k)
            text = "".join(w.text for w in row)
            out.append(Word(text, bbox, min(w.conf for w in row), block=900, line=i))
        return tuple(out)


def fillers_by_shape(image: np.ndarray, row: list[Word]) -> list[Word]:
    """``row`` (words read in ``image``) with each ``K`` in a run of fillers that has no
    K's stem read as the filler ``<``.

    OCR-B's ``<`` comes back as ``K`` now and then (``HUSEYINK<K<<<``), and after a name
    the two readings mean different names (a name may end in K: ``OZTURK<<``) that no
    check digit covers. The print tells them apart: a K has a straight upright stem down
    its whole height on its left, a ``<`` only a point there. The word's glyphs are found
    by the gaps between them; a word whose glyphs do not count as its characters do
    (touching glyphs, fillers OCR dropped) is left as read."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    out = []
    for word in row:
        text = word.text
        spots = [
            m.start() + j
            for m in _FILLER_LIKE.finditer(text)
            for j, ch in enumerate(m.group())
            if ch == "K"
        ]
        x0, y0, x1, y1 = (max(0, round(v)) for v in word.bbox)
        box = image[y0:y1, x0:x1]
        if not spots or box.shape[0] < 8 or box.shape[1] < 8:
            out.append(word)
            continue
        _, ink = cv2.threshold(box, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
        glyphs = _glyphs(ink)
        if len(glyphs) != len(text):
            out.append(word)
            continue
        chars = list(text)
        for i in spots:
            a, b = glyphs[i]
            left = ink[:, a : a + max(1, round(0.45 * (b - a)))]
            if _longest_upright(left) < _STEM * ink.shape[0]:
                chars[i] = "<"
        out.append(Word("".join(chars), word.bbox, word.conf, word.block, word.line))
    return out


#: The share of a word's height a K's stem runs unbroken (a ``<``'s point: a third).
_STEM = 0.7
#: Runs of fillers and K (``K<K<<``, ``KK<``), and of K alone (``<<`` read ``KK``): a K
#: among fillers may be one
_FILLER_LIKE = re.compile(r"[K<]*<[K<]*|KK+")


def _glyphs(ink: np.ndarray) -> list[tuple[int, int]]:
    """The column spans of the glyphs in a word's box (``ink`` 0/1), left to right: runs of
    columns with ink, specks (a fifth of the height at most in any column) left out."""
    heights = ink.sum(axis=0)
    inked = np.concatenate(([0], (heights > 0).astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(inked))
    return [
        (int(a), int(b))
        for a, b in zip(edges[::2], edges[1::2], strict=True)
        if heights[a:b].max() > 0.2 * ink.shape[0]
    ]


def _longest_upright(ink: np.ndarray) -> int:
    """The longest unbroken run of ink down any one column of ``ink`` (0/1)."""
    best = 0
    for column in ink.T:
        edges = np.flatnonzero(np.diff(np.concatenate(([0], column, [0]))))
        if edges.size:
            best = max(best, int((edges[1::2] - edges[::2]).max()))
    return best


def _band_rows(
    again: tuple[Word, ...], count: int, top: float, bottom: float, *, pieces: bool = False
) -> list[list[Word]] | None:
    """The re-read rows that belong to the zone (MRZ-like, or where the first reading saw
    it: between ``top`` and ``bottom``), at least ``count`` (as many as the first reading
    found); None otherwise."""
    if not again:
        return None
    rows = _lines(again, pieces=pieces)
    if len(rows) < count:
        return None
    rows = [
        line
        for line in rows
        if len("".join(w.text for w in line)) >= 12
        and (_mrz_like(line) or top <= (line[0].y0 + line[0].y1) / 2 <= bottom)
    ]
    return rows if len(rows) >= count else None


def _quality(rows: list[list[Word]] | None) -> tuple[bool, int]:
    """Whether the best ICAO reading of ``rows`` passes every check digit, and how many
    it passes (-1: no reading)."""
    if not rows:
        return False, -1
    repaired = repair_mrz(["".join(w.text for w in line) for line in rows])
    if repaired is None:
        return False, -1
    return repaired.mrz.valid, sum(repaired.mrz.checks.values())
