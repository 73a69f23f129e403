"""Draw identity documents (ID card front/back, passport data page) and rasterise them.

Drawn as a one-page PDF with PyMuPDF (Noto for print, Ubuntu Mono for the
MRZ, both from ``pymupdf-fonts``), then rendered to RGB pixels: deterministic
for a fixed spec. Layouts follow the real documents: bilingual labels above
values, photo area on the left, TD1 MRZ on the card back, TD3 on the passport.
"""

from __future__ import annotations

import functools

import numpy as np
import pymupdf

from samplegen.identity import Person, td1, td3, tr_date

MM = 72 / 25.4
CARD = (85.6 * MM, 53.98 * MM)
PASSPORT = (125 * MM, 88 * MM)
CUZDAN = (105 * MM, 70 * MM)
INK = (0.08, 0.08, 0.12)
LABEL = (0.25, 0.25, 0.35)


@functools.cache
def _font(code: str) -> pymupdf.Font:
    return pymupdf.Font(code)


class _Card:
    def __init__(self, size: tuple[float, float], tint: tuple[float, float, float]) -> None:
        self.doc = pymupdf.open()
        self.page = self.doc.new_page(width=size[0], height=size[1])
        for name in ("notos", "notosbo", "ubuntm"):
            self.page.insert_font(fontname=name, fontbuffer=_font(name).buffer)
        self.shape = self.page.new_shape()
        w, h = size
        self.shape.draw_rect(pymupdf.Rect(0, 0, w, h))
        self.shape.finish(fill=tint, color=None)
        for i in range(0, int(w), 6):  # faint guilloche-like background lines
            self.shape.draw_bezier((i, 0), (i + 20, h / 3), (i - 20, 2 * h / 3), (i + 5, h))
        self.shape.finish(color=tuple(min(1.0, c - 0.06) for c in tint), width=0.3)

    def text(self, x: float, y: float, text: str, size: float, font: str = "notos", color=INK):
        self.shape.insert_text((x, y), text, fontname=font, fontsize=size, color=color)

    def field(self, x: float, y: float, label: str, value: str, size: float = 7.0) -> None:
        self.text(x, y, label, size * 0.62, color=LABEL)
        self.text(x, y + size * 1.15, value, size, font="notosbo")

    def photo(self, x: float, y: float, w: float, h: float) -> None:
        self.shape.draw_rect(pymupdf.Rect(x, y, x + w, y + h))
        self.shape.finish(fill=(0.78, 0.8, 0.84), color=(0.5, 0.5, 0.55), width=0.5)
        self.shape.draw_circle((x + w / 2, y + h * 0.38), w * 0.22)
        self.shape.finish(fill=(0.6, 0.62, 0.68), color=None)
        self.shape.draw_oval(pymupdf.Rect(x + w * 0.12, y + h * 0.66, x + w * 0.88, y + h * 1.1))
        self.shape.finish(fill=(0.6, 0.62, 0.68), color=None)

    def render(self, dpi: int, pdf: bool = False) -> np.ndarray | bytes:
        """RGB pixels at ``dpi``, or (``pdf=True``) the drawing as PDF bytes (text reference)."""
        self.shape.commit()
        if pdf:
            return self.doc.tobytes(garbage=4, no_new_id=True)
        pix = self.page.get_pixmap(dpi=dpi, alpha=False)
        return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, 3).copy()


def _sex(p: Person) -> str:
    return "K / F" if p.sex == "F" else "E / M"


