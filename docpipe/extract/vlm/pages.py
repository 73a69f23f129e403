"""Page images for a model: rendered or taken from the scan, scaled into a pixel budget.

Input: a read Document. Output: one RGB ``PIL.Image`` per page with at most
``max_pixels`` pixels (aspect ratio kept), and the pages grouped into chunks
of ``pages_per_call`` for multi-page documents. PDF pages are rendered in
colour (stamps, logos and coloured totals help a model; OCR renders grey);
scans and photos use the cleaned image the read stage left on the page, so
the boxes of its words match what the model sees.
"""

from __future__ import annotations

import math

import numpy as np
import pymupdf
from PIL import Image

from docpipe.document import Document, Page
from docpipe.errors import EngineError
from docpipe.ingest.sniff import PDF


def page_image(doc: Document, page: Page, max_pixels: int) -> Image.Image:
    if page.image is not None:
        return fit(_to_rgb(page.image), max_pixels)
    if doc.media_type == PDF and doc.data is not None:
        return _render(doc.data, page.number, max_pixels)
    raise EngineError(f"page {page.number} has no image to show the model")


def fit(image: Image.Image, max_pixels: int) -> Image.Image:
    """``image`` scaled down (never up) to at most ``max_pixels`` pixels."""
    width, height = image.size
    if width * height <= max_pixels:
        return image
    scale = math.sqrt(max_pixels / (width * height))
    size = (max(1, int(width * scale)), max(1, int(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _to_rgb(pixels: np.ndarray) -> Image.Image:
    image = Image.fromarray(pixels)
    return image if image.mode == "RGB" else image.convert("RGB")


def _render(data: bytes, number: int, max_pixels: int) -> Image.Image:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        page = pdf.load_page(number - 1)
        area = page.rect.width * page.rect.height
        zoom = min(300 / 72, math.sqrt(max_pixels / area)) if area > 0 else 1.0
        pix = page.get_pixmap(
            matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB, alpha=False
        )
        image = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    return fit(image, max_pixels)


def chunks(pages: tuple[Page, ...], pages_per_call: int) -> list[tuple[Page, ...]]:
    """Consecutive groups of at most ``pages_per_call`` pages, in page order."""
    size = max(1, pages_per_call)
    return [pages[i : i + size] for i in range(0, len(pages), size)]
