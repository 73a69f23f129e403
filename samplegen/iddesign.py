"""Identity documents drawn the way the real ones look, varied from a seed.

The T.C. Kimlik Kartı (2017+ design): the front with bilingual labels
(``Soyadı / Surname``, ``Adı / Given Name(s)``, ``Doğum Tarihi / Date of
Birth``, ``Cinsiyeti / Gender``, ``Seri No / Document No``, ``Son Geçerlilik /
Valid Until``, ``T.C. Kimlik No / TR Identity No``, ``Uyruğu / Nationality``),
the photo and its ghost image; the back with ``Anne Adı / Mother's Name``,
``Baba Adı / Father's Name``, ``Veren Makam / Issued By``, the chip and the
TD1 zone (3 × 30) in OCR-B. The old nüfus cüzdanı with its religion (``Dini``)
and blood group (``Kan Grubu``) fields, special categories that must never be
read. The passport data page (ICAO 9303 TD3: two lines of 44).

A ``Design`` picks fonts, label wording and casing, how a bilingual label is
set (one line or two), date forms, offsets and tints; each is drawn by
PyMuPDF to a PDF page and rasterised. OCR-B comes from the Debian package
``fonts-ocr-b`` when installed, else a monospaced stand-in is used.
"""

from __future__ import annotations

import dataclasses
import functools
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pymupdf

from samplegen.identity import Person, td1, td3

MM = 72 / 25.4
CARD = (85.6 * MM, 53.98 * MM)
PASSPORT = (125 * MM, 88 * MM)
CUZDAN = (105 * MM, 70 * MM)
OCR_B = Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf")
# (regular, bold) print fonts: PyMuPDF's bundled ones and Debian's DejaVu / Liberation
_SYSTEM = Path("/usr/share/fonts/truetype")
FONTS: tuple[tuple[str, str], ...] = (
    ("notos", "notosbo"),
    ("ubuntu", "ubuntubo"),
    ("figo", "figbo"),
    ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    ("dejavu/DejaVuSerif.ttf", "dejavu/DejaVuSerif-Bold.ttf"),
)
MONTHS_TR = ("OCA", "ŞUB", "MAR", "NİS", "MAY", "HAZ", "TEM", "AĞU", "EYL", "EKİ", "KAS", "ARA")
MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
RELIGIONS = ("İSLAM", "HRİSTİYAN", "MUSEVİ", "-")
BLOOD_GROUPS = ("A Rh+", "0 Rh+", "B Rh-", "AB Rh+", "0 Rh-")

# field -> wordings (Turkish, English) seen on real documents and their reprints
WORDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "tckn": (("T.C. Kimlik No", "TR Identity No"), ("T.C. Kimlik No", "Identity No")),
    "surname": (("Soyadı", "Surname"),),
    "given_names": (("Adı", "Given Name(s)"), ("Adı", "Name"), ("Adı", "Given Names")),
    "birth_date": (("Doğum Tarihi", "Date of Birth"),),
    "sex": (("Cinsiyeti", "Gender"), ("Cinsiyeti", "Sex")),
    "document_number": (("Seri No", "Document No"), ("Belge No", "Document No")),
    "expiry_date": (("Son Geçerlilik", "Valid Until"), ("Geçerlilik Tarihi", "Date of Expiry")),
    "nationality": (("Uyruğu", "Nationality"),),
    "mother_name": (("Anne Adı", "Mother's Name"),),
    "father_name": (("Baba Adı", "Father's Name"),),
    "issuing_authority": (("Veren Makam", "Issued By"), ("Veren Makam", "Issuing Authority")),
    "birth_place": (("Doğum Yeri", "Place of Birth"),),
    "issue_date": (("Veriliş Tarihi", "Date of Issue"),),
}
# the passport data page words some fields its own way (ICAO 9303 part 4 captions)
PASSPORT_WORDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    **WORDINGS,
    "document_number": (("Pasaport No", "Passport No"), ("Pasaport No", "Passport No.")),
    "tckn": (("T.C. Kimlik No", "Personal No"), ("T.C. Kimlik No", "Personal No.")),
    "issuing_authority": (("Makam", "Authority"), ("Veren Makam", "Authority")),
    "expiry_date": (("Geçerlilik Tarihi", "Date of expiry"), ("Son Geçerlilik", "Date of Expiry")),
    "issue_date": (("Veriliş Tarihi", "Date of issue"),),
    "birth_date": (("Doğum Tarihi", "Date of birth"),),
    "birth_place": (("Doğum Yeri", "Place of birth"),),
    "given_names": (("Adı", "Given name(s)"), ("Adı", "Given Names")),
    "sex": (("Cinsiyeti", "Sex"),),
}


