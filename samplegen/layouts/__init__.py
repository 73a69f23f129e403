"""Invoice layouts: each draws an ``InvoiceSpec`` as a PDF with a real text layer.

``LAYOUTS`` maps a layout name to its renderer; ``render_invoice`` picks the
cosmetic choices (font family, number and date formats) from ``rng`` and
calls it. Every layout prints every value the spec holds, so the ground truth
(``samplegen.truth.invoice_truth``) does not depend on the layout.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from samplegen.canvas import MissingGlyphError
from samplegen.formats import DATE_STYLES, Formats, random_formats
from samplegen.invoice_spec import InvoiceSpec
from samplegen.layouts import bilingual, erp, gib, integrator, matbu

Renderer = Callable[[InvoiceSpec, random.Random, Formats, str], bytes]

LAYOUTS: dict[str, Renderer] = {
    "gib": gib.render,
    "integrator": integrator.render,
    "erp": erp.render,
}
# Families made to attack the rules' assumptions (issue 13); no committed sample uses them.
VARIANT_LAYOUTS: dict[str, Renderer] = {
    "matbu": matbu.render,
    "bilingual": bilingual.render,
}
ALL_LAYOUTS: dict[str, Renderer] = {**LAYOUTS, **VARIANT_LAYOUTS}
# what each variant family prints: a matbu form is a paper invoice (no ETTN, no profile)
LAYOUT_PINS: dict[str, dict[str, object]] = {"matbu": {"kind": "paper"}}
# Layout families the rules are tuned on, and those held out of all tuning (measured only).
TUNE_LAYOUTS = ("gib", "integrator", "erp", "matbu")
HELD_OUT_LAYOUTS = ("bilingual",)
# date formats each family tends to use
_DATE_STYLES = {
    "gib": ("dash", "dash", "dot"),
    "integrator": ("dot", "dot", "slash", "dash"),
    "erp": DATE_STYLES,
    "matbu": ("dot", "dot", "slash"),
    "bilingual": ("dot", "slash", "long"),
}
FAMILIES = ("noto", "noto", "fira", "ubuntu")


def render_invoice(spec: InvoiceSpec, layout: str, rng: random.Random) -> bytes:
    """Draw ``spec`` with layout ``layout`` (one of ``LAYOUTS``); returns PDF bytes."""
    try:
        renderer = ALL_LAYOUTS[layout]
    except KeyError:
        raise ValueError(f"unknown layout {layout!r}; one of {sorted(ALL_LAYOUTS)}") from None
    fmt = random_formats(rng, spec.currency, date_styles=_DATE_STYLES[layout])
    family = rng.choice(FAMILIES)
    state = rng.getstate()
    try:
        return renderer(spec, rng, fmt, family)
    except MissingGlyphError:
        rng.setstate(state)
        return renderer(spec, rng, fmt, "noto")
