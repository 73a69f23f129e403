"""Read: make sure every page has words, from its text layer or from OCR.

Input: an ingested Document. Output: a new Document whose pages without a
usable text layer carry Tesseract words (boxes in the page's own units).
Those pages first go through ``docpipe.preprocess`` (orientation, photo
perspective, deskew, …); the page then records which steps ran and what they
measured, and its frame becomes the cleaned image's (so boxes match it).
A page whose OCR finds an MRZ gets the MRZ band re-read with the MRZ alphabet.
A page that times out in OCR stays without words and the document goes on;
a missing Tesseract raises ``DependencyError`` naming the packages.

Memory stays bounded on long documents: pages are read one after another, and
a PDF page without a text layer is rendered, OCRed and its pixels dropped
before the next one is rendered (only its words are kept), so a 200-page scan
holds one page image at a time. Raster files (TIFF, JPEG) keep their pixels,
which the redaction stage burns; ``max_pages`` and ``max_image_pixels`` bound
those. Measured by ``benchmarks/long_contract.py``.

A long scan can be read by several processes at once: given a ``PageShare``
(``docpipe run --jobs N`` hands one to each worker, ``docpipe.batch``), the pages
that need OCR are offered to idle workers, this process reads the ones it
claims, and the pages read elsewhere come back into their places.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

import numpy as np

from docpipe.document import Document, Page, Word
from docpipe.ingest.image import looks_blank
from docpipe.ingest.pdf import render_page
from docpipe.ingest.sniff import PDF
from docpipe.ocr.boxes import font_boxes
from docpipe.ocr.mrz import reread_mrz
from docpipe.ocr.noise import drop_noise
from docpipe.ocr.numbers import mend_numbers
from docpipe.ocr.tesseract import OcrTimeout, ocr_words
from docpipe.preprocess import preprocess_image
from docpipe.settings import Settings

CARD_SIZED_INCHES = 6.0  # ID cards (3.4 in) and passport pages (4.9 in) are narrower


def page_segmentation(image: np.ndarray, dpi: float | None, settings: Settings) -> int:
    """Tesseract's --psm for a page: ``ocr_psm`` for full pages, 3 for card-sized ones.

    Sparse-text mode (11) reads each table cell on its own, which is what
    invoices need (measured: scanned invoice field accuracy 56 % → 80 %), but on
    small documents with dense bilingual labels the full layout analysis of
    mode 3 reads labels better. The physical width needs the page's dpi.
    """
    if dpi and image.shape[1] / dpi < CARD_SIZED_INCHES:
        return 3
    return settings.ocr_psm


_DEBRIS = re.compile(r"^[^\w<%₺$€£]+$")


def _debris(word: Word) -> bool:
    """Punctuation-only words read with low confidence: remnants of rules, dirt, speckle."""
    return word.conf < 0.6 and bool(_DEBRIS.match(word.text))


#: Sides further apart than this are no page (a 50 000×20 strip): the page clean-up
#: steps (deskew, orientation, perspective) assume a page and are skipped.
MAX_PAGE_ASPECT = 50


def _page_shaped(image: np.ndarray) -> bool:
    height, width = image.shape[:2]
    return max(height, width) <= MAX_PAGE_ASPECT * max(1, min(height, width))


class PageShare(Protocol):
    """Other processes reading pages of the document beside this one.

    ``offer`` the page numbers that need OCR, ``claim`` them one by one (None: no
    more for this process), then ``gather`` the pages the others read and the
    numbers they could not (their process died): this process reads those itself.
    """

    def offer(self, numbers: Sequence[int]) -> None: ...

    def claim(self) -> int | None: ...

    def gather(self) -> tuple[list[Page], list[int]]: ...


def read_text(doc: Document, settings: Settings) -> Document:
    return read_text_until(doc, settings, None)[0]


def read_text_until(
    doc: Document, settings: Settings, deadline: float | None, share: PageShare | None = None
) -> tuple[Document, int | None]:
    """``read_text`` that stops before a page once ``time.monotonic()`` passes ``deadline``.

    Returns the document (the pages not reached keep no words) and the number of
    the first page not read, or None when every page was read. With ``share``, a
    document with two pages or more to OCR is read by other processes too.
    """
    if not settings.ocr or all(p.has_text for p in doc.pages):
        return doc, None
    if share is not None:
        todo = [p.number for p in doc.pages if _needs_ocr(doc, p)]
        if len(todo) >= 2:
            return _read_shared(doc, settings, deadline, share, todo)
    pages: list[Page] = []
    for page in doc.pages:
        if deadline is not None and not page.has_text and time.monotonic() > deadline:
            return doc.with_pages((*pages, *doc.pages[len(pages) :])), page.number
        pages.append(_read_page(doc, page, settings))
    return doc.with_pages(tuple(pages)), None


def read_page(doc: Document, number: int, settings: Settings) -> Page:
    """Page ``number`` (1-based) of ``doc``, read: what a process sharing a scan does
    (``doc`` may hold that page alone: ``docpipe.ingest.ingest_page``)."""
    page = next(p for p in doc.pages if p.number == number)
    return _read_page(doc, page, settings)


def _needs_ocr(doc: Document, page: Page) -> bool:
    if page.has_text or page.blank:
        return False
    return page.image is not None or (doc.media_type == PDF and doc.data is not None)


def _read_shared(
    doc: Document, settings: Settings, deadline: float | None, share: PageShare, todo: list[int]
) -> tuple[Document, int | None]:
    share.offer(todo)
    read: dict[int, Page] = {}

    def in_time() -> bool:
        return deadline is None or time.monotonic() <= deadline

    while in_time() and (number := share.claim()) is not None:
        read[number] = read_page(doc, number, settings)
    pages, lost = share.gather()
    read.update((page.number, page) for page in pages)
    for number in lost:  # its process died: read it here, the same as alone
        if in_time():
            read[number] = read_page(doc, number, settings)
    unread = [n for n in todo if n not in read]
    pages_out = tuple(read.get(p.number, p) for p in doc.pages)
    return doc.with_pages(pages_out), (min(unread) if unread else None)


def tidy_full_page(page: Page) -> tuple[Word, ...]:
    """A full page's OCR words as the rules should see them: words read out of logos
    and karekods dropped (sparse mode reads them as scattered words), amounts OCR
    split or misspelled mended, boxes in the text layer's convention (``docpipe.ocr``
    ``.noise``, ``.numbers``, ``.boxes``). Card-sized pages keep Tesseract's own words:
    their rules were measured on those."""
    words = mend_numbers(drop_noise(page.words))
    return font_boxes(replace(page, words=words))


def _read_page(doc: Document, page: Page, settings: Settings) -> Page:
    if page.has_text or page.blank:
        return page
    if page.image is not None:
        image, dpi, to_page = page.image, page.dpi, 1.0
    elif doc.media_type == PDF and doc.data is not None:
        dpi = float(settings.render_dpi)
        image = render_page(doc.data, page.number, dpi, settings.max_image_pixels)
        to_page = 72.0  # divided by the final dpi below: OCR boxes back into PDF points
        if looks_blank(image):  # a page that renders empty (a truncated PDF): nothing to OCR
            return replace(page, blank=True)
    else:
        return page
    steps: tuple = ()
    found = True
    if settings.preprocess and _page_shaped(image):
        done = preprocess_image(image, dpi, settings)
        image, steps, found = done.image, done.steps, done.document_found
        if done.dpi:
            dpi = done.dpi
    scale = to_page / dpi if to_page != 1.0 and dpi else 1.0
    page = replace(
        page,
        width=image.shape[1] * scale,
        height=image.shape[0] * scale,
        image=image if page.image is not None else None,
        preprocessing=steps,
        document_found=found,
    )
    if not found:
        return page
    try:
        psm = page_segmentation(image, dpi, settings)
        words = ocr_words(
            image,
            languages=settings.ocr_languages,
            dpi=dpi,
            timeout_s=settings.ocr_timeout_s,
            scale=scale,
            psm=psm,
        )
        words = reread_mrz(
            image, words, dpi=dpi, scale=scale, timeout_s=settings.ocr_timeout_s,
            search=psm == 3,
        )  # fmt: skip
        words = tuple(w for w in words if not _debris(w))
        if psm == 11:
            words = tidy_full_page(replace(page, words=words))
    except OcrTimeout:
        return page
    return replace(page, words=words, text_source="ocr" if words else "none")