@dataclass(frozen=True)
class Design:
    """How one document is set: every choice the rules must not depend on."""

    font: tuple[str, str]
    label_case: str  # "mixed" or "upper"
    # "one_line" ("Soyadı / Surname"), "two_lines" (Turkish above English) or "wrapped" (the
    # bilingual label filled into a narrow box: it breaks wherever the width runs out)
    label_layout: str
    separator: str  # " / ", "/", " - "
    date_form: str  # "dotted", "slashed", "spaced", "worded" (16 OCA/JAN 1995)
    wording: int  # index into WORDINGS alternatives
    dx: float  # offsets of the field block, points
    dy: float
    tint: tuple[float, float, float]
    mrz_size: float
    wrap: float = 0.0  # "wrapped": the label box's width, points
    wrap_pitch: float = 1.1  # "wrapped": line pitch, in label sizes
    # what the printed specimens vary beyond that (``random_design(varied=True)``; the
    # defaults draw every document as it was drawn before they were added)
    label_ink: tuple[float, float, float] | None = None  # labels in a colour, not grey
    value_grey: float = 0.1  # the laser engraving's darkness (0 black)
    mrz_panel: bool = True  # False: the zone printed on the security print, no plain panel
    mrz_pitch: float = 0.0  # the zone's line pitch in its font sizes (0: the page's own)
    ghost_over: bool = False  # the ghost portrait printed faintly over the value column
    # what real cards and passports add on top (``random_design(stress=True)``; the defaults
    # draw every document as before)
    given_first: bool = False  # the given names' row above the surname's
    name_break: bool = False  # two given names printed on two lines (the box's width)
    hologram: bool = False  # a translucent hologram patch printed over the label column
    portrait_over: float = 0.0  # the portrait wider, reaching this far (pt) over the labels
    mrz_guilloche: bool = False  # a fine rosette print through the zone's band, no panel


#: Label inks of the printed specimens: dark grey, navy, maroon, dark teal
LABEL_INKS = ((0.3, 0.3, 0.34), (0.12, 0.2, 0.45), (0.45, 0.12, 0.16), (0.1, 0.32, 0.34))


def random_design(
    rng: random.Random,
    *,
    label_layout: str | None = None,
    varied: bool = False,
    stress: random.Random | None = None,
) -> Design:
    """A design; with ``varied`` also what the specimens vary beyond the label set-up
    (label ink, engraving darkness, the zone's panel and pitch, a ghost portrait over the
    values), drawn after the rest so a plain design stays as it was. ``stress`` (its own
    generator, so the other draws stay as they were) adds what real documents print over
    or around the fields: the given names above the surname, two given names on two lines,
    a hologram patch or the portrait over the labels, the zone on a fine rosette print."""
    design = _plain_design(rng, label_layout)
    if varied:
        design = dataclasses.replace(
            design,
            label_ink=rng.choice(LABEL_INKS),
            value_grey=rng.uniform(0.05, 0.3),
            mrz_panel=rng.random() < 0.5,
            mrz_pitch=rng.uniform(1.15, 1.45),
            ghost_over=rng.random() < 0.5,
        )
    if stress is None:
        return design
    guilloche = stress.random() < 0.4
    return dataclasses.replace(
        design,
        given_first=stress.random() < 0.35,
        name_break=stress.random() < 0.5,
        hologram=stress.random() < 0.5,
        portrait_over=stress.uniform(8, 16) if stress.random() < 0.4 else 0.0,
        mrz_guilloche=guilloche,
        mrz_panel=design.mrz_panel and not guilloche,
    )


