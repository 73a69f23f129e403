"""The preprocessing steps: each takes a grey page and the page state, returns both.

Every function returns ``(image, measured)`` where ``measured`` holds numbers
and flags only (never text). Steps that find nothing to do return the image
unchanged and say why in ``measured``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import cv2
import numpy as np

from docpipe.errors import EngineError
from docpipe.ocr.components import sparse_components
from docpipe.ocr.skew import measuring_copy, skew_angle
from docpipe.ocr.tesseract import detect_orientation, ocr_words
from docpipe.preprocess.baselines import upright_turn
from docpipe.preprocess.dewarp import rectify
from docpipe.preprocess.glass import document_on_glass, is_sheet, page_dpi

if TYPE_CHECKING:
    from docpipe.preprocess.state import PageState

WHITE = 255
MAX_OUTPUT_PIXELS = 80_000_000  # resampling never makes a page larger than this
# physical widths used to estimate the dpi of a photographed document (mm)
_A4_MM = (210.0, 297.0)
_ID1_MM = (85.6, 53.98)
_ID3_MM = (125.0, 88.0)


def to_grey(image: np.ndarray) -> np.ndarray:
    if image.ndim == 2:
        return image if image.dtype == np.uint8 else image.astype(np.uint8)
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


# -- orientation ---------------------------------------------------------------------------
_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
_SURE_OSD = 10.0  # OSD confidence of text-dense pages (A4 invoices score 13-15)
_CLEARLY_BETTER = 1.3  # a turn must make the page this much more readable
_READS_WELL = 50.0  # confidently read characters of a page that plainly reads


def orient(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Turn the page upright (0/90/180/270).

    Tesseract's orientation detection (OSD) is trusted only when it is sure, as
    on text-dense pages. On card-sized pages it is misled (an OCR-B
    machine-readable zone reads as text upside down or sideways at confidence
    ~3.7, and a card turned 180° can come back as "upright"), so otherwise the
    turns are compared by how much of the page Tesseract reads confidently
    (``_readability`` on a downscaled copy), OSD's proposal first, and the page
    is turned only when the turned page reads clearly better than it does as is.

    A small document alone on a large scanner's glass (``glass``) is turned after
    ``perspective`` cuts it out: on the whole page its few words are too small a part
    of what is read. With ``perspective`` switched off the page stays whole, and is
    turned as the document on it reads upright.

    Before any of that, the page's words are asked whether their letters share a
    baseline at the bottom (upright) or at the top (upside down), ``baselines``:
    when they say so clearly, as on most scanned and photographed pages, neither
    OSD nor the readability reads run (about 0.1 CPU s instead of 0.7-1.3 s).
    """
    box = _glass_box(grey, state)
    if box is not None and state.perspective_follows:
        state.orient_on_glass = True  # ``perspective`` turns the document once cut out
        return grey, {"on_glass": True, "rotated": 0}
    if box is not None:  # no cut to come: the document's turn is the page's
        x0, y0, x1, y1 = box
        _, measured = orient(grey[y0:y1, x0:x1], state)  # turns the colour page with it
        turn = int(measured["rotated"])
        return _turned(grey, turn), {**measured, "on_glass": True}
    turn, measured = upright_turn(grey)
    if turn is not None:
        return _turn(grey, turn, state), {**measured, "by_baselines": True, "rotated": turn}
    found = detect_orientation(grey, dpi=state.dpi, timeout_s=min(state.timeout_s, 60.0))
    measured.update(by_baselines=False, detected=found is not None)
    proposal = 0
    if found is not None:
        proposal, confidence = found
        measured.update(osd_rotate=proposal, confidence=round(confidence, 2))
        if confidence >= _SURE_OSD:
            return _turn(grey, proposal, state), {**measured, "rotated": proposal}
    small, factor = measuring_copy(grey, 1200)
    dpi = state.dpi / factor if state.dpi else None
    timeout = min(state.timeout_s, 60.0)
    scores: dict[int, float] = {}
    # a turn and its opposite in pairs: upright text reads, upside-down text does not
    for pair in ((0, 180), (proposal, (proposal + 180) % 360), (90, 270)):
        for r in pair:
            if r not in scores:
                scores[r] = _readability(_turned(small, r), dpi, state.languages, timeout)
        high, low = sorted((scores[r] for r in pair), reverse=True)
        if high >= _READS_WELL and high >= _CLEARLY_BETTER * 2 * low:
            break  # one of the pair is plainly upright: the other pair is sideways
    best = max(scores, key=lambda r: scores[r])
    measured.update({f"readability_{r}": round(v) for r, v in sorted(scores.items())})
    if best == 0 or scores[best] <= _CLEARLY_BETTER * scores[0] + 5:
        return grey, {**measured, "rotated": 0}
    return _turn(grey, best, state), {**measured, "rotated": best}


def _glass_box(grey: np.ndarray, state: PageState) -> tuple[int, int, int, int] | None:
    """Where the identity document lying alone on a scanned page is (``perspective``'s
    test: a scan, not a photo), or None."""
    if is_sheet(grey.shape, state.dpi) or not looks_like_photo(grey):
        return document_on_glass(grey, state.dpi)
    return None


