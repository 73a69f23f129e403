"""On request only: an e-invoice rendered to PDF with the print design (XSLT) it carries.

The XSLT in a UBL-TR ``AdditionalDocumentReference`` is third-party code: the
pipeline keeps it (``Document.ubl.xslt``) and never runs it. This module runs
it when a person asks for a preview (``docpipe preview``, ``render_preview``):

- the stylesheet is parsed under the same rules as the invoice (no DTD, no
  entities, no network, bounded size and depth);
- libxslt runs with ``XSLTAccessControl.DENY_ALL``: no ``document()``,
  ``xsl:import``/``xsl:include`` or output to files or the network; no
  extension functions are registered; libxslt's own recursion limit stops a
  runaway template;
- the HTML it produces is laid out by MuPDF (``pymupdf.Story``), which runs no
  script and fetches nothing; pages are capped at ``max_pages``.

Failures are one-line ``InputError``s that never quote the stylesheet's output.
"""

from __future__ import annotations

import io

import pymupdf
from lxml import etree

from docpipe.errors import InputError, TooLargeError
from docpipe.ingest.ubl import UblDocument, parse_ubl, parse_xml
from docpipe.settings import Settings

_MARGIN = 36  # points


def render_html(ubl: UblDocument, settings: Settings) -> str:
    """The invoice's own print design applied to it, in the sandbox described above."""
    if ubl.xslt is None:
        raise InputError("this invoice carries no print design (XSLT) to preview it with")
    stylesheet = parse_xml(ubl.xslt, settings, what="the embedded XSLT")
    try:
        transform = etree.XSLT(stylesheet, access_control=etree.XSLTAccessControl.DENY_ALL)
    except etree.XSLTParseError:
        raise InputError(
            "the embedded XSLT is not a stylesheet docpipe can run (or it asks for files or "
            "the network, which is denied)"
        ) from None
    try:
        return str(transform(ubl.root))
    except etree.XSLTApplyError:
        raise InputError(
            "the embedded XSLT failed on this invoice (or asked for files or the network, "
            "which is denied)"
        ) from None


def html_to_pdf(html: str, settings: Settings) -> bytes:
    """A4 PDF of ``html`` laid out by MuPDF (no scripts, no fetching)."""
    story = pymupdf.Story(html=html)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    page = pymupdf.paper_rect("a4")
    where = pymupdf.Rect(page.x0 + _MARGIN, page.y0 + _MARGIN, page.x1 - _MARGIN, page.y1 - _MARGIN)
    more, pages = 1, 0
    while more:
        pages += 1
        if pages > settings.max_pages:
            writer.close()
            raise TooLargeError(
                f"the preview would have more than max_pages={settings.max_pages} pages"
            )
        device = writer.begin_page(page)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return buffer.getvalue()


def render_preview(xml: bytes, settings: Settings) -> bytes:
    """PDF bytes of an e-invoice XML printed with its own embedded design."""
    return html_to_pdf(render_html(parse_ubl(xml, settings), settings), settings)