def _plain_design(rng: random.Random, label_layout: str | None) -> Design:
    return Design(
        font=rng.choice(FONTS),
        label_case=rng.choice(("mixed", "mixed", "upper")),
        label_layout=label_layout or "one_line",
        separator=rng.choice((" / ", "/", " / ", " - ")),
        date_form=rng.choice(("dotted", "dotted", "slashed", "spaced", "worded")),
        wording=rng.randrange(3),
        dx=rng.uniform(-4, 6),
        dy=rng.uniform(-3, 4),
        tint=(rng.uniform(0.86, 0.97), rng.uniform(0.86, 0.96), rng.uniform(0.88, 0.98)),
        mrz_size=rng.uniform(9.0, 10.5),
        # drawn last and only for wrapped labels: the other layouts' designs stay as they were
        wrap=rng.uniform(30, 58) if label_layout == "wrapped" else 0.0,
        wrap_pitch=rng.uniform(1.0, 1.3) if label_layout == "wrapped" else 1.1,
    )


@functools.cache
def _font(code: str) -> pymupdf.Font:
    if "/" in code:
        path = _SYSTEM / code
        return pymupdf.Font(fontfile=str(path)) if path.is_file() else pymupdf.Font("notos")
    return pymupdf.Font(code)


@functools.cache
def _mrz_font() -> pymupdf.Font:
    return pymupdf.Font(fontfile=str(OCR_B)) if OCR_B.is_file() else pymupdf.Font("ubuntm")


def tr_upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def printed_date(d: date, form: str) -> str:
    if form == "slashed":
        return d.strftime("%d/%m/%Y")
    if form == "spaced":
        return d.strftime("%d %m %Y")
    if form == "worded":
        return f"{d.day:02d} {MONTHS_TR[d.month - 1]}/{MONTHS_EN[d.month - 1]} {d.year}"
    return d.strftime("%d.%m.%Y")


