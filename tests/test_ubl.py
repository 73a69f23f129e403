"""UBL-TR XML: hostile XML refused in one line, the ubl engine reads every field from the XML."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pymupdf
import pytest
from lxml import etree

from docpipe.errors import InputError, TooLargeError, UnsafeFileError, UnsupportedFormatError
from docpipe.extract.ubl.invoice import withholding_ratio
from docpipe.ingest import ingest
from docpipe.ingest.ubl import NS, parse_ubl
from docpipe.pipeline import Pipeline
from docpipe.settings import Settings, load_settings
from tests.conftest import SAMPLES
from tests.hostile import BILLION_LAUGHS, XXE

XML_DIR = SAMPLES / "xml"
XINCLUDE = b"""<?xml version="1.0"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="/etc/passwd" parse="text"/></Invoice>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice SYSTEM "http://example.invalid/invoice.dtd">
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>
"""
DESPATCH = b"""<?xml version="1.0"?>
<DespatchAdvice xmlns="urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2"/>
"""


@pytest.fixture(scope="module")
def nostore() -> Settings:
    return load_settings(store_results=False)


@pytest.fixture(scope="module")
def pipeline(nostore: Settings):
    with Pipeline(nostore) as pipe:
        yield pipe


def _deep(depth: int) -> bytes:
    inner = "<a>" * depth + "</a>" * depth
    ns = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    return f'<?xml version="1.0"?><Invoice xmlns="{ns}">{inner}</Invoice>'.encode()


@pytest.mark.parametrize(
    ("data", "error", "needle"),
    [
        (XXE, UnsafeFileError, "XXE"),
        (BILLION_LAUGHS, UnsafeFileError, "entity"),
        (EXTERNAL_DTD, UnsafeFileError, "DTD"),
        (XINCLUDE, UnsafeFileError, "XInclude"),
        (_deep(200), UnsafeFileError, "ubl_max_depth"),
        (DESPATCH, UnsupportedFormatError, "e-İrsaliye"),
        (b"<?xml version='1.0'?><Invoice", InputError, "not well-formed"),
        (b"<?xml version='1.0'?><order/>", UnsupportedFormatError, "not a UBL-TR invoice"),
    ],
)
def test_hostile_or_foreign_xml_is_one_line_input_error(
    data: bytes, error: type[Exception], needle: str, nostore: Settings
) -> None:
    with pytest.raises(error) as caught:
        parse_ubl(data, nostore)
    message = str(caught.value)
    assert needle in message and "\n" not in message
    assert "passwd" not in message and "lol" not in message


def test_xml_over_the_size_limit_is_refused_before_parsing() -> None:
    small = load_settings(store_results=False, ubl_max_bytes=1000)
    with pytest.raises(TooLargeError, match="ubl_max_bytes"):
        parse_ubl((XML_DIR / "efatura_01.xml").read_bytes(), small)


@pytest.mark.parametrize("data", [XXE, BILLION_LAUGHS, XINCLUDE])
def test_hostile_xml_through_the_pipeline_fails_with_one_line(
    data: bytes, tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "fatura.xml"
    path.write_bytes(data)
    result = pipeline.process(path)
    assert result.status.value == "failed" and result.error is not None
    assert result.error.stage == "ingest" and "\n" not in result.error.reason


def _extract(pipeline: Pipeline, path: Path) -> dict:
    result = pipeline.process(path)
    assert result.engine == "ubl" and result.doc_type == "invoice"
    assert result.record is not None
    return {"result": result, **result.record}


def test_xml_is_read_by_the_ubl_engine_with_element_evidence(pipeline: Pipeline) -> None:
    out = _extract(pipeline, XML_DIR / "efatura_01.xml")
    result = out["result"]
    assert result.status.value == "ok"
    evidence = result.evidence["line_items.1.amount"]
    assert evidence.engine == "ubl" and evidence.confidence == 1.0
    assert evidence.element == "/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount"
    assert evidence.bbox is None and evidence.page is None
    assert result.evidence["seller.vkn"].element.endswith(
        "cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification[1]/cbc:ID"
    )
    assert any(c.name == "ubl_totals" and c.passed for c in result.checks)


def test_engine_rules_still_reads_xml_with_ubl(tmp_path: Path) -> None:
    with Pipeline(load_settings(store_results=False, engine="rules")) as pipe:
        result = pipe.process(XML_DIR / "earsiv_01.xml")
    assert result.engine == "ubl" and result.status.value == "ok"


def test_return_invoice_keeps_its_billing_reference(pipeline: Pipeline) -> None:
    out = _extract(pipeline, XML_DIR / "iade_01.xml")
    assert out["invoice_type"] == "IADE"
    assert out["billing_reference"] and out["billing_reference_date"]


def test_exemption_codes_at_line_and_document_level(pipeline: Pipeline) -> None:
    out = _extract(pipeline, XML_DIR / "ihrackayitli_01.xml")
    assert out["invoice_type"] == "IHRACKAYITLI" and out["profile"] == "TICARIFATURA"
    assert out["kdv"][0]["exemption_code"] == "701" and out["kdv"][0]["exemption_reason"]
    assert {line["exemption_code"] for line in out["line_items"]} == {"701"}
    assert Decimal(out["kdv_total"]) == 0


def test_informational_subtotal_is_never_summed(pipeline: Pipeline) -> None:
    root = etree.parse(str(XML_DIR / "istisna_01.xml")).getroot()
    informational = root.xpath(
        "cac:TaxTotal/cac:TaxSubtotal[cbc:CalculationSequenceNumeric='-1']", namespaces=NS
    )
    assert informational and Decimal(informational[0].findtext("cbc:TaxAmount", namespaces=NS))
    out = _extract(pipeline, XML_DIR / "istisna_01.xml")
    assert [row["rate"] for row in out["kdv"]] == ["0"]
    assert Decimal(out["kdv_total"]) == 0
    assert out["result"].status.value == "ok"


def test_withholding_percent_is_an_integer_ratio(pipeline: Pipeline) -> None:
    out = _extract(pipeline, XML_DIR / "tevkifat_01.xml")
    assert out["invoice_type"] == "TEVKIFAT"
    assert out["withholding"]["code"] == "603" and out["withholding"]["rate"] == "7/10"
    assert withholding_ratio(Decimal("50")) == "5/10"
    assert withholding_ratio(Decimal("25")) == "25/100"


def test_export_invoice_currency_rate_and_person_names(pipeline: Pipeline) -> None:
    out = _extract(pipeline, XML_DIR / "ihracat_01.xml")
    assert out["profile"] == "IHRACAT" and out["currency"] == "EUR"
    assert Decimal(out["exchange_rate"]) > 30
    truth = json.loads((XML_DIR / "ihracat_01.truth.json").read_text(encoding="utf-8"))["fields"]
    assert out["buyer"]["vkn"] == truth["buyer.vkn"] != "1460415308"  # not the customs VKN
    person = _extract(pipeline, XML_DIR / "earsiv_01.xml")
    assert person["buyer"]["tckn"] and len(person["buyer"]["name"].split()) >= 2


def _rewrite(src: Path, dst: Path, change) -> Path:
    tree = etree.parse(str(src))
    change(tree.getroot())
    dst.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    return dst


def test_inconsistent_totals_lower_confidence_and_need_review(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    def bump(root: etree._Element) -> None:
        payable = root.find("cac:LegalMonetaryTotal/cbc:PayableAmount", NS)
        payable.text = str(Decimal(payable.text) + 1)

    result = pipeline.process(_rewrite(XML_DIR / "efatura_02.xml", tmp_path / "x.xml", bump))
    assert result.status.value == "needs_review"
    check = next(c for c in result.checks if c.name == "ubl_totals")
    assert not check.passed and "PayableAmount" in check.reason
    assert result.evidence["payable_amount"].confidence == 0.5
    assert result.evidence["invoice_number"].confidence == 1.0


def test_document_level_allowance_counts_in_the_totals(tmp_path: Path, pipeline: Pipeline) -> None:
    def allowance(root: etree._Element) -> None:
        totals = root.find("cac:LegalMonetaryTotal", NS)
        cbc, cac = "{" + NS["cbc"] + "}", "{" + NS["cac"] + "}"
        ac = etree.Element(f"{cac}AllowanceCharge")
        etree.SubElement(ac, f"{cbc}ChargeIndicator").text = "false"
        etree.SubElement(ac, f"{cbc}Amount", currencyID="TRY").text = "10.00"
        root.find("cac:TaxTotal", NS).addprevious(ac)
        for name in ("TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
            el = totals.find(f"cbc:{name}", NS)
            el.text = f"{Decimal(el.text) - 10:.2f}"
        totals.find("cbc:AllowanceTotalAmount", NS).text = "10.00"
        for note in root.findall("cbc:Note", NS):  # the words said the amount before it
            if (note.text or "").casefold().startswith("yalnız"):
                root.remove(note)

    result = pipeline.process(_rewrite(XML_DIR / "efatura_02.xml", tmp_path / "a.xml", allowance))
    assert result.status.value == "ok", [c for c in result.checks if not c.passed]
    assert result.record["discount_total"] == "10.00"


def test_pdf_with_xml_attachment_is_read_from_the_attachment(
    tmp_path: Path, pipeline: Pipeline, nostore: Settings
) -> None:
    pdf = pymupdf.open(SAMPLES / "invoices" / "efatura_03.pdf")
    pdf.embfile_add("efatura_03.xml", (XML_DIR / "efatura_03.xml").read_bytes())
    path = tmp_path / "attached.pdf"
    pdf.save(path)
    doc = ingest(path, nostore)
    assert doc.ubl is not None and doc.page_count == 1
    from_pdf = pipeline.process(path)
    from_xml = pipeline.process(XML_DIR / "efatura_03.xml")
    assert from_pdf.engine == "ubl" and from_pdf.record == from_xml.record


def test_pdf_with_a_hostile_attachment_fails(tmp_path: Path, pipeline: Pipeline) -> None:
    pdf = pymupdf.open(SAMPLES / "invoices" / "efatura_03.pdf")
    pdf.embfile_add("fatura.xml", XXE)
    path = tmp_path / "hostile.pdf"
    pdf.save(path)
    result = pipeline.process(path)
    assert result.status.value == "failed" and "XML attachment" in result.error.reason


def test_embedded_xslt_is_kept_on_the_document(nostore: Settings) -> None:
    doc = ingest(XML_DIR / "tevkifat_01.xml", nostore)
    assert doc.ubl is not None and doc.ubl.xslt is not None
    assert b"xsl:stylesheet" in doc.ubl.xslt
    plain = ingest(XML_DIR / "efatura_01.xml", nostore)
    assert plain.ubl is not None and plain.ubl.xslt is None
    assert doc.ubl.ettn == doc.ubl.root.findtext("cbc:UUID", namespaces=NS).lower()


_XSL_HEAD = (
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
    ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


def _with_design(tmp_path: Path, design: bytes) -> bytes:
    from samplegen.ubl import UblOptions, invoice_xml
    from samplegen.ubl_samples import variant

    spec, _options = variant(1923, "tevkifat_01")
    return invoice_xml(spec, UblOptions(xslt=design))


def test_preview_renders_the_embedded_design_to_pdf(nostore: Settings) -> None:
    from docpipe.preview import render_preview

    pdf = pymupdf.open(stream=render_preview((XML_DIR / "tevkifat_01.xml").read_bytes(), nostore))
    text = pdf[0].get_text()
    number = (
        etree.parse(str(XML_DIR / "tevkifat_01.xml")).getroot().findtext("cbc:ID", namespaces=NS)
    )
    assert "e-FATURA" in text and number in text


@pytest.mark.parametrize(
    "body",
    [
        '<xsl:template match="/"><x><xsl:copy-of select="document(\'/etc/passwd\')"/></x>'
        "</xsl:template>",
        '<xsl:include href="/etc/passwd"/>',
        '<xsl:template match="/"><x><xsl:copy-of select="document(\'http://127.0.0.1:9/x\')"/>'
        "</x></xsl:template>",
    ],
)
def test_preview_denies_files_and_network(tmp_path: Path, nostore: Settings, body: str) -> None:
    from docpipe.preview import render_preview

    xml = _with_design(tmp_path, (_XSL_HEAD + body + "</xsl:stylesheet>").encode())
    with pytest.raises(InputError) as caught:
        render_preview(xml, nostore)
    assert "denied" in str(caught.value) and "root:" not in str(caught.value)


def test_preview_refuses_a_design_with_entities(tmp_path: Path, nostore: Settings) -> None:
    from docpipe.preview import render_preview

    design = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + _XSL_HEAD.encode()
    design += b'<xsl:template match="/"><x>&e;</x></xsl:template></xsl:stylesheet>'
    with pytest.raises(UnsafeFileError):
        render_preview(_with_design(tmp_path, design), nostore)


def test_pipeline_never_runs_the_embedded_xslt(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the pipeline ran an embedded XSLT")

    monkeypatch.setattr(etree, "XSLT", refuse)
    result = pipeline.process(XML_DIR / "tevkifat_01.xml")
    assert result.status.value == "ok" and result.engine == "ubl"


# An invoice written the way GİB's own examples and many integrators write it: no address
# lines, the person buyer in PartyName too, a zero allowance, Percent in TaxCategory, ÖTV
# beside KDV, the withholding only on the line, a prepaid amount and amounts without decimals.
FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
 <cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>TR1.2</cbc:CustomizationID>
 <cbc:ProfileID>TICARIFATURA</cbc:ProfileID><cbc:ID>ABC2024000000123</cbc:ID>
 <cbc:UUID>F47AC10B-58CC-4372-A567-0E02B2C3D479</cbc:UUID><cbc:IssueDate>2024-03-15</cbc:IssueDate>
 <cbc:InvoiceTypeCode>TEVKIFAT</cbc:InvoiceTypeCode>
 <cbc:Note>Gönderim şekli: ELEKTRONIK</cbc:Note><cbc:Note>YALNIZ: #ÜçBinİkiYüz TL#</cbc:Note>
 <cbc:DocumentCurrencyCode>TRY</cbc:DocumentCurrencyCode>
 <cac:AccountingSupplierParty><cac:Party>
  <cac:PartyIdentification><cbc:ID schemeID="VKN">1234567890</cbc:ID></cac:PartyIdentification>
  <cac:PartyIdentification><cbc:ID schemeID="TICARETSICILNO">123456</cbc:ID>
  </cac:PartyIdentification>
  <cac:PartyName><cbc:Name>Deneme Temizlik A.Ş.</cbc:Name></cac:PartyName>
  <cac:PostalAddress><cbc:StreetName>Atatürk Cad.</cbc:StreetName>
   <cbc:BuildingNumber>12</cbc:BuildingNumber>
   <cbc:CitySubdivisionName>Çankaya</cbc:CitySubdivisionName><cbc:CityName>Ankara</cbc:CityName>
   <cbc:PostalZone>06100</cbc:PostalZone><cac:Country><cbc:Name>Türkiye</cbc:Name></cac:Country></cac:PostalAddress>
  <cac:PartyTaxScheme><cac:TaxScheme><cbc:Name>Çankaya</cbc:Name></cac:TaxScheme></cac:PartyTaxScheme>
 </cac:Party></cac:AccountingSupplierParty>
 <cac:AccountingCustomerParty><cac:Party>
  <cac:PartyIdentification><cbc:ID>10000000146</cbc:ID></cac:PartyIdentification>
  <cac:PartyName><cbc:Name>Ayşe Yılmaz</cbc:Name></cac:PartyName>
  <cac:PostalAddress><cbc:CityName>İzmir</cbc:CityName><cac:Country><cbc:Name>Türkiye</cbc:Name></cac:Country></cac:PostalAddress>
  <cac:Person><cbc:FirstName>Ayşe</cbc:FirstName><cbc:FamilyName>Yılmaz</cbc:FamilyName></cac:Person>
 </cac:Party></cac:AccountingCustomerParty>
 <cac:TaxTotal><cbc:TaxAmount currencyID="TRY">700</cbc:TaxAmount>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="TRY">2500</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="TRY">500</cbc:TaxAmount>
   <cac:TaxCategory><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:Name>KDV GERCEK</cbc:Name>
   <cbc:TaxTypeCode>0015</cbc:TaxTypeCode></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
  <cac:TaxSubtotal><cbc:TaxableAmount currencyID="TRY">2000</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="TRY">200</cbc:TaxAmount><cbc:Percent>10</cbc:Percent>
   <cac:TaxCategory><cac:TaxScheme><cbc:Name>ÖTV</cbc:Name><cbc:TaxTypeCode>0071</cbc:TaxTypeCode>
   </cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
 <cac:LegalMonetaryTotal><cbc:LineExtensionAmount currencyID="TRY">2000</cbc:LineExtensionAmount>
  <cbc:TaxExclusiveAmount currencyID="TRY">2000</cbc:TaxExclusiveAmount>
  <cbc:TaxInclusiveAmount currencyID="TRY">2700</cbc:TaxInclusiveAmount>
  <cbc:PrepaidAmount currencyID="TRY">100</cbc:PrepaidAmount>
  <cbc:PayableAmount currencyID="TRY">2150</cbc:PayableAmount></cac:LegalMonetaryTotal>
 <cac:InvoiceLine><cbc:ID>1</cbc:ID><cbc:InvoicedQuantity unitCode="HUR">20</cbc:InvoicedQuantity>
  <cbc:LineExtensionAmount currencyID="TRY">2000</cbc:LineExtensionAmount>
  <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>
   <cbc:Amount currencyID="TRY">0</cbc:Amount></cac:AllowanceCharge>
  <cac:TaxTotal><cbc:TaxAmount currencyID="TRY">500</cbc:TaxAmount><cac:TaxSubtotal>
   <cbc:TaxableAmount currencyID="TRY">2500</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="TRY">500</cbc:TaxAmount>
   <cac:TaxCategory><cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:TaxTypeCode>0015</cbc:TaxTypeCode>
   </cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
  <cac:WithholdingTaxTotal><cbc:TaxAmount currencyID="TRY">450</cbc:TaxAmount><cac:TaxSubtotal>
   <cbc:TaxableAmount currencyID="TRY">500</cbc:TaxableAmount>
   <cbc:TaxAmount currencyID="TRY">450</cbc:TaxAmount>
   <cbc:Percent>90</cbc:Percent><cac:TaxCategory><cac:TaxScheme>
   <cbc:Name>Temizlik hizmeti</cbc:Name>
   <cbc:TaxTypeCode>612</cbc:TaxTypeCode></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
  </cac:WithholdingTaxTotal>
  <cac:Item><cbc:Description>Ofis temizliği</cbc:Description><cbc:Name/></cac:Item>
  <cac:Price><cbc:PriceAmount currencyID="TRY">100</cbc:PriceAmount></cac:Price></cac:InvoiceLine>
</Invoice>
"""


