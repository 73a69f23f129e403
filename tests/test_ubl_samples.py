"""samplegen's UBL-TR writer: every twin and variant is valid UBL 2.1, committed bytes match."""

from __future__ import annotations

import io
import json
import random
import zipfile
from decimal import Decimal

import pytest
from lxml import etree

from samplegen.build import generate
from samplegen.invoice_spec import random_invoice_spec
from samplegen.plan import DEFAULT_SEED
from samplegen.ubl import UblOptions, address_text, invoice_xml, split_address
from samplegen.ubl_samples import VARIANTS, generate_ubl
from tests.conftest import SAMPLES
from tests.ubl_xsd import ubl21_schema

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


@pytest.fixture(scope="module")
def ubl_files() -> dict[str, bytes]:
    return generate_ubl(DEFAULT_SEED, generate(DEFAULT_SEED))


def test_committed_xml_samples_are_what_samplegen_makes(ubl_files: dict[str, bytes]) -> None:
    drifted = [rel for rel, data in ubl_files.items() if (SAMPLES / rel).read_bytes() != data]
    assert drifted == [], "run: python -m samplegen"
    committed = {f"xml/{p.name}" for p in (SAMPLES / "xml").iterdir()}
    assert committed == set(ubl_files)


def test_every_xml_sample_is_valid_ubl21(ubl_files: dict[str, bytes]) -> None:
    schema = ubl21_schema()
    xmls = {rel: data for rel, data in ubl_files.items() if rel.endswith(".xml")}
    assert len(xmls) >= 10 + len(VARIANTS)
    for rel, data in xmls.items():
        doc = etree.fromstring(data)
        assert schema.validate(doc), f"{rel}: {schema.error_log.last_error}"
        assert doc.findtext("cbc:CustomizationID", namespaces=NS) == "TR1.2"
        assert doc.findtext("cbc:UBLVersionID", namespaces=NS) == "2.1"


@pytest.mark.parametrize("seed", range(40))
def test_fresh_specs_give_valid_consistent_xml(seed: int) -> None:
    """Held-out style draws: valid against the XSD and the XML's own totals add up."""
    schema = ubl21_schema()
    rng = random.Random(f"ubl-test/{seed}")
    spec = random_invoice_spec(rng, kind=rng.choice(("e-fatura", "e-arsiv")))
    doc = etree.fromstring(invoice_xml(spec))
    assert schema.validate(doc), schema.error_log.last_error

    def money(path: str) -> Decimal:
        return Decimal(doc.findtext(path, namespaces=NS))

    lines = sum(
        Decimal(x)
        for x in doc.xpath("cac:InvoiceLine/cbc:LineExtensionAmount/text()", namespaces=NS)
    )
    assert lines == money("cac:LegalMonetaryTotal/cbc:LineExtensionAmount")
    kdv = money("cac:TaxTotal/cbc:TaxAmount")
    subs = sum(
        Decimal(x)
        for x in doc.xpath("cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount/text()", namespaces=NS)
    )
    assert kdv == subs
    assert money("cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount") == lines + kdv
    withheld = doc.findtext("cac:WithholdingTaxTotal/cbc:TaxAmount", namespaces=NS)
    payable = money("cac:LegalMonetaryTotal/cbc:PayableAmount")
    assert payable == lines + kdv - Decimal(withheld or 0)
    if spec.withholding:
        percent = doc.findtext("cac:WithholdingTaxTotal/cac:TaxSubtotal/cbc:Percent", namespaces=NS)
        assert percent.isdigit()
        base = doc.findtext(
            "cac:WithholdingTaxTotal/cac:TaxSubtotal/cbc:TaxableAmount", namespaces=NS
        )
        assert Decimal(base) == kdv  # the withheld base is the KDV


def test_embedded_xslt_round_trips() -> None:
    spec = random_invoice_spec(random.Random("xslt"), kind="e-fatura")
    design = b"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'/>"
    doc = etree.fromstring(invoice_xml(spec, UblOptions(xslt=design)))
    ref = doc.find("cac:AdditionalDocumentReference", NS)
    assert ref.findtext("cbc:DocumentType", namespaces=NS) == "XSLT"
    import base64

    blob = ref.findtext("cac:Attachment/cbc:EmbeddedDocumentBinaryObject", namespaces=NS)
    assert base64.b64decode(blob) == design


def test_exempt_variant_carries_zero_kdv_and_code() -> None:
    spec = random_invoice_spec(random.Random("istisna"), kind="e-fatura", withholding=False)
    doc = etree.fromstring(
        invoice_xml(spec, UblOptions(invoice_type="ISTISNA", exemption_code="350"))
    )
    assert doc.findtext("cbc:InvoiceTypeCode", namespaces=NS) == "ISTISNA"
    assert doc.findtext("cac:TaxTotal/cbc:TaxAmount", namespaces=NS) == "0.00"
    codes = doc.xpath("//cac:TaxCategory/cbc:TaxExemptionReasonCode/text()", namespaces=NS)
    assert codes and set(codes) == {"350"}


def test_address_parts_rebuild_the_address() -> None:
    parts = split_address("Barış Mahallesi Yavuz Selim Sk. No 216 20018 Pamukkale/DENİZLİ")
    assert (parts.number, parts.postal, parts.district, parts.province) == (
        "216",
        "20018",
        "Pamukkale",
        "DENİZLİ",
    )
    assert address_text(parts) == "Barış Mahallesi Yavuz Selim Sk. No: 216 20018 Pamukkale/DENİZLİ"


def test_zip_sample_pairs_xml_with_pdf(ubl_files: dict[str, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(ubl_files["xml/paket_01.zip"])) as archive:
        names = archive.namelist()
    stems = {n.rsplit(".", 1)[0] for n in names}
    assert len(names) == 2 * len(stems) and len(stems) == 3


def test_truth_of_twins_keeps_the_pdf_ettn(ubl_files: dict[str, bytes]) -> None:
    for rel, data in ubl_files.items():
        if not rel.endswith(".truth.json") or not (SAMPLES / "invoices" / rel[4:]).exists():
            continue
        pdf_truth = json.loads((SAMPLES / "invoices" / rel[4:]).read_text(encoding="utf-8"))
        xml_truth = json.loads(data)
        assert xml_truth["fields"]["ettn"] == pdf_truth["fields"]["ettn"]
        assert xml_truth["fields"]["payable_amount"] == pdf_truth["fields"].get(
            "payable_amount", xml_truth["fields"]["payable_amount"]
        )