class _Sheet:
    """One page: background with guilloche, text in the design's fonts, photo, chip."""

    def __init__(self, size: tuple[float, float], design: Design, rng: random.Random) -> None:
        self.d, self.rng = design, rng
        self.wordings = WORDINGS
        self.doc = pymupdf.open()
        self.page = self.doc.new_page(width=size[0], height=size[1])
        self.page.insert_font(fontname="reg", fontbuffer=_font(design.font[0]).buffer)
        self.page.insert_font(fontname="bold", fontbuffer=_font(design.font[1]).buffer)
        self.page.insert_font(fontname="mrz", fontbuffer=_mrz_font().buffer)
        self.shape = self.page.new_shape()
        w, h = size
        self.shape.draw_rect(pymupdf.Rect(0, 0, w, h))
        self.shape.finish(fill=design.tint, color=None)
        step = rng.uniform(4, 8)
        x = 0.0
        while x < w:  # guilloche-like waves
            self.shape.draw_bezier((x, 0), (x + 25, h / 3), (x - 25, 2 * h / 3), (x + 8, h))
            x += step
        self.shape.finish(color=tuple(max(0.0, c - 0.07) for c in design.tint), width=0.3)
        self.shape.draw_circle((w * 0.72, h * 0.45), h * 0.3)  # the crescent-and-star seal
        self.shape.finish(color=tuple(max(0.0, c - 0.1) for c in design.tint), width=0.6)

    def text(self, x: float, y: float, text: str, size: float, font: str = "reg", grey=0.1):
        self.shape.insert_text(
            (x, y), text, fontname=font, fontsize=size, color=(grey, grey, grey + 0.04)
        )

    def caption(self, x: float, y: float, text: str, size: float, grey: float = 0.3) -> None:
        """A label: grey, or in the design's label ink."""
        if self.d.label_ink is None:
            self.text(x, y, text, size, grey=grey)
            return
        ink = tuple(min(1.0, c + grey - 0.3) for c in self.d.label_ink)
        self.shape.insert_text((x, y), text, fontname="reg", fontsize=size, color=ink)

    def wording(self, field: str) -> tuple[str, str]:
        options = self.wordings[field]
        tr, en = options[self.d.wording % len(options)]
        if self.d.label_case == "upper":
            tr, en = tr_upper(tr), en.upper()
        return tr, en

    def wrapped(self, field: str, size: float) -> list[str]:
        """The label of ``field`` filled word by word into lines of ``Design.wrap`` points
        (a word longer than the box gets a line of its own)."""
        tr, en = self.wording(field)
        font = _font(self.d.font[0])
        lines: list[str] = []
        for word in f"{tr}{self.d.separator}{en}".split(" "):
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and font.text_length(joined, fontsize=size) <= self.d.wrap:
                lines[-1] = joined
            else:
                lines.append(word)
        return lines

    def step(self, fields: tuple[str, ...], base: float, most: float, size: float = 4.08) -> float:
        """Row pitch of a block of labelled fields: ``base`` for one-line labels, more for
        wrapped ones (as many lines as the longest label has), at most ``most``."""
        if self.d.label_layout != "wrapped":
            return base
        extra = max(len(self.wrapped(f, size)) for f in fields) - 1
        return min(most, base + extra * size * self.d.wrap_pitch)

    def label(self, x: float, y: float, field: str, size: float) -> float:
        """Draw the label of ``field`` ending just above ``y``; returns the value's baseline."""
        tr, en = self.wording(field)
        if self.d.label_layout == "wrapped":
            lines = self.wrapped(field, size)
            for i, line in enumerate(lines):
                self.caption(x, y + i * size * self.d.wrap_pitch, line, size)
            return y + (len(lines) - 1) * size * self.d.wrap_pitch + size * 1.9
        if self.d.label_layout == "two_lines":
            self.caption(x, y, tr, size)
            self.caption(x, y + size * 1.1, en, size * 0.9, grey=0.35)
            return y + size * 2.1 + size * 0.9
        self.caption(x, y, f"{tr}{self.d.separator}{en}", size)
        return y + size * 1.9

    def field(self, x: float, y: float, field: str, value: str, size: float = 6.8) -> None:
        below = self.label(x, y, field, size * 0.6)
        self.text(x, below, value, size, font="bold", grey=self.d.value_grey)

    def names(self, x: float, y: float, step: float, surname: str, given: str) -> float:
        """The surname's and given names' rows at ``y`` and ``y + step``, in the design's
        order; two given names on two smaller lines where the design breaks them. Returns
        how much lower the rows below must go (the broken value's second line)."""
        rows = [("surname", surname), ("given_names", given)]
        if self.d.given_first:
            rows.reverse()
        extra = 0.0
        for i, (field, value) in enumerate(rows):
            first, _, rest = value.partition(" ")
            top = y + i * step + extra
            if field != "given_names" or not (self.d.name_break and rest):
                self.field(x, top, field, value)
                continue
            below = self.label(x, top, field, 4.08)
            self.text(x, below, first, 6.2, font="bold", grey=self.d.value_grey)
            self.text(x, below + 6.6, rest, 6.2, font="bold", grey=self.d.value_grey)
            extra = 6.6
        return extra

    def photo(self, x: float, y: float, w: float, h: float, faded: bool = False) -> None:
        if not faded:
            w += self.d.portrait_over
        g = 0.9 if faded else 0.75
        self.shape.draw_rect(pymupdf.Rect(x, y, x + w, y + h))
        self.shape.finish(fill=(g, g, g + 0.03), color=None)
        shade = 0.82 if faded else self.rng.uniform(0.35, 0.55)
        self.shape.draw_oval(pymupdf.Rect(x + w * 0.25, y + h * 0.12, x + w * 0.75, y + h * 0.62))
        self.shape.finish(fill=(shade + 0.1, shade, shade - 0.05), color=None)
        self.shape.draw_oval(pymupdf.Rect(x + w * 0.08, y + h * 0.62, x + w * 0.92, y + h * 1.15))
        self.shape.finish(fill=(shade - 0.1, shade - 0.1, shade), color=None)

    def ghost(self, x: float, y: float, w: float, h: float) -> None:
        """A faint portrait printed over what lies beneath (the print shows through)."""
        if not self.d.ghost_over:
            return
        tone = (0.55, 0.5, 0.5)
        self.shape.draw_oval(pymupdf.Rect(x + w * 0.25, y, x + w * 0.75, y + h * 0.5))
        self.shape.draw_oval(pymupdf.Rect(x + w * 0.05, y + h * 0.5, x + w * 0.95, y + h))
        self.shape.finish(fill=tone, color=None, fill_opacity=0.3)

    def hologram(self, x: float, y: float, w: float, h: float) -> None:
        """A hologram patch over what lies beneath: a translucent iridescent disc with
        fine concentric rings (the OVD printed over a card's label column)."""
        if not self.d.hologram:
            return
        cx, cy = x + w / 2, y + h / 2
        tint = self.rng.choice(((0.75, 0.85, 0.95), (0.95, 0.8, 0.9), (0.85, 0.95, 0.8)))
        self.shape.draw_oval(pymupdf.Rect(x, y, x + w, y + h))
        self.shape.finish(fill=tint, color=None, fill_opacity=0.35)
        for k in range(1, 6):
            r = k / 6
            self.shape.draw_oval(
                pymupdf.Rect(cx - w * r / 2, cy - h * r / 2, cx + w * r / 2, cy + h * r / 2)
            )
        self.shape.finish(color=tuple(c - 0.25 for c in tint), width=0.35, stroke_opacity=0.6)

    def rosette(self, top: float, size: tuple[float, float]) -> None:
        """A fine guilloche rosette through the zone's band (``Design.mrz_guilloche``):
        interlaced sine lines, darker than the page's own waves."""
        if not self.d.mrz_guilloche:
            return
        w, h = size
        ink = tuple(max(0.0, c - self.rng.uniform(0.12, 0.22)) for c in self.d.tint)
        period, amp = self.rng.uniform(14, 26), self.rng.uniform(3, 6)
        for k in range(int((h - top) / 2.2)):
            base, phase = top + 2 + k * 2.2, k * 0.7
            pts = [
                (float(x), base + amp * np.sin(2 * np.pi * x / period + phase))
                for x in range(0, int(w) + 3, 3)
            ]
            self.shape.draw_polyline(pts)
        self.shape.finish(color=ink, width=0.25)

    def panel(self, top: float, size: tuple[float, float]) -> None:
        """The zone's plain panel from ``top`` down, unless the design prints the zone on
        the security print."""
        if self.d.mrz_panel:
            self.shape.draw_rect(pymupdf.Rect(0, top, size[0], size[1]))
            self.shape.finish(fill=(0.97, 0.97, 0.96), color=None)

    def chip(self, x: float, y: float) -> None:
        self.shape.draw_rect(pymupdf.Rect(x, y, x + 30, y + 23), radius=0.2)
        self.shape.finish(fill=(0.85, 0.72, 0.35), color=(0.55, 0.45, 0.2), width=0.6)
        for dy in (7.5, 15.5):
            self.shape.draw_line((x, y + dy), (x + 30, y + dy))
        self.shape.draw_line((x + 15, y), (x + 15, y + 23))
        self.shape.finish(color=(0.55, 0.45, 0.2), width=0.5)

    def mrz(self, x: float, y: float, lines: list[str], pitch: float) -> None:
        for i, line in enumerate(lines):
            self.text(x, y + i * pitch, line, self.d.mrz_size, font="mrz", grey=0.05)

    def render(self, dpi: int) -> np.ndarray:
        self.shape.commit()
        pix = self.page.get_pixmap(dpi=dpi, alpha=False)
        return np.frombuffer(pix.samples, np.uint8).reshape(pix.h, pix.w, 3).copy()


