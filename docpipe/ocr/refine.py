"""A second look at words Tesseract's Turkish model is known to misread, and at text it missed.

Measured on the scanned samples (character sets from ``combine_tessdata -u``):

- ``tur.traineddata`` has no ``%`` and no ``@`` in its LSTM character set. With
  ``tur+eng`` the English model sometimes supplies them, but on a blurred or
  1-bit page ``%20`` comes out as ``9620``/``9020``, ``%10`` as ``010`` and a
  lone ``%`` as ``Ye``. Neither model knows ``₺``: glued to an amount it is read
  as a digit (``51.026,34₺`` → ``51.026,346``). Re-reading those words alone
  (``--psm 7``) with ``eng`` gives ``%20`` and ``51.026,34 &``.
- Sparse-text mode (``--psm 11``, used for full pages) drops isolated one- or
  two-character words such as a quantity ``6`` or a row number next to a
  rule; reading every inked blob that no word covers gets them back (only
  readings with a digit are kept).

Re-read words replace the originals only when the new reading is well formed
(a percentage, an amount with two decimals, an e-mail address) *and* agrees
with the old digits or letters, so the second pass can fix a reading but never
invent a different number. All crops of a page go through one Tesseract call
(a list file of images), which costs about 0.3 s plus a few ms per crop; on full
pages the suspects and the missed blobs share that call (``refine_page``, with
the English model: the same words on the scan and photo samples, 0.26 CPU s a
page less).
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import tempfile
from pathlib import Path
from statistics import median

import cv2
import numpy as np

from docpipe.document import Word
from docpipe.ocr.components import sparse_components

MAX_CROPS = 200  # per pass; a page with more candidates than this is noise, not text
_PERCENT = re.compile(r"^\(?%\s?\d{1,3}(?:[.,]\d{1,2})?\)?$|^\(?%\)?$")
_MONEY = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d{2}$|^\d{1,3}(?:,\d{3})*\.\d{2}$|^\d+[.,]\d{2}$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
# words worth a second look: short digit groups (a mangled "%20"), "Ye"/"Yo" (a lone "%"),
# amounts with a glyph or an extra digit glued on
_SHORT_NUMERIC = re.compile(r"^\(?[%\d]{1,5}\)?[.,]?$")
_PERCENT_GHOST = re.compile(r"^[YV][eoa]$")
_AMOUNT_GLUED = re.compile(r"^\d[\d.,]*[.,]\d{2}\S+$")
# a KDV rate whose "%" was read as "96" or "90": "961,00", "9620,00" (an amount's shape, so
# only a re-read that shows the "%" replaces it)
_RATE_GHOST = re.compile(r"^9[06](?:0|1|8|10|18|20)[.,]00\)?$")
_DOMAIN = re.compile(
    r"^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|edu|gov|info|biz|io|tr|co)$", re.I
)
_LOCAL_PART = re.compile(r"^[\w.+-]+$")


def run_batch(
    crops: list[np.ndarray],
    *,
    exe: str,
    languages: str,
    psm: int,
    dpi: float | None,
    timeout_s: float,
) -> list[list[tuple[str, float, tuple[float, float, float, float]]]]:
    """(text, conf 0..1, box in the crop) of the words of each crop, in one Tesseract call."""
    if not crops:
        return []
    with tempfile.TemporaryDirectory(prefix="docpipe-ocr-") as tmp:
        paths = []
        for i, crop in enumerate(crops):
            # uncompressed (PGM/PPM): nothing to compress here and decompress in Tesseract
            path = Path(tmp) / f"{i:05d}.{'pgm' if crop.ndim == 2 else 'ppm'}"
            cv2.imwrite(str(path), crop)
            paths.append(str(path))
        listing = Path(tmp) / "crops.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        cmd = [exe, str(listing), "stdout", "-l", languages, "--psm", str(psm)]
        if dpi:
            cmd += ["--dpi", str(int(dpi))]
        try:
            proc = subprocess.run([*cmd, "tsv"], capture_output=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return [[] for _ in crops]
    out: list[list[tuple[str, float, tuple[float, float, float, float]]]] = [[] for _ in crops]
    if proc.returncode != 0:
        return out
    tsv = proc.stdout.decode("utf-8", errors="replace")
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        page = int(row["page_num"]) - 1
        if 0 <= page < len(out):
            left, top = float(row["left"]), float(row["top"])
            box = (left, top, left + float(row["width"]), top + float(row["height"]))
            out[page].append((text, max(0.0, min(1.0, float(row["conf"]) / 100.0)), box))
    return out


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _well_formed(text: str) -> bool:
    return bool(_PERCENT.match(text) or _MONEY.match(text) or _EMAIL.match(text))


def _agrees(old: str, new: str) -> bool:
    """Whether the new reading keeps the old one's substance (digits, or letters of an e-mail)."""
    if _EMAIL.match(new):
        return new.replace("@", "").replace(" ", "") == old.replace(" ", "")
    if _PERCENT_GHOST.match(old):
        return new.strip("()") == "%"
    od, nd = _digits(old), _digits(new)
    if not nd:
        return new.strip("()") == "%" and not od
    # "9620" → "%20", "010" → "%10": the digits the % was mistaken for come first;
    # "51.026,346" → "51.026,34": a glyph read as a digit comes last
    return od.endswith(nd) or od.startswith(nd)