def card_front(p: Person, dpi: int = 500, pdf: bool = False) -> np.ndarray:
    c = _Card(CARD, (0.93, 0.9, 0.93))
    c.text(8, 12, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI", 7.5, font="notosbo")
    c.text(8, 20, "REPUBLIC OF TÜRKİYE IDENTITY CARD", 5.5)
    c.photo(8, 30, 58, 74)
    x, x2 = 76, 160
    c.field(x, 32, "T.C. Kimlik No / TR Identity No", p.tckn)
    c.field(x, 50, "Soyadı / Surname", p.surname)
    c.field(x, 68, "Adı / Given Name(s)", p.given_names)
    c.field(x, 86, "Doğum Tarihi / Date of Birth", tr_date(p.birth_date))
    c.field(x2, 86, "Cinsiyeti / Gender", _sex(p))
    c.field(x, 104, "Seri No / Document No", p.document_number)
    c.field(x2, 104, "Uyruğu / Nationality", "T.C./TUR")
    c.field(x, 122, "Son Geçerlilik / Valid Until", tr_date(p.expiry_date))
    c.text(8, 122, "İmza / Signature", 4.3, color=LABEL)
    c.shape.draw_bezier((10, 138), (25, 128), (40, 146), (60, 132))
    c.shape.finish(color=INK, width=0.7)
    return c.render(dpi, pdf)


def card_back(p: Person, dpi: int = 500, pdf: bool = False) -> np.ndarray:
    c = _Card(CARD, (0.9, 0.93, 0.95))
    c.field(8, 12, "Anne Adı / Mother's Name", p.mother_name)
    c.field(110, 12, "Baba Adı / Father's Name", p.father_name)
    c.field(8, 32, "Veren Makam / Issued By", p.issuing_authority)
    c.shape.draw_rect(pymupdf.Rect(0, 98, CARD[0], CARD[1]))
    c.shape.finish(fill=(0.98, 0.98, 0.98), color=None)
    for i, line in enumerate(td1(p)):
        c.text(9, 113 + i * 14.5, line, 13.5, font="ubuntm")
    return c.render(dpi, pdf)


def passport_page(p: Person, dpi: int = 400, pdf: bool = False) -> np.ndarray:
    c = _Card(PASSPORT, (0.92, 0.94, 0.9))
    c.text(10, 14, "TÜRKİYE CUMHURİYETİ / REPUBLIC OF TÜRKİYE", 8, font="notosbo")
    c.text(10, 23, "PASAPORT / PASSPORT", 6.5)
    c.photo(10, 34, 78, 100)
    x, x2, x3 = 100, 170, 250
    c.field(x, 36, "Tipi / Type", "P")
    c.field(x2, 36, "Ülke Kodu / Country Code", "TUR")
    c.field(x3, 36, "Pasaport No / Passport No", p.document_number)
    c.field(x, 56, "Soyadı / Surname", p.surname)
    c.field(x, 76, "Adı / Given Name(s)", p.given_names)
    c.field(x, 96, "Uyruğu / Nationality", "T.C./TUR")
    c.field(x3, 96, "T.C. Kimlik No / Personal No", p.tckn)
    c.field(x, 116, "Doğum Tarihi / Date of Birth", tr_date(p.birth_date))
    c.field(x2, 116, "Cinsiyeti / Sex", _sex(p))
    c.field(x3, 116, "Doğum Yeri / Place of Birth", p.birth_place)
    c.field(x, 136, "Veriliş Tarihi / Date of Issue", tr_date(p.issue_date))
    c.field(x3, 136, "Makamı / Authority", p.issuing_authority)
    c.field(x, 156, "Geçerlilik Tarihi / Date of Expiry", tr_date(p.expiry_date))
    c.shape.draw_rect(pymupdf.Rect(0, 188, PASSPORT[0], PASSPORT[1]))
    c.shape.finish(fill=(0.98, 0.98, 0.98), color=None)
    for i, line in enumerate(td3(p)):
        c.text(10, 210 + i * 18, line, 14.5, font="ubuntm")
    return c.render(dpi, pdf)


def nufus_cuzdani(p: Person, dpi: int = 400, pdf: bool = False) -> np.ndarray:
    """The old paper identity booklet (before 2017): Turkish labels left, values right."""
    c = _Card(CUZDAN, (0.95, 0.9, 0.9))
    c.text(10, 16, "TÜRKİYE CUMHURİYETİ NÜFUS CÜZDANI", 8.5, font="notosbo")
    c.text(10, 28, f"Seri No: {p.document_number[:3]} {p.document_number[3:]}", 7, font="notosbo")
    rows = (
        ("T.C. Kimlik No", p.tckn),
        ("Soyadı", p.surname),
        ("Adı", p.given_names),
        ("Baba Adı", p.father_name),
        ("Ana Adı", p.mother_name),
        ("Doğum Yeri", p.birth_place),
        ("Doğum Tarihi", tr_date(p.birth_date)),
        ("Cinsiyeti", "K" if p.sex == "F" else "E"),
        ("Verildiği Yer", p.issuing_authority),
        ("Veriliş Tarihi", tr_date(p.issue_date)),
    )
    for i, (label, value) in enumerate(rows):
        y = 48 + i * 15
        c.text(10, y, label, 6.5, color=LABEL)
        c.text(88, y, value, 7.5, font="notosbo")
    c.photo(228, 40, 60, 78)
    return c.render(dpi, pdf)