def _sex(p: Person, d: Design) -> str:
    return (
        ("K / F" if p.sex == "F" else "E / M")
        if d.separator != "/"
        else ("K/F" if p.sex == "F" else "E/M")
    )


def card_front(p: Person, d: Design, rng: random.Random, dpi: int = 300) -> np.ndarray:
    s = _Sheet(CARD, d, rng)
    s.text(8, 11, "TÜRKİYE CUMHURİYETİ KİMLİK KARTI", 7, font="bold")
    s.text(8, 18.5, "REPUBLIC OF TÜRKİYE IDENTITY CARD", 5)
    s.photo(8, 28, 56, 72)
    s.photo(200, 100, 28, 36, faded=True)  # the ghost image
    x, x2, y = 74 + d.dx, 156 + d.dx, 30 + d.dy
    step = 20.0 if d.label_layout == "two_lines" else 17.5
    step = s.step(("tckn", "surname", "given_names", "birth_date", "document_number"), step, 20)
    s.field(x, y, "tckn", p.tckn)
    y2 = y + s.names(x, y + step, step, p.surname, p.given_names)  # the rows below them
    s.field(x, y2 + 3 * step, "birth_date", printed_date(p.birth_date, d.date_form))
    s.field(x2, y2 + 3 * step, "sex", _sex(p, d))
    s.field(x, y2 + 4 * step, "document_number", p.document_number)
    s.field(x2, y2 + 4 * step, "nationality", "T.C./TUR")
    s.field(x, y2 + 5 * step, "expiry_date", printed_date(p.expiry_date, d.date_form))
    s.ghost(x2 - 4, y2 + 2.7 * step, 50, 62)  # over the gender and nationality
    if d.hologram:  # over the labels
        s.hologram(x - 6, y + rng.uniform(0.5, 3.5) * step, 34, 30)
    s.text(10, 112, "İmza / Signature" if d.label_case == "mixed" else "İMZA / SIGNATURE", 4)
    s.shape.draw_bezier((12, 132), (25, 118), (42, 140), (58, 124))
    s.shape.finish(color=(0.1, 0.1, 0.2), width=0.7)
    return s.render(dpi)