def _turned(grey: np.ndarray, rotate: int) -> np.ndarray:
    return cv2.rotate(grey, _TURNS[rotate]) if rotate else grey


def _turn(grey: np.ndarray, rotate: int, state: PageState) -> np.ndarray:
    if not rotate:
        return grey
    if state.colour is not None:
        state.colour = cv2.rotate(state.colour, _TURNS[rotate])
    return cv2.rotate(grey, _TURNS[rotate])


def _readability(grey: np.ndarray, dpi: float | None, languages: str, timeout_s: float) -> float:
    """How much of the page Tesseract reads confidently as upright text: the letters
    and digits (and MRZ ``<`` fillers, which read as ``<`` only upright) of words
    read at >= 60 % confidence whose box is wider than tall. Text turned upside
    down reads as low-confidence garbage; text turned sideways, when Tesseract
    reads it at all, comes back in tall boxes."""
    try:
        words = ocr_words(grey, languages=languages, dpi=dpi, timeout_s=timeout_s,
                          psm=11, refine=False)  # fmt: skip
    except EngineError:
        return 0.0
    score = 0.0
    for w in words:
        chars = sum(ch.isalnum() or ch == "<" for ch in w.text)
        if chars >= 2 and w.conf >= 0.6 and (w.x1 - w.x0) > (w.y1 - w.y0):
            score += chars * w.conf
    return score


# -- perspective ---------------------------------------------------------------------------
#: a side of the frame is paper when this share of its strip is near the paper's brightness
_PAPER_SIDE = 0.75
#: ... within this many grey levels of it (scanner noise and JPEG ringing stay within)
_PAPER_SPREAD = 40
#: grey below this is never paper-white
_WHITE_ENOUGH = 170
#: a photo shows its surroundings along at least this many sides of the frame
_PHOTO_SIDES = 3


