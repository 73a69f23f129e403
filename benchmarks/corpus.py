"""Benchmark corpora written on the fly: digital invoices and multi-page scans.

    python benchmarks/corpus.py invoices OUT --n 200
    python benchmarks/corpus.py small OUT --n 1000
    python benchmarks/corpus.py scans OUT --pages 4

``invoices``: ``n`` text-layer invoice PDFs drawn by ``samplegen`` from seeds
``bench/<layout>/<i>``, over the layout families the rules are tuned on (the
held-out family is never used for timing either, so no one reads its failures
here), e-invoices with their GİB karekod stamped on page 1 as ``samplegen`` stamps
the committed samples; every file is a different invoice, so every hash differs.
``small``: ``n`` one-page paper invoices of a dozen lines, all different (the worker
memory benchmark). ``scans``: one multi-page TIFF of the committed scan samples at 300 dpi (what a
back office's scanner hands over), plus the single pages, for ``run_scans.py``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from samplegen.invoice_spec import random_invoice_spec  # noqa: E402
from samplegen.karekod import stamp  # noqa: E402
from samplegen.layouts import LAYOUT_PINS, TUNE_LAYOUTS, render_invoice  # noqa: E402

SCANS = ROOT / "samples" / "scans"


def write_invoices(out: Path, n: int, *, start: int = 0) -> list[Path]:
    """``n`` different digital invoices under ``out`` (PDF, real text layer)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        layout = TUNE_LAYOUTS[i % len(TUNE_LAYOUTS)]
        rng = random.Random(f"bench/{layout}/{i}")
        spec = random_invoice_spec(rng, **LAYOUT_PINS.get(layout, {}))
        path = out / f"{layout}-{i:04d}.pdf"
        if not path.exists():
            path.write_bytes(stamp(render_invoice(spec, layout, rng), spec))
        paths.append(path)
    return paths


def write_small(out: Path, n: int) -> list[Path]:
    """``n`` small one-page paper invoices (a text layer, a dozen lines), each with its own
    number, date, buyer id and amount: different bytes, different invoices, so none
    ends ``duplicate`` and every one goes through extraction, redaction and the store."""
    import pymupdf

    out.mkdir(parents=True, exist_ok=True)
    font = pymupdf.Font("notos")
    paths = []
    for i in range(n):
        path = out / f"small-{i:05d}.pdf"
        paths.append(path)
        if path.exists():
            continue
        amount = 100 + (i * 37) % 9000
        lines = [
            "Fatura",
            "ÇINAR KIRTASİYE LTD. ŞTİ.",
            "Cumhuriyet Mah. Lale Sok. No:3 Kadıköy/İSTANBUL",
            "Vergi Dairesi: Kadıköy",
            "VKN: 4540536920",
            "",
            "SAYIN",
            "Ayşe Yılmaz",
            f"Fatura No: ABC2024{i:09d}",
            f"Fatura Tarihi: {1 + i % 28:02d}.{1 + i % 12:02d}.2024",
            f"Mal Hizmet Toplam Tutarı: {amount},00 TL",
            f"Hesaplanan KDV (%20): {amount // 5},00 TL",
            f"Ödenecek Tutar: {amount + amount // 5},00 TL",
        ]
        doc = pymupdf.open()
        page = doc.new_page()
        writer = pymupdf.TextWriter(page.rect)
        for row, line in enumerate(lines):
            writer.append((50, 60 + 14 * row), line, font=font, fontsize=10)
        writer.write_text(page)
        path.write_bytes(doc.tobytes(garbage=4, deflate=True))
    return paths


def scan_pages() -> list[Path]:
    """The committed scan samples (one page each)."""
    return sorted(p for p in SCANS.iterdir() if p.suffix.lower() in {".png", ".jpg", ".jpeg"})


def at_300_dpi(image: Image.Image) -> Image.Image:
    """The page in grey at 300 dpi, resampled from the resolution it was saved with."""
    dpi = float(image.info.get("dpi", (300, 300))[0]) or 300.0
    grey = image.convert("L")
    if abs(dpi - 300) < 1:
        return grey
    scale = 300 / dpi
    size = (round(grey.width * scale), round(grey.height * scale))
    return grey.resize(size, Image.Resampling.LANCZOS)


def write_scan_tiff(out: Path, pages: int) -> Path:
    """One multi-page TIFF of ``pages`` scanned pages (the samples, cycled), 300 dpi.

    A TIFF written here carries one resolution for all its pages, so a sample scanned
    at another resolution is resampled to 300 dpi first: labelled 300 dpi as it was, a
    200 dpi A4 page measured under 6 inches and was read as a card-sized page.
    """
    out.mkdir(parents=True, exist_ok=True)
    sources = scan_pages()
    images = [at_300_dpi(Image.open(sources[i % len(sources)])) for i in range(pages)]
    path = out / f"scan-{pages}p.tif"
    images[0].save(
        path, save_all=True, append_images=images[1:], compression="tiff_lzw", dpi=(300, 300)
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["invoices", "small", "scans"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--pages", type=int, default=4)
    args = parser.parse_args()
    if args.kind == "invoices":
        print(f"{len(write_invoices(args.out, args.n))} invoices under {args.out}")
    elif args.kind == "small":
        print(f"{len(write_small(args.out, args.n))} small invoices under {args.out}")
    else:
        print(write_scan_tiff(args.out, args.pages))


if __name__ == "__main__":
    main()