def card_back(p: Person, d: Design, rng: random.Random, dpi: int = 300) -> np.ndarray:
    s = _Sheet(CARD, d, rng)
    s.chip(10, 10 + d.dy)
    x, y = 50 + d.dx, 10 + d.dy
    s.field(x, y, "mother_name", p.mother_name)
    s.field(x + 85, y, "father_name", p.father_name)
    step = s.step(("mother_name",), 23 if d.label_layout == "two_lines" else 19, 25)
    s.field(x, y + step, "issuing_authority", p.issuing_authority)
    s.ghost(x + 100, y - 4, 40, 52)  # over the father's name
    if d.hologram:
        s.hologram(x + rng.uniform(-6, 60), y - 4, 32, 28)
    s.panel(92, CARD)
    s.rosette(92, CARD)
    pitch = d.mrz_size * (d.mrz_pitch or 1.35)
    s.mrz(7 + rng.uniform(0, 4), 108 + rng.uniform(-2, 2), td1(p), pitch)
    return s.render(dpi)


def passport_page(p: Person, d: Design, rng: random.Random, dpi: int = 300) -> np.ndarray:
    s = _Sheet(PASSPORT, d, rng)
    s.wordings = PASSPORT_WORDINGS
    s.text(10, 14, "TÜRKİYE CUMHURİYETİ / REPUBLIC OF TÜRKİYE", 8, font="bold")
    s.text(10, 23, "PASAPORT / PASSPORT", 6.5)
    s.photo(10, 34, 78, 100)
    x, x2, x3, y = 100 + d.dx, 175 + d.dx, 252 + d.dx, 36 + d.dy
    rows = ("surname", "given_names", "nationality", "birth_date", "issue_date", "expiry_date")
    step = s.step(rows, 23 if d.label_layout == "two_lines" else 20, 23)
    s.text(x, y, "Tipi / Type" if d.label_case == "mixed" else "TİPİ / TYPE", 4.1, grey=0.3)
    s.text(x, y + 7.6, "P", 6.8, font="bold")
    code = "Ülke Kodu / Country Code" if d.label_case == "mixed" else "ÜLKE KODU / COUNTRY CODE"
    s.text(x2, y, code, 4.1, grey=0.3)
    s.text(x2, y + 7.6, "TUR", 6.8, font="bold")
    s.field(x3, y, "document_number", p.document_number)
    y2 = y + s.names(x, y + step, step, p.surname, p.given_names)  # the rows below them
    s.field(x, y2 + 3 * step, "nationality", "T.C./TUR")
    s.field(x3, y2 + 3 * step, "tckn", p.tckn)
    s.field(x, y2 + 4 * step, "birth_date", printed_date(p.birth_date, d.date_form))
    s.field(x2, y2 + 4 * step, "sex", _sex(p, d))
    s.field(x3, y2 + 4 * step, "birth_place", p.birth_place)
    s.field(x, y2 + 5 * step, "issue_date", printed_date(p.issue_date, d.date_form))
    s.field(x3, y2 + 5 * step, "issuing_authority", p.issuing_authority)
    s.field(x, y2 + 6 * step, "expiry_date", printed_date(p.expiry_date, d.date_form))
    if d.hologram:
        s.hologram(x - 8, y + rng.uniform(1, 4) * step, 40, 34)
    s.panel(190, PASSPORT)
    s.rosette(190, PASSPORT)
    pitch = d.mrz_size * (d.mrz_pitch or 1.7)
    s.mrz(9 + rng.uniform(0, 4), 212 + rng.uniform(-2, 2), td3(p), pitch)
    s.ghost(x3 - 6, 100 + d.dy, 56, 70)  # over the personal number and place of birth
    return s.render(dpi)


