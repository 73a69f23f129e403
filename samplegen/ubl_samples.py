"""The committed UBL-TR samples: XML twins, invoice-type variants and a GİB-style ZIP.

- ``xml/<name>.xml`` + truth: the twin of every e-Fatura/e-Arşiv sample in
  ``invoices/`` (same spec, so same ETTN; paper invoices have no XML).
- ``xml/<variant>.xml`` + truth: invoices the PDF plan does not draw (IADE,
  ISTISNA, IHRACKAYITLI, IHRACAT, an informational subtotal, an embedded print
  design), each its own invoice from rng ``SEED/ubl-<variant>``.
- ``xml/paket_01.zip``: what an integrator portal hands out: ``<number>.xml`` and
  ``<number>.pdf`` for a few of the invoices above, fixed timestamps so the bytes
  are stable.

Twins live in their own folder because a truth file pairs with one document.
"""

from __future__ import annotations

import io
import random
import zipfile
from datetime import timedelta

from samplegen.invoice_spec import InvoiceSpec, random_invoice_spec
from samplegen.plan import INVOICES
from samplegen.ubl import UblOptions, invoice_xml, ubl_truth_json

# A tiny, harmless print design for the sample that carries one (XSLT 1.0, no scripts).
SAMPLE_XSLT = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:inv="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:template match="/inv:Invoice">
    <html><head><meta charset="UTF-8"/><title>e-Fatura</title></head><body>
      <h1>e-FATURA</h1>
      <p>Fatura No: <xsl:value-of select="cbc:ID"/></p>
      <p>Fatura Tarihi: <xsl:value-of select="cbc:IssueDate"/></p>
      <p>ETTN: <xsl:value-of select="cbc:UUID"/></p>
      <table border="1">
        <tr><th>Mal Hizmet</th><th>Miktar</th><th>Tutar</th></tr>
        <xsl:for-each select="cac:InvoiceLine">
          <tr><td><xsl:value-of select="cac:Item/cbc:Name"/></td>
          <td><xsl:value-of select="cbc:InvoicedQuantity"/></td>
          <td><xsl:value-of select="cbc:LineExtensionAmount"/></td></tr>
        </xsl:for-each>
      </table>
      <p>Ödenecek Tutar: <xsl:value-of select="cac:LegalMonetaryTotal/cbc:PayableAmount"/></p>
    </body></html>
  </xsl:template>
</xsl:stylesheet>
""".encode()

# name → (spec overrides, options); drawn from rng "SEED/ubl-<name>".
VARIANTS: dict[str, tuple[dict[str, object], UblOptions]] = {
    "iade_01": (
        {"kind": "e-fatura", "withholding": False, "n_items": 2},
        UblOptions(invoice_type="IADE", profile="TEMELFATURA"),
    ),
    "istisna_01": (
        {"kind": "e-fatura", "withholding": False, "n_items": 3, "currency": "TRY"},
        UblOptions(invoice_type="ISTISNA", exemption_code="350", informational_subtotal=True),
    ),
    "ihrackayitli_01": (
        {"kind": "e-fatura", "withholding": False, "n_items": 2, "buyer_person": False},
        UblOptions(invoice_type="IHRACKAYITLI", profile="TICARIFATURA", exemption_code="701"),
    ),
    "ihracat_01": (
        {"kind": "e-fatura", "withholding": False, "currency": "EUR", "buyer_person": False},
        UblOptions(invoice_type="ISTISNA", profile="IHRACAT", exemption_code="301"),
    ),
    "tevkifat_01": (
        {"kind": "e-fatura", "withholding": "603", "discounts": True},
        UblOptions(profile="TICARIFATURA", xslt=SAMPLE_XSLT),
    ),
    "earsiv_xslt_01": (
        {"kind": "e-arsiv", "buyer_person": True, "discounts": True},
        UblOptions(xslt=SAMPLE_XSLT),
    ),
}
ZIP_MEMBERS = ("efatura_01", "efatura_02", "earsiv_01")
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def sample_spec(seed: int, name: str) -> InvoiceSpec:
    """The spec of planned sample ``name`` (drawn first from its rng, as ``make_invoice`` does)."""
    sample = next(s for s in INVOICES if s.name == name)
    return random_invoice_spec(random.Random(f"{seed}/{sample.name}"), **sample.overrides)


def variant(seed: int, name: str) -> tuple[InvoiceSpec, UblOptions]:
    overrides, options = VARIANTS[name]
    rng = random.Random(f"{seed}/ubl-{name}")
    spec = random_invoice_spec(rng, **overrides)  # type: ignore[arg-type]
    if options.invoice_type == "IADE":
        returned = spec.issue_date - timedelta(days=rng.randrange(3, 40))
        number = f"{spec.invoice_number[:3]}{returned.year}{rng.randrange(1, 40000):09d}"
        options = UblOptions(**{**options.__dict__, "billing_reference": (number, returned)})
    return spec, options


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def generate_ubl(seed: int, files: dict[str, bytes]) -> dict[str, bytes]:
    """``xml/`` files for the invoices in ``files`` (paths under ``samples/``)."""
    out: dict[str, bytes] = {}
    zip_entries: dict[str, bytes] = {}
    for sample in INVOICES:
        spec = sample_spec(seed, sample.name)
        if spec.kind == "paper":
            continue
        xml = invoice_xml(spec)
        out[f"xml/{sample.name}.xml"] = xml
        out[f"xml/{sample.name}.truth.json"] = ubl_truth_json(spec).encode("utf-8")
        if sample.name in ZIP_MEMBERS:
            zip_entries[f"{spec.invoice_number}.xml"] = xml
            zip_entries[f"{spec.invoice_number}.pdf"] = files[f"invoices/{sample.name}.pdf"]
    for name in VARIANTS:
        spec, options = variant(seed, name)
        out[f"xml/{name}.xml"] = invoice_xml(spec, options)
        out[f"xml/{name}.truth.json"] = ubl_truth_json(spec, options).encode("utf-8")
    out["xml/paket_01.zip"] = _zip(zip_entries)
    return out


def rows() -> list[tuple[str, str]]:
    """README rows: (path, what it exercises)."""
    out = [
        (
            "xml/<name>.xml",
            "UBL-TR 1.2 twin of each e-Fatura/e-Arşiv sample in `invoices/` "
            "(same ETTN; every field in its truth)",
        ),
    ]
    for name, (_overrides, options) in VARIANTS.items():
        what = [options.invoice_type or "SATIS/TEVKIFAT", options.profile or "by kind"]
        if options.exemption_code:
            what.append(f"exemption {options.exemption_code}")
        if options.informational_subtotal:
            what.append("informational subtotal (CalculationSequenceNumeric -1)")
        if options.xslt:
            what.append("embedded XSLT print design")
        out.append((f"xml/{name}.xml", ", ".join(what)))
    out.append(
        (
            "xml/paket_01.zip",
            "integrator ZIP: " + ", ".join(ZIP_MEMBERS) + " as `<number>.xml` + `<number>.pdf`",
        )
    )
    return out


__all__ = ["SAMPLE_XSLT", "VARIANTS", "generate_ubl", "rows", "sample_spec", "variant"]