def _candidates(words: list[Word]) -> list[tuple[int, ...]]:
    """Indexes of words (or adjacent pairs, for an e-mail split at its lost @) to re-read."""
    out: list[tuple[int, ...]] = []
    for i, w in enumerate(words):
        text = w.text
        if "%" in text and _PERCENT.match(text) and w.conf >= 0.85:
            continue
        short = bool(_SHORT_NUMERIC.match(text))
        suspicious_short = short and (
            not text.isdigit() or text.startswith(("0", "9", "4")) or w.conf < 0.8
        )
        glued = bool(_AMOUNT_GLUED.match(text)) and not _MONEY.match(text)
        digit_glued = bool(_MONEY.match(text[:-1])) and text[-1].isdigit() and "," in text
        ghost = bool(_RATE_GHOST.match(text))
        if suspicious_short or _PERCENT_GHOST.match(text) or glued or digit_glued or ghost:
            out.append((i,))
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        same_line = abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.5 * max(a.height, 1)
        gap = b.x0 - a.x1
        if (
            same_line
            and 0 <= gap < 2.0 * max(a.height, 1)
            and _DOMAIN.match(b.text)
            and _LOCAL_PART.match(a.text)
            and "@" not in a.text
            and not a.text.endswith(":")
        ):
            out.append((i, i + 1))
    return out