def looks_like_photo(grey: np.ndarray) -> bool:
    """A scan's margins are paper-white; a photo's edges show a table or a floor.

    A design printed to the paper's edge (a full-bleed colour band across the top, a
    bar down one side) darkens one or two sides of a scan too; a photo shows the table
    around the page, so at least three of its sides are not paper. Measured per side:
    the share of the side's strip within ``_PAPER_SPREAD`` of the page's paper white
    (and no darker than ``_WHITE_ENOUGH``).
    """
    small, _ = measuring_copy(grey, 400)
    h, w = small.shape
    band = max(2, min(h, w) // 25)
    sides = (small[:band], small[-band:], small[:, :band], small[:, -band:])
    border = np.concatenate([s.ravel() for s in sides])
    if not (float(np.median(border)) < 170 or float(border.std()) > 45):
        return False
    # paper is white: the brightest tenth of a photo of a bare table is no paper
    paper = max(_WHITE_ENOUGH, float(np.percentile(small, 90)) - _PAPER_SPREAD)
    not_paper = sum(float(np.mean(side >= paper)) < _PAPER_SIDE for side in sides)
    return not_paper >= _PHOTO_SIDES


def find_page_quad(grey: np.ndarray, colour: np.ndarray | None = None) -> np.ndarray | None:
    """Corners (tl, tr, br, bl) of the page in a photo, in full-size pixels.

    The page is the largest bright quadrilateral; in a colour photo also the
    largest unsaturated one (paper is grey even in a shadow, a table or floor
    rarely is), and of the two the larger wins: a shadow darkens a corner of
    the page below the brightness threshold, never into a colour.
    """
    small, factor = measuring_copy(grey, 800)
    blur = cv2.GaussianBlur(small, (7, 7), 0)
    _, mask = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    found = _quad_in_mask(mask, small.shape)
    if colour is not None and colour.ndim == 3:
        size = (small.shape[1], small.shape[0])
        hsv = cv2.cvtColor(
            cv2.resize(colour, size, interpolation=cv2.INTER_AREA), cv2.COLOR_RGB2HSV
        )
        sat = cv2.GaussianBlur(hsv[:, :, 1], (7, 7), 0)
        if float(np.percentile(sat, 90)) > 60:  # the surroundings have colour to tell apart
            _, grey_mask = cv2.threshold(sat, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
            by_colour = _quad_in_mask(grey_mask, small.shape)
            if by_colour is not None and (
                found is None or cv2.contourArea(by_colour) > 1.05 * cv2.contourArea(found)
            ):
                found = by_colour
    return None if found is None else _order(found * factor)


def _quad_in_mask(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """Corners of the largest quadrilateral region of ``mask`` (unordered, mask pixels).

    The mask is closed first (small gaps along the page's outline); when that joins the
    page to a bright neighbour a few pixels away (another sheet, a card on the table:
    a region of its own in the mask before the closing, outside the page's outline), the
    mask is read without the closing."""
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    opened = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    return _quad_of_regions(opened if _closing_joins(closed, opened) else closed, shape)


#: a neighbour joined to the page by the closing covers at least this share of the photo
_NEIGHBOUR = 0.002


def _closing_joins(closed: np.ndarray, opened: np.ndarray) -> bool:
    """Whether the closed mask's largest region takes in a region of the open mask that
    lies outside the open mask's largest region's outline (a neighbour, not a hole)."""
    contours, _ = cv2.findContours(opened, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    others = sorted(contours, key=cv2.contourArea, reverse=True)[1:]
    others = [c for c in others if cv2.contourArea(c) >= _NEIGHBOUR * closed.size]
    if not others:
        return False
    big, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    region = np.zeros(closed.shape, np.uint8)
    cv2.drawContours(region, [max(big, key=cv2.contourArea)], -1, 1, thickness=cv2.FILLED)
    neighbours = np.zeros(closed.shape, np.uint8)
    cv2.drawContours(neighbours, others, -1, 1, thickness=cv2.FILLED)
    return int(np.count_nonzero(region & neighbours)) >= _NEIGHBOUR * closed.size


def _quad_of_regions(mask: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """Corners of the largest of ``mask``'s three largest regions that has a quad's shape."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area = shape[0] * shape[1]
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:3]:
        if cv2.contourArea(contour) < 0.15 * area:
            break
        quad = _quad_of(contour, shape)
        if quad is not None:
            return quad
    return None


def _quad_of(contour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """The four corners of one region's outline, or None when it has no quad's shape."""
    hull = cv2.convexHull(contour)
    perimeter = cv2.arcLength(hull, True)
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            return approx.reshape(4, 2).astype(np.float32)
        if 5 <= len(approx) <= 8:
            corners = _corners_from_sides(approx.reshape(-1, 2).astype(np.float64), shape)
            if corners is not None:
                return corners
    return None


def _corners_from_sides(poly: np.ndarray, shape: tuple[int, ...]) -> np.ndarray | None:
    """Corners of a page whose outline lost a corner (a shadow cut it off the mask).

    The four longest edges of the outline are the page's sides; each corner is
    where two neighbouring sides' lines meet, so a corner the mask cut off
    diagonally is restored. None when the sides do not make a plausible quad.
    """
    n = len(poly)
    edges = [(poly[i], poly[(i + 1) % n], i) for i in range(n)]
    longest = sorted(edges, key=lambda e: -np.linalg.norm(e[1] - e[0]))[:4]
    perimeter = sum(np.linalg.norm(b - a) for a, b, _ in edges)
    if sum(np.linalg.norm(b - a) for a, b, _ in longest) < 0.8 * perimeter:
        return None  # not four dominant sides: some other shape
    sides = sorted(longest, key=lambda e: e[2])  # in outline order
    corners = []
    for (a1, b1, _), (a2, b2, _) in zip(sides, [*sides[1:], sides[0]], strict=True):
        d1, d2 = b1 - a1, b2 - a2
        cross = d1[0] * d2[1] - d1[1] * d2[0]
        if abs(cross) < 1e-6 * np.linalg.norm(d1) * np.linalg.norm(d2):
            return None  # parallel neighbours
        t = ((a2[0] - a1[0]) * d2[1] - (a2[1] - a1[1]) * d2[0]) / cross
        corners.append(a1 + t * d1)
    pts = np.array(corners, dtype=np.float32)
    h, w = shape[:2]
    margin = 0.05 * max(h, w)
    if (pts[:, 0] < -margin).any() or (pts[:, 0] > w + margin).any():
        return None
    if (pts[:, 1] < -margin).any() or (pts[:, 1] > h + margin).any():
        return None
    return np.clip(pts, 0, [w - 1, h - 1]).astype(np.float32)


def _order(pts: np.ndarray) -> np.ndarray:
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    return np.array(
        [pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]],
        dtype=np.float32,
    )


def perspective(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Find the page in a photo and warp it to a rectangle; a scan passes through, or is
    cut to the identity document lying alone on its glass (``glass``).

    A scan is an image that is a sheet of paper at the dpi its file states (``is_sheet``),
    or else one whose margins are paper (``looks_like_photo``): a design printed to the
    paper's edge on three or four sides (a frame, a tinted page) has no paper margins,
    and a scan of it is still no photo."""
    if is_sheet(grey.shape, state.dpi) or not looks_like_photo(grey):
        box = document_on_glass(grey, state.dpi)
        if box is None:
            return grey, {"photo": False}
        x0, y0, x1, y1 = box
        share = round((x1 - x0) * (y1 - y0) / (grey.shape[0] * grey.shape[1]), 3)
        state.dpi = page_dpi(grey.shape, state.dpi)
        measured = {"photo": False, "on_glass": True, "glass_share": share}
        cut = grey[y0:y1, x0:x1]
        if state.orient_on_glass:
            state.orient_on_glass = False
            cut, turned = orient(cut, state)
            measured["rotated"] = turned["rotated"]
        return cut, measured
    state.is_photo = True
    quad = find_page_quad(grey, state.colour)
    if quad is None:
        state.document_found = False
        return grey, {"photo": True, "quad_found": False}
    tl, tr, br, bl = quad
    width = max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    w, h = max(1, round(width)), max(1, round(height))
    warped, bend = rectify(grey, quad, (w, h))  # a curled page's edges followed too
    state.dpi = _photo_dpi(w, h, _text_height_share(warped))
    shape = grey.shape
    corners = [round(float(v), 3) for p in quad for v in (p[0] / shape[1], p[1] / shape[0])]
    return warped, {
        "photo": True,
        "quad_found": True,
        "quad": tuple(corners),
        "estimated_dpi": round(state.dpi),
        **bend,
    }


def _photo_dpi(w: int, h: int, text_share: float | None = None) -> float:
    """The dpi of a warped photo, guessing the paper size from its aspect ratio.

    A4 (1.414) and a passport page (ID-3, 1.420) have the same shape; between
    them the size of the print decides: letters are about 1/150 of an A4
    page's height and about 1/90 of a passport page's (``text_share``). Print
    that small is an A4 page's whatever the shape: a phone photo that cut one
    margin off at the frame's edge leaves a page nearer an ID-1 card's 1.586
    (a card's letters are 1/70 of its width or more).
    """
    long_px, aspect = max(w, h), max(w, h) / min(w, h)
    sizes = (_A4_MM, _ID1_MM, _ID3_MM)
    best = min(sizes, key=lambda s: abs(max(s) / min(s) - aspect))
    if text_share is not None and text_share < A4_TEXT_SHARE:
        best = _A4_MM
    elif best == _A4_MM and text_share is not None:
        best = _ID3_MM
    return long_px / (max(best) / 25.4)


A4_TEXT_SHARE = 0.01  # letter height / page's long side below this: an A4 page


def _text_height_share(grey: np.ndarray) -> float | None:
    """Median height of letter-sized ink blobs as a share of the page's long side."""
    small, _ = measuring_copy(grey, 1400)
    ink = cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    long_side = max(small.shape)
    heights = [
        int(bh)
        for _x, _y, bw, bh, area in stats[1:count]
        if 0.004 * long_side <= bh <= 0.05 * long_side and 0.15 <= bw / bh <= 1.5 and area >= 6
    ]
    if len(heights) < 30:
        return None
    return float(np.median(heights)) / long_side


# -- resampling ----------------------------------------------------------------------------
def resample(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Scale to the target dpi when the page's dpi is known and differs by more than 10 %.

    A scan whose file states no dpi, or one at which the page would be smaller than any
    document (a low-dpi scan's tag left at the driver's 300), is taken at the dpi at which
    it is the identity document its shape says (``identity_dpi``), when it has one's."""
    guessed = False
    if not state.dpi or max(grey.shape[:2]) / state.dpi * 25.4 < _SMALLEST_MM:
        state.dpi, guessed = identity_dpi(grey), True
    if not state.dpi:
        return grey, {"dpi": None, "scale": 1.0}
    scale = state.target_dpi / state.dpi
    pixels = grey.shape[0] * grey.shape[1] * scale * scale
    if pixels > MAX_OUTPUT_PIXELS:
        scale = (MAX_OUTPUT_PIXELS / (grey.shape[0] * grey.shape[1])) ** 0.5
    if abs(scale - 1) <= 0.1:
        return grey, {"dpi": round(state.dpi), "scale": 1.0}
    size = (max(1, round(grey.shape[1] * scale)), max(1, round(grey.shape[0] * scale)))
    method = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
    before = state.dpi
    state.dpi = state.dpi * scale
    bilevel = scale > 1 and is_bilevel(grey)
    if bilevel:
        # a 1-bit page (fax) enlarged as is keeps its staircase edges, which Tesseract's
        # LSTM misreads; smoothed first, the edges come out grey like a scan's
        # (measured on the fax sample: accents and ₺-glued amounts read far better)
        grey = cv2.GaussianBlur(grey, (0, 0), 0.8)
    return cv2.resize(grey, size, interpolation=method), {
        "dpi": round(before),
        "scale": round(scale, 3),
        "bilevel": bilevel,
        "dpi_guessed": guessed,
    }


#: mm: a page's long side below this at its stated dpi is smaller than any document
_SMALLEST_MM = 60.0
#: how far a page's sides' ratio may be from a document's and still be one
_SHAPE_TOLERANCE = 0.08


def identity_dpi(grey: np.ndarray) -> float | None:
    """The dpi at which ``grey`` is an ID-1 card or an ID-3 passport page, when its sides
    are in one's proportion; None otherwise, and for a page the size of its print says
    is A4 (whose shape an ID-3 page shares) or cannot tell."""
    h, w = grey.shape[:2]
    aspect = max(h, w) / max(1, min(h, w))
    if not any(abs(aspect - max(s) / min(s)) <= _SHAPE_TOLERANCE for s in (_ID1_MM, _ID3_MM)):
        return None
    share = _text_height_share(grey)
    dpi = _photo_dpi(w, h, share)
    if abs(max(h, w) / dpi * 25.4 - max(_A4_MM)) < 1 or (share is None and aspect < 1.5):
        return None
    return dpi


def is_bilevel(grey: np.ndarray) -> bool:
    """Whether the page has only black and white pixels (a fax or a 1-bit scan)."""
    small = grey[:: max(1, grey.shape[0] // 400), :: max(1, grey.shape[1] // 400)]
    return float(np.mean((small > 0) & (small < 255))) < 0.001


# -- deskew --------------------------------------------------------------------------------
def deskew(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    angle, gain = skew_angle(grey)
    if abs(angle) < 0.15:
        return grey, {"angle": round(angle, 2), "rotated": False}
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    matrix[0, 2] += nw / 2 - w / 2
    matrix[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(
        grey,
        matrix,
        (nw, nh),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=WHITE,
    )
    return out, {"angle": round(angle, 2), "rotated": True, "gain": round(gain, 2)}


# -- inverted regions ----------------------------------------------------------------------
def invert_regions(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Turn white-on-dark bands (shaded table headers, title bars) into dark-on-white.

    Two passes: dark bands (below 100 grey), then mid-grey ones (100-170: a table header
    shaded grey with its column names printed white). A mid-grey band is taken only when
    it is one even fill holding print lighter than itself (``_light_print_on``): dark
    print on a grey shade (a highlighted total, a shadow across a photo) stays as it is,
    and so does a washed-out copy, whose print itself is that grey (its darkest ink within
    ``_PRINT_STEP`` of the fill: its text blocks close into "bands" of their own grey).
    The second pass costs about 0.04 CPU s a page (0.028 → 0.071 s on 12 tune scans).
    """
    out = grey
    inverted = grey_bands = 0
    taken = np.zeros(grey.shape, bool)
    blurred = cv2.medianBlur(grey, 5)
    darkest = float(np.percentile(grey[::4, ::4], 0.3))  # the page's darkest ink
    for below in (100, _MID_GREY):
        for x, y, bw, bh, band in _bands(blurred, below):
            region = grey[y : y + bh, x : x + bw]
            if taken[y : y + bh, x : x + bw][band].any():
                continue  # the dark pass had it
            if below == 100:
                if float(np.mean(region[band] < 100)) < 0.65:  # a bold word closes into a blob
                    continue
                if _open_paper(region, band) > _OPEN_PAPER:  # a bold word closed into a blob
                    continue
                if _dark_print_on(region, band):  # a photo's shadow
                    continue
                grown = _grown_band(blurred, x, y, bw, bh, band, taken)
                if grown is not None:
                    x, y, bw, bh, band = grown
                    region = grey[y : y + bh, x : x + bw]
                    out = _invert_shaded(grey if out is grey else out, grey, x, y, band)
                    taken[y : y + bh, x : x + bw] |= band
                    inverted += 1
                    continue
            elif not _light_print_on(region[band], darkest, region[_inside(band)]):
                continue
            else:
                # closing joins the print just under (over) a band to it: those rows are not
                # the band's, and the paper between their letters is no light print on it
                band = band & _fill_rows(region, band)[:, None]
                if not band.any():
                    continue
                if not _light_print_on(region[band], darkest, region[_inside(band)]):
                    continue
            if out is grey:
                out = grey.copy()
            # inverted, the band's dark grey becomes a light grey: stretch it to paper white
            # so later steps (rule removal counts grey below 200 as ink) see text on white
            light = 255 - region[band]
            paper = max(1.0, _commonest(light))
            stretched = np.clip(light * (255.0 / paper), 0, 255).astype(np.uint8)
            out[y : y + bh, x : x + bw][band] = stretched
            taken[y : y + bh, x : x + bw] |= band
            inverted += 1
            grey_bands += below != 100
    return out, {"regions": inverted, "grey_regions": grey_bands}


#: a band's fill may be this much lighter at its far end (a photo's light across it)
_FILL_DRIFT = 35
#: a band grown by a fifth or more is one a photo's light left partly lighter than 100
_GROWN = 1.2


def _grown_band(
    blurred: np.ndarray, x: int, y: int, bw: int, bh: int, band: np.ndarray, taken: np.ndarray
) -> tuple[int, int, int, int, np.ndarray] | None:
    """The band whose darker end was found below 100, followed along its own rows to where
    it ends (x, y, w, h, outline), or None when it does not reach further.

    A coloured header band photographed under light from one side is darker than 100 at
    one end and mid-grey at the other, on paper that is itself below the mid-grey limit
    there: neither pass finds the lighter end, and its white column names stay unread.
    Within the band's rows, what is at most ``_FILL_DRIFT`` lighter than its fill and
    joined to it is the band too.
    """
    rows = blurred[y : y + bh]
    fill = float(np.median(rows[:, x : x + bw][band]))
    _, dark = cv2.threshold(rows, min(fill + _FILL_DRIFT, _MID_GREY) - 1, 1, cv2.THRESH_BINARY_INV)
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, 15), np.uint8))
    _, labels = cv2.connectedComponents(dark)
    seen = labels[:, x : x + bw][band]
    seen = seen[seen > 0]
    if not len(seen):
        return None
    part = (labels == np.bincount(seen).argmax()).astype(np.uint8)
    gx, gy, gw, gh = cv2.boundingRect(part)
    outline = _filled(part[gy : gy + gh, gx : gx + gw]).view(bool)
    if np.count_nonzero(outline) < _GROWN * np.count_nonzero(band):
        return None
    if taken[y + gy : y + gy + gh, gx : gx + gw][outline].any():
        return None
    return gx, y + gy, gw, gh, outline


def _invert_shaded(
    out: np.ndarray, grey: np.ndarray, x: int, y: int, band: np.ndarray
) -> np.ndarray:
    """``out`` with the band at (x, y) inverted and stretched to paper white column by
    column: its fill is lighter at one end than at the other."""
    if out is grey:
        out = grey.copy()
    bh, bw = band.shape
    region = grey[y : y + bh, x : x + bw].astype(np.float32)
    light = 255.0 - region
    # each column's fill: the commonest light of the band there, smoothed along the band
    masked = np.where(band, light, np.nan)
    with np.errstate(all="ignore"):
        column = np.nanmedian(masked, axis=0)
    column = np.nan_to_num(column, nan=float(np.nanmedian(masked)))
    column = cv2.blur(column.reshape(1, -1), (61, 1)).ravel()
    stretched = np.clip(light * (255.0 / np.maximum(column, 1.0))[None, :], 0, 255)
    view = out[y : y + bh, x : x + bw]
    view[band] = stretched.astype(np.uint8)[band]
    return out


#: a band shaded lighter than this is no band: its print is read as it is
_MID_GREY = 170
#: a mid-grey band's fill: this share of its pixels within ``_FILL_SPREAD`` of its commonest
_EVEN_FILL, _FILL_SPREAD = 0.5, 25
#: ... and print lighter than the fill by ``_PRINT_STEP``: at least this share of the band
_LIGHT_PRINT, _PRINT_STEP = 0.02, 60


def _bands(blurred: np.ndarray, below: int) -> list[tuple[int, int, int, int, np.ndarray]]:
    """(x, y, w, h, outline mask) of the solid regions darker than ``below``: bands."""
    _, dark = cv2.threshold(blurred, below - 1, 1, cv2.THRESH_BINARY_INV)
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (15, 15))
    dark = cv2.morphologyEx(dark, cv2.MORPH_CLOSE, kernel)
    # vertical table rules hanging from a header band would join it to the whole table;
    # once the band is solid, an opening along the rows removes anything narrower than
    # 15 px (the rules)
    dark = cv2.morphologyEx(dark, cv2.MORPH_OPEN, np.ones((1, 15), np.uint8))
    # a third of a page's rows hold dark blobs: label only those (sparse_components)
    h, w = blurred.shape
    found = []
    for x, y, bw, bh, area in sparse_components(dark).stats[1:]:
        if bw < 0.05 * w or bh < 12 or bh > 0.5 * h:
            continue
        # the band's own outline, holes (its white letters) filled: a bounding box would
        # also take in the paper beside a karekod or a logo joined to the band, and turn
        # that paper black (an L-shaped blob fills little of its box, yet is solid)
        band = _filled(dark[y : y + bh, x : x + bw]).view(bool)
        if area < 0.6 * np.count_nonzero(band):  # a frame, not a band
            continue
        found.append((int(x), int(y), int(bw), int(bh), band))
    return found


def _fill_rows(region: np.ndarray, band: np.ndarray) -> np.ndarray:
    """The rows of a mid-grey band that are mostly its fill (not paper or print beside it):
    the longest run of them, so a stray row of the print under the band stays out."""
    fill = float(np.median(region[band]))
    even = (np.abs(region.astype(np.int16) - fill) <= _FILL_SPREAD) & band
    rows = even.sum(axis=1) >= 0.4 * np.maximum(1, band.sum(axis=1))
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.astype(np.int8), [0]))))
    starts, ends = edges[::2], edges[1::2]
    keep = np.zeros_like(rows)
    if len(starts):
        longest = int(np.argmax(ends - starts))
        keep[starts[longest] : ends[longest]] = True
    return keep


def _inside(band: np.ndarray) -> np.ndarray:
    """``band`` less a rim ``_RIM`` pixels wide: without the table's rules framing it."""
    kernel = np.ones((2 * _RIM + 1,) * 2, np.uint8)
    # the band fills its box to the edges: outside the box is paper, not more band
    inner = cv2.erode(band.astype(np.uint8), kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0)
    inner = inner.view(bool)
    return inner if inner.any() else band


#: a band's rim: a table's frame drawn on the band's outline (dark, as its print) is no print
_RIM = 4


def _light_print_on(pixels: np.ndarray, darkest: float, inside: np.ndarray | None = None) -> bool:
    """Whether a mid-grey band's pixels are one even fill with lighter print on it, on a
    page whose ink (``darkest``) is darker than that fill. Dark print is counted on the
    band's ``inside`` pixels where given (a frame on its rim is a rule, not print)."""
    fill = float(np.median(pixels))
    if not 100 <= fill < _MID_GREY or fill - darkest < _PRINT_STEP:
        return False
    if float(np.mean(np.abs(pixels.astype(np.int16) - fill) <= _FILL_SPREAD)) < _EVEN_FILL:
        return False
    lighter = float(np.mean(pixels >= fill + _PRINT_STEP))
    darker = float(np.mean((pixels if inside is None else inside) <= fill - _PRINT_STEP))
    return lighter >= _LIGHT_PRINT and lighter > darker


#: light print below this share of a region: none (white letters on a band are far more)
_NO_LIGHT_PRINT = 0.005
#: how far inside its outline a region's print is judged (px): a shadow's edge is a ramp,
#: and the ends of text lines running out of it into lighter paper are closed into it
_CORE = 12


def _dark_print_on(region: np.ndarray, band: np.ndarray) -> bool:
    """Whether a dark region's print is darker than its fill, and none lighter: paper in
    a shadow (a hand's or the phone's across a photo, below 100 grey where it is deepest)
    with its own black print on it, not a band printed with light letters; inverted, its
    text would turn light on dark (a photo's table rows under a hand's shadow went unread).
    Judged ``_CORE`` pixels in from the outline; a band with white letters has far more
    light print there than ``_NO_LIGHT_PRINT``, even where a karekod's black modules joined
    to it bring dark print too, and a rule too thin to have such a core is no shadow."""
    kernel = np.ones((2 * _CORE + 1,) * 2, np.uint8)
    core = cv2.erode(band.astype(np.uint8), kernel, borderType=cv2.BORDER_CONSTANT, borderValue=0)
    pixels = region[core.view(bool)]
    if not pixels.size:
        return False
    fill = float(np.median(pixels))
    darker = float(np.mean(pixels <= fill - _PRINT_STEP))
    lighter = float(np.mean(pixels >= fill + _PRINT_STEP))
    return darker >= _LIGHT_PRINT and lighter < _NO_LIGHT_PRINT


def _commonest(values: np.ndarray) -> float:
    """The commonest grey of a band's light pixels (at least 64: its fill, not its letters),
    from a histogram smoothed over 9 levels: the band's fill even where a karekod or a
    logo joined to it brings as many pixels of another grey."""
    hist = np.convolve(np.bincount(values.ravel(), minlength=256), np.ones(9), mode="same")
    return float(64 + np.argmax(hist[64:]))


#: share of a band's inside (its edge left out) that is paper open onto the page around it,
#: beyond which the blob is print closed up, not a band: the letters printed white on a band
#: are enclosed by its fill, while the paper between a bold title's letters opens onto the
#: page above and below them (a bold "ALIM" closed into one blob is 65 % ink in its outline)
_OPEN_PAPER = 0.15


def _open_paper(region: np.ndarray, band: np.ndarray) -> float:
    """The share of ``band``'s inside (3 px in from its outline) that is light paper
    connected, through light pixels, to the paper around ``region``."""
    light = np.pad((region >= 100).astype(np.uint8), 1, constant_values=1)
    _, labels = cv2.connectedComponents(light, connectivity=4)
    outside = labels[1:-1, 1:-1] == labels[0, 0]
    inner = cv2.erode(band.astype(np.uint8), np.ones((7, 7), np.uint8)).view(bool)
    return float(np.count_nonzero(outside & inner)) / max(1, np.count_nonzero(inner))


def _filled(mask: np.ndarray) -> np.ndarray:
    """``mask`` (0/1) with the holes of its blobs filled: their outer outlines, drawn solid."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = np.zeros_like(mask)
    cv2.drawContours(out, contours, -1, 1, thickness=cv2.FILLED)
    return out


# -- illumination --------------------------------------------------------------------------
def illumination(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Divide by the estimated paper brightness: removes shadows and uneven light."""
    small, _ = measuring_copy(grey, 600)
    background = cv2.dilate(small, np.ones((7, 7), np.uint8))
    background = cv2.medianBlur(background, 21)
    # measured on the small copy: percentiles of the full-size one cost 30 ms a page
    spread = float(np.percentile(background, 95)) - float(np.percentile(background, 5))
    background = cv2.resize(
        background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR
    )
    out = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return out, {"background_spread": round(spread, 1)}


# -- denoise -------------------------------------------------------------------------------
def noise_level(grey: np.ndarray) -> float:
    """Robust estimate of the noise's standard deviation (median absolute Laplacian)."""
    small, _ = measuring_copy(grey, 1500)
    lap = cv2.Laplacian(small.astype(np.float32), cv2.CV_32F, ksize=1)
    return float(np.median(np.abs(lap))) * 1.4826 / 2.0


#: noise (``noise_level``) below which a page is read as it is
_NOISY = 2.0
#: the same on a full page (more than ``_LARGE_PIXELS``): there non-local means costs about
#: 5 CPU s (an A4 page at 300 dpi, issue 17), more than Tesseract's read of the page, and
#: Tesseract reads through moderate noise: measured on the noisy scan sample (sigma 4.45),
#: 45/45 fields filtered or not, while cheaper filters lost fields (median 3×3: 41/45,
#: bilateral and Gaussian: 44/45, non-local means with a 7 px search window: 43/45).
#: Card-sized pages (MRZ, small print) stay filtered from ``_NOISY`` on: there it is cheap.
_NOISY_LARGE = 6.0
_LARGE_PIXELS = 4_000_000


def denoise(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Non-local means on noisy grey pages; speckle removal on binary ones (faxes)."""
    # a washed-out scan stretched by ``contrast`` has no speckle: its tiny dark blobs are the
    # cores of its pale i-dots and commas, which removal would leave hollow rings
    speckles, removed = _speckles(grey) if not state.stretched else (None, 0)
    if speckles is not None and removed > 200:
        grey = grey.copy()
        grey[speckles.view(bool)] = WHITE
    sigma = noise_level(grey)
    large = grey.shape[0] * grey.shape[1] > _LARGE_PIXELS
    if sigma < (_NOISY_LARGE if large else _NOISY):
        return grey, {"sigma": round(sigma, 2), "filtered": False, "speckles": removed}
    out = cv2.fastNlMeansDenoising(
        grey, None, h=float(min(30.0, 1.2 * sigma + 5)), templateWindowSize=7, searchWindowSize=15
    )
    return out, {"sigma": round(sigma, 2), "filtered": True, "speckles": removed}


_SPECKLE_PIXELS = 8
_SPECKLE_BOXES = 5000


def _speckles(grey: np.ndarray) -> tuple[np.ndarray, int]:
    """A 0/1 mask of the isolated ink dots of a few pixels (fax speckle, dust), and their
    pixel count.

    At 300 dpi the dot of an ``i`` is well above 8 pixels, so text survives. A dot
    fits in an 8×8 box, so each is drawn from its own box of the labels, not by
    looking up every pixel's label (25 ms less on an A4 page at 300 dpi).
    """
    _, ink = cv2.threshold(grey, 127, 1, cv2.THRESH_BINARY_INV)  # grey < 128
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    tiny = np.flatnonzero(stats[1:count, cv2.CC_STAT_AREA] <= _SPECKLE_PIXELS) + 1
    removed = int(stats[tiny, cv2.CC_STAT_AREA].sum())
    if len(tiny) > _SPECKLE_BOXES:  # a sand of dots (a noisy photo): one lookup is cheaper
        chosen = np.zeros(count, np.uint8)
        chosen[tiny] = 1
        return chosen[labels], removed
    mask = np.zeros_like(ink)
    for i in tiny.tolist():
        x, y, w, h = (int(v) for v in stats[i, :4])
        mask[y : y + h, x : x + w] |= (labels[y : y + h, x : x + w] == i).view(np.uint8)
    return mask, removed


# -- binarisation --------------------------------------------------------------------------
def binarise(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    threshold, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return out, {"threshold": round(float(threshold), 1)}


# -- ruling lines --------------------------------------------------------------------------
def remove_rules(grey: np.ndarray, state: PageState) -> tuple[np.ndarray, dict]:
    """Erase long, thin horizontal and vertical lines (table rulings) that OCR reads as | and —.

    Ink is thickened across the rule's direction first (vertically for
    horizontal rules), so that a slightly rotated rule, which deskewing leaves
    as a staircase, still has long straight runs; never along it, so letters
    of a word never merge into a "rule". Only thin components count.

    What the opening leaves lies on a few bands of rows (columns for vertical
    rules), so its components are measured there alone (``sparse_components``):
    0.28 → 0.08 CPU s on an A4 page at 300 dpi, the same pixels erased.
    """
    # grey < 200 as 0/1: blurred rules are wide and grey
    _, ink = cv2.threshold(grey, 199, 1, cv2.THRESH_BINARY_INV)
    dpi = state.dpi or 300.0
    length = max(15, round(dpi * 0.4))  # 1 cm: longer than any character stroke
    thick = max(4, round(dpi / 40)) + 4  # ~0.6 mm plus the thickening
    rules = np.zeros_like(ink)
    for axis, thicken, kernel, along, across in (
        (0, (3, 1), (1, length), cv2.CC_STAT_WIDTH, cv2.CC_STAT_HEIGHT),
        (1, (1, 3), (length, 1), cv2.CC_STAT_HEIGHT, cv2.CC_STAT_WIDTH),
    ):
        joined = cv2.dilate(ink, np.ones(thicken, np.uint8))
        lines = cv2.morphologyEx(joined, cv2.MORPH_OPEN, np.ones(kernel, np.uint8))
        found = sparse_components(lines, axis)
        stats = found.stats
        keep = np.zeros(found.count, bool)
        keep[1:] = (stats[1:, along] >= length) & (stats[1:, across] <= thick)
        if keep.any():
            rules |= found.paint(keep)
    # the rule's pale fringe (200-250 grey either side of a blurred rule) goes too: left
    # behind, it reads as a ghost line that Tesseract joins to the words beside it (a date
    # in a ruled box read as one word three lines tall)
    rules = cv2.dilate(rules, np.ones((5, 5), np.uint8))
    removed = cv2.countNonZero(cv2.bitwise_and(rules, ink))
    if not removed:
        return grey, {"pixels": 0}
    out = grey.copy()
    out[rules.view(bool)] = WHITE
    return out, {"pixels": removed}
