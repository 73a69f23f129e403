"""The UBL-TR 1.2 XML twin of an invoice spec, and its ground truth.

``invoice_xml(spec)`` writes what an e-Fatura/e-Arşiv integrator would send to
GİB for the same invoice: UBL 2.1 ``Invoice`` with ``CustomizationID`` TR1.2,
profile and type, the ETTN as ``UUID``, parties (VKN/TCKN ``schemeID``, MERSİS,
tax office in ``PartyTaxScheme``, structured address), lines with their
discount as ``AllowanceCharge`` and KDV as ``TaxTotal``, one ``TaxSubtotal`` per
rate, KDV tevkifat as ``WithholdingTaxTotal`` (``Percent`` an integer, the
withheld base being the KDV), ``LegalMonetaryTotal``, ``PaymentMeans`` with the
IBAN, notes (the amount in words is a "Yalnız …" note, as GİB's portal writes
it) and, when given, the print design (XSLT) base64 in an
``AdditionalDocumentReference``. The element order follows the UBL 2.1 XSD;
``tests/test_ubl_samples.py`` validates every twin against it.

``UblOptions`` turns the same spec into the invoice types the PDF generator
does not draw (IADE with its ``BillingReference``, ISTISNA / IHRACKAYITLI with
exemption codes and KDV 0, IHRACAT, an informational tax subtotal with
``CalculationSequenceNumeric`` −1 that must never be summed).

``ubl_truth(spec, options)`` is the truth of the twin. The XML carries every
field, so every field is listed (not only the printed ones). Addresses are
written twice, as UBL's parts (street, building number, postcode, ilçe, il) and
as ``AddressLine``s holding the printed lines, so the truth's address is the
printed one; units are the names of the UN/ECE Rec. 20 codes the XML can hold.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import random
import re
import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from lxml import etree

from samplegen.fake import Party
from samplegen.invoice_spec import InvoiceSpec, KdvSpec, LineSpec, money
from samplegen.truth import amount, invoice_truth
from samplegen.words import amount_in_words

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NSMAP = {None: NS_INVOICE, "cac": NS_CAC, "cbc": NS_CBC}

# Printed unit → (UN/ECE Rec. 20 code as GİB's code list uses it, the name that code reads back as).
# Rec. 20 has no "night" or "trip": integrators send DAY and C62 for those.
UNIT_CODES: dict[str, tuple[str, str]] = {
    "Adet": ("C62", "Adet"),
    "Ay": ("MON", "Ay"),
    "Gece": ("DAY", "Gün"),
    "Kg": ("KGM", "Kg"),
    "Koli": ("CT", "Koli"),
    "Kova": ("BJ", "Kova"),
    "Lt": ("LTR", "Lt"),
    "M2": ("MTK", "M2"),
    "Metre": ("MTR", "Metre"),
    "Paket": ("PA", "Paket"),
    "Porsiyon": ("PTN", "Porsiyon"),
    "Saat": ("HUR", "Saat"),
    "Sefer": ("C62", "Adet"),
    "Set": ("SET", "Set"),
    "Ton": ("TNE", "Ton"),
    "Çuval": ("SA", "Çuval"),
}
# GİB KDV exemption codes used by the variants (istisna kodları listesi).
EXEMPTIONS = {
    "301": "11/1-a Mal ihracatı",
    "350": "Diğerleri",
    "701": "3065 s. KDV Kanununun 11/1-c md. Kapsamındaki İhraç Kaydıyla Teslimler",
}
# IHRACAT / YOLCUBERABERFATURA: AccountingCustomerParty is the customs administration
# (GİB's fixed VKN), the real buyer goes into BuyerCustomerParty.
EXPORT_PROFILES = ("IHRACAT", "YOLCUBERABERFATURA")
CUSTOMS = Party(
    name="Gümrük ve Ticaret Bakanlığı Gümrükler Genel Müdürlüğü- Bilgi İşlem Dairesi Başkanlığı",
    is_person=False,
    vkn="1460415308",
    tckn=None,
    tax_office="Ulus",
    address_lines=("Üniversiteler Mahallesi Şehit Mustafa Tayip Sk. No: 5", "Çankaya/ANKARA"),
)
_ADDRESS = re.compile(
    r"^(?P<street>.+?)\s+No:?\s*(?P<number>\d.*?)\s+(?:(?P<postal>\d{5})\s+)?"
    r"(?P<district>[^\s/]+)\s*/?\s*(?P<province>[^\s/]+)$"
)


@dataclass(frozen=True)
class UblOptions:
    """What the twin adds to, or changes in, the spec (defaults: a plain twin)."""

    invoice_type: str | None = None  # None: the spec's (SATIS / TEVKIFAT)
    profile: str | None = None  # None: the spec's, else TEMELFATURA / EARSIVFATURA by kind
    billing_reference: tuple[str, date] | None = None  # IADE: the invoice it returns
    exemption_code: str | None = None  # ISTISNA / IHRACKAYITLI: all lines at KDV 0
    informational_subtotal: bool = False  # a TaxSubtotal with CalculationSequenceNumeric -1
    xslt: bytes | None = None  # print design embedded as AdditionalDocumentReference


@dataclass(frozen=True)
class Address:
    street: str
    number: str | None
    postal: str | None
    district: str | None
    province: str | None


def split_address(text: str) -> Address:
    """The printed address in UBL's parts (street, building number, postcode, ilçe, il)."""
    m = _ADDRESS.match(text)
    if not m:
        return Address(text, None, None, None, None)
    return Address(m["street"], m["number"].strip(), m["postal"], m["district"], m["province"])


