"""Burn-in check: do burned page images still show any personal value?

Processes the image samples (ID cards, nüfus cüzdanı, passports, photographed
cards, scanned and photographed invoices) through the real pipeline with a vault
key, burns each page the way ``docpipe export --redacted-pdf`` does
(``docpipe.kvkk.export.burn`` on the preprocessed frame the boxes were found in),
and then measures, with real Tesseract:

- values checked: personal values of the truth files (identity fields of cards and
  passports, the MRZ lines, a person's fields on invoices; at least 5 characters);
- values legible unburned: of those, how many Tesseract reads on the unburned page
  (what the burn-in has to hide);
- values re-read: how many it still reads on the burned page;
- residual boxes: redaction boxes with ink of their own value left just above or
  below the burned area (the dots of İ/Ö/Ü, the breve of Ğ, the cedilla of Ş/Ç,
  descenders). For each box, the marks of the *unburned* page in a band of 0.4×
  the box's height above and below it, inside the box's column span, that do not
  reach the band's far edge (so the neighbouring line's text is not counted), are
  the value's own; a box is residual when more than ``RESIDUE_PX`` of their pixels
  lie outside what the burn-in painted (the same boxes burned on a blank page).
  Only boxes of one text line (a value) are measured so: a box more than
  ``REGION_LINES`` times the page's median box height is a card region (the MRZ
  band, the signature under its label), with no value's diacritics around it —
  above a signature box lies its printed label "İmza / Signature", whose İ dot
  (not personal) the old measure counted on kimlik_03_front_photo — and is
  measured by the photo / MRZ / signature counts below;
- photo / MRZ / signature: cards whose photo is black, and whose MRZ words and signature
  keep no ink (more than ``RESIDUE_PX`` pixels) on the burned page.

    python benchmarks/burn_in_check.py          # cards, passports, two invoice scans
    python benchmarks/burn_in_check.py --quick  # samples/id only
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docpipe.evaluate import load_truth, truth_pairs  # noqa: E402
from docpipe.ingest import ingest  # noqa: E402
from docpipe.kvkk import export  # noqa: E402
from docpipe.ocr.tesseract import ocr_words  # noqa: E402
from docpipe.pipeline import Pipeline  # noqa: E402
from docpipe.preprocess import STEPS, preprocess_image  # noqa: E402
from docpipe.redact.vault import KEY_ENV, new_key  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402
from docpipe.text.turkish import fold  # noqa: E402

SAMPLES = ROOT / "samples"
#: Cards and passports (scanned and photographed) and invoices whose buyer is a person.
CHOSEN = (
    "id/*",
    "photos/kimlik_*",
    "photos/pasaport_*",
    "scans/earsiv_01_scan*",
    "scans/kagit_01_scan*",
)
GEOMETRY = ("orient", "perspective", "resample", "deskew")
IDENTITY = (
    "tckn", "surname", "given_names", "mother_name", "father_name", "document_number",
    "mrz_lines", "birth_place", "birth_date",
)  # fmt: skip
PARTY = ("name", "tckn", "address", "phone", "email")
BAND = 0.4  # of the box's height: where the value's own diacritics and descenders lie
RESIDUE_PX = 3
REGION_LINES = 2.0  # a box taller than this many median box heights is a card region


@dataclass
class Counts:
    documents: int = 0
    values: int = 0
    legible: int = 0
    reread: int = 0
    boxes: int = 0
    regions: int = 0
    residual: int = 0
    cards: int = 0
    photo_left: int = 0
    mrz_left: int = 0
    signature_left: int = 0


def personal_values(truth_path: Path) -> list[str]:
    truth = load_truth(truth_path)
    people = {p.rsplit(".", 1)[0] for p in truth.fields if p.endswith(".tckn")}
    values: list[str] = []
    for path, value in truth.fields.items():
        keys = path.split(".")
        card = truth.doc_type in ("id_card", "passport") and keys[0] in IDENTITY
        person = path.rsplit(".", 1)[0] in people and keys[-1] in PARTY
        if not (card or person or keys[-1] == "tckn"):
            continue
        for item in value if isinstance(value, list) else [value]:
            values += _forms(str(item))
    return [v for v in values if len(compact(v)) >= 5]


def _forms(value: str) -> list[str]:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        y, mo, d = m.groups()
        return [f"{d}.{mo}.{y}"]
    if "<" in value:  # an MRZ line: its parts between fillers
        return [p for p in re.split(r"<+", value) if len(p) >= 5]
    return [value]


def compact(text: str) -> str:
    return re.sub(r"[\s<]+", "", fold(text))


def read(image: np.ndarray) -> str:
    grey = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
    words = ocr_words(grey, languages="tur+eng", psm=11, timeout_s=120)
    return compact(" ".join(w.text for w in words))


def ink(grey: np.ndarray) -> np.ndarray:
    """Printed marks: clearly darker than the paper around them."""
    paper = cv2.medianBlur(grey, 31).astype(np.float32)
    return grey.astype(np.float32) < np.maximum(paper, 1.0) * 0.6


def residue(before: np.ndarray, covered: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """Dark pixels of the value's own marks left uncovered above or below one box.

    ``covered``: where the burn-in painted (the same boxes burned on a blank page)."""
    x0, y0, x1, y1 = box
    height, width = before.shape
    band = max(2, round(BAND * (y1 - y0)))
    top, bottom = max(0, y0 - band), min(height, y1 + band)
    left, right = max(0, x0), min(width, x1)
    if right <= left or bottom <= top:
        return 0
    marks = ink(before)[top:bottom, left:right].astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(marks, connectivity=8)
    uncovered = ~covered[top:bottom, left:right]
    inner_top, inner_bottom = y0 - top, y1 - top
    total = 0
    for i in range(1, count):
        _, y, w, h, _ = (int(v) for v in stats[i])
        outside = y < inner_top or y + h > inner_bottom
        far_edge = (y == 0 and top > 0) or (y + h >= bottom - top and bottom < height)
        if not outside or far_edge or w >= right - left:
            continue  # inside the box (burned), the next line, or a rule across the column
        mask = labels == i
        mask[inner_top:inner_bottom] = False  # pixels inside the box are the box's business
        total += int(np.count_nonzero(mask & uncovered))
    return total


def ink_left(frame: np.ndarray, burned: np.ndarray, box: tuple[int, int, int, int]) -> int:
    """Pixels of the unburned page's ink inside ``box`` that the burned page still shows.

    The MRZ band's measure: an OCR word box on a photographed card can be far taller
    than its line (88 px for a 36 px line on kimlik_03_back_photo, the paper above
    included), so "is the whole word box black" counted a band whose every character
    was burned as left; the ink is what must be gone."""
    x0, y0, x1, y1 = (max(0, v) for v in box)
    marks = ink(_grey(frame))[y0:y1, x0:x1]
    return int(np.count_nonzero(marks & (burned[y0:y1, x0:x1] >= 40)))


def black(image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    """Whether the box (its middle 90 %: finders disagree at the edges) is burned."""
    x0, y0, x1, y1 = box
    dx, dy = (x1 - x0) // 20, (y1 - y0) // 20
    area = image[max(0, y0 + dy) : y1 - dy, max(0, x0 + dx) : x1 - dx]
    return area.size > 0 and float(np.mean(area < 40)) > 0.95


def check(patterns: tuple[str, ...]) -> Counts:
    os.environ.setdefault(KEY_ENV, new_key())
    counts = Counts()
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(database_url=f"sqlite:///{tmp}/burn.db")
        pairs = [
            (doc, truth)
            for doc, truth in truth_pairs(SAMPLES)
            if doc.suffix.lower() in (".jpg", ".jpeg", ".png")
            and any(doc.relative_to(SAMPLES).match(p) for p in patterns)
        ]
        with Pipeline(settings) as pipeline:
            for doc_path, truth_path in pairs:
                result = pipeline.process(doc_path)
                if result.document_id is None or pipeline.store is None:
                    print(f"{doc_path.name}: not stored ({result.status.value})")
                    continue
                boxes = pipeline.store.redaction_boxes(result.document_id) or {}
                _check_one(doc_path, truth_path, boxes, settings, counts)
    return counts


def _check_one(doc_path, truth_path, boxes, settings, counts: Counts) -> None:
    document = ingest(doc_path, settings, doc_path.read_bytes())
    values = personal_values(truth_path)
    is_card = load_truth(truth_path).doc_type in ("id_card", "passport")
    legible = reread = residual = 0
    for page in document.pages:
        assert page.image is not None
        frame = reference(page.image, page.dpi, settings)
        page_boxes = boxes.get(page.number, [])
        burned = export._burned_image_page(page, page_boxes, settings)
        assert burned.shape[:2] == frame.shape[:2], "the burned page is in another frame"
        before_text, after_text = read(frame), read(burned)
        legible += sum(compact(v) in before_text for v in values)
        reread += sum(compact(v) in after_text for v in values)
        grey_before = _grey(frame)
        covered = export.burn(np.full_like(grey_before, 255), page_boxes, scale=1.0) == 0
        line = float(np.median([y1 - y0 for _, y0, _, y1 in page_boxes] or [0.0]))
        for x0, y0, x1, y1 in page_boxes:
            box = (int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1)))
            counts.boxes += 1
            if y1 - y0 > REGION_LINES * line:
                counts.regions += 1  # MRZ band or signature: measured in _check_card
                continue
            residual += residue(grey_before, covered, box) > RESIDUE_PX
        if is_card:
            _check_card(frame, burned, counts)
    counts.documents += 1
    counts.values += len(values)
    counts.legible += legible
    counts.reread += reread
    counts.residual += residual
    print(
        f"{doc_path.parent.name}/{doc_path.name}: {len(values)} values, {legible} legible "
        f"unburned, {reread} re-read burned, {residual} residual boxes"
    )


def reference(image: np.ndarray, dpi: float | None, settings) -> np.ndarray:
    """The page unburned, in the frame the boxes were found in (geometry steps only)."""
    only = frozenset(n for n, switch, _ in STEPS if n in GEOMETRY and getattr(settings, switch))
    return preprocess_image(image, dpi, settings, only=only).image


def _check_card(frame: np.ndarray, burned: np.ndarray, counts: Counts) -> None:
    """The card's photo, MRZ band and signature: found on the unburned frame, by layout."""
    from docpipe.redact.photo import find_photo_regions

    counts.cards += 1
    grey = _grey(burned)
    photos = find_photo_regions(frame)
    counts.photo_left += not all(black(grey, b) for b in photos)  # none found: not counted
    words = ocr_words(_grey(frame), languages="tur+eng", psm=11, timeout_s=120)
    mrz = [w for w in words if re.fullmatch(r"[A-Z0-9<]{20,}", w.text) and "<" in w.text]
    counts.mrz_left += any(ink_left(frame, grey, _int_box(w.bbox)) > RESIDUE_PX for w in mrz)
    label = [w for w in words if fold(w.text).lower().strip("/:.") in ("imza", "signature")]
    if label:  # where a card's signature is drawn: under its label, a few label heights
        x0, y0, _, y1 = _int_box(label[0].bbox)
        h = y1 - y0
        below = (slice(y1 + h, y1 + 5 * h), slice(x0, x0 + 12 * h))
        area = ink(grey)[below] & (grey[below] > 40)  # ink, not the burned fill's edge
        counts.signature_left += bool(np.count_nonzero(area) > 20)


def _int_box(bbox) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = bbox
    return int(x0), int(y0), int(np.ceil(x1)), int(np.ceil(y1))


def _grey(image: np.ndarray) -> np.ndarray:
    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="samples/id only")
    args = parser.parse_args()
    counts = check(("id/*",) if args.quick else CHOSEN)
    print(
        f"documents {counts.documents}; values checked {counts.values}, legible unburned "
        f"{counts.legible}, re-read after burn-in {counts.reread}; boxes {counts.boxes} "
        f"({counts.regions} card regions), value boxes with residual dark pixels "
        f"{counts.residual}; cards {counts.cards}: photo left "
        f"{counts.photo_left}, MRZ left {counts.mrz_left}, signature left "
        f"{counts.signature_left}"
    )


if __name__ == "__main__":
    main()
