"""Human labels of record fields for the review page: ``line_items.3.kdv_amount`` reads
"Kalem 4 · KDV tutarı" (English with ``ui_language = "en"``: "Item 4 · VAT amount").

A label is built from the path's parts: each name has a word in each language
(a few differ by family, or by the object holding them: an invoice's
``issue_date`` is its "Fatura tarihi", a card's its "Veriliş tarihi"; a contract's
``title`` is its heading, a representative's their "Unvan"), and a list item is
its list's singular noun with the item's number counted from 1. A test keeps
every field of every family's schema labelled in both languages; a name missing
here (a field added later) shows as it is, never as an error.
"""

from __future__ import annotations

from collections.abc import Callable

# name -> (Turkish, English); list names carry their item's singular noun
NAMES: dict[str, tuple[str, str]] = {
    # parties and their fields
    "seller": ("Satıcı", "Seller"),
    "buyer": ("Alıcı", "Buyer"),
    "parties": ("Taraf", "Party"),
    "guarantors": ("Kefil", "Guarantor"),
    "representatives": ("Temsilci", "Representative"),
    "name": ("Ad soyad / unvan", "Name"),
    "vkn": ("VKN", "Tax ID (VKN)"),
    "tckn": ("T.C. kimlik no", "T.C. ID number"),
    "tax_office": ("Vergi dairesi", "Tax office"),
    "address": ("Adres", "Address"),
    "mersis": ("MERSİS no", "MERSİS number"),
    "phone": ("Telefon", "Phone"),
    "email": ("E-posta", "E-mail"),
    "role": ("Sıfat", "Role"),
    "title": ("Unvan", "Title"),
    "sgk_no": ("SGK sicil no", "Social security number"),
    "sgk_workplace_no": ("SGK işyeri sicil no", "SSI workplace registration no"),
    "passport_no": ("Pasaport no", "Passport number"),
    "birth_date": ("Doğum tarihi", "Date of birth"),
    "birth_place": ("Doğum yeri", "Place of birth"),
    # invoices
    "kind": ("Tür", "Kind"),
    "invoice_number": ("Fatura no", "Invoice number"),
    "ettn": ("ETTN", "ETTN (UUID)"),
    "profile": ("Senaryo", "Profile"),
    "invoice_type": ("Fatura tipi", "Invoice type"),
    "issue_date": ("Fatura tarihi", "Issue date"),
    "due_date": ("Son ödeme tarihi", "Due date"),
    "currency": ("Para birimi", "Currency"),
    "exchange_rate": ("Döviz kuru", "Exchange rate"),
    "line_items": ("Kalem", "Item"),
    "description": ("Açıklama", "Description"),
    "quantity": ("Miktar", "Quantity"),
    "unit": ("Birim", "Unit"),
    "unit_price": ("Birim fiyat", "Unit price"),
    "discount": ("İskonto", "Discount"),
    "kdv_rate": ("KDV oranı", "VAT rate"),
    "kdv_amount": ("KDV tutarı", "VAT amount"),
    "amount": ("Tutar", "Amount"),
    "exemption_code": ("İstisna kodu", "Exemption code"),
    "exemption_reason": ("İstisna sebebi", "Exemption reason"),
    "subtotal": ("Mal hizmet toplamı", "Subtotal"),
    "discount_total": ("Toplam iskonto", "Total discount"),
    "kdv": ("KDV", "VAT"),
    "rate": ("Oran", "Rate"),
    "base": ("Matrah", "Taxable base"),
    "kdv_total": ("Toplam KDV", "Total VAT"),
    "withholding": ("Tevkifat", "Withholding"),
    "code": ("Kod", "Code"),
    "total_with_taxes": ("Vergiler dahil toplam", "Total with taxes"),
    "payable_amount": ("Ödenecek tutar", "Amount payable"),
    "amount_in_words": ("Yazıyla tutar", "Amount in words"),
    "iban": ("IBAN", "IBAN"),
    "order_number": ("Sipariş no", "Order number"),
    "notes": ("Notlar", "Notes"),
    "billing_reference": ("İade edilen fatura no", "Returned invoice number"),
    "billing_reference_date": ("İade edilen fatura tarihi", "Returned invoice date"),
    # identity documents
    "side": ("Yüz", "Side"),
    "surname": ("Soyadı", "Surname"),
    "given_names": ("Adı", "Given names"),
    "sex": ("Cinsiyet", "Sex"),
    "nationality": ("Uyruk", "Nationality"),
    "document_number": ("Belge no", "Document number"),
    "expiry_date": ("Son geçerlilik", "Expiry date"),
    "mother_name": ("Anne adı", "Mother's name"),
    "father_name": ("Baba adı", "Father's name"),
    "issuing_authority": ("Veren makam", "Issuing authority"),
    "mrz_lines": ("MRZ satırı", "MRZ line"),
    "religion_present": ("Din alanı basılı", "Religion field printed"),
    "blood_group_present": ("Kan grubu basılı", "Blood group printed"),
    # contracts
    "contract_type": ("Sözleşme türü", "Contract type"),
    "contract_date": ("Düzenleme tarihi", "Date signed"),
    "place": ("Düzenleme yeri", "Place signed"),
    "start_date": ("Başlangıç tarihi", "Start date"),
    "end_date": ("Bitiş tarihi", "End date"),
    "term_months": ("Süre (ay)", "Term (months)"),
    "yearly_amount": ("Yıllık bedel", "Yearly amount"),
    "kdv_included": ("KDV dahil", "VAT included"),
    "amount_period": ("Bedelin dönemi", "Amount period"),
    "payment_day": ("Ödeme günü", "Payment day"),
    "payment_day_rule": ("Ödeme günü kuralı", "Payment day rule"),
    "deposit": ("Depozito", "Deposit"),
    "subject": ("Konu", "Subject"),
    "property_address": ("Kiralananın adresi", "Property address"),
    "notice_period_days": ("İhbar süresi (gün)", "Notice period (days)"),
    "probation_months": ("Deneme süresi (ay)", "Probation (months)"),
    "penalty_amount": ("Cezai şart", "Penalty"),
    "governing_court": ("Yetkili mahkeme", "Competent court"),
    "clauses": ("Madde", "Clause"),
    "number": ("Numara", "Number"),
    "heading": ("Başlık", "Heading"),
    "section": ("Bölüm", "Section"),
    "page_start": ("İlk sayfa", "First page"),
    "page_end": ("Son sayfa", "Last page"),
    "job_title": ("Görevi", "Job title"),
    "special_categories": ("Özel nitelikli veri", "Special category"),
    "health": ("Sağlık", "Health"),
    "disability": ("Engellilik", "Disability"),
    "religion": ("Din", "Religion"),
    "blood_group": ("Kan grubu", "Blood group"),
}
# family -> name -> (Turkish, English), where a family means something else by a name
BY_FAMILY: dict[str, dict[str, tuple[str, str]]] = {
    "invoice": {"kind": ("Fatura türü", "Invoice kind")},
    "identity": {
        "kind": ("Belge türü", "Document kind"),
        "issue_date": ("Veriliş tarihi", "Date of issue"),
    },
    "contract": {
        "kind": ("Kişi türü", "Person or company"),
        "amount": ("Bedel", "Amount"),
        "title": ("Başlık", "Title"),
        "representatives.title": ("Unvan", "Title"),
    },
}
LANGUAGES = ("tr", "en")


def field_label(path: str, family: str | None, language: str) -> str:
    """The label of a dotted record path, e.g. ``line_items.3.kdv_amount`` ->
    "Kalem 4 · KDV tutarı"; parts joined by " · "."""
    column = LANGUAGES.index(language)
    own = BY_FAMILY.get(family or "", {})
    parts: list[str] = []
    names = path.split(".")
    parent = ""
    for i, name in enumerate(names):
        if name.isdigit():
            continue  # numbered with the list's noun below
        words = own.get(f"{parent}.{name}") or own.get(name) or NAMES.get(name)
        parent = name
        label = words[column] if words else name
        if i + 1 < len(names) and names[i + 1].isdigit():
            label = f"{label} {int(names[i + 1]) + 1}"
        parts.append(label)
    return " · ".join(parts)


def labeller(family: str | None, language: str) -> Callable[[str], str]:
    """``label(path)`` for one document's family in the page's language."""
    return lambda path: field_label(path, family, language)
