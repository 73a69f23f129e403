"""Read: make sure every page has words, from its text layer or from OCR.

Input: an ingested Document. Output: a new Document whose pages without a
usable text layer carry Tesseract words (boxes in the page's own units).
A page that times out in OCR stays without words and the document goes on;
a missing Tesseract raises ``DependencyError`` naming the packages.
"""

from __future__ import annotations

from dataclasses import replace

from docpipe.document import Document, Page
from docpipe.ingest.pdf import render_page
from docpipe.ingest.sniff import PDF
from docpipe.ocr.tesseract import OcrTimeout, ocr_words
from docpipe.settings import Settings


def read_text(doc: Document, settings: Settings) -> Document:
    if not settings.ocr or all(p.has_text for p in doc.pages):
        return doc
    return doc.with_pages(tuple(_read_page(doc, page, settings) for page in doc.pages))


def _read_page(doc: Document, page: Page, settings: Settings) -> Page:
    if page.has_text:
        return page
    if page.image is not None:
        image, dpi, scale = page.image, page.dpi, 1.0
    elif doc.media_type == PDF and doc.data is not None:
        dpi = float(settings.render_dpi)
        image = render_page(doc.data, page.number, dpi, settings.max_image_pixels)
        scale = 72.0 / dpi  # OCR boxes back into PDF points
    else:
        return page
    try:
        words = ocr_words(
            image,
            languages=settings.ocr_languages,
            dpi=dpi,
            timeout_s=settings.ocr_timeout_s,
            scale=scale,
        )
    except OcrTimeout:
        return page
    return replace(page, words=words, text_source="ocr" if words else "none")
