"""Redacted copies of stored documents: PDFs whose text under the boxes is gone, and
page images with the boxes (and ID photos) burned in.

Input: a stored document's original bytes and the redaction boxes the pipeline
found when it processed them (``document_texts.boxes``, page units). Output,
per document in ``outdir``: ``<id>-<stem>.redacted.pdf`` and, for every page
read by OCR, ``<id>-<stem>-p<N>.png``.

- text-layer PDF pages: PyMuPDF ``apply_redactions`` removes the glyphs under
  each box (``docpipe.redact.pdf``);
- image pages (photos, scans, scanned PDF pages): the page is put in the frame
  OCR read it in (the preprocessing steps that move pixels: turned, warped,
  scaled, deskewed, so the boxes fit) with its tones left alone, so the ID photo
  is still a solid area ``docpipe.redact.photo`` finds; the boxes are filled
  black, padded by a share of their height (font size) so that the dots of
  İ/Ö/Ü, the breve of Ğ, the cedillas of Ş/Ç and descenders go too, and the
  photos are burned out; in the PDF such a page is replaced by the burned image.

The export is audited (counts only). Nothing here logs content; messages name
document ids.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import cv2
import numpy as np
import pymupdf

from docpipe.document import Document, Page
from docpipe.ingest import ingest
from docpipe.ingest.pdf import render_page
from docpipe.ingest.sniff import PDF, XML
from docpipe.kvkk.keys import store_key
from docpipe.preprocess import STEPS, preprocess_image
from docpipe.preview import html_to_pdf
from docpipe.redact.pdf import redact_pdf
from docpipe.result import WHOLE_TEXTS
from docpipe.settings import Settings
from docpipe.store import Store

#: Padding of a burned box in font sizes (its height, at most 1.5 of the page's median
#: box height when it spans lines): above, diacritics (İ, Ö, Ü dots, Ğ breve) and
#: ascenders; below, cedillas (Ş, Ç) and descenders; at the sides, antialiased edges.
PAD_ABOVE, PAD_BELOW, PAD_SIDE = 0.45, 0.4, 0.15
MIN_PAD_PX = 2
#: The preprocessing steps that move pixels (the frame the boxes were found in).
GEOMETRY = ("orient", "perspective", "resample", "deskew")


@dataclass
class ExportReport:
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "document 7: why" (no values)
    documents: int = 0


def export_redacted(
    store: Store, settings: Settings, outdir: Path, *, actor: str | None = None
) -> ExportReport:
    """Write redacted outputs of every stored, processed document into ``outdir``; audited."""
    outdir.mkdir(parents=True, exist_ok=True)
    if settings.vault_key is not None or settings.vault_key_file:
        store_key(store, settings)  # source paths are sealed: the key finds the originals
    report = ExportReport()
    for view in _all_documents(store):
        if view.status.value == "failed":
            continue
        stem = f"{view.id}-{Path(view.file_name).stem[:60]}"
        if view.media_type == XML:  # no pages to burn: the stored, redacted record instead
            if view.extraction is None:
                report.skipped.append(f"document {view.id}: no record; process it again")
                continue
            report.written.append(write_record_pdf(view.extraction.record, settings, outdir, stem))
            report.documents += 1
            continue
        if store.get_text(view.id) in WHOLE_TEXTS:  # its page images are personal as a whole
            report.skipped.append(
                f"document {view.id}: personal as a whole (an identity document, or one not "
                "understood); no redacted copy is written"
            )
            continue
        boxes = store.redaction_boxes(view.id)
        if boxes is None:
            report.skipped.append(f"document {view.id}: no redaction data; process it again")
            continue
        original = original_file(store, view.id, view.sha256)
        if original is None:
            report.skipped.append(
                f"document {view.id}: original file not found or changed; nothing to redact"
            )
            continue
        report.written += write_redacted(original, boxes, settings, outdir, stem)
        report.documents += 1
    store.add_audit(
        "export_redacted",
        actor=actor or "docpipe",  # as before the move; callers may name who exported
        details={"documents": report.documents, "files": len(report.written)},
    )
    return report


def write_record_pdf(record: dict, settings: Settings, outdir: Path, stem: str) -> Path:
    """A PDF listing a stored (already redacted) record, field by field: the redacted
    export of a document that has no pages of its own (a UBL-TR XML invoice). Built only
    from what the store holds, so it shows nothing the store does not; the invoice's
    embedded print design is third-party code and is not run here (see docpipe.preview).
    """
    listing = json.dumps(record, ensure_ascii=False, indent=1, default=str)
    html = f"<h3>{escape(stem)}</h3><pre>{escape(listing)}</pre>"
    path = outdir / f"{stem}.redacted.pdf"
    path.write_bytes(html_to_pdf(html, settings))
    return path


def write_redacted(
    path: Path,
    boxes: dict[int, list[list[float]]],
    settings: Settings,
    outdir: Path,
    stem: str,
) -> list[Path]:
    """Redacted outputs of one file given its boxes per page; returns the files written."""
    data = path.read_bytes()
    doc = ingest(path, settings, data)
    written: list[Path] = []
    pdf_path = outdir / f"{stem}.redacted.pdf"
    if doc.media_type == PDF:
        text_pages = {
            p.number: [tuple(b) for b in boxes.get(p.number, [])] for p in doc.pages if p.has_text
        }
        redacted = redact_pdf(data, text_pages)  # type: ignore[arg-type]
        images = {
            p.number: _burned_pdf_page(doc, p, boxes.get(p.number, []), settings)
            for p in doc.pages
            if not p.has_text
        }
        with pymupdf.open(stream=redacted, filetype="pdf") as pdf:
            for number, image in images.items():
                written.append(_write_png(outdir / f"{stem}-p{number}.png", image))
                _replace_with_image(pdf.load_page(number - 1), image)
            pdf_path.write_bytes(pdf.tobytes(garbage=4, deflate=True))
    else:
        images = {
            p.number: _burned_image_page(p, boxes.get(p.number, []), settings) for p in doc.pages
        }
        with pymupdf.open() as pdf:
            for number, image in images.items():
                written.append(_write_png(outdir / f"{stem}-p{number}.png", image))
                height, width = image.shape[:2]
                page = pdf.new_page(width=width * 72 / 200, height=height * 72 / 200)
                page.insert_image(page.rect, stream=_png_bytes(image))
            pdf_path.write_bytes(pdf.tobytes(garbage=4, deflate=True))
    written.append(pdf_path)
    return written


# -- pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageImage:
    """One page as PNG, and how many pixels one page unit (``Evidence.bbox``) spans."""

    png: bytes
    scale: float
    width: int
    height: int


def page_image(
    path: Path,
    number: int,
    boxes: list[list[float]],
    settings: Settings,
    *,
    burn_in: bool = True,
) -> PageImage | None:
    """Page ``number`` (1-based) of a stored original, in the frame its boxes were found
    in, with ``boxes`` and ID photos burned in (``burn_in=False``: as it is, for a role
    that may see personal data). None for a page the file does not have (or an XML)."""
    doc = ingest(path, settings, path.read_bytes())
    page = next((p for p in doc.pages if p.number == number), None)
    if page is None:
        return None
    if doc.media_type == PDF:
        dpi = float(settings.render_dpi)
        image = render_page(doc.data or b"", number, dpi, settings.max_image_pixels)
        if not page.has_text and settings.preprocess:  # OCR read it in this frame
            done = preprocess_image(image, dpi, settings)
            image, dpi = done.image, done.dpi or dpi
        scale = dpi / 72.0
    else:
        if page.image is None:
            return None
        image = page.image
        if settings.preprocess:
            image = preprocess_image(image, page.dpi, settings).image
        scale = 1.0
    if burn_in:
        image = burn(image, boxes, scale=scale)
    height, width = image.shape[:2]
    return PageImage(_png_bytes(image), scale, width, height)


def _burned_image_page(page: Page, boxes: list[list[float]], settings: Settings) -> np.ndarray:
    if page.image is None:
        raise ValueError("an image page without pixels")
    image, _ = frame(page.image, page.dpi, settings)
    return burn(image, boxes, scale=1.0)


def _burned_pdf_page(
    doc: Document, page: Page, boxes: list[list[float]], settings: Settings
) -> np.ndarray:
    dpi = float(settings.render_dpi)
    image = render_page(doc.data or b"", page.number, dpi, settings.max_image_pixels)
    image, dpi = frame(image, dpi, settings)
    return burn(image, boxes, scale=dpi / 72.0)


def frame(image: np.ndarray, dpi: float | None, settings: Settings) -> tuple[np.ndarray, float]:
    """The page as OCR saw it geometrically (its boxes fit), with its own tones: the
    cleaned copy OCR read flattens an ID photo to outlines the photo finder misses."""
    if not settings.preprocess:
        return image, float(dpi or 72.0)
    only = frozenset(
        name for name, switch, _ in STEPS if name in GEOMETRY and getattr(settings, switch)
    )
    done = preprocess_image(image, dpi, settings, only=only)
    return done.image, float(done.dpi or dpi or 72.0)


def burn(image: np.ndarray, boxes: list[list[float]], *, scale: float) -> np.ndarray:
    """A copy of ``image`` with every box (page units × ``scale``) and every ID photo black."""
    out = image.copy()
    photos = _photo_regions(out)  # on the page as it was: a burned box can cut a photo
    heights = [(y1 - y0) * scale for _, y0, _, y1 in boxes]
    line = float(np.median(heights)) if heights else 0.0
    for (x0, y0, x1, y1), h in zip(boxes, heights, strict=True):
        font = min(h, 1.5 * line)
        above, below = max(MIN_PAD_PX, PAD_ABOVE * font), max(MIN_PAD_PX, PAD_BELOW * font)
        side = max(MIN_PAD_PX, PAD_SIDE * font)
        _fill(out, x0 * scale - side, y0 * scale - above, x1 * scale + side, y1 * scale + below)
    for x0, y0, x1, y1 in photos:
        _fill(out, x0 - MIN_PAD_PX, y0 - MIN_PAD_PX, x1 + MIN_PAD_PX, y1 + MIN_PAD_PX)
    return out


def _fill(image: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> None:
    height, width = image.shape[:2]
    left, top = max(0, int(x0)), max(0, int(y0))
    right, bottom = min(width, int(np.ceil(x1))), min(height, int(np.ceil(y1)))
    if right > left and bottom > top:
        image[top:bottom, left:right] = 0


def _photo_regions(image: np.ndarray) -> list[tuple[int, int, int, int]]:
    """ID photos and faces (biometric data, KVKK Art. 6), by ``docpipe.redact.photo``."""
    from docpipe.redact.photo import find_photo_regions  # OpenCV work: loaded when used

    return list(find_photo_regions(image))


def _replace_with_image(page: pymupdf.Page, image: np.ndarray) -> None:
    """Remove everything on a scanned PDF page and put the burned image in its place."""
    page.add_redact_annot(page.rect, fill=(1, 1, 1))
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_REMOVE)
    page.insert_image(page.rect, stream=_png_bytes(image))


def _png_bytes(image: np.ndarray) -> bytes:
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise ValueError("the page image could not be encoded")
    return encoded.tobytes()


def _write_png(path: Path, image: np.ndarray) -> Path:
    path.write_bytes(_png_bytes(image))
    return path


# -- documents ---------------------------------------------------------------------------


def _all_documents(store: Store, batch: int = 200) -> Iterator:
    offset = 0
    while True:
        views = store.list_documents(limit=batch, offset=offset)
        yield from views
        if len(views) < batch:
            return
        offset += batch


def original_file(store: Store, document_id: int, sha256: str | None) -> Path | None:
    """The original file under docpipe's control (watch done/) or where it was read from
    (its path is sealed: the store needs the key), if its content is still the one processed."""
    names = store.original_names(document_id)
    candidates = [*store.original_files([document_id]), names[1] if names else ""]
    for candidate in filter(None, candidates):
        path = Path(candidate)
        try:
            if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256:
                return path
        except OSError:
            continue
    return None