def _crop(image: np.ndarray, box: tuple[float, float, float, float]) -> tuple[np.ndarray, int, int]:
    x0, y0, x1, y1 = (round(v) for v in box)
    pad = max(6, (y1 - y0) // 3)
    top, left = max(0, y0 - pad), max(0, x0 - pad)
    crop = image[top : y1 + pad, left : x1 + pad]
    return crop, left, top


def reread_suspects(
    image: np.ndarray, words: tuple[Word, ...], *, exe: str, dpi: float | None, timeout_s: float
) -> tuple[Word, ...]:
    """Replace misread percentages, amounts and e-mail addresses (boxes in image pixels)."""
    groups, crops, origins = _suspect_crops(image, words)
    if not groups:
        return words
    results = run_batch(crops, exe=exe, languages=REREAD_LANGUAGES, psm=7, dpi=dpi,
                        timeout_s=timeout_s)  # fmt: skip
    return _with_rereads(words, groups, origins, results)


#: the suspects are re-read with the English model alone: it has ``%`` and ``@``
REREAD_LANGUAGES = "eng"


def _suspect_crops(
    image: np.ndarray, words: tuple[Word, ...]
) -> tuple[list[tuple[int, ...]], list[np.ndarray], list[tuple[int, int]]]:
    """The word groups worth a second look, their crops, and the crops' top-left corners."""
    items = list(words)
    groups = _candidates(items)[:MAX_CROPS]
    crops, origins = [], []
    for group in groups:
        ws = [items[i] for i in group]
        box = (
            min(w.x0 for w in ws),
            min(w.y0 for w in ws),
            max(w.x1 for w in ws),
            max(w.y1 for w in ws),
        )
        crop, left, top = _crop(image, box)
        crops.append(crop)
        origins.append((left, top))
    return groups, crops, origins


def _with_rereads(
    words: tuple[Word, ...],
    groups: list[tuple[int, ...]],
    origins: list[tuple[int, int]],
    results: list[list[tuple[str, float, tuple[float, float, float, float]]]],
) -> tuple[Word, ...]:
    items = list(words)
    replace: dict[int, list[Word]] = {}
    dropped: set[int] = set()
    for group, found, (left, top) in zip(groups, results, origins, strict=True):
        gx0, gx1 = items[group[0]].x0 - left, items[group[-1]].x1 - left
        # the crop's margin may catch a neighbour's edge: keep what lies over the old word
        found = [f for f in found if gx0 <= (f[2][0] + f[2][2]) / 2 <= gx1]
        if not found or any(i in replace or i in dropped for i in group):
            continue
        old = " ".join(items[i].text for i in group)
        first = items[group[0]]
        new_text = " ".join(t for t, _, _ in found)
        head = found[0][0]
        if len(group) > 1:
            joined = new_text.replace(" ", "")
            if not (_EMAIL.match(joined) and _agrees(old, joined)):
                continue
            box = (first.x0, first.y0, items[group[-1]].x1, max(first.y1, items[group[-1]].y1))
            replace[group[0]] = [Word(joined, box, found[0][1], first.block, first.line)]
            dropped.update(group[1:])
            continue
        mended = _RATE_GHOST.match(first.text) and _PERCENT.match(head)
        if not (_well_formed(head) and (mended or not _well_formed(first.text))):
            continue
        if not _agrees(first.text, head):
            continue
        replace[group[0]] = [
            Word(text, (left + b[0], top + b[1], left + b[2], top + b[3]), conf, first.block)
            for text, conf, b in found
        ]
    if not replace:
        return words
    out: list[Word] = []
    for i, w in enumerate(items):
        if i in dropped:
            continue
        out.extend(replace.get(i, [w]))
    return tuple(out)


_RULE_GLYPHS = "|¦"


def strip_rule_glyphs(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop ``|`` read from a table's vertical rules, alone or glued to a cell's word.

    Ruling lines that survive preprocessing (a rotated scan leaves them as
    staircases) come out as ``|`` at a word's edge ("Ay|", "TL |"); business text
    does not use the character, so it is removed there, and a word of nothing
    else goes.
    """
    out: list[Word] = []
    changed = False
    for w in words:
        text = w.text.strip(_RULE_GLYPHS)
        if text != w.text:
            changed = True
            if not text:
                continue
            w = Word(text, w.bbox, w.conf, w.block, w.line)
        out.append(w)
    return tuple(out) if changed else words


def drop_tall_noise(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Drop low-confidence "words" far taller than the text: read from a QR code or a logo.

    Their boxes span several text lines and would glue those lines together.
    """
    heights = [w.height for w in words if w.conf >= 0.8 and w.height > 0]
    if len(heights) < 10:
        return words
    limit = 2.5 * median(heights)
    kept = tuple(w for w in words if not (w.height > limit and w.conf < 0.7))
    return kept if len(kept) != len(words) else words


def recover_missed(
    image: np.ndarray,
    words: tuple[Word, ...],
    *,
    exe: str,
    languages: str,
    dpi: float | None,
    timeout_s: float,
) -> tuple[Word, ...]:
    """Words for inked blobs of text size that no word box covers (psm 11 drops some)."""
    crops, origins = _missed_crops(image, words)
    if not crops:
        return words
    results = run_batch(crops, exe=exe, languages=languages, psm=7, dpi=dpi, timeout_s=timeout_s)
    return _with_recovered(words, origins, results)


def refine_page(
    image: np.ndarray, words: tuple[Word, ...], *, exe: str, dpi: float | None, timeout_s: float
) -> tuple[Word, ...]:
    """``reread_suspects`` then ``recover_missed`` (with ``REREAD_LANGUAGES``) in one
    Tesseract call: a second start-up (0.15-0.2 s, a sixth of a page's recognition)
    saved on every full page. The blobs no word covers are found from the first
    reading's boxes; a re-read word lies over the same ink, so they are the same blobs.
    Only readings with digits are recovered, which the English model reads as well."""
    groups, suspect_crops, suspect_origins = _suspect_crops(image, words)
    missed_crops, missed_origins = _missed_crops(image, words)
    if not suspect_crops and not missed_crops:
        return words
    results = run_batch([*suspect_crops, *missed_crops], exe=exe, languages=REREAD_LANGUAGES,
                        psm=7, dpi=dpi, timeout_s=timeout_s)  # fmt: skip
    split = len(suspect_crops)
    words = _with_rereads(words, groups, suspect_origins, results[:split])
    return _with_recovered(words, missed_origins, results[split:])


def _missed_crops(
    image: np.ndarray, words: tuple[Word, ...]
) -> tuple[list[np.ndarray], list[tuple[int, int]]]:
    """Crops of the inked blobs of text size that no word box covers, and their corners."""
    heights = [w.height for w in words if any(ch.isalnum() for ch in w.text) and w.height > 4]
    if len(heights) < 10:
        return [], []
    h = median(heights)
    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    _, ink = cv2.threshold(grey, 127, 1, cv2.THRESH_BINARY_INV)  # grey < 128 as 0/1
    pad = max(2, int(0.15 * h))
    for w in words:
        x0, y0, x1, y1 = (round(v) for v in w.bbox)
        ink[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad] = 0
    joined = cv2.dilate(ink, np.ones((max(1, int(0.15 * h)), max(1, int(0.35 * h))), np.uint8))
    # with the words blanked, little ink is left: label only the rows that hold some
    boxes = []
    for x, y, bw, bh, _area in sparse_components(joined).stats[1:]:
        if not (0.55 * h <= bh <= 1.8 * h and 0.3 * h <= bw <= 12 * h):
            continue
        region = ink[y : y + bh, x : x + bw]
        if region.sum() < 0.08 * bw * bh:  # a few specks joined by the dilation
            continue
        boxes.append((float(x), float(y), float(x + bw), float(y + bh)))
    if not boxes or len(boxes) > MAX_CROPS:
        return [], []
    crops, origins = [], []
    for box in boxes:
        crop, left, top = _crop(grey, box)
        crops.append(crop)
        origins.append((left, top))
    return crops, origins


def _with_recovered(
    words: tuple[Word, ...],
    origins: list[tuple[int, int]],
    results: list[list[tuple[str, float, tuple[float, float, float, float]]]],
) -> tuple[Word, ...]:
    added: list[Word] = []
    for found, (left, top) in zip(results, origins, strict=True):
        for text, conf, (bx0, by0, bx1, by1) in found:
            # what sparse mode drops is numbers (quantities, row numbers); a blob read as
            # letters is more often texture, a stamp or a shadow's edge than text
            if conf < 0.7 or not any(ch.isdigit() for ch in text):
                continue
            added.append(Word(text, (left + bx0, top + by0, left + bx1, top + by1), conf))
    return words + tuple(added) if added else words


__all__ = [
    "drop_tall_noise",
    "recover_missed",
    "refine_page",
    "reread_suspects",
    "run_batch",
    "strip_rule_glyphs",
]
