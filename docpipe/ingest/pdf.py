"""PDF files through PyMuPDF: pages and their text-layer words with boxes."""

from __future__ import annotations

import numpy as np
import pymupdf

from docpipe.document import BBox, Page, Word
from docpipe.errors import CorruptFileError, EncryptedFileError, TooLargeError
from docpipe.settings import Settings

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


def read_pdf(data: bytes, settings: Settings, *, number: int | None = None) -> tuple[Page, ...]:
    """The PDF's pages with their text-layer words, or only page ``number`` (1-based)."""
    return read_pdf_and_attachments(data, settings, number=number)[0]


def read_pdf_and_attachments(
    data: bytes, settings: Settings, *, number: int | None = None, xml_limit: int | None = None
) -> tuple[tuple[Page, ...], list[tuple[str, bytes]]]:
    """``read_pdf`` and, with ``xml_limit``, ``xml_attachments``, from one opening of the
    file (opening it twice cost ~0.4 ms a digital invoice)."""
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception:
        raise CorruptFileError(
            "the PDF is damaged and cannot be opened; ask the sender for a new copy"
        ) from None
    with pdf:
        if pdf.needs_pass:
            raise EncryptedFileError(
                "the PDF is password-protected; remove the password (e.g. `qpdf --decrypt`) "
                "and submit it again"
            )
        if pdf.page_count == 0:
            raise CorruptFileError(
                "the PDF is damaged: it has no readable pages; ask the sender for a new copy"
            )
        if pdf.page_count > settings.max_pages:
            raise TooLargeError(
                f"the PDF has {pdf.page_count} pages, more than max_pages={settings.max_pages}; "
                "split it or raise DOCPIPE_MAX_PAGES"
            )
        if number is not None:
            if not 1 <= number <= pdf.page_count:
                raise CorruptFileError(f"the PDF has no page {number}")
            pages: tuple[Page, ...] = (_read_page(pdf, number - 1, settings),)
        else:
            pages = tuple(_read_page(pdf, index, settings) for index in range(pdf.page_count))
        attachments = _xml_attachments(pdf, xml_limit) if xml_limit is not None else []
        return pages, attachments


def _read_page(pdf: pymupdf.Document, index: int, settings: Settings) -> Page:
    try:
        page = pdf.load_page(index)
        raw, image_boxes = _words_and_images(page)
        rect = page.rect
    except Exception:
        raise CorruptFileError(
            f"page {index + 1} of the PDF is damaged and cannot be read; "
            "ask the sender for a new copy"
        ) from None
    words = tuple(
        Word(text=text, bbox=(x0, y0, x1, y1), conf=1.0, block=block, line=line)
        for x0, y0, x1, y1, text, block, line, _ in raw
        if text.strip()
    )
    chars = sum(len(w.text) for w in words)
    usable = chars >= settings.min_text_chars
    return Page(
        number=index + 1,
        width=rect.width,
        height=rect.height,
        unit="pt",
        words=words if usable else (),
        text_source="text_layer" if usable else "none",
        image_boxes=image_boxes,
    )


def _words_and_images(page: pymupdf.Page) -> tuple[list, tuple[tuple[bytes, BBox], ...]]:
    """The page's words (``get_text("words")``) and, when it has images, where it draws
    them, from one text extraction: ``get_image_rects`` (the karekod search) made a
    second one, with images kept, for every page with an image (measured: 1.4 ms a
    digital invoice, against 0.25 ms for keeping the images in the first one)."""
    if not page.get_images():
        return page.get_text("words", sort=False), ()
    textpage = page.get_textpage(flags=pymupdf.TEXTFLAGS_WORDS | pymupdf.TEXT_PRESERVE_IMAGES)
    words = page.get_text("words", sort=False, textpage=textpage)
    boxes = tuple(
        (bytes(info["digest"]), tuple(info["bbox"]))
        for info in textpage.extractIMGINFO(hashes=True)
    )
    return words, boxes  # type: ignore[return-value]


def xml_attachments(data: bytes, limit: int) -> list[tuple[str, bytes]]:
    """(name, bytes) of the PDF's embedded files that look like XML, each at most ``limit``.

    e-Arşiv PDFs of some integrators carry the invoice's UBL-TR XML as an
    attachment (PDF/A-3 style); ``docpipe.ingest`` reads the invoice from it.
    """
    try:
        with pymupdf.open(stream=data, filetype="pdf") as pdf:
            return _xml_attachments(pdf, limit)
    except Exception:
        return []  # a damaged file: no attachments


def _xml_attachments(pdf: pymupdf.Document, limit: int) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    try:
        for index in range(pdf.embfile_count()):
            info = pdf.embfile_info(index)
            name = str(info.get("filename") or info.get("name") or "")
            if int(info.get("size") or 0) > limit:
                continue
            if not name.lower().endswith(".xml") and "xml" not in str(info.get("desc", "")).lower():
                continue
            out.append((name, pdf.embfile_get(index)))
    except Exception:
        return []  # a damaged attachment table: the pages are still read
    return out


def render_page(data: bytes, number: int, dpi: float, max_pixels: int) -> np.ndarray:
    """Page ``number`` (1-based) of a PDF as a grey image at ``dpi``."""
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        page = pdf.load_page(number - 1)
        zoom = dpi / 72.0
        width, height = page.rect.width * zoom, page.rect.height * zoom
        if width * height > max_pixels:
            raise TooLargeError(
                f"page {number} would be {int(width)}×{int(height)} pixels at {dpi:.0f} dpi, "
                f"more than max_image_pixels={max_pixels}; lower DOCPIPE_RENDER_DPI"
            )
        pix = page.get_pixmap(
            matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csGRAY, alpha=False
        )
        return np.frombuffer(pix.samples, dtype=np.uint8).reshape(pix.height, pix.width).copy()