def test_an_invoice_written_another_way(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "foreign.xml"
    path.write_text(FOREIGN, encoding="utf-8")
    result = pipeline.process(path)
    record = result.record
    assert record["seller"]["address"] == "Atatürk Cad. No: 12 06100 Çankaya/Ankara"
    assert record["buyer"] == {"name": "Ayşe Yılmaz", "tckn": "10000000146", "address": "İzmir"}
    assert record["seller"]["tax_office"] == "Çankaya" and "mersis" not in record["seller"]
    line = record["line_items"][0]
    assert (line["description"], line["unit"], line["discount"]) == (
        "Ofis temizliği",
        "Saat",
        "0.00",
    )
    assert line["kdv_rate"] == "20" and line["unit_price"] == "100"
    assert [(k["rate"], k["amount"]) for k in record["kdv"]] == [("20", "500")]  # ÖTV left out
    assert record["kdv_total"] == "500"
    assert record["withholding"] == {"code": "612", "rate": "9/10", "amount": "450"}
    assert record["amount_in_words"] == "YALNIZ: #ÜçBinİkiYüz TL#"
    assert record["notes"] == "Gönderim şekli: ELEKTRONIK"
    check = next(c for c in result.checks if c.name == "ubl_totals")
    assert check.passed, check.reason  # ÖTV and the prepaid amount counted in the totals


def test_gib_rules_on_type_and_profile(tmp_path: Path, pipeline: Pipeline) -> None:
    def unknown_profile_and_return_without_reference(root: etree._Element) -> None:
        root.find("cbc:ProfileID", NS).text = "UYDURMAFATURA"
        ref = root.find("cac:BillingReference", NS)
        ref.getparent().remove(ref)

    path = _rewrite(
        XML_DIR / "iade_01.xml", tmp_path / "i.xml", unknown_profile_and_return_without_reference
    )
    result = pipeline.process(path)
    failed = {c.name for c in result.checks if not c.passed}
    assert {"ubl_profile", "billing_reference"} <= failed
    assert result.status.value == "needs_review"
    ok = pipeline.process(XML_DIR / "ihrackayitli_01.xml")
    names = {c.name: c.passed for c in ok.checks}
    assert names["exemption_code"] and names["ubl_invoice_type"] and names["ubl_profile"]
