"""The raster samples: scanned invoices, identity documents and phone photos.

Each sample draws from ``random.Random(f"{seed}/{name}")`` like the invoices,
so the bytes are reproducible and independent of the other samples.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from samplegen import scan
from samplegen.idcard import card_back, card_front, nufus_cuzdani, passport_page
from samplegen.identity import random_person, td1, td3, truth
from samplegen.photo import photograph, photograph_page, table

FRONT = ("tckn", "surname", "given_names", "birth_date", "sex", "nationality",
         "document_number", "expiry_date")  # fmt: skip
BACK = ("mother_name", "father_name", "issuing_authority", "tckn", "birth_date", "sex",
        "nationality", "document_number", "expiry_date")  # fmt: skip
CUZDAN = ("tckn", "surname", "given_names", "father_name", "mother_name", "birth_place",
          "birth_date", "sex", "issuing_authority", "issue_date", "document_number")  # fmt: skip
PASSPORT = ("tckn", "surname", "given_names", "birth_date", "birth_place", "sex", "nationality",
            "document_number", "issue_date", "expiry_date", "issuing_authority")  # fmt: skip


@dataclass(frozen=True)
class ScanSample:
    name: str  # file stem under scans/
    invoice: str  # which invoice sample is scanned
    dpi: int
    exercises: str
    degrade: Callable[[np.ndarray, random.Random], np.ndarray]
    fmt: str = "jpg"


SCANS: tuple[ScanSample, ...] = (
    ScanSample(
        "earsiv_01_scan",
        "earsiv_01",
        200,
        "200 dpi, rotated 1.5°, JPEG q75",
        lambda g, r: scan.rotate(g, 1.5),
    ),
    ScanSample(
        "efatura_03_scan",
        "efatura_03",
        300,
        "300 dpi, rotated −2°, sensor noise",
        lambda g, r: scan.noise(scan.rotate(g, -2.0), r, 12),
    ),
    ScanSample(
        "kagit_01_scan",
        "kagit_01",
        250,
        "250 dpi, upside down (180° + 0.6°)",
        lambda g, r: scan.rotate(scan.rotate(g, 180), 0.6),
    ),
    ScanSample(
        "kagit_02_scan",
        "kagit_02",
        300,
        "300 dpi, out of focus (Gaussian blur)",
        lambda g, r: scan.blur(scan.rotate(g, 0.8), 1.2),
    ),
    ScanSample(
        "kagit_03_fax",
        "kagit_03",
        200,
        "fax: 1-bit 200 dpi with speckle, PNG",
        lambda g, r: scan.fax(scan.rotate(g, -1.0), r),
        "png1",
    ),
)


@dataclass(frozen=True)
class InvoicePhoto:
    name: str  # file stem under photos/
    invoice: str  # which invoice sample is photographed
    blur: float  # Gaussian sigma in photo pixels (a slightly shaken or unfocused phone)
    light: str  # "side" or "hand" (see samplegen.photo.photograph_page)
    quality: int  # JPEG quality
    exercises: str


INVOICE_PHOTOS: tuple[InvoicePhoto, ...] = (
    InvoicePhoto("earsiv_02_photo", "earsiv_02", 0.0, "side", 85,
                 "perspective, side shadow, wooden table, JPEG q85"),
    InvoicePhoto("efatura_01_photo", "efatura_01", 0.8, "hand", 80,
                 "perspective, hand shadow over a corner, slight blur, JPEG q80"),
    InvoicePhoto("efatura_04_photo", "efatura_04", 0.5, "side", 75,
                 "EUR invoice: perspective, shadow, slight blur, JPEG q75"),
    InvoicePhoto("kagit_01_photo", "kagit_01", 1.0, "hand", 85,
                 "paper invoice: perspective, hand shadow, blur σ 1.0"),
)  # fmt: skip


def _jpeg_rgb(image: np.ndarray, dpi: int | None, quality: int = 85) -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    kwargs = {"dpi": (dpi, dpi)} if dpi else {}
    Image.fromarray(image).save(buf, "JPEG", quality=quality, optimize=True, **kwargs)
    return buf.getvalue()


def _truth_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rows() -> list[tuple[str, str]]:
    """(path under samples/, what it exercises) for the README, without rendering anything."""
    out = [
        (f"scans/{s.name}.{'png' if s.fmt.startswith('png') else 'jpg'}",
         f"invoice `{s.invoice}` scanned: {s.exercises}")
        for s in SCANS
    ]  # fmt: skip
    for name in ("kimlik_01", "kimlik_02"):
        out.append((f"id/{name}_front.jpg", "T.C. Kimlik Kartı front, 500 dpi"))
        out.append((f"id/{name}_back.jpg", "T.C. Kimlik Kartı back: TD1 MRZ with TCKN"))
    out.append(("id/pasaport_01.jpg", "passport data page, TD3 MRZ, TCKN as personal number"))
    out.append(("id/nufus_cuzdani_01.jpg", "old nüfus cüzdanı: labels left of values, no MRZ"))
    for side in ("front", "back"):
        out.append(
            (f"photos/kimlik_03_{side}_photo.jpg",
             f"phone photo of a card {side}: perspective, shadow, table")
        )  # fmt: skip
    out.append(("photos/pasaport_02_photo.jpg", "phone photo of a passport page"))
    out += [
        (f"photos/{p.name}.jpg", f"phone photo of invoice `{p.invoice}`: {p.exercises}")
        for p in INVOICE_PHOTOS
    ]
    out.append(("photos/no_document.jpg", "a table and no document: must end in needs_review"))
    return out


def generate_images(invoice_files: dict[str, bytes], seed: int) -> dict[str, bytes]:
    """Relative path → bytes of every raster sample (scans need the invoice PDFs)."""
    files = dict(invoice_files)
    scans(files, seed)
    identity(files, seed)
    photos(files, seed)
    return {k: v for k, v in files.items() if k not in invoice_files}


def scans(files: dict[str, bytes], seed: int) -> None:
    for s in SCANS:
        rng = random.Random(f"{seed}/{s.name}")
        grey = s.degrade(scan.rasterise(files[f"invoices/{s.invoice}.pdf"], s.dpi), rng)
        ext = "png" if s.fmt.startswith("png") else "jpg"
        files[f"scans/{s.name}.{ext}"] = scan.encode(grey, s.fmt, s.dpi, quality=75)
        files[f"scans/{s.name}.truth.json"] = files[f"invoices/{s.invoice}.truth.json"]


def identity(files: dict[str, bytes], seed: int) -> None:
    for name in ("kimlik_01", "kimlik_02"):
        p = random_person(random.Random(f"{seed}/{name}"))
        files[f"id/{name}_front.jpg"] = _jpeg_rgb(card_front(p), 500)
        files[f"id/{name}_front.truth.json"] = _truth_bytes(truth("id_card", p, FRONT, []))
        files[f"id/{name}_back.jpg"] = _jpeg_rgb(card_back(p), 500)
        files[f"id/{name}_back.truth.json"] = _truth_bytes(truth("id_card", p, BACK, td1(p)))
    p = random_person(random.Random(f"{seed}/pasaport_01"), passport=True)
    files["id/pasaport_01.jpg"] = _jpeg_rgb(passport_page(p), 400)
    files["id/pasaport_01.truth.json"] = _truth_bytes(truth("passport", p, PASSPORT, td3(p)))
    p = random_person(random.Random(f"{seed}/nufus_cuzdani_01"), booklet=True)
    files["id/nufus_cuzdani_01.jpg"] = _jpeg_rgb(nufus_cuzdani(p), 400)
    files["id/nufus_cuzdani_01.truth.json"] = _truth_bytes(truth("id_card", p, CUZDAN, []))


def photos(files: dict[str, bytes], seed: int) -> None:
    for name, side in (("kimlik_03_front_photo", "front"), ("kimlik_03_back_photo", "back")):
        p = random_person(random.Random(f"{seed}/kimlik_03"))
        rng = random.Random(f"{seed}/{name}")
        card = card_front(p, 400) if side == "front" else card_back(p, 400)
        files[f"photos/{name}.jpg"] = _jpeg_rgb(photograph(card, rng, fill=0.8), None)
        fields = FRONT if side == "front" else BACK
        lines = td1(p) if side == "back" else []
        files[f"photos/{name}.truth.json"] = _truth_bytes(truth("id_card", p, fields, lines))
    p = random_person(random.Random(f"{seed}/pasaport_02"), passport=True)
    rng = random.Random(f"{seed}/pasaport_02_photo")
    files["photos/pasaport_02_photo.jpg"] = _jpeg_rgb(
        photograph(passport_page(p, 300), rng, 0.85), None
    )
    files["photos/pasaport_02_photo.truth.json"] = _truth_bytes(
        truth("passport", p, PASSPORT, td3(p))
    )
    rng = random.Random(f"{seed}/no_document")
    files["photos/no_document.jpg"] = _jpeg_rgb(table(rng), None)
    invoice_photos(files, seed)


def invoice_photos(files: dict[str, bytes], seed: int) -> None:
    """Phone photos of printed invoices (rendered at 200 dpi, then photographed)."""
    for p in INVOICE_PHOTOS:
        rng = random.Random(f"{seed}/{p.name}")
        page = scan.rasterise_rgb(files[f"invoices/{p.invoice}.pdf"], 200)
        photo = photograph_page(page, rng, blur=p.blur, light=p.light)
        files[f"photos/{p.name}.jpg"] = _jpeg_rgb(photo, None, p.quality)
        files[f"photos/{p.name}.truth.json"] = files[f"invoices/{p.invoice}.truth.json"]
