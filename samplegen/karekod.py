"""GİB karekods on generated e-Fatura / e-Arşiv PDFs (and so on their scans and photos).

``stamp(pdf, spec)`` puts a real, decodable QR code holding GİB's karekod JSON on
the first page of an e-document: over the layout's decorative pseudo-QR when it
drew one, else in the largest empty square near the top of the page. The code is
generated with segno (a QR *encoder*; docpipe decodes with zxing-cpp, so the two
sides share no code) and embedded as a 1-bit PNG, like portal and integrator PDFs.

Paper invoices get none (they have no ETTN). Deterministic: the payload and
the place depend only on the spec and the rendered page, never on a rng, so
stamping does not move any other sample's bytes.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal

import numpy as np
import pymupdf
import segno

from samplegen.invoice_spec import InvoiceSpec

QUIET = 4  # modules of white around the code (the QR standard's quiet zone)
SIDE_RANGE = (62.0, 84.0)  # points: printed karekods are 2.2-3 cm wide
_PT_MARGIN = 24.0


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def _rate(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else str(value)


def payload(spec: InvoiceSpec) -> str:
    """The karekod JSON as GİB's e-Arşiv portal XSLT writes it (keys in its order)."""
    seller = spec.seller.vkn or spec.seller.tckn or ""
    buyer = spec.buyer.vkn or spec.buyer.tckn or ""
    profile = spec.profile or ("EARSIVFATURA" if spec.kind == "e-arsiv" else "TEMELFATURA")
    kind = spec.invoice_type or ("TEVKIFAT" if spec.withholding else "SATIS")
    data: dict[str, str] = {
        "vkntckn": seller,
        "avkntckn": buyer,
        "senaryo": profile,
        "tip": kind,
        "tarih": spec.issue_date.isoformat(),
        "no": spec.invoice_number,
        "ettn": spec.ettn or "",
        "parabirimi": spec.currency,
        "malhizmettoplam": _amount(spec.subtotal),
    }
    for kdv in spec.kdv:
        data[f"kdvmatrah({_rate(kdv.rate)})"] = _amount(kdv.base)
        data[f"hesaplanankdv({_rate(kdv.rate)})"] = _amount(kdv.amount)
    data["vergidahil"] = _amount(spec.total_with_taxes)
    data["odenecek"] = _amount(spec.payable_amount)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def qr_png(text: str) -> bytes:
    """The code as a 1-bit PNG, one pixel a module, with its quiet zone."""
    code = segno.make_qr(text, error="m", boost_error=False)
    buf = io.BytesIO()
    code.save(buf, kind="png", scale=1, border=QUIET)
    return buf.getvalue()


def _pseudo_qr(page: pymupdf.Page) -> pymupdf.Rect | None:
    """The layout's decorative QR: a cluster of small filled black squares."""
    squares = []
    for path in page.get_drawings():
        rect = path.get("rect")
        if path.get("fill") != (0.0, 0.0, 0.0) or rect is None:
            continue
        if 0.5 < rect.width < 5 and abs(rect.width - rect.height) < 0.05:
            squares.append(rect)
    if len(squares) < 100:
        return None
    box = pymupdf.Rect(squares[0])
    for rect in squares[1:]:
        box |= rect
    return box if abs(box.width - box.height) < 2 else None


def _grow(rect: pymupdf.Rect, by: float) -> pymupdf.Rect:
    return pymupdf.Rect(rect.x0 - by, rect.y0 - by, rect.x1 + by, rect.y1 + by)


def _free_square(page: pymupdf.Page, side: float) -> pymupdf.Rect | None:
    """The empty ``side``-point square nearest the top right corner, or None.

    Words, drawings and images mark a 2-point occupancy grid; a summed-area table
    then tells for every position whether a square there covers anything. A drawing
    that encloses a spot (a frame, a table) counts only by its edges.
    """
    cell = 2.0
    width, height = page.rect.width, page.rect.height
    grid = np.zeros((int(height / cell) + 1, int(width / cell) + 1), np.int32)

    def mark(rect: pymupdf.Rect, grow: float, outline: bool = False) -> None:
        x0, y0 = max(0, int((rect.x0 - grow) / cell)), max(0, int((rect.y0 - grow) / cell))
        x1, y1 = int((rect.x1 + grow) / cell) + 1, int((rect.y1 + grow) / cell) + 1
        if outline and (x1 - x0) * (y1 - y0) > 400:  # a large frame: its four edges
            grid[y0:y1, x0 : x0 + 2] = grid[y0:y1, x1 - 2 : x1] = 1
            grid[y0 : y0 + 2, x0:x1] = grid[y1 - 2 : y1, x0:x1] = 1
        else:
            grid[y0:y1, x0:x1] = 1

    for w in page.get_text("words"):
        mark(pymupdf.Rect(w[:4]), 3)
    for path in page.get_drawings():
        mark(pymupdf.Rect(path["rect"]), 2, outline=True)
    for info in page.get_image_info():
        mark(pymupdf.Rect(info["bbox"]), 2)
    area = np.pad(grid.cumsum(0).cumsum(1), ((1, 0), (1, 0)))
    n = int(side / cell) + 1
    margin = int(_PT_MARGIN / cell)
    rows, cols = grid.shape
    for y in range(margin, rows - margin - n, 3):
        for x in range(cols - margin - n, margin, -3):
            if area[y + n, x + n] - area[y, x + n] - area[y + n, x] + area[y, x] == 0:
                return pymupdf.Rect(x * cell, y * cell, x * cell + side, y * cell + side)
    return None


def stamp(pdf: bytes, spec: InvoiceSpec) -> bytes:
    """``pdf`` with the karekod of ``spec`` on page 1 (unchanged for paper invoices)."""
    if spec.kind == "paper" or not spec.ettn:
        return pdf
    doc = pymupdf.open(stream=pdf)
    page = doc[0]
    spot = _pseudo_qr(page)
    if spot is not None:
        page.draw_rect(_grow(spot, 1), color=None, fill=(1, 1, 1), width=0)
    else:
        for side in (SIDE_RANGE[1], 76.0, SIDE_RANGE[0]):
            spot = _free_square(page, side)
            if spot is not None:
                break
    if spot is None:
        raise RuntimeError(f"{spec.invoice_number}: no room for the karekod on page 1")
    page.insert_image(spot, stream=qr_png(payload(spec)))
    return doc.tobytes(garbage=4, deflate=True, no_new_id=True)
