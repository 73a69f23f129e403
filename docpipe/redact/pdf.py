"""Redacted copies of PDFs: the text under each box is removed, not just covered.

Uses PyMuPDF's redaction annotations and ``apply_redactions`` (which deletes
the glyphs under the box from the content stream and blanks image pixels
there). Input: the PDF bytes and, per 1-based page, boxes in PDF points.
Output: new PDF bytes. Metadata is cleared too (it may hold names).
"""

from __future__ import annotations

import pymupdf

from docpipe.document import BBox


def redact_pdf(data: bytes, boxes: dict[int, list[BBox]]) -> bytes:
    with pymupdf.open(stream=data, filetype="pdf") as pdf:
        for number, page_boxes in boxes.items():
            page = pdf.load_page(number - 1)
            for x0, y0, x1, y1 in page_boxes:
                page.add_redact_annot(pymupdf.Rect(x0, y0, x1, y1), fill=(0, 0, 0))
            page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_PIXELS)
        pdf.set_metadata({})
        pdf.del_xml_metadata()
        return pdf.tobytes(garbage=4, deflate=True)
