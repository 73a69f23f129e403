"""Areas of an identity document that are personal as a whole: the MRZ band, the signature.

Input: a page's text and its words (``(start, end, bbox)`` as ``page_text`` gives
them, bbox in page units). Output: boxes to burn, whatever the recognizers made of
the characters in them. The ID photo is found on the image itself
(``docpipe.redact.photo``); these two are found from the words:

- **MRZ band**: the machine-readable lines (OCR-B runs of ``A-Z 0-9 <`` with ``<<``
  fillers, or 25+ such characters). The box spans every MRZ word of the page plus
  half a line around it: a misread check digit or a filler read as ``K`` stays
  under it, and so does a line only partly read.
- **Signature**: drawn under the ``İmza / Signature`` label of a card, no text for
  OCR to find. The box starts at the label's bottom and reaches 6 label heights
  down and 18 across (a card signature's size, in the label's font size, so it
  scales with the scan's resolution).
"""

from __future__ import annotations

import re

from docpipe.text.turkish import fold

BBox = tuple[float, float, float, float]

_MRZ_WORD = re.compile(r"[A-Z0-9<]{8,}")
_SIGNATURE_LABELS = ("imza", "signature")
SIGNATURE_DOWN, SIGNATURE_ACROSS = 6.0, 18.0  # in label heights


def card_regions(text: str, words: list[tuple[int, int, BBox]]) -> list[list[float]]:
    """Boxes over the MRZ band and the signature of an identity-document page."""
    boxes: list[list[float]] = []
    mrz = [
        bbox
        for start, end, bbox in words
        if _MRZ_WORD.fullmatch(token := text[start:end].strip())
        and ("<<" in token or len(token) >= 25)
    ]
    if mrz:
        line = max(b[3] - b[1] for b in mrz)
        boxes.append(
            [
                min(b[0] for b in mrz) - line / 2,
                min(b[1] for b in mrz) - line / 2,
                max(b[2] for b in mrz) + line / 2,
                max(b[3] for b in mrz) + line / 2,
            ]
        )
    for start, end, (x0, y0, _x1, y1) in words:
        if fold(text[start:end]).lower().strip("/:.") in _SIGNATURE_LABELS:
            h = y1 - y0
            boxes.append([x0 - h, y1, x0 + SIGNATURE_ACROSS * h, y1 + SIGNATURE_DOWN * h])
            break  # one signature per card: "İmza / Signature" is one label
    return [[round(max(0.0, v), 2) for v in box] for box in boxes]