def address_text(address: Address) -> str:
    """UBL address parts as one line: "<street> No: <n> <postcode> <ilçe>/<il>"."""
    parts = [address.street]
    if address.number:
        parts.append(f"No: {address.number}")
    if address.postal:
        parts.append(address.postal)
    place = "/".join(p for p in (address.district, address.province) if p)
    if place:
        parts.append(place)
    return " ".join(parts)


def apply_options(spec: InvoiceSpec, options: UblOptions) -> InvoiceSpec:
    """The spec the twin describes: exempt variants carry KDV 0 on every line."""
    profile = (
        options.profile
        or spec.profile
        or ("EARSIVFATURA" if spec.kind == "e-arsiv" else "TEMELFATURA")
    )
    invoice_type = options.invoice_type or spec.invoice_type or "SATIS"
    spec = dataclasses.replace(spec, profile=profile, invoice_type=invoice_type)
    if options.exemption_code is None:
        return spec
    if spec.withholding is not None:
        raise ValueError("an exempt (KDV 0) twin cannot carry KDV tevkifat")
    zero = Decimal(0)
    lines = tuple(
        dataclasses.replace(line, kdv_rate=zero, kdv_amount=Decimal("0.00")) for line in spec.lines
    )
    return dataclasses.replace(
        spec,
        lines=lines,
        kdv=(KdvSpec(rate=zero, base=spec.subtotal, amount=Decimal("0.00")),),
        kdv_total=Decimal("0.00"),
        total_with_taxes=spec.subtotal,
        payable_amount=spec.subtotal,
        # the words say the amount payable: without KDV, a smaller one
        amount_in_words=(
            amount_in_words(spec.subtotal, spec.currency) if spec.amount_in_words else None
        ),
    )


