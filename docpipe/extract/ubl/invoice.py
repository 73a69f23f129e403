"""A UBL-TR ``Invoice`` element tree → the ``Invoice`` record's fields, each with its element.

Every value comes from one element; its evidence names that element's path
(``/Invoice/cac:InvoiceLine[2]/cbc:LineExtensionAmount``) instead of a box.
Nothing is inferred from layout or wording except the amount in words, which
GİB's portal and most integrators write as a "Yalnız …" note.

Tax subtotals with ``CalculationSequenceNumeric`` −1 are informational: they
are never turned into KDV rows nor summed. Only KDV (TaxTypeCode 0015) fills
``kdv``; other taxes (ÖTV, konaklama, …) count only in the totals check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from docpipe.extract.ubl.codes import BUYER_IN_BUYER_CUSTOMER_PARTY, KDV_TAX_TYPE, UNIT_NAMES
from docpipe.ingest.ubl import NS
from docpipe.validate.invoice import KDV_RATES

_PREFIX = {NS["cac"]: "cac", NS["cbc"]: "cbc"}
El = etree._Element


def element_path(el: El) -> str:
    """``/Invoice/cac:InvoiceLine[2]/cbc:ID``: prefixed names, an index where siblings repeat."""
    parts: list[str] = []
    node: El | None = el
    while node is not None:
        q = etree.QName(node)
        prefix = _PREFIX.get(q.namespace or "")
        name = f"{prefix}:{q.localname}" if prefix else q.localname
        parent = node.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == node.tag]
            if len(same) > 1:
                name += f"[{same.index(node) + 1}]"
        parts.append(name)
        node = parent
    return "/" + "/".join(reversed(parts))


def text(el: El | None) -> str | None:
    if el is None or el.text is None:
        return None
    value = " ".join(el.text.split())
    return value or None


def number(el: El | None) -> Decimal | None:
    value = text(el)
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


@dataclass
class Read:
    """Dotted path → (value, source element)."""

    values: dict[str, tuple[Any, El]] = field(default_factory=dict)

    def put(self, path: str, value: Any, el: El | None) -> None:
        if value is not None and el is not None and path not in self.values:
            self.values[path] = (value, el)

    def text(self, path: str, parent: El | None, xpath: str) -> None:
        el = parent.find(xpath, NS) if parent is not None else None
        self.put(path, text(el), el)

    def number(self, path: str, parent: El | None, xpath: str) -> None:
        el = parent.find(xpath, NS) if parent is not None else None
        self.put(path, number(el), el)


def _kdv_subtotals(total: El | None) -> list[El]:
    """KDV subtotals of a TaxTotal, informational ones (sequence −1) left out."""
    if total is None:
        return []
    out = []
    for sub in total.iterfind("cac:TaxSubtotal", NS):
        if text(sub.find("cbc:CalculationSequenceNumeric", NS)) in ("-1", "-1.0"):
            continue
        code = text(sub.find("cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode", NS))
        name = (text(sub.find("cac:TaxCategory/cac:TaxScheme/cbc:Name", NS)) or "").upper()
        if code == KDV_TAX_TYPE or (code is None and name in ("KDV", "KATMA DEĞER VERGİSİ")):
            out.append(sub)
    return out


def _party(read: Read, prefix: str, party: El | None) -> None:
    if party is None:
        return
    for ident in party.iterfind("cac:PartyIdentification/cbc:ID", NS):
        scheme = (ident.get("schemeID") or "").upper()
        value = text(ident)
        if value is None:
            continue
        digits = value.replace(" ", "")
        if scheme == "VKN" or (not scheme and len(digits) == 10):
            read.put(f"{prefix}.vkn", digits, ident)
        elif scheme == "TCKN" or (not scheme and len(digits) == 11):
            read.put(f"{prefix}.tckn", digits, ident)
        elif scheme in ("MERSISNO", "MERSIS"):
            read.put(f"{prefix}.mersis", digits, ident)
    read.text(f"{prefix}.name", party, "cac:PartyName/cbc:Name")
    person = party.find("cac:Person", NS)
    if person is not None:
        names = [
            text(person.find(f"cbc:{part}", NS))
            for part in ("FirstName", "MiddleName", "FamilyName")
        ]
        read.put(f"{prefix}.name", " ".join(n for n in names if n) or None, person)
    read.text(f"{prefix}.tax_office", party, "cac:PartyTaxScheme/cac:TaxScheme/cbc:Name")
    address = party.find("cac:PostalAddress", NS)
    if address is not None:
        read.put(f"{prefix}.address", address_text(address), address)
    read.text(f"{prefix}.phone", party, "cac:Contact/cbc:Telephone")
    read.text(f"{prefix}.email", party, "cac:Contact/cbc:ElectronicMail")


def address_text(address: El) -> str | None:
    """A UBL address as one line: its ``AddressLine``s (the sender's own wording) when it
    has them, else the parts as "<street> No: <n> <postcode> <ilçe>/<il>"."""
    lines = [text(el) for el in address.iterfind("cac:AddressLine/cbc:Line", NS)]
    if any(lines):
        return " ".join(ln for ln in lines if ln)

    def part(name: str) -> str | None:
        return text(address.find(f"cbc:{name}", NS))

    pieces = [part("Room"), part("StreetName"), part("AdditionalStreetName"), part("BlockName")]
    pieces += [part("BuildingName")]
    out = [p for p in pieces if p]
    building = part("BuildingNumber")
    if building:
        out.append(building if building[:1].isalpha() else f"No: {building}")
    if part("PostalZone"):
        out.append(part("PostalZone"))  # type: ignore[arg-type]
    place = "/".join(p for p in (part("CitySubdivisionName"), part("CityName")) if p)
    if place:
        out.append(place)
    return " ".join(out) or None


def _line(read: Read, index: int, line: El) -> None:
    p = f"line_items.{index}."
    item = line.find("cac:Item", NS)
    read.text(p + "description", item, "cbc:Name")
    read.text(p + "description", item, "cbc:Description")
    quantity = line.find("cbc:InvoicedQuantity", NS)
    read.put(p + "quantity", number(quantity), quantity)
    if quantity is not None and quantity.get("unitCode"):
        code = quantity.get("unitCode", "").strip()
        read.put(p + "unit", UNIT_NAMES.get(code.upper(), code), quantity)
    read.number(p + "unit_price", line, "cac:Price/cbc:PriceAmount")
    allowances = [
        (a, number(a.find("cbc:Amount", NS))) for a in line.iterfind("cac:AllowanceCharge", NS)
    ]
    discount = Decimal("0.00")
    for a, value in allowances:
        charge = (text(a.find("cbc:ChargeIndicator", NS)) or "false").lower() == "true"
        discount += -(value or 0) if charge else (value or 0)
    read.put(p + "discount", discount, allowances[0][0] if allowances else line)
    subtotals = _kdv_subtotals(line.find("cac:TaxTotal", NS))
    if subtotals:
        sub = subtotals[0]
        read.number(p + "kdv_rate", sub, "cbc:Percent")
        read.number(p + "kdv_rate", sub, "cac:TaxCategory/cbc:Percent")
        read.number(p + "kdv_amount", sub, "cbc:TaxAmount")
        read.text(p + "exemption_code", sub, "cac:TaxCategory/cbc:TaxExemptionReasonCode")
    read.number(p + "amount", line, "cbc:LineExtensionAmount")


def _rate_of_amounts(sub: El) -> Decimal | None:
    """A KDV subtotal's rate where the sender left ``Percent`` out (UBL allows it): the
    one legal rate at which its taxable amount gives its tax amount to the kuruş."""
    base = number(sub.find("cbc:TaxableAmount", NS))
    tax = number(sub.find("cbc:TaxAmount", NS))
    if not base or tax is None:
        return None
    fits = [r for r in KDV_RATES if abs(base * r / 100 - tax) <= Decimal("0.01")]
    return fits[0] if len(fits) == 1 else None


def _document_kdv(read: Read, root: El) -> None:
    rows: dict[Decimal, list[El]] = {}
    for total in root.iterfind("cac:TaxTotal", NS):
        for sub in _kdv_subtotals(total):
            rate = number(sub.find("cbc:Percent", NS))
            if rate is None:
                rate = number(sub.find("cac:TaxCategory/cbc:Percent", NS))
            if rate is None:
                rate = _rate_of_amounts(sub)
            if rate is not None:
                rows.setdefault(rate, []).append(sub)
    kdv_total = Decimal(0)
    for i, rate in enumerate(sorted(rows)):
        subs = rows[rate]
        base = sum(
            (number(s.find("cbc:TaxableAmount", NS)) or Decimal(0) for s in subs), Decimal(0)
        )
        amount = sum((number(s.find("cbc:TaxAmount", NS)) or Decimal(0) for s in subs), Decimal(0))
        kdv_total += amount
        percent = subs[0].find("cbc:Percent", NS)
        read.put(f"kdv.{i}.rate", rate, percent if percent is not None else subs[0])
        read.put(f"kdv.{i}.base", base, subs[0].find("cbc:TaxableAmount", NS))
        read.put(f"kdv.{i}.amount", amount, subs[0].find("cbc:TaxAmount", NS))
        read.text(f"kdv.{i}.exemption_code", subs[0], "cac:TaxCategory/cbc:TaxExemptionReasonCode")
        read.text(f"kdv.{i}.exemption_reason", subs[0], "cac:TaxCategory/cbc:TaxExemptionReason")
    if rows:
        first_total = root.find("cac:TaxTotal", NS)
        read.put(
            "kdv_total",
            kdv_total,
            first_total.find("cbc:TaxAmount", NS) if first_total is not None else None,
        )


def withholding_ratio(percent: Decimal) -> str:
    """GİB tevkifat Percent (an integer: 50, 70, 90) as the printed ratio ("5/10")."""
    if percent == percent.to_integral_value() and int(percent) % 10 == 0:
        return f"{int(percent) // 10}/10"
    return f"{percent.normalize():f}/100"


def _withholding(read: Read, root: El) -> None:
    doc_level = root.find("cac:WithholdingTaxTotal", NS)
    if doc_level is not None:
        read.number("withholding.amount", doc_level, "cbc:TaxAmount")
        sub = doc_level.find("cac:TaxSubtotal", NS)
    else:
        lines = root.findall("cac:InvoiceLine/cac:WithholdingTaxTotal", NS)
        if not lines:
            return
        amount = sum((number(t.find("cbc:TaxAmount", NS)) or Decimal(0) for t in lines), Decimal(0))
        read.put("withholding.amount", amount, lines[0].find("cbc:TaxAmount", NS))
        sub = lines[0].find("cac:TaxSubtotal", NS)
    if sub is None:
        return
    read.text("withholding.code", sub, "cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode")
    percent_el = sub.find("cbc:Percent", NS)
    percent = number(percent_el)
    if percent is not None:
        read.put("withholding.rate", withholding_ratio(percent), percent_el)


def _notes(read: Read, root: El) -> None:
    notes = []
    for note in root.iterfind("cbc:Note", NS):
        value = (note.text or "").strip()
        if not value:
            continue
        if value.upper().startswith("YALNIZ"):
            read.put("amount_in_words", " ".join(value.split()), note)
        else:
            notes.append((value, note))
    if notes:
        read.put("notes", "\n".join(v for v, _ in notes)[:2000], notes[0][1])


def read_invoice(root: El) -> Read:
    """Every Invoice field the XML holds, with the element it came from."""
    read = Read()
    profile = text(root.find("cbc:ProfileID", NS))
    profile_el = root.find("cbc:ProfileID", NS)
    if profile is not None:
        read.put("kind", "e-arsiv" if profile.upper() == "EARSIVFATURA" else "e-fatura", profile_el)
        read.put("profile", profile.upper(), profile_el)
    read.text("invoice_number", root, "cbc:ID")
    uuid_el = root.find("cbc:UUID", NS)
    read.put("ettn", text(uuid_el), uuid_el)
    type_el = root.find("cbc:InvoiceTypeCode", NS)
    read.put("invoice_type", (text(type_el) or "").upper() or None, type_el)
    read.text("issue_date", root, "cbc:IssueDate")
    read.text("due_date", root, "cac:PaymentMeans/cbc:PaymentDueDate")
    read.text("due_date", root, "cbc:DueDate")
    read.text("due_date", root, "cac:PaymentTerms/cbc:PaymentDueDate")
    read.text("order_number", root, "cac:OrderReference/cbc:ID")
    read.text("billing_reference", root, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID")
    read.text(
        "billing_reference_date",
        root,
        "cac:BillingReference/cac:InvoiceDocumentReference/cbc:IssueDate",
    )
    _party(read, "seller", root.find("cac:AccountingSupplierParty/cac:Party", NS))
    buyer = root.find("cac:AccountingCustomerParty/cac:Party", NS)
    real_buyer = root.find("cac:BuyerCustomerParty/cac:Party", NS)
    if real_buyer is not None and (profile or "").upper() in BUYER_IN_BUYER_CUSTOMER_PARTY:
        buyer = real_buyer
    _party(read, "buyer", buyer)
    currency_el = root.find("cbc:DocumentCurrencyCode", NS)
    currency = (text(currency_el) or "").upper() or None
    read.put("currency", currency, currency_el)
    if currency and currency != "TRY":
        for name in ("PricingExchangeRate", "PaymentExchangeRate", "TaxExchangeRate"):
            read.number("exchange_rate", root, f"cac:{name}/cbc:CalculationRate")
    for i, line in enumerate(root.iterfind("cac:InvoiceLine", NS)):
        _line(read, i, line)
    totals = root.find("cac:LegalMonetaryTotal", NS)
    read.number("subtotal", totals, "cbc:LineExtensionAmount")
    read.number("discount_total", totals, "cbc:AllowanceTotalAmount")
    _document_kdv(read, root)
    _withholding(read, root)
    read.number("total_with_taxes", totals, "cbc:TaxInclusiveAmount")
    read.number("payable_amount", totals, "cbc:PayableAmount")
    for account in root.iterfind("cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID", NS):
        value = (text(account) or "").replace(" ", "").upper()
        if value[:2].isalpha() and value[2:4].isdigit():
            read.put("iban", value, account)
            break
    _notes(read, root)
    return read


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """Dotted paths → nested dicts, with numeric keys turned into lists in order."""
    tree: dict[str, Any] = {}
    for path, value in flat.items():
        node = tree
        keys = path.split(".")
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value

    def lists(node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        done = {k: lists(v) for k, v in node.items()}
        if done and all(k.isdigit() for k in done):
            return [done[k] for k in sorted(done, key=int)]
        return done

    return lists(tree)
