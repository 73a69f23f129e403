"""Write a split of the design corpus: PDFs, scans and photos, each with its truth.

Layout under the output folder (``docpipe eval`` groups by the parent folder)::

    <split>/digital/<design>/<design>_NN.pdf        + .truth.json
    <split>/scan/<design>/<design>_NN_scan.jpg|png  + .truth.json (same truth)
    <split>/photo/<design>/<design>_NN_photo.jpg    + .truth.json (same truth)
    <split>/ubl/<design>/<design>_NN.xml            the UBL-TR input of an xslt design

Document ``i`` of design ``d`` draws everything from ``random.Random(f"{seed}/{d}/{i}")``,
so one document does not depend on how many others are made.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pymupdf
from lxml import html as lxml_html

from samplegen import scan
from samplegen.designs import faults
from samplegen.designs.cache import stylesheet
from samplegen.designs.catalog import Design
from samplegen.designs.forms import Twists, draw_twists, render_form
from samplegen.designs.items import (
    ItemText,
    draw_reason,
    draw_style,
    fill_items,
    printed_description,
)
from samplegen.designs.render import Chromium, transform
from samplegen.designs.truth import printed_truth
from samplegen.invoice_spec import InvoiceSpec, random_invoice_spec
from samplegen.photo import EFFECTS, phone_photo, photograph_page
from samplegen.truth import invoice_truth

# the fields a clean invoice needs for docpipe to be able to say `ok`
_CORE = ("invoice_number", "issue_date", "total_with_taxes", "line_items.0.amount")


@dataclass(frozen=True)
class Made:
    name: str
    design: Design
    pdf: bytes
    truth: dict[str, Any]
    xml: bytes | None
    pages: int


def _ubl() -> tuple[Callable[..., bytes], Callable[..., dict[str, Any]]]:
    try:
        from samplegen.ubl import invoice_xml, ubl_truth
    except ImportError as exc:  # the writer lands on its own branch
        raise RuntimeError("samplegen.ubl (the UBL-TR writer) is not available") from exc
    return invoice_xml, ubl_truth


def hard_pins(design: Design, rng: random.Random) -> dict[str, object]:
    """Content that attacks the rules' assumptions, drawn from ``rng`` (``--hard``): many
    lines, discounts, several KDV rates, tevkifat, a foreign currency with its exchange
    rate, long descriptions, and the print variations (short prices, cell breaks, …)."""
    withholding = rng.random() < 0.3
    pins: dict[str, object] = {
        "n_items": rng.choice((2, 3) if withholding else (5, 8, 12, 16)),
        "withholding": withholding,
        "currency": rng.choice(("TRY", "TRY", "EUR", "USD")),
        "long_descriptions": rng.random() < 0.7,
        "attack": True,
    }
    # typed-in stationery carries line discounts less often (an "İskonto" column or row)
    pins["discounts"] = rng.random() < (0.8 if "paper" not in design.kinds else 0.5)
    if not withholding:
        pins["kdv_rates"] = rng.choice(((1, 10, 20), (10, 20), (1, 20), (20,), (1, 10)))
    return pins


def draw_spec(design: Design, rng: random.Random, **pins: object) -> InvoiceSpec:
    kind = rng.choice(design.kinds)
    if kind == "paper":  # stationery forms carry no line discounts, unless --hard draws them
        return random_invoice_spec(rng, kind=kind, **{"discounts": False, **pins})
    return random_invoice_spec(rng, kind=kind, **pins)


def cells_of(html: str) -> list[list[str]]:
    """Each innermost table row of ``html`` as its cells' text (when no browser showed
    them)."""
    root = lxml_html.fromstring(html)
    for el in root.xpath("//head|//script|//style"):
        el.drop_tree()
    return [
        [re.sub(r"\s+", " ", " ".join(td.itertext())).strip() for td in tr.xpath("./td|./th")]
        for tr in root.iter("tr")
        if not tr.xpath(".//tr")
    ]


def with_printed_items(
    truth: dict[str, Any], items: list[ItemText], cells: list[list[str]], style: str
) -> dict[str, Any]:
    """``truth`` whose line descriptions are the item text as the page's rows print it
    (the sender's ``style`` recorded beside it); a line whose text no cell shows keeps
    the spec's text, which the printed truth then drops."""
    fields = dict(truth["fields"])
    for i, item in enumerate(items):
        printed = printed_description(item, cells)
        if printed and f"line_items.{i}.description" in fields:
            fields[f"line_items.{i}.description"] = printed
    return {**truth, "fields": fields, "sender_items": style}


def _expect(truth: dict[str, Any]) -> dict[str, Any]:
    fields = truth["fields"]
    party = any(k in fields for k in ("seller.vkn", "seller.tckn"))
    if party and all(k in fields for k in _CORE):
        truth["expect_status"] = "ok"  # a clean invoice: nothing planted
    return truth


def make_document(
    design: Design, index: int, seed: int, browser: Chromium, hard: bool = False
) -> Made:
    rng = random.Random(f"{seed}/{design.key}/{index}" + ("/hard" if hard else ""))
    pins = hard_pins(design, rng) if hard else {}
    spec = draw_spec(design, rng, **pins)
    return _print(design, spec, rng, f"{design.key}_{index:02d}", browser, hard)


def make_faulty(
    design: Design, index: int, seed: int, browser: Chromium, hard: bool = False
) -> Made | None:
    """Document ``index`` of the planted-fault set: fault kind ``index`` mod the kinds, on
    a spec of its own (no withholding, so one relation breaks); None when the spec cannot
    carry the fault or the design does not print what would show it."""
    kind = faults.KINDS[(index - 1) % len(faults.KINDS)]
    rng = random.Random(f"{seed}/{design.key}/fault/{index}" + ("/hard" if hard else ""))
    pins = hard_pins(design, rng) if hard else {}
    pins["withholding"] = False
    pins.pop("kdv_rates", None)
    spec = faults.plant(draw_spec(design, rng, **pins), kind, rng, attack=hard)
    if spec is None:
        return None
    made = _print(design, spec, rng, f"{design.key}_{index:02d}_{kind}", browser, hard)
    if not faults.seen(made.truth, kind):
        return None
    made.truth["expect_status"] = "needs_review"
    made.truth["fault"] = faults.EXPECT[kind].as_truth(kind)
    return made


def _print(design: Design, spec: InvoiceSpec, rng: random.Random, name: str,
           browser: Chromium, hard: bool = False) -> Made:  # fmt: skip
    xml, items, style = None, [], ""
    if design.family == "xslt":
        invoice_xml, ubl_truth = _ubl()
        style = draw_style(rng)
        xml, items = fill_items(invoice_xml(spec), style, rng, draw_reason(rng))
        # how the sender fills the tax summary: Percent's decimals or none, the scheme's name
        from samplegen.ubl import draw_tax_print, restyle_taxes

        xml = restyle_taxes(xml, draw_tax_print(rng))
        html = transform(stylesheet(design), xml)
        base = ubl_truth(spec)
    else:
        twists = draw_twists(rng, spec) if hard else Twists()
        spec = twists.applied(spec)
        html = render_form(design.key, spec, rng, twists)
        base = invoice_truth(spec)
    pdf = browser.pdf(html)
    if xml is not None:
        cells = browser.cells if browser.cells is not None else cells_of(html)
        base = with_printed_items(base, items, cells, style)
    truth = _expect(printed_truth(base, design, pdf, html, browser.rows))
    with pymupdf.open(stream=pdf) as doc:
        pages = doc.page_count
    return Made(name, design, pdf, truth, xml, pages)


def scan_draw(rng: random.Random) -> tuple[str, int, float]:
    """A one-sheet scan's first draws: its effect, its dpi and its tilt in degrees."""
    choice = rng.choice(("tilt_noise", "blur", "fax", "low_contrast"))
    dpi = rng.choice((200, 250, 300))
    if choice == "fax":  # a fax machine scans at its own 200 dpi, whatever the office's scanner
        dpi = 200
    return choice, dpi, rng.uniform(-2.5, 2.5)


def _scan(pdf: bytes, rng: random.Random) -> tuple[bytes, str]:
    choice, dpi, tilt = scan_draw(rng)
    grey = scan.rasterise(pdf, dpi)
    grey = scan.rotate(grey, tilt)
    if choice == "tilt_noise":
        grey = scan.noise(grey, rng, rng.uniform(6, 14))
    elif choice == "blur":
        grey = scan.blur(grey, rng.uniform(0.8, 1.3))
    elif choice == "fax":
        return scan.encode(scan.fax(grey, rng), "png1", dpi), "png"
    else:  # a pale, washed-out copy
        grey = (np.clip(grey.astype(np.float32) * 0.45 + 135, 0, 255)).astype(np.uint8)
    return scan.encode(grey, "jpg", dpi, quality=rng.choice((70, 80, 90))), "jpg"


def fax_draw(rng: random.Random, pages: int) -> tuple[str, int, int]:
    """A faxed TIFF's first draws: its mode, which sheet was fed turned and by how much."""
    return rng.choice(("fine", "standard")), rng.randrange(pages), rng.choice((0, 90, 180))


def drawn_scan_effects(name: str, seed: int, pages: int) -> str:
    """What document ``name``'s scan drew under ``seed``, replayed the way ``files_of``
    draws it (no page is rendered): e.g. 'fax 200dpi tilt-1.8' or 'tiff standard 2p
    turned180', so an evaluation can group the scans' losses by effect."""
    rng = random.Random(f"{seed}/{name}/variants")
    if pages > 1:
        mode, turned, turn = fax_draw(rng, pages)
        return f"tiff {mode} {pages}p" + (f" sheet{turned + 1}-turned{turn}" if turn else "")
    choice, dpi, tilt = scan_draw(rng)
    return f"{choice} {dpi}dpi tilt{tilt:+.1f}"


def _fax_tiff(pdf: bytes, pages: int, rng: random.Random) -> bytes:
    """A document of several sheets faxed or fed through a sheet scanner into one
    multi-page 1-bit TIFF: fine or standard fax resolution, each sheet tilted a little,
    and sometimes one fed upside down or sideways (a landscape feed)."""
    mode, turned, turn = fax_draw(rng, pages)
    sheets = []
    for number in range(pages):
        grey = scan.rotate(scan.rasterise(pdf, scan.FAX_DPI, number), rng.uniform(-1.5, 1.5))
        if number == turned and turn:
            grey = cv2.rotate(grey, cv2.ROTATE_180 if turn == 180 else cv2.ROTATE_90_CLOCKWISE)
        sheets.append(scan.fax_sampled(grey, rng, mode))
    return scan.tiff_pages(sheets, (scan.FAX_DPI, scan.FAX_LINES[mode]))


#: how often each of ``phone_photo``'s effects is drawn for a corpus photo
_EFFECT_SHARE = 0.3


def photo_effects(rng: random.Random) -> tuple[str, ...]:
    """The ``phone_photo`` effects of one corpus photo, each drawn on its own."""
    return tuple(e for e in EFFECTS if rng.random() < _EFFECT_SHARE)


def drawn_photo_effects(pdf: bytes, name: str, seed: int) -> tuple[str, ...]:
    """The ``phone_photo`` effects that document ``name``'s photo drew under ``seed``
    (empty: a plain ``photograph_page``), replayed from its PDF the way ``files_of``
    draws them (the scan first, from the same rng), so an evaluation can group the
    photos' losses by effect."""
    rng = random.Random(f"{seed}/{name}/variants")
    _scan(pdf, rng)
    return photo_effects(rng)


def photo(pdf: bytes, rng: random.Random) -> bytes:
    """A phone photo of the page: ``photograph_page``'s perspective, shadow and focus blur,
    or (nearly nine photos in ten) ``phone_photo`` with effects drawn from the seed (curl,
    clutter, a margin cut off, motion blur, a messenger's resolution, warm light), so
    tuning sees what people's photos do to a page and not only one clean kind."""
    page = scan.rasterise_rgb(pdf, 200)
    effects = photo_effects(rng)
    if not effects:
        image = photograph_page(page, rng, blur=rng.choice((0.0, 0.5, 0.8)),
                                light=rng.choice(("side", "hand")))  # fmt: skip
    else:
        image = phone_photo(page, rng, effects)
        if "motion" not in effects and rng.random() < 0.5:  # out of focus as well
            image = cv2.GaussianBlur(image, (0, 0), rng.choice((0.5, 0.8)))
    return scan.encode(image, "jpg", 0, quality=rng.choice((75, 85)))


def _truth_bytes(truth: dict[str, Any]) -> bytes:
    return (json.dumps(truth, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def files_of(made: Made, split: str, variants: bool, seed: int) -> Iterator[tuple[str, bytes]]:
    """(relative path, bytes) of one document and, if asked, its scan and photo."""
    d, name, truth = made.design.key, made.name, _truth_bytes(made.truth)
    yield f"{split}/digital/{d}/{name}.pdf", made.pdf
    yield f"{split}/digital/{d}/{name}.truth.json", truth
    if made.xml is not None:
        yield f"{split}/ubl/{d}/{name}.xml", made.xml
    if variants and made.pages > 1:  # several sheets: faxed into one multi-page TIFF
        rng = random.Random(f"{seed}/{name}/variants")
        yield f"{split}/scan/{d}/{name}_fax.tif", _fax_tiff(made.pdf, made.pages, rng)
        yield f"{split}/scan/{d}/{name}_fax.truth.json", truth
    if variants and made.pages == 1:  # a scan or photo is of one sheet
        rng = random.Random(f"{seed}/{name}/variants")
        image, ext = _scan(made.pdf, rng)
        yield f"{split}/scan/{d}/{name}_scan.{ext}", image
        yield f"{split}/scan/{d}/{name}_scan.truth.json", truth
        yield f"{split}/photo/{d}/{name}_photo.jpg", photo(made.pdf, rng)
        yield f"{split}/photo/{d}/{name}_photo.truth.json", truth


def _write(out: Path, files: Iterator[tuple[str, bytes]]) -> None:
    for rel, data in files:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_corpus(
    out: Path, designs: list[Design], per_design: int, seed: int, variants: int,
    planted: int = 0, hard: bool = False,
) -> Iterator[str]:  # fmt: skip
    """Make ``per_design`` documents of each design under ``out``, and ``planted``
    documents with a planted fault under ``<split>/faults/``; yields one line each."""
    with Chromium() as browser:
        for design in designs:
            for i in range(1, per_design + 1):
                made = make_document(design, i, seed, browser, hard)
                _write(out, files_of(made, design.split, i <= variants, seed))
                dropped = len(made.truth.get("dropped", []))
                yield (f"{design.split}/{design.key}/{made.name}: {made.pages} page(s), "
                       f"{len(made.truth['fields'])} fields, {dropped} not printed")  # fmt: skip
            for i in range(1, planted + 1):
                faulty = make_faulty(design, i, seed, browser, hard)
                if faulty is None:
                    yield f"{design.split}/{design.key}: fault {i} not printable on this design"
                    continue
                d, name = design.key, faulty.name
                _write(out, iter([
                    (f"{design.split}/faults/{d}/{name}.pdf", faulty.pdf),
                    (f"{design.split}/faults/{d}/{name}.truth.json", _truth_bytes(faulty.truth)),
                ]))  # fmt: skip
                yield f"{design.split}/faults/{d}/{name}: planted"


# The committed tuning subset (samples/designs/): tune designs only, and only designs
# that print no third party's own company details (logos and addresses of the firms
# whose templates these were stay out of the repository).
SAMPLES: tuple[tuple[str, int], ...] = (
    ("gib_default", 1),
    ("omerdinc", 2),
    ("matbu_a4", 1),
    ("bilingual", 1),
)
SAMPLES_SEED = 1923


def write_samples(out: Path, designs: dict[str, Design]) -> Iterator[str]:
    """The committed subset: ``<design>_NN.pdf`` + truth, flat under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with Chromium() as browser:
        for key, index in SAMPLES:
            design = designs[key]
            if design.split != "tune":
                raise ValueError(f"{key} is held out: it cannot be a committed sample")
            made = make_document(design, index, SAMPLES_SEED, browser)
            (out / f"{made.name}.pdf").write_bytes(made.pdf)
            (out / f"{made.name}.truth.json").write_bytes(_truth_bytes(made.truth))
            not_printed = ", ".join(f"`{p}`" for p in made.truth.get("dropped", [])) or "none"
            rows.append(
                f"| `{made.name}.pdf` | {design.title} | {made.pages} | "
                f"`{SAMPLES_SEED}/{key}/{index}` | {not_printed} |"
            )
            yield f"{made.name}: {len(made.truth['fields'])} fields"
    (out / "README.md").write_text(
        "# Print-design samples\n\n"
        "A small tuning subset of the design corpus (`samplegen/designs/README.md`), made by "
        "`python -m samplegen.designs samples` (Chromium PDFs carry a creation date, so the "
        "bytes differ run to run; the truth does not). Tune designs only: the held-out "
        "designs never appear here. Truth files list under `dropped` the fields the design "
        "does not print (not scored).\n\n"
        "| File | Design | Pages | rng | Not printed |\n|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