class _Writer:
    def __init__(self, spec: InvoiceSpec) -> None:
        self.currency = spec.currency
        self.withholding_spec = spec.withholding

    def cbc(self, parent: etree._Element, name: str, text: object, **attrs: str):
        el = etree.SubElement(parent, f"{{{NS_CBC}}}{name}", attrs)
        el.text = str(text)
        return el

    def cac(self, parent: etree._Element, name: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{NS_CAC}}}{name}")

    def money(self, parent: etree._Element, name: str, value: Decimal):
        return self.cbc(parent, name, amount(money(value)), currencyID=self.currency)

    def tax_scheme(self, parent: etree._Element, name: str, code: str) -> None:
        scheme = self.cac(parent, "TaxScheme")
        self.cbc(scheme, "Name", name)
        self.cbc(scheme, "TaxTypeCode", code)

    def party(self, parent: etree._Element, party: Party) -> None:
        el = self.cac(parent, "Party")
        if party.web:
            self.cbc(el, "WebsiteURI", party.web)
        ident = self.cac(el, "PartyIdentification")
        if party.vkn:
            self.cbc(ident, "ID", party.vkn, schemeID="VKN")
        else:
            self.cbc(ident, "ID", party.tckn or "", schemeID="TCKN")
        if party.mersis:
            self.cbc(self.cac(el, "PartyIdentification"), "ID", party.mersis, schemeID="MERSISNO")
        if not party.is_person:
            self.cbc(self.cac(el, "PartyName"), "Name", party.name)
        address = split_address(party.address)
        postal = self.cac(el, "PostalAddress")
        self.cbc(postal, "StreetName", address.street)
        if address.number:
            self.cbc(postal, "BuildingNumber", address.number)
        if address.district:
            self.cbc(postal, "CitySubdivisionName", address.district)
        if address.province:
            self.cbc(postal, "CityName", address.province)
        if address.postal:
            self.cbc(postal, "PostalZone", address.postal)
        for line in party.address_lines:  # the address as the sender writes it
            self.cbc(self.cac(postal, "AddressLine"), "Line", line)
        self.cbc(self.cac(postal, "Country"), "Name", "Türkiye")
        if party.tax_office:
            scheme = self.cac(self.cac(el, "PartyTaxScheme"), "TaxScheme")
            self.cbc(scheme, "Name", party.tax_office)
        if party.phone or party.fax or party.email:
            contact = self.cac(el, "Contact")
            if party.phone:
                self.cbc(contact, "Telephone", party.phone)
            if party.fax:
                self.cbc(contact, "Telefax", party.fax)
            if party.email:
                self.cbc(contact, "ElectronicMail", party.email)
        if party.is_person:
            first, _, family = party.name.rpartition(" ")
            person = self.cac(el, "Person")
            self.cbc(person, "FirstName", first or family)
            self.cbc(person, "FamilyName", family)

    def kdv_subtotal(
        self,
        parent: etree._Element,
        base: Decimal,
        tax: Decimal,
        rate: Decimal,
        exemption: str | None,
    ) -> None:
        sub = self.cac(parent, "TaxSubtotal")
        self.money(sub, "TaxableAmount", base)
        self.money(sub, "TaxAmount", tax)
        self.cbc(sub, "Percent", format(rate.normalize(), "f"))
        category = self.cac(sub, "TaxCategory")
        if exemption:
            self.cbc(category, "TaxExemptionReasonCode", exemption)
            self.cbc(category, "TaxExemptionReason", EXEMPTIONS.get(exemption, "İstisna"))
        self.tax_scheme(category, "KDV", "0015")

    def line(
        self,
        parent: etree._Element,
        index: int,
        line: LineSpec,
        spec: InvoiceSpec,
        exemption: str | None,
    ) -> None:
        el = self.cac(parent, "InvoiceLine")
        self.cbc(el, "ID", index + 1)
        code, _name = UNIT_CODES.get(line.unit, ("C62", "Adet"))
        self.cbc(el, "InvoicedQuantity", format(line.quantity.normalize(), "f"), unitCode=code)
        self.money(el, "LineExtensionAmount", line.amount)
        if line.discount:
            allowance = self.cac(el, "AllowanceCharge")
            self.cbc(allowance, "ChargeIndicator", "false")
            self.cbc(allowance, "AllowanceChargeReason", "İskonto")
            self.cbc(
                allowance,
                "MultiplierFactorNumeric",
                format((line.discount_rate / 100).normalize(), "f"),
            )
            self.money(allowance, "Amount", line.discount)
            self.money(allowance, "BaseAmount", line.gross)
        total = self.cac(el, "TaxTotal")
        self.money(total, "TaxAmount", line.kdv_amount)
        self.kdv_subtotal(total, line.amount, line.kdv_amount, line.kdv_rate, exemption)
        if spec.withholding is not None:
            w = spec.withholding
            share = money(line.kdv_amount * w.numerator / w.denominator)
            self.withholding(el, line.kdv_amount, share)
        item = self.cac(el, "Item")
        self.cbc(item, "Name", line.description)
        if line.code:
            self.cbc(self.cac(item, "SellersItemIdentification"), "ID", line.code)
        self.money(self.cac(el, "Price"), "PriceAmount", line.unit_price)

    def withholding(self, parent: etree._Element, base: Decimal, value: Decimal) -> None:
        w = self.withholding_spec
        assert w is not None
        total = self.cac(parent, "WithholdingTaxTotal")
        self.money(total, "TaxAmount", value)
        sub = self.cac(total, "TaxSubtotal")
        self.money(sub, "TaxableAmount", base)
        self.money(sub, "TaxAmount", value)
        self.cbc(sub, "Percent", str(w.numerator * 100 // w.denominator))
        category = self.cac(sub, "TaxCategory")
        self.tax_scheme(category, w.description, w.code)


@dataclass(frozen=True)
class TaxPrint:
    """How the sender's ERP fills the tax summary, which print designs show as it is:
    ``Percent`` as an integer ("20"), with decimals ("20.00", "20.0000") or, on the
    invoice's ``TaxSubtotal``, left out (UBL allows it: designs then print "(%)" or no
    rate); the KDV scheme's ``Name`` as ERPs write it (designs print "Hesaplanan <Name>
    (%20)"); the tevkifat subtotal's ``Percent`` the same ways and its scheme's name (the
    code list's description, or a generic "KDV TEVKİFAT"). Amounts never change."""

    percent: str = "int"  # "int" 20, "2dp" 20.00, "4dp" 20.0000, "none" (invoice level only)
    kdv_name: str = "KDV"
    withholding_percent: str = "int"  # as ``percent``
    withholding_name: str | None = None  # None: the code list's description


# the KDV scheme's name as ERPs fill it: GİB's code-list name (0015), short forms
KDV_SCHEME_NAMES = (
    "KDV", "KDV", "KDV", "Katma Değer Vergisi", "GERÇEK USULDE KATMA DEĞER VERGİSİ",
    "KDV GERCEK", "Gerçek Usulde KDV",
)  # fmt: skip
WITHHOLDING_SCHEME_NAMES = (None, None, "KDV TEVKİFAT", "KDV Tevkifatı")
PERCENT_STYLES = ("int", "int", "2dp", "2dp", "4dp", "none")


def draw_tax_print(rng: random.Random) -> TaxPrint:
    """A sender's way of filling the tax summary, drawn from ``rng``."""
    return TaxPrint(
        percent=rng.choice(PERCENT_STYLES),
        kdv_name=rng.choice(KDV_SCHEME_NAMES),
        withholding_percent=rng.choice(PERCENT_STYLES),
        withholding_name=rng.choice(WITHHOLDING_SCHEME_NAMES),
    )


def _percent_text(value: str, style: str) -> str:
    rate = Decimal(value)
    if style == "2dp":
        return format(rate.quantize(Decimal("0.01")), "f")
    if style == "4dp":
        return format(rate.quantize(Decimal("0.0001")), "f")
    return format(rate.normalize(), "f")


def _restyle_subtotal(sub: etree._Element, style: str, name: str | None, top: bool) -> None:
    percent = sub.find(f"{{{NS_CBC}}}Percent")
    if percent is not None and percent.text:
        if style == "none" and top:
            sub.remove(percent)
        else:
            percent.text = _percent_text(percent.text, style)
    scheme_name = sub.find(f"{{{NS_CAC}}}TaxCategory/{{{NS_CAC}}}TaxScheme/{{{NS_CBC}}}Name")
    if name is not None and scheme_name is not None:
        scheme_name.text = name


def restyle_taxes(xml: bytes, style: TaxPrint) -> bytes:
    """``xml`` (an ``invoice_xml``) with its tax summary filled the way ``style`` says:
    the invoice's and the lines' ``TaxTotal`` (KDV) and ``WithholdingTaxTotal``."""
    if style == TaxPrint():
        return xml
    root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    for parent in (root, *root.iterfind(f"{{{NS_CAC}}}InvoiceLine")):
        top = parent is root
        for sub in parent.iterfind(f"{{{NS_CAC}}}TaxTotal/{{{NS_CAC}}}TaxSubtotal"):
            if sub.find(f"{{{NS_CBC}}}CalculationSequenceNumeric") is None:
                _restyle_subtotal(sub, style.percent, style.kdv_name, top)
        for sub in parent.iterfind(f"{{{NS_CAC}}}WithholdingTaxTotal/{{{NS_CAC}}}TaxSubtotal"):
            _restyle_subtotal(sub, style.withholding_percent, style.withholding_name, top)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _ettn(spec: InvoiceSpec) -> str:
    # Paper invoices have none; a twin still needs a UUID (deterministic from the number).
    return spec.ettn or str(uuid.uuid5(uuid.NAMESPACE_URL, f"docpipe-sample/{spec.invoice_number}"))


def invoice_xml(spec: InvoiceSpec, options: UblOptions | None = None) -> bytes:
    """The UBL-TR 1.2 ``Invoice`` of ``spec`` as UTF-8 bytes with an XML declaration."""
    options = options or UblOptions()
    spec = apply_options(spec, options)
    w = _Writer(spec)
    root = etree.Element(f"{{{NS_INVOICE}}}Invoice", nsmap=NSMAP)
    w.cbc(root, "UBLVersionID", "2.1")
    w.cbc(root, "CustomizationID", "TR1.2")
    w.cbc(root, "ProfileID", spec.profile)
    w.cbc(root, "ID", spec.invoice_number)
    w.cbc(root, "CopyIndicator", "false")
    w.cbc(root, "UUID", _ettn(spec))
    w.cbc(root, "IssueDate", spec.issue_date.isoformat())
    if spec.issue_time:
        w.cbc(root, "IssueTime", spec.issue_time)
    w.cbc(root, "InvoiceTypeCode", spec.invoice_type)
    for note in spec.notes:
        w.cbc(root, "Note", note)
    if spec.amount_in_words:
        w.cbc(root, "Note", spec.amount_in_words)
    w.cbc(root, "DocumentCurrencyCode", spec.currency)
    if spec.exchange_rate is not None:
        w.cbc(root, "PricingCurrencyCode", spec.currency)
    w.cbc(root, "LineCountNumeric", len(spec.lines))
    if spec.order_number:
        order = w.cac(root, "OrderReference")
        w.cbc(order, "ID", spec.order_number)
        w.cbc(order, "IssueDate", spec.issue_date.isoformat())
    if options.billing_reference:
        number, issued = options.billing_reference
        ref = w.cac(w.cac(root, "BillingReference"), "InvoiceDocumentReference")
        w.cbc(ref, "ID", number)
        w.cbc(ref, "IssueDate", issued.isoformat())
        w.cbc(ref, "DocumentTypeCode", "IADE")
    if spec.despatch_number:
        despatch = w.cac(root, "DespatchDocumentReference")
        w.cbc(despatch, "ID", spec.despatch_number)
        w.cbc(despatch, "IssueDate", spec.issue_date.isoformat())
    if options.xslt is not None:
        ref = w.cac(root, "AdditionalDocumentReference")
        w.cbc(ref, "ID", _ettn(spec))
        w.cbc(ref, "IssueDate", spec.issue_date.isoformat())
        w.cbc(ref, "DocumentType", "XSLT")
        attachment = w.cac(ref, "Attachment")
        w.cbc(
            attachment,
            "EmbeddedDocumentBinaryObject",
            base64.b64encode(options.xslt).decode("ascii"),
            characterSetCode="UTF-8",
            encodingCode="Base64",
            filename=f"{spec.invoice_number}.xslt",
            mimeCode="application/xml",
        )
    signature = w.cac(root, "Signature")
    seller_id = spec.seller.vkn or spec.seller.tckn or ""
    w.cbc(signature, "ID", seller_id, schemeID="VKN_TCKN")
    signatory = w.cac(signature, "SignatoryParty")
    w.cbc(
        w.cac(signatory, "PartyIdentification"),
        "ID",
        seller_id,
        schemeID="VKN" if spec.seller.vkn else "TCKN",
    )
    w.cbc(
        w.cac(w.cac(signature, "DigitalSignatureAttachment"), "ExternalReference"),
        "URI",
        "#Signature",
    )
    w.party(w.cac(root, "AccountingSupplierParty"), spec.seller)
    if spec.profile in EXPORT_PROFILES:  # the customs administration is the customer
        w.party(w.cac(root, "AccountingCustomerParty"), CUSTOMS)
        w.party(w.cac(root, "BuyerCustomerParty"), spec.buyer)
    else:
        w.party(w.cac(root, "AccountingCustomerParty"), spec.buyer)
    if spec.iban or spec.due_date:
        means = w.cac(root, "PaymentMeans")
        w.cbc(means, "PaymentMeansCode", "42" if spec.iban else "1")
        if spec.due_date:
            w.cbc(means, "PaymentDueDate", spec.due_date.isoformat())
        if spec.iban:
            account = w.cac(means, "PayeeFinancialAccount")
            w.cbc(account, "ID", spec.iban)
            w.cbc(account, "CurrencyCode", spec.currency)
            if spec.bank_name:
                branch = w.cac(account, "FinancialInstitutionBranch")
                w.cbc(w.cac(branch, "FinancialInstitution"), "Name", spec.bank_name)
    if spec.exchange_rate is not None:
        rate = w.cac(root, "PricingExchangeRate")
        w.cbc(rate, "SourceCurrencyCode", spec.currency)
        w.cbc(rate, "TargetCurrencyCode", "TRY")
        w.cbc(rate, "CalculationRate", format(spec.exchange_rate, "f"))
        w.cbc(rate, "Date", spec.issue_date.isoformat())
    taxes = w.cac(root, "TaxTotal")
    w.money(taxes, "TaxAmount", spec.kdv_total)
    for kdv in spec.kdv:
        w.kdv_subtotal(taxes, kdv.base, kdv.amount, kdv.rate, options.exemption_code)
    if options.informational_subtotal:
        # Reported, not charged: e.g. the KDV an exempt delivery would have carried.
        sub = w.cac(taxes, "TaxSubtotal")
        w.money(sub, "TaxableAmount", spec.subtotal)
        w.money(sub, "TaxAmount", money(spec.subtotal * Decimal("0.20")))
        w.cbc(sub, "CalculationSequenceNumeric", "-1")
        w.cbc(sub, "Percent", "20")
        w.tax_scheme(w.cac(sub, "TaxCategory"), "KDV", "0015")
    if spec.withholding is not None:
        w.withholding(root, spec.withholding.base, spec.withholding.amount)
    totals = w.cac(root, "LegalMonetaryTotal")
    # ``subtotal_gross`` (drawn under ``attack``): the sender's ERP totals the lines before
    # their discounts ("Mal Hizmet Toplam Tutarı" then "Toplam İskonto"), as GİB's portal
    # prints it; the amount before taxes stays after the discounts. Designs that print both
    # show two subtotals that differ by the discount.
    w.money(totals, "LineExtensionAmount", spec.printed_subtotal)
    w.money(totals, "TaxExclusiveAmount", spec.subtotal)
    w.money(totals, "TaxInclusiveAmount", spec.total_with_taxes)
    w.money(totals, "AllowanceTotalAmount", spec.discount_total)
    w.money(totals, "PayableAmount", spec.payable_amount)
    for i, line in enumerate(spec.lines):
        w.line(root, i, line, spec, options.exemption_code)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def ubl_truth(spec: InvoiceSpec, options: UblOptions | None = None) -> dict[str, Any]:
    """Truth of ``invoice_xml(spec, options)``: every field the XML carries."""
    options = options or UblOptions()
    spec = apply_options(spec, options)
    shown = dataclasses.replace(
        spec,
        unit_mode="column",
        show_line_discount=True,
        show_line_kdv_rate=True,
        show_line_kdv_amount=True,
        show_discount_total=True,
        show_kdv_base=True,
        show_payable=True,
    )
    truth = invoice_truth(shown)
    fields = truth["fields"]
    fields["ettn"] = _ettn(spec)
    fields["kind"] = "e-arsiv" if spec.profile == "EARSIVFATURA" else "e-fatura"
    for i, line in enumerate(spec.lines):
        fields[f"line_items.{i}.unit"] = UNIT_CODES.get(line.unit, ("C62", "Adet"))[1]
    if spec.notes:
        fields["notes"] = "\n".join(spec.notes)
    if options.billing_reference:
        fields["billing_reference"] = options.billing_reference[0]
    if options.exemption_code:
        fields["kdv.0.exemption_code"] = options.exemption_code
        for i in range(len(spec.lines)):
            fields[f"line_items.{i}.exemption_code"] = options.exemption_code
    return truth


def ubl_truth_json(spec: InvoiceSpec, options: UblOptions | None = None) -> str:
    return json.dumps(ubl_truth(spec, options), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
