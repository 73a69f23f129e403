"""Re-read a machine-readable zone with the MRZ alphabet only.

General OCR reads ``<`` as ``«``, ``K`` or ``£`` and inserts spaces; the
MRZ band (found from the first pass: lines made mostly of ``A-Z0-9<`` with
several ``<``) is cropped and read again with ``--psm 6`` and a whitelist of
``A-Z0-9<``. The new words replace the old ones in that band. Never logs text.
"""

from __future__ import annotations

import re

import numpy as np

from docpipe.document import Page, Word
from docpipe.ocr.tesseract import ocr_words
from docpipe.text.layout import page_lines

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_MRZ_LIKE = re.compile(r"^[A-Z0-9<«£]+$")


def _lines(words: tuple[Word, ...]) -> list[list[Word]]:
    """Visual lines from word boxes (not Tesseract's ids: sparse mode splits lines up)."""
    page = Page(number=1, width=0, height=0, words=words)
    return [list(line.words) for line in page_lines(page)]


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
) -> tuple[Word, ...]:
    """``words`` with the MRZ band re-read; unchanged when there is no MRZ-like line."""
    band = [line for line in _lines(words) if _mrz_like(line)]
    if not band:
        return words
    in_band = {id(w) for line in band for w in line}
    boxes = [w.bbox for line in band for w in line]
    x0 = min(b[0] for b in boxes) / scale
    y0 = min(b[1] for b in boxes) / scale
    x1 = max(b[2] for b in boxes) / scale
    y1 = max(b[3] for b in boxes) / scale
    pad = (y1 - y0) / max(1, len(band)) * 0.8
    # a row OCR did not see as MRZ (fillers read as letters): reach one more row each way
    reach = pad * 2.2 if len(band) < 3 else pad
    h, w = image.shape[:2]
    cx0, cy0 = max(0, int(x0 - pad * 2)), max(0, int(y0 - reach))
    cx1, cy1 = min(w, int(x1 + pad * 2)), min(h, int(y1 + reach))
    crop = image[cy0:cy1, cx0:cx1]
    if crop.size == 0:
        return words
    again = ocr_words(
        crop,
        languages="eng",
        dpi=dpi,
        timeout_s=timeout_s,
        scale=scale,
        psm=6,
        whitelist=MRZ_ALPHABET,
        offset=(cx0, cy0),
    )
    if not again:
        return words
    lines_again = _lines(again)
    if len(lines_again) < len(band):
        return words
    lines_again = [
        line
        for line in lines_again
        if len("".join(w.text for w in line)) >= 12
        and (_mrz_like(line) or y0 * scale <= (line[0].y0 + line[0].y1) / 2 <= y1 * scale)
    ]
    if len(lines_again) < len(band):
        return words
    # a row OCR did not take for MRZ at first would stay beside its re-reading: drop the
    # first reading of every word on a re-read row
    spans = [(min(w.y0 for w in ln), max(w.y1 for w in ln)) for ln in lines_again]
    in_band |= {
        id(w)
        for w in words
        if cx0 * scale <= (w.x0 + w.x1) / 2 <= cx1 * scale
        and any(a <= (w.y0 + w.y1) / 2 <= b for a, b in spans)
    }
    # one word per MRZ line: the band is fixed-width, inner spaces are OCR artefacts
    merged = tuple(
        Word(
            text="".join(w.text for w in line),
            bbox=(
                min(w.x0 for w in line),
                min(w.y0 for w in line),
                max(w.x1 for w in line),
                max(w.y1 for w in line),
            ),
            conf=min(w.conf for w in line),
            block=900,
            line=i,
        )
        for i, line in enumerate(lines_again)
    )
    return tuple(w for w in words if id(w) not in in_band) + merged