def passport_facing(d: Design, rng: random.Random, dpi: int = 300) -> np.ndarray:
    """The page facing the data page in an open booklet: the same security print, the
    observations heading (ICAO 9303 part 4 leaves the page to the issuer) and a page
    number, nothing else printed."""
    s = _Sheet(PASSPORT, d, rng)
    head = "GÖZLEMLER / OBSERVATIONS" if d.label_case == "upper" else "Gözlemler / Observations"
    s.text(PASSPORT[0] / 2 - 45, 24, head, 6, grey=0.35)
    s.text(PASSPORT[0] / 2 - 2, PASSPORT[1] - 10, str(rng.randint(2, 3)), 6, grey=0.35)
    return s.render(dpi)


def nufus_cuzdani(p: Person, d: Design, rng: random.Random, dpi: int = 300) -> np.ndarray:
    """The old booklet: Turkish labels left of values, with Dini and Kan Grubu."""
    s = _Sheet(CUZDAN, d, rng)
    s.text(10, 16, "TÜRKİYE CUMHURİYETİ NÜFUS CÜZDANI", 8.5, font="bold")
    s.text(10, 27, f"Seri No: {p.document_number[:3]} {p.document_number[3:]}", 7, font="bold")
    rows = (
        ("T.C. Kimlik No", p.tckn),
        ("Soyadı", p.surname),
        ("Adı", p.given_names),
        ("Baba Adı", p.father_name),
        ("Ana Adı", p.mother_name),
        ("Doğum Yeri", p.birth_place),
        ("Doğum Tarihi", printed_date(p.birth_date, d.date_form)),
        ("Cinsiyeti", "K" if p.sex == "F" else "E"),
        ("Medeni Hali", rng.choice(("BEKAR", "EVLİ"))),
        ("Dini", rng.choice(RELIGIONS)),
        ("Verildiği Yer", p.issuing_authority),
        ("Veriliş Tarihi", printed_date(p.issue_date, d.date_form)),
        ("Kan Grubu", rng.choice(BLOOD_GROUPS)),
    )
    colon = rng.random() < 0.5
    for i, (label, value) in enumerate(rows):
        y = 40 + d.dy + i * 11.5
        text = tr_upper(label) if d.label_case == "upper" else label
        s.text(10 + d.dx, y, text + (" :" if colon else ""), 6.2, grey=0.3)
        s.text(84 + d.dx, y, value, 7, font="bold")
    s.photo(228, 40, 60, 78)
    return s.render(dpi)
